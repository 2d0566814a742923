import httpx
import requests
import urllib3
from workers import Response, WorkerEntrypoint

URL = "https://example.com/"


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        codes = [requests.get(URL, timeout=10).status_code, urllib3.PoolManager().request("GET", URL).status]
        with httpx.Client() as client:
            codes.append(client.get(URL).status_code)
        return Response.json(codes)
