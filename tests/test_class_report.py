"""The class mistake report (tools/classroom/report.py): pass rates and the most common named causes."""

import json
import os

import numpy as np
import pytest

from tools.classroom.report import class_mistakes, read_verdicts, write_class_report

CAUSES = ["sign error", "overflow", "forbidden call", "rounded too early"]


def class_of_30(path, seed=0):
    rng = np.random.default_rng(seed)
    records = []
    for student in range(30):
        for exercise in ("1.1", "1.2", "1.10"):
            draw = rng.uniform()
            status = "passed" if draw < 0.6 else "not attempted" if draw < 0.7 else "failed"
            cause = CAUSES[rng.integers(len(CAUSES))] if status == "failed" else ""
            records.append({"student": f"s{student:02d}", "assignment": "01_the_sigmoid", "exercise": exercise,
                            "status": status, "cause": cause, "seconds": 1.0})
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return records


def test_pass_rates_and_causes_are_counted(tmp_path):
    records = class_of_30(tmp_path / "verdicts.jsonl")
    rows = class_mistakes(read_verdicts(tmp_path / "verdicts.jsonl"), "01_the_sigmoid")
    assert [row["exercise"] for row in rows] == ["1.1", "1.2", "1.10"]          # numeric order
    for row in rows:
        mine = [r for r in records if r["exercise"] == row["exercise"]]
        assert row["students"] == 30 and row["passed"] == sum(r["status"] == "passed" for r in mine)
        counted = {}
        for r in mine:
            if r["status"] == "failed":
                counted[r["cause"]] = counted.get(r["cause"], 0) + 1
        assert row["causes"][0][1] == max(counted.values())


def test_a_regraded_student_counts_once(tmp_path):
    path = tmp_path / "verdicts.jsonl"
    first = {"student": "a", "assignment": "x", "exercise": "1.1", "status": "failed", "cause": "sign error"}
    path.write_text(json.dumps(first) + "\n" + json.dumps(dict(first, status="passed", cause="")) + "\n")
    (row,) = class_mistakes(read_verdicts(path), "x")
    assert (row["students"], row["passed"], row["causes"]) == (1, 1, [])


def test_the_report_is_a_table_and_a_picture(tmp_path):
    class_of_30(tmp_path / "verdicts.jsonl")
    report = write_class_report(tmp_path / "verdicts.jsonl", "01_the_sigmoid", tmp_path / "reports")
    text = report.read_text()
    assert "| 1.10 |" in text and "of 30" in text and "01_the_sigmoid-class-mistakes.png" in text
    assert (tmp_path / "reports" / "01_the_sigmoid-class-mistakes.png").read_bytes()[:4] == b"\x89PNG"


def test_a_class_of_30_handed_in_through_nbgrader_gets_its_reports_fast(tmp_path):
    """The seeded class of tools/classroom/demo_class.py, autograded by the real nbgrader: the reports are
    written, the one README shows (docs/classroom/) is up to date, and each student costs ≤ 10 s."""
    from tools.classroom import sandbox
    from tools.classroom.demo_class import ASSIGNMENT, DOCS, run_demo_class

    ok, why = sandbox.available()
    if not ok and not os.environ.get("REQUIRE_SANDBOX"):
        pytest.skip(f"no sandbox here: {why}")
    report, per_student = run_demo_class(tmp_path / "class")
    assert per_student <= 10, f"{per_student:.1f} s per student"
    made = report.parent / f"{ASSIGNMENT}-class-mistakes.md"
    assert made.read_text() == (DOCS / made.name).read_text(), \
        "docs/classroom/ is stale: python -m tools.classroom.demo_class /tmp/class --docs"
    assert (report.parent / f"{ASSIGNMENT}-class-mistakes.png").stat().st_size > 10_000
    text = report.read_text()
    assert "30 students handed it in" in text and text.count("None.") == 5
