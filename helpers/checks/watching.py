"""Watching a learner's function while it runs: which functions it calls, and what it hides.

Three things a value check cannot see, and how the engine sees them:

* **shortcuts** — an exercise that asks you to *write* a stable sigmoid is not answered by
  calling ``helpers.sigmoid`` or ``scipy.special.expit``. While your function runs, every
  call it makes is watched; a call of a function the exercise forbids (or of the checker's
  own reference answer) is reported by name.
* **silenced warnings** — ``with np.errstate(all="ignore")`` hides an overflow, it does not
  remove it. When your function silences NumPy or Python warnings, the check runs it once
  more with the silencers switched off, and reports the warnings they were hiding.
* **hard-coded answers** — where an exercise says *compute*, a function that only returns a
  number typed into its code is not an answer.

How calls are seen: Python functions (``helpers.sigmoid``, ``scipy.special.softmax``) through
``sys.setprofile``, which reports every Python call with its caller; NumPy ufuncs such as
``scipy.special.expit`` or ``np.tanh`` are not Python functions, so while your function runs
they are replaced, in their module and in your notebook's namespace, by a thin recording
wrapper. Only calls made *from your own code* count: ``helpers.softmax`` may call whatever it
likes inside.
"""

import contextlib
import dis
import importlib
import importlib.util
import inspect
import os
import sys
import sysconfig
import types
import warnings

import numpy as np

HELPERS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKS_DIR = os.path.dirname(os.path.abspath(__file__))
LIBRARY_DIRS = tuple({os.path.abspath(sysconfig.get_paths()[key]) for key in ("stdlib", "purelib", "platlib")}
                     | {os.path.dirname(os.path.abspath(np.__file__))})


MACHINERY = ("engine.py", "watching.py", "comparing.py")   # the parts of helpers/checks that give no answers


def is_learner_code(code):
    """True for code the learner wrote (a notebook cell, a file of their own), not a library's."""
    name = code.co_filename
    if name.startswith("<frozen") or name.startswith(HELPERS_DIR):
        return False
    return not os.path.abspath(name).startswith(LIBRARY_DIRS) if os.path.isabs(name) else True


def called_by_learner(caller):
    """True if the call comes from the learner's code, directly or through a library.

    np.vectorize(f), map(f, …) or np.apply_along_axis(f, …) call f from NumPy's (or Python's)
    own code, on the learner's behalf; a call from inside helpers is the course's business.
    So: walk out through library frames to the first frame that is either.
    """
    frame = caller
    while frame is not None:
        if frame.f_code.co_filename.startswith(HELPERS_DIR):
            return False
        if is_learner_code(frame.f_code):
            return True
        frame = frame.f_back
    return False


