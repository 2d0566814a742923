from urllib.parse import urlparse

from pyodide.ffi import to_js
from workers import DurableObject, Response, WorkerEntrypoint


class List(DurableObject):
    async def add(self, item):
        items = (await self.ctx.storage.get("items")) or []
        await self.ctx.storage.put("items", to_js([*items, item]))


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        name = urlparse(request.url).path.strip("/") or "default"
        await self.env.LISTS.get(self.env.LISTS.idFromName(name)).add(name)
        return Response("added")
