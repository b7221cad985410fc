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
import subprocess
import sys
import threading
import time
from pathlib import Path

from helpers.checks.engine import Call, Checker, NotAttempted, TimeLimitExceeded
from tools.classroom import sandbox, wire
from tools.classroom.stubbed import StubbedCopies

HERE = Path(__file__).resolve().parent
LOAD_SECONDS = 20.0            # running the student's cells (imports included)
MARGIN_SECONDS = 3.0           # beyond the engine's own time limit for one call (the worker is killed then)
DEFAULT_CALL_SECONDS = 10.0    # a call the engine gives no time limit
EXERCISE_SECONDS = 40.0        # all calls of one exercise together; then every further call is out of time
MAX_REPLY = 128 * 2**20        # characters in one reply line (arrays up to wire's limit, base64-encoded)
_STUBS = []                    # the StubbedCopies of this grading run, made on first use


def stubbed_copies():
    if not _STUBS:
        _STUBS.append(StubbedCopies())
    return _STUBS[0]


class ProcessEnded(Exception):
    """The student's code ended the Python process (exit(), os._exit, a crash) or stopped answering."""


def remote_error(record):
    """An exception like the one the student's code raised (a builtin class of that name, or a
    subclass of its nearest builtin base), carrying the student's line."""
    if record["not_attempted"]:
        return NotAttempted()
    if record["time_limit"]:
        return TimeLimitExceeded()
    name, message = str(record["type"])[:60], str(record["message"])[:300]
    bases = [str(b) for b in record["bases"]][:20]
    base = next((getattr(builtins, b) for b in bases
                 if isinstance(getattr(builtins, b, None), type) and issubclass(getattr(builtins, b), BaseException)),
                Exception)
    kind = base if base.__name__ == name or not name.isidentifier() else type(name, (base,), {})
    try:
        error = kind(message)
    except Exception:  # noqa: BLE001 — an exception class that needs other arguments
        error = Exception(message)
    error.remote_line = str(record["line"])[:300]
    return error


class Jail:
    """One sandboxed Python process running inside.py (a supervisor forking one worker per exercise),
    and the pipe to talk to it."""

    def __init__(self, scratch, limits=sandbox.Limits(), stubs=None):
        self.scratch, self.limits = Path(scratch), limits
        self.stubs = stubs or stubbed_copies()
        self.scratch.mkdir(parents=True, exist_ok=True)
        for name in ("inside.py", "wire.py"):
            shutil.copyfile(HERE / name, self.scratch / name)
        # no helpers but the exercise's copy (stubbed.py), and no SciPy (its functions are shortcuts)
        self.process = sandbox.start([sys.executable, str(self.scratch.resolve() / "inside.py")], self.scratch,
                                     limits, helpers=None, stderr=subprocess.DEVNULL,
                                     read_only=[self.stubs.root], hidden=sandbox._installed("scipy"))
        self.replies = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.dead = None                # the jail itself ended: no further exercise can run in it
        self.loaded_at = time.monotonic()
        self.ended = None               # this exercise's worker ended ("timeout" or "exit")

    def _read(self):
        while True:
            line = self.process.stdout.readline(MAX_REPLY)
            if not line or not line.endswith("\n"):      # the end, or a line too long to be a reply
                break
            self.replies.put(line)
        self.replies.put(None)

    def budget_left(self):
        return EXERCISE_SECONDS - (time.monotonic() - self.loaded_at)

    def ask(self, request, seconds):
        """Send one request, to be answered within ``seconds``; the reply, or ProcessEnded if the student's
        code ended (or overran) this exercise's worker, or the whole jail."""
        if request["op"] == "load":
            self.ended, self.loaded_at = None, time.monotonic()
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
        try:
            reply = wire.loads(line)
            if not isinstance(reply, dict):
                raise ValueError("not a reply")
        except (ValueError, RecursionError, TypeError):      # garbage on the pipe: the jail cannot be trusted
            self.close()
            self.dead, self.ended = True, "exit"
            raise ProcessEnded(self.reason()) from None
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
        left = self.jail.budget_left()
        if left <= 0:               # a slow answer (or a warning checked value by value) cannot hold up the class
            return Call(error=TimeLimitExceeded())
        seconds = min(seconds or DEFAULT_CALL_SECONDS, left)
        try:
            reply = self.jail.ask({"op": "call", "args": wire.encode(tuple(args)), "seconds": seconds,
                                   "silencers_off": silencers_off},
                                  (seconds or DEFAULT_CALL_SECONDS) + MARGIN_SECONDS)
        except ProcessEnded as ended:
            return Call(error=TimeLimitExceeded() if self.jail.timed_out else ended)
        try:                         # a reply comes from the student's process: read it defensively
            call = Call(value=wire.decode(reply["value"]),
                        error=None if reply["error"] is None else remote_error(reply["error"]),
                        warnings=[str(w)[:300] for w in reply["warnings"]][:20], printed=str(reply["printed"])[:2000],
                        called=[str(c)[:200] for c in reply["called"]][:50],
                        changed=[int(i) for i in reply["changed"]][:20])
        except Exception:  # noqa: BLE001 — anything malformed
            return Call(error=ProcessEnded("your code garbled the grader's messages"))
        if type(call.error).__name__ == "ForbiddenCall" and str(call.error) not in call.called:
            call.called.append(str(call.error))          # a function the exercise forbids (stubbed.py)
        return call

    def remote_typed_in(self, value):
        try:
            return bool(self.jail.ask({"op": "typed_in", "value": wire.encode(value)}, 10.0)["typed_in"])
        except ProcessEnded:
            return False


def passes_functions(exercise):
    """True if some case gives the student's function a function (exercise 2.3's f)."""
    return any(callable(arg) for args in exercise.cases() for arg in args)


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
                               "course": str(jail.stubs.path_for(exercise.forbidden)),
                               # the exercise's own module only where its cases pass functions: importing it
                               # computes its quiz answers, with functions this copy may not have
                               "exercise": exercise.id if passes_functions(exercise) else None},
                              LOAD_SECONDS)
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
