"""Chapter 06: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import log_softmax, logsumexp, sigmoid, softmax


# --- 6.1 -------------------------------------------------------------------------------------

def first_of_pair(z):
    return softmax(np.stack([z, np.zeros_like(z)], axis=-1))[..., 0]


def one_minus_second(z):
    return 1 - softmax(np.column_stack([z, np.zeros_like(z)]))[:, 1]


def pair_zero_minus_z(z):
    # softmax([0, −z]) has the same difference of scores as softmax([z, 0])
    return softmax(np.stack([np.zeros_like(z), -z], axis=-1))[..., 0]


# --- 6.2 and 6.3 -------------------------------------------------------------------------------

def row_softmax(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def row_softmax_loop(Z):
    out = np.empty_like(Z)
    for i, row in enumerate(Z):
        e = np.exp(row - np.max(row))
        out[i] = e / np.sum(e)
    return out


def row_softmax_via_log(Z):
    m = Z.max(axis=1)[:, None]
    return np.exp(Z - m - np.log(np.exp(Z - m).sum(axis=1))[:, None])


def row_logsumexp(Z):
    m = Z.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True)))[:, 0]


def row_logsumexp_loop(Z):
    out = []
    for row in Z:
        m = max(row)
        out.append(m + math.log(sum(math.exp(v - m) for v in row)))
    return np.array(out)


def global_max_softmax(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


# --- 6.4 -------------------------------------------------------------------------------------

def gradient_eye(Z, y):
    return row_softmax(Z) - np.eye(Z.shape[1])[y]


def gradient_in_place(Z, y):
    G = row_softmax(Z)
    G[np.arange(len(y)), y] -= 1
    return G


def gradient_from_log_softmax(Z, y):
    return np.exp(log_softmax(Z, axis=1)) - (np.arange(Z.shape[1]) == y[:, None])


# --- 6.6 -------------------------------------------------------------------------------------

Z_TEMPERATURE = np.array([0.0, 0.3, 1.0])


def bisection_temperature(low=0.01, high=1.0):
    for _ in range(60):
        middle = (low + high) / 2
        if softmax(Z_TEMPERATURE / middle).max() > 0.9:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def grid_temperature():
    temperatures = np.linspace(0.25, 0.3, 500_001)
    tops = softmax(Z_TEMPERATURE / temperatures[:, None], axis=1).max(axis=1)
    return temperatures[np.argmin(np.abs(tops - 0.9))]


def newton_on_inverse_temperature():
    # top = 1 / (1 + e^(−0.7β) + e^(−β)) = 0.9  ⇔  g(β) = e^(−0.7β) + e^(−β) − 1/9 = 0, with β = 1/T
    beta = 1.0
    for _ in range(50):
        g = math.exp(-0.7 * beta) + math.exp(-beta) - 1 / 9
        slope = -0.7 * math.exp(-0.7 * beta) - math.exp(-beta)
        beta -= g / slope
    return 1 / beta


# --- 6.7 -------------------------------------------------------------------------------------

def needs_sigmoids_loop(Y):
    for row in Y:
        if sum(row) != 1:
            return True
    return False


def row_softmax_in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)             # overwrites the caller's scores
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def row_softmax_copy_then_in_place(Z):
    Z = Z.copy()                                  # in place, but on its own copy: fine
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=1, keepdims=True)
    return Z


def silenced_naive_softmax(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(Z)
        return np.nan_to_num(e / e.sum(axis=1, keepdims=True))


def coarse_grid_temperature():
    temperatures = np.arange(0.01, 1.0, 0.0037)
    tops = np.array([softmax(np.array([0.0, 0.3, 1.0]) / T).max() for T in temperatures])
    return temperatures[np.argmin(np.abs(tops - 0.9))]


RIGHT = {
    "6.1": [first_of_pair, one_minus_second, pair_zero_minus_z],
    "6.2": [row_softmax, row_softmax_loop, row_softmax_via_log, row_softmax_copy_then_in_place,
            lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(
                axis=1, keepdims=True)],
    "6.3": [row_logsumexp, row_logsumexp_loop, lambda Z: np.logaddexp.reduce(Z, axis=1),
            lambda Z: Z.max(axis=1) - np.log(row_softmax(Z).max(axis=1))],
    "6.4": [gradient_eye, gradient_in_place, gradient_from_log_softmax],
    "6.5": [lambda z, T: softmax(z / T), lambda z, T: row_softmax((z / T)[None, :])[0],
            lambda z, T: np.exp(log_softmax(z / T))],
    "6.6": [bisection_temperature, grid_temperature, newton_on_inverse_temperature,
            lambda: round(bisection_temperature(), 4), lambda: float(f"{bisection_temperature():.4g}")],
    "6.7": [lambda Y: not np.all(Y.sum(axis=1) == 1), needs_sigmoids_loop,
            lambda Y: bool(np.any(np.count_nonzero(Y, axis=1) != 1))],
}

WRONG = {  # (answer, the diagnosis it must get)
    "6.1": [(lambda z: softmax(np.stack([z, np.zeros_like(z)], axis=-1))[..., 1], "the other class's probability"),
            (lambda z: softmax(np.stack([z, np.zeros_like(z)]))[0], "softmax over the wrong axis"),
            (lambda z: softmax(np.stack([z, np.ones_like(z)], axis=-1))[..., 0], "the other score is not 0"),
            (lambda z: softmax(np.array([z, 0.0])), "raised"),
            (lambda z: sigmoid(z), "forbidden call"),
            (lambda z: softmax(np.stack([z, np.zeros_like(z)], axis=-1))[..., 0].astype(np.float32), "float32")],
    "6.2": [(lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "no max-subtraction"),
            (global_max_softmax, "one max for the whole batch"),
            (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(
                axis=0, keepdims=True), "normalised over the wrong axis"),
            (lambda Z: row_softmax(Z).tolist(), "list instead of array"),
            (lambda Z: np.exp(Z - Z.max(axis=1)) / np.exp(Z - Z.max(axis=1)).sum(axis=1), "raised"),
            # a shift that is not the row's maximum: right for narrow rows, overflows on wide ones
            (lambda Z: np.exp(Z - Z.mean(axis=1, keepdims=True)) / np.exp(Z - Z.mean(axis=1, keepdims=True)).sum(
                axis=1, keepdims=True), "overflow"),
            # shortcuts, the input overwritten, warnings silenced
            (lambda Z: softmax(Z, axis=1), "forbidden call"),
            (lambda Z: np.exp(Z - logsumexp(Z, axis=1)[:, None]), "forbidden call"),
            (row_softmax_in_place, "changes its input"),
            (silenced_naive_softmax, "silenced warnings"),
            (lambda Z: row_softmax(Z).astype(np.float32), "float32")],
    "6.3": [(lambda Z: np.log(np.sum(np.exp(Z), axis=1)), "log(sum(exp)) overflows"),
            (lambda Z: np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1)), "forgot to add the max back"),
            (lambda Z: Z.max() + np.log(np.exp(Z - Z.max()).sum(axis=1)), "one max for the whole batch"),
            (lambda Z: row_logsumexp(Z)[:, None], "wrong shape"),
            (lambda Z: logsumexp(Z, axis=1), "forbidden call"),
            (lambda Z: (Z - log_softmax(Z, axis=1))[:, 0], "forbidden call"),
            (lambda Z: row_logsumexp(Z).astype(np.float32), "float32")],
    "6.4": [(lambda Z, y: np.eye(Z.shape[1])[y] - row_softmax(Z), "sign flipped"),
            (lambda Z, y: row_softmax(Z) - y[:, None], "forgot the one-hot"),
            (lambda Z, y: row_softmax(Z), "returned p"),
            (lambda Z, y: gradient_eye(Z, y) / len(y), "divided by the batch size"),
            (lambda Z, y: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True) - np.eye(Z.shape[1])[y],
             "no max-subtraction")],
    "6.5": [(lambda z, T: softmax(z * T), "multiplied by T"), (lambda z, T: softmax(z + T), "ignored T"),
            (lambda z, T: softmax(z) ** (1 / T), "powers not renormalised"),
            (lambda z, T: np.exp(z / T) / np.exp(z / T).sum(), "no max-subtraction")],
    "6.6": [(lambda: 0.7 / math.log(9), "two-class formula"), (lambda: 1 / bisection_temperature(),
                                                                 "steepness instead of temperature"),
            (lambda: 0.2808, "typed in"), (lambda: round(bisection_temperature(), 3), "rounded"),
            (coarse_grid_temperature, "close")],
    "6.7": [(lambda Y: print(not np.all(Y.sum(axis=1) == 1)), "printing instead of returning"),
            (lambda Y: bool(np.any(Y.sum(axis=1) > 1)), "forgot rows with no label"),
            (lambda Y: bool(Y.sum() != len(Y)), "counted labels over the whole set"),
            (lambda Y: bool(Y[0].sum() != 1), "looked at the first row only"),
            (lambda Y: int(not np.all(Y.sum(axis=1) == 1)), "wrong type"),
            (lambda Y: "True" if not np.all(Y.sum(axis=1) == 1) else "False", "wrong type")],
}
