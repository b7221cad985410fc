"""Shared pytest set-up: after the run, a table of how long each notebook took in the browser."""


def pytest_terminal_summary(terminalreporter):
    rows = []
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        properties = dict(report.user_properties)
        if "browser_seconds_to_run_all" in properties and report.when == "call":
            rows.append((report.nodeid.split("[")[-1].rstrip("]"), properties["browser_seconds_to_run_all"],
                         properties["browser_slider_seconds"]))
    if not rows:
        return
    terminalreporter.section("notebooks in JupyterLab (headless Chromium)")
    terminalreporter.write_line(f"{'notebook':<40} {'open → all cells done':>22} {'slider → output':>16}")
    for name, run_all, slider in rows:
        slider_text = f"{slider:.2f} s" if slider is not None else "–"
        terminalreporter.write_line(f"{name:<40} {run_all:>20.1f} s {slider_text:>16}")
