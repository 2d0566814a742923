from js import fetch

from pyodide.ffi import JsException

try:
    CONFIG = fetch("https://example.com/config.json")  # <~ caught-io
except JsException:
    CONFIG = None
