from workers import Response, WorkerEntrypoint

import tracing_lib.ids  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
