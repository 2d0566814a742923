from workers import Response, WorkerEntrypoint

from net import CONFIG


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
