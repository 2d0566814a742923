from workers import Response, WorkerEntrypoint
import random

try:
    JITTER = random.random()  # <~ caught-entropy
except RuntimeError:
    JITTER = 0.5


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
