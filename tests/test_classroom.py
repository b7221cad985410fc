"""The course with the real nbgrader, as a teacher uses it: release, autograde, feedback, export.

Every chapter is released and autograded twice — a student who answered everything (the
released notebook with the worked answers typed in) must get full marks, one who handed in the
untouched release 0. Chapter 01 also gets typical wrong answers (partial marks) and broken
submissions (invalid JSON, a deleted test cell, an endless loop, a cell that kills the kernel):
the batch must finish and every student must be in the exported grades.
"""

import copy
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.notebook_files import CHAPTER_FILES, points_for, read
from tools.course_build import (
    BEGIN_HIDDEN, BEGIN_SOLUTION, END_SOLUTION, NOTEBOOKS, SOLUTIONS, exercise_cells, leaked_lines, source_of,
)
from tools.make_classroom import make_classroom

ASSIGNMENTS = [name.removesuffix(".ipynb") for name in CHAPTER_FILES]
CHAPTER_01 = "01_the_sigmoid"
BIN = str(Path(sys.executable).parent)     # nbgrader runs `alembic` from here


def nbgrader(course, *args):
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run([f"{BIN}/nbgrader", *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=900)


def grade_ids(nb, kind):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get(kind)}


def typed_in(released, solution):
    """The released notebook with every answer cell replaced by the worked answer, markers removed."""
    answers = {gid: source_of(c) for gid, c in grade_ids(solution, "solution").items()}
    done = copy.deepcopy(released)
    for gid, cell in grade_ids(done, "solution").items():
        cell.source = "\n".join(line for line in answers[gid].split("\n")
                                if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    return done


def with_answer(nb, function_name, new_source):
    changed = copy.deepcopy(nb)
    cell = next(c for c in changed.cells if f"def {function_name}(" in source_of(c))
    cell.source = new_source
    return changed


def submit(course, student, assignment, nb=None, text=None):
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if text is not None:
        path.write_text(text)
    else:
        nbformat.write(nb, path)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("classroom")
    make_classroom(course, timeout=20)
    logs = {}
    for assignment in ASSIGNMENTS:
        logs[("generate", assignment)] = nbgrader(course, "generate_assignment", assignment, "--force")
        released = read(course / "release" / assignment / f"{assignment}.ipynb")
        solution = read(SOLUTIONS / f"{assignment}.ipynb")
        submit(course, "full_marks", assignment, typed_in(released, solution))
        submit(course, "blank", assignment, released)
        if assignment == CHAPTER_01:
            full = typed_in(released, solution)
            wrong = with_answer(full, "textbook_sigmoid", "def textbook_sigmoid(z):\n    return 1 / (1 + np.exp(z))")
            wrong = with_answer(wrong, "stable_sigmoid", "def stable_sigmoid(z):\n    return 1 / (1 + np.exp(-z))")
            submit(course, "typical_mistakes", assignment, wrong)
            submit(course, "invalid_json", assignment, text="{ this is not a notebook")
            deleted = copy.deepcopy(full)
            deleted.cells = [c for c in deleted.cells if c.metadata["nbgrader"]["grade_id"] != "ex1_3_check"]
            submit(course, "deleted_test_cell", assignment, deleted)
            submit(course, "endless_loop", assignment, with_answer(full, "steepness_for_99", "while True:\n    pass"))
            submit(course, "kills_the_kernel", assignment,
                   with_answer(full, "six_probabilities", "import os\nos._exit(1)"))
        logs[("autograde", assignment)] = nbgrader(course, "autograde", assignment, "--force")
    logs["feedback"] = nbgrader(course, "generate_feedback", CHAPTER_01, "--force")
    logs["export"] = nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as file:
        scores = {(row["assignment"], row["student_id"]): (float(row["score"]), float(row["max_score"]))
                  for row in csv.DictReader(file)}
    return course, logs, scores


def total_points(assignment):
    return sum(points_for(exercise_id) for exercise_id, _, _ in exercise_cells(read(SOLUTIONS / f"{assignment}.ipynb")))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_hold_no_solution_and_no_hidden_test(course, assignment):
    course, logs, _ = course
    assert logs[("generate", assignment)].returncode == 0, logs[("generate", assignment)].stderr[-2000:]
    released = read(course / "release" / assignment / f"{assignment}.ipynb")
    text = json.dumps(released.dict())
    assert BEGIN_SOLUTION not in text and BEGIN_HIDDEN not in text and "grade(" not in text
    leaks = leaked_lines(read(SOLUTIONS / f"{assignment}.ipynb"), released)
    assert not leaks, "\n".join(f"cell {i}: {line}" for i, line in leaks)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_are_the_course_notebooks(course, assignment):
    course, _, _ = course
    released = read(course / "release" / assignment / f"{assignment}.ipynb")
    ours = read(NOTEBOOKS / f"{assignment}.ipynb")
    assert [(c.cell_type, source_of(c)) for c in released.cells] == [(c.cell_type, source_of(c)) for c in ours.cells]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_worked_answers_get_full_marks_and_an_untouched_release_gets_none(course, assignment):
    _, logs, scores = course
    total = total_points(assignment)
    assert total > 0
    assert scores[(assignment, "full_marks")] == (total, total), logs[("autograde", assignment)].stderr[-3000:]
    assert scores[(assignment, "blank")] == (0.0, total)


def test_typical_wrong_answers_lose_exactly_their_points(course):
    _, _, scores = course
    total = total_points(CHAPTER_01)
    assert scores[(CHAPTER_01, "typical_mistakes")] == (total - points_for("1.1") - points_for("1.4"), total)


def test_broken_submissions_are_graded_or_flagged_and_the_batch_finishes(course):
    _, logs, scores = course
    total = total_points(CHAPTER_01)
    log = logs[("autograde", CHAPTER_01)].stderr
    assert scores[(CHAPTER_01, "deleted_test_cell")] == (total - points_for("1.3"), total)
    assert scores[(CHAPTER_01, "endless_loop")] == (total - points_for("1.3"), total)
    assert "Timeout waiting for execute reply" in log
    for student in ("invalid_json", "kills_the_kernel"):
        assert scores[(CHAPTER_01, student)] == (0.0, total)
        assert f"error processing assignment: " in log and f"/submitted/{student}/{CHAPTER_01}" in log, \
            f"{student} is not flagged in the log"


def test_feedback_explains_what_was_wrong(course):
    course, logs, _ = course
    assert logs["feedback"].returncode == 0, logs["feedback"].stderr[-2000:]
    html = (course / "feedback" / "typical_mistakes" / CHAPTER_01 / f"{CHAPTER_01}.html").read_text()
    assert "Exercise 1.4" in html and "overflow" in html


def test_export_lists_every_student_for_every_assignment(course):
    _, logs, scores = course
    assert logs["export"].returncode == 0, logs["export"].stderr[-2000:]
    students = {"full_marks", "blank"}
    assert {(a, s) for a in ASSIGNMENTS for s in students} <= set(scores)
    extra = {"typical_mistakes", "invalid_json", "deleted_test_cell", "endless_loop", "kills_the_kernel"}
    assert {(CHAPTER_01, s) for s in extra} <= set(scores)
