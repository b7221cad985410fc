"""Every exercise's check accepts several right answers and rejects typical wrong ones with the
right named diagnosis. The answers are in tests/answers/chNN.py, one module per chapter."""

import importlib
import pkgutil

import pytest

from helpers.checks import run_check
from tests import answers
from tools.course_build import available_chapters

CHAPTERS = sorted(m.name for m in pkgutil.iter_modules(answers.__path__))
TABLES = {name: importlib.import_module(f"tests.answers.{name}") for name in CHAPTERS}
RIGHT = [(k, a) for table in TABLES.values() for k, answers_ in table.RIGHT.items() for a in answers_]
WRONG = [(k, a, d) for table in TABLES.values() for k, answers_ in table.WRONG.items() for a, d in answers_]


@pytest.mark.parametrize("exercise_id, answer", RIGHT)
def test_right_answers_pass(exercise_id, answer):
    result = run_check(exercise_id, answer)
    assert result.passed, str(result)


@pytest.mark.parametrize("exercise_id, answer, diagnosis", WRONG)
def test_wrong_answers_are_rejected_with_their_diagnosis(exercise_id, answer, diagnosis):
    result = run_check(exercise_id, answer)
    assert result.status == "failed", str(result)
    assert result.diagnosis == diagnosis, str(result)
    assert "Likely cause" in str(result) or diagnosis in ("list instead of array", "wrong shape", "raised")


@pytest.mark.parametrize("chapter", [f"ch{number}" for number, _, _, _ in available_chapters()])
def test_every_exercise_of_every_chapter_is_covered(chapter):
    assert chapter in TABLES, f"tests/answers/{chapter}.py is missing"
    exercises = [ex.id for ex in importlib.import_module(f"helpers.checks.{chapter}").EXERCISES]
    table = TABLES[chapter]
    assert sorted(table.RIGHT) == exercises and sorted(table.WRONG) == exercises
    short = [i for i in exercises if len(table.RIGHT[i]) < 2 or len(table.WRONG[i]) < 2]
    assert not short, f"{chapter}: exercises with fewer than two right or two wrong answers: {short}"


def test_most_wrong_answers_get_a_named_cause(capsys):
    """The share of the tables' wrong answers whose verdict names a cause (printed; at least 90 %)."""
    named = [bool(run_check(k, a).diagnosis) for k, a, _ in WRONG]
    share = sum(named) / len(named)
    with capsys.disabled():
        print(f"\n{sum(named)} of {len(named)} wrong answers ({share:.1%}) get a named cause")
    assert share >= 0.9


EXERCISES = [ex for chapter in CHAPTERS for ex in importlib.import_module(f"helpers.checks.{chapter}").EXERCISES]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_calling_the_checkers_own_reference_is_never_an_answer(ex):
    from helpers.checks import exercise

    def peek(*args):
        return exercise(ex.id).reference(*args)
    result = run_check(ex.id, peek)
    assert result.status == "failed" and result.diagnosis == "forbidden call", str(result)


@pytest.mark.parametrize("exercise_id, answer", RIGHT)
def test_a_harmless_silencer_around_a_right_answer_changes_nothing(exercise_id, answer):
    import numpy as np

    def careful(*args):
        with np.errstate(all="ignore"):
            return answer(*args)
    result = run_check(exercise_id, careful)
    assert result.passed, str(result)


def significant(value, digits):
    """value rounded to ``digits`` significant digits."""
    import math
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


@pytest.mark.parametrize("ex", [ex for ex in EXERCISES if ex.digits], ids=lambda ex: ex.id)
def test_the_precision_the_text_states_passes_and_one_digit_less_fails(ex):
    """For an exercise asking for N significant digits: the answers rounded to N digits pass;
    rounded to N − 1 digits they fail, unless the dropped digit made no difference."""
    import numpy as np
    cases = [tuple(args) for args in ex.cases()]
    exact = {args: ex.reference(*args) for args in cases}

    def rounded_to(digits):
        table = {args: np.vectorize(significant)(np.asarray(value, dtype=float), digits)
                 for args, value in exact.items()}
        return lambda *args: table[tuple(args)] if np.ndim(table[tuple(args)]) else float(table[tuple(args)])

    assert run_check(ex.id, rounded_to(ex.digits)).passed, ex.id
    coarse = rounded_to(ex.digits - 1)
    differs = False
    for args, value in exact.items():
        rtol, atol = ex.tolerance(value)
        differs |= not np.all(np.abs(coarse(*args) - np.asarray(value)) <= atol + rtol * np.abs(value))
    if differs:
        assert run_check(ex.id, coarse).status == "failed", ex.id
