"""nbgrader's autograde step, with each student's code in the sandbox and every verdict computed here.

nbgrader normally runs the whole submitted notebook in a kernel and scores each test cell by whether
it raised. Student code in that kernel can patch the grader, read the teacher's files or end the
kernel. Instead, ``GradeInSandbox`` (configured in place of nbgrader's ``Execute`` preprocessor by
the classroom's nbgrader_config.py) does, for every exercise of the notebook:

1. take the chapter's set-up cell, the student's answer cell, and the earlier cells of theirs it uses;
2. read them for functions the exercise forbids (shortcuts.py): a use scores 0 at once;
3. run them in the student's sandbox (sandbox.py: a fresh worker process per exercise, with a copy of
   helpers in which the forbidden functions do not exist, stubbed.py), and let the course's checking
   engine, here in the grader, call the student's function there (remote.py) on the student's own hidden
   inputs (hidden.py) and compare with the teacher's reference (solutions/answers/);
4. for a value the exercise asks to compute, fail a number typed into the source that already is it;
5. write the verdict into the exercise's check cell: a plain output when it passed, an error output
   (which nbgrader scores 0) when it did not — one verdict per exercise, matching the score, in words
   that carry neither the hidden inputs, the expected value, a direction, nor any text the student's
   code chose.

Every verdict is also appended to ``verdicts.jsonl`` in the classroom's ``reports/`` folder (teacher
only), which the class report reads.
"""

import ast
import builtins
import contextlib
import hashlib
import json
import re
import sqlite3
import symtable
import tempfile
import time
from pathlib import Path

import numpy as np
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool, Unicode

from helpers.checks.engine import Checker
from tools.classroom import sandbox
from tools.classroom.hidden import hidden_exercise
from tools.classroom.remote import StudentJail, check_in_sandbox
from tools.classroom.shortcuts import TAMPERING, forbidden_uses
from tools.course_build import teacher_path

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


def locked(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("locked"))


def setup_cells(nb):
    """The chapter's set-up code: its first locked code cell (nbgrader has restored it to the teacher's
    version; a cell the student added above it is theirs, not the set-up)."""
    code = [c for c in nb.cells if c.cell_type == "code" and locked(c)]
    return [source_of(code[0])] if code else []


def student_cell(cell):
    """An answer cell, or a code cell the student added (nbgrader knows nothing of it)."""
    return cell.cell_type == "code" and (grade_id(cell).endswith("_answer") or "nbgrader" not in cell.get("metadata", {}))


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
    """The global names a cell reads: at its top level, or inside its functions (not their parameters or
    local variables)."""
    try:
        table = symtable.symtable(source, "<cell>", "exec")
    except SyntaxError:
        return set()
    used = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    scopes = list(table.get_children())
    while scopes:
        scope = scopes.pop()
        scopes += scope.get_children()
        used |= {s.get_name() for s in scope.get_symbols() if s.is_referenced() and s.is_global()}
    return used


def cells_for(answer, earlier, setup=()):
    """The student's earlier cells this answer needs (it uses a global name one of them defines, and the
    set-up does not), in order: a broken earlier cell (an exit(), a crash, a forbidden call) then costs only
    the exercises that build on it."""
    given = set().union(*(names_defined(cell) for cell in setup)) if setup else set()
    needed, wanted = [], names_used(answer) - names_defined(answer) - given
    for source in reversed(earlier):              # the latest definition of a name is the one that counts
        defined = names_defined(source)
        if defined & wanted:
            needed.insert(0, source)
            wanted = (wanted - defined) | (names_used(source) - defined - given)
    return needed


BUILTIN_ERRORS = {name for name, value in vars(builtins).items()
                  if isinstance(value, type) and issubclass(value, BaseException)}


