from random import choice, randbytes, random

try:
    random()  # <~ caught-entropy
except RuntimeError as e:
    assert repr(e) == "RuntimeError('Cannot use random.random() outside of request context')"
else:
    assert False  # noqa: B011

try:
    randbytes(5)  # <~ caught-entropy
except RuntimeError as e:
    assert repr(e) == "RuntimeError('Cannot use random.randbytes() outside of request context')"
else:
    assert False  # noqa: B011

try:
    choice([1, 2, 3])  # <~ caught-entropy
except RuntimeError as e:
    assert repr(e) == "RuntimeError('Cannot use random.choice() outside of request context')"
else:
    assert False  # noqa: B011


def test():
    random()
    randbytes(5)
    choice([1, 2, 3])
