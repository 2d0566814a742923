from workers import Response, WorkerEntrypoint
import random

# _inst is not callable, so the blocking proxy hands it over; drawing from it moves the seed.
FIRST = random._inst.random()


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
