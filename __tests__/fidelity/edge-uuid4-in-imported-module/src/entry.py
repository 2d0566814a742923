from workers import Response, WorkerEntrypoint
from ids import INSTANCE_ID


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
