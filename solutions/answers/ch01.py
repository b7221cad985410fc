"""Chapter 01's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch01.py.
"""

from functools import cache

import numpy as np

from helpers.checks.ch01 import KEY_Z, _z
from helpers.numerics import sigmoid


def textbook_sigmoid(z):
    """1/(1 + e⁻ᶻ) as written in textbooks (overflows for z < −709)."""
    return 1 / (1 + np.exp(-_z(z)))


def where_both_forms(z):
    """The popular np.where "fix" that still overflows: both branches are computed for every z."""
    z = _z(z)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def _quietly(function, *args):
    with np.errstate(all="ignore"):
        return function(*args)


def other_form(z):
    """eᶻ/(1 + eᶻ) for every z: overflows for z > 709 (inf/inf = nan)."""
    z = _z(z)
    return np.exp(z) / (1 + np.exp(z))


def worst_hard_gap(slope):
    """The largest |σ(z) − clip(½ + slope·z, 0, 1)|; by symmetry z ≥ 0 suffices (beyond 12 the gap is < 1e-5)."""
    z = np.linspace(0.0, 12.0, 24_001)
    return float(np.max(np.abs(sigmoid(z) - np.clip(0.5 + slope * z, 0.0, 1.0))))


@cache
def best_hard_slope(low=0.1, high=0.3, steps=40):
    """The slope with the smallest worst gap (≈ 0.17708, gap ≈ 0.05604), by ternary search:
    the worst gap falls, then rises with the slope, so each step can drop a third of the interval."""
    for _ in range(steps):
        a, b = low + (high - low) / 3, high - (high - low) / 3
        if worst_hard_gap(a) < worst_hard_gap(b):
            high = b
        else:
            low = a
    return (low + high) / 2


REFERENCES = {
    "1.1": sigmoid,
    "1.2": lambda: sigmoid(KEY_Z),
    "1.3": lambda: np.log(99.0),
    "1.4": sigmoid,
    "1.5": best_hard_slope,
    "1.6": lambda: np.log(99.0) / 0.1,
}

WRONG = {
    "1.1": {
        "sign error": lambda z: sigmoid(-_z(z)),
        "operator precedence": lambda z: 1 / 1 + np.exp(-_z(z)),
        "forgot the 1 +": lambda z: np.exp(_z(z)),
        "minus instead of plus": lambda z: 1 / (1 - np.exp(-_z(z))),
        "tanh is not σ": lambda z: np.tanh(_z(z)),
        "σ(2z) from tanh": lambda z: 0.5 * (1 + np.tanh(_z(z))),
        "2σ − 1 instead of σ": lambda z: 2 * sigmoid(_z(z)) - 1,
        "e⁻ᶻ alone": lambda z: np.exp(-_z(z)),
    },
    "1.2": {
        "sign error": lambda: sigmoid(-KEY_Z),
        "the scores, not probabilities": lambda: KEY_Z.copy(),
        "odds instead of probabilities": lambda: np.exp(KEY_Z),
        "forgot the reciprocal": lambda: 1 + np.exp(-KEY_Z),
        "slopes, not probabilities": lambda: sigmoid(KEY_Z) * (1 - sigmoid(KEY_Z)),
    },
    "1.3": {
        "odds instead of log-odds": lambda: 99.0,
        "forgot the logarithm": lambda: 0.01 / 0.99,
        "log of the probability": lambda: np.log(0.99),
        "base-10 logarithm": lambda: np.log10(99.0),
        "base-2 logarithm": lambda: np.log2(99.0),
        "sign error": lambda: -np.log(99.0),
        "ln 100 instead of ln 99": lambda: np.log(100.0),
        "k upside down": lambda: 1 / np.log(99.0),
    },
    "1.4": {
        "tiny probabilities set to 0": lambda z: _quietly(textbook_sigmoid, z),
        "textbook form overflows": textbook_sigmoid,
        "np.where evaluates both branches": where_both_forms,
        "eᶻ/(1 + eᶻ) overflows too": other_form,
        "σ(|z|) for every z": lambda z: sigmoid(np.abs(_z(z))),
        "sign error": lambda z: sigmoid(-_z(z)),
    },
    "1.5": {
        "σ's own slope": lambda: 0.25,
        "PyTorch's slope": lambda: 1 / 6,
        "old Keras slope": lambda: 0.2,
        "the gap, not the slope": lambda: worst_hard_gap(best_hard_slope()),
    },
    "1.6": {
        "forgot the 0.1": lambda: np.log(99.0),
        "multiplied by 0.1": lambda: np.log(99.0) * 0.1,
        "ln 100 instead of ln 99": lambda: np.log(100.0) / 0.1,
        "base-10 logarithm": lambda: np.log10(99.0) / 0.1,
        "0.01 and 0.1 swapped": lambda: np.log(9.0) / 0.01,
        "the straight line instead of σ": lambda: 0.49 / 0.25 / 0.1,
        "odds instead of log-odds": lambda: 99.0 / 0.1,
        "0.01 in place of 0.1": lambda: np.log(99.0) / 0.01,
        "0.1 taken as the distance": lambda: np.log(9.0) / 0.1,
        "log of the probability": lambda: np.log(0.99) / 0.1,
    },
}
