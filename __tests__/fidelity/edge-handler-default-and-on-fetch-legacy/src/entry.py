from workers import Response, WorkerEntrypoint
async def on_fetch(request, env):
    return Response("legacy")


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("class")
