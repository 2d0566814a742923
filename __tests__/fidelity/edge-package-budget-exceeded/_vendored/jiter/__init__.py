import os

_SEED = os.urandom(8)
_SALT = os.urandom(8)
