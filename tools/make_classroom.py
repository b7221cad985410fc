"""make classroom: an nbgrader course directory built from solutions/, ready to copy to a hub.

    python tools/make_classroom.py [DIRECTORY]      (default: classroom/, which git ignores)

It writes DIRECTORY/nbgrader_config.py and DIRECTORY/source/<chapter>/<chapter>.ipynb for each
chapter: one assignment per chapter, named after its notebook (e.g. 01_the_sigmoid). The
solution notebooks are already nbgrader source notebooks (tools/course_build.py gives them
their metadata and hidden tests), so they are copied as they are. Then, in DIRECTORY:

    nbgrader generate_assignment 01_the_sigmoid     the student version, in release/
    nbgrader autograde 01_the_sigmoid               grades submitted/<student>/01_the_sigmoid/
    nbgrader generate_feedback 01_the_sigmoid       HTML feedback for each student
    nbgrader export                                 grades.csv

and DIRECTORY/student-package/: the *classroom edition* of the course's package for the students'
image (``pip install DIRECTORY/student-package``): the same helpers, but its recorded answers leave out
every exercise whose answer is one value, so that a student can neither read those values from the
package nor home in on them with the instant check; those exercises are checked when handed in.
"""

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.course_build import ROOT, SOLUTIONS, available_chapters  # noqa: E402

COURSE_ID = "sigmoid-course"

CONFIG = '''\
# nbgrader configuration for the sigmoid course, written by `make classroom`.
c = get_config()  # noqa: F821  (nbgrader provides it)

c.CourseDirectory.course_id = "{course_id}"
import os  # noqa: E402
# this file's folder (some traitlets releases do not define __file__ here: then the folder nbgrader runs in)
ROOT = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
c.CourseDirectory.root = ROOT
# The stub that replaces each answer: the same as in the course's notebooks/ folder, so the
# released notebooks are the learners' notebooks.
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# A learner's endless loop inside a checked function is stopped by the check after 5 s; a cell
# that never finishes at top level is stopped here, and autograding goes on.
c.ExecutePreprocessor.timeout = {timeout}
c.ExecutePreprocessor.interrupt_on_timeout = True

# Autograding runs each student's code in a sandbox and computes every verdict here, in the grader, on
# hidden inputs (tools/classroom/autograde.py). It needs the teacher's copy of the course, at:
import sys  # noqa: E402
sys.path.insert(0, {course!r})
from tools.classroom.autograde import configure  # noqa: E402
configure(c, ROOT)
'''


def chapters():
    return [stem for _, stem, _, _ in available_chapters()]


def value_exercises():
    """The ids of the exercises checked only when handed in, in a graded class: those whose answer is one
    value (their cases pass no arguments), and those whose hidden inputs are their public ones (every input
    a round number or a label, which hidden.py keeps), whose recorded answers would be a table to copy."""
    import importlib

    from helpers.checks.recordings import case_key
    from tools.classroom.hidden import hidden_exercise

    ids = []
    for number, _, _, _ in available_chapters():
        for ex in importlib.import_module(f"helpers.checks.ch{number}").EXERCISES:
            public = [case_key(args) for args in ex.cases()]
            unmoved = all([case_key(args) for args in hidden_exercise(ex, seed).cases()] == public
                          for seed in (1, 2, 3))
            if all(len(args) == 0 for args in ex.cases()) or unmoved:
                ids.append(ex.id)
    return ids


def write_student_package(directory):
    """DIRECTORY/student-package: pyproject, README, LICENSE and helpers/, without the value answers."""
    import numpy as np

    from helpers.checks.recordings import decode, write_recording

    package = Path(directory) / "student-package"
    if package.exists():
        shutil.rmtree(package)
    shutil.copytree(ROOT / "helpers", package / "helpers", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(ROOT / name, package / name)
    left_out = set(value_exercises())
    for path in sorted((package / "helpers" / "checks" / "recorded").glob("*.npz")):
        with np.load(path, allow_pickle=False) as data:
            index = json.loads(str(data["index"]))
            arrays = {name: data[name] for name in data.files if name != "index"}
        kept = {exercise_id: {what: {key: {"value": decode(outcome["value"], arrays), "raised": outcome["raised"],
                                           "warnings": outcome["warnings"]}
                                     for key, outcome in cases.items()}
                              for what, cases in recorded.items()}
                for exercise_id, recorded in index.items() if exercise_id not in left_out}
        write_recording(path, kept)
    return package


def make_classroom(directory, timeout=60):
    """Write the course directory; return the assignment names, one per chapter."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "nbgrader_config.py").write_text(CONFIG.format(course_id=COURSE_ID, timeout=timeout, course=str(ROOT)))
    source = directory / "source"
    if source.exists():
        shutil.rmtree(source)
    for stem in chapters():
        (source / stem).mkdir(parents=True)
        shutil.copyfile(SOLUTIONS / f"{stem}.ipynb", source / stem / f"{stem}.ipynb")
    write_student_package(directory)
    return chapters()


def main(args):
    directory = Path(args[0]) if args else ROOT / "classroom"
    names = make_classroom(directory)
    print(f"nbgrader course directory in {directory}: {len(names)} assignments ({', '.join(names)})")
    print(f"students' image: pip install {directory / 'student-package'}")
    print(f"next: cd {directory} && nbgrader generate_assignment {names[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
