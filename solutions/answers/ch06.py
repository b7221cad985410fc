"""Chapter 06's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch06.py.
"""

from functools import cache

import numpy as np

from helpers.checks.ch06 import TARGET_TOP, TEMPERATURE_SCORES, _top_probability
from helpers.numerics import log_softmax, logsumexp, sigmoid, softmax


def _two_class(first, second):
    """softmax over the pairs (first, second), taken along a new last axis."""
    return softmax(np.stack([first, second], axis=-1))


def _float32_pairs(z):
    """The two-class softmax computed from float32 scores (1e300 becomes inf, with a warning)."""
    return _two_class(z.astype(np.float32), np.zeros(z.shape, dtype=np.float32))[..., 0]


def _row_softmax(Z):
    return softmax(np.asarray(Z, dtype=float), axis=1)


def _row_logsumexp(Z):
    return logsumexp(np.asarray(Z, dtype=float), axis=1)


def _naive_rows(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def _shifted_exp(Z):
    return np.exp(Z - Z.max(axis=1, keepdims=True))


def _one_max_for_the_batch(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


def _column_max_shift(Z):
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _ce_gradient(Z, y):
    Z = np.asarray(Z, dtype=float)
    return softmax(Z, axis=1) - np.eye(Z.shape[1])[y]


def _one_hot(Z, y):
    return np.eye(Z.shape[1])[y]


def _softmax_t(z, T):
    return softmax(np.asarray(z, dtype=float) / T)


@cache
def temperature_for_top(target=TARGET_TOP, z=tuple(TEMPERATURE_SCORES)):
    """The T with max softmax(z/T) = target, by bisection: the top probability falls from 1 towards
    1/K as T grows (0.28083306… for z = (0, 0.3, 1) and target 0.9)."""
    z = np.array(z)
    low, high = 1e-3, 100.0
    for _ in range(200):
        middle = (low + high) / 2
        if _top_probability(middle, z) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _needs_sigmoids(Y):
    """True unless every example has exactly one label (then softmax fits)."""
    return not bool(np.all(np.asarray(Y).sum(axis=1) == 1))



REFERENCES = {
    "6.1": sigmoid,
    "6.2": _row_softmax,
    "6.3": _row_logsumexp,
    "6.4": _ce_gradient,
    "6.5": _softmax_t,
    "6.6": temperature_for_top,
    "6.7": _needs_sigmoids,
}

WRONG = {
    "6.1": {
        "float32": _float32_pairs,
        "the other class's probability": lambda z: _two_class(z, np.zeros_like(z))[..., 1],
        "softmax over the wrong axis": lambda z: softmax(np.stack([z, np.zeros_like(z)]))[0],
        "σ′ instead of σ": lambda z: sigmoid(z) * (1 - sigmoid(z)),
    },
    "6.2": {
        "no max-subtraction": _naive_rows,
        "one max for the whole batch": _one_max_for_the_batch,
        "shifted by the column maxima": _column_max_shift,
        "normalised over the wrong axis": lambda Z: _shifted_exp(Z) / _shifted_exp(Z).sum(axis=0, keepdims=True),
        "divided by the sum of the whole batch": lambda Z: _shifted_exp(Z) / _shifted_exp(Z).sum(),
        "one softmax over the whole batch": lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
        "not normalised": _shifted_exp,
        "returned log-probabilities": lambda Z: log_softmax(np.asarray(Z, dtype=float), axis=1),
    },
    "6.3": {
        "log(sum(exp)) overflows": lambda Z: np.log(np.exp(Z).sum(axis=1)),
        "forgot to add the max back": lambda Z: np.log(_shifted_exp(Z).sum(axis=1)),
        "one max for the whole batch": lambda Z: Z.max() + np.log(np.exp(Z - Z.max()).sum(axis=1)),
        "over the wrong axis": lambda Z: Z.max(axis=0) + np.log(np.exp(Z - Z.max(axis=0)).sum(axis=0)),
        "(n, 1) plus (n,) makes (n, n)": lambda Z: Z.max(axis=1, keepdims=True) + np.log(_shifted_exp(Z).sum(axis=1)),
        "mean instead of sum": lambda Z: Z.max(axis=1) + np.log(_shifted_exp(Z).mean(axis=1)),
        "forgot the log": lambda Z: Z.max(axis=1) + _shifted_exp(Z).sum(axis=1),
        "returned the sum of exponentials": lambda Z: _shifted_exp(Z).sum(axis=1),
        "log10 instead of the natural log": lambda Z: Z.max(axis=1) + np.log10(_shifted_exp(Z).sum(axis=1)),
        "the maximum alone": lambda Z: Z.max(axis=1).astype(float),
    },
    "6.4": {
        "only the true class's entry": lambda Z, y: (softmax(Z, axis=1) - 1) * _one_hot(Z, y),
        "sign flipped": lambda Z, y: _one_hot(Z, y) - softmax(Z, axis=1),
        "forgot the one-hot": lambda Z, y: softmax(Z, axis=1) - y[:, None],
        "returned p": lambda Z, y: softmax(Z, axis=1),
        "divided by the batch size": lambda Z, y: (softmax(Z, axis=1) - _one_hot(Z, y)) / len(y),
        "averaged over the batch": lambda Z, y: (softmax(Z, axis=1) - _one_hot(Z, y)).mean(axis=0),
        "no max-subtraction": lambda Z, y: _naive_rows(Z) - _one_hot(Z, y),
        "softmax over the wrong axis": lambda Z, y: softmax(Z, axis=0) - _one_hot(Z, y),
        "subtracted 1 everywhere": lambda Z, y: softmax(Z, axis=1) - 1,
        "forgot p": lambda Z, y: -_one_hot(Z, y),
        "σ′-style p(1 − p)": lambda Z, y: softmax(Z, axis=1) * (1 - softmax(Z, axis=1)),
        "log-probabilities instead of probabilities": lambda Z, y: log_softmax(Z, axis=1) - _one_hot(Z, y),
        "gradient with respect to p": lambda Z, y: -_one_hot(Z, y) / softmax(Z, axis=1),
    },
    "6.5": {
        "multiplied by T": lambda z, T: softmax(z * T),
        "ignored T": lambda z, T: softmax(z),
        "powers not renormalised": lambda z, T: softmax(z) ** (1 / T),
        "no max-subtraction": lambda z, T: np.exp(z / T) / np.exp(z / T).sum(),
        "divided the probabilities by T": lambda z, T: softmax(z) / T,
        "forgot the softmax": lambda z, T: z / T,
        "returned log-probabilities": lambda z, T: log_softmax(z / T),
        "one-hot at the top score": lambda z, T: (z == np.max(z)).astype(float),
    },
    "6.6": {
    },
    "6.7": {
        "forgot rows with no label": lambda Y: bool(np.any(np.asarray(Y).sum(axis=1) > 1)),
        "forgot rows with two labels": lambda Y: bool(np.any(np.asarray(Y).sum(axis=1) < 1)),
        "counted labels over the whole set": lambda Y: bool(np.asarray(Y).sum() != len(Y)),
        "counted per column": lambda Y: bool(np.any(np.asarray(Y).sum(axis=0) != 1)),
        "looked at the first row only": lambda Y: bool(np.asarray(Y)[0].sum() != 1),
        "asked whether the rows differ": lambda Y: bool(len(np.unique(np.asarray(Y).sum(axis=1))) > 1),
    },
}
