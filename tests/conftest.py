"""Shared pytest set-up: the teacher-only answers importable, and after the run, a table of how long
each notebook took in the browser."""

from tools.course_build import SOLUTIONS, teacher_path

# `import answers` gives solutions/answers/ (every exercise's real answer) in the tests. Imported here, once:
# pytest puts tests/ on sys.path too, and tests/answers/ (the answers the checks are tried on) has the same name.
teacher_path()
import answers  # noqa: E402

assert answers.__file__ == str(SOLUTIONS / "answers" / "__init__.py"), answers.__file__

# tests/answers/ holds answer tables, not tests; collected for doctests it would be imported as `answers.chNN`
collect_ignore = ["answers"]


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
