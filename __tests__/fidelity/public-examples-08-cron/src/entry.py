from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def scheduled(self, controller, env, ctx):
        print("tick")

    async def fetch(self):
        return Response("cron worker")
