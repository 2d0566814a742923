from workers import Response, WorkerEntrypoint
import multiprocessing.process
from multiprocessing import process

NAME = process.current_process().name


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
