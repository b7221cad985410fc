"""The grader's agent inside the sandbox: runs a student's cells, then calls their function on request.

Started by tools/classroom/remote.py inside the bubblewrap jail, next to wire.py (both copied into the
jail's scratch folder), once per student. It reads one JSON request per line on stdin and answers one
JSON line on the original stdout; the student's own output goes to a file instead, so a print() cannot
garble the protocol. It decides nothing: it reports what the student's code did (value, error, warnings,
prints, watched calls, inputs changed), and the grader outside compares and scores. The student's code
runs in this same process and could rewrite those reports; nothing in them can earn a point that the
returned values do not (the functions an exercise forbids are absent here, see stubbed.py).

Two processes, so that one exercise cannot cost another:
- the *supervisor* imports NumPy and Matplotlib once, reads every request, and for each exercise forks
  a fresh *worker* (a copy with those imports done: ~0.2 s instead of ~1 s), then ends every process
  the worker left behind;
- the *worker* imports the exercise's copy of helpers, runs the student's cells and calls their
  function. If it exits (``exit()``, ``os._exit``, a crash) or overruns the request's deadline, the
  supervisor kills it and answers ``{"ended": ...}`` for that exercise; the next exercise gets a new worker.

Requests: {"op": "load", "cells": [source, ...], "function": name, "watched": [dotted names],
           "course": folder holding this exercise's helpers, "deadline": s}
          {"op": "call", "args": encoded tuple, "seconds": s, "silencers_off": bool, "deadline": s}
          {"op": "typed_in", "value": encoded, "deadline": s}
"""

import inspect
import linecache
import os
import select
import signal
import sys
import traceback

PROTOCOL_OUT = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
PROTOCOL_IN = os.fdopen(os.dup(0), "r", encoding="utf-8")
_log = open("student_output.txt", "w", encoding="utf-8")          # noqa: SIM115 — open for the whole run
os.dup2(_log.fileno(), 1)
os.dup2(_log.fileno(), 2)
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)

import numpy as np  # noqa: E402  (after the file descriptors are in place)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot  # noqa: E402,F401  (imported once here; every worker inherits it)
import ipywidgets  # noqa: E402,F401

import wire  # noqa: E402

# The course's helpers are imported by each worker, from the copy made for its exercise (in which the
# functions the exercise forbids do not exist: tools/classroom/stubbed.py); see use_course().
SILENCERS = NotAttempted = TimeLimitExceeded = call_safely = learner_line = None
CallWatcher = code_of = typed_in = None


def use_course(path):
    """Put the exercise's copy of helpers first on the path and import what the agent needs from it."""
    global SILENCERS, NotAttempted, TimeLimitExceeded, call_safely, learner_line, CallWatcher, code_of, typed_in
    sys.path.insert(0, path)
    from helpers.checks import engine, watching
    SILENCERS, NotAttempted, TimeLimitExceeded = engine.SILENCERS, engine.NotAttempted, engine.TimeLimitExceeded
    call_safely, learner_line = engine.call_safely, engine.learner_line
    CallWatcher, code_of, typed_in = watching.CallWatcher, watching.code_of, watching.typed_in


class _Shell:
    """Enough of IPython for cells that use a magic: line magics (%matplotlib inline) do nothing here;
    a cell magic that only watches its cell (%%time, %%capture, …) runs the cell as it is."""

    RUN_THE_CELL = ("time", "timeit", "capture", "prun", "debug")

    def __init__(self, namespace):
        self.namespace = namespace

    def __call__(self):                 # the cells call get_ipython()
        return self

    def run_line_magic(self, *args, **kwargs):
        return None

    def run_cell_magic(self, magic, line, cell):
        if magic in self.RUN_THE_CELL:
            exec(compile(python_source(cell), "<cell magic>", "exec"), self.namespace)  # noqa: S102

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

    def load(self, cells, function, watched, exercise_id=None, course=None):
        if course:
            use_course(course)
        if exercise_id:                      # the public cases, for the functions some of them pass (2.3)
            from helpers.checks import exercise
            self.case_args = [tuple(args) for args in exercise(exercise_id).cases()]
        namespace = {"__name__": "__main__"}
        namespace["get_ipython"] = _Shell(namespace)
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


