from urllib.parse import parse_qs, urlparse

from workers import Response, WorkerEntrypoint

from events import parse_event


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        url = urlparse(request.url)
        when = parse_qs(url.query).get("at", ["2025-01-01"])[0]
        event = parse_event(url.path.strip("/"), when)
        return Response(f"{self.env.GREETING}: {event.describe()}")
