from workers import Response, WorkerEntrypoint
import random

DICE = random.randint(1, 6)  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
