from workers import Response, WorkerEntrypoint
RATIO = 1 / 0  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
