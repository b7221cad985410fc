"""Table 1, numerics: each helpers.numerics function against the naive NumPy formula and scipy.special.

The largest error in ulp against the 50-digit mpmath reference of tools/exact.py (the one the accuracy
tests use) over a dense grid of the float64 range, whether ±inf and nan give the right limit, the
warnings raised, and the time on 10⁷ values."""

import statistics
import time
import warnings
from dataclasses import dataclass
from typing import Callable

import mpmath
import numpy as np
import scipy.special as sp

from helpers import numerics
from tools.bench.report import TITLES, Table, count_text, progress, seconds, verdict
from tools.exact import (
    DIGITS, EXACT_ON_THE_REAL_LINE, exact_row, mp_logit, mp_softplus, mp_values, to_double, ulp_of,
)


# --- measuring errors in ulp against the mpmath reference -------------------------------------

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
