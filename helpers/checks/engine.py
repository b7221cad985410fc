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
import io
import linecache
import signal
import threading
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

TIME_LIMIT_SECONDS = 5.0
STARS = {1: "★", 2: "★★", 3: "★★★"}


# --- how exercises are described --------------------------------------------------------------

@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: the function such a learner writes, and what to tell them."""

    name: str                 # short, e.g. "σ(1 + σ) instead of σ(1 − σ)"
    wrong: Callable           # same signature as the exercise's reference
    explanation: str          # "Likely cause: …" (without those words)


@dataclass(frozen=True)
class Exercise:
    """One exercise and how to check it.

    ``cases`` returns the inputs to try: a list of argument tuples, each given to the
    learner's function as ``answer(*args)``. With ``elementwise=True`` there is a single
    argument, a 1-D array of test values, and the answer must work on the whole array at
    once (as NumPy functions do); failures are then reported per value.
    ``names`` are the argument names used in messages ("z", or "p, y").
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

    def __post_init__(self):
        if self.stars not in STARS:
            raise ValueError(f"stars must be 1, 2 or 3, not {self.stars!r} (exercise {self.id})")
        if not self.hints:
            raise ValueError(f"exercise {self.id} needs at least one hint")

    @property
    def heading(self):
        return f"Exercise {self.id} · {self.title}"


@dataclass
class CheckResult:
    """What a check found. ``status`` is "passed", "failed" or "not attempted"."""

    exercise: Exercise
    status: str
    lines: list = field(default_factory=list)   # the explanation, one sentence per line
    diagnosis: str = ""                          # the name of the mistake found, if any

    @property
    def passed(self):
        return self.status == "passed"

    def __str__(self):
        mark = {"passed": "✓", "failed": "✗", "not attempted": "○"}[self.status]
        head = f"{mark} {self.exercise.heading}"
        if self.status == "passed":
            return head + (f" — {self.exercise.success}." if self.exercise.success else " — right.")
        return "\n".join([head] + ["  " + line for line in self.lines])

    def _repr_html_(self):
        import html
        colour = {"passed": "#009E73", "failed": "#D55E00", "not attempted": "#999999"}[self.status]
        body = html.escape(str(self))
        return (f'<pre style="border-left: 4px solid {colour}; padding: 4px 8px; '
                f'white-space: pre-wrap; margin: 0">{body}</pre>')

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

class NotAttempted(Exception):
    """The learner's function still raises NotImplementedError (the stub)."""


class TimeLimitExceeded(Exception):
    """The learner's function ran past the time limit."""


@dataclass
class Call:
    """The outcome of one call of the learner's function."""

    value: object = None
    error: BaseException = None
    warnings: list = field(default_factory=list)   # messages, e.g. "overflow encountered in exp"
    printed: str = ""


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
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_safely(function, args, seconds=TIME_LIMIT_SECONDS):
    """Call ``function(*args)`` and record everything it does instead of letting it escape."""
    call = Call()
    printed = io.StringIO()
    args = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args)  # learners may write into inputs
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            with contextlib.redirect_stdout(printed), time_limit(seconds):
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
    return call


def learner_line(error):
    """The last line of the learner's own code in the error's traceback, as 'line N: source'."""
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
    text = repr(value)
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


def close(got, expected, rtol, atol):
    """Elementwise |got − expected| ≤ atol + rtol·|expected|, with nan matching nan and inf matching inf.

    Anything that is not made of numbers (a string, a ragged tuple, a dict) is simply not close.
    """
    try:
        expected = np.asarray(expected, dtype=float)
        got = np.broadcast_to(np.asarray(got, dtype=float), expected.shape)
    except (TypeError, ValueError):
        return np.zeros(np.shape(expected) if isinstance(expected, np.ndarray) else (), dtype=bool)
    with np.errstate(invalid="ignore", over="ignore"):
        near = np.abs(got - expected) <= atol + rtol * np.abs(expected)
    same = (got == expected) | (np.isnan(got) & np.isnan(expected))
    return near | same