def resolve(dotted):
    """The object a dotted name refers to ("scipy.special.expit"), or None if it is not available.

    A module that is installed but not yet imported is imported, so that a learner who
    imports it inside their function is still seen.
    """
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            if module_name not in sys.modules and importlib.util.find_spec(module_name) is None:
                continue
            obj = importlib.import_module(module_name)
        except (ImportError, ValueError):
            continue
        try:
            for attribute in parts[cut:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        return obj
    return None


def code_of(obj):
    """The code object behind a Python function, method or callable object, else None."""
    obj = getattr(obj, "__func__", obj)
    code = getattr(obj, "__code__", None)
    if code is None and not isinstance(obj, type):
        code = getattr(getattr(type(obj), "__call__", None), "__code__", None)
    return code


class CallWatcher:
    """Records which watched functions the learner's code calls, while it is active.

    ``watched`` maps a display name ("helpers.sigmoid") to a dotted path or to the object.
    Calls into the exercise modules of helpers/checks (the recorded answers included) are
    always recorded, as "the checker's own answer".
    """

    CHECKER = "the checker's own answer (helpers.checks)"

    def __init__(self, watched):
        self.by_code, self.wrapped = {}, {}
        watched = expand_wildcards(watched)
        for name, target in watched.items():
            obj = resolve(target) if isinstance(target, str) else target
            if obj is None:
                continue
            code = code_of(obj)
            if code is not None:
                self.by_code[code] = name
            elif callable(obj):
                self.wrapped[name] = (target, obj)
        self.called = []           # display names, in the order first seen
        self.allowed = set()       # code of functions handed to the learner as arguments

    def name_of(self, answer):
        """The watched function an answer merely wraps (np.vectorize(f), functools.partial(f)), else None."""
        inner = answer
        for _ in range(5):
            inner = getattr(inner, "pyfunc", None) or getattr(inner, "func", None) or \
                getattr(inner, "__wrapped__", None)
            if inner is None:
                return None
            code = code_of(inner)
            if code in self.by_code:
                return self.by_code[code]
            for name, (_, original) in self.wrapped.items():
                if inner is original:
                    return name
        return None

    def record(self, name):
        if name not in self.called:
            self.called.append(name)

    def profile(self, frame, event, arg):
        if event != "call":
            return
        code = frame.f_code           # cheap test first: is this a function we watch at all?
        if code not in self.by_code and not code.co_filename.startswith(CHECKS_DIR):
            return
        if not called_by_learner(frame.f_back):
            return
        if code in self.allowed:
            return
        if code in self.by_code:
            self.record(self.by_code[code])
        elif code.co_filename.startswith(CHECKS_DIR) and os.path.basename(code.co_filename) not in MACHINERY:
            self.record(self.CHECKER)

    def wrapper(self, name, original):
        return Recording(self, name, original)

    @contextlib.contextmanager
    def watching(self, namespaces=()):
        """Watch while the block runs; ``namespaces``: the learner's globals dicts and closure cells."""
        swaps = []
        for name, (target, original) in self.wrapped.items():
            stand_in = self.wrapper(name, original)
            if isinstance(target, str) and "." in target:
                module = resolve(target.rsplit(".", 1)[0])
                if isinstance(module, types.ModuleType):
                    swaps.append((vars(module), target.rsplit(".", 1)[1], original, stand_in))
            for namespace in namespaces:
                if isinstance(namespace, types.CellType):
                    if _cell_holds(namespace, original):
                        swaps.append((namespace, None, original, stand_in))
                    continue
                for key, value in list(namespace.items()):
                    if value is original:
                        swaps.append((namespace, key, original, stand_in))
        previous = sys.getprofile()
        for place, key, _, stand_in in swaps:
            _put(place, key, stand_in)
        sys.setprofile(self.profile)
        try:
            yield self
        finally:
            sys.setprofile(previous)
            for place, key, original, _ in reversed(swaps):
                _put(place, key, original)


class Recording:
    """Stands in for a ufunc while the answer runs: records a call from learner code, then calls it.

    Anything else (np.logaddexp.reduce, np.tanh.nin) is passed on to the ufunc itself.
    """

    def __init__(self, watcher, name, original):
        self._watcher, self._name, self._original = watcher, name, original

    def __call__(self, *args, **kwargs):
        if called_by_learner(sys._getframe(1)):
            self._watcher.record(self._name)
        return self._original(*args, **kwargs)

    def __getattr__(self, attribute):
        return getattr(self._original, attribute)


def expand_wildcards(watched):
    """"helpers.models.*" becomes every function of helpers.models ("helpers.models.scores", …)."""
    expanded = {}
    for name, target in watched.items():
        if isinstance(target, str) and target.endswith(".*"):
            container = resolve(target[:-2])
            for attribute, obj in vars(container).items() if container is not None else ():
                if inspect.isfunction(obj) and not attribute.startswith("_") and \
                        obj.__module__ == getattr(container, "__module__", getattr(container, "__name__", "")):
                    expanded[f"{target[:-2]}.{attribute}"] = obj
        else:
            expanded[name] = target
    return expanded


def _cell_holds(cell, obj):
    try:
        return cell.cell_contents is obj
    except ValueError:          # an empty cell
        return False


def _put(place, key, value):
    """namespace[key] = value, or for a closure cell, its contents."""
    if key is None:
        place.cell_contents = value
    else:
        place[key] = value


# --- warnings silenced on purpose ----------------------------------------------------------------

SILENCERS = {"np.errstate": np.errstate.__enter__, "@np.errstate": np.errstate()(lambda: None),
             "np.seterr": np.seterr,
             "warnings.simplefilter": warnings.simplefilter,
             "warnings.filterwarnings": warnings.filterwarnings}


@contextlib.contextmanager
def silencers_switched_off():
    """While the block runs, np.errstate, np.seterr and the warnings filters change nothing."""
    saved = (np.errstate.__enter__, np.errstate.__exit__, np.seterr,
             warnings.simplefilter, warnings.filterwarnings)
    np.errstate.__enter__ = lambda self: self
    np.errstate.__exit__ = lambda self, *exc: None
    np.seterr = lambda *args, **kwargs: np.geterr()
    warnings.simplefilter = warnings.filterwarnings = lambda *args, **kwargs: None
    try:
        yield
    finally:
        (np.errstate.__enter__, np.errstate.__exit__, np.seterr,
         warnings.simplefilter, warnings.filterwarnings) = saved


# --- answers typed in rather than computed --------------------------------------------------------

def _codes(code):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _codes(constant)


def _literals(code):
    """Every number written in the code (strings that read as numbers included)."""
    found = []
    for c in _codes(code):
        stack = list(c.co_consts)
        while stack:
            constant = stack.pop()
            if isinstance(constant, (tuple, frozenset)):
                stack.extend(constant)
            elif isinstance(constant, (int, float)) and not isinstance(constant, bool):
                found.append(float(constant))
            elif isinstance(constant, str):
                try:
                    found.append(float(constant))
                except ValueError:
                    pass
    return found


def computes_nothing(code):
    """True if the code makes no call and has no loop: it can only return what is written in it."""
    for c in _codes(code):
        for instruction in dis.get_instructions(c):
            jumps = instruction.opcode in dis.hasjrel or instruction.opcode in dis.hasjabs
            backward = jumps and isinstance(instruction.argval, int) and instruction.argval < instruction.offset
            if instruction.opname.startswith("CALL") or instruction.opname == "FOR_ITER" or backward:
                return False
    return True


def typed_in(function, value):
    """True if ``value`` (a number or a small array) was typed into ``function`` rather than computed.

    Either the function makes no call and has no loop, or every non-integer number it
    returns appears, digit for digit, among the numbers written in its code.
    """
    remote = getattr(function, "remote_typed_in", None)
    if remote is not None:       # graded work: asked of the student's function in the sandbox
        return remote(value)
    code = code_of(function)
    if code is None:
        return False
    if computes_nothing(code):
        return True
    try:
        values = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError, OverflowError):
        return False
    fractional = [v for v in values if np.isfinite(v) and v != round(v)]
    if not fractional or values.size > 50:
        return False
    literals = set(_literals(code))
    return all(v in literals or -v in literals for v in fractional)
