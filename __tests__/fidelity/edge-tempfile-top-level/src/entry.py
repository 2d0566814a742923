from workers import Response, WorkerEntrypoint
import os
import tempfile

SCRATCH = tempfile.mkdtemp()
assert os.path.basename(SCRATCH).startswith("tmp")


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