def what_happened(line):
    """The first line of a failed check, in words that carry nothing the student's code chose (no message,
    no class name of its own) and nothing of the hidden inputs."""
    raised = re.search(r"your function raised (\w+)", line, re.I)
    if raised and raised[1] == "ProcessEnded":
        return ("Your code ended the Python process or stopped answering (exit(), os._exit(), a crash, an "
                "endless loop, or more memory than the grader allows).")
    if raised:
        return f"Your function raised {raised[1] if raised[1] in BUILTIN_ERRORS else 'an exception of its own'}."
    running = re.search(r"your function was still running after ([\d.]+) s", line, re.I)
    if running:
        return f"Your function was still running after {running[1]} s, so it was stopped."
    called = re.match(r"Your function called ([\w.]+) — ", line)          # the engine's own sentences only
    if called:
        return f"Your function called {called[1]} — this exercise asks you to write that yourself."
    tampering = re.match(r"Your answer calls ([\w.]+), ", line)
    if tampering:
        return f"Your answer calls {tampering[1]}, which switches off the grader's watch for forbidden functions."
    return None


def graded_text(result):
    """The verdict a graded student sees: right or wrong, and the named cause — not the hidden input, not the
    expected value (which would let a student home in on a value answer), and no hint pointer."""
    mark = {"passed": "✓", "failed": "✗", "not attempted": "○"}[result.status]
    head = f"{mark} {result.exercise.heading}"
    if result.passed:
        return head + " — right."
    if result.status == "not attempted":
        return head + " — not attempted."
    # a cause may quote an input ("right for every input below 19.8976 in size"): not the hidden ones
    causes = [re.sub(r"\d+\.\d{2,}(e[-+]?\d+)?|\d{4,}", "…", line)
              for line in result.lines if line.startswith("Likely cause:")]
    happened = [what_happened(result.lines[0])] if result.lines and what_happened(result.lines[0]) else []
    named = f" ({result.diagnosis})" if result.diagnosis else ""
    return "\n".join([head + f" — wrong{named}."] + ["  " + line for line in happened + causes])


def seed_for(secret, student):
    """Each student's own hidden inputs: inputs one student's code leaks are not another's."""
    return int(hashlib.sha256(f"{secret}:{student}".encode()).hexdigest()[:15], 16)


SHIFTS = (ast.Add, ast.Sub)                      # a typed-in value disguised by adding or taking away
CONVERSIONS = {"len": len, "float": float, "int": int, "abs": abs}


def folded(node):
    """The number an expression of constants stands for: a literal (a number, or a number in a string),
    or literals shifted by + and − and simple conversions (``3.595 + len('x')``); None for anything else."""
    if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
        if isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node.value, str) and len(node.value) < 40:
            try:
                return float(node.value.replace("_", ""))
            except ValueError:
                return None
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = folded(node.operand)
        return None if value is None else -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, SHIFTS):
        left, right = folded(node.left), folded(node.right)
        return None if left is None or right is None else left + right if isinstance(node.op, ast.Add) else left - right
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CONVERSIONS \
            and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant) \
            and isinstance(node.args[0].value, (int, float, str)) and len(str(node.args[0].value)) < 40:
        try:
            return float(CONVERSIONS[node.func.id](node.args[0].value))
        except (TypeError, ValueError):
            return None
    return None


def numbers_in_text(value):
    """Numbers a string or bytes literal may hold: as text ('4.59', '0x1.26p+2' for float.fromhex), or as the
    raw bytes of float64s (b'\\x..', or hex digits for bytes.fromhex)."""
    found = []
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    for parse in (float, float.fromhex):
        try:
            found.append(parse(text.replace("_", "").strip()))
        except (ValueError, OverflowError):
            pass
    raw = [value] if isinstance(value, bytes) else []
    try:
        raw.append(bytes.fromhex(text))
    except ValueError:
        pass
    for chunk in raw:
        if chunk and len(chunk) % 8 == 0 and len(chunk) <= 8 * 64:
            for order in ("<f8", ">f8"):
                found += [float(v) for v in np.frombuffer(chunk, dtype=order)]
    return found


def typed_in_value(graded, cells):
    """For an exercise that asks to *compute* a value: a number in the answer's source that already is the
    answer, to the precision asked (three or more significant digits, so that a 0.5 or a 2 in a formula never
    counts) — typed, shifted as ``folded`` reads it, or hidden in a string or bytes literal."""
    if not graded.computed or any(graded.cases()[0]):
        return None
    expected = np.ravel(np.asarray(graded.reference(), dtype=float))
    rtol, atol = graded.tolerance(expected)
    for source in cells:
        try:
            nodes = list(ast.walk(ast.parse(source)))
        except SyntaxError:
            continue
        for node in nodes:
            values = [folded(node)] if isinstance(node, ast.expr) else []
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) <= 1200:
                values += numbers_in_text(node.value)
            for value in values:
                if value is None or not np.isfinite(value):
                    continue
                digits = len(f"{abs(value):.12g}".split("e")[0].replace(".", "").strip("0"))
                if digits >= 3 and np.any(np.abs(expected - value) <= atol + max(rtol, 1e-9) * np.abs(expected)):
                    return value
    return None


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


