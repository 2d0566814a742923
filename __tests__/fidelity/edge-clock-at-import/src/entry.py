from workers import Response, WorkerEntrypoint
import time

STARTED = time.time()  # <~ clock


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
