"""Chapter 00: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import heapq

import numpy as np

from helpers import models, sigmoid
from helpers.checks import exercise


def scores(X, w, b):
    return np.asarray(X, dtype=float) @ w + b


def counted(y):
    defaults = 0
    for label in y:
        if label == 1:
            defaults += 1
    return defaults / len(y)


def score_loop(x, w, b):
    z = b
    for i in range(len(x)):
        z += x[i] * w[i]
    return z


def scores_loop(X, w, b):
    z = np.zeros(len(X))
    for i in range(len(X)):
        z[i] = X[i] @ w + b
    return z


def selection_sort_riskiest(X, w, b, k):
    z = list(scores(X, w, b))
    chosen = []
    for _ in range(k):
        best = max((i for i in range(len(z)) if i not in chosen), key=lambda i: z[i])
        chosen.append(best)
    return np.array(chosen)


def partition_riskiest(X, w, b, k):
    z = scores(X, w, b)
    top = np.argpartition(-z, k - 1)[:k]
    return top[np.argsort(-z[top])]


def scale_in_place(X, w, b):
    X *= w                      # overwrites the caller's array
    return X.sum(axis=1) + b


def distance_loop(X, w, b):
    length = sum(wi * wi for wi in w) ** 0.5
    return np.array([(sum(xi * wi for xi, wi in zip(row, w)) + b) / length for row in X])


RIGHT = {
    "0.1": [lambda y: np.mean(y), lambda y: sum(y) / len(y), lambda y: np.count_nonzero(y == 1) / y.size,
            lambda y: (y == 1).mean(), counted, lambda y: np.sum(y) / np.size(y),
            lambda y: np.average(y), lambda y: float(np.bincount(y, minlength=2)[1] / len(y))],
    "0.2": [lambda x, w, b: np.dot(x, w) + b, lambda x, w, b: x @ w + b, lambda x, w, b: np.sum(x * w) + b,
            lambda x, w, b: sum(xi * wi for xi, wi in zip(x, w)) + b, score_loop,
            lambda x, w, b: float(np.inner(w, x) + b), lambda x, w, b: np.einsum("i,i->", x, w) + b],
    "0.3": [lambda X, w, b: X @ w + b, lambda X, w, b: np.dot(X, w) + b, lambda X, w, b: (X * w).sum(axis=1) + b,
            lambda X, w, b: np.array([row @ w + b for row in X]), lambda X, w, b: np.einsum("ij,j->i", X, w) + b,
            lambda X, w, b: X[:, 0] * w[0] + X[:, 1] * w[1] + b, scores_loop,
            lambda X, w, b: (w @ X.T) + b, lambda X, w, b: np.matmul(X, w) + np.full(len(X), b)],
    "0.4": [lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k],
            lambda X, w, b, k: np.argsort(scores(X, w, b))[::-1][:k],
            lambda X, w, b, k: np.argsort(-(np.asarray(X, float) @ w))[:k],          # b changes no ranking
            lambda X, w, b, k: np.array(sorted(range(len(X)), key=lambda i: -scores(X, w, b)[i])[:k]),
            lambda X, w, b, k: np.argsort(sigmoid(scores(X, w, b)))[::-1][:k],      # σ keeps the order
            lambda X, w, b, k: np.array(heapq.nlargest(k, range(len(X)), key=lambda i: scores(X, w, b)[i])),
            selection_sort_riskiest, partition_riskiest,
            lambda X, w, b, k: np.flip(np.argsort(scores(X, w, b)))[:k]],
    "0.5": [lambda X, w, b: (X @ w + b) / np.linalg.norm(w),
            lambda X, w, b: (X @ w + b) / np.sqrt(w @ w),
            lambda X, w, b: scores(X, w / np.linalg.norm(w), b / np.linalg.norm(w)),   # a unit normal
            lambda X, w, b: (X @ w + b) / np.hypot.reduce(w),
            distance_loop],
}

WRONG = {  # (answer, the diagnosis it must get)
    "0.1": [(lambda y: y.sum(), "count instead of fraction"), (lambda y: 100 * np.mean(y), "percentage"),
            (lambda y: 1 - np.mean(y), "repayment rate"), (lambda y: np.mean(y == 0), "repayment rate"),
            (lambda y: np.sum(y) // len(y), "integer division"), (lambda y: int(np.mean(y)), "integer division"),
            (lambda y: np.sum(y) / (len(y) - 1), "divided by n − 1"),
            (lambda y: np.sum(y) / (len(y) + 1), "divided by n + 1"),
            (lambda y: int(100 * np.mean(y)), "percentage"),
            (lambda y: np.median(y), "median instead of mean"),
            (lambda y: print(np.mean(y)), "printing instead of returning"),
            (lambda y: round(float(np.mean(y)), 1), "rounded"), (lambda y: f"{np.mean(y):.3f}", "wrong type"),
            (lambda y: np.float32(np.mean(y)), "float32"),
            (lambda y: exercise("0.1").reference(y), "forbidden call")],
    "0.2": [(lambda x, w, b: x @ w, "forgot b"), (lambda x, w, b: np.sum(x * w + b), "b added to every term"),
            (lambda x, w, b: x @ w - b, "sign of b"), (lambda x, w, b: (x @ w) * b, "b multiplied"),
            (lambda x, w, b: np.sum(x) * np.sum(w) + b, "sum of x times sum of w"),
            (lambda x, w, b: np.mean(x * w) + b, "mean instead of sum"),
            (lambda x, w, b: np.dot(x, w + b), "b added to each weight"),
            (lambda x, w, b: np.dot(x + b, w), "b added to each feature"),
            (lambda x, w, b: (x + w).sum() + b, "added instead of multiplied"),
            (lambda x, w, b: int(x @ w + b), "whole number"),
            (lambda x, w, b: x * w + b, "products not summed"),
            (lambda x, w, b: x[:2] @ w[:2] + b, "only the first two features"),
            (lambda x, w, b: x[0] * w[0] + x[1] * w[1] + b, "raised"),               # fails on 1 feature
            (lambda x, w, b: sigmoid(x @ w + b), "a probability, not the score"),
            (lambda x, w, b: models.scores(x[None, :], w, b)[0], "forbidden call"),
            (lambda x, w, b: np.float32(x @ w + b), "float32"),
            (lambda x, w, b: round(float(x @ w + b), 2), "rounded"),
            (lambda x, w, b: np.array([[x @ w + b]]), "wrong shape")],
    "0.3": [(lambda X, w, b: [row @ w + b for row in X], "list instead of array"),
            (lambda X, w, b: X @ w, "forgot b"), (lambda X, w, b: np.sum(X * w + b, axis=1), "b added per feature"),
            (lambda X, w, b: X @ w - b, "sign of b"),
            (lambda X, w, b: np.mean(X * w, axis=1) + b, "mean instead of sum"),
            (lambda X, w, b: (X @ w) * b, "b multiplied"),
            (lambda X, w, b: X @ w[::-1] + b, "weights in reverse order"),
            (lambda X, w, b: X[:, 0] * w[0] + b, "only the first feature"),
            (lambda X, w, b: np.sum(X * w, axis=0) + b, "summed over applicants"),
            (lambda X, w, b: sigmoid(X @ w + b), "probabilities, not scores"),
            (lambda X, w, b: X * w + b, "wrong shape"), (lambda X, w, b: X.T @ w + b, "raised"),
            (lambda X, w, b: models.scores(X, w, b), "forbidden call"),
            (lambda X, w, b: (X @ w + b)[::-1], "reversed order"),
            (lambda X, w, b: (X @ w + b).reshape(-1, 1), "wrong shape"),
            (lambda X, w, b: (X @ w + b).astype(np.float32), "float32"),
            (scale_in_place, "changes its input")],
    "0.4": [(lambda X, w, b, k: np.argsort(scores(X, w, b))[:k], "lowest first"),
            (lambda X, w, b, k: np.argsort(scores(X, w, b))[-k:], "riskiest last"),
            (lambda X, w, b, k: np.sort(scores(X, w, b))[::-1][:k], "scores instead of indices"),
            (lambda X, w, b, k: X[np.argsort(-scores(X, w, b))[:k]], "rows instead of indices"),
            (lambda X, w, b, k: np.argmax(scores(X, w, b)), "only the riskiest one"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k + 1], "one too many"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[1:k + 1], "skipped the riskiest"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k - 1], "one too few"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k] + 1, "counted from 1"),
            (lambda X, w, b, k: np.argsort(scores(X, w, b))[:k][::-1], "the k safest"),
            (lambda X, w, b, k: np.sort(np.argsort(-scores(X, w, b))[:k]), "not in order"),
            (lambda X, w, b, k: np.argpartition(-scores(X, w, b), k - 1)[:k], "not in order"),
            (lambda X, w, b, k: np.argsort(-X[:, 0])[:k], "ranked by one feature"),
            (lambda X, w, b, k: np.argsort(-np.abs(scores(X, w, b)))[:k], "ranked by |z|"),
            (lambda X, w, b, k: list(np.argsort(-scores(X, w, b))[:k]), "list instead of array"),
            (lambda X, w, b, k: np.argsort(-models.scores(X, w, b))[:k], "forbidden call")],
    "0.5": [(lambda X, w, b: X @ w + b, "the score, not the distance"),
            (lambda X, w, b: (X @ w + b) / (w @ w), "divided by ‖w‖²"),
            (lambda X, w, b: np.abs(X @ w + b) / np.linalg.norm(w), "lost the sign"),
            (lambda X, w, b: -(X @ w + b) / np.linalg.norm(w), "sign flipped"),
            (lambda X, w, b: (X @ w + b) / np.abs(w).sum(), "sum of |w| instead of length"),
            (lambda X, w, b: (X @ w + b) / np.linalg.norm(np.append(w, b)), "b counted in the length"),
            (lambda X, w, b: (X @ w) / np.linalg.norm(w), "forgot b"),
            (lambda X, w, b: list((X @ w + b) / np.linalg.norm(w)), "list instead of array"),
            (lambda X, w, b: models.scores(X, w, b) / np.linalg.norm(w), "forbidden call")],
}
