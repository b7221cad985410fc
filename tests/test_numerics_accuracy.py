"""Accuracy of helpers.numerics against a 50-digit reference (mpmath).

The error of a computed double c against the exact value x is measured in ulp:

    err = |c − x| / spacing(|round(x)|)

where round(x) is x correctly rounded to a double and spacing is np.spacing (the gap to the
next double up); where x rounds to 0 the gap is the smallest subnormal, 5e-324. A correctly
rounded function has err ≤ 0.5.

The float side is evaluated once per function on a whole array; mpmath evaluates a few
thousand points per function. The inputs cover the whole float64 range: one point in every
binade from the smallest subnormal to the largest double (both signs), points straddling
0, ±1, ±37, ±709 and ±745 (where exp and the sigmoid underflow or round to 1), and a seeded
random sample.
"""

import functools

import mpmath
import numpy as np
import pytest

from helpers.numerics import (
    bce_with_logits,
    log_sigmoid,
    log_softmax,
    logit,
    logsumexp,
    sigmoid,
    sigmoid_derivative,
    softmax,
)
from tools.exact import DIGITS, exact_row, ulp_errors

SMALLEST_SUBNORMAL = 5e-324
LN2 = float(np.log(2.0))


@pytest.fixture(autouse=True)
def fifty_digits():
    """Every mpmath computation in these tests runs at 50 digits, without changing mpmath's
    global precision for other test files."""
    with mpmath.workdps(DIGITS):
        yield


# --- measuring errors ---------------------------------------------------------------------

def describe(x):
    """An input, written so that it can be pasted back: full precision, rows as lists."""
    if isinstance(x, tuple):  # (row, index) for an entry of softmax/log_softmax
        return f"entry {x[1]} of row {describe(x[0])}"
    if isinstance(x, np.ndarray) and x.ndim:
        return repr(x.tolist())
    return repr(float(x))


def select(items, mask):
    return [item for item, keep in zip(items, mask) if keep]


def check(name, errors, inputs, computed, exact, bound):
    """Assert max(errors) ≤ bound, naming the worst input, its result and its error."""
    worst = int(np.argmax(errors))
    message = (f"{name}: worst error {errors[worst]:.3f} ulp > {bound} at input "
               f"{describe(inputs[worst])}: computed {float(computed[worst])!r}, "
               f"exact {mpmath.nstr(exact[worst], 25)}")
    assert errors[worst] <= bound, message


# --- inputs -------------------------------------------------------------------------------

def binade_points():
    """One double in every binade [2^k, 2^(k+1)), k = -1074 … 1023, with a varying mantissa."""
    k = np.arange(-1074, 1024)
    mantissa = 1 + (k * 0.6180339887498949) % 1  # deterministic, spread over [1, 2)
    return np.ldexp(mantissa, k)  # rounds to the subnormal grid where k < -1022


def straddle(centre, steps=(1, 2, 3), offsets=(1e-12, 1e-6, 1e-3, 0.1, 0.5)):
    """Points at and just either side of ``centre``: a few ulp away and a little further."""
    points = [centre]
    for n in steps:
        up = down = centre
        for _ in range(n):
            up, down = np.nextafter(up, np.inf), np.nextafter(down, -np.inf)
        points += [up, down]
    points += [centre + d for d in offsets] + [centre - d for d in offsets]
    return points


