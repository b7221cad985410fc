"""Chapter 04: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import bce, bce_with_logits, log_sigmoid, numerical_derivative, sigmoid
from helpers.models import train_logistic_regression


def textbook_sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- 4.2 ------------------------------------------------------------------------------------------

def gradient_by_label(z, y):
    return np.where(y == 1, -sigmoid(-z), sigmoid(z))        # σ − 1 = −σ(−z): no cancellation


def gradient_two_terms(z, y):
    return (1 - y) * sigmoid(z) - y * sigmoid(-z)


# --- 4.3 ------------------------------------------------------------------------------------------

def step_vectorised(x, y, w, b, learning_rate):
    g = sigmoid(x @ w + b) - y
    w, b = w - learning_rate * g * x, b - learning_rate * g
    return x @ w + b


def step_closed_form(x, y, w, b, learning_rate):
    z = np.dot(x, w) + b
    return z - learning_rate * (sigmoid(z) - y) * (np.dot(x, x) + 1)   # z′ = z − η·g·(‖x‖² + 1)


def step_with_loops(x, y, w, b, learning_rate):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    g = 1 / (1 + math.exp(-z)) - y
    new_w = [wi - learning_rate * g * xi for xi, wi in zip(x, w)]
    return sum(xi * wi for xi, wi in zip(x, new_w)) + (b - learning_rate * g)


# --- 4.4 ------------------------------------------------------------------------------------------

def softplus_form(z, y):
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


def max_form_with_log(z, y):
    return np.maximum(z, 0) - z * y + np.log(1 + np.exp(-np.abs(z)))


def masked_form(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    e = np.log1p(np.exp(-np.abs(z)))
    return np.where(z > 0, z * (1 - y), -z * y) + e


def naive(z, y):
    s = textbook_sigmoid(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def clipped(z, y):
    p = np.clip(sigmoid(z), 1e-7, 1 - 1e-7)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def where_both(z, y):
    return np.where(z >= 0, z - z * y + np.log1p(np.exp(-z)), -z * y + np.log1p(np.exp(z)))


# --- 4.5 ------------------------------------------------------------------------------------------

def strongest_by_grid():
    z = np.linspace(-10, 5, 1_500_001)
    s = 1 / (1 + np.exp(-z))
    return z[np.argmax(np.abs(2 * (s - 1) * s * (1 - s)))]


# --- 4.6 ------------------------------------------------------------------------------------------

def train_vectorised(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        error = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * error.mean()
    return np.append(w, b)


def train_augmented(X, y, learning_rate, steps):
    Xb = np.column_stack([X, np.ones(len(X))])              # the bias as a weight on a column of 1s
    theta = np.zeros(Xb.shape[1])
    for _ in range(steps):
        theta -= learning_rate * Xb.T @ (textbook_sigmoid(Xb @ theta) - y) / len(y)
    return theta


def train_by_ascent_on_likelihood(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        residual = y - sigmoid(X @ w + b)                    # the log-likelihood's gradient, climbed
        w = w + learning_rate * np.mean(residual[:, None] * X, axis=0)
        b = b + learning_rate * np.mean(residual)
    return np.array([*w, b])


def training_loop(update):
    def train(X, y, learning_rate, steps):
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(steps):
            w, b = update(X, y, w, b, learning_rate)
        return np.append(w, b)
    return train


def ascent(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w + lr * X.T @ e / len(y), b + lr * e.mean()


def summed(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w - lr * X.T @ e, b - lr * e.sum()


def no_bias(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w - lr * X.T @ e / len(y), b


def tuple_answer(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * X.T @ e / len(y), b - learning_rate * e.mean()
    return w, b


def silenced_naive(z, y):
    with np.errstate(all="ignore"):
        return naive(z, y)


def models_shortcut(X, y, learning_rate, steps):
    fit = train_logistic_regression(X, y, learning_rate=learning_rate, steps=steps)
    return np.append(fit.w, fit.b)


RIGHT = {
    "4.1": [lambda: np.array([-np.log(0.38), 0.62]), lambda: np.array([math.log(1 / 0.38), 0.62 - 0]),
            lambda: np.round(np.array([-np.log(0.38), 0.62]), 4), lambda: np.array([bce(0.62, 0), 0.62 - 0])],
    "4.2": [lambda z, y: sigmoid(z) - y, gradient_by_label, gradient_two_terms],
    "4.3": [step_vectorised, step_closed_form, step_with_loops],
    "4.4": [lambda z, y: np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), softplus_form,
            masked_form,
            lambda z, y: np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z))],
    "4.5": [lambda: -np.log(2), strongest_by_grid, lambda: math.log(0.5), lambda: round(strongest_by_grid(), 3)],
    "4.6": [train_vectorised, train_augmented, train_by_ascent_on_likelihood],
}

WRONG = {  # (answer, the diagnosis it must get)
    "4.1": [(lambda: np.array([-np.log(0.62), 0.62]), "the y = 1 term"),
            (lambda: np.array([-np.log10(0.38), 0.62]), "base-10 logarithm"),
            (lambda: np.array([np.log(0.38), 0.62]), "missing minus sign"),
            (lambda: np.array([-np.log(0.38), -0.62]), "sign error in the gradient"),
            (lambda: np.array([-np.log(0.38), 0.62 * 0.38]), "σ′ instead of σ − y"),
            (lambda: (-np.log(0.38), 0.62), "list instead of array")],
    "4.2": [(lambda z, y: y - sigmoid(z), "sign error"),
            (lambda z, y: sigmoid(z) * (1 - sigmoid(z)), "only σ′"),
            (lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)), "MSE-style chain"),
            (lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)), "MSE gradient"),
            (lambda z, y: -y / sigmoid(z) + (1 - y) / (1 - sigmoid(z)), "∂L/∂σ instead of ∂L/∂z"),
            (lambda z, y: textbook_sigmoid(z) - y, "overflow"),
            (lambda z, y: sigmoid(z) - 1 if y == 1 else sigmoid(z), "if on an array")],
    "4.3": [(lambda x, y, w, b, lr: step_vectorised(x, y, w, b, -lr), "gradient ascent"),
            (lambda x, y, w, b, lr: x @ (w - lr * (sigmoid(x @ w + b) - y) * x) + b, "forgot the bias update"),
            (lambda x, y, w, b, lr: x @ w + b - lr * (sigmoid(x @ w + b) - y), "only the bias updated"),
            (lambda x, y, w, b, lr: sigmoid(step_vectorised(x, y, w, b, lr)), "probability instead of score")],
    "4.4": [(naive, "naive formula"), (clipped, "clipped probabilities"),
            (where_both, "np.where evaluates both branches"),
            (lambda z, y: np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z))), "sign error"),
            (lambda z, y: y * (np.maximum(-z, 0) + np.log1p(np.exp(-np.abs(z)))), "forgot the (1 − y) term"),
            # digits lost where the loss is tiny (an absolute tolerance used to hide them)
            (max_form_with_log, "tail digits lost"),
            (lambda z, y: np.logaddexp(0, z) - z * y, "tail digits lost"),     # softplus(z) − z cancels
            # shortcuts, silenced warnings, the wrong kind of number
            (lambda z, y: bce_with_logits(z, y), "forbidden call"),
            (lambda z, y: -(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z)), "forbidden call"),
            (silenced_naive, "silenced warnings"),
            (lambda z, y: np.asarray(softplus_form(z, y), dtype=np.float32), "float32")],
    "4.5": [(lambda: 0.0, "σ′'s peak"), (lambda: np.log(2), "sign error"), (lambda: 1 / 3, "σ instead of z"),
            (lambda: -8 / 27, "the gradient, not z"), (lambda: -0.6931, "typed in"),
            (lambda: round(strongest_by_grid(), 1), "rounded")],
    "4.6": [(training_loop(ascent), "gradient ascent"), (training_loop(summed), "forgot to average over n"),
            (training_loop(no_bias), "no bias update"), (tuple_answer, "list instead of array"),
            (models_shortcut, "forbidden call")],
}
