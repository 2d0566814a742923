from urllib.parse import urlparse

from workers import Response, WorkerEntrypoint

from greeting import greet


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        name = urlparse(request.url).path.strip("/") or "world"
        return Response(greet(self.env.GREETING, name))
