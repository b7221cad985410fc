"""nbgrader's autograde step, with each student's code in the sandbox and every verdict computed here.

nbgrader normally runs the whole submitted notebook in a kernel and scores each test cell by whether
it raised. Student code in that kernel can patch the grader, read the teacher's files or end the
kernel. Instead, ``GradeInSandbox`` (configured in place of nbgrader's ``Execute`` preprocessor by
the classroom's nbgrader_config.py) does, for every exercise of the notebook:

1. take the chapter's set-up cell and the student's answer cells up to this exercise;
2. run them in the student's sandbox (tools/classroom/sandbox.py; a fresh worker process per exercise), and let the course's checking engine,
   here in the grader, call the student's function there (tools/classroom/remote.py);
3. write the verdict into the exercise's check cell: a plain output when it passed, an error output
   (which nbgrader scores 0) when it did not — one verdict per exercise, matching the score.

Every verdict is also appended to ``verdicts.jsonl`` in the classroom's ``reports/`` folder (teacher
only), which the class report reads.
"""

import ast
import json
import re
import tempfile
import time
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool, Unicode

from helpers.checks import exercise
from helpers.checks.engine import Checker
from tools.classroom.hidden import hidden_exercise
from tools.classroom.remote import StudentJail, check_in_sandbox
from tools.classroom.shortcuts import TAMPERING, forbidden_uses

