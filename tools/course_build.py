"""How a student notebook is made from a solution notebook — the pure part, no execution.

solutions/NN_topic.ipynb is the single source. From it we make notebooks/NN_topic.ipynb:

* every region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes the stub
  ``# YOUR CODE HERE`` / ``raise NotImplementedError()`` (indented like the marker) — exactly
  what nbgrader's ``generate_assignment`` does;
* every cell carries nbgrader metadata (solution cells, graded check cells with points,
  locked read-only cells), written into the solution notebook too, so it is a valid
  nbgrader source. Check cells carry no hidden test: graded work is checked outside the
  student's kernel (tools/classroom/autograde.py), so a check cell is the same in the source,
  the release and the submission, and nbgrader's checksums only change where a student edits one;
* the navigation line at the top and bottom of each chapter and the table of contents in
  chapter 00 are written from CHAPTERS, here, in one place;
* both notebooks record a hash of the solution notebook's sources, so the tests can tell
  when one of them is out of date.
"""

import copy
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"

# (number, file stem, title, one-line promise): the course's table of contents.
CHAPTERS = (
    ("00", "00_start_here", "Start here", "how the course works, and the loan-default example"),
    ("01", "01_the_sigmoid", "The sigmoid", "why squash a score into (0, 1), and how to do it without overflow"),
    ("02", "02_the_derivative", "The derivative", "σ′ = σ(1 − σ), its maximum ¼, and gradient checking"),
    ("03", "03_logit_and_log_odds", "Logit and log-odds", "the inverse of σ, evidence, and logistic regression"),
    ("04", "04_cross_entropy_gradient", "Cross-entropy and its gradient", "why ∂L/∂z = σ(z) − y, and training from scratch"),
    ("05", "05_vanishing_gradients", "Vanishing gradients", "why deep sigmoid networks stall, measured"),
    ("06", "06_softmax", "Softmax", "the sigmoid for many classes, computed stably"),
    ("07", "07_sigmoid_in_the_wild", "The sigmoid in the wild", "gates, switches, logic, and bistable circuits"),
)

# Where the course lives on GitHub; Binder builds it from there. README.md uses the same.
REPOSITORY = "sigmoid-course/sigmoid-course"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = ("YOUR ANSWER HERE",)
CHECK_CALL = re.compile(r"""^\s*check\(\s*["'](\d+\.\d+)["']""", re.MULTILINE)
NAVIGATION_TAG, CONTENTS_TAG = "navigation", "contents"


def source_of(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def teacher_path():
    """Make the teacher-only package ``answers`` (solutions/answers/: every exercise's answer) importable.

    It is not part of the installed course; only tools and tests that need the real answers call this.
    """
    import sys
    if str(SOLUTIONS) not in sys.path:
        sys.path.insert(0, str(SOLUTIONS))


def available_chapters():
    """The chapters whose solution notebook exists, in order."""
    return [c for c in CHAPTERS if (SOLUTIONS / f"{c[1]}.ipynb").exists()]


# --- solutions ↔ student notebooks ------------------------------------------------------------

def replace_regions(source, begin, end, stub):
    """Replace each begin…end region (marker lines included) by ``stub`` lines, indented alike.

    Raises ValueError for a begin without an end (or the reverse), naming the line.
    """
    out, inside = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker == begin:
            if inside:
                raise ValueError(f"line {number}: {begin!r} inside another one")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + s for s in stub)
        elif marker == end:
            if not inside:
                raise ValueError(f"line {number}: {end!r} without {begin!r}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{begin!r} without {end!r}")
    return "\n".join(out)


def solution_lines(source):
    """The lines inside solution and hidden-test regions of a cell's source."""
    lines, inside = [], False
    for line in source.split("\n"):
        marker = line.strip()
        if marker in (BEGIN_SOLUTION, BEGIN_HIDDEN):
            inside = True
        elif marker in (END_SOLUTION, END_HIDDEN):
            inside = False
        elif inside:
            lines.append(line)
    return lines


def is_solution_cell(cell):
    return any(line.strip() == BEGIN_SOLUTION for line in source_of(cell).split("\n"))


def student_cell(cell):
    """The student version of one (annotated) solution cell, without outputs."""
    cell = copy.deepcopy(cell)
    source = source_of(cell)
    stub = CODE_STUB if cell["cell_type"] == "code" else MARKDOWN_STUB
    source = replace_regions(source, BEGIN_SOLUTION, END_SOLUTION, stub)
    source = replace_regions(source, BEGIN_HIDDEN, END_HIDDEN, ())
    cell["source"] = source
    if cell["cell_type"] == "code":
        cell["outputs"], cell["execution_count"] = [], None
    return cell


