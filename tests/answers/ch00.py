"""Chapter 00: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import numpy as np

from helpers import models


def scores(X, w, b):
    return np.asarray(X, dtype=float) @ w + b


RIGHT = {
    "0.1": [lambda y: np.mean(y), lambda y: sum(y) / len(y), lambda y: np.count_nonzero(y == 1) / y.size,
            lambda y: (y == 1).mean()],
    "0.2": [lambda x, w, b: np.dot(x, w) + b, lambda x, w, b: x @ w + b, lambda x, w, b: np.sum(x * w) + b,
            lambda x, w, b: sum(xi * wi for xi, wi in zip(x, w)) + b],
    "0.3": [lambda X, w, b: X @ w + b, lambda X, w, b: np.dot(X, w) + b, lambda X, w, b: (X * w).sum(axis=1) + b,
            lambda X, w, b: np.array([row @ w + b for row in X]), lambda X, w, b: np.einsum("ij,j->i", X, w) + b],
    "0.4": [lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k],
            lambda X, w, b, k: np.argsort(scores(X, w, b))[::-1][:k],
            lambda X, w, b, k: np.argsort(-(np.asarray(X, float) @ w))[:k],          # b changes no ranking
            lambda X, w, b, k: np.array(sorted(range(len(X)), key=lambda i: -scores(X, w, b)[i])[:k])],
}

WRONG = {  # (answer, the diagnosis it must get)
    "0.1": [(lambda y: y.sum(), "count instead of fraction"), (lambda y: 100 * np.mean(y), "percentage"),
            (lambda y: 1 - np.mean(y), "repayment rate"), (lambda y: np.sum(y) // len(y), "integer division"),
            (lambda y: print(np.mean(y)), "printing instead of returning"),
            (lambda y: round(float(np.mean(y)), 1), "rounded"), (lambda y: f"{np.mean(y):.3f}", "wrong type")],
    "0.2": [(lambda x, w, b: x @ w, "forgot b"), (lambda x, w, b: np.sum(x * w + b), "b added to every term"),
            (lambda x, w, b: x @ w - b, "sign of b"), (lambda x, w, b: x * w + b, "products not summed"),
            (lambda x, w, b: models.scores(x[None, :], w, b)[0], "forbidden call"),
            (lambda x, w, b: np.float32(x @ w + b), "float32")],
    "0.3": [(lambda X, w, b: [row @ w + b for row in X], "list instead of array"),
            (lambda X, w, b: X @ w, "forgot b"), (lambda X, w, b: np.sum(X * w + b, axis=1), "b added per feature"),
            (lambda X, w, b: X * w + b, "wrong shape"), (lambda X, w, b: X.T @ w + b, "raised"),
            (lambda X, w, b: models.scores(X, w, b), "forbidden call"),
            (lambda X, w, b: (X @ w + b)[::-1], "reversed order"),
            (lambda X, w, b: (X @ w + b).reshape(-1, 1), "wrong shape")],
    "0.4": [(lambda X, w, b, k: np.argsort(scores(X, w, b))[:k], "lowest first"),
            (lambda X, w, b, k: np.argsort(scores(X, w, b))[-k:], "riskiest last"),
            (lambda X, w, b, k: np.sort(scores(X, w, b))[::-1][:k], "scores instead of indices"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k + 1], "one too many"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[1:k + 1], "skipped the riskiest"),
            (lambda X, w, b, k: list(np.argsort(-scores(X, w, b))[:k]), "list instead of array"),
            (lambda X, w, b, k: np.argsort(-scores(X, w, b))[:k - 1], "one too few"),
            (lambda X, w, b, k: np.argsort(-models.scores(X, w, b))[:k], "forbidden call")],
}
