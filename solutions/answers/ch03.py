"""Chapter 03's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch03.py.
"""

import numpy as np

from helpers.checks.ch03 import _as_float
from helpers.numerics import logit, sigmoid


def _probability(o):
    return _as_float(o) / (1 + _as_float(o))


def _where_log1p(p):
    """Right values, but np.where also computes log1p(−1) for tiny p, and NumPy warns."""
    return np.where(_band(p), np.log1p((2 * p - 1) / (1 - p)), np.log(p / (1 - p)))


def _band(p):
    return (p > 0.3) & (p < 0.65)


def _where_artanh(p):
    return np.where(_band(p), 2 * np.arctanh(2 * p - 1), np.log(p / (1 - p)))


def _odds_multiplier(w_j, feature_std, change):
    return float(np.exp(w_j * change / feature_std))


def _predict_proba(X, w, b):
    return sigmoid(_as_float(X) @ _as_float(w) + b)


def _textbook_proba(X, w, b):
    return 1 / (1 + np.exp(-(_as_float(X) @ _as_float(w) + b)))


def _mirror_textbook_proba(X, w, b):
    e = np.exp(_as_float(X) @ _as_float(w) + b)
    return e / (1 + e)


def _where_both_proba(X, w, b):
    z = _as_float(X) @ _as_float(w) + b
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def _boundary_x2(x1, w, b):
    w = _as_float(w)
    return -(w[0] * _as_float(x1) + b) / w[1]



REFERENCES = {
    "3.1": _probability,
    "3.2": logit,
    "3.3": _odds_multiplier,
    "3.4": _predict_proba,
    "3.5": _boundary_x2,
    "3.6": logit,
}

