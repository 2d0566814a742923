import json
import time
from urllib.parse import urlparse

import js
from pyodide.ffi import create_proxy
from workers import DurableObject, Response, WorkerEntrypoint


class BlueskyFirehoseConsumer(DurableObject):
    def __init__(self, state, env):
        super().__init__(state, env)
        self.ws = None
        self.seen = 0.0

    def _on_message(self, event):
        self.seen = time.time()
        print(json.loads(event.data).get("kind"))

    async def fetch(self, request):
        if self.ws is None:
            self.ws = js.WebSocket.new("wss://example.invalid/stream")
            self.ws.addEventListener("message", create_proxy(self._on_message))
        return Response(f"{urlparse(request.url).path}: last {self.seen}")


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        ns = self.env.BLUESKY_FIREHOSE
        return await ns.get(ns.idFromName("one")).fetch(request)
