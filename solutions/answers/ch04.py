"""Chapter 04's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch04.py.
"""

import numpy as np

from helpers.checks.ch04 import LABEL, SIGMA
from helpers.models import train_logistic_regression
from helpers.numerics import bce_with_logits, log_sigmoid, sigmoid, sigmoid_derivative

EPSILONS = tuple(10.0 ** -k for k in range(1, 21)) + (1e-300, np.finfo(float).eps, np.finfo(float).tiny)
CLIP_LIMITS = tuple(range(1, 51)) + (60, 64, 70, 80, 88, 89, 90, 100, 150, 200, 250, 300, 400, 500, 600, 700,
                                     708, 709, 709.78, 710, 745, 750, 800, 900, 999)

# For y = 1 the MSE gradient is 2(σ − 1)σ(1 − σ) = −2σ(1 − σ)²; its size peaks where
# (1 − σ)(1 − 3σ) = 0 inside (0, 1), i.e. σ = 1/3, z = ln(1/2) = −ln 2.
_STRONGEST_Z = -np.log(2.0)


def _f(a):
    return np.asarray(a, dtype=float)


def _worked_case(sigma=SIGMA, y=LABEL):
    """[loss, gradient] for σ = 0.62, y = 0: [−ln 0.38, 0.62]."""
    loss = -(y * np.log(sigma) + (1 - y) * np.log(1 - sigma))
    return np.array([loss, sigma - y])


def _bce_gradient(z, y):
    return sigmoid(z) - _f(y)


def _mse_style(z, y):
    s = sigmoid(z)
    return (s - _f(y)) * sigmoid_derivative(z)


def _mse_gradient(z, y):
    return 2 * _mse_style(z, y)


def _dloss_dsigma(z, y):
    s, y = sigmoid(z), _f(y)
    return -y / s + (1 - y) / (1 - s)


def _step(x, y, w, b, learning_rate, grad=_bce_gradient, sign=1.0, update_w=True, update_b=True, without_x=False):
    """The new score after one (possibly wrong) gradient step on one applicant's loss."""
    x, w = _f(x), _f(w)
    g = grad(x @ w + b, y)
    new_w = w - sign * learning_rate * g * (1.0 if without_x else x) if update_w else w
    new_b = b - sign * learning_rate * g if update_b else b
    return float(x @ new_w + new_b)


def _naive_bce(z, y):
    """−[y ln σ + (1 − y) ln(1 − σ)] with the textbook σ."""
    z, y = _f(z), _f(y)
    s = 1 / (1 + np.exp(-z))
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def _naive_bce_stable_sigmoid(z, y):
    """The same formula, with a stable σ: still log 0 once σ rounds to 0 or 1."""
    y = _f(y)
    s = sigmoid(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def _clipped_probabilities(z, y):
    """−[y ln p + (1 − y) ln(1 − p)] with p = σ(z) clipped to [ε, 1 − ε], for every usual ε."""
    y = _f(y)
    variants = []
    for eps in EPSILONS:
        p = np.clip(sigmoid(z), eps, 1 - eps)
        variants.append(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return variants


def _floored_probabilities(z, y):
    """−[y ln max(σ, ε) + (1 − y) ln max(1 − σ, ε)], for every usual ε."""
    y, s = _f(y), sigmoid(z)
    return [-(y * np.log(np.maximum(s, eps)) + (1 - y) * np.log(np.maximum(1 - s, eps))) for eps in EPSILONS]


def _epsilon_in_log(z, y):
    """−[y ln(σ + ε) + (1 − y) ln(1 − σ + ε)], for every usual ε."""
    y, s = _f(y), sigmoid(z)
    return [-(y * np.log(s + eps) + (1 - y) * np.log(1 - s + eps)) for eps in EPSILONS]


def _clipped_scores(z, y):
    """The right formula on z clipped to [−c, c], for every usual c."""
    return [bce_with_logits(np.clip(z, -c, c), y) for c in CLIP_LIMITS]


def _large_part(z, y):
    """max(z, 0) − z·y: the loss without its small ln(1 + e^(−|z|)) term."""
    return np.maximum(_f(z), 0) - _f(z) * _f(y)


def _softplus(t):
    return np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t)))


