from workers import import_from_javascript

vectorize = import_from_javascript("cloudflare:vectorize")  # <- import


async def on_fetch(request, env):
    pass
