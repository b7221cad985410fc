"""Table 4, set-up: the time and size on disk of a fresh environment made as `make` makes it."""

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.report import ROOT, TITLES, Table, progress, seconds


def disk_usage_mib(path):
    """Size on disk as du reports it (allocated blocks), in MiB."""
    output = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return int(output.split()[0]) / 1024


def run_timed(command, env):
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    return time.perf_counter() - started


def package_count(python, env):
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], env=env,
                            capture_output=True, text=True, check=True).stdout
    return len([line for line in listed.splitlines() if line.strip()])


def copy_package(destination):
    """The files `pip install .` needs, copied, so that building the package leaves the repository alone."""
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, destination / name)
    shutil.copytree(ROOT / "helpers", destination / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def setup_table(sizes):
    table = Table(
        TITLES["setup"],
        intro="""
What `make` does the first time, in a fresh temporary folder: `python3 -m venv`, then
`pip install -r requirements/learner.txt` and the course's package (`pip install --no-deps .`, from a copy,
not editable), then, as `make test` adds, `pip install -r requirements/dev.txt` on top. pip's cache is
off (`--no-cache-dir`): every wheel is downloaded, as on a learner's first `make lab`, so the times
include the network. The size is the venv's on disk (`du -sk`) after each step.
""",
        header=["step", "time", "venv size on disk", "packages in the venv"])
    if sizes.quick:
        table.rows.append(["learner set, package, dev set", "skipped in quick mode", "—", "—"])
        return table
    base_python = getattr(sys, "_base_executable", sys.executable)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1", PIP_NO_INPUT="1")
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    with tempfile.TemporaryDirectory(prefix="benchmark-venv-") as folder:
        venv, package = Path(folder) / "venv", Path(folder) / "package"
        package.mkdir()
        copy_package(package)
        python = str(venv / "bin" / "python")
        pip_install = [python, "-m", "pip", "install", "--quiet"]
        steps = [  # (what, command, the environment complete after it)
            ("`python3 -m venv .venv`", [base_python, "-m", "venv", str(venv)], None),
            ("`pip install -r requirements/learner.txt`",
             pip_install + ["-r", str(ROOT / "requirements" / "learner.txt")], None),
            ("`pip install --no-deps .` (the course's package)", pip_install + ["--no-deps", str(package)],
             "**learner environment** (`make lab`)"),
            ("`pip install -r requirements/dev.txt` (on top)",
             pip_install + ["-r", str(ROOT / "requirements" / "dev.txt")],
             "**contributor environment** (`make test`)"),
        ]
        total = 0.0
        for name, command, environment in steps:
            progress(f"set-up: {name}")
            try:
                t = run_timed(command, env)
            except subprocess.CalledProcessError as error:
                detail = (error.stderr or error.stdout or "").strip().splitlines()
                table.rows.append([name, f"failed: {detail[-1][:160] if detail else error}", "—", "—"])
                break
            total += t
            size = f"{disk_usage_mib(venv):.0f} MiB"
            table.rows.append([name, seconds(t), size, str(package_count(python, env))])
            if environment:
                table.rows.append([environment, seconds(total), size, "—"])
        if (venv / "bin" / "python").exists():
            pip_version = subprocess.run([python, "-m", "pip", "--version"], env=env, capture_output=True,
                                         text=True).stdout.split(" from ")[0]
            table.notes.append(f"The venv's Python {platform.python_version()} (this interpreter's base), "
                               f"with the pip `venv` bundles: {pip_version or 'unknown'}.")
    return table
