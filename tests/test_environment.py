"""The learner's environment is described three times — requirements/learner.in (ranges),
requirements/learner.txt (exact pins) and environment.yml (Binder) — and they must agree."""

import re
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(path):
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            yield Requirement(line)


def binder_python():
    match = re.search(r"^\s*-\s*python=(\d+\.\d+)\s*$", (ROOT / "environment.yml").read_text(), re.MULTILINE)
    assert match, "environment.yml must pin python=X.Y"
    return match.group(1)


def binder_pip_packages():
    text = (ROOT / "environment.yml").read_text()
    return dict(re.findall(r"^\s+-\s+([A-Za-z0-9_.-]+)==([^\s#]+)\s*$", text, re.MULTILINE))


def locked_versions(python):
    """name → version pinned in learner.txt for this Python version."""
    env = {"python_version": python, "python_full_version": python + ".0"}
    pins = {}
    for requirement in requirement_lines("requirements/learner.txt"):
        if requirement.marker is None or requirement.marker.evaluate(env):
            (spec,) = requirement.specifier
            pins[requirement.name.lower()] = spec.version
    return pins


def test_binder_lists_exactly_the_learner_packages_at_the_locked_versions():
    direct = {r.name.lower() for r in requirement_lines("requirements/learner.in")}
    binder = {name.lower(): version for name, version in binder_pip_packages().items()}
    assert set(binder) == direct, f"environment.yml vs learner.in: {sorted(set(binder) ^ direct)}"
    locked = locked_versions(binder_python())
    wrong = {name: (version, locked[name]) for name, version in binder.items() if locked[name] != version}
    assert not wrong, f"environment.yml pins differ from learner.txt (yml, txt): {wrong}"


def test_the_locked_versions_lie_within_the_tested_ranges():
    ranges = {r.name.lower(): r.specifier for r in requirement_lines("requirements/learner.in")}
    for python in ("3.10", "3.11", "3.12", "3.13"):
        locked = locked_versions(python)
        for name, specifier in ranges.items():
            assert locked[name] in specifier, f"Python {python}: {name}=={locked[name]} is outside {specifier}"


def test_the_package_declares_what_helpers_imports():
    block = re.search(r"^dependencies = \[(.*?)^\]", (ROOT / "pyproject.toml").read_text(), re.MULTILINE | re.DOTALL)
    declared = {Requirement(r).name.lower() for r in re.findall(r'"([^"]+)"', block.group(1))}
    imported = set()
    for source in (ROOT / "helpers").rglob("*.py"):
        imported |= set(re.findall(r"^\s*(?:from|import) (numpy|matplotlib|ipywidgets|IPython)\b",
                                   source.read_text(), re.MULTILINE))
    assert {name.lower() for name in imported} <= declared, (imported, declared)


def test_chapter_00s_minimum_versions_are_the_tested_lower_bounds():
    from helpers.environment import MINIMUM_VERSIONS
    bounds = {}
    for requirement in requirement_lines("requirements/learner.in"):
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        bounds[requirement.name.lower()] = lower[0]
    python = re.search(r'^requires-python = ">=([\d.]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    bounds["python"] = python.group(1)
    for name, minimum in MINIMUM_VERSIONS.items():
        assert bounds[name] == minimum, f"{name}: chapter 00 asks for {minimum}, learner.in for {bounds[name]}"


def test_the_environment_check_reports_each_library(capsys, monkeypatch):
    from helpers import environment
    assert environment.check_environment() is True
    out = capsys.readouterr().out
    assert out.count("✓") == len(environment.MINIMUM_VERSIONS) and out.strip().endswith("All set.")
    monkeypatch.setitem(environment.MINIMUM_VERSIONS, "numpy", "99.0")
    assert environment.check_environment() is False
    assert "✗  numpy" in capsys.readouterr().out
    assert environment.version_tuple("2.1.0rc1") == (2, 1) and environment.version_tuple("3.10.9") == (3, 10, 9)
