"""A class of 30 handing in chapter 01, to show (and test) the teacher's reports on realistic work.

    python -m tools.classroom.demo_class DIRECTORY [--docs]

builds an nbgrader course in DIRECTORY (make_classroom), releases chapter 01, hands in 30 students'
notebooks, autogrades them with the real nbgrader and writes the teacher report and the class mistake
report into DIRECTORY/reports/. Each student answers each exercise with the worked answer, one of the
typical wrong answers below (what learners write: a sign error, the overflowing textbook formula, a
coarse grid, a percentage), or not at all, drawn at random with a fixed seed, so the class is the same
every time. With ``--docs`` the class mistake report (table and bar chart) is also copied to
docs/classroom/, which README shows; tests/test_class_report.py checks that copy is up to date.
"""

import sys
from pathlib import Path

import nbformat
import numpy as np

ASSIGNMENT = "01_the_sigmoid"
SEED = 20261129

# exercise → [(weight, answer cell)]; "right" is the worked answer, None leaves the stub (not attempted)
ANSWERS = {
    "ex1_1": [(16, "right"),
              (5, "def textbook_sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"),
              (3, "def textbook_sigmoid(z):\n    return 1 / 1 + np.exp(-z)\n"),
              (2, "def textbook_sigmoid(z):\n    return sigmoid(z)\n"),
              (1, None)],
    "ex1_2": [(18, "right"),
              (4, "def six_probabilities():\n    scores = np.array([a.z for a in data.APPLICANTS])\n"
                  "    return 100 * sigmoid(scores)\n"),
              (3, "def six_probabilities():\n    scores = np.array([a.z for a in data.APPLICANTS])\n"
                  "    return sigmoid(-scores)\n"),
              (2, None)],
    "ex1_3": [(15, "right"),
              (6, "def steepness_for_99():\n    return round(np.log(99), 2)\n"),
              (3, "def steepness_for_99():\n    return np.log(0.99)\n"),
              (3, None)],
    "ex1_4": [(12, "right"),
              (9, "def stable_sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"),
              (4, "def stable_sigmoid(z):\n"
                  "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))\n"),
              (3, None)],
    "ex1_5": [(9, "right"),
              (8, "def best_hard_slope():\n    return 0.25\n"),
              (5, "def best_hard_slope():\n    z = np.linspace(0, 12, 2401)\n"
                  "    slopes = np.arange(0.1, 0.3, 0.01)\n"
                  "    gaps = [np.abs(sigmoid(z) - np.clip(0.5 + s * z, 0, 1)).max() for s in slopes]\n"
                  "    return slopes[np.argmin(gaps)]\n"),
              (6, None)],
    "ex1_6": [(8, "right"),
              (7, "def step_steepness():\n    return np.log(99)\n"),
              (4, "def step_steepness():\n    k = 1.0\n    while 1 - sigmoid(0.1 * k) > 0.01:\n        k += 1\n"
                  "    return k\n"),
              (8, None)],
}


def grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def class_notebooks(released, solution, students=30, seed=SEED):
    """{student: notebook}: the released notebook with each answer drawn from ANSWERS."""
    from tools.course_build import BEGIN_SOLUTION, END_SOLUTION, source_of

    worked = {grade_id(c): "\n".join(line for line in source_of(c).split("\n")
                                     if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
              for c in solution.cells if grade_id(c).endswith("_answer")}
    rng = np.random.default_rng(seed)
    notebooks = {}
    for number in range(1, students + 1):
        nb = nbformat.from_dict(released.dict())
        for cell in nb.cells:
            key = grade_id(cell).removesuffix("_answer")
            if key in ANSWERS:
                weights = np.array([w for w, _ in ANSWERS[key]], dtype=float)
                _, answer = ANSWERS[key][rng.choice(len(weights), p=weights / weights.sum())]
                if answer is not None:
                    cell.source = worked[grade_id(cell)] if answer == "right" else answer
        notebooks[f"student{number:02d}"] = nb
    return notebooks


def run_demo_class(directory, students=30):
    """Build, hand in, autograde and report; return (teacher report path, seconds per student)."""
    import os
    import subprocess
    import time

    from tools.classroom.teacher_report import write_teacher_report
    from tools.course_build import SOLUTIONS
    from tools.make_classroom import make_classroom

    directory = Path(directory)
    make_classroom(directory)
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))

    def nbgrader(*args):
        done = subprocess.run([f"{bin_dir}/nbgrader", *args], cwd=directory, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}")

    nbgrader("generate_assignment", ASSIGNMENT, "--force")
    released = nbformat.read(directory / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solution = nbformat.read(SOLUTIONS / f"{ASSIGNMENT}.ipynb", as_version=4)
    for student, nb in class_notebooks(released, solution, students).items():
        folder = directory / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")
    started = time.perf_counter()
    nbgrader("autograde", ASSIGNMENT, "--force")
    per_student = (time.perf_counter() - started) / students
    return write_teacher_report(directory, ASSIGNMENT), per_student


DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "classroom"


def main(args):
    docs = "--docs" in args
    args = [a for a in args if a != "--docs"]
    if len(args) != 1:
        print(__doc__.strip().split("\n\n")[1])
        return 2
    report, per_student = run_demo_class(args[0])
    print(f"teacher report: {report} ({per_student:.1f} s per student to autograde)")
    if docs:
        import shutil
        DOCS.mkdir(parents=True, exist_ok=True)
        for suffix in (".md", ".png"):
            shutil.copyfile(report.parent / f"{ASSIGNMENT}-class-mistakes{suffix}", DOCS / f"{ASSIGNMENT}-class-mistakes{suffix}")
        print(f"copied the class mistake report to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
