"""notebooks/ is generated from solutions/: it must be up to date and must not leak an answer."""

import copy
import importlib

import pytest

from tests.notebook_files import CHAPTER_FILES, points_for, quiz_length, read
from tools.course_build import (
    CHAPTERS, NOTEBOOKS, SOLUTIONS, exercise_cells, leaked_lines, solution_lines, source_of, sync_problems,
)


def test_there_are_chapters():
    assert "00_start_here.ipynb" in CHAPTER_FILES and "01_the_sigmoid.ipynb" in CHAPTER_FILES


def test_every_notebook_is_a_chapter_and_has_its_pair():
    stems = {f"{c[1]}.ipynb" for c in CHAPTERS}
    solutions = {p.name for p in SOLUTIONS.glob("*.ipynb")}
    notebooks = {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    assert solutions <= stems, f"not in the course's chapter list: {sorted(solutions - stems)}"
    assert notebooks == solutions, ("notebooks/ and solutions/ must hold the same chapters: "
                                    f"{sorted(notebooks ^ solutions)}. Run `make notebooks`.")


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_notebooks_are_up_to_date(name):
    problems = sync_problems(read(SOLUTIONS / name), read(NOTEBOOKS / name), name, points_for, quiz_length)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_no_solution_line_reaches_the_student_notebook(name):
    leaks = leaked_lines(read(SOLUTIONS / name), read(NOTEBOOKS / name))
    assert not leaks, "\n".join(f"notebooks/{name}, cell {i}: {line}" for i, line in leaks)


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_exercises_in_the_notebook_match_the_checks_module(name):
    module = importlib.import_module(f"helpers.checks.ch{name[:2]}")
    in_notebook = [exercise_id for exercise_id, _, _ in exercise_cells(read(SOLUTIONS / name))]
    defined = [ex.id for ex in module.EXERCISES]
    assert in_notebook == defined, f"exercises in {name}: {in_notebook}; in {module.__name__}: {defined}"
    assert 4 <= len(defined) <= 8, "each chapter has 4 to 8 exercises"
    stars = {ex.stars for ex in module.EXERCISES}
    assert {1, 3} <= stars, f"{name}: exercises should range from ★ to ★★★ (found {sorted(stars)})"
    assert len(module.QUIZ) >= 4, f"{name}: the quiz has {len(module.QUIZ)} questions"


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_every_check_passes_in_solutions_and_waits_in_notebooks(name):
    for folder, mark in ((SOLUTIONS, "✓"), (NOTEBOOKS, "○")):
        nb = read(folder / name)
        for exercise_id, _, check in exercise_cells(nb):
            shown = "".join(out.get("data", {}).get("text/plain", "") for out in nb.cells[check].outputs)
            assert shown.startswith(f"{mark} Exercise {exercise_id} "), (
                f"{folder.name}/{name}, exercise {exercise_id}: the check says {shown[:300]!r}")


# --- the checks above must be able to fail -----------------------------------------------------

def _first_exercise(name):
    solution = read(SOLUTIONS / name)
    exercise_id, answer, check = exercise_cells(solution)[0]
    return solution, read(NOTEBOOKS / name), answer


def test_editing_a_solution_line_without_rebuilding_is_noticed():
    solution, student, answer = _first_exercise("01_the_sigmoid.ipynb")
    line = solution_lines(source_of(solution.cells[answer]))[0]
    solution.cells[answer].source = source_of(solution.cells[answer]).replace(line, line + "  # edited", 1)
    problems = sync_problems(solution, student, "01_the_sigmoid.ipynb", points_for)
    assert any("edited after it was last executed" in p for p in problems), problems


def test_editing_the_student_notebook_by_hand_is_noticed():
    solution, student, answer = _first_exercise("01_the_sigmoid.ipynb")
    student.cells[answer].source += "\n# a note"
    problems = sync_problems(solution, student, "01_the_sigmoid.ipynb", points_for)
    assert any("differs from what solutions/" in p for p in problems), problems


def test_a_copied_solution_line_is_caught_as_a_leak():
    solution, student, answer = _first_exercise("01_the_sigmoid.ipynb")
    secret = next(line for line in solution_lines(source_of(solution.cells[answer])) if len(line.strip()) >= 8)
    leaky = copy.deepcopy(student)
    leaky.cells[-2].source = source_of(leaky.cells[-2]) + "\n" + secret
    assert leaked_lines(solution, leaky), "a solution line pasted into the student notebook went unnoticed"


STARS = "★ recall · ★★ apply · ★★★ derive or extend"


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_every_chapter_says_what_the_stars_mean_in_the_same_words(name):
    text = " ".join(" ".join(source_of(c).split()) for c in read(SOLUTIONS / name).cells if c.cell_type == "markdown")
    assert STARS in text, f"{name}: the exercises' introduction should say '{STARS}'"


def test_the_readme_says_what_the_stars_mean_in_the_same_words():
    from tools.course_build import ROOT
    assert STARS in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
