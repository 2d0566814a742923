from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound
from workers import Request, Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request: Request):
        return Response("rpc only")

    async def highlight_code(self, code: str, language: str = None) -> dict:
        try:
            lexer = get_lexer_by_name(language) if language else guess_lexer(code)
        except ClassNotFound:
            return {"error": language}
        return {"html": highlight(code, lexer, HtmlFormatter(style="monokai"))}
