from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        out = await self.env.AI.run("@cf/openai/gpt-oss-120b", {"input": "hi"})
        return Response.json(out.output)