def sources_hash(nb):
    """A hash of what the author wrote: cell types, sources and tags (not outputs, not ids)."""
    content = [(c["cell_type"], source_of(c), sorted(c.get("metadata", {}).get("tags", [])))
               for c in nb["cells"]]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def student_notebook(solution_nb, solution_name):
    """The student notebook made from an annotated solution notebook (sources only)."""
    nb = copy.deepcopy(solution_nb)
    nb["cells"] = [student_cell(c) for c in nb["cells"]]
    nb["metadata"]["course"] = {"generated_from": f"solutions/{solution_name}",
                                "solution_sources_sha256": sources_hash(solution_nb)}
    return nb


# --- nbgrader metadata --------------------------------------------------------------------------

def nbgrader_metadata(grade_id, solution=False, grade=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution,
            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def exercise_cells(nb):
    """[(exercise id, solution cell index, check cell index)] in order.

    An exercise is a solution cell followed (as the next code cell) by a cell that calls
    ``check("N.k", …)``. Other check() calls — demonstrations of what a check says — are
    ordinary cells. Raises ValueError for a solution cell with no check right after it.
    """
    cells = nb["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    found = []
    for position, i in enumerate(code):
        if not is_solution_cell(cells[i]):
            continue
        after = code[position + 1] if position + 1 < len(code) else None
        match = CHECK_CALL.search(source_of(cells[after])) if after is not None else None
        if not match:
            raise ValueError(f"cell {i}: a solution cell must be followed by a cell calling check(\"N.k\", …)")
        found.append((match.group(1), i, after))
    return found


def annotate(nb, chapter, points_for):
    """Give every cell its nbgrader metadata, in place (and drop any hidden test a check cell still has).

    Solution cells are named after their exercise (``ex1_4_answer``), check cells
    ``ex1_4_check`` with ``points_for("1.4")`` points, and every other cell is locked and
    read-only (``ch01_cell_07``, numbered by position).
    """
    roles = {}
    for exercise_id, answer, check in exercise_cells(nb):
        nb["cells"][check]["source"] = replace_regions(source_of(nb["cells"][check]), BEGIN_HIDDEN, END_HIDDEN,
                                                       ()).rstrip()
        name = exercise_id.replace(".", "_")
        roles[answer] = nbgrader_metadata(f"ex{name}_answer", solution=True)
        roles[check] = nbgrader_metadata(f"ex{name}_check", grade=True, points=points_for(exercise_id))
    used = set()
    for i, cell in enumerate(nb["cells"]):
        meta = roles.get(i) or nbgrader_metadata(f"ch{chapter}_cell_{i:02d}")
        if meta["grade_id"] in used:
            raise ValueError(f"chapter {chapter}: two exercises {meta['grade_id']!r}")
        used.add(meta["grade_id"])
        cell.setdefault("metadata", {})["nbgrader"] = meta
    return nb


# --- navigation and contents, written from CHAPTERS ------------------------------------------

def chapter_link(chapter, arrow_before="", arrow_after=""):
    number, stem, title, _ = chapter
    label = f"{arrow_before}{number} · {title}{arrow_after}"
    if (SOLUTIONS / f"{stem}.ipynb").exists():
        return f"[{label}]({stem}.ipynb)"
    return f"{label} (coming soon)"


def binder_url(path):
    """A Binder link that opens JupyterLab on ``path`` (relative to the repository's root)."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/HEAD?urlpath=lab/tree/{path}"


def navigation_markdown(number, launch_badge=False):
    """'← 00 · Start here · Contents · 02 · The derivative →' for chapter ``number``.

    With ``launch_badge`` (the chapter's first cell) it starts with a Binder badge that opens
    the learner's version of this chapter.
    """
    index = [c[0] for c in CHAPTERS].index(number)
    parts = []
    if index > 0:
        parts.append(chapter_link(CHAPTERS[index - 1], arrow_before="← "))
    parts.append("[Contents](00_start_here.ipynb#Contents)")
    if index + 1 < len(CHAPTERS):
        parts.append(chapter_link(CHAPTERS[index + 1], arrow_after=" →"))
    line = " · ".join(parts)
    if launch_badge:
        url = binder_url(f"notebooks/{CHAPTERS[index][1]}.ipynb")
        line = f"[![Launch this chapter on Binder]({BINDER_BADGE})]({url}) &nbsp; " + line
    return line


def contents_markdown():
    """The table of contents for chapter 00, one row per chapter."""
    rows = ["## Contents", "", "| | Chapter | What you will learn |", "|---|---|---|"]
    for chapter in CHAPTERS:
        number, stem, title, promise = chapter
        link = f"[{title}]({stem}.ipynb)" if (SOLUTIONS / f"{stem}.ipynb").exists() else f"{title} (coming soon)"
        rows.append(f"| {number} | {link} | {promise} |")
    return "\n".join(rows)


def write_generated_cells(nb, number, stars_for=None, quiz_length=None):
    """Rewrite what the build owns, in place: the cells tagged 'navigation' and 'contents' (from
    CHAPTERS), the estimated times and deep-dive headings (tools/pacing.py, when ``stars_for`` and
    ``quiz_length`` are given), and which drawing cells start collapsed.

    The first navigation cell (the top of the chapter) also gets the Binder launch badge.
    """
    from tools import pacing                             # here: pacing needs exercise_cells from this module

    pacing.collapse_extra_code(nb)
    if stars_for is not None:
        pacing.write_times(nb, stars_for, quiz_length)
    first = True
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if NAVIGATION_TAG in tags:
            cell["source"] = navigation_markdown(number, launch_badge=first)
            first = False
        elif CONTENTS_TAG in tags:
            cell["source"] = contents_markdown()
    return nb


# --- is everything in sync? (used by tests/test_notebooks_in_sync.py) ---------------------------

def _comparable(cell):
    """What must agree between a stored cell and a regenerated one: type, source, metadata."""
    return cell["cell_type"], source_of(cell), cell.get("metadata", {})


def sync_problems(solution_nb, student_nb, name, points_for, quiz_length=None):
    """Why ``notebooks/name`` or ``solutions/name`` is out of date, as a list of sentences."""
    problems = []
    stamp = solution_nb["metadata"].get("course", {}).get("executed_sources_sha256")
    if stamp != sources_hash(solution_nb):
        problems.append(f"solutions/{name} was edited after it was last executed: run `make notebooks`.")
    number = name[:2]
    expected = write_generated_cells(annotate(copy.deepcopy(solution_nb), number, points_for), number,
                                     points_for if quiz_length else None, quiz_length)
    for i, (stored, wanted) in enumerate(zip(solution_nb["cells"], expected["cells"])):
        if _comparable(stored) != _comparable(wanted):
            problems.append(f"solutions/{name}, cell {i}: navigation or nbgrader metadata is out of "
                            "date: run `make notebooks`.")
            break
    if student_nb is None:
        return problems + [f"notebooks/{name} is missing: run `make notebooks`."]
    if student_nb["metadata"].get("course", {}).get("solution_sources_sha256") != sources_hash(solution_nb):
        problems.append(f"notebooks/{name} was made from an older solutions/{name}: run `make notebooks`.")
    regenerated = student_notebook(solution_nb, name)["cells"]
    if len(regenerated) != len(student_nb["cells"]):
        problems.append(f"notebooks/{name} has {len(student_nb['cells'])} cells; solutions/{name} "
                        f"gives {len(regenerated)}: run `make notebooks`.")
    else:
        for i, (stored, wanted) in enumerate(zip(student_nb["cells"], regenerated)):
            if _comparable(stored) != _comparable(wanted):
                problems.append(f"notebooks/{name}, cell {i} differs from what solutions/{name} gives: "
                                "edit solutions/, then run `make notebooks`.")
                break
    return problems


def output_text(cell):
    """All the text a cell's outputs show (streams, text/plain, text/html, errors)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(source_of({"source": out.get("text", "")}))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
        else:
            for mime in ("text/plain", "text/html", "text/markdown"):
                text = source_of({"source": out.get("data", {}).get(mime, "")})
                parts.append(re.sub(r"data:image/\w+;base64,[A-Za-z0-9+/=]+", "data:…", text))
    return "\n".join(parts)


def leaked_lines(solution_nb, student_nb, min_length=8):
    """Solution or hidden-test lines that appear in the student notebook (sources or outputs).

    Lines that the solution notebook also shows outside its solution regions (in prose or
    other code) are not secrets and are skipped, as are lines shorter than ``min_length``
    (``else:``, ``return s``), which say nothing on their own.
    """
    public, secret = set(), set()
    for cell in solution_nb["cells"]:
        source = source_of(cell)
        hidden = {line.strip() for line in solution_lines(source)}
        secret |= {line for line in hidden if len(line) >= min_length}
        public |= {line.strip() for line in source.split("\n")} - hidden
    secret -= public
    leaks = []
    for i, cell in enumerate(student_nb["cells"]):
        lines = {line.strip() for line in source_of(cell).split("\n")}
        shown = output_text(cell)
        leaks += [(i, line) for line in sorted(secret) if line in lines or line in shown]
    return leaks
