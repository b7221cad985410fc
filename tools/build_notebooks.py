"""make notebooks: regenerate notebooks/ from solutions/ and execute both.

    python tools/build_notebooks.py            every chapter
    python tools/build_notebooks.py 01 02      only these chapters

First record what every exercise's answer gives on its check's inputs (tools/record_answers.py:
helpers/checks/recorded/, which the installed checks look up). Then, for each solutions/NN_*.ipynb:
write its navigation (and contents) cells and nbgrader metadata,
execute it top to bottom in a fresh kernel, store it; then make the student notebook
(tools/course_build.py says how), execute that too, and store it in notebooks/.
Outputs are stored so that the notebooks read well on GitHub and so that nbval can compare.
"""

import importlib
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.checks import exercise  # noqa: E402  (needs the path above)
from tools.course_build import (  # noqa: E402
    CHAPTERS, NOTEBOOKS, ROOT, SOLUTIONS, annotate, sources_hash, student_notebook, write_generated_cells,
)
from tools.record_answers import record  # noqa: E402


def points_for(exercise_id):
    """An exercise is worth as many points as it has stars."""
    return exercise(exercise_id).stars


def quiz_length(chapter):
    """How many questions chapter ``chapter``'s quiz has."""
    return len(importlib.import_module(f"helpers.checks.ch{chapter}").QUIZ)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(nb, folder):
    """Run every cell in a fresh kernel, in ``folder``; fail loudly on any error."""
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            store_widget_state=False, resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def drop_widget_views(nb, name):
    """Remove stored widget views: a widget lives only in a running kernel.

    Stored, it would show an error box ("model not found") in a JupyterLab with no kernel and
    nothing at all on GitHub; the static figure before each widget is what readers see. A
    cell that shows a widget must be tagged nbval-ignore-output, since its output depends on
    the front end.
    """
    for i, cell in enumerate(nb.cells):
        outputs = cell.get("outputs", [])
        if any(WIDGET_VIEW in out.get("data", {}) for out in outputs):
            if "nbval-ignore-output" not in cell.metadata.get("tags", []):
                sys.exit(f"{name}, cell {i}: shows a widget, so it must be tagged nbval-ignore-output")
            cell.outputs = [out for out in outputs if WIDGET_VIEW not in out.get("data", {})]
    nb.metadata.pop("widgets", None)
    return nb


def merge_streams(nb):
    """Join consecutive outputs of one stream (stdout or stderr) into one: how a cell's prints are cut into
    messages depends on timing, and the stored notebook should not."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1]["name"] == out["name"]):
                merged[-1]["text"] = merged[-1]["text"] + out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged
    return nb


def write(nb, path):
    nbformat.validate(nb)
    with open(path, "w", encoding="utf-8") as file:
        nbformat.write(nb, file)


def build(number, stem):
    solution_path = SOLUTIONS / f"{stem}.ipynb"
    nb = nbformat.read(solution_path, as_version=4)
    annotate(nb, number, points_for)
    write_generated_cells(nb, number, points_for, quiz_length)
    nb["metadata"]["course"] = {"executed_sources_sha256": sources_hash(nb)}

    started = time.perf_counter()
    execute(nb, SOLUTIONS)
    write(merge_streams(drop_widget_views(nb, f"solutions/{solution_path.name}")), solution_path)
    student = student_notebook(nb, solution_path.name)
    execute(student, NOTEBOOKS)
    write(merge_streams(drop_widget_views(student, f"notebooks/{solution_path.name}")), NOTEBOOKS / solution_path.name)
    print(f"{number}: solutions/ and notebooks/{solution_path.name} built in "
          f"{time.perf_counter() - started:.1f} s")


def main(args):
    wanted = set(args)
    chapters = [c for c in CHAPTERS if (SOLUTIONS / f"{c[1]}.ipynb").exists()]
    unknown = wanted - {c[0] for c in chapters}
    if unknown:
        sys.exit(f"no solution notebook for chapter(s) {', '.join(sorted(unknown))}")
    # first what the answers give on the checks' inputs: the notebooks' check cells look them up
    for path in record([c[0] for c in chapters if not wanted or c[0] in wanted]):
        print(f"recorded {path.relative_to(ROOT)}")
    NOTEBOOKS.mkdir(exist_ok=True)
    for number, stem, _, _ in chapters:
        if not wanted or number in wanted:
            build(number, stem)
    expected = {f"{c[1]}.ipynb" for c in chapters}
    for stray in sorted(p for p in NOTEBOOKS.glob("*.ipynb") if p.name not in expected):
        stray.unlink()
        print(f"removed notebooks/{stray.name}: it has no solution notebook")


if __name__ == "__main__":
    main(sys.argv[1:])
