"""After ``nbgrader autograde``: what a teacher should look at, in one file per assignment.

    python -m tools.classroom.teacher_report CLASSROOM ASSIGNMENT

writes, in CLASSROOM/reports/:

- ``ASSIGNMENT-teacher-report.md``: notebooks that could not be graded and why; exercises whose student
  code ended its process or ran out of time; check cells that were deleted or changed; any score above
  its maximum; any verdict that does not match the score in the gradebook (there should be none: each
  line there is worth a look); then, per exercise, the pass rate and the most common mistakes;
- ``ASSIGNMENT-class-mistakes.md`` and ``.png``: the class mistake report (report.py), as a table and a
  bar chart.

It reads the gradebook (read-only), the released and submitted notebooks, and the verdicts that
GradeInSandbox recorded in reports/verdicts.jsonl.
"""

import sys
from pathlib import Path

import nbformat

from tools.classroom.report import class_mistakes, markdown_table, read_verdicts, write_class_report

ENDED = ("ended the Python process", "did not answer in time", "still running after", "garbled the grader",
         "could not grade")


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def check_cells(nb):
    """{grade id: source} of the notebook's graded check cells."""
    return {grade_id(c): c.source for c in nb.cells if grade_id(c).endswith("_check")}


def tampered_cells(released, submitted):
    """[(grade id, "deleted" or "changed")] for check cells the student removed or edited."""
    mine = check_cells(submitted)
    found = []
    for gid, source in check_cells(released).items():
        if gid not in mine:
            found.append((gid, "deleted"))
        elif mine[gid].strip() != source.strip():
            found.append((gid, "changed"))
    return found


PLAIN_EXECUTION = ("nbgrader ran it itself, not the sandboxed grader: the classroom's nbgrader_config.py did not "
                   "load (every exercise scored 0); fix it and autograde again")


def graded_without_sandbox(path):
    """Whether the autograded notebook at ``path`` was graded by nbgrader's plain execution (its check cells
    then raise helpers.checks.NotGradedHere) instead of GradeInSandbox."""
    return any(output.get("ename") == "NotGradedHere" for cell in nbformat.read(path, as_version=4).cells
               for output in cell.get("outputs", []))


def unreadable(path):
    """Why nbformat cannot read ``path`` (a short reason), or "" if it can."""
    try:
        nbformat.read(path, as_version=4)
        return ""
    except Exception as error:  # noqa: BLE001 — any reason a notebook cannot be read is the reason
        return f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"


def gradebook_grades(classroom, assignment):
    """{student: [(grade id, score, max score)]} from the gradebook (read-only), for autograded students."""
    import warnings

    with warnings.catch_warnings():      # older SQLAlchemy releases warn about nbgrader's own models
        warnings.simplefilter("ignore", DeprecationWarning)
        from nbgrader.api import Gradebook, MissingEntry

        grades = {}
        with Gradebook(f"sqlite:///{Path(classroom) / 'gradebook.db'}") as gradebook:
            try:
                submissions = gradebook.assignment_submissions(assignment)
            except MissingEntry:
                return grades
            for submission in submissions:
                grades[submission.student_id] = [(grade.name, grade.score, grade.max_score)
                                                 for notebook in submission.notebooks for grade in notebook.grades]
    return grades


