"""Chapter 04: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math
import warnings

import numpy as np
import scipy.special

from helpers import bce, bce_with_logits, log_sigmoid, numerical_derivative, sigmoid, sigmoid_derivative
from helpers.checks import exercise
from helpers.models import gradients as model_gradients
from helpers.models import train_logistic_regression


def textbook_sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- 4.1 ------------------------------------------------------------------------------------------

def worked_case_written_out():
    sigma, y = 0.62, 0
    loss = -(y * np.log(sigma) + (1 - y) * np.log(1 - sigma))
    return np.array([loss, sigma - y])


def worked_case_with_math():
    p, y = 0.62, 0
    loss = -(y * math.log(p) + (1 - y) * math.log(1 - p))
    return np.array([round(loss, 4), p - y])                 # four decimals, as the text allows


def worked_case_cut_off():
    exact = np.array([-np.log(0.38), 0.62])
    return np.trunc(exact * 1e4) / 1e4                       # 0.9675: four digits, cut off


# --- 4.2 ------------------------------------------------------------------------------------------

def gradient_by_label(z, y):
    return np.where(y == 1, -sigmoid(-z), sigmoid(z))        # σ − 1 = −σ(−z): no cancellation


def gradient_two_terms(z, y):
    return (1 - y) * sigmoid(z) - y * sigmoid(-z)


def gradient_loop(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    out = np.empty_like(z)
    for i in np.ndindex(z.shape):                           # a stable σ, one number at a time
        t = z[i]
        s = 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))
        out[i] = s - y[i]
    return out if out.ndim else float(out)


def gradient_clipped(z, y):
    return sigmoid(np.clip(z, -20, 20)) - y


def gradient_in_place(z, y):
    z = np.asarray(z)
    if z.ndim:
        z[...] = sigmoid(z) - y                              # writes into the caller's array
        return z
    return sigmoid(z) - y


def gradient_silenced(z, y):
    with np.errstate(all="ignore"):
        return textbook_sigmoid(z) - y


def gradient_filtered(z, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return textbook_sigmoid(z) - y


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


def step_on_a_copy(x, y, w, b, learning_rate):
    w = w.copy()                                             # -= on a copy leaves the caller's w alone
    g = sigmoid(w @ x + b) - y
    w -= learning_rate * g * x
    b -= learning_rate * g
    return float(w @ x + b)


def step_augmented(x, y, w, b, learning_rate):
    theta, xa = np.append(w, b), np.append(x, 1.0)           # the bias as a weight on a constant 1
    theta = theta - learning_rate * (scipy.special.expit(xa @ theta) - y) * xa
    return xa @ theta


def step_in_place(x, y, w, b, learning_rate):
    g = sigmoid(x @ w + b) - y
    w -= learning_rate * g * x                               # overwrites the caller's weights
    return x @ w + b - learning_rate * g


def step_through_models(x, y, w, b, learning_rate):
    fit = train_logistic_regression(x[None, :], np.array([y]), learning_rate=learning_rate, steps=1, w=w, b=b)
    return float(x @ fit.w + fit.b)


# --- 4.4 ------------------------------------------------------------------------------------------

def softplus_form(z, y):
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


def max_form_with_log(z, y):
    return np.maximum(z, 0) - z * y + np.log(1 + np.exp(-np.abs(z)))


def masked_form(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    e = np.log1p(np.exp(-np.abs(z)))
    return np.where(z > 0, z * (1 - y), -z * y) + e


def signed_score_form(z, y):
    t = (1 - 2 * np.asarray(y, dtype=float)) * z             # the loss is softplus(z) for y = 0, softplus(−z) for y = 1
    return np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t)))


def own_log_sigmoid(z, y):
    def log_sig(t):
        return -np.logaddexp(0, -t)
    return -(y * log_sig(z) + (1 - y) * log_sig(-z))


def tail_added_last(z, y):
    out = np.log1p(np.exp(-np.abs(z)))
    out = out + (np.maximum(z, 0) - z * y)                   # the large terms combined first
    return out


def naive(z, y):
    s = textbook_sigmoid(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def clipped(z, y):
    p = np.clip(sigmoid(z), 1e-7, 1 - 1e-7)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def clipped_finely(z, y):
    p = np.clip(sigmoid(z), 1e-15, 1 - 1e-15)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def epsilon_in_log(z, y):
    s = sigmoid(z)
    return -(y * np.log(s + 1e-12) + (1 - y) * np.log(1 - s + 1e-12))


def clipped_scores(z, y):
    z = np.clip(z, -100, 100)
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def where_both(z, y):
    return np.where(z >= 0, z - z * y + np.log1p(np.exp(-z)), -z * y + np.log1p(np.exp(z)))


def silenced_naive(z, y):
    with np.errstate(all="ignore"):
        return naive(z, y)


def silenced_softplus(z, y):
    warnings.simplefilter("ignore")                          # hides exp(1000)'s overflow for good
    try:
        return np.log1p(np.exp(z)) - z * y
    finally:
        warnings.resetwarnings()


def capped_in_place(z, y):
    z = np.asarray(z, dtype=float)                           # no copy for a float array
    if z.ndim:
        np.clip(z, -700, 700, out=z)
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


# --- 4.5 ------------------------------------------------------------------------------------------

def strongest_by_grid():
    z = np.linspace(-10, 5, 1_500_001)
    s = 1 / (1 + np.exp(-z))
    return z[np.argmax(np.abs(2 * (s - 1) * s * (1 - s)))]


def strongest_by_bisection():
    lo, hi = -5.0, 0.0                                       # d/dz[σ(1 − σ)²] ∝ 1 − 3σ changes sign once

    def slope(z):
        s = sigmoid(z)
        return 1 - 3 * s
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if slope(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def strongest_on_coarse_grid():
    z = np.linspace(-5, 5, 101)                              # steps of 0.1: −0.7 is the nearest
    s = sigmoid(z)
    return z[np.argmax(np.abs(2 * (s - 1) * s * (1 - s)))]


def strongest_signed():
    z = np.linspace(-5, 5, 1001)
    s = sigmoid(z)
    return z[np.argmax(2 * (s - 1) * s * (1 - s))]           # all ≤ 0: finds the one nearest 0, at an edge


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


def train_while_in_place(X, y, learning_rate, steps):
    n, d = X.shape
    w, b, step = np.zeros(d), 0.0, 0
    while step < steps:
        p = 1 / (1 + np.exp(-(np.dot(X, w) + b)))
        w -= learning_rate * np.dot(X.T, p - y) / n          # in place, but on its own w
        b -= learning_rate * np.sum(p - y) / n
        step += 1
    return np.concatenate([w, [b]])


def train_per_feature(X, y, learning_rate, steps):
    n, d = X.shape
    w, b = [0.0] * d, 0.0
    for _ in range(steps):
        e = [1 / (1 + math.exp(-(sum(X[i, j] * w[j] for j in range(d)) + b))) - y[i] for i in range(n)]
        grad = [sum(e[i] * X[i, j] for i in range(n)) / n for j in range(d)]
        w, b = [w[j] - learning_rate * grad[j] for j in range(d)], b - learning_rate * sum(e) / n
    return np.array(w + [b])


def training_loop(update, steps_shift=0):
    def train(X, y, learning_rate, steps):
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(steps + steps_shift):
            w, b = update(X, y, w, b, learning_rate)
        return np.append(w, b)
    return train


def descent(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w - lr * X.T @ e / len(y), b - lr * e.mean()


def ascent(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w + lr * X.T @ e / len(y), b + lr * e.mean()


def summed(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w - lr * X.T @ e, b - lr * e.sum()


def no_bias(X, y, w, b, lr):
    e = sigmoid(X @ w + b) - y
    return w - lr * X.T @ e / len(y), b


def mse_chain(X, y, w, b, lr):
    p = sigmoid(X @ w + b)
    e = (p - y) * p * (1 - p)
    return w - lr * X.T @ e / len(y), b - lr * e.mean()


def sequential(X, y, w, b, lr):
    w = w - lr * X.T @ (sigmoid(X @ w + b) - y) / len(y)
    return w, b - lr * np.mean(sigmoid(X @ w + b) - y)


def per_applicant(X, y, w, b, lr):
    for x_i, y_i in zip(X, y):
        e = sigmoid(x_i @ w + b) - y_i
        w, b = w - lr * e * x_i, b - lr * e
    return w, b


def whole_gradient(X, y, w, b, lr):
    return descent(X, y, w, b, 1.0)


def bias_first(X, y, learning_rate, steps):
    params = train_vectorised(X, y, learning_rate, steps)
    return np.append(params[-1], params[:-1])


def tuple_answer(X, y, learning_rate, steps):
    params = train_vectorised(X, y, learning_rate, steps)
    return params[:-1], params[-1]


def models_shortcut(X, y, learning_rate, steps):
    fit = train_logistic_regression(X, y, learning_rate=learning_rate, steps=steps)
    return np.append(fit.w, fit.b)


def models_gradients(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        grad_w, grad_b = model_gradients(X, y, w, b)
        w, b = w - learning_rate * grad_w, b - learning_rate * grad_b
    return np.append(w, b)


def centred_in_place(X, y, learning_rate, steps):
    X -= X.mean(axis=0)                                      # "standardising" the caller's data
    return train_vectorised(X, y, learning_rate, steps)


RIGHT = {
    "4.1": [lambda: np.array([-np.log(0.38), 0.62]), worked_case_written_out, worked_case_with_math,
            lambda: np.array([math.log(1 / 0.38), 0.62 - 0]),
            lambda: np.round(np.array([-np.log(0.38), 0.62]), 4),
            lambda: np.array([bce(0.62, 0), 0.62 - 0]), worked_case_cut_off,
            lambda: np.array([-np.log1p(-0.62), 0.62], dtype=np.float32)],     # 4 digits: float32 is plenty
    "4.2": [lambda z, y: sigmoid(z) - y, gradient_by_label, gradient_two_terms, gradient_loop,
            lambda z, y: scipy.special.expit(z) - y,
            lambda z, y: 0.5 * (1 + np.tanh(z / 2)) - y,
            lambda z, y: np.exp(-np.logaddexp(0, -z)) - y],
    "4.3": [step_vectorised, step_closed_form, step_with_loops, step_on_a_copy, step_augmented],
    "4.4": [lambda z, y: np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), softplus_form,
            masked_form, signed_score_form, own_log_sigmoid, tail_added_last,
            lambda z, y: np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z))],
    "4.5": [lambda: -np.log(2), strongest_by_grid, lambda: math.log(0.5), lambda: round(strongest_by_grid(), 3),
            strongest_by_bisection, lambda: -math.log(1 / (1 / 3) - 1),
            lambda: float(np.log((1 / 3) / (1 - 1 / 3)))],
    "4.6": [train_vectorised, train_augmented, train_by_ascent_on_likelihood, train_while_in_place,
            train_per_feature],
}

WRONG = {  # (answer, the diagnosis it must get)
    "4.1": [  # the chapter's own mistakes
            (lambda: np.array([-np.log(0.62), 0.62]), "the y = 1 term"),
            (lambda: np.array([-np.log(0.62), 0.62 - 1]), "the label y = 1"),
            (lambda: np.array([-np.log10(0.38), 0.62]), "base-10 logarithm"),
            (lambda: np.array([-np.log2(0.38), 0.62]), "base-2 logarithm"),
            (lambda: np.array([np.log(0.38), 0.62]), "missing minus sign"),
            (lambda: np.array([0.38, 0.62]), "forgot the log"),
            (lambda: np.array([-np.log(0.62) - np.log(0.38), 0.62]), "both terms"),
            (lambda: np.array([-np.log(0.38), -0.62]), "sign error in the gradient"),
            (lambda: np.array([-np.log(0.38), 0.62 - 1]), "the gradient for y = 1"),
            (lambda: np.array([-np.log(0.38), 0.62 * 0.38]), "σ′ instead of σ − y"),
            (lambda: np.array([-np.log(0.38), 1 / (1 - 0.62)]), "∂L/∂σ instead of ∂L/∂z"),
            (lambda: np.array([(0.62 - 0) ** 2, 2 * 0.62 * 0.62 * 0.38]), "squared error instead of cross-entropy"),
            # precision, order, kind of value, typed in, shortcuts
            (lambda: np.round(np.array([-np.log(0.38), 0.62]), 3), "rounded"),
            (lambda: np.array([0.62, -np.log(0.38)]), "reversed order"),
            (lambda: (-np.log(0.38), 0.62), "list instead of array"),
            (lambda: -np.log(0.38), "wrong shape"),
            (lambda: np.array([0.9676, 0.62]), "typed in"),
            (lambda: np.array([exercise("4.1").reference()[0], 0.62]), "forbidden call")],
    "4.2": [  # the chapter's own mistakes
            (lambda z, y: y - sigmoid(z), "sign error"),
            (lambda z, y: sigmoid(z) * (1 - sigmoid(z)), "only σ′"),
            (lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)), "MSE-style chain"),
            (lambda z, y: 2 * (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)), "MSE gradient"),
            (lambda z, y: -y / sigmoid(z) + (1 - y) / (1 - sigmoid(z)), "∂L/∂σ instead of ∂L/∂z"),
            (lambda z, y: sigmoid(z), "forgot y"),
            (lambda z, y: 1 - sigmoid(z) - y, "σ(−z) instead of σ(z)"),
            (lambda z, y: -y * (1 - sigmoid(z)), "forgot the (1 − y) term"),
            (gradient_clipped, "clipped"),
            # overflow, silenced warnings, in place
            (lambda z, y: textbook_sigmoid(z) - y, "overflow"),
            (lambda z, y: np.exp(z) / (1 + np.exp(z)) - y, "overflow"),
            (gradient_silenced, "silenced warnings"),
            (gradient_filtered, "silenced warnings"),
            (gradient_in_place, "changes its input"),
            # shortcuts the text rules out
            (lambda z, y: numerical_derivative(lambda t: bce_with_logits(t, y), z), "forbidden call"),
            (lambda z, y: sigmoid_derivative(z) * (sigmoid(z) - y) / (sigmoid(z) * (1 - sigmoid(z))), "forbidden call"),
            (lambda z, y: model_gradients(np.atleast_2d(z).T, y, np.ones(1), 0.0)[0], "forbidden call"),
            (lambda z, y: exercise("4.2").reference(z, y), "forbidden call"),
            # the kind of value
            (lambda z, y: (sigmoid(z) - y).astype(np.float32), "float32"),
            (lambda z, y: np.round(sigmoid(z) - y, 4), "rounded"),
            (lambda z, y: sigmoid(z) - 1 if y == 1 else sigmoid(z), "if on an array")],
    "4.3": [  # the chapter's own mistakes
            (lambda x, y, w, b, lr: step_vectorised(x, y, w, b, -lr), "gradient ascent"),
            (lambda x, y, w, b, lr: x @ (w - lr * (sigmoid(x @ w + b) - y) * x) + b, "forgot the bias update"),
            (lambda x, y, w, b, lr: x @ w + b - lr * (sigmoid(x @ w + b) - y), "only the bias updated"),
            (lambda x, y, w, b, lr: sigmoid(step_vectorised(x, y, w, b, lr)), "probability instead of score"),
            (lambda x, y, w, b, lr: x @ w + b, "score before the step"),
            (lambda x, y, w, b, lr: step_vectorised(x, 0 * y, w, b, lr), "forgot y"),
            (lambda x, y, w, b, lr: step_vectorised(x, y, w, b, 1.0), "forgot the learning rate"),
            (lambda x, y, w, b, lr: step_vectorised(x, y, w, b, lr / len(x)), "divided by the number of features"),
            (lambda x, y, w, b, lr: x @ (w - lr * (sigmoid(x @ w + b) - y) * sigmoid(x @ w + b)
                                         * (1 - sigmoid(x @ w + b)) * x)
             + b - lr * (sigmoid(x @ w + b) - y) * sigmoid(x @ w + b) * (1 - sigmoid(x @ w + b)), "MSE-style chain"),
            # in place, shortcuts, the kind of value
            (step_in_place, "changes its input"),
            (step_through_models, "forbidden call"),
            (lambda x, y, w, b, lr: round(float(step_vectorised(x, y, w, b, lr)), 2), "rounded"),
            (lambda x, y, w, b, lr: np.float32(step_vectorised(x, y, w, b, lr)), "float32")],
    "4.4": [  # tail precision: the loss of a confidently right score is tiny and keeps its digits
            (max_form_with_log, "log(1 + x) instead of log1p(x)"),
            (lambda z, y: np.log(1 + np.exp(-np.abs(z))) + np.maximum(z, 0) - z * y, "log(1 + x) instead of log1p(x)"),
            (lambda z, y: np.logaddexp(0, z) - z * y, "tiny loss lost in a sum"),     # softplus(z) − z·y cancels
            (lambda z, y: np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - z * y, "tiny loss lost in a sum"),
            (lambda z, y: z * (1 - y) + np.logaddexp(0, -z), "tiny loss lost in a sum"),
            (clipped, "clipped probabilities"), (clipped_finely, "clipped probabilities"),
            (epsilon_in_log, "ε inside the log"), (clipped_scores, "clipped z"),
            # the naive formula and np.where
            (naive, "naive formula"), (where_both, "np.where evaluates both branches"),
            # the chapter's own mistakes
            (lambda z, y: np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z))), "sign error"),
            (lambda z, y: y * (np.maximum(-z, 0) + np.log1p(np.exp(-np.abs(z)))), "forgot the (1 − y) term"),
            (lambda z, y: -(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))), "negative loss"),
            (lambda z, y: np.abs(z) - z * y + np.log1p(np.exp(-np.abs(z))), "|z| instead of max(z, 0)"),
            (lambda z, y: np.maximum(z, 0) - z * y, "dropped ln(1 + e^(−|z|))"),
            (lambda z, y: np.maximum(z, 0) - z * y + np.log10(1 + np.exp(-np.abs(z))), "base-10 logarithm"),
            # shortcuts, silenced warnings, in place, the kind of number
            (lambda z, y: bce_with_logits(z, y), "forbidden call"),
            (lambda z, y: -(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z)), "forbidden call"),
            (lambda z, y: -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z)), "forbidden call"),
            (lambda z, y: bce(sigmoid(z), y), "forbidden call"),
            (lambda z, y: exercise("4.4").reference(z, y), "forbidden call"),
            (silenced_naive, "silenced warnings"), (silenced_softplus, "silenced warnings"),
            (lambda z, y: np.log1p(np.exp(z)) - z * y, "overflow"),
            (capped_in_place, "changes its input"),
            (lambda z, y: np.asarray(softplus_form(z, y), dtype=np.float32), "float32")],
    "4.5": [  # the chapter's own mistakes
            (lambda: 0.0, "σ′'s peak"), (lambda: np.log(2), "sign error"), (lambda: 1 / 3, "σ instead of z"),
            (lambda: -8 / 27, "the gradient, not z"), (lambda: 8 / 27, "the gradient, not z"),
            (lambda: -np.log(3), "e⁻ᶻ = 3 instead of 2"), (lambda: np.log(1 / 3), "e⁻ᶻ = 3 instead of 2"),
            (lambda: np.log10(0.5), "base-10 logarithm"), (strongest_signed, "the edge of your grid"),
            # precision: a near miss, rounded, typed in, the checker's own answer
            (strongest_on_coarse_grid, "close"),
            (lambda: round(strongest_by_grid(), 1), "rounded"),
            (lambda: -0.6931, "typed in"),
            (lambda: exercise("4.5").reference(), "forbidden call")],
    "4.6": [  # the chapter's own mistakes
            (training_loop(ascent), "gradient ascent"), (training_loop(summed), "forgot to average over n"),
            (training_loop(no_bias), "no bias update"), (training_loop(mse_chain), "MSE-style chain"),
            (training_loop(sequential), "b updated with the new w"),
            (training_loop(descent, +1), "one step too many"), (training_loop(descent, -1), "one step too few"),
            (bias_first, "bias first"), (training_loop(per_applicant), "one applicant at a time"),
            (training_loop(whole_gradient), "forgot the learning rate"),
            # shortcuts, in place, the kind of value
            (models_shortcut, "forbidden call"), (models_gradients, "forbidden call"),
            (lambda X, y, lr, steps: exercise("4.6").reference(X, y, lr, steps), "forbidden call"),
            (centred_in_place, "changes its input"),
            (tuple_answer, "list instead of array"),
            (lambda X, y, lr, steps: list(train_vectorised(X, y, lr, steps)), "list instead of array"),
            (lambda X, y, lr, steps: train_vectorised(X, y, lr, steps)[:-1], "wrong shape")],
}
