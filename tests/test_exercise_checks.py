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
