"""Chapter 00's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch00.py.
"""

import numpy as np

from helpers.checks.ch00 import _as_float


def _default_rate(y):
    return float(np.mean(y))


def _score(x, w, b):
    return float(np.dot(x, w) + b)


def _scores(X, w, b):
    return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b


def _riskiest(X, w, b, k):
    return np.argsort(-_scores(X, w, b), kind="stable")[:k]


def _boundary_distance(X, w, b):
    w = np.asarray(w, dtype=float)
    return (np.asarray(X, dtype=float) @ w + b) / np.sqrt(np.sum(w * w))


def _sigma(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


REFERENCES = {
    "0.1": _default_rate,
    "0.2": _score,
    "0.3": _scores,
    "0.4": _riskiest,
    "0.5": _boundary_distance,
}

WRONG = {
    "0.1": {
        "count instead of fraction": lambda y: np.sum(y),
        "repayment rate": lambda y: 1 - np.mean(y),
        "integer division": lambda y: np.sum(y) // len(y),
        "divided by n − 1": lambda y: np.sum(y) / (len(y) - 1),
        "divided by n + 1": lambda y: np.sum(y) / (len(y) + 1),
        "median instead of mean": lambda y: float(np.median(y)),
    },
    "0.2": {
        "forgot b": lambda x, w, b: np.dot(x, w),
        "b added to every term": lambda x, w, b: np.sum(_as_float(x) * w + b),
        "sign of b": lambda x, w, b: np.dot(x, w) - b,
        "b multiplied": lambda x, w, b: np.dot(x, w) * b,
        "b added to each weight": lambda x, w, b: np.dot(x, _as_float(w) + b),
        "b added to each feature": lambda x, w, b: np.dot(_as_float(x) + b, w),
        "added instead of multiplied": lambda x, w, b: np.sum(_as_float(x) + w) + b,
        "sum of x times sum of w": lambda x, w, b: np.sum(x) * np.sum(w) + b,
        "mean instead of sum": lambda x, w, b: np.mean(_as_float(x) * w) + b,
        "products not summed": lambda x, w, b: _as_float(x) * w + b,
        "only the first two features": lambda x, w, b: float(_as_float(x)[:2] @ _as_float(w)[:2] + b),
        "a probability, not the score": lambda x, w, b: float(_sigma(np.dot(x, w) + b)),
    },
    "0.3": {
        "forgot b": lambda X, w, b: _as_float(X) @ w,
        "b added per feature": lambda X, w, b: np.sum(_as_float(X) * w + b, axis=1),
        "sign of b": lambda X, w, b: _as_float(X) @ w - b,
        "b multiplied": lambda X, w, b: (_as_float(X) @ w) * b,
        "weights in reverse order": lambda X, w, b: _as_float(X) @ _as_float(w)[::-1] + b,
        "only the first feature": lambda X, w, b: _as_float(X)[:, 0] * w[0] + b,
        "mean instead of sum": lambda X, w, b: np.mean(_as_float(X) * w, axis=1) + b,
        "summed over applicants": lambda X, w, b: np.sum(_as_float(X) * w, axis=0) + b,
        "probabilities, not scores": lambda X, w, b: _sigma(_as_float(X) @ w + b),
    },
    "0.4": {
        "lowest first": lambda X, w, b, k: np.argsort(_scores(X, w, b))[:k],
        "riskiest last": lambda X, w, b, k: np.argsort(_scores(X, w, b))[-k:],
        "scores instead of indices": lambda X, w, b, k: np.sort(_scores(X, w, b))[::-1][:k],
        "rows instead of indices": lambda X, w, b, k: _as_float(X)[np.argsort(-_scores(X, w, b))[:k]],
        "only the riskiest one": lambda X, w, b, k: np.argmax(_scores(X, w, b)),
        "one too few": lambda X, w, b, k: np.argsort(-_scores(X, w, b))[:k - 1],
        "one too many": lambda X, w, b, k: np.argsort(-_scores(X, w, b))[:k + 1],
        "skipped the riskiest": lambda X, w, b, k: np.argsort(-_scores(X, w, b))[1:k + 1],
        "counted from 1": lambda X, w, b, k: np.argsort(-_scores(X, w, b))[:k] + 1,
        "ranked by |z|": lambda X, w, b, k: np.argsort(-np.abs(_scores(X, w, b)))[:k],
        "the k safest": lambda X, w, b, k: np.argsort(_scores(X, w, b))[:k],
    },
    "0.5": {
        "the score, not the distance": lambda X, w, b: _scores(X, w, b),
        "divided by ‖w‖²": lambda X, w, b: _scores(X, w, b) / np.sum(_as_float(w) ** 2),
        "lost the sign": lambda X, w, b: np.abs(_scores(X, w, b)) / np.linalg.norm(w),
        "sign flipped": lambda X, w, b: -_scores(X, w, b) / np.linalg.norm(w),
        "sum of |w| instead of length": lambda X, w, b: _scores(X, w, b) / np.sum(np.abs(w)),
        "b counted in the length": lambda X, w, b: _scores(X, w, b) / np.sqrt(np.sum(_as_float(w) ** 2) + b * b),
        "forgot b": lambda X, w, b: (_as_float(X) @ w) / np.linalg.norm(w),
    },
}
