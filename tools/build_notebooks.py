"""make notebooks: regenerate notebooks/ from solutions/ and execute both.

    python tools/build_notebooks.py            every chapter
    python tools/build_notebooks.py 01 02      only these chapters

For each solutions/NN_*.ipynb: write its navigation (and contents) cells and nbgrader metadata,
execute it top to bottom in a fresh kernel, store it; then make the student notebook
(tools/course_build.py says how), execute that too, and store it in notebooks/.
Outputs are stored so that the notebooks read well on GitHub and so that nbval can compare.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.checks import exercise  # noqa: E402  (needs the path above)
from tools.course_build import (  # noqa: E402
    CHAPTERS, NOTEBOOKS, SOLUTIONS, annotate, sources_hash, student_notebook, write_generated_cells,
)


def points_for(exercise_id):
    """An exercise is worth as many points as it has stars."""
    return exercise(exercise_id).stars


def execute(nb, folder):
    """Run every cell in a fresh kernel, in ``folder``; fail loudly on any error."""
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def write(nb, path):
    nbformat.validate(nb)
    with open(path, "w", encoding="utf-8") as file:
        nbformat.write(nb, file)


def build(number, stem):
    solution_path = SOLUTIONS / f"{stem}.ipynb"
    nb = nbformat.read(solution_path, as_version=4)
    write_generated_cells(nb, number)
    annotate(nb, number, points_for)
    nb["metadata"]["course"] = {"executed_sources_sha256": sources_hash(nb)}

    started = time.perf_counter()
    execute(nb, SOLUTIONS)
    write(nb, solution_path)
    student = student_notebook(nb, solution_path.name)
    execute(student, NOTEBOOKS)
    write(student, NOTEBOOKS / solution_path.name)
    print(f"{number}: solutions/ and notebooks/{solution_path.name} built in "
          f"{time.perf_counter() - started:.1f} s")


def main(args):
    wanted = set(args)
    chapters = [c for c in CHAPTERS if (SOLUTIONS / f"{c[1]}.ipynb").exists()]
    unknown = wanted - {c[0] for c in chapters}
    if unknown:
        sys.exit(f"no solution notebook for chapter(s) {', '.join(sorted(unknown))}")
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
