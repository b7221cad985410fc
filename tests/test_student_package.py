"""The classroom edition of the course's package (tools/make_classroom.py, ``student-package/``): what a
graded class installs holds no value answer, and its instant checks still help on everything else."""

import json
import subprocess
import sys

import numpy as np
import pytest

from tools.make_classroom import value_exercises, write_student_package


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_student_package(tmp_path_factory.mktemp("classroom"))


def recorded_index(package):
    index = {}
    for path in (package / "helpers" / "checks" / "recorded").glob("*.npz"):
        with np.load(path, allow_pickle=False) as data:
            index.update(json.loads(str(data["index"])))
    return index


def test_value_exercises_are_the_ones_without_inputs():
    """Every exercise with inputs gets hidden ones (tools/classroom/hidden.py), even those whose inputs are
    all labels or counts (0.1, 5.1, 6.7) or round (7.7): only the values are left out."""
    import importlib

    from tools.course_build import available_chapters
    no_inputs = {ex.id for number, _, _, _ in available_chapters()
                 for ex in importlib.import_module(f"helpers.checks.ch{number}").EXERCISES
                 if all(len(args) == 0 for args in ex.cases())}
    assert {"1.2", "1.3", "1.5", "1.6", "2.4", "4.1", "4.5", "6.6"} <= no_inputs
    assert set(value_exercises()) == no_inputs


def test_it_holds_no_value_answer(package):
    """No value exercise is recorded. (Its value may still be what a library function gives somewhere —
    1.3's ln 99 is the logit of 0.99 in chapter 03's cases — as a textbook's tables would: computing it
    is the exercise, and typing in a number computed elsewhere scores 0 when graded.)"""
    index = recorded_index(package)
    assert not set(value_exercises()) & set(index), "a value exercise is still recorded"
    assert {"1.1", "1.4", "4.2", "6.2"} <= set(index)


CHECKS = """
import numpy as np
from helpers.checks import run_check
print(run_check("1.3", lambda: np.log(99)).status)            # a value: only when handed in
print(run_check("1.3", lambda: 1 / 0).status)                 # but a crash is said at once
print(run_check("1.1", lambda z: 1 / (1 + np.exp(-z))).status)
print(run_check("1.1", lambda z: 1 / (1 + np.exp(z))).diagnosis)
print(run_check("7.7", lambda *args: 0.5).status)           # inputs (hidden ones when graded): checked at once
"""


def test_its_checks_help_with_everything_but_the_values(package, tmp_path):
    done = subprocess.run([sys.executable, "-c", CHECKS], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(package), "PATH": "/usr/bin:/bin"})
    assert done.stdout.split("\n")[:5] == ["graded later", "failed", "passed", "sign error", "failed"], done.stderr[-2000:]
