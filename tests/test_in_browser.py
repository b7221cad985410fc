"""Every notebook in notebooks/ and solutions/, run in a real JupyterLab in headless Chromium.

nbval sees what the kernel sends; this sees what the learner sees: widgets that render (or an
error box), figures, stderr, explorers whose pictures follow their sliders (single steps and a fast
drag that ends on the final value's picture). Run alone with `make test-browser`. A screenshot of
each notebook goes to artifacts/browser/ (not committed) for people to look at, and the explorers'
timings (key to picture painted, the drag) to artifacts/browser/explorers.md, against the targets
that `make bench` marks met or missed (a loaded test machine must not fail a learner-facing test).
"""

import json
import shutil
import statistics
import urllib.request

import nbformat
import pytest

from tests.jupyterlab_session import CHROMIUM, CHROMIUM_ARGS, chromium_available, lab_server, run_notebook
from tests.notebook_files import ALL_NOTEBOOKS
from tools.bench.browser import TARGETS, browser_rows, explorers_in
from tools.bench.report import markdown_table
from tools.course_build import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not chromium_available(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium): browser tests skipped")]

SCREENSHOTS = ROOT / "artifacts" / "browser"
IDS = [f"{p.parent.name}/{p.name}" for p in ALL_NOTEBOOKS]

BROKEN_WIDGET = '''\
import ipywidgets
from traitlets import Unicode


class Broken(ipywidgets.DOMWidget):
    """A widget whose front-end module does not exist: the browser must show an error box."""
    _model_name = Unicode("BrokenModel").tag(sync=True)
    _view_name = Unicode("BrokenView").tag(sync=True)
    _model_module = Unicode("no-such-widget-module").tag(sync=True)
    _model_module_version = Unicode("1.0.0").tag(sync=True)
    _view_module = Unicode("no-such-widget-module").tag(sync=True)
    _view_module_version = Unicode("1.0.0").tag(sync=True)


Broken()'''


def cleared_copy(folder, root):
    """A copy of ``folder`` under ``root`` as a learner's Restart & Clear Output leaves it (Lab autosaves)."""
    shutil.copytree(ROOT / folder, root / folder)
    for path in (root / folder).glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, path)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the notebooks, every cell drawn in the page, plus a deliberately broken one."""
    root = tmp_path_factory.mktemp("lab-root")
    for folder in ("notebooks", "solutions"):
        cleared_copy(folder, root)
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BROKEN_WIDGET)], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nbformat.write(broken, root / "broken_widget.ipynb")
    with lab_server(root) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def learners_lab(tmp_path_factory):
    """JupyterLab as a learner has it (Lab's default settings: cells out of sight are not drawn)."""
    root = tmp_path_factory.mktemp("learners-lab-root")
    cleared_copy("notebooks", root)
    with lab_server(root, every_cell_in_page=False) as base_url:
        yield base_url


EXPLORER_ROWS = []


@pytest.fixture(scope="module", autouse=True)
def explorer_report():
    """After the notebooks: every explorer's timings in the browser, as make bench reports them."""
    yield
    if EXPLORER_ROWS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        header = ["notebook", "explorer (draw function)", "steps", "key to picture: median", "95th percentile",
                  "drag", "settles after the last change", "final value shown", f"target: {TARGETS}"]
        (SCREENSHOTS / "explorers.md").write_text(markdown_table(header, EXPLORER_ROWS) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab, request):
    """A fresh browser tab; afterwards a screenshot of it (passed or failed), then its kernels end."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = request.node.callspec.id.replace("/", "__").removesuffix(".ipynb") if hasattr(request.node, "callspec") \
        else request.node.name
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    page.close()
    shut_down_kernels(lab)


def shut_down_kernels(base_url):
    """One kernel per notebook would pile up; end them through the server's REST API."""
    with urllib.request.urlopen(f"{base_url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base_url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()


def stored_figures(path):
    return sum("image/png" in out.get("data", {}) for cell in nbformat.read(path, as_version=4).cells
               for out in cell.get("outputs", []))


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=IDS)
def test_notebook_runs_cleanly_in_jupyterlab(path, page, lab, record_property):
    name = f"{path.parent.name}/{path.name}"
    run = run_notebook(page, lab, name, expected_figures=stored_figures(path), single_steps=2, drag_steps=5)
    record_property("browser_seconds_to_run_all", run.seconds_to_run_all)
    record_property("browser_slider_seconds", run.slider_seconds)
    assert not run.problems, f"{name} in JupyterLab:\n" + "\n".join(run.problems)
    assert run.code_cells and run.figures and run.widgets and run.slider_seconds is not None
    assert len(run.explorers) == len(explorers_in(nbformat.read(path, as_version=4))), run.explorers


CHAPTERS = [path for path in ALL_NOTEBOOKS if path.parent.name == "notebooks"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[path.stem for path in CHAPTERS])
def test_explorers_follow_the_hand(path, page, learners_lab, record_property):
    """Every explorer of the student notebooks: single steps, and a fast drag that must end on the final
    value's picture. The times go to artifacts/browser/explorers.md (make bench marks the same measurement
    against its targets); the bound here is loose on purpose: a busy machine must not fail this test."""
    name = f"{path.parent.name}/{path.name}"
    try:
        run = run_notebook(page, learners_lab, name)
    finally:
        shut_down_kernels(learners_lab)
    EXPLORER_ROWS.extend(browser_rows(name, explorers_in(nbformat.read(path, as_version=4)), run))
    assert not run.problems, f"{name} in JupyterLab:\n" + "\n".join(run.problems)
    assert len(run.explorers) == len(explorers_in(nbformat.read(path, as_version=4))), run.explorers
    for explorer in run.explorers:
        record_property("key_to_paint_seconds", explorer["key_to_paint"])
        assert statistics.median(explorer["key_to_paint"]) < 1.0, explorer
        assert explorer["drag"]["final_value_shown"] and explorer["drag"]["settle"] < 2.0, explorer


def test_a_broken_widget_is_caught(page, lab):
    run = run_notebook(page, lab, "broken_widget.ipynb")
    assert any("widget error box" in problem for problem in run.problems), run.problems
