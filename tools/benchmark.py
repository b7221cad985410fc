"""Benchmarks of the course, written to BENCHMARKS.md from one run.

    python tools/benchmark.py                    the full run: writes BENCHMARKS.md at the repository root
    python tools/benchmark.py --quick            small sizes, a smoke notebook instead of the chapters,
                                                 no install; prints the report (tests/test_benchmark_quick.py)
    python tools/benchmark.py --quick --output FILE
    python tools/benchmark.py --tables numerics,widgets --chapters 00,01

Four tables, each comparing things side by side in the same process (timed alternately, so a
change in the machine's load hits every contender alike):

1. Numerics — each helpers.numerics function against the naive NumPy formula and scipy.special:
   the largest error in ulp against a 50-digit mpmath reference over a dense grid of the float64
   range, whether ±inf and nan give the right limit, the warnings raised, and the time on 10⁷ values.
2. Course execution — each notebook executed headless (nbclient, a fresh kernel, as
   tools/build_notebooks.py does), against a floor notebook holding only the course's set-up cell.
3. Widgets — the time of each explorer's redraw, in a kernel that has executed the chapter.
4. Set-up — the time and size on disk of a fresh environment made as `make` makes it.

Each target (from the project's issue 7, or a docstring's promise) is marked "met" or with the miss
and its measured figure. Notebooks are executed as copies in a temporary folder, and the set-up
table installs into a temporary folder: nothing in the repository changes but BENCHMARKS.md.
The report is date-free; its numbers vary between runs, its structure does not.
"""

import argparse
import inspect
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import Callable

import mpmath
import numpy as np
import scipy.special as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import numerics  # noqa: E402  (needs the path above)

TABLES = ("numerics", "execution", "widgets", "setup")
TITLES = {
    "numerics": "1. Numerics",
    "execution": "2. Course execution",
    "widgets": "3. Widgets",
    "setup": "4. Set-up",
}
DIGITS = 50  # the mpmath reference's precision


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
          "ratios and the verdicts are what to read. Targets come from the project's issue 7 "
          "(\"issue 7\") or from a function's docstring (\"docstring\").",
        "## Machine and versions",
        markdown_table(["", ""], machine),
    ]
    return "\n\n".join(lines)


# =============================================================================================
# 1. Numerics
# =============================================================================================

# --- measuring errors in ulp against the mpmath reference -------------------------------------

def to_double(x):
    """An mpf correctly rounded to the nearest double (subnormals and overflow included).

    mpmath's own float() rounds towards zero; Fraction → float rounds to nearest.
    """
    if mpmath.isnan(x):
        return float("nan")
    if mpmath.isinf(x):
        return float(x)
    if abs(x) >= 2 ** 1025:
        return float("inf") if x > 0 else float("-inf")
    if abs(x) <= mpmath.mpf(2) ** -1080:
        return 0.0 if x >= 0 else -0.0
    man, exp = x.man_exp
    try:
        return float(Fraction(man) * Fraction(2) ** exp)
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


def ulp_of(x):
    """The gap from |x| to the next double up (5e-324 at 0; below the largest double, 2^971)."""
    x = abs(x)
    if x == np.finfo(float).max:
        return 2.0 ** 971
    return float(np.spacing(x))


@dataclass
class Reference:
    """The exact values at the grid points, with their rounded doubles and ulp sizes."""
    exact: list       # mpf
    rounded: list     # float
    gap: list         # float (nan where the exact value is not finite)

    @classmethod
    def of(cls, exact):
        rounded = [to_double(x) for x in exact]
        gap = [ulp_of(r) if np.isfinite(r) and mpmath.isfinite(x) else float("nan")
               for x, r in zip(exact, rounded)]
        return cls(list(exact), rounded, gap)

    def errors(self, computed):
        """The error in ulp of each computed double: 0 for the right ±inf, inf for a wrong
        infinity or a nan where the exact value is a number."""
        computed = np.asarray(computed, dtype=np.float64).ravel()
        out = np.empty(computed.size)
        with mpmath.workdps(DIGITS):
            for i, (c, x, r, gap) in enumerate(zip(computed.tolist(), self.exact,
                                                   self.rounded, self.gap)):
                if np.isnan(gap) or not np.isfinite(c):
                    out[i] = 0.0 if c == r else np.inf
                elif c == r:  # the correctly rounded double: ≤ 0.5 ulp off
                    out[i] = float(abs(x - r) / gap)
                else:
                    error = abs(mpmath.mpf(c) - x) / gap
                    out[i] = min(float(error), np.finfo(float).max)
        return out


# --- the grids ---------------------------------------------------------------------------------

GOLDEN = 0.6180339887498949


def binade_points(sizes, lowest=-1074, highest=1023):
    """sizes.per_binade doubles in each binade [2^k, 2^(k+1)), mantissas spread over [1, 2)."""
    k = np.arange(lowest, highest + 1)[::sizes.binade_stride]
    if k[-1] != highest:
        k = np.append(k, highest)
    j = np.arange(sizes.per_binade)[:, None]
    mantissa = 1 + (j / sizes.per_binade + k * GOLDEN) % 1
    return np.ldexp(mantissa, k).ravel()  # rounds to the subnormal grid where k < -1022


def straddle(centre):
    """centre, the doubles 1 and 2 steps either side of it, and points a little further."""
    points = [centre]
    up = down = centre
    for _ in range(2):
        up, down = np.nextafter(up, np.inf), np.nextafter(down, -np.inf)
        points += [up, down]
    return points + [centre + d for d in (1e-9, 1e-3, 0.5)] + [centre - d for d in (1e-9, 1e-3, 0.5)]


