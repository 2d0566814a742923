import sys

# setup.pth in python_modules/ adds "extra_dir", resolved against python_modules/.
expected_extra_dir = "/session/metadata/python_modules/extra_dir"
assert expected_extra_dir in sys.path

import extra_module

assert extra_module.VALUE == 42


def test():
    pass
