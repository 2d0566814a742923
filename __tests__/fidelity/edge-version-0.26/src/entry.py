import sys

import js
from js import globalThis
from pyodide import __version__

assert __version__ == "0.26.0a2", __version__
assert sys.version_info[:2] == (3, 12)
assert js == globalThis


async def on_fetch(request, env):
    pass
