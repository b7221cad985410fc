"""Chapter 05: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import sigmoid
from helpers.networks import MLP


def sig(z):
    return 1 / (1 + np.exp(-z))


def bound_by_loop(L):
    bound = 1.0
    for _ in range(L):
        bound *= 0.25
    return bound


def layers_by_loop():
    L = 1
    while 0.25 ** L >= 1e-9:
        L += 1
    return L


def layers_by_argmax():
    depths = np.arange(0, 40)
    return int(depths[np.argmax(0.25 ** depths < 1e-9)])


def chain_by_loop(z, w):
    factor = 1.0
    for z_l, w_l in zip(z, w):
        s = sig(z_l)
        factor *= w_l * s * (1 - s)
    return factor


def first_layer_gradient(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    dz = (p - y) / len(X)
    dA = np.outer(dz, w2)
    return X.T @ (dA * A * (1 - A))


def first_layer_gradient_einsum(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    return np.einsum("ni,n,j,nj->ij", X, p - y, w2, A * (1 - A)) / X.shape[0]


def first_layer_gradient_loop(X, y, W1, w2):
    grad = np.zeros_like(W1, dtype=float)
    for x_i, y_i in zip(X, y):                    # one applicant at a time, then the mean
        a = sig(x_i @ W1)
        p = sig(a @ w2)
        grad += np.outer(x_i, (p - y_i) * w2 * a * (1 - a))
    return grad / len(X)


def first_layer_gradient_no_hidden_slope(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    return X.T @ np.outer((p - y) / len(X), w2)


def first_layer_gradient_sum(X, y, W1, w2):
    return first_layer_gradient(X, y, W1, w2) * len(X)


def first_layer_gradient_output_slope(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    dz = (p - y) * p * (1 - p) / len(X)
    return X.T @ (np.outer(dz, w2) * A * (1 - A))


RIGHT = {
    "5.1": [lambda L: 0.25 ** L, lambda L: 4.0 ** -L, bound_by_loop, lambda L: math.pow(0.25, L)],
    "5.2": [layers_by_loop, layers_by_argmax, lambda: math.ceil(math.log(1e9) / math.log(4))],
    "5.3": [lambda z: np.tanh(z / 2), lambda z: np.tanh(0.5 * z), lambda z: np.array([math.tanh(v / 2) for v in z]),
            np.vectorize(lambda v: np.tanh(v / 2)), lambda z: np.tanh(np.asarray(z, dtype=float) / 2.0)],
    "5.4": [lambda z: 0.25 / (sig(z) * (1 - sig(z))), lambda z: np.cosh(z / 2) ** 2,
            lambda z: (1 + np.exp(-z)) ** 2 / (4 * np.exp(-z))],
    "5.5": [lambda z, w: np.prod(w * sig(z) * (1 - sig(z))), chain_by_loop,
            lambda z, w: float(np.prod(w / (4 * np.cosh(z / 2) ** 2)))],
    "5.6": [first_layer_gradient, first_layer_gradient_einsum, first_layer_gradient_loop],
}

def layers_one_too_many():
    L, bound = 0, 1.0
    while bound >= 1e-9:
        L += 1
        bound *= 0.25
    return L + 1                                   # counts once more after the loop


def mlp_shortcut(X, y, W1, w2):
    net = MLP([X.shape[1], W1.shape[1], 1], activation="sigmoid")
    net.weights = [W1, w2.reshape(-1, 1)]
    net.biases = [np.zeros(W1.shape[1]), np.zeros(1)]
    return net.gradients(X, y)[0][0]


WRONG = {  # (answer, the diagnosis it must get)
    "5.1": [(lambda L: 0.5 ** L, "½ᴸ instead of ¼ᴸ"), (lambda L: 0.25 * L, "¼·L instead of ¼ᴸ"),
            (lambda L: 0.25 ** (L - 1), "one layer too few"), (lambda L: 0.25 ** (L + 1), "one layer too many"),
            (lambda L: round(0.25 ** L, 6), "rounded")],
    "5.2": [(lambda: 30, "½ᴸ instead of ¼ᴸ"), (lambda: math.log(1e9) / math.log(4), "not rounded up"),
            (lambda: 14, "one layer too few"), (lambda: int(math.log(1e9) / math.log(4)), "one layer too few"),
            (layers_one_too_many, "one layer too many"), (lambda: 15, "typed in")],
    "5.3": [(lambda z: np.tanh(z), "tanh(z)"), (lambda z: np.tanh(2 * z), "tanh(2z)"),
            (lambda z: (1 + np.tanh(z / 2)) / 2, "σ instead of 2σ − 1"),
            (lambda z: list(np.tanh(z / 2)), "list instead of array"),
            # right values by a route the exercise rules out
            (lambda z: 2 * sig(z) - 1, "forbidden call"),
            (lambda z: 2 * sigmoid(z) - 1, "forbidden call"),
            (lambda z: -np.expm1(-z) / (1 + np.exp(-z)), "forbidden call"),
            (lambda z: 2 / (1 + 1 / np.cosh(z) ** 0 * np.e ** -z) - 1, "required function not used"),
            (lambda z: np.tanh(z / 2).astype(np.float32), "float32")],
    "5.4": [(lambda z: sig(z) * (1 - sig(z)) / 0.25, "inverted ratio"), (lambda z: 0.5 / sig(z), "σ instead of σ′"),
            (lambda z: 0.25 - sig(z) * (1 - sig(z)), "difference instead of ratio")],
    "5.5": [(lambda z, w: np.sum(w * sig(z) * (1 - sig(z))), "sum instead of product"),
            (lambda z, w: np.prod(w * sig(z)), "σ instead of σ′"),
            (lambda z, w: np.prod(sig(z) * (1 - sig(z))), "forgot the weights")],
    "5.6": [(first_layer_gradient_no_hidden_slope, "forgot the hidden layer's σ′"),
            (first_layer_gradient_output_slope, "kept σ′ at the output"),
            (first_layer_gradient_sum, "sum instead of mean"),
            (lambda X, y, W1, w2: -first_layer_gradient(X, y, W1, w2), "sign error"),
            (lambda X, y, W1, w2: first_layer_gradient(X, y, W1, w2).T, "transposed"),
            (mlp_shortcut, "forbidden call")],
}
