"""Drive a real JupyterLab in headless Chromium: what a learner's browser would show.

``lab_server(root)`` starts JupyterLab on a free loopback port with no token, serving ``root``
(a temporary copy of the notebooks, since Lab autosaves), and stops it by its process id.
``run_notebook(page, base_url, path)`` opens a notebook, clears its outputs, runs all cells,
and returns a ``LabRun`` listing every problem a learner would see (a cell that did not run,
an error or stderr output, a widget error box, a widget or figure that did not render, an
explorer whose picture does not follow its slider), with the time it took and, per explorer,
the time from a key to the new picture painted and what a fast drag shows (measure_explorers).
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_available():
    return Path(CHROMIUM).exists()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_version():
    import jupyterlab
    return tuple(int(part) for part in jupyterlab.__version__.split(".")[:2])


@contextlib.contextmanager
def lab_server(root, every_cell_in_page=True):
    """JupyterLab serving ``root`` on http://127.0.0.1:<free port>/, no token; yields the base URL.
    ``every_cell_in_page``: off-screen cells rendered too (to inspect them all); else Lab's default."""
    port = free_port()
    state = Path(tempfile.mkdtemp(prefix="lab-state-"))
    settings = state / "settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "notebook-extension").mkdir(parents=True)
    # no "news" or "check for updates" pop-up over the notebook
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # every cell in the page, on- or off-screen (JupyterLab 4.2 leaves off-screen cells out by default)
    if every_cell_in_page:
        (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
            json.dumps({"windowingMode": "none"}))
    elif _lab_version() < (4, 3):
        # Lab's default before 4.3 ("full") keeps cells out of sight out of the page, where no test can
        # read them; "defer" adds them once the page is idle, as Lab's default does from 4.3 on
        (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
            json.dumps({"windowingMode": "defer"}))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(state / "config"), JUPYTER_RUNTIME_DIR=str(state / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(state / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--IdentityProvider.token=", f"--ServerApp.root_dir={root}",
               "--ServerApp.disable_check_xsrf=True"]   # test-only server on loopback: lets the
                                                         # tests end kernels through the REST API
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(state / "server.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/lab", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not start:\n" + (state / "server.log").read_text()[-3000:])
            time.sleep(0.3)
        yield base
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)   # the server and the kernels it started
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
        shutil.rmtree(state, ignore_errors=True)


@dataclass
class LabRun:
    """What happened to one notebook in the browser."""

    problems: list = field(default_factory=list)
    seconds_to_run_all: float = 0.0
    slider_seconds: float = None
    code_cells: int = 0
    widgets: int = 0
    figures: int = 0
    explorers: list = field(default_factory=list)    # measure_explorers: one dict per explorer, in page order


def click_menu(page, menu, item):
    """Open a top menu and click one of its enabled items, by their visible text."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                 has_text=item).first.click()


def prompts(page):
    """The execution prompts ('[3]:', '[*]:', '[ ]:') of every code cell, in order."""
    return page.eval_on_selector_all(
        ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent.trim())")


def all_ran(texts):
    return bool(texts) and all(t.startswith("[") and t[1:-2].strip().isdigit() for t in texts)


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.1)


def run_notebook(page, base_url, path, expected_figures=0, timeout=120, single_steps=15, drag_steps=20):
    """Open ``path`` (relative to the server root) in Lab, clear outputs, run all, inspect, and move
    every explorer (measure_explorers, with so many single steps and a drag of so many)."""
    run = LabRun()
    page.goto(f"{base_url}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=60_000)
    # Click somewhere with no link in it (the first cell is the navigation line), so that the
    # notebook becomes the current widget and the Edit and Run menus act on it.
    page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").first.click()
    click_menu(page, "Edit", "Clear Outputs of All Cells")
    # JupyterLab 4.2 can leave a stale output in the page after clearing, so wait for the prompts
    # (the served copies have no outputs to begin with: see tests/test_in_browser.py)
    wait_until(lambda: all(t.replace(" ", "") == "[]:" for t in prompts(page)), 30, "outputs were not cleared")
    started = time.perf_counter()
    click_menu(page, "Run", "Run All Cells")
    try:
        wait_until(lambda: all_ran(prompts(page)) and page.locator(
            '.jp-Notebook-ExecutionIndicator[data-status="idle"]').count(), timeout, "cells still running")
    except TimeoutError:
        waiting = [i for i, t in enumerate(prompts(page)) if not t[1:-2].strip().isdigit()]
        run.problems.append(f"code cells {waiting[:10]} did not run within {timeout} s")
        return run
    run.seconds_to_run_all = time.perf_counter() - started
    page.wait_for_timeout(500)                                      # let widget views finish rendering
    run.code_cells = len(prompts(page))
    inspect_outputs(page, run, expected_figures)
    if not run.problems:
        measure_explorers(page, run, single_steps, drag_steps)
    return run


def inspect_outputs(page, run, expected_figures):
    for stream in page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all():
        run.problems.append("error or stderr output: " + stream.text_content().strip()[:300])
    errors = page.locator(".jupyter-widgets-error-widget")
    if errors.count():
        run.problems.append(f"{errors.count()} widget error box(es): " + errors.first.text_content().strip()[:300])
    # A widget view's output area has no MIME type attribute (ipywidgets renders it itself).
    views = page.locator(".jp-Notebook .jp-OutputArea-output:not([data-mime-type])")
    run.widgets = views.count()
    for i in range(run.widgets):
        view = views.nth(i)
        if not view.locator(".jupyter-widgets").count() or view.locator(".jupyter-widgets-error-widget").count():
            run.problems.append(f"widget {i + 1} of {run.widgets} did not render: "
                                + view.text_content().strip()[:200])
    if not run.widgets:
        run.problems.append("no widget appeared: every chapter has at least one")
    images = page.eval_on_selector_all(".jp-Notebook .jp-OutputArea-output img",
                                       "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    run.figures = sum(images)
    if not all(images):
        run.problems.append(f"{images.count(False)} figure(s) did not load")
    if run.figures < expected_figures:
        run.problems.append(f"{run.figures} figures shown; the stored notebook has {expected_figures}")
    # What a screen reader reads out for each figure (JupyterLab writes "Image" where an HTML image has none).
    alts = page.eval_on_selector_all(".jp-Notebook .jp-OutputArea-output img", "imgs => imgs.map(i => i.alt)")
    missing = [alt for alt in alts if not alt.strip() or alt.strip() == "Image"]
    if missing:
        run.problems.append(f"{len(missing)} of {len(alts)} figure(s) have no alt text for a screen reader")


# In the page: when each key goes down, when each explorer's slider changes, and when each new picture
# has been painted (the image decoded, then the next animation frame, then a message posted from it,
# which runs once that frame has been painted).
WATCH = """boxes => {
    window.__keys = [];
    window.__paints = boxes.map(() => []);
    window.__values = boxes.map(() => []);
    document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
    boxes.forEach((box, n) => {
        const handle = box.querySelector('.noUi-handle');
        new MutationObserver(() => window.__values[n].push(performance.now()))
            .observe(handle, {attributes: true, attributeFilter: ['aria-valuenow']});
        let shown = box.querySelector('img') ? box.querySelector('img').src : null;
        new MutationObserver(() => {
            const img = box.querySelector('img');
            if (!img || img.src === shown) return;
            shown = img.src;
            const seen = performance.now();
            img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
                const after = new MessageChannel();   // runs once the frame with the picture is painted
                after.port1.onmessage = () => window.__paints[n].push({t: performance.now(), seen: seen, src: shown});
                after.port2.postMessage(null);
            }));
        }).observe(box, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    });
}"""


def measure_explorers(page, run, single_steps=15, drag_steps=20, drag_interval_ms=16):
    """Time every explorer (a box with a slider above a picture) as a learner's hand moves it.

    Single steps: one key and back in turn on its first slider (towards the end with more room), each
    time from the key going down to the new picture painted (run.explorers[n]["key_to_paint"], seconds).
    A drag: ``drag_steps`` presses, one every ``drag_interval_ms`` (a hand at 60 frames a second), towards
    the end with more room; then how many pictures were shown, how long after the slider's last change the
    last one was painted, and whether that is the final value's picture (one step back and forth comes back
    to the same value: its picture must be the same). ipywidgets keeps one update in flight and merges the
    values that arrive meanwhile, so a drag never queues stale pictures.
    """
    boxes = page.locator(".jp-Notebook .widget-vbox").filter(has=page.locator(".noUi-handle")).filter(
        has=page.locator(".widget-output img"))
    if not boxes.count():
        run.problems.append("no explorer (a slider above a picture) to move")
        return
    boxes.evaluate_all(WATCH)
    for n in range(boxes.count()):
        handle = boxes.nth(n).locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        result = {"key_to_paint": [], "drag": None}
        run.explorers.append(result)
        now, low, high = (float(handle.get_attribute(f"aria-value{end}")) for end in ("now", "min", "max"))
        onwards, back = ("ArrowRight", "ArrowLeft") if high - now >= now - low else ("ArrowLeft", "ArrowRight")
        for step in range(single_steps):
            picture = _press_and_wait(page, n, onwards if step % 2 == 0 else back)
            if picture is None:
                run.problems.append(f"explorer {n + 1}: a step of its slider showed no new picture within 15 s")
                return
            result["key_to_paint"].append(picture["t"] / 1000)
        before = page.evaluate(f"window.__paints[{n}].length")
        for _ in range(drag_steps):
            page.keyboard.press(onwards)
            page.wait_for_timeout(drag_interval_ms)
        last_change = page.evaluate(f"window.__values[{n}][window.__values[{n}].length - 1]")
        quiet_until = time.monotonic() + 15
        count = -1
        while time.monotonic() < quiet_until and count != page.evaluate(f"window.__paints[{n}].length"):
            count = page.evaluate(f"window.__paints[{n}].length")
            page.wait_for_timeout(1000)                     # settled: a second without a new picture
        shown = page.evaluate(f"window.__paints[{n}].slice({before})")
        if not shown:
            run.problems.append(f"explorer {n + 1}: a drag of its slider showed no picture")
            return
        away, again = _press_and_wait(page, n, back), _press_and_wait(page, n, onwards)
        result["drag"] = {"steps": drag_steps, "pictures": len(shown),
                          "settle": (shown[-1]["t"] - last_change) / 1000,
                          "final_value_shown": bool(away and again and again["src"] == shown[-1]["src"])}
        if not result["drag"]["final_value_shown"]:
            run.problems.append(f"explorer {n + 1}: after a drag, the picture shown is not the final value's")
    run.slider_seconds = statistics.median(run.explorers[0]["key_to_paint"])


def _press_and_wait(page, n, key, timeout_ms=15_000):
    """Press ``key``; wait for explorer n's next picture; {"t": key to paint in ms, "src": …}, or None."""
    before = page.evaluate(f"window.__paints[{n}].length")
    page.keyboard.press(key)
    key_down = page.evaluate("window.__keys[window.__keys.length - 1]")
    try:
        page.wait_for_function(f"window.__paints[{n}].length > {before}", timeout=timeout_ms)
    except Exception:                                   # noqa: BLE001  (playwright's TimeoutError)
        return None
    picture = page.evaluate(f"window.__paints[{n}][{before}]")
    return {"t": picture["t"] - key_down, "seen": picture["seen"] - key_down, "src": picture["src"]}