def real_line_grid(sizes):
    """Finite z over the whole float64 range: every binade (both signs, subnormals included),
    an even grid on [-760, 760], a fine one where σ(z) is subnormal, and the edges."""
    positive = binade_points(sizes)
    big, tiny = np.finfo(float).max, np.finfo(float).tiny
    special = [0.0, -0.0, 5e-324, -5e-324, tiny, -tiny, big, -big]
    for c in (0.0, 1.0, 37.0, 709.782712893384, 745.1332191019412):
        special += straddle(c) + straddle(-c)
    z = np.concatenate([positive, -positive, special,
                        np.linspace(-760, 760, sizes.linear_points),
                        np.linspace(-746, -700, sizes.linear_points // 10 + 1)])
    return np.unique(z)


def probability_grid(sizes):
    """p on [0, 1]: every binade below 1 (subnormals included), 1 − 2⁻ᵏ, around ½, an even grid."""
    near_one = 1 - np.ldexp(1.0, -np.arange(1, 54))
    near_half = 0.5 + np.outer(np.ldexp(1.0, -np.arange(2, 60)), [1, -1]).ravel()
    special = [0.0, 1.0, np.nextafter(1.0, 0), 5e-324, np.finfo(float).tiny]
    for c in (0.3, 0.5, 0.65):  # where helpers.logit switches formula, and the middle
        special += straddle(c)
    p = np.concatenate([binade_points(sizes, highest=-1), near_one, near_half, special,
                        np.linspace(0, 1, sizes.linear_points)])
    return np.unique(p[(p >= 0) & (p <= 1)])


def grid_rows(sizes):
    """Rows for softmax, log_softmax and logsumexp, grouped by length {length: 2-D array}.

    [x, 0] for x over every binade and over [-760, 760] (subnormal and tiny probabilities);
    [x, x − 1, x + 2] for x from 1e-3 to 1e308 (the naive form overflows past 709); seeded
    random rows of lengths 5 and 20 at scales from 1e-3 to 1e300, some with one dominant entry.
    """
    rng = np.random.default_rng(20260607)
    x = np.concatenate([binade_points(sizes), -binade_points(sizes),
                        np.linspace(-760, 760, sizes.linear_points // 4 + 1)])
    pairs = np.stack([x, np.zeros_like(x)], axis=1)
    offset = np.concatenate([10.0 ** np.arange(-3, 309, 3 if sizes.quick else 1), [709.0, 710.0, 746.0]])
    offset = np.concatenate([offset, -offset])
    shifted = offset[:, None] + np.array([0.0, -1.0, 2.0])
    groups = {2: [pairs], 3: [shifted]}
    for length in (5, 20):
        n = sizes.row_samples // 2
        scale = 10.0 ** np.concatenate([rng.uniform(-3, 3, n - n // 4 - n // 4), rng.uniform(3, 300, n // 4),
                                        np.zeros(n // 4)])
        rows = rng.standard_normal((n, length)) * scale[:, None]
        dominant = np.arange(n - n // 4, n)  # one entry 5 to 50 above the rest
        rows[dominant, rng.integers(length, size=dominant.size)] += rng.uniform(5, 50, dominant.size)
        groups[length] = [rows]
    return {length: np.concatenate(parts) for length, parts in groups.items()}


# --- exact values (mpmath, 50 digits) -----------------------------------------------------------

def mp_values(function, points):
    with mpmath.workdps(DIGITS):
        return [function(mpmath.mpf(float(v))) for v in points]


def mp_sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def mp_logit(p):
    if p == 0:
        return mpmath.ninf
    if p == 1:
        return mpmath.inf
    return mpmath.log(p) - mpmath.log1p(-p)


def mp_softplus(z):
    return mpmath.log1p(mpmath.exp(z))


EXACT_ON_THE_REAL_LINE = {
    "sigmoid": mp_sigmoid,
    "log_sigmoid": lambda z: -mp_softplus(-z),
    "sigmoid_derivative": lambda z: mp_sigmoid(z) / (1 + mpmath.exp(z)),  # σ(z)·σ(−z)
}


@dataclass
class ExactRow:
    """The exact logsumexp, log_softmax and softmax of a row, and each one's condition number
    (as in tests/test_numerics_accuracy.py, which explains them)."""
    lse: object
    lse_kappa: float
    log_softmax: list
    log_softmax_kappa: list
    softmax: list
    softmax_row_kappa: float


def exact_row(row):
    x = [mpmath.mpf(float(v)) for v in row]
    top = int(np.argmax(row))
    m = x[top]
    d = [v - m for v in x]
    terms = [mpmath.exp(v) if v > -3000 else mpmath.mpf(0) for v in d]
    terms[top] = mpmath.mpf(0)
    s = mpmath.fsum(terms)
    log_total = mpmath.log1p(s)
    terms[top] = mpmath.mpf(1)
    p = [t / (1 + s) for t in terms]
    average = mpmath.fsum(pj * abs(dj) for pj, dj in zip(p, d))
    spread = [average + (1 - 2 * pi) * abs(di) for pi, di in zip(p, d)]
    lse = m + log_total
    log_softmax = [v - log_total for v in d]
    return ExactRow(
        lse=lse,
        lse_kappa=float((abs(m) + log_total) / abs(lse)) if lse else np.inf,
        log_softmax=log_softmax,
        log_softmax_kappa=[float(sp_ / abs(ls)) if ls else (0.0 if not sp_ else np.inf)
                           for sp_, ls in zip(spread, log_softmax)],
        softmax=p,
        softmax_row_kappa=float(max(spread)),
    )


# --- the contenders -----------------------------------------------------------------------------

def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def naive_sigmoid_derivative(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def naive_log_sigmoid(z):
    return -np.log(1 + np.exp(-z))


def naive_logit(p):
    return np.log(p / (1 - p))


def naive_bce_with_logits(z, y):
    s = 1 / (1 + np.exp(-z))
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def naive_softmax(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def naive_log_softmax(x):
    return x - np.log(np.sum(np.exp(x), axis=-1, keepdims=True))


def naive_logsumexp(x):
    return np.log(np.sum(np.exp(x), axis=-1))


def scipy_sigmoid_derivative(z):
    s = sp.expit(z)
    return s * (1 - s)


def scipy_bce_with_logits(z, y):
    return -(y * sp.log_expit(z) + (1 - y) * sp.log_expit(-z))


@dataclass(frozen=True)
class Contender:
    label: str       # "helpers", "naive NumPy" or "scipy.special"
    formula: str
    function: Callable


@dataclass(frozen=True)
class Target:
    kind: str        # "ulp" or "time" (a ratio to scipy's time)
    bound: float
    source: str      # "issue 7" or "docstring"


@dataclass(frozen=True)
class Case:
    """One function of helpers.numerics and what it is compared with."""
    name: str
    domain: str                 # "z", "p", "z, y" or "rows"
    contenders: tuple           # helpers first; scipy last
    targets: tuple
    specials: tuple = ()        # (arguments, expected value): ±inf, nan and infinite answers
    timing_shape: tuple = None  # for row functions


INF, NAN = np.inf, np.nan
ROW_SPECIALS = ([-INF, 0.0], [INF, 0.0], [INF, -INF], [INF, INF], [-INF, -INF], [NAN, 0.0])


def row_specials(expected):
    return tuple(((np.array(row),), np.array(value, dtype=float))
                 for row, value in zip(ROW_SPECIALS, expected))


def cases(sizes):
    n = sizes.timing_size
    row_shapes = ((n // 10, 10), (n // 100, 100))
    the_cases = [
        Case("sigmoid", "z", (
            Contender("helpers", "e = exp(−|z|); (1 or e) / (1 + e), in place", numerics.sigmoid),
            Contender("naive NumPy", "1 / (1 + exp(−z))", naive_sigmoid),
            Contender("scipy.special", "expit(z)", sp.expit)),
            targets=(Target("ulp", 2, "issue 7"), Target("time", 1.5, "issue 7")),
            specials=(((-INF,), 0.0), ((INF,), 1.0), ((NAN,), NAN))),
        Case("log_sigmoid", "z", (
            Contender("helpers", "min(z, 0) − log1p(exp(−|z|))", numerics.log_sigmoid),
            Contender("naive NumPy", "−log(1 + exp(−z))", naive_log_sigmoid),
            Contender("scipy.special", "log_expit(z)", sp.log_expit)),
            targets=(Target("ulp", 2, "docstring"), Target("time", 1.1, "issue 7")),
            specials=(((-INF,), -INF), ((INF,), 0.0), ((NAN,), NAN))),
        Case("sigmoid_derivative", "z", (
            Contender("helpers", "e = exp(−|z|); e / (1 + e)²", numerics.sigmoid_derivative),
            Contender("naive NumPy", "s·(1 − s), s = 1 / (1 + exp(−z))", naive_sigmoid_derivative),
            Contender("scipy.special", "s·(1 − s), s = expit(z) (composed)", scipy_sigmoid_derivative)),
            targets=(Target("ulp", 4, "docstring"),),
            specials=(((-INF,), 0.0), ((INF,), 0.0), ((NAN,), NAN))),
        Case("logit", "p", (
            Contender("helpers", "log1p((2p − 1)/(1 − p)) near ½, else log(p/(1 − p))", numerics.logit),
            Contender("naive NumPy", "log(p / (1 − p))", naive_logit),
            Contender("scipy.special", "logit(p)", sp.logit)),
            targets=(Target("ulp", 3, "docstring"),),
            specials=(((0.0,), -INF), ((1.0,), INF), ((NAN,), NAN), ((-INF,), NAN), ((INF,), NAN),
                      ((-0.5,), NAN), ((2.0,), NAN))),
        Case("bce_with_logits", "z, y", (
            Contender("helpers", "y·max(−z, 0) + (1 − y)·max(z, 0) + log1p(exp(−|z|))",
                      numerics.bce_with_logits),
            Contender("naive NumPy", "−(y·log s + (1 − y)·log(1 − s)), s = 1 / (1 + exp(−z))",
                      naive_bce_with_logits),
            Contender("scipy.special", "−(y·log_expit(z) + (1 − y)·log_expit(−z)) (composed)",
                      scipy_bce_with_logits)),
            targets=(Target("ulp", 2, "docstring"),),
            specials=(((-INF, 1.0), INF), ((INF, 1.0), 0.0), ((-INF, 0.0), 0.0), ((INF, 0.0), INF),
                      ((NAN, 1.0), NAN), ((NAN, 0.0), NAN))),
    ]
    for shape in row_shapes:
        shape_text = f"{count_text(shape[0])} × {shape[1]}"
        the_cases += [
            Case(f"softmax ({shape_text})", "rows", (
                Contender("helpers", "e = exp(x − max); e /= Σ e (in place)", numerics.softmax),
                Contender("naive NumPy", "exp(x) / Σ exp(x)", naive_softmax),
                Contender("scipy.special", "softmax(x, axis=−1)", lambda x: sp.softmax(x, axis=-1))),
                targets=(Target("ulp", 8, "docstring"), Target("time", 1.0, "issue 7")),
                specials=row_specials([[0, 1], [1, 0], [1, 0], [NAN, NAN], [NAN, NAN], [NAN, NAN]]),
                timing_shape=shape),
            Case(f"log_softmax ({shape_text})", "rows", (
                Contender("helpers", "(x − m) − log1p(Σ_{i≠argmax} exp(x − m))", numerics.log_softmax),
                Contender("naive NumPy", "x − log Σ exp(x)", naive_log_softmax),
                Contender("scipy.special", "log_softmax(x, axis=−1)", lambda x: sp.log_softmax(x, axis=-1))),
                targets=(Target("ulp", 2.5, "docstring"),),
                specials=row_specials([[-INF, 0], [0, -INF], [0, -INF], [NAN, NAN], [NAN, NAN],
                                       [NAN, NAN]]),
                timing_shape=shape),
            Case(f"logsumexp ({shape_text})", "rows", (
                Contender("helpers", "m + log1p(Σ_{i≠argmax} exp(x − m))", numerics.logsumexp),
                Contender("naive NumPy", "log Σ exp(x)", naive_logsumexp),
                Contender("scipy.special", "logsumexp(x, axis=−1)", lambda x: sp.logsumexp(x, axis=-1))),
                targets=(Target("ulp", 2.5, "docstring"), Target("time", 0.6, "issue 7")),
                specials=row_specials([0, INF, INF, INF, -INF, NAN]),
                timing_shape=shape),
        ]
    return the_cases


# --- accuracy ------------------------------------------------------------------------------------

@dataclass
class Accuracy:
    max_ulp: float
    worst: str            # the input with the largest error, its result and the exact value
    specials: str         # "right" or what went wrong at ±inf / nan
    warnings: str         # "none" or the distinct messages


class WarningLog:
    """Record every warning raised inside it, NumPy's floating-point ones at their defaults."""

    def __enter__(self):
        self._catch = warnings.catch_warnings(record=True)
        self.records = self._catch.__enter__()
        warnings.simplefilter("always")
        self._errstate = np.errstate(divide="warn", over="warn", invalid="warn", under="ignore")
        self._errstate.__enter__()
        return self

    def __exit__(self, *exc):
        self._errstate.__exit__(*exc)
        return self._catch.__exit__(*exc)

    def summary(self):
        messages = sorted({f"{w.category.__name__}: {w.message}" for w in self.records})
        return "none" if not messages else "yes — " + "; ".join(messages)


def short_row(row):
    values = [repr(float(v)) for v in row]
    return "[" + ", ".join(values[:3]) + (", …" if len(values) > 3 else "") + "]"


def describe_input(case, arguments, index):
    if case.domain == "z, y":
        return f"z = {float(arguments[0][index])!r}, y = {float(arguments[1][index]):g}"
    return f"{case.domain} = {float(arguments[0][index])!r}"


def same_value(computed, expected):
    computed, expected = np.asarray(computed, float), np.asarray(expected, float)
    return computed.shape == expected.shape and bool(np.all(
        (computed == expected) | (np.isnan(computed) & np.isnan(expected))))


def check_specials(case, function):
    """'right (n of n)', or how many of the special inputs gave a wrong value, and which."""
    wrong = []
    for arguments, expected in case.specials:
        try:
            computed = function(*[np.asarray(a, float) for a in arguments])
        except Exception as error:  # noqa: BLE001  (reported, not raised)
            computed = type(error).__name__
        if isinstance(computed, str) or not same_value(computed, expected):
            if case.domain == "rows":
                given = f"{np.asarray(arguments[0]).tolist()}"
            else:
                given = ", ".join(f"{name} = {float(value)!r}"
                                  for name, value in zip(case.domain.split(", "), arguments))
            got = computed if isinstance(computed, str) else np.asarray(computed).tolist()
            wrong.append(f"{given} → {got} (limit {np.asarray(expected).tolist()})")
    if not wrong:
        return f"right ({len(case.specials)} of {len(case.specials)})"
    return f"{len(wrong)} of {len(case.specials)} wrong: " + "; ".join(wrong)


class Grids:
    """The inputs and exact values, built once per run and shared by the cases."""

    def __init__(self, sizes):
        self.sizes = sizes
        self._cache = {}

    def get(self, key, build):
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def elementwise(self, case):
        """(arguments, Reference) for an element-wise case."""
        if case.domain == "p":
            p = self.get("p", lambda: probability_grid(self.sizes))
            arguments, parts = (p,), [(mp_logit, p)]
        elif case.domain == "z, y":  # y = 1: ln(1 + e⁻ᶻ), then y = 0: ln(1 + eᶻ)
            z = self.get("z", lambda: real_line_grid(self.sizes))
            arguments = (np.concatenate([z, z]), np.repeat([1.0, 0.0], z.size))
            parts = [(lambda v: mp_softplus(-v), z), (mp_softplus, z)]
        else:
            z = self.get("z", lambda: real_line_grid(self.sizes))
            arguments, parts = (z,), [(EXACT_ON_THE_REAL_LINE[case.name], z)]
        reference = self.get(case.name, lambda: Reference.of(
            [value for function, points in parts for value in mp_values(function, points)]))
        return arguments, reference

    def rows(self):
        """{length: (rows, [ExactRow])}."""
        def build():
            with mpmath.workdps(DIGITS):
                return {length: (rows, [exact_row(r) for r in rows])
                        for length, rows in grid_rows(self.sizes).items()}
        return self.get("rows", build)

    def row_entries(self, kind):
        """The well-conditioned entries for a row function ("softmax", "log_softmax" or
        "logsumexp"): [(row length, row index, entry index or None)] and their Reference."""
        def build():
            entries, exact = [], []
            for length, (_, exact_rows) in self.rows().items():
                for i, e in enumerate(exact_rows):
                    if kind == "logsumexp":
                        if e.lse_kappa <= 2:
                            entries.append((length, i, None))
                            exact.append(e.lse)
                    elif kind == "log_softmax":
                        for j in range(length):
                            if e.log_softmax_kappa[j] <= 2:
                                entries.append((length, i, j))
                                exact.append(e.log_softmax[j])
                    elif e.softmax_row_kappa <= 8:  # softmax: whole rows
                        entries += [(length, i, j) for j in range(length)]
                        exact += e.softmax
            return entries, Reference.of(exact)
        return self.get(("entries", kind), build)


def row_errors(case, function, grids):
    """Errors (ulp) of a row function on the well-conditioned entries, and the worst one."""
    entries, reference = grids.row_entries(case.name.split()[0])
    computed = {length: np.asarray(function(rows), dtype=float) for length, (rows, _) in grids.rows().items()}
    values = [computed[length][i] if j is None else computed[length][i, j] for length, i, j in entries]
    errors = reference.errors(values)
    worst = int(np.argmax(errors))
    length, i, j = entries[worst]
    row = short_row(grids.rows()[length][0][i])
    place = f"row {row}" if j is None else f"entry {j} of row {row}"
    return errors, f"{place} → {float(values[worst])!r} (exact {mpmath.nstr(reference.exact[worst], 6)})"


def measure_accuracy(case, contender, grids):
    """The contender's Accuracy on the grid (row functions: shared by the timing shapes)."""
    key = ("accuracy", case.name.split()[0], contender.label)
    return grids.get(key, lambda: _measure_accuracy(case, contender, grids))


def _measure_accuracy(case, contender, grids):
    with WarningLog() as log:
        if case.domain == "rows":
            errors, worst = row_errors(case, contender.function, grids)
        else:
            arguments, reference = grids.elementwise(case)
            computed = np.asarray(contender.function(*arguments), dtype=float)
            errors = reference.errors(computed)
            i = int(np.argmax(errors))
            worst = (f"{describe_input(case, arguments, i)} → {float(computed[i])!r} "
                     f"(exact {mpmath.nstr(reference.exact[i], 6)})")
        specials = check_specials(case, contender.function)
    return Accuracy(float(np.max(errors)), worst, specials, log.summary())


def ulp_text(error):
    if np.isinf(error):
        return "∞ (inf or nan where the answer is a number)"
    if error >= np.finfo(float).max:
        return "> 1e308"
    return f"{error:.2f}" if error < 100 else f"{error:.1e}"


# --- speed ---------------------------------------------------------------------------------------

def timing_arguments(case, size, rng):
    if case.domain == "rows":
        return (rng.standard_normal(case.timing_shape) * 3,)
    if case.domain == "p":
        return (rng.uniform(0, 1, size),)
    z = rng.uniform(-40, 40, size)
    if case.domain == "z, y":
        return z, rng.integers(0, 2, size).astype(float)
    return (z,)


def median_times(functions, repeats):
    """{label: median seconds} of each zero-argument callable, called in turn (round-robin)
    after one warm-up call each, so that a change in load hits every one alike."""
    times = {label: [] for label in functions}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for f in functions.values():
            f()
        for _ in range(repeats):
            for label, f in functions.items():
                started = time.perf_counter()
                f()
                times[label].append(time.perf_counter() - started)
    return {label: statistics.median(t) for label, t in times.items()}


def target_text(target, max_ulp, ratio):
    if target.kind == "ulp":
        measured = ulp_text(max_ulp)
        return f"≤ {target.bound:g} ulp ({target.source}): " + verdict(max_ulp, target.bound, f"{measured} ulp")
    return (f"≤ {target.bound:g}× scipy ({target.source}): "
            + verdict(ratio, target.bound, f"{ratio:.2f}×"))


def numerics_intro(sizes, grids):
    z = grids.get("z", lambda: real_line_grid(sizes))
    p = grids.get("p", lambda: probability_grid(sizes))
    rows = grids.rows()
    return f"""
Each function of `helpers.numerics` against the naive NumPy formula and `scipy.special`.
**Max error** is in ulp against an mpmath reference at {DIGITS} digits, over a grid of finite inputs
covering the whole float64 range: {z.size:,} values of z from −1.8e308 to 1.8e308 (every binade, both
signs, subnormal results included), {p.size:,} values of p in [0, 1], and {sum(r.shape[0] for r, _ in rows.values()):,}
rows of lengths {", ".join(str(k) for k in rows)}. An infinity or nan where the answer is a number counts as ∞.
For the row functions only well-conditioned entries count (condition number κ ≤ 2; for softmax, rows
whose κ ≤ 8 — tests/test_numerics_accuracy.py explains κ): elsewhere any algorithm loses digits.
**±inf, nan** says whether inputs ±inf and nan, and finite inputs whose answer is infinite, give the
mathematically right value or limit (nan where there is none). **Warnings**: what a call raises with
NumPy's default error settings. **Time**: the median of {sizes.timing_repeats} calls on
{count_text(sizes.timing_size)} values (z uniform on [−40, 40], p uniform on [0, 1], rows standard normal × 3,
in the shape given), the three contenders called in turn; **× scipy** is the ratio to the scipy.special row.
"""


def numerics_table(sizes):
    grids = Grids(sizes)
    rng = np.random.default_rng(7)
    rows = []
    for case in cases(sizes):
        started = time.perf_counter()
        accuracy = {c.label: measure_accuracy(case, c, grids) for c in case.contenders}
        accuracy_seconds, started = time.perf_counter() - started, time.perf_counter()
        arguments = timing_arguments(case, sizes.timing_size, rng)
        times = median_times({c.label: (lambda f=c.function: f(*arguments)) for c in case.contenders},
                             sizes.timing_repeats)
        progress(f"numerics: {case.name}: accuracy {accuracy_seconds:.1f} s, "
                 f"timing {time.perf_counter() - started:.1f} s")
        for contender in case.contenders:
            a, t = accuracy[contender.label], times[contender.label]
            ratio = t / times["scipy.special"]
            targets = "—"
            if contender.label == "helpers":
                targets = " · ".join(target_text(target, a.max_ulp, ratio) for target in case.targets)
            rows.append([case.name if contender.label == "helpers" else "", contender.label,
                         contender.formula, ulp_text(a.max_ulp), a.worst, a.specials, a.warnings,
                         seconds(t), f"{ratio:.2f}×", targets])
    return Table(
        TITLES["numerics"],
        intro=numerics_intro(sizes, grids),
        header=["function", "contender", "formula", "max error (ulp)", "worst input", "±inf, nan",
                "warnings", "time", "× scipy", "target"],
        rows=rows,
        notes=["sigmoid_derivative and bce_with_logits have no scipy.special counterpart: their scipy rows "
               "are the formulas a scipy user would write (marked *composed*). Limits for rows: "
               "softmax([inf, 0]) → [1, 0] and log_softmax([inf, 0]) → [0, −inf] as the first entry grows; "
               "[inf, inf] and [−inf, −inf] have none (nan). There helpers returns nan, as scipy does, by "
               "design (its docstrings say so)."])


# =============================================================================================
# 2. Course execution and 3. Widgets: notebooks run headless with nbclient
# =============================================================================================

# The floor: what every chapter starts with (its set-up cell), so that a chapter's time minus the
# floor's is the time of its own content.
FLOOR_SOURCE = """\
import numpy as np
import matplotlib.pyplot as plt

from helpers import sigmoid
from helpers import plots, widgets, data
from helpers.checks import check, hint, quiz

plots.use_course_style()"""

# Quick mode runs this instead of the chapters (seconds, and independent of chapters being
# written): the floor plus one explorer, so that every code path of tables 2 and 3 still runs.
SMOKE_EXPLORER = "widgets.sigmoid_explorer()"

RESULT_MARKER = "BENCHMARK-RESULT:"


@dataclass
class NotebookEntry:
    name: str          # how the tables name it
    nb: object         # the notebook (nbformat.NotebookNode)
    is_chapter: bool   # counts for the target and for the whole course


def chapter_notebooks(chapters, folders=("solutions", "notebooks")):
    """The chapter notebooks that exist now, solutions/ first; only ``chapters`` if given."""
    paths = []
    for folder in folders:
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            if chapters is None or path.name[:2] in chapters:
                paths.append(path)
    return paths


def new_notebook(*sources):
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def read_notebook(path):
    import nbformat
    return nbformat.read(path, as_version=4)


def notebooks_to_run(sizes, chapters, folders):
    """The smoke notebook in quick mode, then the chapters' notebooks (named by their path)."""
    entries = []
    if sizes.quick:
        entries.append(NotebookEntry(f"smoke notebook (quick mode): the floor + `{SMOKE_EXPLORER}`",
                                     new_notebook(FLOOR_SOURCE, SMOKE_EXPLORER), is_chapter=False))
    entries += [NotebookEntry(str(path.relative_to(ROOT)), read_notebook(path), is_chapter=True)
                for path in chapter_notebooks(chapters, folders)]
    return entries


def kernel_environment():
    """The environment of each kernel: helpers importable from this repository, whatever the cwd."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def execute_copy(nb, timeout=600):
    """Execute a copy of ``nb`` in a fresh kernel in a temporary folder, as build_notebooks does.

    Returns (seconds from starting the kernel to shutting it down, the executed copy).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a deep copy: the caller's stays as it was
    with tempfile.TemporaryDirectory(prefix="benchmark-nb-") as folder:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                store_widget_state=False, resources={"metadata": {"path": folder}})
        started = time.perf_counter()
        # the kernel's stderr only says that it listens on TCP unencrypted; errors in cells are
        # reported by nbclient, and a dead kernel raises DeadKernelError
        client.execute(env=kernel_environment(), stderr=subprocess.DEVNULL)
        return time.perf_counter() - started, nb


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def failure(error):
    """A failed run, in one line: the error's type and its message's last line (no colours)."""
    text = ANSI_ESCAPE.sub("", str(error)).strip().splitlines()
    last = next((line for line in reversed(text) if line.strip()), type(error).__name__)
    return f"failed: {type(error).__name__}: {last[:160]}"


def execution_table(sizes, chapters):
    entries = [NotebookEntry("kernel only (a notebook with no cells)", new_notebook(), is_chapter=False),
               NotebookEntry("**floor** (the set-up cell above)", new_notebook(FLOOR_SOURCE), is_chapter=False)]
    entries += notebooks_to_run(sizes, chapters, folders=("solutions", "notebooks"))
    times = {entry.name: [] for entry in entries}
    failed = {}
    for repeat in range(sizes.execution_repeats):
        for entry in entries:
            if entry.name in failed:
                continue
            progress(f"execution {repeat + 1}/{sizes.execution_repeats}: {entry.name}")
            try:
                times[entry.name].append(execute_copy(entry.nb)[0])
            except Exception as error:  # noqa: BLE001  (a chapter being written may fail: report it)
                failed[entry.name] = failure(error)
    median = {name: statistics.median(t) for name, t in times.items() if t and name not in failed}
    floor_time = median.get(entries[1].name)
    table = Table(
        TITLES["execution"],
        intro=f"""
Each notebook of solutions/ and notebooks/ executed headless from top to bottom, as
`tools/build_notebooks.py` does (nbclient, a fresh `python3` kernel), on a copy in a temporary folder.
The time runs from starting the kernel to shutting it down; it is the median of
{sizes.execution_repeats} run(s), the notebooks taken in turn. The **floor** is a notebook holding
only the course's set-up cell (kernel start + the course's imports):

```python
{FLOOR_SOURCE}
```
""",
        header=["notebook", "time", "above the floor", "target: ≤ 3 s above the floor (issue 7)"])
    chapter_times = []
    for entry in entries:
        if entry.name in failed:
            table.rows.append([entry.name, failed[entry.name], "—", "—"])
            continue
        t = median[entry.name]
        above = None if floor_time is None or entry is entries[1] or entry is entries[0] else t - floor_time
        target = "—"
        if entry.is_chapter:
            chapter_times.append(t)
            if above is not None:
                target = verdict(above, 3.0, f"{above:.2f} s above")
        table.rows.append([entry.name, seconds(t), "—" if above is None else f"{above:+.2f} s", target])
    table.rows.append([f"**whole course** ({len(chapter_times)} notebooks, one after the other)",
                       seconds(sum(chapter_times)) if chapter_times else "—", "—", "—"])
    return table


# --- 3. Widgets --------------------------------------------------------------------------------

def sweep_explorers(values_per_control, marker):
    """Runs in the kernel, after the chapter: time each explorer's redraw over a sweep of values.

    Finds every helpers.widgets.Explorer alive in the kernel (with gc), and for each control
    sets ~values_per_control values across its range, one at a time, timing each assignment
    (control.value = v calls the redraw synchronously). Each control goes back to its value
    afterwards, untimed. Prints one line: marker + JSON.
    """
    import gc
    import json
    import time

    import numpy as np
    from helpers.widgets import Explorer

    def sweep(control):
        """(attribute to set, values to set it to), the current value left out."""
        current = control.value
        if isinstance(current, bool):  # Checkbox, ToggleButton
            return "value", [not current, current] * max(1, values_per_control // 2)
        if hasattr(control, "options") and hasattr(control, "index"):  # Dropdown, SelectionSlider…
            indices = np.linspace(0, len(control.options) - 1, values_per_control).round().astype(int)
            return "index", [int(i) for i in dict.fromkeys(indices.tolist()) if i != control.index]
        if hasattr(control, "min") and hasattr(control, "max") and isinstance(current, (int, float)):
            values = np.linspace(control.min, control.max, values_per_control)
            step = getattr(control, "step", None)
            if step:  # on the slider's grid, as dragging would give
                values = np.clip(control.min + np.round((values - control.min) / step) * step,
                                 control.min, control.max)
            cast = int if isinstance(current, int) else float
            return "value", [v for v in dict.fromkeys(cast(v) for v in values.tolist()) if v != current]
        return None, []

    results = []
    for explorer in {id(o): o for o in gc.get_objects() if isinstance(o, Explorer)}.values():
        per_control, swept, skipped = {}, [], []
        for name, control in explorer.controls.items():
            attribute, values = sweep(control)
            if not values:
                skipped.append(name)
                continue
            original = getattr(control, attribute)
            times = []
            for value in values:
                started = time.perf_counter()
                setattr(control, attribute, value)
                times.append(time.perf_counter() - started)
            setattr(control, attribute, original)
            per_control[name] = times
            swept.append(f"{name} ({len(values)})")
        draw = getattr(explorer.draw, "__qualname__", type(explorer.draw).__name__)
        results.append({"draw": draw, "controls": list(explorer.controls), "swept": swept,
                        "skipped": skipped, "times": per_control})
    results.sort(key=lambda r: (r["draw"], r["controls"]))
    print(marker + json.dumps(results))


# read once, at import: the source as it is when the run starts
SWEEP_SOURCE = inspect.getsource(sweep_explorers)


def widget_sweep_cell(values_per_control):
    """A code cell defining sweep_explorers (its source, from this file) and calling it."""
    return f"{SWEEP_SOURCE}\nsweep_explorers({values_per_control}, {RESULT_MARKER!r})\n"


def sweep_results(nb):
    for output in nb.cells[-1].get("outputs", []):
        if output.get("output_type") == "stream":
            for line in output.get("text", "").splitlines():
                if line.startswith(RESULT_MARKER):
                    return json.loads(line[len(RESULT_MARKER):])
    raise RuntimeError("the sweep cell printed no result")


def widget_rows(name, results):
    if not results:
        return [[name, "no Explorer found", "—", "—", "—", "—", "—", "—"]]
    rows = []
    for result in results:
        swept = ", ".join(result["swept"]) + (
            f"; not swept: {', '.join(result['skipped'])}" if result["skipped"] else "")
        all_times = [t for times in result["times"].values() for t in times]
        if not all_times:
            rows.append([name, f"`{result['draw']}`", swept or "—", "0", "—", "—", "—", "—"])
            continue
        median = statistics.median(all_times)
        slowest = max(result["times"], key=lambda control: statistics.median(result["times"][control]))
        rows.append([name, f"`{result['draw']}`", swept, str(len(all_times)), seconds(median),
                     seconds(float(np.percentile(all_times, 95))),
                     f"{slowest}: {seconds(statistics.median(result['times'][slowest]))}",
                     verdict(median, 0.1, f"median {seconds(median)}")])
    return rows


def widgets_table(sizes, chapters):
    import nbformat

    table = Table(
        TITLES["widgets"],
        intro=f"""
The time of one explorer update: setting a control's value, which calls the explorer's redraw
(draw the figure, render it to PNG, replace the output) synchronously in the kernel. Each chapter
of solutions/ is executed (nbclient, fresh kernel, temporary folder); then, in the same kernel, every
`helpers.widgets.Explorer` alive is found with `gc.get_objects()`, and each of its controls in turn
is set to {sizes.sweep_values} values spread over its range (on the slider's step grid; the other
controls at their initial values), each assignment timed. Median and 95th percentile are over all the
explorer's updates; the slowest control is the one with the largest median.
""",
        header=["chapter", "explorer (draw function)", "controls swept (values)", "updates",
                "median", "95th percentile", "slowest control (median)", "target: median ≤ 100 ms (issue 7)"])
    for entry in notebooks_to_run(sizes, chapters, folders=("solutions",)):
        progress(f"widgets: {entry.name}")
        nb = json.loads(json.dumps(entry.nb))
        nb["cells"].append(nbformat.v4.new_code_cell(widget_sweep_cell(sizes.sweep_values)))
        name = Path(entry.name).stem if entry.is_chapter else entry.name
        try:
            results = sweep_results(execute_copy(nb)[1])
        except Exception as error:  # noqa: BLE001  (a chapter being written may fail: report it)
            table.rows.append([name, failure(error), "—", "—", "—", "—", "—", "—"])
            continue
        table.rows += widget_rows(name, results)
    if not table.rows:
        table.notes.append("No chapter notebook was found.")
    return table


# =============================================================================================
# 4. Set-up
# =============================================================================================

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


# =============================================================================================
# The report
# =============================================================================================

def not_run(name):
    return Table(TITLES[name], intro="Not run this time (see `--tables`).", header=[])


def report(sizes, tables, chapters, command):
    load_before = os.getloadavg()[0]
    sections = []
    for name in TABLES:
        if name not in tables:
            sections.append(not_run(name))
            continue
        started = time.perf_counter()
        if name == "numerics":
            sections.append(numerics_table(sizes))
        elif name == "execution":
            sections.append(execution_table(sizes, chapters))
        elif name == "widgets":
            sections.append(widgets_table(sizes, chapters))
        else:
            sections.append(setup_table(sizes))
        progress(f"{name}: {time.perf_counter() - started:.1f} s")
    load_after = os.getloadavg()[0]
    parts = [header(sizes, command, load_before, load_after)] + [render_section(s) for s in sections]
    return "\n\n".join(parts) + "\n"


def parse_arguments(args):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a smoke notebook instead of the chapters, no install "
                             "(seconds, not minutes)")
    parser.add_argument("--output", help="where to write the report; '-' for stdout "
                        "(default: BENCHMARKS.md at the repository root, or stdout with --quick)")
    parser.add_argument("--tables", default=",".join(TABLES),
                        help=f"which tables to run, comma-separated (default: all of {','.join(TABLES)})")
    parser.add_argument("--chapters", help="only these chapters for tables 2 and 3, e.g. 00,01 "
                        "(default: every chapter that exists; none with --quick)")
    options = parser.parse_args(args)
    tables = [t.strip() for t in options.tables.split(",") if t.strip()]
    unknown = set(tables) - set(TABLES)
    if unknown:
        parser.error(f"unknown table(s): {', '.join(sorted(unknown))}; choose from {', '.join(TABLES)}")
    options.tables = tables
    return options


def main(args=None):
    args = sys.argv[1:] if args is None else list(args)
    options = parse_arguments(args)
    sizes = QUICK if options.quick else FULL
    chapters = (tuple(c.strip() for c in options.chapters.split(",")) if options.chapters
                else sizes.default_chapters)
    command = "python tools/benchmark.py" + (" --quick" if options.quick else "")
    if options.tables != list(TABLES):
        command += f" --tables {','.join(options.tables)}"
    if options.chapters:
        command += f" --chapters {options.chapters}"
    text = report(sizes, options.tables, chapters, command)
    output = options.output or ("-" if options.quick else str(ROOT / "BENCHMARKS.md"))
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        progress(f"wrote {output}")
    return text


if __name__ == "__main__":
    main()