def serve(requests, replies):
    """The worker: answer the supervisor's requests for one exercise until it closes the pipe."""
    agent = Agent()
    np.seterr(all="warn", under="ignore")
    for line in requests:
        try:
            request = wire.loads(line)
            op = request["op"]
            if op == "load":
                reply = agent.load(request["cells"], request["function"], request.get("watched", []),
                                   request.get("exercise"), request.get("course"))
            elif op == "call":
                reply = agent.call(request["args"], request.get("seconds"), request.get("silencers_off", False))
            elif op == "typed_in":
                reply = agent.typed_in(request["value"])
            else:
                reply = {"failure": f"unknown request {op!r}"}
        except BaseException as error:  # noqa: BLE001 — say what broke; the grader decides
            reply = {"failure": "".join(traceback.format_exception_only(type(error), error))[:500]}
        replies.write(wire.dumps(reply) + "\n")
        replies.flush()


class Worker:
    """One forked worker and the two pipes to it."""

    def __init__(self):
        from_supervisor, to_worker = os.pipe()       # (read end, write end)
        from_worker, to_supervisor = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:                                   # the worker: it never returns from here
            try:
                os.setpgid(0, 0)
                for fd in (PROTOCOL_IN.fileno(), PROTOCOL_OUT.fileno(), to_worker, from_worker):
                    os.close(fd)
                serve(os.fdopen(from_supervisor, "r", encoding="utf-8"),
                      os.fdopen(to_supervisor, "w", buffering=1, encoding="utf-8"))
            except BaseException:  # noqa: BLE001 — the agent's own failure, into the student's output file
                traceback.print_exc()
            finally:
                for stream in (sys.stdout, sys.stderr):
                    stream.flush()
                os._exit(0)
        try:
            os.setpgid(self.pid, self.pid)          # also here: the worker may not have run yet
        except (ProcessLookupError, PermissionError):
            pass
        os.close(from_supervisor)
        os.close(to_supervisor)
        self.requests = os.fdopen(to_worker, "w", buffering=1, encoding="utf-8")
        self.replies = os.fdopen(from_worker, "r", encoding="utf-8")
        self.ended = None

    def ask(self, line, deadline):
        """The worker's reply line, or an {"ended": ...} reply if it exited or overran the deadline."""
        if self.ended:
            return wire.dumps({"ended": self.ended})
        try:
            self.requests.write(line if line.endswith("\n") else line + "\n")
            self.requests.flush()
            ready, _, _ = select.select([self.replies], [], [], deadline)
            reply = self.replies.readline() if ready else None
        except (BrokenPipeError, OSError):
            reply = ""
        if reply is None:
            self.stop()
            self.ended = "timeout"
        elif not reply.endswith("\n"):
            self.stop()
            self.ended = "exit"
        return wire.dumps({"ended": self.ended}) if self.ended else reply.rstrip("\n")

    def stop(self):
        for close in (self.requests.close, self.replies.close):
            try:
                close()
            except OSError:
                pass
        for kill in (os.killpg, os.kill):            # its group (what it started), then itself
            try:
                kill(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        if os.getpid() <= 3:                 # only in the jail's own process namespace, where we are pid 2:
            try:                             # whatever the worker started (daemons too), all but us and pid 1
                os.kill(-1, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        while True:                          # reap them
            try:
                if os.waitpid(-1, os.WNOHANG) == (0, 0):
                    break
            except ChildProcessError:
                break


def main():
    """The supervisor: a new worker for every "load", each request passed on with its deadline."""
    worker = None
    for line in PROTOCOL_IN:
        try:
            request = wire.loads(line)
            if request.get("op") == "load":
                if worker is not None:
                    worker.stop()
                worker = Worker()
            reply = worker.ask(line, float(request.get("deadline", 30.0))) if worker is not None \
                else wire.dumps({"failure": "no exercise loaded"})
        except BaseException as error:  # noqa: BLE001 — say what broke; the grader decides
            reply = wire.dumps({"failure": "".join(traceback.format_exception_only(type(error), error))[:500]})
        PROTOCOL_OUT.write(reply + "\n")
        PROTOCOL_OUT.flush()
    if worker is not None:
        worker.stop()


if __name__ == "__main__":
    main()
