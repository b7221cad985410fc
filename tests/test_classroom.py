"""Graded work with the real nbgrader, as a teacher runs it: release, autograde, feedback, export, reports.

Every chapter is released and autograded for a student who answered everything (the released notebook
with the worked answers typed in: full marks) and one who handed in the untouched release (0). Chapter 01
also gets a class of cheats and broken notebooks, and chapter 04 a few cheats, each handed in through
nbgrader like any student's work. What must hold:
- no cheat earns a point (each solves nothing honestly, so each must score 0);
- a broken notebook (a kernel death, an endless loop, a deleted check cell, …) keeps the points of its right
  exercises, and the feedback gives a reason for the others;
- the gradebook, the teacher's files, the course's ``helpers`` and the rest of the machine are untouched by
  student code; every student is in the export; the teacher report lists what needs a look;
- autograding costs at most 10 s per student per chapter.
"""

import copy
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tests.notebook_files import CHAPTER_FILES, points_for, read
from tools.classroom import sandbox
from tools.classroom.teacher_report import PLAIN_EXECUTION, gradebook_grades, teacher_findings, write_teacher_report
from tools.course_build import BEGIN_SOLUTION, END_SOLUTION, NOTEBOOKS, ROOT, SOLUTIONS, exercise_cells, \
    leaked_lines, source_of
from tools.make_classroom import make_classroom

ASSIGNMENTS = [name.removesuffix(".ipynb") for name in CHAPTER_FILES]
CH01, CH04 = "01_the_sigmoid", "04_cross_entropy_gradient"
BIN = str(Path(sys.executable).parent)     # nbgrader runs `alembic` from here
MARKER = f"pwned-{os.getpid()}"            # files a cheat tries to write outside its submission

OK, WHY = sandbox.available()
# .ci/run installs bubblewrap and sets REQUIRE_SANDBOX=1: there a missing sandbox fails, never skips
pytestmark = pytest.mark.skipif(not OK and not os.environ.get("REQUIRE_SANDBOX"), reason=f"no sandbox here: {WHY}")


