from workers import Response, WorkerEntrypoint
from workers import import_from_javascript

env = import_from_javascript("cloudflare:workers").env
MODE = env.MODE
assert MODE == "production"


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
