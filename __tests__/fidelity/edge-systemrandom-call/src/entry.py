from workers import Response, WorkerEntrypoint
import random

SYS = random.SystemRandom()
PICK = SYS.random()  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
