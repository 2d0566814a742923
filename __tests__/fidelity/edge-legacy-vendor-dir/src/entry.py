from a import A
from workers import Response

assert A == 77


async def on_fetch(request, env):
    return Response(str(A))
