"""The exercise engine: run a learner's answer safely, compare it with the reference, explain.

A chapter module (``ch01.py`` …) describes its exercises with :class:`Exercise`; the notebook
calls ``check("1.3", my_sigmoid)``. The engine

1. calls the learner's function on many inputs (a grid, seeded random draws, extremes), with
   warnings recorded, printed output captured and a time limit — nothing the learner's code
   does (raise, loop forever, print, warn) escapes as a traceback;
2. compares with the reference answer, within a tolerance;
3. on a wrong answer names the first input that failed, expected vs got, how many inputs were
   right, and — when the wrong output matches one of the exercise's known :class:`Mistake`\\ s or
   a general one (a warning, None returned, a list, a wrong shape) — the likely cause.

``run_check`` returns a :class:`CheckResult` (used by the tests and by graders);
``check`` displays it.
"""

import contextlib
import functools
import inspect
import io
import linecache
import signal
import threading
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .comparing import as_float_array, as_real_number, close, general_cause, near_miss
from .watching import SILENCERS, CallWatcher, code_of, expand_wildcards, silencers_switched_off, typed_in

TIME_LIMIT_SECONDS = 5.0

# Functions that already compute what an exercise may ask the learner to write (for ``forbidden``).
SIGMOID_SHORTCUTS = ("helpers.sigmoid", "helpers.log_sigmoid", "helpers.softmax", "helpers.log_softmax",
                     "scipy.special.expit", "scipy.special.log_expit", "scipy.special.softmax",
                     "scipy.special.log_softmax")
SLOPE_SHORTCUTS = ("helpers.sigmoid_derivative", "helpers.numerical_derivative", "helpers.gradient_check")
LOGIT_SHORTCUTS = ("helpers.logit", "scipy.special.logit")
SOFTMAX_SHORTCUTS = ("helpers.softmax", "helpers.log_softmax", "helpers.logsumexp", "scipy.special.softmax",
                     "scipy.special.log_softmax", "scipy.special.logsumexp")
BCE_SHORTCUTS = ("helpers.bce", "helpers.bce_with_logits", "helpers.log_sigmoid", "scipy.special.log_expit",
                 "helpers.models.*")
STARS = {1: "★", 2: "★★", 3: "★★★"}


# --- how exercises are described --------------------------------------------------------------

