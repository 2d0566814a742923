from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        rows = await self.env.DB.prepare("SELECT 1 AS one").all()
        return Response.json(rows.results[0])
