"""Chapter 05: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np
import scipy.special

from helpers import numerical_derivative, sigmoid, sigmoid_derivative
from helpers.checks import exercise
from helpers.networks import MLP


def sig(z):
    return 1 / (1 + np.exp(-z))


# --- 5.1 ------------------------------------------------------------------------------------------

def bound_by_loop(L):
    bound = 1.0
    for _ in range(L):
        bound *= 0.25
    return bound


def bound_loop_too_long(L):
    bound = 1.0
    for _ in range(L + 1):                         # counts the input as a layer
        bound *= 0.25
    return bound


def bound_loop_too_short(L):
    bound = 1.0
    for _ in range(1, L):
        bound *= 0.25
    return bound


# --- 5.2 ------------------------------------------------------------------------------------------

def layers_by_loop():
    L = 1
    while 0.25 ** L >= 1e-9:
        L += 1
    return L


def layers_by_argmax():
    depths = np.arange(0, 40)
    return int(depths[np.argmax(0.25 ** depths < 1e-9)])


def layers_one_too_many():
    L, bound = 0, 1.0
    while bound >= 1e-9:
        L += 1
        bound *= 0.25
    return L + 1                                   # counts once more after the loop


def layers_one_too_few():
    L = 1
    while 0.25 ** L > 1e-9:
        L += 1
    return L - 1                                   # the last depth still above 1e-9


def layers_for_half():
    L = 0
    while 0.5 ** L >= 1e-9:
        L += 1
    return L


def layers_printed():
    print(math.ceil(math.log(1e9, 4)))


# --- 5.3 ------------------------------------------------------------------------------------------

def bipolar_halving_first(z):
    half = z / 2.0
    return np.tanh(half)


def bipolar_double_angle(z):
    t = np.tanh(z / 4)                             # tanh(2u) = 2 tanh u / (1 + tanh² u)
    return 2 * t / (1 + t * t)


def bipolar_in_place(z):
    z /= 2
    return np.tanh(z)


# --- 5.4 ------------------------------------------------------------------------------------------

def gain_in_place(z):
    z /= 2
    return np.cosh(z) ** 2


# --- 5.5 ------------------------------------------------------------------------------------------

def chain_by_loop(z, w):
    factor = 1.0
    for z_l, w_l in zip(z, w):
        s = sig(z_l)
        factor *= w_l * s * (1 - s)
    return factor


def chain_backwards(z, w):
    g = 1.0
    for z_l, w_l in zip(z[::-1], w[::-1]):         # from the output down, as backpropagation goes
        g = g * w_l * sigmoid_derivative(z_l)
    return g


def chain_in_place(z, w):
    w *= sigmoid_derivative(z)
    return np.prod(w)


def chain_through_logs(z, w):
    return np.exp(np.sum(np.log(np.abs(w * sigmoid_derivative(z)))))


# --- 5.6 ------------------------------------------------------------------------------------------

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


def first_layer_gradient_slopes(X, y, W1, w2):
    Z1 = X @ W1
    p = sigmoid(sigmoid(Z1) @ w2)
    delta = ((p - y) / X.shape[0])[:, np.newaxis] * w2 * sigmoid_derivative(Z1)
    return X.T.dot(delta)


def first_layer_gradient_scaled_rows(X, y, W1, w2):
    A = scipy.special.expit(X @ W1)
    p = scipy.special.expit(A @ w2)
    return (X.T * (p - y)) @ (w2 * A * (1 - A)) / len(y)


def first_layer_gradient_no_hidden_slope(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    return X.T @ np.outer((p - y) / len(X), w2)


def first_layer_gradient_sum(X, y, W1, w2):
    return first_layer_gradient(X, y, W1, w2) * len(X)


def first_layer_gradient_output_slope(X, y, W1, w2, factor=1.0):
    A = sig(X @ W1)
    p = sig(A @ w2)
    dz = factor * (p - y) * p * (1 - p) / len(X)
    return X.T @ (np.outer(dz, w2) * A * (1 - A))


def first_layer_gradient_with(hidden_slope):
    def gradient(X, y, W1, w2):
        A = sig(X @ W1)
        p = sig(A @ w2)
        return X.T @ (np.outer((p - y) / len(X), w2) * hidden_slope(A))
    return gradient


def first_layer_gradient_without_w2(X, y, W1, w2):
    A = sig(X @ W1)
    p = sig(A @ w2)
    return X.T @ (np.outer((p - y) / len(X), np.ones_like(w2)) * A * (1 - A))


def first_layer_gradient_raw_output(X, y, W1, w2):
    A = sig(X @ W1)
    p = A @ w2                                     # no σ at the output
    return X.T @ (np.outer((p - y) / len(X), w2) * A * (1 - A))


def first_layer_finite_difference(X, y, W1, w2, h=1e-5):
    def loss(W):
        z = sig(X @ W) @ w2
        return np.mean(np.logaddexp(0, z) - z * y)
    grad = np.zeros_like(W1, dtype=float)
    for index in np.ndindex(W1.shape):
        up, down = W1.astype(float), W1.astype(float)
        up[index] += h
        down[index] -= h
        grad[index] = (loss(up) - loss(down)) / (2 * h)
    return grad


def first_layer_numerical_derivative(X, y, W1, w2):
    grad = np.zeros_like(W1, dtype=float)
    for index in np.ndindex(W1.shape):
        def loss(t):
            W = W1.astype(float)
            W[index] = t
            z = sig(X @ W) @ w2
            return np.mean(np.logaddexp(0, z) - z * y)
        grad[index] = numerical_derivative(loss, W1[index])
    return grad


def first_layer_gradient_scaled_in_place(X, y, W1, w2):
    X /= len(X)                                    # the 1/n folded into the caller's X
    A = sig(X @ W1 * len(X))
    p = sig(A @ w2)
    return X.T @ (np.outer(p - y, w2) * A * (1 - A))


def mlp_shortcut(X, y, W1, w2):
    net = MLP([X.shape[1], W1.shape[1], 1], activation="sigmoid")
    net.weights = [W1, w2.reshape(-1, 1)]
    net.biases = [np.zeros(W1.shape[1]), np.zeros(1)]
    return net.gradients(X, y)[0][0]


def mlp_numerical(X, y, W1, w2):
    net = MLP([X.shape[1], W1.shape[1], 1], activation="sigmoid")
    net.weights = [W1.astype(float), w2.reshape(-1, 1).astype(float)]
    return net.numerical_gradients(X, y)[0][0]


RIGHT = {
    "5.1": [lambda L: 0.25 ** L, lambda L: 4.0 ** -L, bound_by_loop, lambda L: math.pow(0.25, L),
            lambda L: 1 / 4 ** L, lambda L: np.exp(L * np.log(0.25)), lambda L: 2.0 ** (-2 * L),
            lambda L: sigmoid_derivative(0.0) ** L, lambda L: math.prod([0.25] * L)],
    "5.2": [layers_by_loop, layers_by_argmax, lambda: math.ceil(math.log(1e9) / math.log(4)),
            lambda: math.ceil(math.log(1e-9, 0.25)), lambda: float(np.ceil(np.log2(1e9) / 2)),
            lambda: next(L for L in range(1, 100) if 0.25 ** L < 1e-9),
            lambda: np.int64(np.ceil(9 / np.log10(4)))],
    "5.3": [lambda z: np.tanh(z / 2), lambda z: np.tanh(0.5 * z), lambda z: np.array([math.tanh(v / 2) for v in z]),
            np.vectorize(lambda v: np.tanh(v / 2)), lambda z: np.tanh(np.asarray(z, dtype=float) / 2.0),
            bipolar_halving_first, bipolar_double_angle],
    "5.4": [lambda z: 0.25 / (sig(z) * (1 - sig(z))), lambda z: np.cosh(z / 2) ** 2,
            lambda z: (1 + np.exp(-z)) ** 2 / (4 * np.exp(-z)), lambda z: 0.25 / sigmoid_derivative(z),
            lambda z: (1 + np.cosh(z)) / 2, lambda z: (2 + np.exp(z) + np.exp(-z)) / 4,
            lambda z: 1 / (4 * sigmoid(z) * sigmoid(-z)),
            lambda z: sigmoid_derivative(0) / sigmoid_derivative(z)],
    "5.5": [lambda z, w: np.prod(w * sig(z) * (1 - sig(z))), chain_by_loop, chain_backwards,
            lambda z, w: float(np.prod(w / (4 * np.cosh(z / 2) ** 2))),
            lambda z, w: np.prod(w) * np.prod(sigmoid(z) * sigmoid(-z)),
            lambda z, w: np.cumprod(w * sigmoid_derivative(z))[-1]],
    "5.6": [first_layer_gradient, first_layer_gradient_einsum, first_layer_gradient_loop,
            first_layer_gradient_slopes, first_layer_gradient_scaled_rows],
}

WRONG = {  # (answer, the diagnosis it must get)
    "5.1": [  # the chapter's own mistakes
            (lambda L: 0.5 ** L, "½ᴸ instead of ¼ᴸ"), (lambda L: 0.25 * L, "¼·L instead of ¼ᴸ"),
            (lambda L: 0.25 ** (L - 1), "one layer too few"), (lambda L: 0.25 ** (L + 1), "one layer too many"),
            (bound_loop_too_long, "one layer too many"), (bound_loop_too_short, "one layer too few"),
            (lambda L: 4 ** L, "4ᴸ instead of ¼ᴸ"), (lambda L: 1 / (4 * L), "¼/L instead of ¼ᴸ"),
            (lambda L: L * np.log(0.25), "the logarithm of the bound"), (lambda L: 0.75 ** L, "¾ᴸ instead of ¼ᴸ"),
            (lambda L: 1 - 0.25 ** L, "1 − ¼ᴸ instead of ¼ᴸ"),
            # precision, the kind of value, the checker's own answer
            (lambda L: round(0.25 ** L, 6), "rounded"), (lambda L: float(f"{0.25 ** L:.3g}"), "rounded"),
            (lambda L: 1 // 4 ** L, "whole numbers"),
            (lambda L: [0.25 ** L], "wrong type"),
            (lambda L: exercise("5.1").reference(L), "forbidden call")],
    "5.2": [  # the chapter's own mistakes
            (lambda: math.ceil(math.log(1e9, 2)), "½ᴸ instead of ¼ᴸ"), (layers_for_half, "½ᴸ instead of ¼ᴸ"),
            (lambda: math.log(1e9) / math.log(4), "not rounded up"),
            (lambda: round(math.log(1e9) / math.log(4), 2), "not rounded up"),
            (lambda: int(math.log(1e9) / math.log(4)), "one layer too few"), (layers_one_too_few, "one layer too few"),
            (lambda: math.floor(9 / math.log10(4)), "one layer too few"),
            (layers_one_too_many, "one layer too many"),
            (lambda: np.log(1e-9) / np.log(4), "negative L"),
            (lambda: math.ceil(math.log(1e9) / math.log(0.25)), "negative L"),
            (lambda: 0.25 ** math.ceil(math.log(1e9, 4)), "the bound, not L"),
            # typed in, printed, the kind of value, the checker's own answer
            (lambda: 15, "typed in"), (layers_printed, "printing instead of returning"),
            (lambda: [math.ceil(math.log(1e9, 4))], "wrong type"), (lambda: str(layers_by_loop()), "wrong type"),
            (lambda: exercise("5.2").reference(), "forbidden call")],
    "5.3": [  # the chapter's own mistakes
            (lambda z: np.tanh(z), "tanh(z)"), (lambda z: np.tanh(2 * z), "tanh(2z)"),
            (lambda z: (1 + np.tanh(z / 2)) / 2, "σ instead of 2σ − 1"),
            (lambda z: np.tanh(z) / 2, "tanh(z)/2 instead of tanh(z/2)"),
            (lambda z: 2 * np.tanh(z / 2) - 1, "2·tanh(z/2) − 1"), (lambda z: 2 * np.tanh(z) - 1, "2·tanh(z) − 1"),
            (lambda z: np.tanh(z // 2), "z // 2"),
            (lambda z: np.tanh(-z / 2), "sign lost"), (lambda z: 2 * np.tanh(z / 2), "constant factor"),
            # right values by a route the exercise rules out
            (lambda z: 2 * sig(z) - 1, "forbidden call"),
            (lambda z: 2 * sigmoid(z) - 1, "forbidden call"),
            (lambda z: 2 * scipy.special.expit(z) - 1, "forbidden call"),
            (lambda z: -np.expm1(-z) / (1 + np.exp(-z)), "forbidden call"),
            (lambda z: -np.expm1(-z) / (2 + np.expm1(-z)), "forbidden call"),
            (lambda z: 2 / (1 + np.e ** -z) - 1, "required function not used"),
            (lambda z: np.sinh(z / 2) / np.cosh(z / 2), "required function not used"),
            (lambda z: exercise("5.3").reference(z), "forbidden call"),
            # in place, the kind of value
            (bipolar_in_place, "changes its input"),
            (lambda z: list(np.tanh(z / 2)), "list instead of array"),
            (lambda z: np.tanh(z / 2).astype(np.float32), "float32"),
            (lambda z: np.round(np.tanh(z / 2), 3), "rounded")],
    "5.4": [  # the chapter's own mistakes
            (lambda z: sig(z) * (1 - sig(z)) / 0.25, "inverted ratio"), (lambda z: 0.5 / sig(z), "σ instead of σ′"),
            (lambda z: 0.25 - sig(z) * (1 - sig(z)), "difference instead of ratio"),
            (lambda z: 1 / sigmoid_derivative(z), "1/σ′(z) without σ′(0)"),
            (lambda z: sigmoid_derivative(z), "σ′(z) alone"),
            (lambda z: 0.25 / sig(z) * (1 - sig(z)), "operator precedence"),
            (lambda z: 0.25 / (sig(z) * (1 + sig(z))), "σ(1 + σ) instead of σ(1 − σ)"),
            (lambda z: np.cosh(z) ** 2, "cosh²(z) instead of cosh²(z/2)"),
            (lambda z: 1 / (1 - np.tanh(z) ** 2), "cosh²(z) instead of cosh²(z/2)"),
            (lambda z: np.cosh(z / 2), "cosh(z/2) without the square"),
            (lambda z: np.log(0.25 / sigmoid_derivative(z)), "the logarithm of the gain"),
            (lambda z: 0.25 / sigmoid_derivative(z) - 1, "constant shift"),
            # in place, the kind of value, the checker's own answer
            (gain_in_place, "changes its input"),
            (lambda z: (0.25 / sigmoid_derivative(z)).astype(np.float32), "float32"),
            (lambda z: np.round(0.25 / sigmoid_derivative(z), 2), "rounded"),
            (lambda z: exercise("5.4").reference(z), "forbidden call")],
    "5.5": [  # the chapter's own mistakes
            (lambda z, w: np.sum(w * sig(z) * (1 - sig(z))), "sum instead of product"),
            (lambda z, w: np.prod(w * sig(z)), "σ instead of σ′"),
            (lambda z, w: np.prod(sig(z) * (1 - sig(z))), "forgot the weights"),
            (lambda z, w: np.prod(w), "forgot the slopes"),
            (lambda z, w: 0.25 ** len(z) * np.prod(w), "the bound ¼ instead of σ′(z)"),
            (lambda z, w: abs(np.prod(w * sigmoid_derivative(z))), "sign lost"), (chain_through_logs, "sign lost"),
            (lambda z, w: np.prod(w[1:] * sigmoid_derivative(z[1:])), "one unit left out"),
            (lambda z, w: np.prod(w[:-1] * sigmoid_derivative(z[:-1])), "one unit left out"),
            (lambda z, w: w[-1] * sigmoid_derivative(z[-1]), "only the last unit"),
            (lambda z, w: np.prod(w + sigmoid_derivative(z)), "w + σ′ instead of w·σ′"),
            (lambda z, w: np.prod(w * sig(z) * (1 + sig(z))), "σ(1 + σ) instead of σ(1 − σ)"),
            # in place, the kind of value, the checker's own answer
            (chain_in_place, "changes its input"),
            (lambda z, w: w * sigmoid_derivative(z), "wrong shape"),
            (lambda z, w: np.float32(np.prod(w * sigmoid_derivative(z))), "float32"),
            (lambda z, w: round(float(np.prod(w * sigmoid_derivative(z))), 4), "rounded"),
            (lambda z, w: exercise("5.5").reference(z, w), "forbidden call")],
    "5.6": [  # the chapter's own mistakes
            (first_layer_gradient_no_hidden_slope, "forgot the hidden layer's σ′"),
            (first_layer_gradient_output_slope, "kept σ′ at the output"),
            (lambda X, y, W1, w2: first_layer_gradient_output_slope(X, y, W1, w2, 2.0),
             "squared error instead of cross-entropy"),
            (first_layer_gradient_sum, "sum instead of mean"),
            (lambda X, y, W1, w2: -first_layer_gradient(X, y, W1, w2), "sign error"),
            (first_layer_gradient_with(lambda A: A), "σ instead of σ′ in the hidden layer"),
            (first_layer_gradient_with(lambda A: 1 - A ** 2), "tanh's slope"),
            (first_layer_gradient_with(sigmoid_derivative), "σ′ of the outputs A"),
            (first_layer_gradient_without_w2, "forgot w2"),
            (first_layer_gradient_raw_output, "forgot the output σ"),
            # not by hand: finite differences and the course's network
            (first_layer_finite_difference, "a finite difference"),
            (first_layer_numerical_derivative, "forbidden call"),
            (mlp_shortcut, "forbidden call"), (mlp_numerical, "forbidden call"),
            (lambda X, y, W1, w2: exercise("5.6").reference(X, y, W1, w2), "forbidden call"),
            # in place, the shape and kind of value
            (first_layer_gradient_scaled_in_place, "changes its input"),
            (lambda X, y, W1, w2: first_layer_gradient(X, y, W1, w2).T, "transposed"),
            (lambda X, y, W1, w2: np.outer((sig(sig(X @ W1) @ w2) - y) / len(X), w2), "wrong shape"),
            (lambda X, y, W1, w2: first_layer_gradient(X, y, W1, w2).astype(np.float32), "float32")],
}
