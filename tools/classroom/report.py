"""After autograding: what the class got right and wrong, for the teacher to re-teach.

``class_mistakes(verdicts)`` turns the verdicts GradeInSandbox recorded (one per student and exercise,
``reports/verdicts.jsonl``) into, for each exercise, the pass rate and the most common named causes of
failure; ``write_class_report`` writes them as a Markdown table and a bar chart (PNG) per assignment.
"""

import json
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend: no display needed)

TOP_CAUSES = 3


def read_verdicts(path):
    """The records of verdicts.jsonl; the latest autograde of each (student, assignment, exercise) wins."""
    latest = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            latest[(record["student"], record["assignment"], record["exercise"])] = record
    return list(latest.values())


def exercise_key(exercise_id):
    return tuple(int(part) for part in exercise_id.split("."))


def class_mistakes(verdicts, assignment):
    """[{exercise, students, passed, not_attempted, causes: [(cause, count)]}] for one assignment, in order."""
    by_exercise = defaultdict(list)
    for record in verdicts:
        if record["assignment"] == assignment:
            by_exercise[record["exercise"]].append(record)
    rows = []
    for exercise_id in sorted(by_exercise, key=exercise_key):
        records = by_exercise[exercise_id]
        failed = [r for r in records if r["status"] == "failed"]
        rows.append({"exercise": exercise_id, "students": len(records),
                     "passed": sum(r["status"] == "passed" for r in records),
                     "not_attempted": sum(r["status"] == "not attempted" for r in records),
                     "causes": Counter(r["cause"] or "wrong values (no named cause)" for r in failed)
                     .most_common(TOP_CAUSES)})
    return rows


def markdown_table(rows):
    lines = ["| exercise | passed | not attempted | most common mistakes (students) |", "|---|---|---|---|"]
    for row in rows:
        rate = f"{row['passed']} of {row['students']} ({100 * row['passed'] / row['students']:.0f} %)"
        causes = "; ".join(f"{cause} ({count})" for cause, count in row["causes"]) or "—"
        lines.append(f"| {row['exercise']} | {rate} | {row['not_attempted']} | {causes} |")
    return "\n".join(lines)


def bar_chart(rows, assignment, path):
    """One bar per exercise: passed, failed (split by the most common cause) and not attempted."""
    import textwrap

    fig, ax = plt.subplots(figsize=(max(8, 1.6 * len(rows) + 3), 4.5), constrained_layout=True)
    names = [row["exercise"] + ("\n" + textwrap.fill(row["causes"][0][0], 14) if row["causes"] else "")
             for row in rows]
    passed = [row["passed"] for row in rows]
    top = [row["causes"][0][1] if row["causes"] else 0 for row in rows]
    failed = [row["students"] - row["passed"] - row["not_attempted"] for row in rows]
    other = [f - t for f, t in zip(failed, top)]
    missing = [row["not_attempted"] for row in rows]
    ax.bar(names, passed, color="#009E73", label="passed")
    ax.bar(names, top, bottom=passed, color="#D55E00", hatch="//", label="failed: the most common mistake")
    bottoms = [p + t for p, t in zip(passed, top)]
    ax.bar(names, other, bottom=bottoms, color="#E69F00", hatch="..", label="failed: other mistakes")
    ax.bar(names, missing, bottom=[b + o for b, o in zip(bottoms, other)], color="#BBBBBB", label="not attempted")
    ax.set(xlabel="exercise (and its most common mistake)", ylabel="students")
    fig.suptitle(f"{assignment}: what the class got right, and its mistakes")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_class_report(verdicts_path, assignment, folder):
    """Write ``folder/<assignment>-class-mistakes.md`` and ``.png``; return the Markdown path."""
    rows = class_mistakes(read_verdicts(verdicts_path), assignment)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    picture = folder / f"{assignment}-class-mistakes.png"
    bar_chart(rows, assignment, picture)
    text = (f"# {assignment}: class mistake report\n\nFor each exercise: how many students passed it, and the "
            f"named causes of the wrong answers, most common first (from the autograder's checks).\n\n"
            f"{markdown_table(rows)}\n\n![Bar chart: per exercise, students who passed, failed (most common "
            f"mistake, other mistakes) and did not attempt it]({picture.name})\n")
    path = folder / f"{assignment}-class-mistakes.md"
    path.write_text(text, encoding="utf-8")
    return path
