"""Graded checks run the student's code in the sandbox and the verdict in the grader (tools/classroom/remote.py).

Whatever the student's cells do to their own process — patch the engine, exit, hang, read files, print
to stderr — the verdict is the engine's, computed outside, on what their function really returns.
"""

import os

import pytest

from helpers.checks import exercise
from tools.classroom import sandbox
from tools.classroom.remote import check_in_sandbox

OK, WHY = sandbox.available()
# .ci/run installs bubblewrap and sets REQUIRE_SANDBOX=1: there a missing sandbox fails, never skips
pytestmark = pytest.mark.skipif(not OK and not os.environ.get("REQUIRE_SANDBOX"), reason=f"no sandbox here: {WHY}")

SETUP = "import numpy as np\nimport matplotlib.pyplot as plt\nfrom helpers import sigmoid\nfrom helpers import plots\n" \
        "plots.use_course_style()"
RIGHT = "def textbook_sigmoid(z):\n    return 1 / (1 + np.exp(-z))"

ANSWERS = {   # answer cell → (status, diagnosis)
    "right": (RIGHT, "passed", ""),
    "right, printing to stderr": ("import sys\n" + RIGHT.replace("    return", "    print('working', file=sys.stderr)\n"
                                                                 "    return"), "passed", ""),
    "a sign error": ("def textbook_sigmoid(z):\n    return 1 / (1 + np.exp(z))", "failed", "sign error"),
    "the course's sigmoid": ("def textbook_sigmoid(z):\n    return sigmoid(z)", "failed", "forbidden call"),
    "the checker's reference": ("from helpers.checks import exercise\ndef textbook_sigmoid(z):\n"
                                "    return exercise('1.1').reference(z)", "failed", "forbidden call"),
    "not attempted": ("def textbook_sigmoid(z):\n    raise NotImplementedError()", "not attempted", ""),
    "os._exit": ("import os\ndef textbook_sigmoid(z):\n    os._exit(0)", "failed", "raised"),
    "exit() at the top of the cell": ("exit()\n" + RIGHT, "failed", "not a function"),
    "a hang that blocks the alarm": ("import signal\ndef textbook_sigmoid(z):\n"
                                     "    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\n"
                                     "    while True:\n        pass", "failed", "time limit"),
    "reading the solutions": ("def textbook_sigmoid(z):\n    return open('solutions/01_the_sigmoid.ipynb').read()",
                              "failed", "raised"),
    "patching the engine to pass": ("import helpers.checks.engine as e\ne.Checker.run = lambda self: None\n"
                                    "e.CheckResult.passed = property(lambda self: True)\n"
                                    "def textbook_sigmoid(z):\n    return 0 * z", "failed", "same value everywhere"),
    "patching np.allclose and np.all": ("np.allclose = lambda *a, **k: True\nnp.all = lambda *a, **k: True\n"
                                        "def textbook_sigmoid(z):\n    return z", "failed", ""),
}


@pytest.mark.parametrize("name", ANSWERS)
def test_graded_verdicts_come_from_outside(name, tmp_path):
    cell, status, diagnosis = ANSWERS[name]
    result = check_in_sandbox(exercise("1.1"), [SETUP, cell], "textbook_sigmoid", tmp_path)
    assert result.status == status, f"{name}: {result}"
    if diagnosis:
        assert result.diagnosis == diagnosis, f"{name}: {result}"


def test_an_answer_runs_with_only_the_earlier_answers_it_uses():
    from tools.classroom.autograde import cells_for
    earlier = ["import os\nos._exit(1)", "def helper(z):\n    return 2 * z", "def other(z):\n    return z"]
    assert cells_for("def f(z):\n    return helper(z) + 1", earlier) == [earlier[1]]
    assert cells_for("def f(z):\n    return z", earlier) == []
    assert cells_for("def f(z):\n    return other(z)", earlier + ["def other(z):\n    return -z"]) == \
        ["def other(z):\n    return -z"]
