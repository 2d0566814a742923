from workers import Response, WorkerEntrypoint

import aiohttp.http_websocket


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
