from workers import Response, WorkerEntrypoint
import js

CACHE = js.Map.new()


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
