"""Every notebook in notebooks/ and solutions/, run in a real JupyterLab in headless Chromium.

nbval sees what the kernel sends; this sees what the learner sees: widgets that render (or an
error box), figures, stderr, a slider that moves its figure. Run alone with `make test-browser`.
A screenshot of each notebook goes to artifacts/browser/ (not committed) for people to look at.
"""

import json
import shutil
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.jupyterlab_session import CHROMIUM, CHROMIUM_ARGS, chromium_available, lab_server, run_notebook
from tests.notebook_files import ALL_NOTEBOOKS
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


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the notebooks (Lab autosaves), plus a deliberately broken one."""
    root = tmp_path_factory.mktemp("lab-root")
    for folder in ("notebooks", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
        for path in (root / folder).glob("*.ipynb"):       # as a learner's Restart & Clear Output leaves them
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            nbformat.write(nb, path)
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BROKEN_WIDGET)], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nbformat.write(broken, root / "broken_widget.ipynb")
    with lab_server(root) as base_url:
        yield base_url


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
    run = run_notebook(page, lab, name, expected_figures=stored_figures(path))
    record_property("browser_seconds_to_run_all", run.seconds_to_run_all)
    record_property("browser_slider_seconds", run.slider_seconds)
    assert not run.problems, f"{name} in JupyterLab:\n" + "\n".join(run.problems)
    assert run.code_cells and run.figures and run.widgets and run.slider_seconds is not None


def test_a_broken_widget_is_caught(page, lab):
    run = run_notebook(page, lab, "broken_widget.ipynb")
    assert any("widget error box" in problem for problem in run.problems), run.problems
