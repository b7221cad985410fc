"""Run a student's code where it can harm nothing: a bubblewrap jail with limits.

What the code inside can see: the Python interpreter and its packages (read-only), the course's
``helpers`` package (read-only, without the checks' recorded answers), and one scratch folder of its own (read-write), which is also its
working directory and home. It sees no other file: not the course directory (source/, release/, the
gradebook, other students' submissions), not the repository (solutions/, tools/), not /etc or /root.
It has no network (a network namespace with no interface but a down loopback), its own process and
IPC namespaces (it cannot see or signal other processes), runs as an unprivileged user with no
capabilities, and is killed when its parent dies.

Limits (setrlimit, inherited through bubblewrap): CPU seconds, address space (memory), the size of
any file it writes, open files, processes, no core dumps; and a wall-clock limit enforced from
outside (the whole process group is killed).

What it does not protect against: a bug in the Linux kernel or in bubblewrap; filling the scratch
folder with many files each under the size limit (put scratch on a small filesystem if that
matters); code that uses its CPU and memory budget on purpose (that is what the limits bound).

Needs ``bwrap`` (Debian/Ubuntu: ``apt-get install bubblewrap``) and a kernel that allows user
namespaces; ``available()`` says why not, when it cannot run.
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HELPERS = Path(__file__).resolve().parent.parent.parent / "helpers"
NOBODY = 65534


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 20
    memory_bytes: int = 2 * 2**30      # address space; NumPy and Matplotlib need ~1 GiB of it
    wall_seconds: float = 30.0
    file_bytes: int = 64 * 2**20       # the largest file it may write
    open_files: int = 256
    processes: int = 64


@dataclass(frozen=True)
class Result:
    returncode: int                    # negative: killed by that signal (as subprocess reports it)
    stdout: str
    stderr: str
    timed_out: bool                    # the wall-clock limit ended it

    @property
    def signal_name(self):
        """The signal that ended the code ("SIGXCPU", "SIGKILL", ...), or None if it exited.

        bubblewrap passes a child's death by signal N on as exit status 128 + N."""
        number = -self.returncode if self.returncode < 0 else self.returncode - 128 if self.returncode > 128 else 0
        try:
            return signal.Signals(number).name if number else None
        except ValueError:
            return None


def available():
    """(True, "") if a sandbox can run here, else (False, the reason and how to fix it)."""
    if shutil.which("bwrap") is None:
        return False, ("bubblewrap is not installed: the sandbox needs it (Debian/Ubuntu: "
                       "`sudo apt-get install bubblewrap`)")
    probe = subprocess.run(["bwrap", *_jail_arguments(Path("/tmp")), sys.executable, "-c", "pass"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return False, ("bubblewrap cannot create a sandbox on this machine (user namespaces may be "
                       f"disabled): {probe.stderr.strip()[:300]}")
    return True, ""


def _read_only_roots():
    """The directories Python needs: the system's /usr, the interpreter's prefix, the environment's."""
    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    return sorted(r for r in roots if not str(r).startswith("/usr"))


def _installed(name):
    """Where a package called ``name`` is installed in the Python prefixes the jail can see."""
    places = []
    for root in [Path("/usr"), *_read_only_roots()]:
        places += [p for p in root.glob(f"lib/python3*/*-packages/{name}") if p.is_dir()]
    return places


def _jail_arguments(scratch, helpers=HELPERS, read_only=(), hidden=()):
    """bwrap's arguments. ``helpers``: the course package to put on the path (None: none);
    ``read_only``: more folders to show read-only; ``hidden``: folders to show empty."""
    args = ["--unshare-all", "--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY),
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):            # merged-/usr systems link these into /usr
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for extra in ("/etc/ld.so.cache", "/etc/fonts"):        # shared libraries, Matplotlib's fonts
        args += ["--ro-bind-try", extra, extra]
    for root in _read_only_roots():
        args += ["--ro-bind", str(root), str(root)]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]     # before binds that may lie in /tmp
    for folder in [helpers] if helpers is not None else []:
        args += ["--ro-bind", str(folder), str(folder)]
    for folder in read_only:
        args += ["--ro-bind", str(folder), str(folder)]
    # never visible: the checks' recorded answers, and any installed copy of the course's helpers
    hide = list(hidden) + _installed("helpers") + ([helpers / "checks" / "recorded"] if helpers is not None else [])
    for folder in hide:
        if Path(folder).is_dir():
            args += ["--tmpfs", str(folder)]
    args += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch),
             "--clearenv", "--setenv", "HOME", str(scratch), "--setenv", "PATH", "/usr/bin:/bin",
             "--setenv", "MPLCONFIGDIR", str(scratch / ".matplotlib"), "--setenv", "MPLBACKEND", "Agg",
             "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
             "--setenv", "PYTHONDONTWRITEBYTECODE", "1"]
    if helpers is not None:
        args += ["--setenv", "PYTHONPATH", str(helpers.parent)]
    return args


def _owned(proc_entry):
    try:
        return proc_entry.stat().st_uid == os.getuid()
    except OSError:
        return False


def _limit(limits):
    """Runs in the child before bwrap starts: limits it (and all it starts), in its own process group."""
    running = sum(1 for entry in Path("/proc").iterdir() if entry.name.isdigit() and _owned(entry))

    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        # Counted per user across the machine (and not at all for root), so: what this user runs now, plus.
        resource.setrlimit(resource.RLIMIT_NPROC, (running + limits.processes, running + limits.processes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def start(argv, scratch, limits=Limits(), helpers=HELPERS, stderr=subprocess.PIPE, read_only=(), hidden=()):
    """Start ``argv`` in the jail; returns the Popen (text pipes). The caller enforces the wall clock
    and ends it with ``stop(process)``. Raises RuntimeError, saying why, where no sandbox can run.

    bwrap itself starts with an almost empty environment: it is process 1 inside the jail, and the
    code there can read its environment and command line (/proc/1/environ)."""
    ok, reason = available()
    if not ok:
        raise RuntimeError(reason)
    scratch = Path(scratch).resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    os.chmod(scratch, 0o777)                 # the jail's unprivileged user writes here
    return subprocess.Popen(["bwrap", *_jail_arguments(scratch, helpers, read_only, hidden), *argv],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True,
                            encoding="utf-8", preexec_fn=_limit(limits),
                            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def stop(process):
    """Kill the jail and everything in it (its process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def run(argv, scratch, stdin="", limits=Limits(), helpers=HELPERS):
    """Run ``argv`` (e.g. [sys.executable, "-c", code]) in the jail, with ``scratch`` as its only
    writable folder; returns a Result. Raises RuntimeError, saying why, where no sandbox can run."""
    process = start(argv, scratch, limits, helpers)
    try:
        out, err = process.communicate(stdin, timeout=limits.wall_seconds)
        timed_out = False
    except subprocess.TimeoutExpired:
        stop(process)
        out, err = process.communicate()
        timed_out = True
    return Result(process.returncode, out, err, timed_out)