def real_line_inputs():
    """The inputs for functions defined on the whole real line."""
    rng = np.random.default_rng(20240601)
    positive = binade_points()
    special = [0.0, -0.0, SMALLEST_SUBNORMAL, -SMALLEST_SUBNORMAL, np.finfo(float).max,
               -np.finfo(float).max, np.finfo(float).tiny, -np.finfo(float).tiny]
    for c in (0.0, 1.0, 37.0, 709.0, 709.782712893384, 745.0, 745.1332191019412):
        special += straddle(c) + straddle(-c)
    # sigmoid and sigmoid_derivative results that are subnormal or near the underflow edge
    special += list(np.linspace(-746.0, -700.0, 301)) + list(np.linspace(700.0, 746.0, 101))
    sample = np.concatenate([
        rng.choice([-1.0, 1.0], 600) * np.exp2(rng.uniform(-1074, 1024, 600)),
        rng.uniform(-750, 750, 600),
        rng.uniform(-40, 40, 600),
        rng.standard_normal(300),
    ])
    z = np.concatenate([positive, -positive, special, sample])
    return np.unique(z)  # sorted, no repeats


Z = real_line_inputs()
ZM = [mpmath.mpf(float(z)) for z in Z]  # exact: a double fits in an mpf at any precision


# --- the sigmoid and its relatives --------------------------------------------------------

def test_sigmoid_within_2_ulp_everywhere():
    computed = sigmoid(Z)
    exact = [1 / (1 + mpmath.exp(-z)) for z in ZM]
    errors = ulp_errors(computed, exact)
    assert np.any((computed > 0) & (computed < np.finfo(float).tiny))  # subnormal results
    check("sigmoid", errors, Z, computed, exact, 2)


def test_sigmoid_derivative_within_4_ulp_everywhere():
    computed = sigmoid_derivative(Z)
    exact = []
    for z in ZM:
        s = 1 / (1 + mpmath.exp(-z))
        exact.append(s / (1 + mpmath.exp(z)))  # σ(z)·(1 − σ(z)), with 1 − σ(z) = σ(−z)
    errors = ulp_errors(computed, exact)
    assert np.any((computed > 0) & (computed < np.finfo(float).tiny))  # subnormal results
    check("sigmoid_derivative", errors, Z, computed, exact, 4)


def test_log_sigmoid_within_2_ulp_everywhere():
    computed = log_sigmoid(Z)
    exact = [-mpmath.log1p(mpmath.exp(-z)) for z in ZM]
    errors = ulp_errors(computed, exact)
    check("log_sigmoid", errors, Z, computed, exact, 2)


@pytest.mark.parametrize("label", [0, 1])
def test_bce_with_logits_within_2_ulp_everywhere(label):
    computed = bce_with_logits(Z, label)
    # y = 1: −ln σ(z) = ln(1 + e⁻ᶻ);  y = 0: −ln(1 − σ(z)) = ln(1 + eᶻ)
    sign = -1 if label == 1 else 1
    exact = [mpmath.log1p(mpmath.exp(sign * z)) for z in ZM]
    errors = ulp_errors(computed, exact)
    check(f"bce_with_logits(z, {label})", errors, Z, computed, exact, 2)


def probability_inputs():
    """p in [0, 1]: every binade near 0 (subnormals included), near ½ and near 1."""
    rng = np.random.default_rng(7)
    near_zero = binade_points()[:1074]  # 2^-1074 … just below 1/2
    near_one = 1 - np.ldexp(1.0, -np.arange(1, 54))  # 1 - 2^-k, exact
    near_half = [0.5 + d * s for d in np.ldexp(1.0, -np.arange(2, 60)) for s in (1, -1)]
    special = [0.0, 1.0, np.nextafter(1.0, 0), np.nextafter(0.0, 1), np.finfo(float).tiny]
    for c in (0.5, 0.3, 0.65, 0.25, 0.75, 0.1, 0.9):  # 0.3 and 0.65 are where logit switches
        special += straddle(c, offsets=(1e-12, 1e-6, 1e-3, 0.01))
    sample = np.concatenate([rng.uniform(0, 1, 1500), np.exp2(rng.uniform(-1074, 0, 300)),
                             1 - np.exp2(rng.uniform(-53, 0, 300))])
    return np.unique(np.concatenate([near_zero, near_one, near_half, special, sample]))


