"""Check a student's answer with the course's own engine, while their code runs in the sandbox.

``check_in_sandbox(exercise, cells, function_name)`` starts the jail (sandbox.py) with the agent
(inside.py), runs the student's cells there, and gives the engine a ``RemoteAnswer``: a stand-in whose
every call is carried out by the student's function inside the jail. The engine — its cases, the
right answers, the known mistakes, the comparison, the verdict — runs here, in the grader's process,
which the student's code cannot reach: it can only decide what its own function returns.

One jail per student (``Jail``), and in it a fresh worker process per exercise (inside.py): a crash,
``exit()``, ``os._exit`` or an endless loop there ends that exercise's check only. Should the student's
code kill the whole jail, the next exercise starts a new one.
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
MARGIN_SECONDS = 3.0           # beyond the engine's own time limit for one call (the worker is killed then)
DEFAULT_CALL_SECONDS = 10.0    # a call the engine gives no time limit


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
    """One sandboxed Python process running inside.py (a supervisor forking one worker per exercise),
    and the pipe to talk to it."""

    def __init__(self, scratch, limits=sandbox.Limits()):
        self.scratch, self.limits = Path(scratch), limits
        self.scratch.mkdir(parents=True, exist_ok=True)
        for name in ("inside.py", "wire.py"):
            shutil.copyfile(HERE / name, self.scratch / name)
        self.process = sandbox.start([sys.executable, str(self.scratch.resolve() / "inside.py")], self.scratch,
                                     limits, stderr=None)
        self.replies = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.dead = None                # the jail itself ended: no further exercise can run in it
        self.ended = None               # this exercise's worker ended ("timeout" or "exit")

    def _read(self):
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put(None)

    def ask(self, request, seconds):
        """Send one request, to be answered within ``seconds``; the reply, or ProcessEnded if the student's
        code ended (or overran) this exercise's worker, or the whole jail."""
        if request["op"] == "load":
            self.ended = None
        if self.dead or self.ended:
            raise ProcessEnded(self.reason())
        try:
            self.process.stdin.write(wire.dumps(dict(request, deadline=seconds)) + "\n")
            self.process.stdin.flush()
            line = self.replies.get(timeout=seconds + MARGIN_SECONDS)
        except (BrokenPipeError, OSError):
            line = None
        except queue.Empty:             # the supervisor itself stopped answering: end the jail
            line, self.ended = None, "timeout"
        if line is None:
            self.close()
            self.dead, self.ended = True, self.ended or "exit"
            raise ProcessEnded(self.reason())
        reply = wire.loads(line)
        if "ended" in reply:
            self.ended = reply["ended"]
            raise ProcessEnded(self.reason())
        if "failure" in reply:
            raise ProcessEnded(f"the grader's agent failed: {reply['failure']}")
        return reply

    @property
    def timed_out(self):
        return self.ended == "timeout"

    def reason(self):
        if self.timed_out:
            return "your code did not answer in time, so it was stopped"
        return "your code ended the Python process (exit(), os._exit(), a crash, or more memory than the grader allows)"

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
                                   "silencers_off": silencers_off},
                                  (seconds or DEFAULT_CALL_SECONDS) + MARGIN_SECONDS)
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


def check_in_sandbox(exercise, cells, function_name, scratch, limits=sandbox.Limits(), jail=None):
    """The engine's CheckResult for the student's ``function_name``, defined by running ``cells``
    (the chapter's set-up cell and the student's answer cells) in the sandbox: in ``jail`` if given
    (one per student, see Students), else in a jail of its own in ``scratch``."""
    own = jail is None
    if own:
        jail = Jail(scratch, limits)
    try:
        watched = list(exercise.forbidden) + [name for need in exercise.required for name in need.split("|")]
        try:
            loaded = jail.ask({"op": "load", "cells": list(cells), "function": function_name, "watched": watched,
                               "forbidden": list(exercise.forbidden), "exercise": exercise.id}, LOAD_SECONDS)
        except ProcessEnded as ended:
            return Checker(exercise, _Unloadable(function_name, str(ended))).run()
        if not loaded["found"] or not loaded["callable"]:
            answer = wire.decode(loaded["value"]) if loaded["found"] else _Missing(function_name, loaded)
            return Checker(exercise, answer).run()
        return Checker(exercise, RemoteAnswer(jail, function_name)).run()
    finally:
        if own:
            jail.close()


class StudentJail:
    """One jail for one student's notebook, started again if their code ends it: ``with StudentJail(scratch)
    as jails: check_in_sandbox(..., jail=jails.current())``."""

    def __init__(self, scratch, limits=sandbox.Limits()):
        self.scratch, self.limits, self.jail = Path(scratch), limits, None

    def current(self):
        if self.jail is None or self.jail.dead:
            if self.jail is not None:
                self.jail.close()
            self.jail = Jail(self.scratch, self.limits)
        return self.jail

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.jail is not None:
            self.jail.close()


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
