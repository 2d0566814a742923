from workers import Response, WorkerEntrypoint
import sys

assert sys.version_info >= (3, 14), "this Worker needs Python 3.14"  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