def test_logit_within_3_ulp_on_0_1():
    p = probability_inputs()
    assert p.min() == 0 and p.max() == 1 and np.any((p > 0) & (p < np.finfo(float).tiny))
    computed = logit(p)
    exact = []
    for q in p:
        q = mpmath.mpf(float(q))
        exact.append(mpmath.log(q) - mpmath.log1p(-q) if 0 < q < 1
                     else mpmath.ninf if q == 0 else mpmath.inf)
    errors = ulp_errors(computed, exact)
    check("logit", errors, p, computed, exact, 3)


# --- logsumexp, log_softmax, softmax ------------------------------------------------------

def random_rows():
    """Seeded rows of lengths 2..50 at scales from 1e-3 to 1e300, with some special shapes."""
    rng = np.random.default_rng(12345)
    rows = [np.array(r, dtype=float) for r in (
        [1000.0, 1001.0], [-1000.0, -1000.0], [-LN2, -LN2], [0.0, 0.0], [0.0, -1000.0],
        [1e300, -1e300], [1e300, 1e300], [-1e300, -1e300, -1e300], [5e-324, 0.0],
        [0.0, -745.0], [0.0, -740.0, -740.0], [1.0, 1.0, 1.0, 1.0], [709.0, 709.5, 708.0],
        [-709.0, -745.0, -746.0], [1e-3, -1e-3], [100.0, 60.0, 0.0, -30.0],
    )]
    for _ in range(200):  # mixed signs, log-uniform scale between 1e-3 and 1e3
        n = rng.integers(2, 51)
        rows.append(rng.standard_normal(n) * 10 ** rng.uniform(-3, 3))
    for _ in range(40):  # huge scales
        n = rng.integers(2, 51)
        rows.append(rng.standard_normal(n) * 10 ** rng.uniform(3, 300))
    for _ in range(40):  # one dominant entry
        n = rng.integers(2, 51)
        row = rng.standard_normal(n)
        row[rng.integers(n)] += rng.uniform(5, 50)
        rows.append(row)
    for _ in range(30):  # a common offset: softmax and log_softmax do not depend on it
        n = rng.integers(2, 51)
        rows.append(rng.choice([-1, 1]) * 10 ** rng.uniform(1, 6) + rng.standard_normal(n))
    for _ in range(10):  # logsumexp ≈ 0: the maximum and the log term nearly cancel
        row = rng.standard_normal(rng.integers(2, 10))
        rows.append(row - np.logaddexp.reduce(row))
    return rows


ROWS = random_rows()


@functools.cache
def exact_rows():
    """exact_row of every row in ROWS, computed once (at 50 digits) for the three tests."""
    with mpmath.workdps(DIGITS):
        return [exact_row(row) for row in ROWS]


def test_logsumexp_within_2_5_ulp_where_well_conditioned():
    # logsumexp(x) = m + ln(1 + s), m = max x, s = Σ_{i≠argmax} exp(xᵢ − m). When m < 0 and
    # ln(1 + s) ≈ −m the two nearly cancel (e.g. [−ln 2, −ln 2] gives ~2e-17): rounding m
    # or ln(1 + s) by half an ulp is then a huge relative error in the result, whatever
    # the algorithm. The condition number of that final addition is
    #     κ = (|m| + ln(1 + s)) / |logsumexp(x)|   (≥ 1),
    # and the 2.5 ulp target applies to rows with κ ≤ 2. On the other rows the error
    # must still be explained by κ: at most 2.5·κ ulp.
    inputs, computed, exact, kappa = [], [], [], []
    for row, ex in zip(ROWS, exact_rows()):
        inputs.append(row)
        computed.append(logsumexp(row))
        exact.append(ex.lse)
        kappa.append(float((abs(ex.m) + (ex.lse - ex.m)) / abs(ex.lse)) if ex.lse else np.inf)
    errors = ulp_errors(computed, exact)
    kappa = np.array(kappa)
    well = kappa <= 2
    assert well.sum() > 0.9 * len(ROWS) and (~well).sum() >= 5
    check("logsumexp", errors[well], select(inputs, well), select(computed, well),
          select(exact, well), 2.5)
    check("logsumexp (error / 2.5κ, all rows)", errors / (2.5 * kappa), inputs, computed,
          exact, 1)


