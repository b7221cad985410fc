"""Recorded answers: what the right answer and each known mistake give on a check's own inputs.

The course you install holds no answer code. An exercise's right answer (its ``reference``) and the
function of each known mistake (its ``wrong``: the answer with a bug) live with the teacher, in
``solutions/answers/``. ``tools/record_answers.py`` runs them on every public test case and stores
what they gave in ``recorded/chNN.npz``; here they are looked up again. The check compares your
function with these values exactly as it would with the functions themselves: same values, same
NumPy warnings, same errors.

A case is found by a hash of its arguments (see :func:`case_key`), so a recorded answer works only
on the check's own inputs, and says so on any other.

The file format is NumPy's ``.npz`` (a zip of ``.npy`` arrays; no pickle): one array ``index`` holds
a JSON description of every outcome, and the arrays it names (``a0``, ``a1``, …) hold the values.
"""

import hashlib
import json
import os
import warnings
import zipfile

import numpy as np

RECORDED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorded")


class _Marker:
    """Stands for "recorded" in a chapter module: ``reference=RECORDED``, ``Mistake(name, RECORDED, …)``."""

    def __repr__(self):
        return "RECORDED"


RECORDED = _Marker()


class NotRecorded(LookupError):
    """The recorded answer was asked about inputs that are not among the check's own."""


class RecordedError(Exception):
    """Raised again when the recorded function raised on these inputs ("TypeError: …")."""


# --- finding a case again ----------------------------------------------------------------------

def _describe(value):
    """Bytes that identify an argument: dtype, shape and bytes of an array, the repr of anything else.

    A function passed as an argument is named by module:qualname, or by its label (its repr) when it
    is an object that names itself, like the check's own labelled functions ("np.sin").
    """
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError("arrays of Python objects cannot be recorded")
        return f"array {value.dtype.str} {value.shape} ".encode() + np.ascontiguousarray(value).tobytes()
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} {len(value)} (".encode() + b",".join(map(_describe, value)) + b")"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"function {value.__module__}:{value.__qualname__}".encode()
    text = repr(value)
    if " at 0x" in text:
        raise TypeError(f"{text} has no stable name; give it a readable repr to record it")
    return f"{type(value).__name__} {text}".encode()


def case_key(args):
    """A stable hash of a case's arguments: the same on every machine and in every run."""
    return hashlib.sha256(b"|".join(_describe(a) for a in args)).hexdigest()[:32]


# --- values to arrays and back ----------------------------------------------------------------------

def encode(value, arrays):
    """A JSON-able description of ``value``; its numbers go into ``arrays`` (a list), named a0, a1, …

    Python numbers, NumPy scalars and arrays each come back as what they were (a float stays a
    float, an np.float64 an np.float64), since the check's messages depend on the type.
    """
    if value is None:
        return {"none": True}
    if isinstance(value, (tuple, list)):
        return {type(value).__name__: [encode(v, arrays) for v in value]}
    if isinstance(value, np.generic):          # first: np.float64 is a float too
        kind = "scalar"
    elif type(value) in (bool, int, float):
        kind = type(value).__name__
    elif isinstance(value, np.ndarray):
        kind = "array"
    else:
        raise TypeError(f"cannot record a {type(value).__name__}")
    if np.asarray(value).dtype.hasobject:
        raise TypeError("cannot record an array of Python objects")
    arrays.append(np.asarray(value))
    return {kind: f"a{len(arrays) - 1}"}


def decode(spec, arrays):
    """The value ``spec`` describes (a fresh copy: changing it changes nothing recorded)."""
    (kind, content), = spec.items()
    if kind == "none":
        return None
    if kind in ("tuple", "list"):
        items = [decode(s, arrays) for s in content]
        return tuple(items) if kind == "tuple" else items
    array = np.array(arrays[content])
    if kind == "array":
        return array
    if kind == "scalar":
        return array[()]
    return {"bool": bool, "int": int, "float": float}[kind](array)