class RepairMetadata(Preprocessor):
    """Runs before nbgrader's own checks: a notebook whose cell metadata nbgrader would reject must not stop
    the batch. A split or copied answer cell (two cells with one grade id) becomes one cell again, its parts
    in order; a copy of any other course cell becomes a cell of the student's own; nbgrader metadata of an
    unknown schema or form, or with a grade id the assignment does not have (a cell pasted from another
    notebook), is dropped (the cell is then the student's, and a check cell lost so scores 0)."""

    enabled = Bool(True)
    SCHEMA = 3

    @staticmethod
    def known_ids(resources):
        """The grade ids of the assignment's source notebook, read from an SQLite gradebook (read-only, outside
        nbgrader's own database session); None if there is none to read."""
        info = resources.get("nbgrader", {})
        url = str(info.get("db_url", ""))
        if not url.startswith("sqlite:///"):
            return None
        query = ("SELECT source_cell.name FROM source_cell JOIN notebook ON source_cell.notebook_id = notebook.id "
                 "JOIN assignment ON notebook.assignment_id = assignment.id "
                 "WHERE notebook.name = ? AND assignment.name = ?")
        try:
            with contextlib.closing(sqlite3.connect(Path(url[len("sqlite:///"):]).resolve().as_uri() + "?mode=ro",
                                                    uri=True)) as db:
                ids = {name for (name,) in db.execute(query, (info.get("notebook"), info.get("assignment")))}
        except sqlite3.Error:
            return None
        return ids or None

    def preprocess(self, nb, resources):
        kept, first = [], {}
        known = self.known_ids(resources)
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is not None and (not isinstance(meta, dict) or meta.get("schema_version") != self.SCHEMA
                                     or not isinstance(meta.get("grade_id", ""), str)
                                     or known is not None and meta.get("grade_id") not in known):
                del cell.metadata["nbgrader"]
                meta = None
            gid = meta.get("grade_id") if meta else None
            if gid and gid in first:
                if gid.endswith("_answer") and cell.cell_type == "code":
                    merged = first[gid]
                    merged.source = source_of(merged).rstrip("\n") + "\n\n" + source_of(cell)
                    continue
                del cell.metadata["nbgrader"]
            elif gid:
                first[gid] = cell
            kept.append(cell)
        nb.cells = kept
        return nb, resources


