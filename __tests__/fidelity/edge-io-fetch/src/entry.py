from workers import Response, WorkerEntrypoint
from js import fetch

CONFIG = fetch("https://example.com/config.json")  # <- io


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
