"""Chapter 03: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math
import warnings

import numpy as np
import scipy.special
import scipy.stats

import helpers
from helpers import logit, models, sigmoid
from helpers.models import predict_proba


def peek(exercise_id):
    """The checker's own answer: never an answer."""
    def answer(*args):
        from helpers.checks import exercise
        return exercise(exercise_id).reference(*args)
    return answer


# --- 3.1 probability from odds ---------------------------------------------------------------------

def probability_in_place(o):
    o /= 1 + o
    return o


# --- 3.2 and 3.6: logits ------------------------------------------------------------------------

def logit_log1p(p, low=0.3, high=0.65):
    band = (p > low) & (p < high)
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


def logit_upper_half(p):
    """log1p wherever 2p − 1 is exact (p ≥ ¼), the plain ratio below."""
    out = np.log(p / (1 - p))
    upper = p >= 0.25
    out[upper] = np.log1p((2 * p[upper] - 1) / (1 - p[upper]))
    return out


def logit_by_loop(p):
    return np.array([math.log1p((2 * x - 1) / (1 - x)) if 0.25 <= x <= 0.75 else math.log(x / (1 - x))
                     for x in p])


def inverse_minus_one_near_one(p):
    out = logit_log1p(p)
    high = p > 0.65
    out[high] = -np.log(1 / p[high] - 1)
    return out


def clipped_logit(p, eps=1e-7):
    p = np.clip(p, eps, 1 - eps)
    return np.log(p / (1 - p))


def clipped_careful(p, eps=1e-9):
    return logit_log1p(np.clip(p, eps, 1 - eps))


def silenced_where(p):
    with np.errstate(divide="ignore", invalid="ignore"):
        return logit_where_warns(p)


def filtered_where(p):
    warnings.filterwarnings("ignore")
    return logit_where_warns(p)


def log_in_place(p):
    p /= 1 - p
    return np.log(p)


# --- 3.4 predict_proba ---------------------------------------------------------------------------

def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def proba_by_rows(X, w, b):
    return np.array([float(sigmoid(row @ w + b)) for row in X])


def proba_pure_python(X, w, b):
    out = []
    for row in X:
        z = sum(x * wi for x, wi in zip(row, w)) + b
        out.append(1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z)))
    return np.array(out)


def silenced_textbook(X, w, b):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-(X @ w + b)))


def centred_in_place(X, w, b):
    X -= X.mean(axis=0)            # writes into the caller's data
    X += X.mean(axis=0) * 0
    return sigmoid(X @ w + b + 0 * X.sum())


# --- 3.5 the decision boundary ---------------------------------------------------------------------

def boundary_in_place(x1, w, b):
    x1 *= -w[0] / w[1]
    x1 -= b / w[1]
    return x1


RIGHT = {
    "3.1": [lambda o: o / (1 + o), lambda o: 1 - 1 / (1 + o), lambda o: sigmoid(np.log(o)),
            lambda o: 1 / (1 + 1 / o), lambda o: np.array([x / (1 + x) for x in o]),
            lambda o: np.exp(np.log(o) - np.log1p(o)), lambda o: scipy.special.expit(np.log(o)),
            lambda o: np.vectorize(lambda x: x / (x + 1))(o)],
    "3.2": [lambda f: np.log(f / (1 - f)), lambda f: np.log(f) - np.log1p(-f), lambda f: -np.log(1 / f - 1),
            lambda f: np.log(f) - np.log(1 - f), lambda f: np.array([math.log(v / (1 - v)) for v in f]),
            lambda f: -np.log((1 - f) / f), lambda f: np.vectorize(lambda x: math.log(x) - math.log(1 - x))(f),
            logit_log1p, lambda f: np.log(np.clip(f, 1e-300, 1) / (1 - f))],
    "3.3": [lambda w, s, c: np.exp(w * c / s), lambda w, s, c: math.exp(w / s) ** c,
            lambda w, s, c: np.exp(w * (12.0 + c) / s) / np.exp(w * 12.0 / s),
            lambda w, s, c: math.e ** (w * c / s),
            lambda w, s, c: (lambda p0, p1: (p1 / (1 - p1)) / (p0 / (1 - p0)))(sigmoid(0.7), sigmoid(0.7 + w * c / s)),
            lambda w, s, c: np.array(np.exp(w * c / s))],
    "3.4": [lambda X, w, b: sigmoid(X @ w + b), lambda X, w, b: stable_sigmoid(np.dot(X, w) + b),
            proba_by_rows, proba_pure_python, lambda X, w, b: 0.5 * (1 + np.tanh((X @ w + b) / 2)),
            lambda X, w, b: scipy.special.expit(X @ w + b), lambda X, w, b: np.exp(-np.logaddexp(0, -(X @ w + b))),
            lambda X, w, b: sigmoid((X * w).sum(axis=1) + b), lambda X, w, b: models.sigmoid(X @ w + b),
            lambda X, w, b: stable_sigmoid(np.einsum("ij,j->i", X, w) + b)],
    "3.5": [lambda x1, w, b: -(w[0] * x1 + b) / w[1], lambda x1, w, b: (-b - w[0] * x1) / w[1],
            lambda x1, w, b: (-w[0] / w[1]) * x1 + (-b / w[1]),
            lambda x1, w, b: np.array([-(w[0] * v + b) / w[1] for v in x1]),
            lambda x1, w, b: (lambda w1, w2: -(w1 * x1 + b) / w2)(*w)],
    "3.6": [logit_log1p, logit_artanh, logit_mirrored, logit_upper_half, logit_by_loop,
            lambda p: logit_log1p(p, 0.4, 0.6), lambda p: logit_log1p(p, 0.25, 0.75)],
}

