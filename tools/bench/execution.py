"""Table 2, course execution: each notebook executed headless (nbclient, a fresh kernel, as
tools/build_notebooks.py does), against a floor notebook holding only the course's set-up cell.
Table 3 (tools/bench/widgets.py) runs its notebooks with the same tools."""

import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass

from tools.bench.report import ROOT, TITLES, Table, progress, seconds, verdict


# The floor: what every chapter starts with (its set-up cell), so that a chapter's time minus the
# floor's is the time of its own content.
FLOOR_SOURCE = """\
import numpy as np
import matplotlib.pyplot as plt

from helpers import sigmoid
from helpers import plots, widgets, data
from helpers.checks import check, hint, quiz

plots.use_course_style()"""

# Quick mode runs this instead of the chapters (seconds, and independent of chapters being
# written): the floor plus one explorer, so that every code path of tables 2 and 3 still runs.
SMOKE_EXPLORER = "widgets.sigmoid_explorer()"

RESULT_MARKER = "BENCHMARK-RESULT:"


@dataclass
class NotebookEntry:
    name: str          # how the tables name it
    nb: object         # the notebook (nbformat.NotebookNode)
    is_chapter: bool   # counts for the target and for the whole course


def chapter_notebooks(chapters, folders=("solutions", "notebooks")):
    """The chapter notebooks that exist now, solutions/ first; only ``chapters`` if given."""
    paths = []
    for folder in folders:
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            if chapters is None or path.name[:2] in chapters:
                paths.append(path)
    return paths


def new_notebook(*sources):
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def read_notebook(path):
    import nbformat
    return nbformat.read(path, as_version=4)


def notebooks_to_run(sizes, chapters, folders):
    """The smoke notebook in quick mode, then the chapters' notebooks (named by their path)."""
    entries = []
    if sizes.quick:
        entries.append(NotebookEntry(f"smoke notebook (quick mode): the floor + `{SMOKE_EXPLORER}`",
                                     new_notebook(FLOOR_SOURCE, SMOKE_EXPLORER), is_chapter=False))
    entries += [NotebookEntry(str(path.relative_to(ROOT)), read_notebook(path), is_chapter=True)
                for path in chapter_notebooks(chapters, folders)]
    return entries


def kernel_environment():
    """The environment of each kernel: helpers importable from this repository, whatever the cwd."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def execute_copy(nb, timeout=600):
    """Execute a copy of ``nb`` in a fresh kernel in a temporary folder, as build_notebooks does.

    Returns (seconds from starting the kernel to shutting it down, the executed copy).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a deep copy: the caller's stays as it was
    with tempfile.TemporaryDirectory(prefix="benchmark-nb-") as folder:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                store_widget_state=False, resources={"metadata": {"path": folder}})
        started = time.perf_counter()
        # the kernel's stderr only says that it listens on TCP unencrypted; errors in cells are
        # reported by nbclient, and a dead kernel raises DeadKernelError
        client.execute(env=kernel_environment(), stderr=subprocess.DEVNULL)
        return time.perf_counter() - started, nb


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def failure(error):
    """A failed run, in one line: the error's type and its message's last line (no colours)."""
    text = ANSI_ESCAPE.sub("", str(error)).strip().splitlines()
    last = next((line for line in reversed(text) if line.strip()), type(error).__name__)
    return f"failed: {type(error).__name__}: {last[:160]}"


def execution_table(sizes, chapters):
    entries = [NotebookEntry("kernel only (a notebook with no cells)", new_notebook(), is_chapter=False),
               NotebookEntry("**floor** (the set-up cell above)", new_notebook(FLOOR_SOURCE), is_chapter=False)]
    entries += notebooks_to_run(sizes, chapters, folders=("solutions", "notebooks"))
    times = {entry.name: [] for entry in entries}
    failed = {}
    for repeat in range(sizes.execution_repeats):
        for entry in entries:
            if entry.name in failed:
                continue
            progress(f"execution {repeat + 1}/{sizes.execution_repeats}: {entry.name}")
            try:
                times[entry.name].append(execute_copy(entry.nb)[0])
            except Exception as error:  # noqa: BLE001  (a chapter being written may fail: report it)
                failed[entry.name] = failure(error)
    median = {name: statistics.median(t) for name, t in times.items() if t and name not in failed}
    floor_time = median.get(entries[1].name)
    table = Table(
        TITLES["execution"],
        intro=f"""
Each notebook of solutions/ and notebooks/ executed headless from top to bottom, as
`tools/build_notebooks.py` does (nbclient, a fresh `python3` kernel), on a copy in a temporary folder.
The time runs from starting the kernel to shutting it down; it is the median of
{sizes.execution_repeats} run(s), the notebooks taken in turn. The **floor** is a notebook holding
only the course's set-up cell (kernel start + the course's imports):

```python
{FLOOR_SOURCE}
```
""",
        header=["notebook", "time", "above the floor", "target: ≤ 3 s above the floor (issue 7)"])
    chapter_times = []
    for entry in entries:
        if entry.name in failed:
            table.rows.append([entry.name, failed[entry.name], "—", "—"])
            continue
        t = median[entry.name]
        above = None if floor_time is None or entry is entries[1] or entry is entries[0] else t - floor_time
        target = "—"
        if entry.is_chapter:
            chapter_times.append(t)
            if above is not None:
                target = verdict(above, 3.0, f"{above:.2f} s above")
        table.rows.append([entry.name, seconds(t), "—" if above is None else f"{above:+.2f} s", target])
    table.rows.append([f"**whole course** ({len(chapter_times)} notebooks, one after the other)",
                       seconds(sum(chapter_times)) if chapter_times else "—", "—", "—"])
    return table
