"""The exact values the course's numerics are measured against: mpmath at 50 digits.

Shared by tests/test_numerics_accuracy.py (the accuracy targets) and tools/bench/numerics.py (the
benchmark's accuracy table), so that both measure against one reference:

* ``to_double`` rounds an mpf correctly to the nearest double, and ``ulp_of`` is the size of one
  unit in the last place there, so an error can be counted in ulp;
* ``mp_sigmoid``, ``mp_logit``, ``mp_softplus`` and ``EXACT_ON_THE_REAL_LINE`` are the exact functions;
* ``exact_row`` gives a row's exact logsumexp, log_softmax and softmax with the data their condition
  numbers need.

Call them inside ``mpmath.workdps(DIGITS)`` (or use ``mp_values``)."""

from fractions import Fraction
from typing import NamedTuple

import mpmath
import numpy as np

DIGITS = 50  # the reference's precision, in decimal digits

# --- rounding to double, and the size of an ulp -------------------------------------------

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

def ulp_errors(computed, exact):
    """The error in ulp of each computed double against the matching mpf in ``exact``."""
    computed = np.asarray(computed, dtype=np.float64).ravel()
    errors = np.empty(computed.size)
    for i, (c, x) in enumerate(zip(computed, exact)):
        c = float(c)
        if mpmath.isinf(x) or np.isinf(c) or np.isnan(c):
            errors[i] = 0.0 if c == float(x) else np.inf
            continue
        gap = ulp_of(to_double(x))
        errors[i] = float(abs(mpmath.mpf(c) - x) / mpmath.mpf(float(gap)))
    return errors


# --- exact values ----------------------------------------------------------------------------

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


class Exact(NamedTuple):
    """The exact logsumexp, log_softmax and softmax of a row, and what their conditioning needs
    (tests/test_numerics_accuracy.py explains the condition numbers where it uses them)."""
    m: mpmath.mpf                # the row's maximum
    lse: mpmath.mpf              # logsumexp = m + log1p(s)
    log_softmax: list            # (xᵢ − m) − log1p(s)
    softmax: list                # exp(xᵢ − m) / (1 + s)
    spread: list                 # Σⱼ |δᵢⱼ − softmaxⱼ|·|xⱼ − m|

    @property
    def lse_kappa(self):
        """κ of logsumexp's final addition m + ln(1 + s): (|m| + ln(1 + s)) / |logsumexp|."""
        return float((abs(self.m) + (self.lse - self.m)) / abs(self.lse)) if self.lse else np.inf

    @property
    def log_softmax_kappa(self):
        """κᵢ of each log_softmaxᵢ with respect to the rounded dⱼ = xⱼ − m: spreadᵢ / |log_softmaxᵢ|."""
        return [float(spread / abs(value)) if value else (0.0 if not spread else np.inf)
                for spread, value in zip(self.spread, self.log_softmax)]

    @property
    def softmax_row_kappa(self):
        """The largest spread of the row: how much rounding the dⱼ can move any softmaxᵢ, relatively."""
        return float(max(self.spread))


def exact_row(row):
    """The exact results for one row, as mpfs (at the current mpmath precision)."""
    x = [mpmath.mpf(float(v)) for v in row]
    top = int(np.argmax(row))
    m = x[top]
    d = [v - m for v in x]
    # s = Σ_{i≠top} exp(xᵢ − m), so that ln(1 + s) = log1p(s) keeps the digits of a tiny s
    # (1 + s rounds to 1 at 50 digits once s < 1e-50). Terms below e^-3000 are left out:
    # they cannot change any result at double precision, and skipping them saves time.
    terms = [mpmath.exp(v) if v > -3000 else mpmath.mpf(0) for v in d]
    terms[top] = mpmath.mpf(0)
    s = mpmath.fsum(terms)
    log_total = mpmath.log1p(s)
    terms[top] = mpmath.mpf(1)
    p = [t / (1 + s) for t in terms]
    # Σⱼ |δᵢⱼ − pⱼ|·|dⱼ| = Σⱼ pⱼ|dⱼ| + (1 − 2pᵢ)|dᵢ|, since δᵢᵢ − pᵢ ≥ 0 and pⱼ ≥ 0
    average = mpmath.fsum(pj * abs(dj) for pj, dj in zip(p, d))
    return Exact(m=m, lse=m + log_total, log_softmax=[v - log_total for v in d], softmax=p,
                 spread=[average + (1 - 2 * pi) * abs(di) for pi, di in zip(p, d)])
