import asyncio
import random
from urllib.parse import urlparse

from workers import Response, WorkerEntrypoint, WorkflowEntrypoint


class DAGWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("wait")
        async def wait():
            await asyncio.sleep(random.randint(1, 3))

        @step.do("done", depends=[wait], concurrent=True)
        async def done(result=None):
            print("done")

        await done()


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        if urlparse(request.url).path == "/start":
            return Response((await self.env.MY_WORKFLOW.create()).id)
        return Response("use /start")
