from js import Object
from pyodide.ffi import create_proxy, to_js
from workers import WorkerEntrypoint

CHILD = "from workers import Response, WorkerEntrypoint\n\nclass Default(WorkerEntrypoint):\n    async def fetch(self, request):\n        return Response('child')\n"


def child_code():
    spec = {"compatibilityDate": "2026-04-01", "compatibilityFlags": ["python_workers"], "mainModule": "entry.py", "modules": {"entry.py": CHILD}}
    return to_js(spec, dict_converter=Object.fromEntries)


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        child = self.env.LOADER.get("child-v1", create_proxy(child_code))
        return await child.getEntrypoint().fetch(request._js_request)
