from workers import Response, WorkerEntrypoint
import extra_module  # <- import


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
