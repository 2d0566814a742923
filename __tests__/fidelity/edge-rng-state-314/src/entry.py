from workers import Response, WorkerEntrypoint
import random

FIRST = random._inst.random()


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
