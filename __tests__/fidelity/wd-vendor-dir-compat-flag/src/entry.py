import sys

from a import A  # <- import


def test():
    assert "/session/metadata/vendor" not in sys.path