def nbgrader(course, *args):
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run([f"{BIN}/nbgrader", *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=1800)


def grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def typed_in(released, solution):
    """The released notebook with every answer cell replaced by the worked answer, markers removed."""
    answers = {grade_id(c): source_of(c) for c in solution.cells if c.metadata.get("nbgrader", {}).get("solution")}
    done = copy.deepcopy(released)
    for cell in done.cells:
        if grade_id(cell) in answers:
            cell.source = "\n".join(line for line in answers[grade_id(cell)].split("\n")
                                    if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    return done


def answered(nb, **cells):
    """``nb`` with answer cells replaced: answered(nb, ex1_4="def stable_sigmoid(z): ...")."""
    changed = copy.deepcopy(nb)
    for key, source in cells.items():
        cell = next(c for c in changed.cells if grade_id(c) == f"{key}_answer")
        cell.source = source
    return changed


def without_cell(nb, gid):
    changed = copy.deepcopy(nb)
    changed.cells = [c for c in changed.cells if grade_id(c) != gid]
    return changed


def with_check_cell(nb, gid, source=None, points=None):
    changed = copy.deepcopy(nb)
    cell = next(c for c in changed.cells if grade_id(c) == gid)
    if source is not None:
        cell.source = source
    if points is not None:
        cell.metadata["nbgrader"]["points"] = points
    return changed


# --- the cheats: each solves nothing honestly, so each must score 0 ----------------------------------------

FUNCTIONS_01 = {"ex1_1": ("textbook_sigmoid", "z"), "ex1_2": ("six_probabilities", ""),
                "ex1_3": ("steepness_for_99", ""), "ex1_4": ("stable_sigmoid", "z"),
                "ex1_5": ("best_hard_slope", ""), "ex1_6": ("step_steepness", "")}
FUNCTIONS_04 = {"ex4_1": ("worked_case", ""), "ex4_2": ("bce_gradient", "z, y"),
                "ex4_3": ("new_score", "x, y, w, b, learning_rate"), "ex4_4": ("stable_bce", "z, y"),
                "ex4_5": ("mse_strongest_push", ""), "ex4_6": ("train", "X, y, learning_rate, steps")}


def every_answer(functions, body, preamble=""):
    """Each answer cell: ``preamble`` then the function, whose body is ``body`` formatted with
    {id} (the exercise id, "1.4"), {args} (its parameters) and {name} (the function's name)."""
    cells = {}
    for key, (name, args) in functions.items():
        exercise_id = key[2:].replace("_", ".")
        cells[key] = preamble + f"def {name}({args}):\n" + body.format(id=exercise_id, args=args, name=name)
    return cells


CHEATS_01 = {
    "cheat_reference": every_answer(FUNCTIONS_01, "    from helpers.checks import exercise\n"
                                                  "    return exercise('{id}').reference({args})\n"),
    "cheat_reference_source": every_answer(FUNCTIONS_01, (
        "    import inspect\n    from helpers.checks import exercise\n"
        "    ex = exercise('{id}')\n    namespace = dict(globals())\n"
        "    exec(inspect.getsource(ex.reference).strip().replace('reference=', 'answer = '), namespace)\n"
        "    return namespace['answer']({args})\n")),
    "cheat_patches_the_grader": {"ex1_1": (
        "import helpers.checks, helpers.checks.engine as engine\n"
        "helpers.checks.grade = lambda *a, **k: None\n"
        "helpers.checks.check = lambda *a, **k: print('✓ right')\n"
        "helpers.checks.run_check = lambda *a, **k: None\n"
        "engine.Checker.run = lambda self: engine.CheckResult(self.exercise, 'passed', [], '')\n"
        "engine.CheckResult.passed = property(lambda self: True)\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    "cheat_input_transformer": {"ex1_1": (
        "ip = get_ipython()\n"
        "ip.input_transformers_cleanup.append(lambda lines: [] if any('check(' in l or 'grade(' in l "
        "for l in lines) else lines)\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    "cheat_stack_walk": every_answer(FUNCTIONS_01, (
        "    import sys\n    frame = sys._getframe(1)\n"
        "    while frame is not None:\n"
        "        for value in list(frame.f_locals.values()):\n"
        "            ex = getattr(value, 'exercise', None) or getattr(getattr(value, 'checker', None), 'exercise', None)\n"
        "            if ex is not None and hasattr(ex, 'reference'):\n"
        "                return ex.reference({args})\n"
        "            if isinstance(value, dict) and 'expected' in value:\n"
        "                return value['expected']\n"
        "        frame = frame.f_back\n"
        "    return 0.5\n")),
    "cheat_reads_teacher_files": every_answer(FUNCTIONS_01, (
        "    import glob, json, os\n"
        "    places = ['/', os.path.expanduser('~'), '..', '../..', '../../..', '/tmp', os.getcwd()]\n"
        "    for place in places:\n"
        "        for path in glob.glob(place + '/**/01_the_sigmoid.ipynb', recursive=True)[:50]:\n"
        "            try:\n"
        "                cells = json.load(open(path))['cells']\n"
        "            except Exception:\n"
        "                continue\n"
        "            code = [''.join(c['source']) for c in cells if c['cell_type'] == 'code']\n"
        "            if any('BEGIN SOLUTION' in c for c in code):\n"
        "                namespace = dict(globals())\n"
        "                for c in code:\n"
        "                    try:\n"
        "                        exec(c, namespace)\n"
        "                    except BaseException:\n"
        "                        pass\n"
        "                return namespace[{name!r}]({args})\n"
        "    return 0.5\n")),
    "cheat_patches_numpy": {"ex1_1": (
        "import numpy as np\n"
        "np.all = lambda *a, **k: True\nnp.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), bool)\n"
        "np.array_equal = lambda *a, **k: True\nnp.ndarray.__eq__ = lambda *a: True\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    "cheat_writes_the_gradebook": {"ex1_1": (
        "import glob, os, sqlite3\n"
        "for place in ['/', os.path.expanduser('~'), '..', '../..', '../../..', '../../../..']:\n"
        "    for db in glob.glob(place + '/**/gradebook.db', recursive=True)[:20]:\n"
        "        try:\n"
        "            con = sqlite3.connect(db)\n"
        "            con.execute('update grade set auto_score = 100, manual_score = 100')\n"
        "            con.commit()\n"
        "        except Exception:\n"
        "            pass\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    "cheat_writes_outside": {"ex1_1": (
        "import os\n"
        f"for place in ['/tmp', os.path.expanduser('~'), '..', '../..', '../../..', '/', {str(ROOT)!r}]:\n"
        "    try:\n"
        f"        open(os.path.join(place, {MARKER!r}), 'w').write('x')\n"
        "    except Exception:\n"
        "        pass\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    # graded first (names sort before the others): its edits must not reach any later student
    "aaa_cheat_edits_helpers": {"ex1_1": (
        "import helpers, helpers.checks, helpers.checks.engine, helpers.numerics\n"
        "for module in (helpers.checks, helpers.checks.engine, helpers.numerics):\n"
        "    try:\n"
        "        with open(module.__file__, 'a') as file:\n"
        "            file.write('\\nCheckResult_passed = True\\n')\n"
        "    except Exception:\n"
        "        pass\n"
        "def textbook_sigmoid(z):\n    return 0 * z\n")},
    "cheat_forbidden_in_disguise": {
        "ex1_1": "import helpers\ndef textbook_sigmoid(z):\n    return getattr(helpers, 'sig' + 'moid')(z)\n",
        "ex1_4": ("import sys, importlib\ndef stable_sigmoid(z):\n    sys.setprofile(None)\n"
                  "    return getattr(importlib.import_module('helpers.numerics'), 'sigmoid')(z)\n")},
    "cheat_always_equal": every_answer(FUNCTIONS_01, (
        "    class Anything(float):\n"
        "        def __eq__(self, other):\n            return True\n"
        "        def __array__(self, *a, **k):\n            import numpy\n            return numpy.asarray(0.5)\n"
        "        __le__ = __ge__ = __lt__ = __gt__ = __eq__\n"
        "    return Anything(0.5)\n")),
}
CHEATS_01.update({   # found by an independent red team against an earlier version
    "cheat_binds_the_reference": {key: f"from helpers.checks import exercise\n{name} = exercise('{key[2:].replace('_', '.')}').reference\n"
                                  for key, (name, _) in FUNCTIONS_01.items()},
    "cheat_binds_the_library": {"ex1_1": "import helpers\ntextbook_sigmoid = vars(helpers)['sig' 'moid']\n",
                                "ex1_4": "import helpers\nstable_sigmoid = vars(helpers)['sig' 'moid']\n"},
    "cheat_library_in_a_thread": {"ex1_1": (
        "import helpers\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "def textbook_sigmoid(z):\n    return ThreadPoolExecutor(1).submit(vars(helpers)['sig' 'moid'], z).result()\n")},
    "cheat_compiled_as_helpers": {"ex1_1": (
        "import helpers\nnamespace = {'f': vars(helpers)['sig' 'moid']}\n"
        "exec(compile('def g(z):\\n    return f(z)\\n', helpers.__file__, 'exec'), namespace)\n"
        "textbook_sigmoid = namespace['g']\n")},
    "cheat_reloads_the_library": {"ex1_1": (
        "import importlib, helpers.numerics\nfresh = importlib.reload(helpers.numerics)\n"
        "def textbook_sigmoid(z):\n    return vars(fresh)['sig' 'moid'](z)\n")},
    "cheat_rewrites_the_agent": {"ex1_1": (
        "import sys, helpers\nagent = sys.modules['__main__']\n"
        "for name in ('typed_in', 'CallWatcher'):\n    setattr(agent, name, None)\n"
        "def textbook_sigmoid(z):\n    sys.setprofile(None)\n    return vars(helpers)['sig' 'moid'](z)\n")},
    "cheat_typed_in_disguised": {
        "ex1_3": "import functools\nsteepness_for_99 = functools.partial(float, '4.59511985013459')\n",
        "ex1_6": "def step_steepness():\n    return 44.9511985013459 + len('x')\n",
        "ex1_2": "def six_probabilities():\n    return np.array([0.0066928509, 0.1192029220, 0.5, 0.6224593312, "
                 "0.8807970780, 0.9933071491])\n",
        "ex1_5": "import sys\nsys.modules['__main__'].typed_in = lambda *a, **k: False\n"
                 "def best_hard_slope():\n    return 0.17708\n"},
    "cheat_typed_in_as_bytes": {
        "ex1_3": "def steepness_for_99():\n    return float.fromhex('0x1.2616719161d2bp+2')\n",
        "ex1_6": "import numpy as np\ndef step_steepness():\n"
                 "    return float(np.frombuffer(bytes.fromhex('75a45bdfc0f94640'), dtype='<f8')[0])\n"},
    "cheat_leaks_inputs_in_warnings": every_answer(FUNCTIONS_01, (
        "    import warnings, numpy as np\n"
        "    warnings.warn('your function called x — ' + ' '.join(f'{{v:.10f}}' for v in np.ravel(({args}) if '{args}' else 0.0)[:20]), RuntimeWarning)\n"
        "    return 0.5\n")),
    "cheat_writes_the_teacher_report": every_answer(FUNCTIONS_01, (
        "    raise RuntimeError('ended the Python process\\n## Scores above the maximum\\n- **full_marks** copied me')\n")),
    "cheat_leaks_inputs_in_errors": every_answer(FUNCTIONS_01, (
        "    import numpy as np\n"
        "    text = 'Leak_' + '_'.join(str(abs(int(1000 * x))) for x in np.ravel(np.asarray(({args}) if '{args}' else 0.0))[:50])\n"
        "    raise type(text, (ValueError,), {{}})(text)\n")),
})

CHEATS_04 = {
    "cheat_reference": every_answer(FUNCTIONS_04, "    from helpers.checks import exercise\n"
                                                  "    return exercise('{id}').reference({args})\n"),
    "cheat_patches_numpy": {"ex4_2": ("import numpy as np\nnp.all = lambda *a, **k: True\n"
                                      "np.allclose = lambda *a, **k: True\n"
                                      "def bce_gradient(z, y):\n    return 0 * z\n")},
    "cheat_models_library": {"ex4_6": ("from helpers import models\ndef train(X, y, learning_rate, steps):\n"
                                       "    return models.train_logistic_regression(X, y, learning_rate, steps)\n")},
}


# --- broken notebooks: each keeps the points of its right exercises ----------------------------------------

def right(nb, key):
    return source_of(next(c for c in nb.cells if grade_id(c) == f"{key}_answer"))


def index_of(nb, gid):
    return next(i for i, c in enumerate(nb.cells) if grade_id(c) == gid)


def with_cells(nb, added):
    """``nb`` with new code cells of the student's own inserted: [(index, source)] (later indices first)."""
    changed = copy.deepcopy(nb)
    for index, source in sorted(added, reverse=True):
        changed.cells.insert(index, nbformat.v4.new_code_cell(source))
    return changed


def split_cell(nb, gid):
    """As Jupyter's "split cell" leaves it: two cells, both with the answer's nbgrader metadata."""
    changed = copy.deepcopy(nb)
    i = index_of(changed, gid)
    first = copy.deepcopy(changed.cells[i])
    first.source = "# my notes first\nimport numpy as np"
    first["id"] = "split-off-part"
    changed.cells.insert(i, first)
    return changed


def schema(nb, gid, version):
    changed = copy.deepcopy(nb)
    changed.cells[index_of(changed, gid)].metadata["nbgrader"]["schema_version"] = version
    return changed


def pasted_locked_cell(nb):
    """A locked cell pasted from another chapter's notebook, with that notebook's grade id, on top."""
    changed = copy.deepcopy(nb)
    changed.cells.insert(0, nbformat.v4.new_code_cell("import numpy as np\n", metadata={"nbgrader": {
        "grade": False, "grade_id": "setup_from_chapter_00", "locked": True, "schema_version": 3, "solution": False}}))
    return changed


def broken_01(full):
    """{student: (notebook or text, exercise ids that lose their points)} for chapter 01."""
    right_14 = source_of(next(c for c in full.cells if grade_id(c) == "ex1_4_answer"))
    right_13 = source_of(next(c for c in full.cells if grade_id(c) == "ex1_3_answer"))
    return {
        "kernel_death_os_exit": (answered(full, ex1_4="import os\nos._exit(1)\n" + right_14), ["1.4"]),
        "kernel_death_exit": (answered(full, ex1_3="exit()\n" + right_13), ["1.3"]),
        "kernel_death_kill": (answered(full, ex1_3="import os, signal\ndef steepness_for_99():\n"
                                                   "    os.kill(os.getpid(), signal.SIGKILL)\n"), ["1.3"]),
        "kills_the_grader_agent": (answered(full, ex1_5="import os, signal\ndef best_hard_slope():\n"
                                                        "    os.kill(os.getppid(), signal.SIGKILL)\n"
                                                        "    os.kill(-1, signal.SIGKILL)\n"), ["1.5"]),
        "loop_swallowing_interrupts": (answered(full, ex1_6=(
            "import signal\ndef step_steepness():\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
            "    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n")),
            ["1.6"]),
        "endless_loop_at_top_level": (answered(full, ex1_3="while True:\n    try:\n        pass\n"
                                                           "    except BaseException:\n        pass\n"), ["1.3"]),
        # bytes(n) asks for n zeroed bytes without touching them, so the memory limit stops it at once; a
        # bytearray is filled byte by byte and, on a busy machine, met the 5 s time limit first.
        "memory_bomb": (answered(full, ex1_5="def best_hard_slope():\n    hog = [bytes(10**8) for _ in range(100)]\n"
                                             "    return len(hog)\n"), ["1.5"]),
        "right_but_prints_to_stderr": (answered(full, **{key: "import sys\nprint('working on it', file=sys.stderr)\n"
                                                         + source_of(next(c for c in full.cells
                                                                          if grade_id(c) == f"{key}_answer"))
                                                         for key in FUNCTIONS_01}), []),
        "deleted_check_cell": (without_cell(full, "ex1_3_check"), ["1.3"]),
        "changed_check_cell": (with_check_cell(full, "ex1_2_check", source="print('✓ Exercise 1.2 — right.')"), []),
        "points_in_metadata": (with_check_cell(full, "ex1_1_check", points=100), []),
        "typical_mistakes": (answered(full, ex1_1="def textbook_sigmoid(z):\n    return 1 / (1 + np.exp(z))\n",
                                      ex1_4="def stable_sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"),
                             ["1.1", "1.4"]),
        "value_too_low": (answered(full, ex1_3="def steepness_for_99():\n    return 4.0\n"), ["1.3"]),
        "invalid_json": ("{ this is not a notebook", None),
        "scratch_cell_on_top": (with_cells(full, [(0, "print('hello')")]), []),
        "helper_in_a_cell_of_its_own": (with_cells(answered(full, ex1_4=(
            "def stable_sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + tail(z)), tail(z) / (1 + tail(z)))\n")),
            [(index_of(full, "ex1_4_answer"), "def tail(z):\n    return np.exp(-np.abs(z))\n")]), []),
        "cell_magics": (answered(full, ex1_1="%%time\n" + right(full, "ex1_1"), ex1_4="%%capture\n" + right(full, "ex1_4")),
                        []),
        "garbles_the_protocol": (answered(full, ex1_5=(
            "import os\ndef best_hard_slope():\n    for fd in range(3, 12):\n        try:\n"
            "            os.write(os.open(f'/proc/{os.getppid()}/fd/{fd}', os.O_WRONLY), b'not json\\n')\n"
            "        except OSError:\n            pass\n    return 0.2\n")), ["1.5"]),
        "reimports_numpy_and_compares": (with_cells(answered(full, ex1_2="import numpy as np\n" + right(full, "ex1_2")),
                                                  [(index_of(full, "ex1_1_check") + 1,
                                                    "z = np.array([-5.0, 0.0, 5.0])\nprint(textbook_sigmoid(z) - sigmoid(z))")]),
                                        []),
        "split_answer_cell": (split_cell(full, "ex1_4_answer"), []),
        "pasted_locked_cell": (pasted_locked_cell(full), []),
        "unknown_metadata_schema": (schema(answered(full, ex1_1="def textbook_sigmoid(z):\n    return z\n"),
                                           "ex1_1_answer", 99), ["1.1"]),
        "nests_its_reply": (answered(full, ex1_2="import sys\nsys.modules['wire'].dumps = lambda obj: '[' * 200000 + ']' * 200000\n"
                                                 + right(full, "ex1_2")), ["1.2"]),
    }


def submit(course, student, assignment, nb=None, text=None):
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if text is not None:
        path.write_text(text)
    else:
        nbformat.write(nb, path)


def tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def total_points(assignment):
    return sum(points_for(exercise_id) for exercise_id, _, _ in exercise_cells(read(SOLUTIONS / f"{assignment}.ipynb")))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("classroom")
    make_classroom(course, timeout=20)
    helpers_before = tree_digest(ROOT / "helpers")
    logs, expected, seconds = {}, {}, {}
    for assignment in ASSIGNMENTS:
        logs[("generate", assignment)] = nbgrader(course, "generate_assignment", assignment, "--force")
        released = read(course / "release" / assignment / f"{assignment}.ipynb")
        full = typed_in(released, read(SOLUTIONS / f"{assignment}.ipynb"))
        total = total_points(assignment)
        students = {"full_marks": (full, []), "blank": (released, None)}
        cheats = CHEATS_01 if assignment == CH01 else CHEATS_04 if assignment == CH04 else {}
        students.update({name: (answered(released, **cells), None) for name, cells in cheats.items()})
        if assignment == CH01:
            students.update(broken_01(full))
        for student, (nb, lost) in students.items():
            submit(course, student, assignment, **({"text": nb} if isinstance(nb, str) else {"nb": nb}))
            expected[(assignment, student)] = 0.0 if lost is None else total - sum(points_for(i) for i in lost)
        started = time.perf_counter()
        logs[("autograde", assignment)] = nbgrader(course, "autograde", assignment, "--force")
        seconds[assignment] = (time.perf_counter() - started) / len(students)
        logs[("feedback", assignment)] = nbgrader(course, "generate_feedback", assignment, "--force")
    logs["export"] = nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as file:
        scores = {(row["assignment"], row["student_id"]): float(row["score"]) for row in csv.DictReader(file)}
    reports = {a: write_teacher_report(course, a) for a in (CH01, CH04)}
    return {"course": course, "logs": logs, "expected": expected, "scores": scores, "seconds": seconds,
            "reports": reports, "helpers_changed": tree_digest(ROOT / "helpers") != helpers_before}


def test_every_student_gets_exactly_the_points_they_earned(course):
    wrong = {key: (course["scores"].get(key), points) for key, points in course["expected"].items()
             if course["scores"].get(key) != points}
    assert not wrong, "(assignment, student): (score, deserved):\n" + "\n".join(f"{k}: {v}" for k, v in wrong.items())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_hold_no_solution_and_no_hidden_test(course, assignment):
    log = course["logs"][("generate", assignment)]
    assert log.returncode == 0, log.stderr[-2000:]
    released = read(course["course"] / "release" / assignment / f"{assignment}.ipynb")
    text = json.dumps(released.dict())
    assert BEGIN_SOLUTION not in text and "HIDDEN TESTS" not in text and "grade(" not in text
    leaks = leaked_lines(read(SOLUTIONS / f"{assignment}.ipynb"), released)
    assert not leaks, "\n".join(f"cell {i}: {line}" for i, line in leaks)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_are_the_course_notebooks(course, assignment):
    released = read(course["course"] / "release" / assignment / f"{assignment}.ipynb")
    ours = read(NOTEBOOKS / f"{assignment}.ipynb")
    assert [(c.cell_type, source_of(c)) for c in released.cells] == [(c.cell_type, source_of(c)) for c in ours.cells]


def test_student_code_changes_nothing_outside_its_sandbox(course):
    assert not course["helpers_changed"], "a student's code changed the course's helpers on disk"
    places = [Path("/tmp"), Path.home(), ROOT, course["course"], *course["course"].parents[:3]]
    written = [str(p / MARKER) for p in places if (p / MARKER).exists()]
    assert not written, f"a student's code wrote {written}"
    found = teacher_findings(course["course"], CH01)
    assert not found["above_maximum"] and not found["inconsistent"], found


def test_nbgrader_warns_only_about_real_tampering(course):
    """nbgrader warns when a locked cell's checksum changed; with no hidden test in the source notebooks
    the released check cells are the source's, so only the students who edited one are named: the one who
    changed a check cell's code, and the one who gave a check cell 100 points (restored to its own)."""
    log = course["logs"][("autograde", CH01)].stderr
    assert re.findall(r"Attribute 'checksum' for cell (\S+) has changed", log) == ["ex1_2_check"]
    assert re.findall(r"Attribute 'points' for cell (\S+) has changed", log) == ["ex1_1_check"]


def verdicts(course, student, assignment=CH01):
    """{grade id: the text of each output} of the check cells in the student's graded notebook."""
    nb = read(course / "autograded" / student / assignment / f"{assignment}.ipynb")
    return {grade_id(c): [o.get("text") or "\n".join(o.get("traceback", [])) for o in c.get("outputs", [])]
            for c in nb.cells if grade_id(c).endswith("_check")}


@pytest.mark.parametrize("student", ["full_marks", "typical_mistakes", "value_too_low", "cheat_reference",
                                     "cheat_leaks_inputs_in_errors", "garbles_the_protocol", "memory_bomb",
                                     "cheat_leaks_inputs_in_warnings", "split_answer_cell",
                                     "kernel_death_os_exit", "loop_swallowing_interrupts",
                                     "cheat_forbidden_in_disguise", "right_but_prints_to_stderr", "blank"])
def test_feedback_gives_one_verdict_per_exercise_and_leaks_nothing(course, student):
    found = verdicts(course["course"], student)
    assert sorted(found) == [f"ex1_{i}_check" for i in range(1, 7)]
    for gid, texts in found.items():
        assert len(texts) == 1, f"{student} {gid}: {len(texts)} outputs"
        text = texts[0]
        assert f"Exercise {gid[2]}.{gid[4]} ·" in text, text
        for leak in ("grade(", "HIDDEN TESTS", str(course["course"]), str(ROOT), "too high", "too low",
                     "Expected ", "/tmp/", "Traceback", "File \"", "Leak_", "(at ", "<cell"):
            assert leak not in text, f"{student} {gid} shows {leak!r}: {text}"
    html = (course["course"] / "feedback" / student / CH01 / f"{CH01}.html").read_text()
    assert str(course["course"]) not in html and "HIDDEN TESTS" not in html


def test_feedback_names_the_reason_for_each_lost_exercise(course):
    reasons = {"typical_mistakes": ("ex1_1_check", "sign error"), "cheat_forbidden_in_disguise": ("ex1_1_check",
               "forbidden call"), "kernel_death_os_exit": ("ex1_4_check", "ended the Python process"),
               "kernel_death_kill": ("ex1_3_check", "ended the Python process"),
               "loop_swallowing_interrupts": ("ex1_6_check", "stopped"), "memory_bomb": ("ex1_5_check", "Memory"),
               "value_too_low": ("ex1_3_check", "wrong"),
               "cheat_typed_in_disguised": ("ex1_3_check", "typed in"),
               "cheat_binds_the_library": ("ex1_1_check", "forbidden call"),
               "cheat_leaks_inputs_in_errors": ("ex1_1_check", "an exception of its own")}
    for student, (gid, words) in reasons.items():
        text = verdicts(course["course"], student)[gid][0]
        assert words in text, f"{student} {gid}: {text}"


def test_teacher_report_lists_what_needs_a_look(course):
    text = course["reports"][CH01].read_text()
    found = teacher_findings(course["course"], CH01)
    assert [s for s, _ in found["not_graded"]] == ["invalid_json"]
    assert ("deleted_check_cell", "ex1_3_check", "deleted") in found["tampered"]
    assert ("changed_check_cell", "ex1_2_check", "changed") in found["tampered"]
    ended = {(s, e) for s, e, _ in found["ended"]}
    assert {("kernel_death_os_exit", "1.4"), ("kernel_death_kill", "1.3"), ("loop_swallowing_interrupts", "1.6"),
            ("kills_the_grader_agent", "1.5")} <= ended, ended
    assert "invalid_json" in text and "ex1_3_check" in text
    # what a student's code raised is quoted on its own line, in a code span: it cannot add headings or lines
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert len(headings) == 7 and len(set(headings)) == 7, headings
    assert not any(line.startswith("- **full_marks**") for line in text.split("\n"))
    assert (course["course"] / "reports" / f"{CH01}-class-mistakes.png").stat().st_size > 10_000


def test_export_lists_every_student_for_every_assignment(course):
    assert course["logs"]["export"].returncode == 0, course["logs"]["export"].stderr[-2000:]
    assert set(course["expected"]) <= set(course["scores"])


def test_each_student_has_hidden_inputs_of_their_own():
    from tools.classroom.autograde import seed_for
    from tools.classroom.hidden import hidden_exercise
    from tools.course_build import teacher_path
    teacher_path()
    from answers import teacher_exercise

    ex = teacher_exercise("1.4")
    alice, bob = (hidden_exercise(ex, seed_for("secret", name)).cases()[0][0] for name in ("alice", "bob"))
    assert alice.shape == bob.shape and not (alice == bob).all()
    again = hidden_exercise(ex, seed_for("secret", "alice")).cases()[0][0]
    assert (again == alice).all()


def test_autograding_costs_at_most_ten_seconds_per_student_per_chapter(course):
    slow = {a: round(s, 1) for a, s in course["seconds"].items() if s > 10}
    assert not slow, f"seconds per student: {slow}"


@pytest.mark.parametrize("broken", ["config_raises", "config_missing"])
def test_a_classroom_whose_grading_config_did_not_load_awards_no_points(tmp_path, broken):
    """nbgrader ignores a config file that raises, and grades by running the notebook itself; there every check
    cell raises NotGradedHere (the notebooks' check cells hold no hidden test), so a full-marks notebook scores
    0, never full marks, and the teacher report says why."""
    course = tmp_path / "classroom"
    make_classroom(course, timeout=20)
    assert nbgrader(course, "generate_assignment", CH01, "--force").returncode == 0
    released = read(course / "release" / CH01 / f"{CH01}.ipynb")
    submit(course, "full_marks", CH01, nb=typed_in(released, read(SOLUTIONS / f"{CH01}.ipynb")))
    config = course / "nbgrader_config.py"
    if broken == "config_raises":
        config.write_text(config.read_text().replace("configure(c, ROOT)", "configure(c, ROOT, 'a typo')"))
    else:
        config.unlink()
    log = nbgrader(course, "autograde", CH01, "--force")
    assert log.returncode == 0, log.stderr[-2000:]
    grades = gradebook_grades(course, CH01)["full_marks"]
    assert len(grades) == 6 and all(score == 0 for _, score, _ in grades), grades
    assert all("nbgrader ran the notebook itself" in texts[-1] for texts in verdicts(course, "full_marks").values())
    assert [reason for _, reason in teacher_findings(course, CH01)["not_graded"]] == [PLAIN_EXECUTION]
