from workers import Response, WorkerEntrypoint
class Api(WorkerEntrypoint):
    async def add(self, a, b):
        return a + b
