from workers import Response, WorkerEntrypoint
import sqlite3

# Django 5.2's sqlite3 backend makes this comparison at import (needs SQLite 3.31+).
assert sqlite3.sqlite_version_info >= (3, 31, 0), sqlite3.sqlite_version


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