CHECK_CALL = re.compile(r"""check\(\s*["'](\d+\.\d+)["']\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)""")


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def source_of(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def exercises_in(nb):
    """[(exercise id, function name, check cell index, answer cell index)] from nbgrader's metadata."""
    found = []
    for i, cell in enumerate(nb.cells):
        match = re.fullmatch(r"ex(\d+)_(\d+)_check", grade_id(cell))
        if not match:
            continue
        exercise_id = f"{int(match[1])}.{int(match[2])}"
        call = CHECK_CALL.search(source_of(cell))
        answer = next((j for j, c in enumerate(nb.cells) if grade_id(c) == f"ex{match[1]}_{match[2]}_answer"), None)
        found.append((exercise_id, call[2] if call else None, i, answer))
    return found


def setup_cells(nb):
    """The chapter's set-up code: the locked code cells before the first exercise's answer that only import
    and configure (every chapter's first code cell)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [source_of(code[0])] if code else []


def names_defined(source):
    """Top-level names a cell defines (functions, classes, assignments, imports); empty if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def names_used(source):
    try:
        return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def cells_for(answer, earlier):
    """The student's earlier answer cells this answer needs (it uses a name one of them defines), in order:
    a broken earlier answer (an exit(), a crash) then costs only the exercises that build on it."""
    needed, wanted = [], names_used(answer) - names_defined(answer)
    for source in reversed(earlier):              # the latest definition of a name is the one that counts
        defined = names_defined(source)
        if defined & wanted:
            needed.insert(0, source)
            wanted = (wanted - defined) | (names_used(source) - defined)
    return needed


def graded_text(result):
    """The verdict a graded student sees: right or wrong, and the named cause — not the hidden input, not the
    expected value (which would let a student home in on a value answer), and no hint pointer."""
    mark = {"passed": "✓", "failed": "✗", "not attempted": "○"}[result.status]
    head = f"{mark} {result.exercise.heading}"
    if result.passed:
        return head + " — right."
    if result.status == "not attempted":
        return head + " — not attempted."
    causes = [line for line in result.lines if line.startswith("Likely cause:")]
    raised = [re.sub(r"^.*?your function (raised|called|was still running)", r"Your function \1", line, flags=re.I)
              for line in result.lines[:1] if re.search(r"your function (raised|called|was still running)", line, re.I)]
    named = f" ({result.diagnosis})" if result.diagnosis else ""
    return "\n".join([head + f" — wrong{named}."] + ["  " + line for line in raised + causes])


def shortcut_result(graded, name):
    """The verdict for an answer whose source uses a forbidden function (found before running it)."""
    checker = Checker(graded, None)
    if name in TAMPERING:
        return checker.fail([f"Your answer calls {name}, which switches off the grader's watch for forbidden "
                             "functions."], "forbidden call", "in graded work, answers may not change how "
                             "Python traces calls; remove that line.")
    return checker.shortcut(name)


def verdict_outputs(result):
    text = graded_text(result)
    if result.passed:
        return [new_output("stream", name="stdout", text=text + "\n")]
    name = "Not attempted" if result.status == "not attempted" else "Wrong answer"
    return [new_output("error", ename=name, evalue=text.split("\n", 1)[0], traceback=text.split("\n"))]


class GradeInSandbox(Preprocessor):
    """Grades every exercise of a notebook in the sandbox; see the module's docstring."""

    enabled = Bool(True)     # nbconvert's preprocessors are off unless enabled; this one is the grading itself
    reports = Unicode("", help="Folder for verdicts.jsonl (teacher only); empty: no record.").tag(config=True)
    seed_file = Unicode("", help="File holding the secret seed of the hidden inputs (teacher only); "
                                 "empty: the public inputs.").tag(config=True)

    def preprocess(self, nb, resources):
        student = resources.get("nbgrader", {}).get("student", "")
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        setup = setup_cells(nb)
        seed = int(Path(self.seed_file).read_text().strip()) if self.seed_file else None
        answers_so_far = []
        records = []
        with tempfile.TemporaryDirectory(prefix="grade-") as scratch, StudentJail(scratch) as jails:
            for exercise_id, function, check_index, answer_index in sorted(exercises_in(nb), key=lambda e: e[2]):
                answer = source_of(nb.cells[answer_index]) if answer_index is not None else ""
                own_cells = cells_for(answer, answers_so_far) + [answer]
                cells = setup + own_cells
                answers_so_far.append(answer)
                started = time.perf_counter()
                if function is None:
                    result = None
                    outputs = [new_output("error", ename="Check cell changed", evalue="the check cell was edited",
                                          traceback=[f"Exercise {exercise_id}: the check cell was changed, so it "
                                                     "could not be graded."])]
                else:
                    graded = exercise(exercise_id) if seed is None else hidden_exercise(exercise(exercise_id), seed)
                    shortcuts = forbidden_uses(graded.forbidden, setup, own_cells)
                    result = shortcut_result(graded, shortcuts[0]) if shortcuts else \
                        check_in_sandbox(graded, cells, function, scratch, jail=jails.current())
                    outputs = verdict_outputs(result)
                nb.cells[check_index].outputs = outputs
                # the feedback shows the check cell as the student saw it: without the hidden test
                nb.cells[check_index].source = source_of(nb.cells[check_index]).split("### BEGIN HIDDEN TESTS")[0].rstrip()
                nb.cells[check_index].execution_count = None
                records.append({"student": student, "assignment": assignment, "exercise": exercise_id,
                                "status": result.status if result else "check cell changed",
                                "cause": result.diagnosis if result else "check cell changed",
                                "detail": (result.lines[0] if result and not result.passed and result.lines
                                           else "")[:300],
                                "seconds": round(time.perf_counter() - started, 2)})
        if self.reports:
            folder = Path(self.reports)
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "verdicts.jsonl", "a", encoding="utf-8") as file:
                for record in records:
                    file.write(json.dumps(record) + "\n")
        return nb, resources


def configure(c, classroom):
    """Set an nbgrader config ``c`` to autograde with GradeInSandbox, keeping the teacher's files in
    ``classroom``/autograder (the secret seed) and ``classroom``/reports (the verdicts), outside source/."""
    import secrets

    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades

    classroom = Path(classroom)
    seed_file = classroom / "autograder" / "secret_seed"
    if not seed_file.exists():
        seed_file.parent.mkdir(parents=True, exist_ok=True)
        seed_file.write_text(str(secrets.randbits(63)))
        seed_file.chmod(0o600)
    c.Autograde.autograde_preprocessors = [GradeInSandbox, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                           SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
    c.GradeInSandbox.reports = str(classroom / "reports")
    c.GradeInSandbox.seed_file = str(seed_file)