@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: the function such a learner writes, and what to tell them.

    An answer shows the mistake when it gives what ``wrong`` gives, on every test case. A
    mistake that comes in many variants (clipping at any ε, a grid of any coarseness) gives
    ``matches(*args, got)`` instead: True when ``got`` is what such an answer returns.
    With ``needs_expected``, ``matches`` is also told the right value for these inputs,
    ``matches(*args, got, expected=…)``. With both ``wrong`` and ``matches``, it is told what
    ``wrong`` gives, ``matches(*args, got, wrong=…)``, and compares more loosely than "equal
    within the tolerance" (the same indices in any order, any one of several values).

    In the installed course ``wrong`` (like the exercise's ``reference``) only looks up values
    recorded on the check's own inputs (``recordings.py``): its code is the answer with a bug.
    """

    name: str                 # short, e.g. "σ(1 + σ) instead of σ(1 − σ)"
    wrong: Callable           # same signature as the exercise's reference (None with ``matches`` alone)
    explanation: str          # "Likely cause: …" (without those words)
    matches: Callable = None
    needs_expected: bool = False


@dataclass(frozen=True)
class Exercise:
    """One exercise and how to check it.

    ``reference`` is the right answer, a function with the signature the exercise asks for. In
    the installed course it only looks up what the teacher's answer gave on the check's own
    inputs (``recordings.py``); the answers themselves stay with the teacher (solutions/answers/).
    ``cases`` returns the inputs to try: a list of argument tuples, each given to the
    learner's function as ``answer(*args)``. With ``elementwise=True`` there is a single
    argument, a 1-D array of test values, and the answer must work on the whole array at
    once (as NumPy functions do); failures are then reported per value.
    ``names`` are the argument names used in messages ("z", or "p, y").

    What the exercise text promises, the check enforces:
    ``forbidden`` — dotted names of functions the answer must not call ("helpers.softmax",
    "scipy.special.expit"); calling the checker's own reference is always forbidden.
    ``required`` — functions the answer must use ("numpy.tanh|math.tanh": one of them).
    ``computed`` — the text says *compute*: a number typed into the code does not count.
    ``digits`` — the text asks for this many significant digits: any value within one unit
    of the last of them passes (rounded or cut off), and the tolerances are set from it.
    ``build`` — for "choose the weights" exercises: the check builds the ``builds`` (a neuron, a
    network) from what the answer returns, ``build(returned, *args)``, and compares what *that*
    computes, so that only a real neuron can pass. Its docstring says what to return.
    """

    id: str
    title: str
    stars: int
    reference: Callable
    cases: Callable[[], list]
    hints: tuple
    names: tuple = ("z",)
    elementwise: bool = False
    mistakes: tuple = ()
    rtol: float = 1e-9
    atol: float = 1e-12
    success: str = ""         # what a pass says beyond "✓", e.g. "1000 inputs, extremes included"
    forbidden: tuple = ()
    required: tuple = ()
    computed: bool = False
    digits: int = None
    build: Callable = None
    builds: str = ""

    def __post_init__(self):
        if self.stars not in STARS:
            raise ValueError(f"stars must be 1, 2 or 3, not {self.stars!r} (exercise {self.id})")
        if not self.hints:
            raise ValueError(f"exercise {self.id} needs at least one hint")

    @property
    def heading(self):
        return f"Exercise {self.id} · {self.title}"

    def tolerance(self, expected):
        """(rtol, atol) for comparing with ``expected``: from ``digits`` if the text states them."""
        if self.digits is None:
            return self.rtol, self.atol
        size = np.max(np.abs(np.asarray(expected, dtype=float)))
        unit = 10.0 ** (np.floor(np.log10(size)) - self.digits + 1) if size > 0 else 10.0 ** -self.digits
        return 0.0, unit * (1 + 1e-9)


@dataclass
class CheckResult:
    """What a check found. ``status`` is "passed", "failed", "not attempted" or, in a graded assignment's
    copy of the course, "graded later" (a value answer whose right value is not in the student's files)."""

    exercise: Exercise
    status: str
    lines: list = field(default_factory=list)   # the explanation, one sentence per line
    diagnosis: str = ""                          # the name of the mistake found, if any

    @property
    def passed(self):
        return self.status == "passed"

    def __str__(self):
        mark = {"passed": "✓", "failed": "✗", "not attempted": "○", "graded later": "◇"}[self.status]
        head = f"{mark} {self.exercise.heading}"
        if self.status == "passed":
            return head + (f" — {self.exercise.success}." if self.exercise.success else " — right.")
        return "\n".join([head] + ["  " + line for line in self.lines])

    def _repr_html_(self):
        import html
        colour = {"passed": "#009E73", "failed": "#D55E00", "not attempted": "#999999",
                  "graded later": "#0072B2"}[self.status]
        body = html.escape(str(self))
        # JupyterLab breaks <pre> output anywhere ("probabili|ties"); wrap at spaces instead.
        return (f'<pre style="border-left: 4px solid {colour}; padding: 4px 8px; margin: 0; '
                f'white-space: pre-wrap; word-break: normal; overflow-wrap: break-word">{body}</pre>')

    def __repr__(self):
        return str(self)


def standard_inputs(grid=(-10.0, 10.0), n_grid=501, n_random=469, scale=30.0, extremes=(), seed=0):
    """Test values for an elementwise exercise: an even grid, seeded random draws, extremes.

    The same seed gives the same values on every machine, so messages are reproducible.
    Values come back sorted, as a float64 array.
    """
    rng = np.random.default_rng(seed)
    values = np.concatenate([np.linspace(*grid, n_grid),
                             rng.normal(0.0, scale, n_random),
                             np.asarray(extremes, dtype=float)])
    return np.sort(values)


# --- running the learner's code safely ----------------------------------------------------------

class CannotBuild(Exception):
    """What the answer returned cannot be made into the neuron or network the exercise asks for."""


class NotAttempted(Exception):
    """The learner's function still raises NotImplementedError (the stub)."""


class TimeLimitExceeded(BaseException):
    """The learner's function ran past the time limit.

    A BaseException, like KeyboardInterrupt, so that a learner's ``except Exception:`` does
    not swallow it; and it is raised again every 0.2 s until the function gives up.
    """


@dataclass
class Call:
    """The outcome of one call of the learner's function."""

    value: object = None
    error: BaseException = None
    warnings: list = field(default_factory=list)   # messages, e.g. "overflow encountered in exp"
    printed: str = ""
    called: list = field(default_factory=list)     # watched functions the learner's code called
    changed: list = field(default_factory=list)    # positions of array arguments written into


@contextlib.contextmanager
def time_limit(seconds):
    """Raise TimeLimitExceeded in the current code after ``seconds`` (POSIX main thread only).

    A learner's ``while True`` loop must not freeze the notebook; elsewhere we simply wait.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_safely(function, args, seconds=None, watcher=None, silencers_off=False):
    """Call ``function(*args)`` and record everything it does instead of letting it escape.

    The function gets copies of array arguments; if it writes into them, ``call.changed``
    says which (in a notebook that would overwrite the learner's own data). With a
    ``watcher`` (a CallWatcher), ``call.called`` lists the watched functions it called.
    With ``silencers_off``, the function's own np.errstate / warnings filters change nothing.
    """
    seconds = TIME_LIMIT_SECONDS if seconds is None else seconds
    remote = getattr(function, "remote_call", None)
    if remote is not None:       # graded work: the student's function runs in a sandbox (tools/classroom)
        return remote(args, seconds, silencers_off)
    call = Call()
    printed = io.StringIO()
    originals = args
    args = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args)
    watching = contextlib.nullcontext() if watcher is None else watcher.watching(learner_namespaces(function))
    if watcher is not None:
        watcher.called = []
        watcher.allowed = {code_of(a) for a in args if callable(a)}   # e.g. the f given to a derivative
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            unsilenced = silencers_switched_off() if silencers_off else contextlib.nullcontext()
            with contextlib.redirect_stdout(printed), time_limit(seconds), watching, unsilenced:
                call.value = function(*args)
        except NotImplementedError:
            call.error = NotAttempted()
        except TimeLimitExceeded as error:
            call.error = error
        except (Exception, SystemExit) as error:  # reported, not re-raised (KeyboardInterrupt still stops)
            call.error = error
    # NumPy says "in scalar multiply" for one number and "in multiply" for an array: one message
    call.warnings = list(dict.fromkeys(str(w.message).replace("encountered in scalar ", "encountered in ")
                                       for w in caught))
    call.printed = printed.getvalue()
    call.called = list(watcher.called) if watcher is not None else []
    call.changed = [i for i, (a, b) in enumerate(zip(originals, args))
                    if isinstance(a, np.ndarray) and not np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")]
    return call


def learner_namespaces(function):
    """Where the learner's function looks names up: its globals (the notebook's) and closure cells."""
    function = getattr(function, "func", function)          # functools.partial
    namespace = getattr(function, "__globals__", None)
    cells = getattr(function, "__closure__", None) or ()
    return ([namespace] if isinstance(namespace, dict) else []) + list(cells)


def learner_line(error):
    """The last line of the learner's own code in the error's traceback, as 'line N: source'."""
    if hasattr(error, "remote_line"):      # raised in the grader's sandbox, which sent the line along
        return error.remote_line
    here = __file__.rsplit("/", 2)[0]  # the helpers package
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not f.filename.startswith(here) and "site-packages" not in f.filename
              and "/numpy/" not in f.filename]
    if not frames:
        return ""
    frame = frames[-1]
    source = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return f"line {frame.lineno}: {source}" if source else ""


# --- comparing values ---------------------------------------------------------------------------

def show(value):
    """A short, readable rendering of a value for messages."""
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (np.integer, np.bool_)):
        return repr(value.item())        # 2, not np.int64(2)
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=6, threshold=8, edgeitems=3):
            text = np.array2string(value, separator=", ")
        return f"(an array of shape {value.shape}) {text}" if value.ndim > 1 and value.size > 8 else text
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 — a learner's object whose repr fails
        text = f"a {type(value).__name__} object"
    return text if len(text) <= 80 else text[:77] + "..."


def show_args(names, args):
    """'For z = 2.0' for single values; for a whole test array, a description of it."""
    if not args:
        return ""
    if len(args) == 1 and isinstance(args[0], np.ndarray) and args[0].ndim == 1 and args[0].size > 8:
        z = args[0]
        return f"the array of {z.size} test values {names[0]} (from {show(z.min())} to {show(z.max())})"
    return ", ".join(f"{n} = {show(a)}" for n, a in zip(names, args))


def for_inputs(names, args, sentence):
    """'For z = 2.0 your function …' or, with no inputs, 'Your function …'."""
    where = show_args(names, args)
    return f"For {where} {sentence}" if where else sentence[0].upper() + sentence[1:]


# --- the checks ----------------------------------------------------------------------------------

def describe_type_problem(got, expected):
    """A sentence when ``got`` is not the kind of value expected, else ''. Also names the mistake."""
    if got is None:
        return "returned None", ""
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if isinstance(got, (list, tuple)):
            return "list instead of array", ""
        if not isinstance(got, np.ndarray):
            if as_real_number(got) is not None:
                return "wrong shape", "a single number"
            return "wrong type", article(type(got).__name__)
        if got.shape != expected.shape:
            return "wrong shape", f"an array of shape {got.shape}"
        if got.dtype.kind not in "biuf":
            return "wrong type", f"an array of dtype {got.dtype}"
        return "", ""
    if isinstance(expected, (bool, np.bool_)):
        return ("", "") if isinstance(got, (bool, np.bool_)) else ("wrong type", article(type(got).__name__))
    if as_real_number(expected) is not None and as_real_number(got) is None:
        if isinstance(got, np.ndarray):
            return "wrong shape", f"an array of shape {got.shape}"
        return "wrong type", f"{article(type(got).__name__)} ({show(got)})"
    return "", ""


def article(noun):
    """'an int', 'a str'."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


TYPE_ADVICE = {
    "list instead of array": "Your function returned {kind}; return a NumPy array instead "
                             "(np.asarray(...) of a list of numbers, np.append(...) or np.concatenate(...) "
                             "to join parts of different sizes, or NumPy operations throughout).",
    "wrong shape": "Your function returned {got}; expected shape {shape}.",
    "wrong type": "Your function returned {got}; expected {wanted}.",
}


RAISED_CAUSES = (   # (exception, words in its message, likely cause)
    (IndexError, "out of bounds", "an index past the end of an array: does your code assume a size (two "
                                  "features, a fixed number of rows)? Let NumPy work on whole arrays instead."),
    (ValueError, "could not be broadcast", "two arrays whose shapes don't fit together; print their .shape "
                                           "and check which axis you sum or subtract along (keepdims=True?)."),
    (ValueError, "not aligned", "a matrix product whose inner sizes differ; print the shapes (X @ w needs "
                                "X.shape[1] == w.shape[0])."),
    (ValueError, "mismatch in its core dimension", "a matrix product whose inner sizes differ; print the "
                                                   "shapes (X @ w needs X.shape[1] == w.shape[0])."),
    (NameError, "not defined", "a name your function uses does not exist: a typo, or a cell that was not run."),
    (ZeroDivisionError, "", "a division by zero: which denominator can be 0 for this input?"),
    (TypeError, "unsupported operand", "an operation on two values that don't go together (a list and a "
                                       "number, or None): check what each variable holds."),
    (AttributeError, "has no attribute", "a method the value does not have (a list has no .sum(), a float "
                                         "no .shape): check what kind of value it is."),
)


WRONG_TYPE_CAUSE = {
    "True or False": "return a bool: a comparison gives one directly, and bool(...) turns a NumPy bool "
                     "or a 0/1 into one.",
    "a number": "return one number (a float or a NumPy float), not a container or an object around it.",
    "an array": "return a NumPy array of numbers (np.asarray(...), or NumPy operations throughout).",
    "text": "you returned text. Return the value itself: no str(), f-string or quotes around it.",
}


class Checker:
    """Runs one exercise against one answer; ``run()`` gives the CheckResult.

    The questions asked of an answer, in order: did the call itself go wrong (the stub, an
    error, a time-out, None)? Did it call a function the exercise forbids, write into its
    inputs, or silence warnings that were hiding a problem? Is it the wrong kind of value (a
    list, a wrong shape)? Are the values right, and without NumPy warnings? Does it use what
    the exercise requires, and compute what it returns? A wrong value is explained by the
    exercise's known mistakes first, then by general causes (float32, a constant factor,
    rounding, …), then by the NumPy warning it raised.
    """

    def __init__(self, exercise, answer):
        self.exercise = exercise
        self.answer = answer
        ex = exercise
        watched = {name: name for name in ex.forbidden + tuple("|".join(ex.required).split("|")) if name}
        watched.update(SILENCERS)
        self.watcher = CallWatcher(watched)
        self.forbidden = set(expand_wildcards({name: name for name in ex.forbidden}))
        self.used = set()          # watched functions called on any test input

    def result(self, status, lines=(), diagnosis=""):
        return CheckResult(self.exercise, status, list(lines), diagnosis)

    def fail(self, lines, diagnosis="", cause=""):
        lines = list(lines)
        if cause:
            lines.append(f"Likely cause: {cause}")
        lines.append(hint_pointer(self.exercise))
        return self.result("failed", lines, diagnosis)

    def call(self, args, seconds=None):
        call = call_safely(self.answer, args, seconds, self.watcher)
        if self.exercise.build is not None and call.error is None and call.value is not None:
            call.value = self.built(call.value, args, call)
        if code_of(self.answer) is code_of(SILENCERS["@np.errstate"]):    # the answer itself is decorated
            call.called.append("@np.errstate")
        wrapped = self.watcher.name_of(self.answer)        # np.vectorize(helpers.sigmoid) and the like
        if wrapped and wrapped not in call.called:
            call.called.append(wrapped)
        self.used.update(call.called)
        return call

    def run(self):
        if not callable(self.answer):
            return self.fail([f"check() expects your function, e.g. check(\"{self.exercise.id}\", "
                              f"my_function); it got {show(self.answer)}."], "not a function")
        try:
            cases = self.exercise.cases()
            if self.exercise.elementwise:
                return self.run_elementwise(cases[0][0])
            return self.run_cases(cases)
        except Exception as error:  # noqa: BLE001 — whatever was returned, the learner gets a verdict
            return self.fail([f"The check could not make sense of what your function returned "
                              f"({type(error).__name__}: {error})."], "unreadable result",
                             "a value of an unusual kind; return plain floats or a NumPy array of floats.")

    # --- what every answer is asked first -------------------------------------------------

    def call_problem(self, call, args):
        """A problem that ends the check: the stub, a time-out, an error, None, a shortcut, …"""
        names = self.exercise.names
        if isinstance(call.error, NotAttempted):
            return self.result("not attempted", [
                "Not attempted yet: replace the line `raise NotImplementedError()` with your code,",
                f"run that cell, then run this one again.  Stuck? hint(\"{self.exercise.id}\")"])
        forbidden = [name for name in call.called if name in self.forbidden or name == CallWatcher.CHECKER]
        if forbidden:
            return self.shortcut(forbidden[0])
        if isinstance(call.error, TimeLimitExceeded):
            return self.time_limit(args)
        if isinstance(call.error, CannotBuild):
            how = (self.exercise.build.__doc__ or "").strip().split("\n")[0]
            return self.fail([f"The check could not build the {self.exercise.builds} from what your function "
                              f"returned ({call.error})."], "cannot build", f"the wrong shape of answer. {how}")
        if call.error is not None:
            return self.raised(call, args)
        if call.changed:
            which = ", ".join(f"`{names[i]}`" if i < len(names) else f"argument {i + 1}" for i in call.changed)
            name = names[call.changed[0]] if call.changed[0] < len(names) else "x"
            return self.fail([for_inputs(names, args, f"your function changed its input {which} in place "
                                                      "(for example with -=, *= or z[...] = ...).")],
                             "changes its input",
                             "in a notebook this overwrites the caller's own array. Compute into a new "
                             f"array instead: {name} = {name} - ... (not {name} -= ...), or work on a copy "
                             f"({name} = {name}.copy() first).")
        if call.value is None:
            if call.printed.strip():
                return self.fail([for_inputs(names, args, "your function printed "
                                             f"{show(call.printed.strip())} but returned None.")],
                                 "printing instead of returning",
                                 "print(...) shows a value; `return` hands it back. Replace print with return.")
            return self.fail([for_inputs(names, args, "your function returned None.")],
                             "returned None", "a missing `return` statement.")
        if any(name in SILENCERS for name in call.called):
            return self.hidden_warnings(args)
        return None

    def built(self, value, args, call=None):
        """What the exercise's neuron or network, built from ``value``, computes (CannotBuild if it can't)."""
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return np.asarray(self.exercise.build(value, *args), dtype=float)
        except Exception as error:  # noqa: BLE001 — any malformed return value
            if call is not None:
                call.error = CannotBuild(f"{type(error).__name__}: {error}")
            return None

    def shortcut(self, name):
        if name == CallWatcher.CHECKER:
            return self.fail(["Your function called the checker's own code (helpers.checks) to get the "
                              "answer. That is not an answer: the check compares you with it."],
                             "forbidden call", "calling helpers.checks (for example exercise(…).reference) "
                             "instead of computing the answer yourself.")
        return self.fail([f"Your function called {name} — this exercise asks you to write that yourself."],
                         "forbidden call",
                         f"{name} does the work the exercise asks for. Use only the building blocks the "
                         "exercise text allows (np.exp, np.log, …).")

    def time_limit(self, args):
        ex, names = self.exercise, self.exercise.names
        lines = [for_inputs(names, args, "your function was still running after "
                            f"{TIME_LIMIT_SECONDS:g} s, so it was stopped.")]
        if ex.elementwise:   # does it finish on a handful of values? Then it is slow, not stuck.
            few = self.call((args[0][:8],), seconds=1.0)
            if not isinstance(few.error, TimeLimitExceeded):
                return self.fail(lines, "too slow", f"your function works on a few values but is far too "
                                 f"slow for {args[0].size}: a Python loop over the values, or a search "
                                 "with far too many steps. Work on the whole array with NumPy operations.")
        return self.fail(lines, "time limit", "a loop that never ends (check its condition: does it ever "
                         "become False?), or a search with far more steps than needed.")

    def raised(self, call, args):
        names = self.exercise.names
        where = learner_line(call.error)
        try:
            message = f"{type(call.error).__name__}: {call.error}"
        except Exception:  # noqa: BLE001 — an exception whose str() fails
            message = type(call.error).__name__
        lines = [for_inputs(names, args, f"your function raised {message}")
                 + (f"\n  (at {where})" if where else "") + "."]
        if "truth value of an array" in message:
            return self.fail(lines, "if on an array",
                             "an `if` (or `and`/`or`/`max`) on an array: it needs one True/False, "
                             "but an array has many. Use np.where, np.maximum or np.abs, which work "
                             "element by element.")
        if "arrays can be converted to Python scalars" in message or "only length-1 arrays" in message:
            return self.fail(lines, "math instead of numpy",
                             "a function from the math module (math.exp, math.log, …): they take "
                             "one number. Use np.exp, np.log, …, which work on whole arrays.")
        if isinstance(call.error, OverflowError) and "math range" in message:
            return self.fail(lines, "overflow", "math.exp of a large number overflows (beyond about 709). "
                             "Rewrite so that you only ever take exp of a number ≤ 0.")
        for kind, words, cause in RAISED_CAUSES:
            if isinstance(call.error, kind) and words in message:
                return self.fail(lines, "raised", cause)
        return self.fail(lines, "raised")

    def hidden_warnings(self, args):
        """The answer silenced warnings: were they hiding anything? Run it again with them on."""
        # an answer decorated with @np.errstate(...) is run undecorated (functools.wraps keeps the original)
        again = call_safely(inspect.unwrap(self.answer), args, silencers_off=True)
        if not again.warnings:
            return None
        return self.fail([for_inputs(self.exercise.names, args, "your function silences NumPy's warnings "
                                     f"(np.errstate, np.seterr or warnings filters); without that, NumPy "
                                     f"warns \"{again.warnings[0]}\".")],
                         "silenced warnings",
                         "a silenced warning is still a problem: the overflow or 0/0 happens, it is only "
                         "hidden. Remove the silencer and rewrite the formula so that nothing overflows.")

    # --- what a right value must also satisfy ------------------------------------------------

    def rules_problem(self, value):
        """After right values: a required function not used, or a number typed in."""
        ex = self.exercise
        missing = [need.split("|")[0] for need in ex.required if not self.used & set(need.split("|"))]
        if missing:
            return self.fail([f"Your values are right, but the exercise asks you to use {missing[0]}, "
                              "and your function does not call it."], "required function not used",
                             f"another formula that gives the same numbers; this exercise is about "
                             f"{missing[0]}.")
        if ex.computed and typed_in(self.answer, value):
            return self.fail(["Your function returns a number written into its code; the exercise asks "
                              "you to compute it."], "typed in",
                             "a value copied from somewhere (or worked out by hand). Let the code do "
                             "the computation, so that it would still be right if the numbers changed.")
        return None

    def passed(self, value):
        return self.rules_problem(value) or self.result("passed")

    # --- explaining a wrong value -----------------------------------------------------------

    def agrees(self, mistake, args, call):
        """True/False: does the mistake give what the answer gave here? None if it cannot run."""
        if mistake.matches is not None:
            if call.warnings:            # a predicate describes a quiet answer; warnings are named on their own
                return False
            told = {}
            if mistake.needs_expected:
                told["expected"] = self.exercise.reference(*args)
            if mistake.wrong is not None:
                wrong = call_safely(mistake.wrong, args)
                if wrong.error is not None:
                    return None
                told["wrong"] = wrong.value
            verdict = call_safely(functools.partial(mistake.matches, **told), tuple(args) + (call.value,))
            return None if verdict.error is not None else bool(verdict.value)
        wrong = call_safely(mistake.wrong, args)
        if wrong.error is not None or wrong.value is None:
            return None
        if self.exercise.build is not None:
            wrong.value = self.built(wrong.value, args)
            if wrong.value is None:
                return None
        if call.warnings and set(wrong.warnings) != set(call.warnings):
            return False
        if isinstance(wrong.value, (bool, np.bool_)) or isinstance(call.value, (bool, np.bool_)):
            return isinstance(call.value, (bool, np.bool_)) and bool(call.value) == bool(wrong.value)
        if isinstance(call.value, (list, tuple)) != isinstance(wrong.value, (list, tuple)):
            return False
        try:
            if np.shape(wrong.value) != np.shape(call.value):
                return False
        except ValueError:
            return False
        # as close as a right answer must be to the reference, but never closer than 1e-9 relative:
        # two ways of writing the same mistake round differently in the last digits
        rtol, atol = self.exercise.tolerance(wrong.value)
        return bool(np.all(close(call.value, wrong.value, max(rtol, 1e-9), atol)))

    def mistake_on_every_case(self, calls):
        """The first known mistake that gives what the answer gave on every case, right or wrong.

        One case can fit several mistakes (a True/False answer has only two values), so a
        diagnosis needs the whole pattern of answers to agree. Cases where the mistake itself
        cannot run are left out; at least one case the answer got wrong must be compared.
        """
        for mistake in self.exercise.mistakes:
            verdicts = [(self.agrees(mistake, args, call), ok) for args, call, ok in calls]
            compared = [(agree, ok) for agree, ok in verdicts if agree is not None]
            if compared and all(agree for agree, _ in compared) and not all(ok for _, ok in compared):
                return mistake
        return None

    def explain(self, lines, calls, expecteds):
        """Fail with the best explanation of a wrong answer (``calls``: (args, call, ok) per case)."""
        gots = [as_float_array(call.value) for _, call, _ in calls]
        numeric = all(g is not None and np.shape(g) == np.shape(e) for g, e in zip(gots, expecteds)) \
            and not any(isinstance(e, (bool, np.bool_)) for e in expecteds)
        dtypes = [getattr(call.value, "dtype", None) for _, call, _ in calls]
        if numeric and any(d is not None and d.kind == "f" and d.itemsize < 8 for d in dtypes):
            cause = general_cause(gots, [np.asarray(e, dtype=float) for e in expecteds], dtypes,
                                  *self.exercise.tolerance(expecteds[0]))
            if cause and cause[0] == "float32":
                return self.fail(lines, *cause)
        mistake = self.mistake_on_every_case(calls)
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        warned = [call.warnings[0] for _, call, _ in calls if call.warnings]
        if warned:
            return self.fail(lines, warning_name(warned[0]), warning_cause(warned[0]))
        if numeric:
            expected_arrays = [np.asarray(e, dtype=float) for e in expecteds]
            inputs = calls[0][0][0] if self.exercise.elementwise else None
            cause = general_cause(gots, expected_arrays, dtypes, *self.exercise.tolerance(expecteds[0]),
                                  inputs=inputs)
            if cause is None and len(calls) == 1 and expected_arrays[0].size == 1 and not calls[0][0]:
                cause = near_miss(float(gots[0].ravel()[0]), float(expected_arrays[0].ravel()[0]),
                                  *self.exercise.tolerance(expecteds[0]))
            if cause:
                return self.fail(lines, *cause)
        return self.fail(lines)

    # --- one function applied to an array of test values ----------------------------------------

    def run_elementwise(self, z):
        ex = self.exercise
        name = ex.names[0]
        call = self.call((z,))
        problem = self.call_problem(call, (z,))
        if problem:
            return problem
        expected = np.asarray(ex.reference(z))
        kind, got_text = describe_type_problem(call.value, expected)
        if kind:
            return self.type_failure(kind, got_text, call, expected, (z,))
        got = as_float_array(call.value)
        ok = close(got, expected, *ex.tolerance(expected))
        if call.warnings and ok.all():
            return self.warning_failure(z, got, call)
        if ok.all():
            return self.passed(call.value)
        i = self.worst_index(z, ok)
        rtol, atol = ex.tolerance(expected)
        lines = [f"For {name} = {show(z[i])} your function returned {show(got[i])}"
                 + (f", and NumPy warned \"{call.warnings[0]}\"." if call.warnings else "."),
                 f"Expected {show(expected[i])} (within {rtol:g} relative). "
                 f"{int(ok.sum())} of {ok.size} test inputs were right."]
        return self.explain(lines, [((z,), call, False)], [expected])

    def worst_index(self, z, ok):
        """The failing input to show: the one with the largest |z| is the most telling."""
        failing = np.flatnonzero(~ok)
        return failing[np.argmax(np.abs(z[failing]))]

    def warning_failure(self, z, got, call):
        """Right values, but NumPy warned: find the mildest input that warns, element by element."""
        culprit, message = None, call.warnings[0]
        for i in np.argsort(np.abs(z), kind="stable"):
            single = call_safely(self.answer, (z[i:i + 1],), seconds=1.0)
            if single.warnings:
                culprit, message = i, single.warnings[0]
                break
        where = f"For {self.exercise.names[0]} = {show(z[culprit])}" if culprit is not None else "On the test inputs"
        value = f" your function returned {show(got[culprit])}" if culprit is not None else " your values were right"
        lines = [f"{where}{value}, but NumPy warned \"{message}\".",
                 f"All {z.size} values are right, but a warning means some step lost control of the numbers."]
        mistake = self.mistake_on_every_case([((z,), call, False)])
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        return self.fail(lines, warning_name(message), warning_cause(message))

    # --- the wrong kind of value ------------------------------------------------------------------

    def every_case(self, cases):
        """(args, call, right?) for every case the answer runs on: a known mistake must fit them all."""
        calls = []
        for args in cases:
            args = tuple(args)
            call = call_safely(self.answer, args)
            if call.error is None and call.value is not None:
                if self.exercise.build is not None:
                    call.value = self.built(call.value, args)
                expected = self.exercise.reference(*args)
                try:
                    ok = np.shape(call.value) == np.shape(expected) and \
                        bool(np.all(close(call.value, expected, *self.exercise.tolerance(expected))))
                except (TypeError, ValueError):
                    ok = False
                calls.append((args, call, ok))
        return calls

    def type_failure(self, kind, got_text, call, expected, args, calls=None):
        ex = self.exercise
        wanted = "an array" if isinstance(expected, np.ndarray) and expected.ndim else "a number"
        if isinstance(expected, (bool, np.bool_)):
            wanted = "True or False"
        shape = getattr(expected, "shape", ())
        line = TYPE_ADVICE[kind].format(kind=article(type(call.value).__name__), got=got_text,
                                        shape=shape if shape else "() — a single number", wanted=wanted)
        lines = [for_inputs(ex.names, args, line[0].lower() + line[1:])]
        mistake = self.mistake_on_every_case(calls or [(args, call, False)])
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        got = as_float_array(call.value) if kind != "returned None" else None
        if got is not None and kind == "wrong shape" and got.ndim == 2 and got.shape == np.shape(expected)[::-1] \
                and close(got.T, expected, *ex.tolerance(expected)).all():
            return self.fail(lines, "transposed", "your array is the right one transposed: rows and columns "
                             "are swapped (check the axis you work along, or a stray .T).")
        if got is not None and kind == "wrong shape" and got.size == np.size(expected) \
                and close(got.reshape(np.shape(expected)), expected, *ex.tolerance(expected)).all():
            wanted_shape = np.shape(expected)
            if got.ndim > len(wanted_shape):       # e.g. a keepdims=True reduction left an axis of length 1
                how = f"drop the extra axis (.ravel(), or [:, 0]), or reshape to {wanted_shape}."
            elif got.ndim < len(wanted_shape):
                how = f"keep the axis (keepdims=True in the reduction), or reshape to {wanted_shape}."
            else:
                how = f"reshape to {wanted_shape}."
            return self.fail(lines + ["The values themselves are right."], "wrong shape",
                             "the right numbers in the wrong shape: " + how)
        if kind == "list instead of array" and got is not None and np.shape(got) == np.shape(expected) \
                and close(got, expected, *ex.tolerance(expected)).all():
            lines.append("The values themselves are right.")
        if kind == "wrong type" and isinstance(call.value, (complex, np.complexfloating)) or \
                isinstance(call.value, np.ndarray) and call.value.dtype.kind == "c":
            return self.fail(lines, "complex numbers", "a complex result: a square root or power of a "
                             "negative number with complex inputs (or np.emath / cmath). Keep to real numbers.")
        if kind == "wrong type":
            return self.fail(lines, kind, WRONG_TYPE_CAUSE["text" if isinstance(call.value, (str, bytes))
                                                           else wanted])
        return self.fail(lines, kind)

    # --- a list of separate cases ----------------------------------------------------------------

    def run_cases(self, cases):
        ex = self.exercise
        calls, expecteds, first_failure = [], [], None
        for args in cases:
            args = tuple(args)
            call = self.call(args)
            problem = self.call_problem(call, args)
            if problem:
                return problem
            expected = ex.reference(*args)
            kind, got_text = describe_type_problem(call.value, expected)
            if kind:
                return self.type_failure(kind, got_text, call, expected, args, self.every_case(cases))
            if isinstance(expected, (bool, np.bool_)):
                ok = bool(call.value) == bool(expected)
            else:
                ok = bool(np.all(close(call.value, expected, *ex.tolerance(expected))))
            if ok and call.warnings:
                line = for_inputs(ex.names, args, f"your function returned {show(call.value)}, "
                                                  f"but NumPy warned \"{call.warnings[0]}\".")
                return self.explain([line], [(args, call, False)], [expected])
            calls.append((args, call, ok))
            expecteds.append(expected)
            if not ok and first_failure is None:
                first_failure = (args, call, expected)
        if first_failure is None:
            return self.passed(calls[-1][1].value if len(calls) == 1 else None)
        args, call, expected = first_failure
        gave = (f"the {ex.builds} built from what your function returned gives" if ex.build
                else "your function returned")
        lines = [for_inputs(ex.names, args, f"{gave} {show(call.value)}"
                            + (f", and NumPy warned \"{call.warnings[0]}\"." if call.warnings else "."))]
        right = sum(ok for _, _, ok in calls)
        if args:
            lines.append(f"Expected {show(expected)}. {right} of {len(cases)} test cases were right.")
        else:
            lines.append(self.not_the_value(call.value, expected))
        return self.explain(lines, calls, expecteds)

    def not_the_value(self, got, expected):
        """For an answer with no inputs: say how it is wrong without giving the answer away."""
        got, expected = as_float_array(got), np.asarray(expected, dtype=float)
        if expected.ndim == 0:
            return f"That is not the value asked for: it is too {'high' if got > expected else 'low'}."
        wrong = np.flatnonzero(~close(got, expected, *self.exercise.tolerance(expected)))
        return (f"{wrong.size} of {expected.size} values are not right; the first is entry [{wrong[0]}] "
                f"(counting from 0), where you have {show(got.flat[wrong[0]])}.")


def warning_name(message):
    return "overflow" if "overflow" in message else "warning"


def warning_cause(message):
    if "overflow" in message:
        return ("exp of a large positive number overflows to inf (e.g. exp(-z) when z is very "
                "negative). Rewrite so that you only ever take exp of a number ≤ 0.")
    if "divide by zero" in message:
        return "a division by zero or a log of 0 somewhere; look for a value that can reach 0."
    if "invalid value" in message:
        return ("an operation like inf − inf, inf/inf or 0·inf produced nan; an earlier overflow "
                "is the usual source.")
    return "a numerical step went out of range; look at the extreme inputs."


# --- hints --------------------------------------------------------------------------------------

_hints_shown = {}   # exercise id → how many hints the learner has seen in this session


def hint_pointer(exercise):
    """The 'More help' line: which hint comes next."""
    shown = _hints_shown.get(exercise.id, 0)
    total = len(exercise.hints)
    if shown >= total:
        return f"You have seen all {total} hints; the worked solution is in solutions/."
    return f"More help: hint(\"{exercise.id}\")  (hint {shown + 1} of {total})"


def next_hint(exercise, number=None):
    """The text of hint ``number`` (1-based), or of the next hint not yet shown."""
    total = len(exercise.hints)
    if number is None:
        number = min(_hints_shown.get(exercise.id, 0) + 1, total)
    if not 1 <= number <= total:
        return f"Exercise {exercise.id} has hints 1 to {total}."
    _hints_shown[exercise.id] = max(_hints_shown.get(exercise.id, 0), number)
    more = (f"  Next: hint(\"{exercise.id}\")" if number < total
            else "  (That was the last hint; the worked solution is in solutions/.)")
    return f"Hint {number} of {total} · {exercise.heading}\n{exercise.hints[number - 1]}\n{more}"


def reset_hints():
    """Forget which hints were shown (used by tests)."""
    _hints_shown.clear()