def _log_one_plus(z, y):
    """The max form with ln(1 + x) instead of log1p(x), in the orders learners add the terms."""
    z, y = _f(z), _f(y)
    tail = np.log(1 + np.exp(-np.abs(z)))
    return [np.maximum(z, 0) - z * y + tail, (np.maximum(z, 0) + tail) - z * y, tail + np.maximum(z, 0) - z * y,
            y * (np.maximum(-z, 0) + tail) + (1 - y) * (np.maximum(z, 0) + tail)]


def _tiny_loss_cancelled(z, y):
    """ln(1 + eᶻ) − z·y and its relatives: the tiny loss is added to a large number first, then the
    large number is taken away again."""
    z, y = _f(z), _f(y)
    return [_softplus(z) - z * y, np.logaddexp(0, z) - z * y, z * (1 - y) + _softplus(-z),
            z * (1 - y) + np.logaddexp(0, -z), np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - z * y,
            np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0) - z * y]


def _where_both_forms(z, y):
    """BCE split by the sign of z with np.where: both branches are computed for every z."""
    z, y = _f(z), _f(y)
    return np.where(z >= 0, z - z * y + np.log1p(np.exp(-z)), -z * y + np.log1p(np.exp(z)))


def _sign_error(z, y):
    z, y = _f(z), _f(y)
    return np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z)))


def _only_y_term(z, y):
    return -_f(y) * log_sigmoid(z)


def _negative_loss(z, y):
    return -bce_with_logits(z, y)


def _train_reference(X, y, learning_rate, steps):
    fit = train_logistic_regression(X, y, learning_rate=learning_rate, steps=steps)
    return np.append(fit.w, fit.b)


def _wrong_training(update):
    """A mistaken training loop, as a Mistake function. ``update(X, y, w, b, lr)`` gives the new (w, b).

    With steps = 0 every loop returns zeros, right or wrong, so a mistake cannot be told from the
    right answer there; it raises instead, and the check skips it for that case.
    """
    def train(X, y, learning_rate, steps):
        if steps == 0:
            raise ValueError("with no step taken every loop gives zeros")
        X, y = _f(X), _f(y)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(int(steps)):
            w, b = update(X, y, w, b, learning_rate)
        return np.append(w, b)
    return train


def _error(X, y, w, b):
    return sigmoid(X @ w + b) - y


