from workers import Response, WorkerEntrypoint
from a import A  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
