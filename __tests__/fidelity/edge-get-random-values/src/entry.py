from workers import Response, WorkerEntrypoint
from js import Uint8Array, crypto

NONCE = crypto.getRandomValues(Uint8Array.new(8))  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
