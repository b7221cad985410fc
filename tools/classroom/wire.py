"""Values across the sandbox's wall: JSON, with NumPy arrays as .npy bytes, and never pickle.

The grader reads what a student's code returned from a process the student controls, so decoding must
not run code: no pickle (unpickling can call anything), ``np.load(allow_pickle=False)`` for arrays, and
anything else becomes an ``Opaque`` stand-in that only carries its type name and a short repr. Sizes and
depths are bounded, so a huge or self-referencing return value cannot exhaust the grader.
"""

import base64
import io
import json
import math

import numpy as np

MAX_DEPTH = 6
MAX_ITEMS = 10_000
MAX_ARRAY_BYTES = 8 * 2**20           # the course's answers are far smaller; bounds the grader's memory
MAX_TEXT = 20_000


class Opaque:
    """What the grader sees of a value it cannot carry: its type's name and a short repr."""

    def __init__(self, type_name, text):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return self.text


def opaque_type(type_name):
    """A class named like the student's (so messages say "a Foo"), standing for an unreadable value."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (Opaque,), {})


def callable_label(function):
    """How a function given to a student's code is named across the wall: its ``name`` (the checks'
    labelled functions) or module:qualname; the other side finds it again (inside.py)."""
    name = getattr(function, "name", None)
    if isinstance(name, str):
        return name
    return f"{getattr(function, '__module__', '')}:{getattr(function, '__qualname__', '')}"


def encode(value, depth=0):
    """A JSON-able tree for ``value`` (see decode)."""
    if depth > MAX_DEPTH:
        return {"opaque": "object", "repr": "a value nested too deeply"}
    if value is None or isinstance(value, (bool, str)):
        return value if not isinstance(value, str) else value[:MAX_TEXT]
    if isinstance(value, int):
        return value if abs(value) < 2**63 else {"bigint": str(value)[:MAX_TEXT]}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, complex):
        return {"complex": [encode(value.real), encode(value.imag)]}
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc" and value.nbytes <= MAX_ARRAY_BYTES:
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        return {"ndarray": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if isinstance(value, np.generic) and value.dtype.kind in "biufc":
        return {"npscalar": encode(np.asarray(value), depth + 1)}
    if isinstance(value, (list, tuple)) and len(value) <= MAX_ITEMS:
        return {type(value).__name__ if type(value) in (list, tuple) else "list":
                [encode(v, depth + 1) for v in value]}
    if isinstance(value, dict) and len(value) <= MAX_ITEMS:
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if callable(value) and not isinstance(value, type):
        return {"callable": callable_label(value)}
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 — a student's object whose repr fails
        text = f"a {type(value).__name__} object"
    return {"opaque": type(value).__name__, "repr": text[:200]}


def decode(tree, depth=0, resolve=None):
    """The value ``encode`` described; Opaque stand-ins for what it could not carry. ``resolve(label)`` turns a
    function's label back into the function (only the sandbox side passes it: the grader never needs to)."""
    if depth > MAX_DEPTH + 1:
        raise ValueError("nested too deeply")
    if tree is None or isinstance(tree, (bool, int, float, str)):
        return tree
    if not isinstance(tree, dict) or len(tree) not in (1, 2):
        raise ValueError(f"not a value: {str(tree)[:80]}")
    kind = next(iter(tree))
    if kind == "bigint":
        return int(tree["bigint"])
    if kind == "float":
        return float(tree["float"])
    if kind == "complex":
        return complex(*(decode(part, depth + 1, resolve) for part in tree["complex"]))
    if kind == "ndarray":
        raw = base64.b64decode(tree["ndarray"], validate=True)
        if len(raw) > MAX_ARRAY_BYTES + 4096:
            raise ValueError("array too large")
        return np.load(io.BytesIO(raw), allow_pickle=False)
    if kind == "npscalar":
        return decode(tree["npscalar"], depth + 1, resolve)[()]
    if kind in ("list", "tuple"):
        items = [decode(v, depth + 1, resolve) for v in tree[kind][:MAX_ITEMS]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {_hashable(decode(k, depth + 1, resolve)): decode(v, depth + 1, resolve) for k, v in tree["dict"][:MAX_ITEMS]}
    if kind == "callable":
        label = str(tree["callable"])
        function = resolve(label) if resolve else None
        return function if function is not None else opaque_type("function")("function", f"<function {label}>")
    if kind == "opaque":
        return opaque_type(str(tree["opaque"]))(str(tree["opaque"]), str(tree.get("repr", ""))[:200])
    raise ValueError(f"unknown kind {kind!r}")


def _hashable(key):
    try:
        hash(key)
        return key
    except TypeError:
        return repr(key)


def dumps(message):
    return json.dumps(message, allow_nan=False, separators=(",", ":"))


def loads(line, limit=256 * 2**20):
    if len(line) > limit:
        raise ValueError("message too large")
    return json.loads(line)
