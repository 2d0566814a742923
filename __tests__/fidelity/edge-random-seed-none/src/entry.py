from workers import Response, WorkerEntrypoint
import random

random.seed()  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
