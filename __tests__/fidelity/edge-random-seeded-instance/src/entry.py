from workers import Response, WorkerEntrypoint
import random

RNG = random.Random(42)
ORDER = RNG.sample(range(10), 5)


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
