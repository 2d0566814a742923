from workers import Response, WorkerEntrypoint
import sys

import pyodide

assert pyodide.__version__ == "314.0.4", pyodide.__version__
assert sys.version_info[:2] == (3, 14)


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
