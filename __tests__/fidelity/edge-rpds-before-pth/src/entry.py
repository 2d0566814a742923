from workers import Response, WorkerEntrypoint

import rpds  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
