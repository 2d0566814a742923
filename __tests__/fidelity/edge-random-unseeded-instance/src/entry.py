from workers import Response, WorkerEntrypoint
import random

RNG = random.Random()  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
