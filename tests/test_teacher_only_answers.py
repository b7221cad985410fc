"""The installed course holds no answers: the exercises' right answers and the code of their known mistakes
live in solutions/answers/ (teacher only); helpers/checks looks up what they give on the checks' own inputs
(helpers/checks/recorded/, written by tools/record_answers.py). Self-study checks must not notice: every
verdict is the same as with the real functions.
"""

import ast
import contextlib
import io
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from answers import teacher_exercise, teacher_exercises
from helpers.checks import exercise, run_check
from helpers.checks.engine import Checker
from helpers.checks.recordings import NotRecorded, Recorded
from tests.test_exercise_checks import EXERCISES, RIGHT, WRONG
from tools.course_build import ROOT
from tools.record_answers import out_of_date

HELPERS = ROOT / "helpers"
ANSWERS = ROOT / "solutions" / "answers"


def test_the_recorded_answers_are_up_to_date():
    assert out_of_date([f"{n:02d}" for n in range(8)]) == [], "run: python tools/record_answers.py"


def test_recorded_files_load_without_pickle():
    for path in sorted((HELPERS / "checks" / "recorded").glob("*.npz")):
        with np.load(path, allow_pickle=False) as data:
            assert "index" in data.files and all(data[name].dtype != object for name in data.files)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_public_references_and_mistakes_are_recorded_lookups(ex):
    assert isinstance(ex.reference, Recorded), f"{ex.id}: the reference is code, not a recorded lookup"
    for mistake in ex.mistakes:
        assert mistake.wrong is None or isinstance(mistake.wrong, Recorded), \
            f"{ex.id}: the mistake {mistake.name!r} holds code"


def defined_names(path, top_level_only=False):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    return {node.name for node in nodes if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


@pytest.mark.parametrize("chapter", sorted(p.stem for p in ANSWERS.glob("ch*.py")))
def test_no_function_of_the_answers_is_defined_in_the_chapters_checks(chapter):
    both = defined_names(ANSWERS / f"{chapter}.py", top_level_only=True) & \
        defined_names(HELPERS / "checks" / f"{chapter}.py")
    assert not both, f"helpers/checks/{chapter}.py defines {sorted(both)}, which belong to solutions/answers/"


def test_answer_computations_appear_nowhere_under_helpers():
    sources = {p: p.read_text(encoding="utf-8") for p in HELPERS.rglob("*.py")}
    for name in ("_train_reference", "chain_reference", "best_hard_slope", "cubic_edge", "temperature_for_top",
                 "_cycle_amplitude", "first_layer_gradient", "_scores_for_slope", "_worked_case"):
        assert any(name in defined_names(p, top_level_only=True) for p in ANSWERS.glob("ch*.py")), name
        found = [str(p.relative_to(ROOT)) for p, text in sources.items() if name in text]
        assert not found, f"{name} appears in {found}"


def test_the_answers_are_not_packaged():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: pytest itself depends on tomli there
        import tomli as tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == ["helpers*"]
    assert "recorded/*.npz" in config["tool"]["setuptools"]["package-data"]["helpers.checks"]


def test_a_recorded_answer_works_only_on_the_checks_own_inputs():
    reference = exercise("1.1").reference
    z = exercise("1.1").cases()[0][0]
    assert np.array_equal(reference(z), teacher_exercise("1.1").reference(z))
    with pytest.raises(NotRecorded, match="recorded only for the check's own inputs"):
        reference(np.array([0.5]))


def test_every_public_check_works_without_the_answers(tmp_path):
    """In a fresh Python with the repository root on sys.path but not solutions/, `import answers` fails,
    and every right answer of tests/answers still passes and every wrong one gets its diagnosis."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        try:
            import answers
        except ImportError:
            pass
        else:
            sys.exit("answers is importable: " + answers.__file__)
        from helpers.checks import run_check
        from tests.test_exercise_checks import RIGHT, WRONG
        wrong = [f"{{k}}: {{r.status}}" for k, a in RIGHT if not (r := run_check(k, a)).passed]
        wrong += [f"{{k}}: {{r.diagnosis!r}}, not {{d!r}}" for k, a, d in WRONG if (r := run_check(k, a)).diagnosis != d]
        assert "answers" not in sys.modules and not wrong, wrong
        print(len(RIGHT) + len(WRONG))
    """)
    done = subprocess.run([sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) == len(RIGHT) + len(WRONG)


def verdicts(exercise_id, answer):
    with contextlib.redirect_stdout(io.StringIO()):
        public = run_check(exercise_id, answer)
        teacher = Checker(teacher_exercise(exercise_id), answer).run()
    return [(r.status, r.diagnosis, r.lines) for r in (public, teacher)]


@pytest.mark.parametrize("exercise_id, answer", RIGHT)
def test_right_answers_get_the_same_verdict_from_recorded_and_real_answers(exercise_id, answer):
    public, teacher = verdicts(exercise_id, answer)
    assert public == teacher


@pytest.mark.parametrize("exercise_id, answer, diagnosis", WRONG)
def test_wrong_answers_get_the_same_verdict_from_recorded_and_real_answers(exercise_id, answer, diagnosis):
    public, teacher = verdicts(exercise_id, answer)
    assert public == teacher


def test_teacher_exercises_cover_every_exercise_with_real_functions():
    exercises = teacher_exercises()
    assert [ex.id for ex in exercises] == [ex.id for ex in EXERCISES]
    for ex in exercises:
        assert not isinstance(ex.reference, Recorded)
        assert not any(isinstance(m.wrong, Recorded) for m in ex.mistakes)


def test_riskiest_cases_have_one_right_answer():
    """0.4's cases: the top k + 1 scores are clearly apart, or 'riskiest first' would be ambiguous."""
    scores = teacher_exercise("0.3").reference
    for X, w, b, k in exercise("0.4").cases():
        top = np.sort(scores(X, w, b))[::-1][:k + 1]
        assert np.all(np.abs(np.diff(top)) > 1e-6), "tied scores in a 0.4 test case"


def test_a_non_editable_install_has_the_recorded_answers_and_no_answers(tmp_path):
    """`pip install .` (as the hub image does) ships helpers/checks/recorded/*.npz and nothing of solutions/."""
    source, target = tmp_path / "source", tmp_path / "site"     # a copy: pip builds in the source tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv*", ".git", "artifacts", "build", "*.egg-info",
                                                                "__pycache__", ".hypothesis", ".pytest_cache"))
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                           "--target", str(target), str(source)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"pip install failed here: {done.stderr[-300:]}")
    installed = {str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()}
    recorded = {f"helpers/checks/recorded/{p.name}" for p in (HELPERS / "checks" / "recorded").glob("*.npz")}
    assert recorded <= installed
    assert not [p for p in installed if p.startswith(("answers", "solutions"))]
    assert Path(target / "helpers" / "checks" / "recordings.py").exists()