WRONG = {  # (answer, the diagnosis it must get)
    "3.1": [
        (lambda o: o, "odds are not probabilities"), (lambda o: 1 / (1 + o), "the other outcome"),
        (lambda o: 1 - o / (1 + o), "the other outcome"),
        (lambda o: o / (1 - o), "1 − odds instead of 1 + odds"), (lambda o: 1 / o, "reciprocal of the odds"),
        (lambda o: o / o + 1, "operator precedence"), (lambda o: np.log(o), "log-odds, not probability"),
        (lambda o: sigmoid(o), "σ of the odds"), (lambda o: 1 / (1 + np.exp(-o)), "σ of the odds"),
        (lambda o: np.log(o / (1 + o)), "the log of the probability"),
        (lambda o: (o - 1) / (o + 1), "not a probability"), (lambda o: o / (2 + o), "not ½ at even odds"),
        (lambda o: 100 * o / (1 + o), "constant factor"),
        (lambda o: np.round(o / (1 + o), 3), "rounded"),
        (lambda o: o / (1 + o) > 0.5, "whole numbers"),
        (lambda o: (o / (1 + o)).astype(np.float32), "float32"),
        (lambda o: list(o / (1 + o)), "list instead of array"),
        (probability_in_place, "changes its input"),
        (peek("3.1"), "forbidden call")],
    "3.2": [
        # the formula
        (lambda f: f, "the prior itself"), (lambda f: f / (1 - f), "odds without the log"),
        (lambda f: (1 - f) / f, "the inverse odds"), (lambda f: np.log((1 - f) / f), "sign error"),
        (lambda f: np.log(1 / f - 1), "sign error"),
        (lambda f: np.log(f), "log of the prior"), (lambda f: np.log10(f / (1 - f)), "base-10 logarithm"),
        (lambda f: np.log(f / 1 - f), "operator precedence"),
        (lambda f: np.log(f * (1 - f)), "product instead of ratio"),
        (lambda f: np.log(f) + np.log(1 - f), "product instead of ratio"),
        (lambda f: np.log(f) - np.log(1 + f), "1 + p instead of 1 − p"),
        (lambda f: np.log(f / (1 - f)) / 2, "constant factor"),
        (lambda f: f / (1 - f) - 1, "not antisymmetric"),
        # guards against log 0 that change the answer
        (clipped_logit, "the clipped version"), (lambda f: clipped_logit(f, 1e-6), "the clipped version"),
        (lambda f: clipped_logit(f, 1e-15), "the clipped version"),
        (lambda f: np.log(np.maximum(f, 1e-12) / (1 - f)), "the clipped version"),
        (lambda f: np.log((f + 1e-9) / (1 - f + 1e-9)), "ε added to p"),
        (lambda f: np.log(f / (1 - f + 1e-12)), "ε added to p"),
        (lambda f: 2 * np.arctanh(2 * f - 1), "artanh form far from ½"),
        # shortcuts, kinds of value
        (lambda f: logit(f), "forbidden call"),
        (lambda f: scipy.special.logit(f), "forbidden call"),
        (lambda f: helpers.numerics.logit(f), "forbidden call"),
        (lambda f: scipy.stats.logistic.ppf(f), "forbidden call"),
        (peek("3.2"), "forbidden call"),
        (lambda f: np.log(f / (1 - f)).astype(np.float32), "float32"),
        (lambda f: np.round(np.log(f / (1 - f)), 2), "rounded"),
        (lambda f: float(np.log(f[0] / (1 - f[0]))), "wrong shape"),
        (log_in_place, "changes its input")],
    "3.3": [
        (lambda w, s, c: w * c / s, "log-odds change, not odds factor"),
        (lambda w, s, c: np.exp(w * c), "forgot to standardise"), (lambda w, s, c: np.exp(w) ** c, "forgot to standardise"),
        (lambda w, s, c: np.exp(w * c * s), "multiplied by the spread"),
        (lambda w, s, c: sigmoid(w * c / s), "probability, not odds"),
        (lambda w, s, c: 1 + w * c / s, "added instead of multiplied"),
        (lambda w, s, c: np.exp(w * c / s) - 1, "the change in odds, not the factor"),
        (lambda w, s, c: 100 * (np.exp(w * c / s) - 1), "a percentage, not a factor"),
        (lambda w, s, c: np.exp(w * s / c) if c else np.inf, "the spread divided by the change"),
        (lambda w, s, c: np.exp(-w * c / s), "the reciprocal"),
        (lambda w, s, c: 2 ** (w * c / s), "base 2 instead of e"), (lambda w, s, c: 10 ** (w * c / s), "base 10 instead of e"),
        (lambda w, s, c: np.exp(w) * c / s, "e^w times the change"),
        (lambda w, s, c: np.exp(w / s) * c, "e^(w/std) times the change"),
        (lambda w, s, c: np.exp(w * c) / s, "divided after the exponential"),
        (lambda w, s, c: np.exp(w * c / s ** 2), "divided by the variance"),
        (lambda w, s, c: sigmoid(w * c / s) / sigmoid(0), "ratio of probabilities"),
        (lambda w, s, c: 4.48, "the example's value"),
        (lambda w, s, c: np.exp(w * c / s + 1), "constant factor"),
        (lambda w, s, c: round(float(np.exp(w * c / s)), 2), "rounded"),
        (lambda w, s, c: np.exp(w * c / s).astype(np.float32), "float32"),
        (lambda w, s, c: [np.exp(w * c / s)], "wrong type"),
        (lambda w, s, c: f"{np.exp(w * c / s):.3f}", "wrong type"),
        (lambda w, s, c: np.exp(w * c / s) if c else 1 / c, "raised"),
        (peek("3.3"), "forbidden call")],
    "3.4": [
        (lambda X, w, b: sigmoid(X @ w), "forgot b"), (lambda X, w, b: X @ w + b, "scores, not probabilities"),
        (lambda X, w, b: sigmoid(-(X @ w) - b), "sign error"), (lambda X, w, b: 1 - sigmoid(X @ w + b), "sign error"),
        (lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b))), "textbook sigmoid overflows"),
        (lambda X, w, b: np.exp(X @ w + b) / (1 + np.exp(X @ w + b)), "textbook sigmoid overflows"),
        (lambda X, w, b: (lambda z: np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))))(X @ w + b),
         "np.where computes both branches"),
        (lambda X, w, b: sigmoid(X @ w) + b, "b added after σ"), (lambda X, w, b: sigmoid(X @ w - b), "sign of b"),
        (lambda X, w, b: sigmoid(np.mean(X * w, axis=1) + b), "mean instead of the dot product"),
        (lambda X, w, b: sigmoid(X[:, 0] * w[0] + b), "only the first feature"),
        (lambda X, w, b: sigmoid(X[:, 0] * w[0] + X[:, 1] * w[1] + b), "only the first two features"),
        (lambda X, w, b: 0.5 * (1 + np.tanh(X @ w + b)), "tanh(z) instead of tanh(z/2)"),
        (lambda X, w, b: sigmoid(X @ w + b) - 1, "not probabilities"),
        (lambda X, w, b: sigmoid((X @ w + b) / 2), "σ of another score"),
        (lambda X, w, b: sigmoid(X @ w + 2 * b), "σ of another score"),
        (lambda X, w, b: (sigmoid(X @ w + b) >= 0.5).astype(float), "0/1 instead of probabilities"),
        (lambda X, w, b: np.round(sigmoid(X @ w + b), 3), "rounded"),
        (lambda X, w, b: sigmoid(X @ w + b).astype(np.float32), "float32"),
        (lambda X, w, b: predict_proba(X, w, b), "forbidden call"),
        (lambda X, w, b: models.sigmoid(models.scores(X, w, b)), "forbidden call"),
        (peek("3.4"), "forbidden call"),
        (silenced_textbook, "silenced warnings"),
        (centred_in_place, "changes its input"),
        (lambda X, w, b: [float(sigmoid(row @ w + b)) for row in X], "list instead of array"),
        (lambda X, w, b: sigmoid(X @ w.reshape(-1, 1) + b), "wrong shape"),
        (lambda X, w, b: sigmoid(X * w + b), "wrong shape")],
    "3.5": [
        (lambda x1, w, b: (w[0] * x1 + b) / w[1], "sign error"),
        (lambda x1, w, b: -(w[1] * x1 + b) / w[0], "swapped weights"),
        (lambda x1, w, b: (b - w[0] * x1) / w[1], "sign of b"),
        (lambda x1, w, b: -(w[0] * x1 + b), "forgot to divide by w₂"),
        (lambda x1, w, b: -(w[0] * x1) / w[1], "forgot b"),
        (lambda x1, w, b: -(w[0] * x1 + b) / w[0], "divided by w₁"),
        (lambda x1, w, b: -w[0] / w[1] * x1 - b, "b not divided by w₂"),
        (lambda x1, w, b: -(w[0] * x1 + b) * w[1], "multiplied by w₂"),
        (lambda x1, w, b: -(w[0] * x1 + b - 0.5) / w[1], "σ = ½ taken as z = ½"),
        (lambda x1, w, b: -w[1] / w[0] * x1 - b / w[1], "the slope upside down"),
        (lambda x1, w, b: -(w[0] * x1 + 2 * b) / w[1], "slope right, intercept wrong"),
        (lambda x1, w, b: -(2 * w[0] * x1 + b) / w[1], "intercept right, slope wrong"),
        (lambda x1, w, b: w[0] * x1 + w[1] * x1 + b, "a straight line, but not the boundary"),
        (lambda x1, w, b: -(w[0] * x1 + b) / np.linalg.norm(w), "a straight line, but not the boundary"),
        (lambda x1, w, b: sigmoid(-(w[0] * x1 + b) / w[1]), "not a straight line"),
        (lambda x1, w, b: -(w[0] * x1 + b) / w[1] + 0.5, "slope right, intercept wrong"),
        (lambda x1, w, b: list(-(w[0] * x1 + b) / w[1]), "list instead of array"),
        (boundary_in_place, "changes its input"),
        (peek("3.5"), "forbidden call")],
    "3.6": [
        # digits lost
        (lambda p: np.log(p / (1 - p)), "loses digits near ½"),
        (lambda p: np.log(p) - np.log(1 - p), "loses digits near ½"),
        (lambda p: np.log(p) - np.log1p(-p), "loses digits near ½"),
        (lambda p: logit_log1p(p, 0.49999, 0.50001), "loses digits near ½"),
        (lambda p: np.log(1 / (1 / p - 1)), "overflow"),
        (inverse_minus_one_near_one, "1/p − 1 loses digits near 1"),
        # guards against log 0 that change the answer
        (clipped_logit, "the clipped version"), (clipped_careful, "the clipped version"),
        (lambda p: clipped_logit(p, 1e-15), "the clipped version"),
        (lambda p: clipped_logit(p, 1e-300), "the clipped version"),
        (lambda p: logit_log1p(np.clip(p, np.finfo(float).eps, 1 - np.finfo(float).eps)), "the clipped version"),
        (lambda p: 2 * np.arctanh(2 * np.clip(p, 1e-7, 1 - 1e-7) - 1), "the clipped version"),
        (lambda p: np.log((p + 1e-15) / (1 - p + 1e-15)), "ε added to p"),
        (lambda p: logit_log1p(p) * 0 + np.log(p / (1 - p + 1e-12)), "ε added to p"),
        # the two forms in the wrong places
        (lambda p: np.log1p((2 * p - 1) / (1 - p)), "log1p form far from ½"),
        (lambda p: 2 * np.arctanh(2 * p - 1), "artanh form far from ½"),
        (logit_where_warns, "np.where computes both forms"),
        (lambda p: np.where(np.abs(p - 0.5) < 0.2, 2 * np.arctanh(2 * p - 1), np.log(p / (1 - p))),
         "np.where computes both forms"),
        # the formula
        (lambda p: np.log(p / (1 + p)), "1 + p instead of 1 − p"),
        (lambda p: np.log10(p / (1 - p)), "base-10 logarithm"),
        (lambda p: np.log((1 - p) / p), "the inverted ratio (1 − p)/p"),
        (lambda p: p / (1 - p), "odds instead of log-odds"),
        (lambda p: np.log(p / 1 - p), "operator precedence"),
        (lambda p: np.log(p * (1 - p)), "product instead of ratio"),
        (lambda p: -logit_log1p(p), "sign lost"),
        (lambda p: logit_log1p(p) / 2, "constant factor"),
        # shortcuts, manners, kinds of value
        (lambda p: logit(p), "forbidden call"),
        (lambda p: scipy.special.logit(p), "forbidden call"),
        (peek("3.6"), "forbidden call"),
        (silenced_where, "silenced warnings"),
        (filtered_where, "silenced warnings"),
        (log_in_place, "changes its input"),
        (lambda p: logit_log1p(p).astype(np.float32), "float32"),
        (lambda p: list(logit_log1p(p)), "list instead of array")],
}
