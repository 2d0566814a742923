from workers import Response, WorkerEntrypoint

import rpds


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
