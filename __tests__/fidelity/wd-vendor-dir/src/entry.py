import sys

import duplicate  # noqa: F401  (in both the Worker's files and python_modules/: must not crash)
from a import A

assert A == 77

python_modules_path = "/session/metadata/python_modules"
python_modules_index = sys.path.index(python_modules_path)
for i, path in enumerate(sys.path):
    if "site-packages" in path:
        assert i > python_modules_index, path
v = f"{sys.version_info[0]}{sys.version_info[1]}"
for path in [f"/lib/python{v}.zip", f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}"]:
    if path in sys.path:
        assert sys.path.index(path) < python_modules_index, path


def test():
    assert A == 77
