import random

_rng = random.Random()
