"""Logistic regression from scratch: the model chapters 03, 04 and 07 fit to the loan data.

    score          z = X·w + b                          (one score per row of X)
    predict_proba  p = σ(z)                             (the probability of class 1)
    loss           mean BCE from the scores z           (stable: never forms log σ)
    gradients      ∂L/∂w = Xᵀ(σ(z) − y)/n,  ∂L/∂b = mean(σ(z) − y)
    train          plain gradient descent, keeping the loss after every step

Everything is plain NumPy, written to be read next to the chapters that derive it.
"""

from dataclasses import dataclass

import numpy as np

from .numerics import as_float_array, bce_with_logits, sigmoid

__all__ = ["scores", "predict_proba", "mean_bce", "gradients", "train_logistic_regression",
           "Training", "accuracy"]


def scores(X, w, b):
    """z = X·w + b: one score per row of X (a single row gives a single score).

    >>> float(scores([1.0, 2.0], [0.5, -1.0], 1.0))
    -0.5
    """
    X = as_float_array(X, "X")
    w = as_float_array(w, "w")
    return X @ w + b


def predict_proba(X, w, b):
    """σ(X·w + b): the model's probability of class 1 (default) for each row of X.

    >>> float(predict_proba([0.0, 0.0], [1.0, 1.0], 0.0))
    0.5
    """
    return sigmoid(scores(X, w, b))


def mean_bce(X, y, w, b):
    """The mean binary cross-entropy of the model on (X, y), computed from the scores.

    From z rather than from p = σ(z): a confident wrong prediction costs its full size
    instead of inf (see helpers.numerics.bce_with_logits).

    >>> round(float(mean_bce([[0.0], [0.0]], [0, 1], [1.0], 0.0)), 4)   # two coin flips: ln 2
    0.6931
    """
    return float(np.mean(bce_with_logits(scores(X, w, b), as_float_array(y, "y"))))


def gradients(X, y, w, b):
    """(∂L/∂w, ∂L/∂b) of the mean BCE: Xᵀ(σ(z) − y)/n and mean(σ(z) − y).

    Why so simple: for one example ∂BCE/∂z = σ(z) − y (the σ' of the chain rule cancels,
    chapter 04), and ∂z/∂w = x, ∂z/∂b = 1.

    >>> gw, gb = gradients([[1.0], [1.0]], [1, 1], [0.0], 0.0)
    >>> gw.tolist(), float(gb)      # both predictions are ½, both labels 1: push w and b up
    ([-0.5], -0.5)
    """
    X = as_float_array(X, "X")
    error = predict_proba(X, w, b) - as_float_array(y, "y")      # σ(z) − y, one per row
    return X.T @ error / len(error), float(np.mean(error))


@dataclass(frozen=True)
class Training:
    """The result of train_logistic_regression: the final w and b, and the loss at each step."""

    w: np.ndarray
    b: float
    losses: np.ndarray        # losses[0] before the first step, losses[-1] after the last


def train_logistic_regression(X, y, learning_rate=0.5, steps=200, w=None, b=0.0):
    """Fit w and b by plain gradient descent on the mean BCE; return a Training.

    Each step moves against the gradient: w ← w − η·∂L/∂w, b ← b − η·∂L/∂b. Start from
    w = 0 (the default) or from given values. Deterministic: no randomness anywhere.

    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]]); y = np.array([0, 0, 1, 1])
    >>> fit = train_logistic_regression(X, y, learning_rate=1.0, steps=100)
    >>> bool(fit.losses[-1] < fit.losses[0]), accuracy(X, y, fit.w, fit.b)
    (True, 1.0)
    """
    X = as_float_array(X, "X")
    y = as_float_array(y, "y")
    w = np.zeros(X.shape[1]) if w is None else as_float_array(w, "w").astype(np.float64).copy()
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
    losses = [mean_bce(X, y, w, b)]
    for _ in range(int(steps)):
        grad_w, grad_b = gradients(X, y, w, b)
        w = w - learning_rate * grad_w
        b = b - learning_rate * grad_b
        losses.append(mean_bce(X, y, w, b))
    return Training(w=w, b=float(b), losses=np.array(losses))


def accuracy(X, y, w, b, threshold=0.5):
    """The fraction of rows where the prediction σ(z) > threshold matches the label.

    >>> accuracy([[1.0], [-1.0]], [1, 0], [2.0], 0.0)
    1.0
    """
    predicted = predict_proba(X, w, b) > threshold
    return float(np.mean(predicted == (as_float_array(y, "y") == 1)))
