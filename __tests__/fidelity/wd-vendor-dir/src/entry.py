import sys

from a import A
from duplicate import WHO

assert A == 77
# A module in the Worker's own files wins over python_modules/ (session path first).
assert WHO == "worker"

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
