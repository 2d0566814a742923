from workers import WorkerEntrypoint


class Default(WorkerEntrypoint):
    def test(*args):
        pass
