import os

# A Rust extension seeds its hash maps once at import: one entropy call.
_SEED = os.urandom(8)
