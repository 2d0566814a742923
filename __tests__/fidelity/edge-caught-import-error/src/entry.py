from workers import Response, WorkerEntrypoint
try:
    import ujson as json
except ImportError:
    import json

DUMPS = json.dumps


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
