"""Exercise checks, hints and quizzes — what the notebooks call.

    check("1.3", my_sigmoid)   checks your answer and says what is wrong, if anything
    hint("1.3")                shows the next hint (hint("1.3", 2) shows hint 2)
    quiz("01")                 shows the chapter's "Test your understanding" questions

The exercises of chapter NN are described in ``chNN.py`` next to this file; the machinery
that runs and compares answers is in ``engine.py``. The right answers are not part of the
course you install: the checks compare your function with what the teacher's answer gave on
the check's own inputs, recorded in ``recorded/chNN.npz`` (``recordings.py``).
"""

import importlib
import os

from IPython.display import display

from .engine import CheckResult, Exercise, Mistake, next_hint

__all__ = ["check", "hint", "quiz", "run_check", "exercise", "Exercise", "Mistake", "CheckResult", "NotGradedHere"]


class NotGradedHere(RuntimeError):
    """Raised by check() when nbgrader autogrades a notebook by plain execution (see check)."""


def _chapter_module(chapter):
    return importlib.import_module(f"{__name__}.ch{int(chapter):02d}")


def exercise(exercise_id):
    """The Exercise with this id ("1.3"), or a KeyError listing the chapter's ids."""
    chapter = str(exercise_id).split(".")[0]
    try:
        exercises = {ex.id: ex for ex in _chapter_module(chapter).EXERCISES}
    except (ValueError, ModuleNotFoundError):
        raise KeyError(f"there is no exercise {exercise_id!r}") from None
    if exercise_id not in exercises:
        raise KeyError(f"there is no exercise {exercise_id!r}; chapter {chapter} has "
                       + ", ".join(exercises))
    return exercises[exercise_id]


def run_check(exercise_id, answer):
    """Check ``answer`` for exercise ``exercise_id`` and return the CheckResult (no display)."""
    from .engine import Checker
    ex = exercise(exercise_id)
    if not getattr(ex.reference, "available", lambda: True)():
        return checked_when_handed_in(ex, answer)
    return Checker(ex, answer).run()


def checked_when_handed_in(ex, answer):
    """In a graded assignment, an answer that is one value (or any whose hidden inputs are its public ones)
    is compared only when handed in (the student's copy of the course does not hold the answer, so it can
    be neither read nor homed in on): say whether it runs."""
    from .engine import CheckResult, NotAttempted, call_safely, show
    if not callable(answer):
        return CheckResult(ex, "failed", [f"check() expects your function, e.g. check(\"{ex.id}\", my_function); "
                                          f"it got {show(answer)}."], "not a function")
    args = tuple(ex.cases()[0])             # () for a value; the first of the check's own inputs otherwise
    call = call_safely(answer, args)
    if isinstance(call.error, NotAttempted):
        return CheckResult(ex, "not attempted", ["Not attempted yet: replace the line `raise NotImplementedError()` "
                                                 "with your code, run that cell, then run this one again."])
    if call.error is not None:
        return CheckResult(ex, "failed", [f"Your function raised {type(call.error).__name__}: {call.error}. "
                                          "Fix that before you hand it in."], "raised")
    returned = f"returns {show(call.value)}" if not args else f"returns {show(call.value)} for {show(args[0])}"
    return CheckResult(ex, "graded later", [
        f"Your function runs and {returned}.",
        "This is a graded assignment: whether that is right is checked when you hand it in."])


def check(exercise_id, answer):
    """Check your answer to an exercise and show the verdict.

    ``answer`` is the function the exercise asks you to write. A wrong answer gets the input
    that failed, the expected and the actual value, and the likely cause when it is a
    common mistake. Nothing you write can make this cell crash.

    Graded assignments are autograded in a sandbox (tools/classroom), never by running this cell:
    nbgrader's plain execution sets NBGRADER_EXECUTION=autograde, and there this cell raises, so
    that a classroom whose grading configuration did not load scores 0, never full marks.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        raise NotGradedHere("This exercise was not graded: nbgrader ran the notebook itself instead of the "
                            "course's sandboxed grader (the classroom's nbgrader_config.py did not load). "
                            "Your teacher will grade it again.")
    try:
        result = run_check(exercise_id, answer)
    except KeyError as error:
        print(f"✗ {error.args[0]}")
        return
    display(result)


def hint(exercise_id, number=None):
    """Show the next hint for an exercise (or hint ``number``). Each hint gives a little more."""
    try:
        print(next_hint(exercise(exercise_id), number))
    except KeyError as error:
        print(f"✗ {error.args[0]}")


def quiz(chapter):
    """Show chapter ``chapter``'s quiz: each question, then buttons that give instant feedback."""
    from ..widgets import show_quiz
    show_quiz(_chapter_module(chapter).QUIZ)
