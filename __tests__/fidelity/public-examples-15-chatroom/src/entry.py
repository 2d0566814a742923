import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from js import WebSocketPair
from workers import DurableObject, Response, WorkerEntrypoint


class Chatroom(DurableObject):
    def __init__(self, state, env):
        super().__init__(state, env)
        self.state = state

    async def fetch(self, request):
        client, server = WebSocketPair.new().object_values()
        self.state.acceptWebSocket(server)
        return Response(None, status=101, web_socket=client)

    async def webSocketMessage(self, ws, message):
        stamped = {"text": json.loads(message).get("text"), "at": datetime.now(UTC).isoformat()}
        for peer in self.state.getWebSockets():
            peer.send(json.dumps(stamped))

    async def webSocketClose(self, ws, code, reason, wasClean):
        ws.close(code, reason)


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        path = urlparse(request.url).path
        if path == "/":
            return Response((Path(__file__).parent / "chatroom.html").read_text(), headers={"Content-Type": "text/html"})
        ns = self.env.CHATROOM
        return await ns.get(ns.idFromName(path)).fetch(request)
