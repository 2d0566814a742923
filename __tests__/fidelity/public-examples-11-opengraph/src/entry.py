from html import escape
from urllib.parse import urlparse

from js import HTMLRewriter
from pyodide.ffi import create_proxy
from workers import Request, WorkerEntrypoint, fetch


class AddTitle:
    def __init__(self, title):
        self.title = title

    def element(self, head):
        head.prepend(f'<meta property="og:title" content="{escape(self.title, quote=True)}" />', html=True)


class Remove:
    def element(self, el):
        el.remove()


class Default(WorkerEntrypoint):
    async def fetch(self, request: Request):
        path = urlparse(request.url).path
        page = await fetch(f"https://example.com{path}")
        rewriter = HTMLRewriter.new()
        rewriter.on('meta[property^="og:"]', create_proxy(Remove()))
        rewriter.on("head", create_proxy(AddTitle(path)))
        return rewriter.transform(page.js_object)
