from workers import Response, WorkerEntrypoint
from json import VALUE  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
