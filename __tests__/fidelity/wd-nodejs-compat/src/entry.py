from js import process

assert process.versions.node is not None


def test():
    assert process.versions.node is not None
