"""Binder: repo2docker must see environment.yml, pin Python, and make `import helpers` work in
every notebook with no manual step. Docker is not needed: `repo2docker --no-build --debug`
prints the Dockerfile it would build, and the order of its steps is what we check."""

import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tools.course_build import ROOT

REPO2DOCKER = Path(sys.executable).with_name("repo2docker")


@pytest.fixture(scope="module")
def dockerfile():
    # uid 1000 and the user jovyan are what mybinder.org builds with
    command = [str(REPO2DOCKER), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def test_no_binder_folder_hides_the_root_environment():
    # an empty binder/ (or .binder/) folder makes repo2docker ignore environment.yml at the root
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_repo2docker_builds_a_conda_environment_with_the_pinned_python(dockerfile):
    python = re.search(r"^\s*-\s*python=(\d+\.\d+)", (ROOT / "environment.yml").read_text(), re.MULTILINE).group(1)
    assert f"Building conda environment for python={python}" in dockerfile
    assert re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment.yml"', dockerfile)


def test_helpers_is_installed_after_the_repository_is_copied(dockerfile):
    lines = dockerfile.splitlines()
    installs_environment = next(i for i, line in enumerate(lines) if "--file \"environment.yml\"" in line)
    copies_repository = next(i for i, line in enumerate(lines) if re.match(r"COPY --chown=1000:1000 src/ \$\{REPO_DIR\}/", line))
    runs_postbuild = next(i for i, line in enumerate(lines) if line.strip() == "RUN ./postBuild")
    # environment.yml alone is copied first (cached); the repository later: so `pip install -e .`
    # cannot be in environment.yml, and postBuild, which runs after the copy, does it
    assert installs_environment < copies_repository < runs_postbuild
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()


def test_postbuild_makes_helpers_importable_from_the_notebooks_folder(tmp_path):
    # what Binder does after the copy, in a bare environment: run postBuild, then look for
    # helpers from where the notebooks run (their own folder)
    copy = tmp_path / "repo"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes((ROOT / name).read_bytes())
    (copy / "postBuild").chmod(0o755)
    venv.create(tmp_path / "env", with_pip=True)
    bin_dir = tmp_path / "env" / "bin"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["./postBuild"], cwd=copy, env=env, check=True, capture_output=True, timeout=300)
    found = subprocess.run([str(bin_dir / "python"), "-c",
                            "import importlib.util as u; print(u.find_spec('helpers').origin)"],
                           cwd=copy / "notebooks", env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(copy / "helpers" / "__init__.py")
