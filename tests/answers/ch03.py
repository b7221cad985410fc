"""Chapter 03: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import logit, sigmoid
from helpers.models import predict_proba


# --- 3.4 predict_proba ---------------------------------------------------------------------------

def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def proba_by_rows(X, w, b):
    return np.array([float(sigmoid(row @ w + b)) for row in X])


# --- 3.6 a logit that keeps its digits -----------------------------------------------------------

def logit_log1p(p):
    band = (p > 0.3) & (p < 0.65)
    q = np.where(band, p, 0.5)                     # the log1p form only ever sees p near ½
    return np.where(band, np.log1p((2 * q - 1) / (1 - q)), np.log(p / (1 - p)))


def logit_where_warns(p):
    band = (p > 0.3) & (p < 0.65)
    return np.where(band, np.log1p((2 * p - 1) / (1 - p)), np.log(p / (1 - p)))


def logit_artanh(p):
    p = np.asarray(p, dtype=float)
    out = np.log(p / (1 - p))
    band = np.abs(p - 0.5) < 0.25
    out[band] = 2 * np.arctanh(2 * p[band] - 1)
    return out


def logit_mirrored(p):
    """−log1p((1 − 2p)/p) near ½ (the ratio turned over), log p − log1p(−p) elsewhere."""
    near = np.abs(p - 0.5) < 0.2
    out = np.log(p) - np.log1p(-p)
    out[near] = -np.log1p((1 - 2 * p[near]) / p[near])
    return out


def clipped_logit(p, eps=1e-7):
    p = np.clip(p, eps, 1 - eps)
    return np.log(p / (1 - p))


def clipped_careful(p, eps=1e-9):
    return logit_log1p(np.clip(p, eps, 1 - eps))


def silenced_where(p):
    with np.errstate(divide="ignore", invalid="ignore"):
        return logit_where_warns(p)


RIGHT = {
    "3.1": [lambda o: o / (1 + o), lambda o: 1 - 1 / (1 + o), lambda o: sigmoid(np.log(o))],
    "3.2": [lambda f: np.log(f / (1 - f)), lambda f: np.log(f) - np.log1p(-f), lambda f: -np.log(1 / f - 1),
            lambda f: np.log(f) - np.log(1 - f), lambda f: np.array([math.log(v / (1 - v)) for v in f])],
    "3.3": [lambda w, s, c: np.exp(w * c / s), lambda w, s, c: math.exp(w / s) ** c,
            lambda w, s, c: np.exp(w * (12.0 + c) / s) / np.exp(w * 12.0 / s)],
    "3.4": [lambda X, w, b: sigmoid(X @ w + b), lambda X, w, b: stable_sigmoid(np.dot(X, w) + b),
            proba_by_rows, lambda X, w, b: 0.5 * (1 + np.tanh((X @ w + b) / 2))],
    "3.5": [lambda x1, w, b: -(w[0] * x1 + b) / w[1], lambda x1, w, b: (-b - w[0] * x1) / w[1],
            lambda x1, w, b: (-w[0] / w[1]) * x1 + (-b / w[1])],
    "3.6": [logit_log1p, logit_artanh, logit_mirrored],
}

WRONG = {  # (answer, the diagnosis it must get)
    "3.1": [(lambda o: o, "odds are not probabilities"), (lambda o: 1 / (1 + o), "the other outcome"),
            (lambda o: o / (1 - o), "1 − odds instead of 1 + odds"), (lambda o: 1 / o, "reciprocal of the odds"),
            (lambda o: list(o / (1 + o)), "list instead of array")],
    "3.2": [(lambda f: f, "the prior itself"), (lambda f: f / (1 - f), "odds without the log"),
            (lambda f: (1 - f) / f, "the inverse odds"), (lambda f: np.log((1 - f) / f), "sign error"),
            (lambda f: np.log(f), "log of the prior"), (lambda f: np.log10(f / (1 - f)), "base-10 logarithm"),
            (clipped_logit, "the clipped version"), (lambda f: clipped_logit(f, 1e-6), "the clipped version"),
            (lambda f: logit(f), "forbidden call"),
            (lambda f: np.log(f / (1 - f)).astype(np.float32), "float32"),
            (lambda f: np.round(np.log(f / (1 - f)), 2), "rounded")],
    "3.3": [(lambda w, s, c: w * c / s, "log-odds change, not odds factor"),
            (lambda w, s, c: np.exp(w * c), "forgot to standardise"),
            (lambda w, s, c: np.exp(w * c * s), "multiplied by the spread"),
            (lambda w, s, c: sigmoid(w * c / s), "probability, not odds"),
            (lambda w, s, c: 1 + w * c / s, "added instead of multiplied"),
            (lambda w, s, c: round(float(np.exp(w * c / s)), 2), "rounded")],
    "3.4": [(lambda X, w, b: sigmoid(X @ w), "forgot b"), (lambda X, w, b: X @ w + b, "scores, not probabilities"),
            (lambda X, w, b: [float(sigmoid(row @ w + b)) for row in X], "list instead of array"),
            (lambda X, w, b: sigmoid(X @ w.reshape(-1, 1) + b), "wrong shape"),
            (lambda X, w, b: sigmoid(-(X @ w) - b), "sign error"),
            (lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b))), "textbook sigmoid overflows"),
            (lambda X, w, b: predict_proba(X, w, b), "forbidden call"),
            (lambda X, w, b: (sigmoid(X @ w + b) >= 0.5).astype(float), "0/1 instead of probabilities")],
    "3.5": [(lambda x1, w, b: (w[0] * x1 + b) / w[1], "sign error"),
            (lambda x1, w, b: -(w[1] * x1 + b) / w[0], "swapped weights"),
            (lambda x1, w, b: (b - w[0] * x1) / w[1], "sign of b"),
            (lambda x1, w, b: -(w[0] * x1 + b), "forgot to divide by w₂")],
    "3.6": [(lambda p: np.log(p / (1 - p)), "loses digits near ½"),
            (lambda p: np.log(p) - np.log(1 - p), "loses digits near ½"),
            (clipped_logit, "the clipped version"), (clipped_careful, "the clipped version"),
            (lambda p: clipped_logit(p, 1e-15), "the clipped version"),
            (lambda p: np.log(p / (1 + p)), "1 + p instead of 1 − p"),
            (lambda p: np.log10(p / (1 - p)), "base-10 logarithm"),
            (lambda p: np.log((1 - p) / p), "the inverted ratio (1 − p)/p"),
            (lambda p: np.log1p((2 * p - 1) / (1 - p)), "log1p form far from ½"),
            (lambda p: 2 * np.arctanh(2 * p - 1), "artanh form far from ½"),
            (lambda p: np.log(p / 1 - p), "operator precedence"),
            (logit_where_warns, "np.where computes both forms"),
            (lambda p: logit(p), "forbidden call"),
            (silenced_where, "silenced warnings"),
            (lambda p: logit_log1p(p).astype(np.float32), "float32"),
            (lambda p: clipped_logit(p, 1e-300), "the clipped version")],
}
