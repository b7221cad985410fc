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


def special(p):
    """The values that stay: 0, ±½, ±1, ±inf, nan."""
    return not np.isfinite(p) or p in (0.0, 0.5, -0.5, 1.0, -1.0)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_hidden_inputs_differ_from_the_public_ones(ex):
    public = [f for args in ex.cases() for f in floats(args)]
    hidden = [f for args in hidden_exercise(ex, SEED).cases() for f in floats(args)]
    assert len(public) == len(hidden)
    movable = [p for p in public if not special(p)]
    changed = sum(p != h for p, h in zip(public, hidden) if not special(p))
    assert changed >= 0.9 * len(movable), f"{ex.id}: only {changed} of {len(movable)} inputs moved"


@pytest.mark.parametrize("ex", [ex for ex in EXERCISES if ex.cases() and ex.cases()[0]], ids=lambda ex: ex.id)
def test_a_table_of_the_public_answers_fails_on_the_hidden_inputs(ex):
    """A student can read the answers to the public cases (the course is open); most hidden cases are others."""
    from helpers.checks.recordings import case_key
    public = {case_key(args) for args in ex.cases()}
    for seed in (SEED, 1, 2):
        hidden = [case_key(args) for args in hidden_exercise(ex, seed).cases()]
        assert sum(key not in public for key in hidden) >= max(1, len(hidden) // 2), f"{ex.id}, seed {seed}"


def test_moving_keeps_what_makes_a_case():
    rng = np.random.default_rng(0)
    x = np.array([0.0, 1.0, -1.0, 0.5, -0.5, np.inf, -np.inf, 3.0, 710.0, 1e300, 0.5 + 1e-15, 1e-300, 0.999,
                  709.78, -0.3])
    y = moved(x, rng)
    assert np.array_equal(y[:7], x[:7])                                # special values stay
    assert 0 < abs(y[7] - 3) <= 0.025 and 709.78 < y[8] < 710.03 and 0 < abs(y[9] / 1e300 - 1) <= 2.5e-5
    assert 0.5 < y[10] < 0.5 + 2e-15 and 0 < y[11] < 2e-300 and 0.998 < y[12] < 1   # near ½, near 0, still a p
    assert 709.5 < y[13] < 710 and -0.5 < y[14] < 0 and np.all(y[7:10] != x[7:10])


def test_label_and_count_exercises_get_other_inputs():
    from helpers.checks.recordings import case_key
    for exercise_id in ("0.1", "6.7"):
        ex = exercise(exercise_id)
        for public, hidden in zip(ex.cases(), hidden_exercise(ex, SEED).cases()):
            a, b = public[0], hidden[0]
            assert a.dtype == b.dtype and a.shape == b.shape and a.sum() == b.sum()
            assert np.array_equal(a.sum(axis=-1), b.sum(axis=-1))              # the labels of each row
        assert any(not np.array_equal(p[0], h[0]) for p, h in zip(ex.cases(), hidden_exercise(ex, SEED).cases()))
    depths = [args[0] for args in hidden_exercise(exercise("5.1"), SEED).cases()]
    assert len(set(depths)) == 30 and all(isinstance(L, int) and 1 <= L <= 120 for L in depths) and max(depths) > 30
    assert depths == [args[0] for args in hidden_exercise(exercise("5.1"), SEED).cases()]     # one seed, one draw
