from workers import Response, WorkerEntrypoint
from js import JSON, Object, Response as JsResponse

HEADERS = Object
ENCODE = JSON.stringify


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