def test_log_softmax_within_2_5_ulp_where_well_conditioned():
    # log_softmax(x)ᵢ = dᵢ − ln(1 + s), dⱼ = xⱼ − m. Both terms are ≤ 0, so the final
    # subtraction never cancels; but each dⱼ is rounded once (to half an ulp, a relative
    # error ≤ 2^-53) before it enters s, and that is amplified by the condition number of
    # log_softmaxᵢ with respect to the dⱼ:
    #     κᵢ = Σⱼ |δᵢⱼ − softmaxⱼ|·|dⱼ| / |log_softmaxᵢ|.
    # κᵢ ≤ 1 for every entry but the largest ones, whose log-probability −ln(1 + s) ≈ −s
    # can be tiny: e.g. for [0.7, −29.3], κ ≈ 30, and the first entry, ≈ −e⁻³⁰, comes out
    # ~13 ulp off (any algorithm that rounds −29.3 − 0.7 would). The 2.5 ulp target
    # applies to entries with κᵢ ≤ 2; every entry must be within 2.5 + κᵢ ulp.
    inputs, computed, exact, kappa = [], [], [], []
    for row, ex in zip(ROWS, exact_rows()):
        for i, (value, ls, spread) in enumerate(zip(log_softmax(row), ex.log_softmax,
                                                    ex.spread)):
            inputs.append((row, i))
            computed.append(value)
            exact.append(ls)
            kappa.append(float(spread / abs(ls)) if ls else 0.0 if not spread else np.inf)
    errors = ulp_errors(computed, exact)
    kappa = np.array(kappa)
    well = kappa <= 2
    assert well.sum() > 0.9 * len(kappa) and (~well).sum() >= 20
    check("log_softmax", errors[well], select(inputs, well), select(computed, well),
          select(exact, well), 2.5)
    check("log_softmax (error − κ, all entries)", errors - kappa, inputs, computed, exact,
          2.5)


def test_softmax_within_8_ulp_on_well_conditioned_rows():
    # softmax(x)ᵢ = exp(dᵢ) / Σⱼ exp(dⱼ), dⱼ = xⱼ − m. Each dⱼ is rounded once, a relative
    # error ≤ 2^-53, i.e. an absolute error up to |dⱼ|·2^-53 in the exponent, which exp
    # turns into a relative error of that size: softmax is ill-conditioned in the dⱼ when
    # entries that matter lie far below the maximum. The condition number of softmaxᵢ is
    #     κᵢ = Σⱼ |δᵢⱼ − softmaxⱼ|·|dⱼ|
    # (random rows of scale 1 have κ ≈ 1-5; scale 100 gives κ in the hundreds). A row is
    # well conditioned when all its κᵢ ≤ 8; there every entry is within 8 ulp. Every
    # entry of every row, subnormal ones included, must be within 8 + κᵢ ulp.
    inputs, computed, exact, kappa, well = [], [], [], [], []
    for row, ex in zip(ROWS, exact_rows()):
        row_well = max(ex.spread) <= 8
        for i, (value, sm, spread) in enumerate(zip(softmax(row), ex.softmax, ex.spread)):
            inputs.append((row, i))
            computed.append(value)
            exact.append(sm)
            kappa.append(float(spread))
            well.append(row_well)
    errors = ulp_errors(computed, exact)
    kappa, well = np.array(kappa), np.array(well)
    assert sum(max(ex.spread) <= 8 for ex in exact_rows()) >= 150
    check("softmax", errors[well], select(inputs, well), select(computed, well),
          select(exact, well), 8)
    check("softmax (error − κ, all entries)", errors - kappa, inputs, computed, exact, 8)
