"""For each graded exercise, a copy of ``helpers`` in which the functions it forbids do not exist.

An exercise may forbid functions of the course's own library (exercise 1.1 forbids ``helpers.sigmoid``:
it asks the student to write it). Watching calls in the student's process can be switched off from
there, so graded work takes the functions away instead: the sandbox sees a copy of ``helpers`` whose
forbidden functions only raise ``ForbiddenCall`` (their code is not in the copy, nor anywhere else the
sandbox can see), and SciPy is hidden. Calling one, however it is reached (an alias, ``getattr``, a
thread, ``importlib.reload``), scores 0 as a forbidden call.

The copy leaves out the checks' recorded answers (helpers/checks/recorded/) too.
"""

import ast
import atexit
import hashlib
import inspect
import shutil
import tempfile
from pathlib import Path

from helpers.checks.watching import expand_wildcards, resolve
from tools.classroom.sandbox import HELPERS

STUB = ("from helpers._forbidden import ForbiddenCall\n"
        "raise ForbiddenCall({name!r})\n")
FORBIDDEN_MODULE = '''"""Raised, in graded work, by a function the exercise forbids (tools/classroom/stubbed.py)."""


class ForbiddenCall(Exception):
    """args[0] names the forbidden function."""
'''


def targets(forbidden):
    """{source file: {qualname: display name}} of the forbidden Python functions defined in helpers."""
    found = {}
    for name, target in expand_wildcards({name: name for name in forbidden}).items():
        function = resolve(target) if isinstance(target, str) else target
        function = inspect.unwrap(function) if callable(function) else function
        if not inspect.isfunction(function):
            continue
        source = Path(inspect.getsourcefile(function) or "").resolve()
        if HELPERS.resolve() in source.parents:
            found.setdefault(source, {})[function.__qualname__] = name
    return found


def stub_functions(source_text, qualnames):
    """The module's source with the body of each function in ``qualnames`` ({qualname: name}) replaced."""
    tree = ast.parse(source_text)

    def visit(body, prefix):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualname = prefix + node.name
                if isinstance(node, ast.ClassDef):
                    visit(node.body, qualname + ".")
                elif qualname in qualnames:
                    node.body = ast.parse(STUB.format(name=qualnames[qualname])).body
                    node.decorator_list = [d for d in node.decorator_list
                                           if isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")]
    visit(tree.body, "")
    return ast.unparse(tree) + "\n"


class StubbedCopies:
    """Copies of helpers, one per set of forbidden names, made once per grading run in a temporary folder."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="graded-helpers-"))
        self.root.chmod(0o755)
        atexit.register(shutil.rmtree, self.root, True)
        self.made = {}

    def path_for(self, forbidden):
        """The folder to put on sys.path (it holds ``helpers/``) for an exercise forbidding ``forbidden``."""
        key = hashlib.sha256("\n".join(sorted(forbidden)).encode()).hexdigest()[:16]
        if key not in self.made:
            folder = self.root / key
            shutil.copytree(HELPERS, folder / "helpers",
                            ignore=shutil.ignore_patterns("__pycache__", "recorded", "*.pyc"))
            (folder / "helpers" / "_forbidden.py").write_text(FORBIDDEN_MODULE)
            for source, qualnames in targets(forbidden).items():
                copy = folder / "helpers" / source.relative_to(HELPERS.resolve())
                copy.write_text(stub_functions(source.read_text(encoding="utf-8"), qualnames), encoding="utf-8")
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            self.made[key] = folder
        return self.made[key]
