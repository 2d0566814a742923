from workers import Response, WorkerEntrypoint
from js import setTimeout

from pyodide.ffi import create_once_callable

setTimeout(create_once_callable(lambda: None), 50)  # <- io


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
