"""Check a student's answer with the course's own engine, while their code runs in the sandbox.

``check_in_sandbox(exercise, cells, function_name)`` starts the jail (sandbox.py) with the agent
(inside.py), runs the student's cells there, and gives the engine a ``RemoteAnswer``: a stand-in whose
every call is carried out by the student's function inside the jail. The engine — its cases, the
right answers, the known mistakes, the comparison, the verdict — runs here, in the grader's process,
which the student's code cannot reach: it can only decide what its own function returns.

One jail per exercise: a crash, ``exit()`` or ``os._exit`` there ends that exercise's check only.
"""

import builtins
import queue
import shutil
import sys
import threading
from pathlib import Path

from helpers.checks.engine import Call, Checker, NotAttempted, TimeLimitExceeded
from tools.classroom import sandbox, wire

HERE = Path(__file__).resolve().parent
LOAD_SECONDS = 20.0            # running the student's cells (imports included)
MARGIN_SECONDS = 3.0           # beyond the engine's own time limit for one call


class ProcessEnded(Exception):
    """The student's code ended the Python process (exit(), os._exit, a crash) or stopped answering."""


def remote_error(record):
    """An exception like the one the student's code raised (a builtin class of that name, or a
    subclass of its nearest builtin base), carrying the student's line."""
    if record["not_attempted"]:
        return NotAttempted()
    if record["time_limit"]:
        return TimeLimitExceeded()
    base = next((getattr(builtins, name) for name in record["bases"]
                 if isinstance(getattr(builtins, name, None), type)
                 and issubclass(getattr(builtins, name), BaseException)), Exception)
    kind = base if base.__name__ == record["type"] or not record["type"].isidentifier() \
        else type(record["type"], (base,), {})
    try:
        error = kind(record["message"])
    except Exception:  # noqa: BLE001 — an exception class that needs other arguments
        error = Exception(record["message"])
    error.remote_line = record["line"]
    return error


class Jail:
    """One sandboxed Python process running inside.py, and the pipe to talk to it."""

    def __init__(self, scratch, limits):
        scratch = Path(scratch)
        scratch.mkdir(parents=True, exist_ok=True)
        for name in ("inside.py", "wire.py"):
            shutil.copyfile(HERE / name, scratch / name)
        self.process = sandbox.start([sys.executable, str(scratch.resolve() / "inside.py")], scratch, limits,
                                     stderr=None)
        self.replies = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.dead = None
        self.timed_out = False          # stopped for taking too long: later calls report the time limit

    def _read(self):
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put(None)

    def ask(self, request, seconds):
        """Send one request; the reply, or ProcessEnded if the process ended or took too long."""
        if self.dead:
            raise ProcessEnded(self.dead)
        try:
            self.process.stdin.write(wire.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.replies.get(timeout=seconds)
        except (BrokenPipeError, OSError):
            line = None
        except queue.Empty:
            self.close()
            self.timed_out = True
            self.dead = f"your code did not answer within {seconds:g} s, so it was stopped"
            raise ProcessEnded(self.dead) from None
        if line is None:
            self.close()
            self.dead = ("your code ended the Python process (exit(), os._exit(), a crash, or more memory "
                         "than the grader allows)")
            raise ProcessEnded(self.dead)
        reply = wire.loads(line)
        if "failure" in reply:
            raise ProcessEnded(f"the grader's agent failed: {reply['failure']}")
        return reply

    def close(self):
        sandbox.stop(self.process)
        self.reader.join(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:          # a pipe the student's process left half-written
                pass


class RemoteAnswer:
    """What the engine calls: each call runs the student's function in the jail (see call_safely)."""

    def __init__(self, jail, name):
        self.jail, self.__name__ = jail, name

    def __call__(self, *args):
        raise TypeError("a graded answer runs in the sandbox, through remote_call")

    def remote_call(self, args, seconds, silencers_off=False):
        try:
            reply = self.jail.ask({"op": "call", "args": wire.encode(tuple(args)), "seconds": seconds,
                                   "silencers_off": silencers_off}, seconds + MARGIN_SECONDS)
        except ProcessEnded as ended:
            return Call(error=TimeLimitExceeded() if self.jail.timed_out else ended)
        return Call(value=wire.decode(reply["value"]),
                    error=None if reply["error"] is None else remote_error(reply["error"]),
                    warnings=[str(w) for w in reply["warnings"]], printed=str(reply["printed"]),
                    called=[str(c) for c in reply["called"]], changed=[int(i) for i in reply["changed"]])

    def remote_typed_in(self, value):
        try:
            return bool(self.jail.ask({"op": "typed_in", "value": wire.encode(value)}, 10.0)["typed_in"])
        except ProcessEnded:
            return False


def check_in_sandbox(exercise, cells, function_name, scratch, limits=sandbox.Limits()):
    """The engine's CheckResult for the student's ``function_name``, defined by running ``cells``
    (the chapter's set-up cell and the student's answer cells) in a fresh jail."""
    jail = Jail(scratch, limits)
    try:
        watched = list(exercise.forbidden) + [name for need in exercise.required for name in need.split("|")]
        try:
            loaded = jail.ask({"op": "load", "cells": list(cells), "function": function_name, "watched": watched,
                               "exercise": exercise.id}, LOAD_SECONDS)
        except ProcessEnded as ended:
            return Checker(exercise, _Unloadable(function_name, str(ended))).run()
        if not loaded["found"] or not loaded["callable"]:
            answer = wire.decode(loaded["value"]) if loaded["found"] else _Missing(function_name, loaded)
            return Checker(exercise, answer).run()
        return Checker(exercise, RemoteAnswer(jail, function_name)).run()
    finally:
        jail.close()


class _Missing:
    """Stands for an answer the student's cells never defined; the engine reports 'not a function'."""

    def __init__(self, name, loaded):
        attempted = not any(p.get("not_attempted") for p in loaded["problems"])
        self.text = f"no function named {name}" + ("" if attempted else " (the answer cell is not attempted yet)")

    def __repr__(self):
        return self.text


class _Unloadable(RemoteAnswer):
    """The student's cells ended the process while loading: every call reports that."""

    def __init__(self, name, reason):
        self.__name__, self.reason = name, reason

    def remote_call(self, args, seconds, silencers_off=False):
        return Call(error=ProcessEnded(self.reason))

    def remote_typed_in(self, value):
        return False
