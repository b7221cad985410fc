"""The benchmark tool's quick mode (`python -m tools.bench --quick`), run in-process so that
the tool never rots between the full runs that write BENCHMARKS.md.

It checks the report's structure, not its figures (those vary from run to run and from machine to
machine): the header, the five tables with their rows, a verdict for every target, and no date.
"""

import os
import re
import resource
import time

from tools.bench import report
from tools.bench.__main__ import main

FUNCTIONS = ("sigmoid", "log_sigmoid", "sigmoid_derivative", "logit", "bce_with_logits",
             "softmax", "log_softmax", "logsumexp")


def cpu_seconds():
    """CPU time of this process and of its finished children (the kernels nbclient started)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def sections(text):
    """{title: body} for each '## title' section of the report."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def table_rows(body):
    """The rows of the first markdown table in ``body`` (header and separator left out), as cells."""
    lines = [line for line in body.splitlines() if line.startswith("|")]
    assert len(lines) >= 3, f"no table with a row in:\n{body}"
    assert set(lines[1].replace("|", "")) == {"-"}, lines[1]
    return [[cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            for line in lines[2:]]


def test_markdown_table_escapes_pipes():
    assert report.markdown_table(["a", "b"], [["|z|", "1"]]) == "| a | b |\n|---|---|\n| \\|z\\| | 1 |"


def test_quick_mode_writes_all_five_tables_in_well_under_30_s(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    repository_report = report.ROOT / "BENCHMARKS.md"
    before = repository_report.stat().st_mtime_ns if repository_report.exists() else None
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), cpu_seconds()

    main(["--quick", "--output", str(output)])

    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    text = output.read_text(encoding="utf-8")
    found = sections(text)
    assert list(found) == ["Machine and versions"] + list(report.TITLES.values())
    assert (repository_report.stat().st_mtime_ns if repository_report.exists() else None) == before

    machine = dict(row[:2] for row in table_rows(found["Machine and versions"]))
    for key in ("CPU", "cores", "RAM", "Python", "numpy", "scipy", "mpmath", "nbclient"):
        assert machine.get(key) and machine[key] != "not installed", key
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b|\d\d:\d\d:\d\d", text), "the report must be date-free"

    numerics = table_rows(found[report.TITLES["numerics"]])
    named = [row[0] for row in numerics if row[0]]
    assert all(any(name == f or name.startswith(f + " (") for name in named) for f in FUNCTIONS), named
    assert [row[1] for row in numerics] == ["helpers", "naive NumPy", "scipy.special"] * len(named)
    for row in numerics:
        if row[1] == "helpers":
            assert not row[3].startswith("∞") and row[6] == "none", row  # helpers: finite errors, no warnings
            assert all(v.endswith(": met") or ": missed (" in v for v in row[9].split(" · ")), row[9]
        assert row[8].endswith("×") and re.search(r"\d (ms|s)$", row[7]), row

    execution = table_rows(found[report.TITLES["execution"]])
    assert execution[0][0].startswith("kernel only") and execution[1][0].startswith("**floor**")
    assert "smoke notebook" in execution[2][0] and execution[2][2].endswith(" s"), execution
    assert execution[-1][0].startswith("**whole course**")
    assert all(re.search(r"\d (ms|s)$", row[1]) for row in execution[:3]), execution

    widgets = table_rows(found[report.TITLES["widgets"]])
    assert [row[1] for row in widgets] == ["`sigmoid_scene`"], widgets
    assert re.search(r"\d (ms|s)$", widgets[0][4]) and widgets[0][7].startswith(("met", "missed")), widgets

    assert table_rows(found[report.TITLES["browser"]])[0][1] == "skipped in quick mode"
    setup = table_rows(found[report.TITLES["setup"]])
    assert setup[0][1] == "skipped in quick mode"

    # Well under 30 s. Wall-clock time says so only on a machine that is not overloaded; the
    # CPU time (this process and the kernels) says so everywhere.
    assert cpu < 30, f"the quick mode took {cpu:.1f} s of CPU time"
    if load <= (os.cpu_count() or 1):
        assert wall < 30, f"the quick mode took {wall:.1f} s"
