from workers import Response, WorkerEntrypoint
import random

SYS = random.SystemRandom()


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
