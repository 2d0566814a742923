from urllib.parse import urlparse

from js import Date
from workers import DurableObject, Response, WorkerEntrypoint


class DurableObjectExample(DurableObject):
    def __init__(self, state, env):
        super().__init__(state, env)
        self.storage = state.storage
        self.counter = 0

    async def fetch(self, request):
        self.counter += 1
        return Response(f"{urlparse(request.url).path} {self.counter} {Date.now()}")


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        stub = self.env.ns.get(self.env.ns.idFromName("A"))
        return await stub.fetch(request)
