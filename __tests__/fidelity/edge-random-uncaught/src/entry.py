from workers import Response, WorkerEntrypoint
from random import random

START = random()  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
