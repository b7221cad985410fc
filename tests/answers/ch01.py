"""Chapter 01: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import log_sigmoid, sigmoid
from helpers.checks import exercise


Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])


def where_both_branches(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def masked(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1 / (1 + np.exp(-z[positive]))
    ez = np.exp(z[~positive])
    out[~positive] = ez / (1 + ez)
    return out


def via_tanh(z):
    return 0.5 * (1 + np.tanh(z / 2))


def worst_gap(s, z=np.linspace(-12, 12, 24_001)):
    return np.abs(1 / (1 + np.exp(-z)) - np.clip(0.5 + s * z, 0, 1)).max()


def grid_search_slope():
    slopes = np.arange(0.1, 0.3, 0.0001)
    return slopes[np.argmin([worst_gap(s) for s in slopes])]


def golden_section_slope(low=0.1, high=0.3):
    ratio = (5 ** 0.5 - 1) / 2
    for _ in range(60):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        low, high = (low, b) if worst_gap(a) < worst_gap(b) else (a, high)
    return (low + high) / 2


def silenced_textbook(z):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


def in_place(z):
    np.abs(z, out=z)           # overwrites the caller's array
    return masked(z)


def coarse_grid_slope():
    slopes = np.arange(0.1, 0.3, 0.004)
    return slopes[np.argmin([worst_gap(s) for s in slopes])]


def via_logaddexp(z):
    return np.exp(-np.logaddexp(0, -z))


RIGHT = {
    "1.1": [lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(z) / (1 + np.exp(z)), via_tanh],
    "1.2": [lambda: 1 / (1 + np.exp(-Z)), lambda: np.round(1 / (1 + np.exp(-Z)), 4),
            lambda: np.array([1 / (1 + math.exp(-z)) for z in Z])],
    "1.3": [lambda: np.log(99), lambda: math.log(0.99 / 0.01), lambda: -np.log(1 / 0.99 - 1)],
    "1.4": [masked, via_logaddexp,
            lambda z: np.where(z >= 0, 1, np.exp(-np.abs(z))) / (1 + np.exp(-np.abs(z))),
            lambda z: np.exp(np.minimum(z, 0)) / (1 + np.exp(-np.abs(z))),
            np.vectorize(lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))),
            lambda z: np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z])],
    "1.5": [lambda: grid_search_slope(), lambda: golden_section_slope(), lambda: round(grid_search_slope(), 3),
            lambda: float(f"{golden_section_slope():.4f}")],
    "1.6": [lambda: np.log(99) / 0.1, lambda: 10 * math.log(99)],
}

WRONG = {  # (answer, the diagnosis it must get)
    "1.1": [(lambda z: sigmoid(z), "forbidden call"),
            (lambda z: 1 / (1 + np.exp(z)), "sign error"),
            (lambda z: 1 / 1 + np.exp(-z), "operator precedence"),
            (lambda z: 1 / (1 + math.exp(-z)), "math instead of numpy")],
    "1.2": [(lambda: [1 / (1 + math.exp(-z)) for z in Z], "list instead of array"),
            (lambda: 1 / (1 + np.exp(Z)), "sign error"),
            (lambda: 100 / (1 + np.exp(-Z)), "percentages")],
    "1.3": [(lambda: 99.0, "odds instead of log-odds"), (lambda: np.log10(99), "base-10 logarithm"),
            (lambda: -np.log(99), "sign error"), (lambda: 4.59512, "typed in"), (lambda: np.log(100), "ln 100 instead of ln 99"),
            (lambda: round(np.log(99), 3), "rounded")],
    "1.4": [(lambda z: 1 / (1 + np.exp(-z)), "textbook form overflows"),
            (where_both_branches, "np.where evaluates both branches"),
            (lambda z: masked(-z), "sign error"),
            (lambda z: np.exp(-np.logaddexp(0, -z)) * (1 + np.exp(-z) * 0), "overflow"),
            # digits lost in the tails, hidden by an absolute tolerance until now
            (via_tanh, "tail digits lost"),
            (lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))), "tail digits lost"),
            (lambda z: 1 - masked(-z), "tail digits lost"),
            # silenced, not fixed
            (silenced_textbook, "silenced warnings"),
            (lambda z: np.nan_to_num(silenced_textbook(z)), "silenced warnings"),
            # shortcuts
            (lambda z: sigmoid(z), "forbidden call"),
            (lambda z: np.exp(log_sigmoid(z)), "forbidden call"),
            (lambda z: exercise("1.4").reference(z), "forbidden call"),
            # the wrong kind of number, or the input changed
            (lambda z: masked(z).astype(np.float32), "float32"),
            (in_place, "changes its input")],
    "1.5": [(lambda: 0.25, "σ's own slope"), (lambda: 1 / 6, "PyTorch's slope"), (lambda: 0.2, "old Keras slope"),
            (lambda: 0.05605, "the gap, not the slope"), (lambda: 0.1771, "typed in"),
            (lambda: coarse_grid_slope(), "close")],
    "1.6": [(lambda: np.log(99), "forgot the 0.1"), (lambda: np.log(99) * 0.1, "multiplied by 0.1"),
            (lambda: 45.95, "typed in"), (lambda: np.log(100) / 0.1, "ln 100 instead of ln 99")],
}