def as_real_number(value):
    """value as a float if it is a real number (int, float, NumPy scalar, 0-d array), else None."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    return None


# --- the checks ----------------------------------------------------------------------------------

def describe_type_problem(got, expected):
    """A sentence when ``got`` is not the kind of value expected, else ''. Also names the mistake."""
    if got is None:
        return "returned None", ""
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if isinstance(got, (list, tuple)):
            return "list instead of array", ""
        if as_real_number(got) is not None:
            return "wrong shape", "a single number"
        if not isinstance(got, np.ndarray):
            return "wrong type", f"a {type(got).__name__}"
        if got.shape != expected.shape:
            return "wrong shape", f"an array of shape {got.shape}"
        if got.dtype.kind not in "biuf":
            return "wrong type", f"an array of dtype {got.dtype}"
        return "", ""
    if isinstance(expected, (bool, np.bool_)):
        return ("", "") if isinstance(got, (bool, np.bool_)) else ("wrong type", f"a {type(got).__name__}")
    if as_real_number(expected) is not None and as_real_number(got) is None:
        if isinstance(got, np.ndarray):
            return "wrong shape", f"an array of shape {got.shape}"
        return "wrong type", f"a {type(got).__name__} ({show(got)})"
    return "", ""


TYPE_ADVICE = {
    "list instead of array": "Your function returned a {kind}; return a NumPy array instead "
                             "(np.asarray(...), or use NumPy operations throughout).",
    "wrong shape": "Your function returned {got}; expected shape {shape}.",
    "wrong type": "Your function returned {got}; expected {wanted}.",
}


class Checker:
    """Runs one exercise against one answer; ``run()`` gives the CheckResult.

    The order of questions asked of a wrong answer: did the call itself go wrong (the stub,
    an error, a time-out, None)? Is it one of the exercise's known mistakes? Is it the
    wrong kind of value (a list, a wrong shape)? Did NumPy warn? Otherwise: which input
    failed, and what was expected.
    """

    def __init__(self, exercise, answer):
        self.exercise = exercise
        self.answer = answer

    def result(self, status, lines=(), diagnosis=""):
        return CheckResult(self.exercise, status, list(lines), diagnosis)

    def fail(self, lines, diagnosis="", cause=""):
        lines = list(lines)
        if cause:
            lines.append(f"Likely cause: {cause}")
        lines.append(hint_pointer(self.exercise))
        return self.result("failed", lines, diagnosis)

    def run(self):
        if not callable(self.answer):
            return self.fail([f"check() expects your function, e.g. check(\"{self.exercise.id}\", "
                              f"my_function); it got {show(self.answer)}."], "not a function")
        cases = self.exercise.cases()
        if self.exercise.elementwise:
            return self.run_elementwise(cases[0][0])
        return self.run_cases(cases)

    # --- what every answer is asked first -------------------------------------------------

    def call_problem(self, call, args):
        """A problem with the call itself that ends the check: the stub, a time-out, an error, None."""
        names = self.exercise.names
        if isinstance(call.error, NotAttempted):
            return self.result("not attempted", [
                "Not attempted yet: replace the line `raise NotImplementedError()` with your code,",
                f"run that cell, then run this one again.  Stuck? hint(\"{self.exercise.id}\")"])
        if isinstance(call.error, TimeLimitExceeded):
            return self.fail([for_inputs(names, args, "your function was still running after "
                                         f"{TIME_LIMIT_SECONDS:g} s, so it was stopped.")],
                             "time limit", "a loop that never ends (check the loop's condition).")
        if call.error is not None:
            where = learner_line(call.error)
            message = f"{type(call.error).__name__}: {call.error}"
            lines = [for_inputs(names, args, f"your function raised {message}")
                     + (f"\n  (at {where})" if where else "") + "."]
            if "truth value of an array" in str(call.error):
                return self.fail(lines, "if on an array",
                                 "an `if` (or `and`/`or`/`max`) on an array: it needs one True/False, "
                                 "but an array has many. Use np.where, np.maximum or np.abs, which work "
                                 "element by element.")
            if "arrays can be converted to Python scalars" in str(call.error):
                return self.fail(lines, "math instead of numpy",
                                 "a function from the math module (math.exp, math.log, …): they take "
                                 "one number. Use np.exp, np.log, …, which work on whole arrays.")
            return self.fail(lines, "raised")
        if call.value is None:
            if call.printed.strip():
                return self.fail([for_inputs(names, args, "your function printed "
                                             f"{show(call.printed.strip())} but returned None.")],
                                 "printing instead of returning",
                                 "print(...) shows a value; `return` hands it back. Replace print with return.")
            return self.fail([for_inputs(names, args, "your function returned None.")],
                             "returned None", "a missing `return` statement.")
        return None

    def known_mistake(self, args, call, where=None):
        """The first known mistake that gives what the learner's answer gave.

        ``where`` (a boolean mask) limits the comparison to the inputs the answer got wrong.
        If the answer made NumPy warn, the mistake must raise the same warnings, so that, for
        example, the textbook sigmoid and np.where over both forms are told apart.
        """
        for mistake in self.exercise.mistakes:
            wrong = call_safely(mistake.wrong, args)
            if wrong.error is not None or wrong.value is None:
                continue
            if call.warnings and set(wrong.warnings) != set(call.warnings):
                continue
            try:
                if np.shape(wrong.value) != np.shape(call.value) or type(wrong.value) is not type(call.value) and (
                        isinstance(call.value, (list, tuple)) or isinstance(wrong.value, (list, tuple))):
                    continue
                # as close to the mistake as a right answer must be to the reference
                agrees = close(call.value, wrong.value, max(self.exercise.rtol, 1e-6),
                               max(self.exercise.atol, 1e-12))
            except (TypeError, ValueError):
                continue
            if np.all(agrees[where] if where is not None and np.ndim(agrees) else agrees):
                return mistake
        return None

    def wrong_answer(self, lines, args, call, where=None):
        """Fail, naming the known mistake the answer matches, else the cause of its NumPy warning."""
        mistake = self.known_mistake(args, call, where)
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        if call.warnings:
            return self.fail(lines, warning_name(call.warnings[0]), warning_cause(call.warnings[0]))
        return self.fail(lines)

    # --- one function applied to an array of test values ----------------------------------------

    def run_elementwise(self, z):
        ex = self.exercise
        name = ex.names[0]
        call = call_safely(self.answer, (z,))
        problem = self.call_problem(call, (z,))
        if problem:
            return problem
        expected = np.asarray(ex.reference(z))
        kind, got_text = describe_type_problem(call.value, expected)
        if kind:
            return self.type_failure(kind, got_text, call, expected, (z,))
        got = np.asarray(call.value, dtype=float)
        ok = close(got, expected, ex.rtol, ex.atol)
        if call.warnings and ok.all():
            return self.warning_failure(z, got, call)
        if ok.all():
            return self.result("passed")
        i = self.worst_index(z, ok)
        lines = [f"For {name} = {show(z[i])} your function returned {show(got[i])}"
                 + (f", and NumPy warned \"{call.warnings[0]}\"." if call.warnings else "."),
                 f"Expected {show(expected[i])} (within {ex.rtol:g} relative). "
                 f"{int(ok.sum())} of {ok.size} test inputs were right."]
        return self.wrong_answer(lines, (z,), call, where=~ok)

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
        return self.wrong_answer(lines, (z,), call)

    # --- the wrong kind of value ------------------------------------------------------------------

    def type_failure(self, kind, got_text, call, expected, args):
        ex = self.exercise
        wanted = "an array" if isinstance(expected, np.ndarray) and expected.ndim else "a number"
        if isinstance(expected, (bool, np.bool_)):
            wanted = "True or False"
        shape = getattr(expected, "shape", ())
        line = TYPE_ADVICE[kind].format(kind=type(call.value).__name__, got=got_text,
                                        shape=shape if shape else "() — a single number", wanted=wanted)
        lines = [for_inputs(ex.names, args, line[0].lower() + line[1:])]
        mistake = self.known_mistake(args, call)
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        if kind == "list instead of array" and np.shape(expected) == np.shape(close(call.value, expected, 0, 0)) \
                and close(call.value, expected, ex.rtol, ex.atol).all():
            lines.append("The values themselves are right.")
        return self.fail(lines, kind)

    # --- a list of separate cases ----------------------------------------------------------------

    def run_cases(self, cases):
        ex = self.exercise
        right, first_failure, calls = 0, None, []
        for args in cases:
            args = tuple(args)
            call = call_safely(self.answer, args)
            calls.append((args, call))
            problem = self.call_problem(call, args)
            if problem:
                return problem
            expected = ex.reference(*args)
            kind, got_text = describe_type_problem(call.value, expected)
            if kind:
                return self.type_failure(kind, got_text, call, expected, args)
            if isinstance(expected, (bool, np.bool_)):
                ok = bool(call.value) == bool(expected)
            else:
                ok = bool(np.all(close(call.value, expected, ex.rtol, ex.atol)))
            if ok and call.warnings:
                line = for_inputs(ex.names, args, f"your function returned {show(call.value)}, "
                                                  f"but NumPy warned \"{call.warnings[0]}\".")
                return self.wrong_answer([line], args, call)
            calls[-1] = (args, call, ok)
            if ok:
                right += 1
            elif first_failure is None:
                first_failure = (args, call, expected)
        if first_failure is None:
            return self.result("passed")
        args, call, expected = first_failure
        lines = [for_inputs(ex.names, args, f"your function returned {show(call.value)}"
                            + (f", and NumPy warned \"{call.warnings[0]}\"." if call.warnings else "."))]
        if args:
            lines.append(f"Expected {show(expected)}. {right} of {len(cases)} test cases were right.")
        else:
            lines.append(self.not_the_value(call.value, expected))
        mistake = self.mistake_on_every_case(calls)
        if mistake:
            return self.fail(lines, mistake.name, mistake.explanation)
        return self.fail(lines, *((warning_name(call.warnings[0]), warning_cause(call.warnings[0]))
                                  if call.warnings else ()))

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

    def agrees(self, mistake, args, call):
        """True/False: does the mistake give what the answer gave here? None if it cannot run."""
        wrong = call_safely(mistake.wrong, args)
        if wrong.error is not None or wrong.value is None:
            return None
        if call.warnings and set(wrong.warnings) != set(call.warnings):
            return False
        if isinstance(wrong.value, (bool, np.bool_)) or isinstance(call.value, (bool, np.bool_)):
            return isinstance(call.value, (bool, np.bool_)) and bool(call.value) == bool(wrong.value)
        try:
            if np.shape(wrong.value) != np.shape(call.value):
                return False
        except ValueError:
            return False
        return bool(np.all(close(call.value, wrong.value, max(self.exercise.rtol, 1e-6),
                                 max(self.exercise.atol, 1e-12))))

    def not_the_value(self, got, expected):
        """For an answer with no inputs: say how it is wrong without giving the answer away."""
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        if expected.ndim == 0:
            return f"That is not the value asked for: it is too {'high' if got > expected else 'low'}."
        wrong = np.flatnonzero(~close(got, expected, self.exercise.rtol, self.exercise.atol))
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