WRONG = {
    "3.1": {
        "odds are not probabilities": lambda o: _as_float(o),
        "the other outcome": lambda o: 1 / (1 + _as_float(o)),
        "1 − odds instead of 1 + odds": lambda o: _as_float(o) / (1 - _as_float(o)),
        "reciprocal of the odds": lambda o: 1 / _as_float(o),
        "operator precedence": lambda o: _as_float(o) / _as_float(o) + 1,
        "log-odds, not probability": lambda o: np.log(_as_float(o)),
        "σ of the odds": lambda o: sigmoid(_as_float(o)),
        "the log of the probability": lambda o: np.log(_probability(o)),
    },
    "3.2": {
        "product instead of ratio": lambda f: np.log(_as_float(f) * (1 - _as_float(f))),
        "1 + p instead of 1 − p": lambda f: np.log(_as_float(f) / (1 + _as_float(f))),
        "the prior itself": lambda f: _as_float(f),
        "odds without the log": lambda f: _as_float(f) / (1 - _as_float(f)),
        "the inverse odds": lambda f: (1 - _as_float(f)) / _as_float(f),
        "sign error": lambda f: np.log((1 - _as_float(f)) / _as_float(f)),
        "log of the prior": lambda f: np.log(_as_float(f)),
        "base-10 logarithm": lambda f: np.log10(_as_float(f) / (1 - _as_float(f))),
        "operator precedence": lambda f: np.log(_as_float(f) / 1 - _as_float(f)),
        "artanh form far from ½": lambda f: 2 * np.arctanh(2 * _as_float(f) - 1),
    },
    "3.3": {
        "log-odds change, not odds factor": lambda w, s, c: w * c / s,
        "forgot to standardise": lambda w, s, c: float(np.exp(w * c)),
        "multiplied by the spread": lambda w, s, c: float(np.exp(w * c * s)),
        "probability, not odds": lambda w, s, c: float(sigmoid(w * c / s)),
        "added instead of multiplied": lambda w, s, c: 1 + w * c / s,
        "the change in odds, not the factor": lambda w, s, c: float(np.exp(w * c / s)) - 1,
        "a percentage, not a factor": lambda w, s, c: 100 * (float(np.exp(w * c / s)) - 1),
        "the spread divided by the change": lambda w, s, c: float(np.exp(w * s / c)) if c else np.inf,
        "the reciprocal": lambda w, s, c: float(np.exp(-w * c / s)),
        "base 2 instead of e": lambda w, s, c: 2.0 ** (w * c / s),
        "base 10 instead of e": lambda w, s, c: 10.0 ** (w * c / s),
        "e^w times the change": lambda w, s, c: float(np.exp(w)) * c / s,
        "e^(w/std) times the change": lambda w, s, c: float(np.exp(w / s)) * c,
        "divided after the exponential": lambda w, s, c: float(np.exp(w * c)) / s,
        "divided by the variance": lambda w, s, c: float(np.exp(w * c / s ** 2)),
        "ratio of probabilities": lambda w, s, c: float(sigmoid(w * c / s) / sigmoid(0.0)),
    },
    "3.4": {
        "forgot b": lambda X, w, b: sigmoid(_as_float(X) @ _as_float(w)),
        "scores, not probabilities": lambda X, w, b: _as_float(X) @ _as_float(w) + b,
        "sign error": lambda X, w, b: sigmoid(-(_as_float(X) @ _as_float(w) + b)),
        "textbook sigmoid overflows": (_textbook_proba, _mirror_textbook_proba),
        "np.where computes both branches": _where_both_proba,
        "b added after σ": lambda X, w, b: sigmoid(_as_float(X) @ _as_float(w)) + b,
        "sign of b": lambda X, w, b: sigmoid(_as_float(X) @ _as_float(w) - b),
        "mean instead of the dot product": lambda X, w, b: sigmoid(np.mean(_as_float(X) * _as_float(w), axis=1) + b),
        "only the first feature": lambda X, w, b: sigmoid(_as_float(X)[:, 0] * _as_float(w)[0] + b),
        "only the first two features": lambda X, w, b: sigmoid(_as_float(X)[:, 0] * _as_float(w)[0] + _as_float(X)[:, 1] * _as_float(w)[1] + b),
        "tanh(z) instead of tanh(z/2)": lambda X, w, b: 0.5 * (1 + np.tanh(_as_float(X) @ _as_float(w) + b)),
    },
    "3.5": {
        "sign error": lambda x1, w, b: (w[0] * _as_float(x1) + b) / w[1],
        "swapped weights": lambda x1, w, b: -(w[1] * _as_float(x1) + b) / w[0],
        "sign of b": lambda x1, w, b: -(w[0] * _as_float(x1) - b) / w[1],
        "forgot to divide by w₂": lambda x1, w, b: -(w[0] * _as_float(x1) + b),
        "forgot b": lambda x1, w, b: -(w[0] * _as_float(x1)) / w[1],
        "divided by w₁": lambda x1, w, b: -(w[0] * _as_float(x1) + b) / w[0],
        "b not divided by w₂": (lambda x1, w, b: -w[0] / w[1] * _as_float(x1) - b, lambda x1, w, b: -w[0] / w[1] * _as_float(x1) + b),
        "multiplied by w₂": lambda x1, w, b: -(w[0] * _as_float(x1) + b) * w[1],
        "σ = ½ taken as z = ½": lambda x1, w, b: -(w[0] * _as_float(x1) + b - 0.5) / w[1],
        "the slope upside down": lambda x1, w, b: -w[1] / w[0] * _as_float(x1) - b / w[1],
    },
    "3.6": {
        "1 + p instead of 1 − p": lambda p: np.log(_as_float(p) / (1 + _as_float(p))),
        "product instead of ratio": lambda p: np.log(_as_float(p) * (1 - _as_float(p))),
        "np.where computes both forms": (_where_log1p, _where_artanh),
        "log1p form far from ½": lambda p: np.log1p((2 * p - 1) / (1 - p)),
        "artanh form far from ½": lambda p: 2 * np.arctanh(2 * p - 1),
        "the inverted ratio (1 − p)/p": lambda p: np.log((1 - p) / p),
        "base-10 logarithm": lambda p: np.log10(p / (1 - p)),
        "odds instead of log-odds": lambda p: p / (1 - p),
        "operator precedence": lambda p: np.log(p / 1 - p),
    },
}
