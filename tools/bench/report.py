"""What every table shares: the run's sizes, the markdown writer, and the report's header (machine, versions)."""

import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent.parent

TABLES = ("numerics", "execution", "widgets", "browser", "setup")
TITLES = {
    "numerics": "1. Numerics",
    "execution": "2. Course execution",
    "widgets": "3. Widgets",
    "browser": "4. Explorers in the browser",
    "setup": "5. Set-up",
}


@dataclass(frozen=True)
class Sizes:
    """How much work each table does: the full run, or the quick one the test uses."""
    quick: bool
    per_binade: int           # grid points in each binade [2^k, 2^(k+1)) of the float64 range
    binade_stride: int        # use every n-th binade only
    linear_points: int        # evenly spaced points on [-760, 760] (and on [0, 1] for p)
    row_samples: int          # random rows for softmax, log_softmax, logsumexp
    timing_size: int          # values per timed call (the 2-D shapes hold as many)
    timing_repeats: int       # the time is the median of this many calls
    execution_repeats: int    # each notebook is executed this many times (median)
    sweep_values: int         # values per control in the widget sweep
    default_chapters: tuple   # the chapters of tables 2 and 3; None: every one that exists


FULL = Sizes(quick=False, per_binade=8, binade_stride=1, linear_points=20_001, row_samples=2000,
             timing_size=10**7, timing_repeats=7, execution_repeats=3, sweep_values=20,
             default_chapters=None)
QUICK = Sizes(quick=True, per_binade=1, binade_stride=16, linear_points=201, row_samples=60,
              timing_size=10**5, timing_repeats=3, execution_repeats=1, sweep_values=3,
              default_chapters=())  # no chapter: the smoke notebook instead


def progress(message):
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


# --- the markdown writer ---------------------------------------------------------------------

@dataclass
class Table:
    """One section of the report: a title, a paragraph, a table, and notes under it."""
    title: str
    intro: str
    header: list
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def markdown_cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(header, rows):
    lines = ["| " + " | ".join(markdown_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render_section(table):
    parts = [f"## {table.title}", table.intro.strip()]
    if table.rows:
        parts.append(markdown_table(table.header, table.rows))
    parts += [note.strip() for note in table.notes]
    return "\n\n".join(part for part in parts if part)


def seconds(t):
    """A duration, readably: 12.3 s, 456 ms, 7.89 ms."""
    if t is None:
        return "—"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 0.01:
        return f"{t * 1e3:.0f} ms"
    return f"{t * 1e3:.2f} ms"


def count_text(n):
    """10⁷ for a power of ten, else the number with thousands separated: 12,345."""
    exponent = len(str(n)) - 1
    if n == 10 ** exponent and exponent > 1:
        return "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{n:,}"


def verdict(value, bound, text):
    """'met' when value ≤ bound, else the miss with its measured figure."""
    return "met" if value <= bound else f"missed ({text})"


# --- the header: machine and versions --------------------------------------------------------

def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return None


def usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count()


def version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


VERSIONED = ("numpy", "scipy", "mpmath", "matplotlib", "ipywidgets", "ipykernel", "jupyter_client",
             "nbclient", "nbformat", "pip")


def header(sizes, command, load_before, load_after):
    ram = ram_gib()
    machine = [
        ("CPU", cpu_model()),
        ("cores", f"{os.cpu_count()} logical, {usable_cores()} usable by this process"),
        ("RAM", f"{ram:.1f} GiB" if ram else "unknown"),
        ("system", f"{platform.system()} {platform.machine()}"),
        ("load average (1 min) at start / end", f"{load_before:.2f} / {load_after:.2f}"
         + (" (above the core count: other work was competing, the figures are noisy)"
            if max(load_before, load_after) > usable_cores() else "")),
        ("Python", platform.python_version()),
    ] + [(name, version(name)) for name in VERSIONED]
    lines = [
        "# Benchmarks",
        f"Written by `{command}` in one run"
        + (" (**quick mode**: small sizes, figures not meaningful)" if sizes.quick else "")
        + ". Every table compares its contenders in the same process, timed alternately, so that "
          "a change in the machine's load hits each alike. The figures vary from run to run; the "
          "ratios and the verdicts are what to read. Targets come from the project's issues 7 and 13 "
          "(\"issue 7\", \"issue 13\") or from a function's docstring (\"docstring\").",
        "## Machine and versions",
        markdown_table(["", ""], machine),
    ]
    return "\n\n".join(lines)
