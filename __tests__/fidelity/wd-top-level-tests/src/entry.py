# Top-level import of multiprocessing works (multiprocessing.process may use entropy once).
import multiprocessing

from workers import WorkerEntrypoint, import_from_javascript

from pyodide import __version__


def use(x):
    pass


def f():
    pass


def top_level_test():
    workers_module = import_from_javascript("cloudflare:workers")
    env = workers_module.env
    assert env.FOO == "BAR", "env.FOO should be 'BAR'"
    sockets_module = import_from_javascript("cloudflare:sockets")
    assert __version__ == "0.28.2"
    vectorize = import_from_javascript("cloudflare:vectorize")
    assert {"DistanceMetric", "KnownModel", "MetadataRetrievalLevel"}.issubset(dir(vectorize))

    from js import setTimeout

    from pyodide.ffi import create_once_callable

    setTimeout(create_once_callable(f), 0)
    err = None
    try:
        setTimeout(create_once_callable(f), 1)  # <~ caught-io
    except Exception as e:
        err = e
    finally:
        assert err
        assert str(err).startswith("Error: Disallowed operation called within global scope")
        del err
    return [workers_module, env, sockets_module, vectorize]


TOP_LEVEL = top_level_test()


class Default(WorkerEntrypoint):
    async def test(self):
        use(multiprocessing)