class GradeInSandbox(Preprocessor):
    """Grades every exercise of a notebook in the sandbox; see the module's docstring."""

    enabled = Bool(True)     # nbconvert's preprocessors are off unless enabled; this one is the grading itself
    reports = Unicode("", help="Folder for verdicts.jsonl (teacher only); empty: no record.").tag(config=True)
    seed_file = Unicode("", help="File holding the secret seed of the hidden inputs (teacher only); "
                                 "empty: the public inputs.").tag(config=True)

    def preprocess(self, nb, resources):
        ok, why = sandbox.available()
        if not ok:                  # say so, rather than grade every exercise 0
            raise RuntimeError(f"cannot autograde in a sandbox here: {why}")
        student = resources.get("nbgrader", {}).get("student", "")
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        setup = setup_cells(nb)
        seed = seed_for(Path(self.seed_file).read_text().strip(), student) if self.seed_file else None
        records = []
        with tempfile.TemporaryDirectory(prefix="grade-") as scratch, StudentJail(scratch) as jails:
            for exercise_id, function, check_index, answer_index in sorted(exercises_in(nb), key=lambda e: e[2]):
                answer = source_of(nb.cells[answer_index]) if answer_index is not None else ""
                before = answer_index if answer_index is not None else check_index
                earlier = [source_of(c) for c in nb.cells[:before] if student_cell(c)]
                own_cells = cells_for(answer, earlier, setup) + [answer]
                started = time.perf_counter()
                try:
                    result = self.grade(exercise_id, function, setup, own_cells, seed, scratch, jails)
                    outputs = verdict_outputs(result)
                except Exception as error:  # noqa: BLE001 — one exercise the grader could not grade, not the notebook
                    self.log.error("exercise %s of %s: the grader failed: %r", exercise_id, student, error)
                    result = None
                    outputs = [new_output("error", ename="Not graded", evalue="the grader could not grade it",
                                          traceback=[f"Exercise {exercise_id}: the grader could not grade this "
                                                     "answer; your teacher will look at it."])]
                nb.cells[check_index].outputs = outputs
                nb.cells[check_index].execution_count = None
                records.append({"student": student, "assignment": assignment, "exercise": exercise_id,
                                "status": result.status if result else "not graded",
                                "cause": result.diagnosis if result else "not graded",
                                "detail": (result.lines[0] if result and not result.passed and result.lines
                                           else "" if result else "the grader could not grade it (see its log)")[:300],
                                "seconds": round(time.perf_counter() - started, 2)})
        if self.reports:
            folder = Path(self.reports)
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "verdicts.jsonl", "a", encoding="utf-8") as file:
                for record in records:
                    file.write(json.dumps(record) + "\n")
        return nb, resources

    def grade(self, exercise_id, function, setup, own_cells, seed, scratch, jails):
        """The CheckResult of one exercise: its hidden inputs, the teacher's reference, the student's code in
        the sandbox; a forbidden function named in the source, or a typed-in value, fails it first."""
        teacher_path()
        from answers import teacher_exercise

        graded = teacher_exercise(exercise_id)
        graded = graded if seed is None else hidden_exercise(graded, seed)
        if function is None:
            return Checker(graded, None).fail(["The check cell was changed, so this exercise could not be graded."],
                                              "check cell changed")
        shortcuts = forbidden_uses(graded.forbidden, setup, own_cells)
        if shortcuts:
            return shortcut_result(graded, shortcuts[0])
        result = check_in_sandbox(graded, setup + own_cells, function, scratch, jail=jails.current())
        typed = typed_in_value(graded, own_cells) if result.passed else None
        if typed is not None:
            return Checker(graded, None).fail(["Your answer has the value typed into its code instead of "
                                               "computing it."], "typed in",
                                              "the exercise asks you to compute the value: write the steps that "
                                              "give it, not the number itself.")
        return result


def configure(c, classroom):
    """Set an nbgrader config ``c`` to autograde with GradeInSandbox, keeping the teacher's files in
    ``classroom``/autograder (the secret seed) and ``classroom``/reports (the verdicts), outside source/."""
    import secrets

    from nbconvert.preprocessors import ClearMetadataPreprocessor
    import nbgrader.preprocessors as nbgrader_steps
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds,
                                        LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

    # IgnorePattern (nbgrader ≥ 0.9.4) drops outputs matching a pattern; older releases lack it
    ignore_pattern = [nbgrader_steps.IgnorePattern] if hasattr(nbgrader_steps, "IgnorePattern") else []

    classroom = Path(classroom)
    seed_file = classroom / "autograder" / "secret_seed"
    if not seed_file.exists():
        seed_file.parent.mkdir(parents=True, exist_ok=True)
        seed_file.write_text(str(secrets.randbits(63)))
        seed_file.chmod(0o600)
    c.Autograde.sanitize_preprocessors = [RepairMetadata, ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                          OverwriteCells, CheckCellMetadata]
    # the folders are baked into a subclass's defaults as well as set in the config: some nbconvert releases
    # build preprocessors without passing them the exporter's config
    configured = type("GradeInSandbox", (GradeInSandbox,), {
        "reports": Unicode(str(classroom / "reports")).tag(config=True),
        "seed_file": Unicode(str(seed_file)).tag(config=True)})
    c.Autograde.autograde_preprocessors = [configured, *ignore_pattern, ClearMetadataPreprocessor, LimitOutput,
                                           SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
    c.GradeInSandbox.reports = str(classroom / "reports")
    c.GradeInSandbox.seed_file = str(seed_file)
