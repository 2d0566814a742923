from workers import Response, WorkerEntrypoint
import os

KEY = os.urandom(16)  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
