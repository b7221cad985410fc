"""The sandbox that runs students' code during autograding (tools/classroom/sandbox.py) holds.

Each test is an attack or an accident a student's code could cause; the sandbox must contain it.
"""

import os
import sys

import pytest

from tools.classroom import sandbox
from tools.course_build import ROOT

OK, WHY = sandbox.available()
# .ci/run installs bubblewrap and sets REQUIRE_SANDBOX=1: there a missing sandbox fails, never skips
pytestmark = pytest.mark.skipif(not OK and not os.environ.get("REQUIRE_SANDBOX"), reason=f"no sandbox here: {WHY}")
FAST = sandbox.Limits(cpu_seconds=2, wall_seconds=4, memory_bytes=2 * 2**30, file_bytes=2**20)


def run(code, tmp_path, limits=FAST):
    return sandbox.run([sys.executable, "-c", code], tmp_path / "scratch", limits=limits)


def test_the_course_runs_inside(tmp_path):
    result = run("import numpy, matplotlib.pyplot; from helpers import sigmoid; print(sigmoid(0.0))", tmp_path)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "0.5", "")


@pytest.mark.parametrize("secret", [ROOT / "solutions" / "01_the_sigmoid.ipynb", ROOT / "tools" / "course_build.py",
                                    ROOT / "README.md", "/etc/passwd", "teacher"])
def test_teacher_files_are_out_of_sight(tmp_path, secret):
    if secret == "teacher":                                  # a file beside the scratch folder
        secret = tmp_path / "gradebook.db"
        secret.write_text("grades")
    result = run(f"import os; print(os.path.exists({str(secret)!r}))", tmp_path)
    assert result.stdout.strip() == "False", result


def test_the_checks_recorded_answers_are_out_of_sight(tmp_path):
    recorded = ROOT / "helpers" / "checks" / "recorded"
    assert any(recorded.iterdir()), "helpers/checks/recorded/ should hold the self-study checks' recorded answers"
    result = run(f"import os; print(os.listdir({str(recorded)!r}))", tmp_path)
    assert result.stdout.strip() == "[]", result


@pytest.mark.parametrize("target", [ROOT / "helpers" / "checks" / "__init__.py", ROOT / "stray.txt", "beside"])
def test_it_writes_nowhere_but_its_scratch_folder(tmp_path, target):
    if target == "beside":
        target = tmp_path / "stray.txt"
    before = target.read_bytes() if target.exists() else None
    run(f"open({str(target)!r}, 'a').write('x')", tmp_path)
    assert (target.read_bytes() if target.exists() else None) == before, f"{target} changed"
    assert run("open('mine.txt', 'w').write('fine')", tmp_path).returncode == 0
    assert (tmp_path / "scratch" / "mine.txt").read_text() == "fine"


def test_no_network(tmp_path):
    result = run("import socket; socket.create_connection(('1.1.1.1', 80), timeout=2)", tmp_path)
    assert "Network is unreachable" in result.stderr, result


def test_cpu_memory_file_and_wall_clock_limits(tmp_path):
    assert run("while True: pass", tmp_path).signal_name in ("SIGXCPU", "SIGKILL")
    assert "MemoryError" in run("x = bytearray(3 * 2**30)", tmp_path).stderr
    assert "File too large" in run("open('big', 'wb').write(bytes(2 * 2**20))", tmp_path).stderr
    slept = run("import time; time.sleep(60)", tmp_path)
    assert slept.timed_out and slept.signal_name == "SIGKILL"


def test_it_cannot_reach_other_processes(tmp_path):
    result = run("import os; print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))", tmp_path)
    assert len(eval(result.stdout)) <= 3, result          # bubblewrap's init, python, nothing else


def test_exiting_ends_only_the_sandboxed_code(tmp_path):
    assert run("import os; os._exit(3)", tmp_path).returncode == 3
    assert run("import os, signal; os.kill(os.getppid(), signal.SIGKILL); print('alive')", tmp_path).stdout.strip() == "alive"
