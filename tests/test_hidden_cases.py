"""Graded work uses hidden inputs (tools/classroom/hidden.py): other digits, the same kind of case.

Every right answer of tests/answers must still pass on them and every wrong one still fail, and the
inputs must really differ from the public ones a student can read.
"""

import contextlib
import io

import numpy as np
import pytest

from answers import teacher_exercise as exercise   # hidden inputs need the real answers, not recorded ones
from helpers.checks.engine import Checker
from tests.test_exercise_checks import EXERCISES, RIGHT, WRONG
from tools.classroom.hidden import hidden_exercise, moved

SEED = 20261129


def verdict(exercise_id, answer):
    with contextlib.redirect_stdout(io.StringIO()):
        return Checker(hidden_exercise(exercise(exercise_id), SEED), answer).run()


@pytest.mark.parametrize("exercise_id, answer", RIGHT)
def test_right_answers_pass_on_hidden_inputs(exercise_id, answer):
    result = verdict(exercise_id, answer)
    assert result.passed, str(result)


@pytest.mark.parametrize("exercise_id, answer, diagnosis", WRONG)
def test_wrong_answers_fail_on_hidden_inputs(exercise_id, answer, diagnosis):
    assert not verdict(exercise_id, answer).passed, f"{exercise_id}: '{diagnosis}' passes on hidden inputs"


def floats(value):
    if isinstance(value, (tuple, list)):
        return [f for v in value for f in floats(v)]
    if isinstance(value, (float, np.floating)) or (isinstance(value, np.ndarray) and value.dtype.kind == "f"):
        return list(np.ravel(value))
    return []


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_hidden_inputs_differ_from_the_public_ones(ex):
    public = [f for args in ex.cases() for f in floats(args)]
    hidden = [f for args in hidden_exercise(ex, SEED).cases() for f in floats(args)]
    assert len(public) == len(hidden)
    movable = [p for p in public if np.isfinite(p) and np.round(2 * p) / 2 != p]
    changed = sum(p != h for p, h in zip(public, hidden) if np.isfinite(p) and np.round(2 * p) / 2 != p)
    assert changed >= 0.9 * len(movable), f"{ex.id}: only {changed} of {len(movable)} inputs moved"


def test_moving_keeps_what_makes_a_case():
    rng = np.random.default_rng(0)
    x = np.array([0.0, 1.0, -1.0, 0.5, 3.0, np.inf, -np.inf, 1e300, 0.5 + 1e-15, 1e-300, 0.999, 709.78, -0.3])
    y = moved(x, rng)
    assert np.array_equal(y[:8], x[:8])                                # round values stay
    assert 0.5 < y[8] < 0.5 + 2e-15 and 0 < y[9] < 2e-300 and 0.998 < y[10] < 1   # near ½, near 0, still a p
    assert 709.5 < y[11] < 710 and -0.5 < y[12] < 0 and not np.array_equal(y[8:], x[8:])
