"""Table 4, explorers in the browser: from a key on a slider to the new picture painted, in JupyterLab."""

import re
import statistics
import tempfile
from pathlib import Path

import numpy as np

from tools.bench.execution import chapter_notebooks, failure, read_notebook
from tools.bench.report import TITLES, Table, progress, seconds, verdict

TARGETS = "key to picture: median ≤ 120 ms; drag: settles ≤ 250 ms, final value shown (issue 13)"
EXPLORER_CALL = re.compile(r"(?:widgets\.)?explore\(\s*(\w+)|(sigmoid_explorer)\(\)")


def explorers_in(nb):
    """The draw function of each explorer a notebook shows, in order (as the page shows them)."""
    names = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            names += ["sigmoid_scene" if call[1] else call[0] for call in EXPLORER_CALL.findall(cell.source)]
    return names


def browser_rows(name, draws, run):
    rows = []
    for number, result in enumerate(run.explorers):
        draw = f"`{draws[number]}`" if number < len(draws) else f"explorer {number + 1}"
        times, drag = result["key_to_paint"], result["drag"]
        if not times or drag is None:
            rows.append([name, draw, "—", "—", "—", "—", "—", "—", "not measured: " + "; ".join(run.problems)])
            continue
        median, p95 = statistics.median(times), float(np.percentile(times, 95))
        checks = [verdict(median, 0.120, f"median {seconds(median)}"),
                  verdict(drag["settle"], 0.250, f"settles in {seconds(drag['settle'])}"),
                  "met" if drag["final_value_shown"] else "missed (the final value's picture is not shown)"]
        rows.append([name, draw, str(len(times)), seconds(median), seconds(p95),
                     f"{drag['pictures']} pictures for {drag['steps']} steps", seconds(drag["settle"]),
                     "yes" if drag["final_value_shown"] else "**no**",
                     "met" if all(c == "met" for c in checks) else " · ".join(c for c in checks if c != "met")])
    return rows


def browser_table(sizes, chapters):
    table = Table(
        TITLES["browser"],
        intro="""
What a learner's hand meets. Each chapter of solutions/ (outputs cleared) is opened in JupyterLab in
headless Chromium, with Lab's default settings, and run (Run All Cells); then each explorer's first slider gets 15 single steps
(a key and back, in turn), each timed in the page from the key going down to the new picture painted
(decoded, then two animation frames), and a drag: 20 presses, one every 16 ms, towards the end with more
room. For the drag: the pictures shown, the time from the slider's last change to the last picture
painted, and whether that picture is the final value's (a step back and forth must come back to the
same picture). The kernel's time is table 3's; the rest is the trip through the server, ipywidgets and
the page. The same measurement runs in
`tests/test_in_browser.py` (`make test-browser`), which fails only on what a learner would call broken.
""",
        header=["chapter", "explorer (draw function)", "steps", "key to picture: median", "95th percentile",
                "drag", "settles after the last change", "final value shown", f"target: {TARGETS}"])
    if sizes.quick:
        table.rows.append(["—", "skipped in quick mode", "—", "—", "—", "—", "—", "—", "—"])
        return table
    from tests.jupyterlab_session import CHROMIUM, CHROMIUM_ARGS, chromium_available, lab_server, run_notebook
    if not chromium_available():
        table.rows.append(["—", f"not run: no Chromium at {CHROMIUM}", "—", "—", "—", "—", "—", "—", "—"])
        return table
    import nbformat
    from playwright.sync_api import sync_playwright

    paths = chapter_notebooks(sizes.default_chapters if chapters is None else chapters, folders=("solutions",))
    with tempfile.TemporaryDirectory(prefix="benchmark-lab-") as folder:
        root = Path(folder)
        (root / "solutions").mkdir()
        for path in paths:                    # a learner's copy after Restart & Clear Output (Lab autosaves)
            nb = read_notebook(path)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            nbformat.write(nb, root / "solutions" / path.name)
        with lab_server(root, every_cell_in_page=False) as base_url, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for path in paths:
                progress(f"browser: {path.stem}")
                page = chromium.new_page(viewport={"width": 1280, "height": 900})
                try:
                    run = run_notebook(page, base_url, f"solutions/{path.name}")
                    table.rows += browser_rows(path.stem, explorers_in(read_notebook(path)), run) or [
                        [path.stem, "no explorer measured: " + "; ".join(run.problems)] + ["—"] * 7]
                except Exception as error:  # noqa: BLE001  (report it in the table)
                    table.rows.append([path.stem, failure(error)] + ["—"] * 7)
                finally:
                    page.close()
            chromium.close()
    return table
