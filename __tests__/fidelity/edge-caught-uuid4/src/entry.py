from workers import Response, WorkerEntrypoint
import uuid

try:
    INSTANCE = uuid.uuid4().hex  # <~ caught-entropy
except OSError:
    INSTANCE = "unset"


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
