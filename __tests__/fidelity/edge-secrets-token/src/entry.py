from workers import Response, WorkerEntrypoint
import secrets

TOKEN = secrets.token_hex(16)  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
