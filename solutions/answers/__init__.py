"""The exercises' answers, for teachers only: not part of the installed ``helpers`` package.

``helpers/checks/chNN.py`` describes each exercise without its answer; this package holds, per
chapter (``answers/chNN.py``):

* ``REFERENCES`` — exercise id → the right answer, a function with the exercise's signature;
* ``WRONG`` — exercise id → {mistake name → the function such a learner writes} (a tuple of
  functions when an exercise names two variants of one mistake alike, in their order there);

and the computations they need (``best_hard_slope``, training loops, …).

``teacher_exercise("1.3")`` is the public Exercise with these put back, so that the engine runs
on any inputs — the hidden ones of graded work (tools/classroom/hidden.py) too. The installed
course uses their values on the check's own inputs instead, which ``tools/record_answers.py``
records into ``helpers/checks/recorded/``.

Importable as ``answers`` once ``solutions/`` is on sys.path (``tools.course_build.teacher_path()``).
"""

import dataclasses
import importlib

from helpers.checks import exercise
from helpers.checks.recordings import Recorded


def _chapter(exercise_id):
    return importlib.import_module(f"{__name__}.ch{int(exercise_id.split('.')[0]):02d}")


def teacher_exercise(exercise_id):
    """The Exercise ``exercise_id`` with its real reference and real mistakes."""
    public = exercise(exercise_id)
    answers = _chapter(exercise_id)
    wrong = {name: list(functions) if isinstance(functions, tuple) else [functions]
             for name, functions in answers.WRONG.get(exercise_id, {}).items()}
    mistakes = []
    for mistake in public.mistakes:
        if isinstance(mistake.wrong, Recorded):
            if not wrong.get(mistake.name):
                raise LookupError(f"answers: exercise {exercise_id} has no wrong function for {mistake.name!r}")
            mistake = dataclasses.replace(mistake, wrong=wrong[mistake.name].pop(0))
        mistakes.append(mistake)
    unused = [name for name, functions in wrong.items() if functions]
    if unused:
        raise LookupError(f"answers: exercise {exercise_id} has no recorded mistake named {unused}")
    return dataclasses.replace(public, reference=answers.REFERENCES[exercise_id], mistakes=tuple(mistakes))


def teacher_exercises():
    """Every exercise of every chapter, with its answers, in course order."""
    from tools.course_build import available_chapters
    return [teacher_exercise(ex.id) for number, _, _, _ in available_chapters()
            for ex in importlib.import_module(f"helpers.checks.ch{number}").EXERCISES]
