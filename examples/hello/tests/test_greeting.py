from greeting import greet


def test_greet_uses_name():
    assert greet("Hello", "Ada") == "Hello, Ada!"


def test_greet_defaults_to_world():
    assert greet("Hi", "  ") == "Hi, world!"
