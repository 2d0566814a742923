from workers import Response, WorkerEntrypoint

import jiter


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