def _ascent(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w + lr * X.T @ e / len(y), b + lr * np.mean(e)


def _summed(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w - lr * X.T @ e, b - lr * np.sum(e)


def _no_bias(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w - lr * X.T @ e / len(y), b


def _mse_chain(X, y, w, b, lr):
    e = _error(X, y, w, b) * sigmoid_derivative(X @ w + b)
    return w - lr * X.T @ e / len(y), b - lr * np.mean(e)


def _sequential(X, y, w, b, lr):
    w = w - lr * X.T @ _error(X, y, w, b) / len(y)
    return w, b - lr * np.mean(_error(X, y, w, b))


def _steps_off_by(shift):
    """Plain gradient descent with ``steps + shift`` steps (a loop that runs once too often or too few)."""
    def train(X, y, learning_rate, steps):
        return _train_reference(X, y, learning_rate, max(steps + shift, 0)) if steps + shift > 0 \
            else np.zeros(np.shape(X)[1] + 1)
    return train


def _per_feature(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w - lr * X.T @ e / X.shape[1], b - lr * np.mean(e)


def _started_from_ones(X, y, learning_rate, steps):
    fit = train_logistic_regression(X, y, learning_rate=learning_rate, steps=steps, w=np.ones(np.shape(X)[1]))
    return np.append(fit.w, fit.b)


def _bias_first(X, y, learning_rate, steps):
    params = _train_reference(X, y, learning_rate, steps)
    return np.append(params[-1], params[:-1])


def _one_applicant_at_a_time(X, y, w, b, lr):
    for x_i, y_i in zip(X, y):
        g = sigmoid(x_i @ w + b) - y_i
        w, b = w - lr * g * x_i, b - lr * g
    return w, b



REFERENCES = {
    "4.1": _worked_case,
    "4.2": _bce_gradient,
    "4.3": _step,
    "4.4": bce_with_logits,
    "4.5": lambda: _STRONGEST_Z,
    "4.6": _train_reference,
}

WRONG = {
    "4.1": {
    },
    "4.2": {
        "clipped": lambda z, y: ([sigmoid(np.clip(z, -c, c)) - _f(y) for c in CLIP_LIMITS]
                                 + [np.clip(sigmoid(z), e, 1 - e) - _f(y) for e in EPSILONS]),
        "sign error": lambda z, y: _f(y) - sigmoid(z),
        "only σ′": lambda z, y: sigmoid_derivative(z),
        "MSE-style chain": _mse_style,
        "MSE gradient": _mse_gradient,
        "∂L/∂σ instead of ∂L/∂z": _dloss_dsigma,
        "forgot y": lambda z, y: sigmoid(z),
        "σ(−z) instead of σ(z)": lambda z, y: sigmoid(-z) - _f(y),
        "forgot the (1 − y) term": lambda z, y: -_f(y) * sigmoid(-z),
        "forgot the y term": lambda z, y: (1 - _f(y)) * sigmoid(z),
        "labels swapped": lambda z, y: sigmoid(z) - (1 - _f(y)),
        "σ + y instead of σ − y": lambda z, y: sigmoid(z) + _f(y),
        "the size, not the signed gradient": lambda z, y: np.abs(sigmoid(z) - _f(y)),
    },
    "4.3": {
        "gradient ascent": lambda x, y, w, b, lr: _step(x, y, w, b, lr, sign=-1.0),
        "forgot the bias update": lambda x, y, w, b, lr: _step(x, y, w, b, lr, update_b=False),
        "only the bias updated": lambda x, y, w, b, lr: _step(x, y, w, b, lr, update_w=False),
        "MSE-style chain": lambda x, y, w, b, lr: _step(x, y, w, b, lr, grad=_mse_style),
        "probability instead of score": lambda x, y, w, b, lr: float(sigmoid(_step(x, y, w, b, lr))),
        "score before the step": lambda x, y, w, b, lr: float(_f(x) @ _f(w) + b),
        "forgot y": lambda x, y, w, b, lr: _step(x, y, w, b, lr, grad=lambda z, y: sigmoid(z)),
        "forgot the learning rate": lambda x, y, w, b, lr: _step(x, y, w, b, 1.0),
        "forgot x in ∂L/∂w": lambda x, y, w, b, lr: _step(x, y, w, b, lr, without_x=True),
        "left out b": lambda x, y, w, b, lr: _step(x, y, w, b, lr, update_b=False) - b,
        "divided by the number of features": lambda x, y, w, b, lr: _step(x, y, w, b, lr / len(x)),
    },
    "4.4": {
        "clipped probabilities": lambda z, y: _clipped_probabilities(z, y) + _floored_probabilities(z, y),
        "ε inside the log": _epsilon_in_log,
        "clipped z": _clipped_scores,
        "log(1 + x) instead of log1p(x)": _log_one_plus,
        "tiny loss lost in a sum": _tiny_loss_cancelled,
        "naive formula": (_naive_bce, _naive_bce_stable_sigmoid),
        "np.where evaluates both branches": _where_both_forms,
        "sign error": _sign_error,
        "forgot the (1 − y) term": _only_y_term,
        "negative loss": _negative_loss,
        "|z| instead of max(z, 0)": lambda z, y: np.abs(_f(z)) - _f(z) * _f(y) + np.log1p(np.exp(-np.abs(z))),
        "dropped ln(1 + e^(−|z|))": lambda z, y: _large_part(z, y),
        "base-10 logarithm": lambda z, y: _large_part(z, y) + np.log10(1 + np.exp(-np.abs(z))),
        "labels swapped": lambda z, y: bce_with_logits(z, 1 - _f(y)),
        "dropped max(z, 0) − z·y": lambda z, y: np.log1p(np.exp(-np.abs(_f(z)))),
        "e^(−|z|) for ln(1 + e^(−|z|))": lambda z, y: _large_part(z, y) + np.exp(-np.abs(z)),
    },
    "4.5": {
        "σ′'s peak": lambda: 0.0,
        "sign error": lambda: np.log(2.0),
        "σ instead of z": lambda: 1 / 3,
    },
    "4.6": {
        "gradient ascent": _wrong_training(_ascent),
        "forgot to average over n": _wrong_training(_summed),
        "no bias update": _wrong_training(_no_bias),
        "MSE-style chain": _wrong_training(_mse_chain),
        "b updated with the new w": _wrong_training(_sequential),
        "one step too many": _steps_off_by(+1),
        "one step too few": _steps_off_by(-1),
        "bias first": _bias_first,
        "one applicant at a time": _wrong_training(_one_applicant_at_a_time),
        "divided by the number of features": _wrong_training(_per_feature),
        "not started from zeros": _started_from_ones,
        "forgot the learning rate": lambda X, y, lr, steps: _train_reference(X, y, 1.0, steps),
    },
}
