from workers import WorkflowEntrypoint


class WorkflowEntrypointExample(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("normal_step")
        async def normal_step(ctx):
            return "done"

        return await normal_step()
