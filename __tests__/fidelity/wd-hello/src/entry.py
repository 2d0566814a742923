import js
from js import globalThis

from pyodide import __version__
from pyodide.ffi import JsException

# On 0.28.2 the runtime hands top-level code a patched `js`, so it is not globalThis.
assert __version__ == "0.28.2"
assert js != globalThis

try:
    js.fetch("example.com")  # <~ caught-io
except JsException as e:
    assert "Disallowed operation called within global scope" in str(e)
else:
    assert False  # noqa: B011


def test():
    assert js == globalThis