def outcome(call):
    """What a call gave, as recorded: its value (or the error it raised) and its NumPy warnings.

    ``call`` is the engine's Call of the teacher's function (``engine.call_safely``).
    """
    raised = None if call.error is None else f"{type(call.error).__name__}: {call.error}"
    return {"value": None if raised else call.value, "raised": raised, "warnings": list(call.warnings)}


def write_recording(path, recording):
    """Write ``recording`` ({exercise id: {"reference" or mistake position: {case key: outcome}}}).

    The same recording always gives the same bytes: keys sorted, and every zip entry with a fixed
    date (NumPy's own savez stamps the current time).
    """
    arrays = []
    index = {}
    for exercise_id in sorted(recording):
        index[exercise_id] = {}
        for what in sorted(recording[exercise_id]):
            index[exercise_id][what] = {
                key: {"value": encode(result["value"], arrays), "raised": result["raised"],
                      "warnings": result["warnings"]}
                for key, result in sorted(recording[exercise_id][what].items())}
    members = {"index": np.array(json.dumps(index, sort_keys=True, ensure_ascii=False))}
    members.update((f"a{i}", array) for i, array in enumerate(arrays))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in members.items():
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as file:
                np.lib.format.write_array(file, np.asarray(array), allow_pickle=False)


_loaded = {}     # chapter file → (index, arrays), read once


def _recording(chapter):
    if chapter not in _loaded:
        path = os.path.join(RECORDED_DIR, f"{chapter}.npz")
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files if name != "index"}
            _loaded[chapter] = (json.loads(str(data["index"])), arrays)
    return _loaded[chapter]


# --- the stand-ins --------------------------------------------------------------------------------

class Recorded:
    """Gives back what the teacher's function gave on one of the check's own inputs.

    ``Recorded("ch01", "1.1", "reference")`` stands for exercise 1.1's right answer,
    ``Recorded("ch01", "1.1", "3")`` for its fourth known mistake. Calling it replays the recorded
    call: the same NumPy warnings, then the same value (or the same error, as RecordedError).
    """

    def __init__(self, chapter, exercise_id, what):
        self.chapter, self.exercise_id, self.what = chapter, exercise_id, what

    def __repr__(self):
        return f"<recorded {self.what} of exercise {self.exercise_id}>"

    def available(self):
        """False where the recording leaves this exercise out: a graded assignment's copy of the course
        holds no value answers (tools/make_classroom.py)."""
        return self.exercise_id in _recording(self.chapter)[0]

    def __call__(self, *args):
        index, arrays = _recording(self.chapter)
        try:
            result = index[self.exercise_id][self.what][case_key(args)]
        except (KeyError, TypeError):
            raise NotRecorded(f"exercise {self.exercise_id}: the {'right answer' if self.what == 'reference' else 'mistake'}"
                              " is recorded only for the check's own inputs, not for these") from None
        for message in result["warnings"]:
            warnings.warn(message, RuntimeWarning, stacklevel=2)
        if result["raised"] is not None:
            raise RecordedError(result["raised"])
        return decode(result["value"], arrays)


def with_recordings(exercises):
    """The exercises with every RECORDED reference and mistake replaced by its recorded stand-in."""
    import dataclasses

    def chapter_of(exercise):
        return f"ch{int(exercise.id.split('.')[0]):02d}"

    def mistake(exercise, position, m):
        if m.wrong is not RECORDED:
            return m
        return dataclasses.replace(m, wrong=Recorded(chapter_of(exercise), exercise.id, str(position)))

    return tuple(dataclasses.replace(
        ex, reference=Recorded(chapter_of(ex), ex.id, "reference") if ex.reference is RECORDED else ex.reference,
        mistakes=tuple(mistake(ex, i, m) for i, m in enumerate(ex.mistakes))) for ex in exercises)