def teacher_findings(classroom, assignment):
    """Everything the report lists, as a dict of lists (empty lists: nothing to look at)."""
    classroom = Path(classroom)
    released = nbformat.read(classroom / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    submitted_dir = classroom / "submitted"
    students = sorted(p.name for p in submitted_dir.iterdir() if (p / assignment).is_dir()) \
        if submitted_dir.is_dir() else []
    verdicts = [v for v in read_verdicts(classroom / "reports" / "verdicts.jsonl") if v["assignment"] == assignment] \
        if (classroom / "reports" / "verdicts.jsonl").exists() else []
    grades = gradebook_grades(classroom, assignment) if (classroom / "gradebook.db").exists() else {}
    found = {"students": students, "not_graded": [], "ended": [], "tampered": [], "above_maximum": [],
             "inconsistent": []}
    for student in students:
        path = submitted_dir / student / assignment / f"{assignment}.ipynb"
        autograded = classroom / "autograded" / student / assignment / f"{assignment}.ipynb"
        graded = autograded.exists()
        reason = unreadable(path) if path.exists() else f"no {assignment}.ipynb in the submission"
        if not reason and graded and graded_without_sandbox(autograded):
            reason = PLAIN_EXECUTION
        if reason or not graded:
            found["not_graded"].append((student, reason or "nbgrader could not autograde it (see its log)"))
        if not reason:
            found["tampered"] += [(student, gid, how) for gid, how in tampered_cells(released, nbformat.read(
                path, as_version=4))]
    for record in verdicts:
        if any(words in record.get("detail", "") for words in ENDED):
            found["ended"].append((record["student"], record["exercise"], record["detail"]))
    status = {(v["student"], f"ex{v['exercise'].replace('.', '_')}_check"): v["status"] for v in verdicts}
    for student, rows in sorted(grades.items()):
        for gid, score, maximum in rows:
            if score is not None and maximum is not None and score > maximum:
                found["above_maximum"].append((student, gid, score, maximum))
            verdict = status.get((student, gid))
            if verdict is not None and score is not None and (verdict == "passed") != (score == maximum):
                found["inconsistent"].append((student, gid, verdict, score, maximum))
    return found


def quoted(text, limit=200):
    """A verdict's first line as one line of plain text (it may quote what a student's code printed or raised,
    which must not become headings or lines of the report)."""
    return " ".join(str(text).split())[:limit].replace("`", "'")


def section(title, rows, empty, line):
    return [f"## {title}", ""] + ([line(*row) for row in rows] if rows else [empty]) + [""]


def write_teacher_report(classroom, assignment):
    """Write the teacher report and the class mistake report; return the report's path."""
    classroom = Path(classroom)
    folder = classroom / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    found = teacher_findings(classroom, assignment)
    verdicts_path = folder / "verdicts.jsonl"
    rows = class_mistakes(read_verdicts(verdicts_path), assignment) if verdicts_path.exists() else []
    mistakes = write_class_report(verdicts_path, assignment, folder) if rows else None
    lines = [f"# {assignment}: teacher report", "",
             f"{len(found['students'])} students handed it in. Each section below lists what needs a look; "
             "'none' means nothing did.", ""]
    lines += section("Notebooks that could not be graded", found["not_graded"], "None.",
                     lambda student, why: f"- **{student}**: {why}")
    lines += section("Exercises whose code ended its process, ran out of time or could not be graded", found["ended"],
                     "None. (These cost only that exercise; the student's other exercises were graded.)",
                     lambda student, ex, detail: f"- **{student}**, exercise {ex}: `{quoted(detail)}`")
    lines += section("Check cells deleted or changed", found["tampered"], "None.",
                     lambda student, gid, how: f"- **{student}**: `{gid}` {how} (the grader ignored it and "
                     "graded the answer itself)")
    lines += section("Scores above the maximum", found["above_maximum"], "None.",
                     lambda student, gid, score, top: f"- **{student}**: `{gid}` {score:g} of {top:g}")
    lines += section("Verdicts that do not match the gradebook", found["inconsistent"], "None.",
                     lambda student, gid, verdict, score, top: f"- **{student}**: `{gid}` verdict '{verdict}' "
                     f"but {score:g} of {top:g} points")
    lines += ["## What the class got right, and its mistakes", ""]
    if rows:
        lines += [markdown_table(rows), "", f"Table and bar chart: [{mistakes.name}]({mistakes.name}).", ""]
    else:
        lines += ["No verdicts recorded yet: run `nbgrader autograde` first.", ""]
    path = folder / f"{assignment}-teacher-report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(args):
    if len(args) != 2:
        print(__doc__.strip().split("\n\n")[1])
        return 2
    path = write_teacher_report(*args)
    print(f"teacher report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
