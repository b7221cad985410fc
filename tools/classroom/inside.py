"""The grader's agent inside the sandbox: runs a student's cells, then calls their function on request.

Started by tools/classroom/remote.py inside the bubblewrap jail, next to wire.py (both copied into the
jail's scratch folder). It reads one JSON request per line on stdin and answers one JSON line on the
original stdout; the student's own output goes to a file instead, so a print() cannot garble the
protocol. It decides nothing: it reports what the student's code did (value, error, warnings, prints,
watched calls, inputs changed), and the grader outside compares and scores.

Requests: {"op": "load", "cells": [source, ...], "function": name, "watched": [dotted names]}
          {"op": "call", "args": encoded tuple, "seconds": s, "silencers_off": bool}
          {"op": "typed_in", "value": encoded}
"""

import inspect
import linecache
import os
import sys
import traceback

PROTOCOL_OUT = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
PROTOCOL_IN = os.fdopen(os.dup(0), "r", encoding="utf-8")
_log = open("student_output.txt", "w", encoding="utf-8")          # noqa: SIM115 — open for the whole run
os.dup2(_log.fileno(), 1)
os.dup2(_log.fileno(), 2)
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)

import numpy as np  # noqa: E402  (after the file descriptors are in place)

import wire  # noqa: E402
from helpers.checks.engine import SILENCERS, NotAttempted, TimeLimitExceeded, call_safely, learner_line  # noqa: E402
from helpers.checks.watching import CallWatcher, code_of, typed_in  # noqa: E402


class _Shell:
    """Enough of IPython for cells that use a magic (%matplotlib inline): magics do nothing here."""

    def run_line_magic(self, *args, **kwargs):
        return None

    run_cell_magic = run_line_magic

    def system(self, *args, **kwargs):
        return None


def python_source(cell):
    """A cell's source as plain Python (IPython's magics and ! commands turned into calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        return TransformerManager().transform_cell(cell)
    except Exception:  # noqa: BLE001 — no IPython, or a cell it cannot parse: run it as it is
        return cell


def error_record(error):
    return {"type": type(error).__name__,
            "bases": [k.__name__ for k in type(error).__mro__ if k.__module__ == "builtins"],
            "message": str(error)[:500], "line": learner_line(error)[:300],
            "not_attempted": isinstance(error, NotAttempted), "time_limit": isinstance(error, TimeLimitExceeded)}


class Agent:
    def __init__(self):
        self.answer, self.watcher, self.case_args = None, None, []

    def resolve(self, label):
        """A function the grader passed by label: one of this exercise's own case functions, or module:qualname."""
        import importlib
        for args in self.case_args:
            for arg in args:
                if callable(arg) and wire.callable_label(arg) == label:
                    return arg
        module, _, qualname = label.partition(":")
        try:
            target = importlib.import_module(module)
            for part in qualname.split("."):
                target = getattr(target, part)
            return target if callable(target) else None
        except (ImportError, AttributeError, ValueError):
            return None

    def load(self, cells, function, watched, exercise_id=None):
        if exercise_id:                      # the public cases, for the functions some of them pass
            from helpers.checks import exercise
            self.case_args = [tuple(args) for args in exercise(exercise_id).cases()]
        namespace = {"__name__": "__main__", "get_ipython": _Shell}
        problems = []
        for number, cell in enumerate(cells):
            name, source = f"<cell {number + 1}>", python_source(cell)
            linecache.cache[name] = (len(source), None, source.splitlines(True), name)   # for error lines
            try:
                exec(compile(source, name, "exec"), namespace)  # noqa: S102
            except NotImplementedError:
                problems.append({"cell": number, "not_attempted": True})
            except BaseException as error:  # noqa: BLE001 — SystemExit too: a cell's exit() is reported
                problems.append({"cell": number, "error": error_record(error)})
        self.answer = namespace.get(function)
        names = {name: name for name in watched}
        names.update(SILENCERS)
        self.watcher = CallWatcher(names)
        found = function in namespace
        return {"found": found, "callable": callable(self.answer), "problems": problems,
                "value": None if callable(self.answer) or not found else wire.encode(self.answer)}

    def call(self, args, seconds, silencers_off):
        args = tuple(wire.decode(args, resolve=self.resolve))
        if silencers_off:                       # as the engine does: run it undecorated, silencers off
            call = call_safely(inspect.unwrap(self.answer), args, seconds, silencers_off=True)
        else:
            call = call_safely(self.answer, args, seconds, self.watcher)
            if code_of(self.answer) is code_of(SILENCERS["@np.errstate"]):
                call.called.append("@np.errstate")
            wrapped = self.watcher.name_of(self.answer)
            if wrapped and wrapped not in call.called:
                call.called.append(wrapped)
        return {"value": wire.encode(call.value), "error": None if call.error is None else error_record(call.error),
                "warnings": call.warnings[:20], "printed": call.printed[:2000],
                "called": [str(name) for name in call.called][:50], "changed": call.changed}

    def typed_in(self, value):
        return {"typed_in": bool(typed_in(self.answer, wire.decode(value)))}


def main():
    agent = Agent()
    np.seterr(all="warn", under="ignore")
    for line in PROTOCOL_IN:
        try:
            request = wire.loads(line)
            op = request["op"]
            if op == "load":
                reply = agent.load(request["cells"], request["function"], request.get("watched", []),
                                   request.get("exercise"))
            elif op == "call":
                reply = agent.call(request["args"], request.get("seconds"), request.get("silencers_off", False))
            elif op == "typed_in":
                reply = agent.typed_in(request["value"])
            else:
                reply = {"failure": f"unknown request {op!r}"}
        except BaseException as error:  # noqa: BLE001 — say what broke; the grader decides
            reply = {"failure": "".join(traceback.format_exception_only(type(error), error))[:500]}
        PROTOCOL_OUT.write(wire.dumps(reply) + "\n")
        PROTOCOL_OUT.flush()


if __name__ == "__main__":
    main()
