def greet(greeting: str, name: str) -> str:
    """Build the reply the Worker sends for a name."""
    name = name.strip() or "world"
    return f"{greeting}, {name}!"
