"""Chapter 01: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math
import warnings

import numpy as np
import scipy.optimize
import scipy.special
import scipy.stats

from helpers import bce_with_logits, data, log_sigmoid, logit, models, sigmoid, softmax
from helpers.checks import exercise

Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])


# --- ways to write σ -----------------------------------------------------------------------------

def textbook(z):
    return 1 / (1 + np.exp(-z))


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


def with_t(z):
    t = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + t), t / (1 + t))


def per_element(z):
    out = np.zeros(len(z))
    for i in range(len(z)):
        if z[i] >= 0:
            out[i] = 1 / (1 + math.exp(-z[i]))
        else:
            out[i] = math.exp(z[i]) / (1 + math.exp(z[i]))
    return out


def via_tanh(z):
    return 0.5 * (1 + np.tanh(z / 2))


def via_logaddexp(z):
    return np.exp(-np.logaddexp(0, -z))


def silenced_textbook(z):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


def filtered_textbook(z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-z))


def in_place(z):
    np.abs(z, out=z)           # overwrites the caller's array
    return masked(z)


def negated_in_place(z):
    z *= -1                    # overwrites the caller's array
    return 1 / (1 + np.exp(z))


def loop_list(z):
    return [1 / (1 + math.exp(-v)) for v in z]


def log_space(z):
    return np.exp(-np.log1p(np.exp(-z)))


def one_minus_for_negatives(z):
    t = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + t), 1 - 1 / (1 + t))


def branches_swapped(z):
    t = np.exp(-np.abs(z))
    return np.where(z >= 0, t / (1 + t), 1 / (1 + t))


def only_positive_form(z):
    return 1 / (1 + np.exp(-np.abs(z)))


# --- 1.5 and 1.6: searches ------------------------------------------------------------------------

def worst_gap(s, z=np.linspace(-12, 12, 24_001)):
    return np.abs(1 / (1 + np.exp(-z)) - np.clip(0.5 + s * z, 0, 1)).max()


def grid_search_slope(step=0.0001, z=np.linspace(-12, 12, 24_001)):
    slopes = np.arange(0.1, 0.3, step)
    return slopes[np.argmin([worst_gap(s, z) for s in slopes])]


def golden_section_slope(low=0.1, high=0.3):
    ratio = (5 ** 0.5 - 1) / 2
    for _ in range(60):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        low, high = (low, b) if worst_gap(a) < worst_gap(b) else (a, high)
    return (low + high) / 2


def interp_slope():
    """The hard sigmoid drawn from its corners ±1/(2s); a 2-D grid of gaps."""
    z = np.linspace(0, 10, 10_001)
    slopes = np.linspace(0.15, 0.25, 1001)
    gaps = [np.max(np.abs(sigmoid(z) - np.interp(z, [-0.5 / s, 0.5 / s], [0.0, 1.0]))) for s in slopes]
    return float(slopes[int(np.argmin(gaps))])


def minimize_scalar_slope():
    z = np.linspace(-10, 10, 20_001)
    return scipy.optimize.minimize_scalar(lambda s: worst_gap(s, z), bounds=(0.1, 0.3), method="bounded").x


def mean_gap_slope():
    z = np.linspace(-10, 10, 2001)
    slopes = np.arange(0.1, 0.3, 0.001)
    return slopes[np.argmin([np.mean(np.abs(sigmoid(z) - np.clip(0.5 + s * z, 0, 1))) for s in slopes])]


def squared_gap_slope():
    z = np.linspace(-10, 10, 2001)
    slopes = np.arange(0.1, 0.3, 0.0001)
    return slopes[np.argmin([np.mean((sigmoid(z) - np.clip(0.5 + s * z, 0, 1)) ** 2) for s in slopes])]


def bisect(f, low, high, steps=60):
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (middle, high) if f(middle) < 0 else (low, middle)
    return (low + high) / 2


def smallest_k(step):
    k = 0.0
    while 1 / (1 + np.exp(-k * 0.1)) < 0.99:
        k += step
    return k


RIGHT = {
    "1.1": [textbook, lambda z: np.exp(z) / (1 + np.exp(z)), via_tanh, masked, with_t, per_element,
            np.vectorize(lambda v: 1 / (1 + math.exp(-v))),
            lambda z: np.reciprocal(1 + np.exp(-z)), lambda z: 1 / (1 + np.e ** -z),
            lambda z: 1 - 1 / (1 + np.exp(z)), via_logaddexp, silenced_textbook],
    "1.2": [lambda: 1 / (1 + np.exp(-Z)), lambda: sigmoid(Z), lambda: np.round(1 / (1 + np.exp(-Z)), 4),
            lambda: np.floor(sigmoid(Z) * 1e4) / 1e4,                       # cut off after 4 decimals
            lambda: np.array([1 / (1 + math.exp(-z)) for z in Z]),
            lambda: sigmoid(np.array([a.z for a in data.APPLICANTS])),
            lambda: scipy.special.expit(np.array([-5, -2, 0, 0.5, 2, 5])),
            lambda: sigmoid(Z).astype(np.float32)],                          # 7 digits: more than 4 decimals
    "1.3": [lambda: np.log(99), lambda: math.log(0.99 / 0.01), lambda: -np.log(1 / 0.99 - 1),
            lambda: np.log(0.99) - np.log(0.01), lambda: round(np.log(99), 5),
            lambda: bisect(lambda k: 1 / (1 + np.exp(-k)) - 0.99, 0.0, 10.0),
            lambda: scipy.optimize.brentq(lambda k: 1 / (1 + np.exp(-k)) - 0.99, 0, 10)],
    "1.4": [masked, with_t, via_logaddexp, per_element,
            lambda z: np.where(z >= 0, 1, np.exp(-np.abs(z))) / (1 + np.exp(-np.abs(z))),
            lambda z: np.exp(np.minimum(z, 0)) / (1 + np.exp(-np.abs(z))),
            lambda z: np.exp(z - np.logaddexp(0, z)),
            np.vectorize(lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))),
            lambda z: np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z]),
            lambda z: np.piecewise(z, [z >= 0, z < 0], [lambda v: 1 / (1 + np.exp(-v)),
                                                       lambda v: np.exp(v) / (1 + np.exp(v))])],
    "1.5": [lambda: grid_search_slope(), lambda: golden_section_slope(), lambda: round(grid_search_slope(), 3),
            lambda: float(f"{golden_section_slope():.4f}"), interp_slope, minimize_scalar_slope,
            lambda: grid_search_slope(step=0.001, z=np.arange(-6, 6, 0.1))],     # a coarse z grid, still 3 decimals
    "1.6": [lambda: np.log(99) / 0.1, lambda: 10 * math.log(99), lambda: -np.log(0.01 / 0.99) / 0.1,
            lambda: round(np.log(99) / 0.1, 2), lambda: smallest_k(0.001),
            lambda: scipy.optimize.brentq(lambda k: 1 / (1 + np.exp(-0.1 * k)) - 0.99, 1, 100),
            lambda: bisect(lambda k: 1 / (1 + np.exp(-0.1 * k)) - 0.99, 0.0, 100.0)],
}

WRONG = {  # (answer, the diagnosis it must get)
    "1.1": [  # shortcuts
            (lambda z: sigmoid(z), "forbidden call"),
            (lambda z: scipy.special.expit(z), "forbidden call"),
            (lambda z: scipy.stats.logistic.cdf(z), "forbidden call"),
            (lambda z: softmax(np.stack([z, np.zeros_like(z)]), axis=0)[0], "forbidden call"),
            (lambda z: models.predict_proba(z[:, None], np.array([1.0]), 0.0), "forbidden call"),
            (lambda z: exercise("1.1").reference(z), "forbidden call"),
            # the formula mistyped
            (lambda z: 1 / (1 + np.exp(z)), "sign error"),
            (lambda z: 1 / 1 + np.exp(-z), "operator precedence"),
            (lambda z: 1 / np.exp(-z), "forgot the 1 +"),
            (lambda z: 1 + np.exp(-z), "operator precedence"),
            (lambda z: 1 / (1 - np.exp(-z)), "minus instead of plus"),
            (lambda z: np.tanh(z), "tanh is not σ"),
            (lambda z: 0.5 * (1 + np.tanh(z)), "σ(2z) from tanh"),
            (lambda z: 1 / (1 + 2.0 ** -z), "σ(kz) instead of σ(z)"),
            (lambda z: 1 / (1 + 2.718 ** -z), "σ(kz) instead of σ(z)"),
            (lambda z: 1 / (1 + np.exp(-z / 2)), "σ(kz) instead of σ(z)"),
            (lambda z: 2 / (1 + np.exp(-z)) - 1, "2σ − 1 instead of σ"),
            (lambda z: np.exp(-z), "e⁻ᶻ alone"),
            (lambda z: np.clip(0.5 + z / 4, 0, 1), "the hard sigmoid"),
            (lambda z: 100 / (1 + np.exp(-z)), "constant factor"),
            (lambda z: (textbook(z) >= 0.5).astype(float), "0/1 instead of probabilities"),
            (lambda z: np.round(textbook(z), 3), "rounded"),
            # the wrong kind of value, or the input changed
            (lambda z: 1 / (1 + math.exp(-z)), "math instead of numpy"),
            (loop_list, "list instead of array"),
            (lambda z: textbook(z).astype(np.float32), "float32"),
            (lambda z: print(textbook(z)), "printing instead of returning"),
            (negated_in_place, "changes its input")],
    "1.2": [(lambda: np.array([0.0067, 0.1192, 0.5, 0.6225, 0.8808, 0.9933]), "typed in"),
            (lambda: np.array([0.006692851, 0.119202922, 0.5, 0.622459331, 0.880797078, 0.993307149]), "typed in"),
            (lambda: [1 / (1 + math.exp(-z)) for z in Z], "list instead of array"),
            (lambda: 1 / (1 + np.exp(Z)), "sign error"),
            (lambda: 1 - sigmoid(Z), "sign error"),
            (lambda: 100 / (1 + np.exp(-Z)), "percentages"),
            (lambda: np.array([0.67, 11.92, 50, 62.25, 88.08, 99.33]), "percentages"),
            (lambda: sigmoid(2 * Z), "σ(kz) instead of σ(z)"),
            (lambda: Z, "the scores, not probabilities"),
            (lambda: np.exp(Z), "odds instead of probabilities"),
            (lambda: 1 + np.exp(-Z), "forgot the reciprocal"),
            (lambda: sigmoid(Z) * (1 - sigmoid(Z)), "slopes, not probabilities"),
            (lambda: np.round(sigmoid(Z), 2), "rounded"),
            (lambda: sigmoid(Z)[::-1], "reversed order"),
            (lambda: (sigmoid(Z) > 0.5).astype(float), "0/1 instead of probabilities"),
            (lambda: np.where(sigmoid(Z) >= 0.5, 1, 0), "0/1 instead of probabilities"),
            (lambda: sigmoid(Z[1:]), "wrong shape"),
            (lambda: exercise("1.2").reference(), "forbidden call")],
    "1.3": [(lambda: 99.0, "odds instead of log-odds"), (lambda: 0.01 / 0.99, "forgot the logarithm"),
            (lambda: np.log(0.99), "log of the probability"), (lambda: np.log10(99), "base-10 logarithm"),
            (lambda: np.log2(99), "base-2 logarithm"), (lambda: np.log(1 / 0.99 - 1), "sign error"),
            (lambda: np.log(100), "ln 100 instead of ln 99"), (lambda: 1 / np.log(99), "k upside down"),
            (lambda: 4.59512, "typed in"), (lambda: np.float64(4.595119850), "typed in"),
            (lambda: round(np.log(99), 3), "close"),
            (lambda: bisect(lambda k: 1 / (1 + np.exp(-k)) - 0.99, 0.0, 10.0, steps=12), "close"),
            (lambda: logit(0.99), "forbidden call"), (lambda: scipy.special.logit(0.99), "forbidden call"),
            (lambda: exercise("1.3").reference(), "forbidden call")],
    "1.4": [(textbook, "textbook form overflows"),
            (where_both_branches, "np.where evaluates both branches"),
            (lambda z: np.exp(z) / (1 + np.exp(z)), "eᶻ/(1 + eᶻ) overflows too"),
            (only_positive_form, "σ(|z|) for every z"),
            (lambda z: masked(-z), "sign error"),
            (branches_swapped, "sign error"),
            (lambda z: np.exp(-np.logaddexp(0, -z)) * (1 + np.exp(-z) * 0), "overflow"),
            (log_space, "textbook form overflows"),
            (np.vectorize(lambda v: 1 / (1 + math.exp(-v))), "overflow"),
            # digits lost in the tails
            (via_tanh, "tail digits lost"),
            (lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))), "tail digits lost"),
            (lambda z: 1 / (1 + np.exp(-np.clip(z, -709, 709))), "tail digits lost"),
            (lambda z: 1 - masked(-z), "tail digits lost"),
            (one_minus_for_negatives, "tail digits lost"),
            (lambda z: np.where(z < -709, 0.0, textbook(np.maximum(z, -709))), "tiny probabilities set to 0"),
            # silenced, not fixed
            (silenced_textbook, "silenced warnings"),
            (filtered_textbook, "silenced warnings"),
            (lambda z: np.nan_to_num(silenced_textbook(z)), "silenced warnings"),
            # shortcuts
            (lambda z: sigmoid(z), "forbidden call"),
            (lambda z: np.exp(log_sigmoid(z)), "forbidden call"),
            (lambda z: np.exp(-bce_with_logits(z, 1.0)), "forbidden call"),
            (lambda z: scipy.special.expit(z), "forbidden call"),
            (lambda z: scipy.stats.logistic.cdf(z), "forbidden call"),
            (lambda z: exercise("1.4").reference(z), "forbidden call"),
            # the wrong kind of number, or the input changed
            (lambda z: masked(z).astype(np.float32), "float32"),
            (lambda z: list(masked(z)), "list instead of array"),
            (in_place, "changes its input")],
    "1.5": [(lambda: 0.25, "σ's own slope"), (lambda: 1 / 6, "PyTorch's slope"), (lambda: 0.2, "old Keras slope"),
            (mean_gap_slope, "the smallest average gap"), (squared_gap_slope, "the smallest squared gap"),
            (lambda: 0.05605, "the gap, not the slope"), (lambda: 0.1771, "typed in"),
            (lambda: grid_search_slope(step=0.01), "close"),
            (lambda: np.arange(0.1, 0.3, 0.001)[np.argmax([worst_gap(s) for s in np.arange(0.1, 0.3, 0.001)])],
             "far from the best slope"),                     # slopes 0.01 apart: 0.18
            (lambda: grid_search_slope(step=0.001, z=np.linspace(-10, 10, 100)), "close"),   # z too coarse
            (lambda: exercise("1.5").reference(), "forbidden call")],
    "1.6": [(lambda: np.log(99), "forgot the 0.1"), (lambda: np.log(99) * 0.1, "multiplied by 0.1"),
            (lambda: 45.95, "typed in"), (lambda: np.log(100) / 0.1, "ln 100 instead of ln 99"),
            (lambda: np.log10(99) / 0.1, "base-10 logarithm"), (lambda: np.log(9) / 0.01, "0.01 and 0.1 swapped"),
            (lambda: (0.99 - 0.5) / 0.25 / 0.1, "the straight line instead of σ"),
            (lambda: 99 / 0.1, "odds instead of log-odds"),
            (lambda: np.log(99) / 0.01, "0.01 in place of 0.1"), (lambda: np.log(9) / 0.1, "0.1 taken as the distance"),
            (lambda: np.log(0.99) / 0.1, "log of the probability"),
            (lambda: smallest_k(1.0), "close"),                                  # whole numbers of k: 46
            (lambda: -np.log(99) / 0.1, "sign lost"),
            (lambda: logit(0.99) / 0.1, "forbidden call"),
            (lambda: exercise("1.6").reference(), "forbidden call")],
}
