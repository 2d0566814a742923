from workers import Response, WorkerEntrypoint
from src.helpers import greet  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
