from workers import Response, WorkerEntrypoint
import extra_module

assert extra_module.VALUE == 42


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
