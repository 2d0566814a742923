import os

from workers import WorkerEntrypoint


class WorkerEntrypointExample(WorkerEntrypoint):
    def __init__(self, state, env):
        self.state = state
        self.counter = 0

    async def rpc_trigger_func(self):
        os.urandom(4)
        self.counter += 1
        return f"hello from python {self.counter}"


async def test(ctrl, env, ctx):
    assert await env.entrypoint.rpc_trigger_func() == "hello from python 1"
