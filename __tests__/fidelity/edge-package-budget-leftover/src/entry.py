from workers import Response, WorkerEntrypoint

import jiter  # <- entropy


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
