"""Chapter 06: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math
import warnings

import numpy as np
import scipy.special

from helpers import log_softmax, logsumexp, sigmoid, softmax
from helpers.checks import exercise


def pairs(z):
    return np.stack([z, np.zeros_like(z)], axis=-1)


# --- 6.1 -------------------------------------------------------------------------------------

def first_of_pair(z):
    return softmax(pairs(z))[..., 0]


def one_minus_second(z):
    return 1 - softmax(np.column_stack([z, np.zeros_like(z)]))[:, 1]


def pair_zero_minus_z(z):
    # softmax([0, −z]) has the same difference of scores as softmax([z, 0])
    return softmax(np.stack([np.zeros_like(z), -z], axis=-1))[..., 0]


def softmax_per_score(z):
    return np.array([softmax(np.array([v, 0.0]))[0] for v in z])


def softmax_columns(z):
    return softmax(np.vstack([z, 0 * z]), axis=0)[0]


def softmax_along_rows(z):
    return np.apply_along_axis(softmax, 1, np.column_stack([z, np.zeros_like(z)]))[:, 0]


def half_and_half(z):
    return softmax(np.stack([z / 2, -z / 2], axis=-1))[:, 0]


def stable_sigmoid_by_hand(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def in_place_sigmoid(z):
    z[:] = softmax(pairs(z))[:, 0]               # overwrites the caller's array
    return z.copy()


def silenced_textbook_sigmoid(z):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


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


def row_softmax_math(Z):
    out = np.zeros_like(Z)
    for i in range(Z.shape[0]):
        m = max(Z[i])
        terms = [math.exp(v - m) for v in Z[i]]
        out[i] = [t / sum(terms) for t in terms]
    return out


def row_softmax_via_log(Z):
    m = Z.max(axis=1)[:, None]
    return np.exp(Z - m - np.log(np.exp(Z - m).sum(axis=1))[:, None])


def row_softmax_transposed(Z):
    e = np.exp(Z.T - Z.max(axis=1))
    return (e / e.sum(axis=0)).T


def row_softmax_apply(Z):
    def one_row(r):
        e = np.exp(r - r.max())
        return e / e.sum()
    return np.apply_along_axis(one_row, 1, Z)


def row_softmax_copy_then_in_place(Z):
    Z = Z.copy()                                  # in place, but on its own copy: fine
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=1, keepdims=True)
    return Z


def row_logsumexp(Z):
    m = Z.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True)))[:, 0]


def row_logsumexp_loop(Z):
    out = []
    for row in Z:
        m = max(row)
        out.append(m + math.log(sum(math.exp(v - m) for v in row)))
    return np.array(out)


def row_logsumexp_log1p(Z):
    m = Z.max(axis=1)
    return m + np.log1p(np.exp(Z - m[:, None]).sum(axis=1) - 1)


def row_logsumexp_pairwise(Z):
    out = []
    for row in Z:
        total = row[0]
        for v in row[1:]:
            total = np.logaddexp(total, v)
        out.append(total)
    return np.array(out, dtype=float)


def global_max_softmax(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


def mean_shift_softmax(Z):
    e = np.exp(Z - Z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def clipped_softmax(Z):
    e = np.exp(np.clip(Z, -500, 500))
    return e / e.sum(axis=1, keepdims=True)


def row_softmax_in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)             # overwrites the caller's scores
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def row_softmax_in_place_out(Z):
    np.subtract(Z, Z.max(axis=1, keepdims=True), out=Z)
    np.exp(Z, out=Z)
    return Z / Z.sum(axis=1, keepdims=True)


def silenced_naive_softmax(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(Z)
        return np.nan_to_num(e / e.sum(axis=1, keepdims=True))


def filtered_naive_softmax(Z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = np.exp(Z)
        return e / e.sum(axis=1, keepdims=True)


def logsumexp_in_place(Z):
    m = Z.max(axis=1, keepdims=True)
    Z -= m
    return m[:, 0] + np.log(np.exp(Z).sum(axis=1))


def silenced_naive_logsumexp(Z):
    with np.errstate(all="ignore"):
        return np.log(np.exp(Z).sum(axis=1))


# --- 6.4 -------------------------------------------------------------------------------------

def gradient_eye(Z, y):
    return row_softmax(Z) - np.eye(Z.shape[1])[y]


def gradient_in_place(Z, y):
    G = row_softmax(Z)
    G[np.arange(len(y)), y] -= 1
    return G


def gradient_from_log_softmax(Z, y):
    return np.exp(log_softmax(Z, axis=1)) - (np.arange(Z.shape[1]) == y[:, None])


def gradient_loop(Z, y):
    G = np.zeros_like(Z)
    for i in range(len(y)):
        p = softmax(Z[i])
        p[y[i]] -= 1
        G[i] = p
    return G


def gradient_scipy(Z, y):
    one_hot = np.zeros(Z.shape)
    one_hot[np.arange(Z.shape[0]), y] = 1
    return scipy.special.softmax(Z, axis=1) - one_hot


def gradient_by_finite_differences(Z, y, h=1e-3):
    G = np.zeros_like(Z)
    for i in range(Z.shape[0]):
        for k in range(Z.shape[1]):
            up, down = Z[i].copy(), Z[i].copy()
            up[k] += h
            down[k] -= h
            G[i, k] = (log_softmax(down)[y[i]] - log_softmax(up)[y[i]]) / (2 * h)
    return G


def gradient_only_true_class(Z, y):
    G = np.zeros_like(Z)
    rows = np.arange(len(y))
    G[rows, y] = softmax(Z, axis=1)[rows, y] - 1
    return G


def gradient_changing_Z(Z, y):
    Z -= Z.max(axis=1, keepdims=True)
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True) - np.eye(Z.shape[1])[y]


def gradient_silenced(Z, y):
    with np.errstate(all="ignore"):
        return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True) - np.eye(Z.shape[1])[y]


# --- 6.5 -------------------------------------------------------------------------------------

def temperature_loop(z, T):
    scaled = [v / T for v in z]
    m = max(scaled)
    e = [math.exp(v - m) for v in scaled]
    return np.array([v / sum(e) for v in e])


def temperature_shift_first(z, T):
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


def temperature_in_place(z, T):
    z /= T
    return softmax(z)


def temperature_silenced(z, T):
    with np.errstate(all="ignore"):
        e = np.exp(z / T)
        return e / e.sum()


# --- 6.6 -------------------------------------------------------------------------------------

Z_TEMPERATURE = np.array([0.0, 0.3, 1.0])


def top(T):
    return softmax(Z_TEMPERATURE / T).max()


def bisection_temperature(low=0.01, high=1.0, steps=60, target=0.9):
    for _ in range(steps):
        middle = (low + high) / 2
        if top(middle) > target:
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


def root_scalar_temperature():
    from scipy.optimize import root_scalar
    return root_scalar(lambda T: top(T) - 0.9, bracket=[0.05, 1.0]).root


def brentq_temperature():
    from scipy.optimize import brentq
    return brentq(lambda T: softmax(np.array([0.0, 0.3, 1.0]) / T).max() - 0.9, 0.05, 2.0)


def while_loop_temperature():
    low, high = 0.01, 1.0
    while high - low > 1e-8:
        middle = (low + high) / 2
        low, high = (middle, high) if top(middle) > 0.9 else (low, middle)
    return low


def coarse_grid_temperature():
    temperatures = np.arange(0.01, 1.0, 0.0037)
    tops = np.array([softmax(np.array([0.0, 0.3, 1.0]) / T).max() for T in temperatures])
    return temperatures[np.argmin(np.abs(tops - 0.9))]


def bisection_keeping_the_wrong_half():
    low, high = 0.01, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if top(middle) < 0.9:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def probabilities_divided_by_temperature():
    low, high = 0.01, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if softmax(Z_TEMPERATURE).max() / middle > 0.9:
            low = middle
        else:
            high = middle
    return (low + high) / 2


# --- 6.7 -------------------------------------------------------------------------------------

def needs_sigmoids_loop(Y):
    for row in Y:
        if sum(row) != 1:
            return True
    return False


RIGHT = {
    "6.1": [first_of_pair, one_minus_second, pair_zero_minus_z, softmax_per_score, softmax_columns,
            softmax_along_rows, half_and_half,
            lambda z: scipy.special.softmax(pairs(z), axis=1)[:, 0],
            lambda z: np.exp(log_softmax(pairs(z)))[:, 0],
            lambda z: np.vectorize(lambda v: softmax(np.array([v, 0.0]))[0])(z),
            lambda z: np.vectorize(softmax, signature="(n)->(n)")(pairs(z))[:, 0],
            lambda z: np.array(list(map(softmax, pairs(z))))[:, 0]],
    "6.2": [row_softmax, row_softmax_loop, row_softmax_math, row_softmax_via_log, row_softmax_transposed,
            row_softmax_apply, row_softmax_copy_then_in_place,
            lambda Z: np.exp(Z - np.logaddexp.reduce(Z, axis=1, keepdims=True)),
            lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(
                axis=1, keepdims=True)],
    "6.3": [row_logsumexp, row_logsumexp_loop, row_logsumexp_log1p, row_logsumexp_pairwise,
            lambda Z: np.logaddexp.reduce(Z, axis=1),
            lambda Z: Z.max(axis=1) - np.log(row_softmax(Z).max(axis=1)),
            lambda Z: np.array([r.max() + np.log(np.exp(r - r.max()).sum()) for r in Z])],
    "6.4": [gradient_eye, gradient_in_place, gradient_from_log_softmax, gradient_loop, gradient_scipy,
            lambda Z, y: -(np.eye(Z.shape[1])[y] - softmax(Z, axis=1))],
    "6.5": [lambda z, T: softmax(z / T), lambda z, T: row_softmax((z / T)[None, :])[0],
            lambda z, T: np.exp(log_softmax(z / T)), lambda z, T: scipy.special.softmax(z * (1 / T)),
            temperature_loop, temperature_shift_first],
    "6.6": [lambda: np.array([bisection_temperature()]),         # what fsolve returns: one number in an array
            bisection_temperature, grid_temperature, newton_on_inverse_temperature, brentq_temperature, root_scalar_temperature,
            while_loop_temperature, lambda: round(bisection_temperature(), 4),
            lambda: float(f"{bisection_temperature():.4g}"), lambda: math.floor(bisection_temperature() * 1e4) / 1e4,
            lambda: np.float32(bisection_temperature())],
    "6.7": [lambda Y: not np.all(Y.sum(axis=1) == 1), needs_sigmoids_loop,
            lambda Y: bool(np.any(np.count_nonzero(Y, axis=1) != 1)),
            lambda Y: np.any(Y.sum(axis=1) != 1),                       # a NumPy bool is a bool too
            lambda Y: set(Y.sum(axis=1).tolist()) != {1},
            lambda Y: not np.array_equal(Y.sum(axis=1), np.ones(len(Y)))],
}

WRONG = {  # (answer, the diagnosis it must get)
    "6.1": [  # the chapter's mistakes
            (lambda z: softmax(pairs(z))[..., 1], "the other class's probability"),
            (lambda z: softmax(np.stack([-z, np.zeros_like(z)], axis=-1))[:, 0], "the other class's probability"),
            (lambda z: softmax(np.stack([z, np.zeros_like(z)]))[0], "softmax over the wrong axis"),
            (lambda z: softmax(z), "softmax over the wrong axis"),
            (lambda z: softmax(np.stack([z, np.ones_like(z)], axis=-1))[..., 0], "the other score is not 0"),
            (lambda z: softmax(np.stack([z, -0.5 * np.ones_like(z)], axis=-1))[..., 0], "the other score is not 0"),
            (lambda z: softmax(np.stack([z, -z], axis=-1))[:, 0], "the score scaled"),
            (lambda z: softmax(pairs(2 * z))[:, 0], "the score scaled"),
            (lambda z: softmax(pairs(z))[:, 0] * softmax(pairs(z))[:, 1], "σ′ instead of σ"),
            # a sigmoid instead of a softmax: forbidden, or not from a softmax at all
            (lambda z: sigmoid(z), "forbidden call"),
            (lambda z: scipy.special.expit(z), "forbidden call"),
            (lambda z: exercise("6.1").reference(z), "forbidden call"),
            (stable_sigmoid_by_hand, "required function not used"),
            (lambda z: np.exp(-np.logaddexp(0, -z)), "required function not used"),
            (lambda z: 1 / (1 + np.exp(-z)), "overflow"),
            (lambda z: np.exp(z) / (np.exp(z) + 1), "overflow"),
            (silenced_textbook_sigmoid, "silenced warnings"),
            (in_place_sigmoid, "changes its input"),
            # the wrong kind of value
            (lambda z: softmax(np.array([z, 0.0])), "raised"),
            (lambda z: softmax(pairs(z)), "wrong shape"),
            (lambda z: [softmax(np.array([v, 0.0]))[0] for v in z], "list instead of array"),
            (lambda z: softmax(pairs(z))[..., 0].astype(np.float32), "float32"),
            (lambda z: softmax(pairs(z).astype(np.float32))[..., 0], "float32"),
            (lambda z: np.round(softmax(pairs(z))[:, 0], 4), "rounded"),
            (lambda z: (softmax(pairs(z))[:, 0] >= 0.5).astype(float), "0/1 instead of probabilities")],
    "6.2": [  # unstable or wrongly shifted
            (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "no max-subtraction"),
            (global_max_softmax, "one max for the whole batch"),
            (lambda Z: np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=1, keepdims=True),
             "shifted by the column maxima"),
            # a shift that is not the row's maximum: right for narrow rows, overflows on wide ones
            (mean_shift_softmax, "overflow"),
            (lambda Z: np.exp(Z - Z.min(axis=1, keepdims=True)) / np.exp(Z - Z.min(axis=1, keepdims=True)).sum(
                axis=1, keepdims=True), "overflow"),
            (clipped_softmax, "wrong only on rows of large scores"),
            # normalised wrongly
            (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(
                axis=0, keepdims=True), "normalised over the wrong axis"),
            (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(),
             "divided by the sum of the whole batch"),
            (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(), "one softmax over the whole batch"),
            (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)), "not normalised"),
            (lambda Z: Z - row_logsumexp(Z)[:, None], "returned log-probabilities"),
            # shortcuts, the input overwritten, warnings silenced
            (lambda Z: softmax(Z, axis=1), "forbidden call"),
            (lambda Z: scipy.special.softmax(Z, axis=1), "forbidden call"),
            (lambda Z: np.exp(Z - logsumexp(Z, axis=1)[:, None]), "forbidden call"),
            (lambda Z: np.exp(log_softmax(Z, axis=1)), "forbidden call"),
            (lambda Z: exercise("6.2").reference(Z), "forbidden call"),
            (row_softmax_in_place, "changes its input"),
            (row_softmax_in_place_out, "changes its input"),
            (silenced_naive_softmax, "silenced warnings"),
            (filtered_naive_softmax, "silenced warnings"),
            # the wrong kind of value
            (lambda Z: row_softmax(Z).tolist(), "list instead of array"),
            (lambda Z: np.exp(Z - Z.max(axis=1)) / np.exp(Z - Z.max(axis=1)).sum(axis=1), "raised"),
            (lambda Z: row_softmax(Z).T, "transposed"),
            (lambda Z: np.round(row_softmax(Z), 6), "rounded"),
            (lambda Z: row_softmax(Z).astype(np.float32), "float32")],
    "6.3": [  # unstable or wrongly shifted
            (lambda Z: np.log(np.sum(np.exp(Z), axis=1)), "log(sum(exp)) overflows"),
            (lambda Z: np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1)), "forgot to add the max back"),
            (lambda Z: Z.max() + np.log(np.exp(Z - Z.max()).sum(axis=1)), "one max for the whole batch"),
            (lambda Z: Z.mean(axis=1) + np.log(np.exp(Z - Z.mean(axis=1, keepdims=True)).sum(axis=1)), "overflow"),
            (lambda Z: np.log(np.sum(np.exp(np.clip(Z, -700, 700)), axis=1)), "wrong only on rows of large scores"),
            # the formula slightly off
            (lambda Z: Z.max(axis=0) + np.log(np.exp(Z - Z.max(axis=0)).sum(axis=0)), "over the wrong axis"),
            (lambda Z: Z.max(axis=1, keepdims=True) + np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1)),
             "(n, 1) plus (n,) makes (n, n)"),
            (lambda Z: Z.max(axis=1) + np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).mean(axis=1)),
             "mean instead of sum"),
            (lambda Z: Z.max(axis=1) + np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1), "forgot the log"),
            (lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1), "returned the sum of exponentials"),
            (lambda Z: Z.max(axis=1) + np.log10(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1)),
             "log10 instead of the natural log"),
            (lambda Z: Z.max(axis=1), "the maximum alone"),
            # shortcuts, the input overwritten, warnings silenced
            (lambda Z: logsumexp(Z, axis=1), "forbidden call"),
            (lambda Z: scipy.special.logsumexp(Z, axis=1), "forbidden call"),
            (lambda Z: (Z - log_softmax(Z, axis=1))[:, 0], "forbidden call"),
            (lambda Z: exercise("6.3").reference(Z), "forbidden call"),
            (logsumexp_in_place, "changes its input"),
            (silenced_naive_logsumexp, "silenced warnings"),
            # the wrong kind of value
            (lambda Z: row_logsumexp(Z)[:, None], "wrong shape"),
            (lambda Z: list(row_logsumexp(Z)), "list instead of array"),
            (lambda Z: np.round(row_logsumexp(Z), 3), "rounded"),
            (lambda Z: row_logsumexp(Z).astype(np.float32), "float32")],
    "6.4": [  # the chapter's mistakes
            (lambda Z, y: np.eye(Z.shape[1])[y] - row_softmax(Z), "sign flipped"),
            (lambda Z, y: row_softmax(Z) - y[:, None], "forgot the one-hot"),
            (lambda Z, y: row_softmax(Z), "returned p"),
            (lambda Z, y: gradient_eye(Z, y) / len(y), "divided by the batch size"),
            (lambda Z, y: gradient_eye(Z, y).mean(axis=0), "averaged over the batch"),
            (lambda Z, y: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True) - np.eye(Z.shape[1])[y],
             "no max-subtraction"),
            (lambda Z, y: softmax(Z, axis=0) - np.eye(Z.shape[1])[y], "softmax over the wrong axis"),
            (lambda Z, y: row_softmax(Z) - 1, "subtracted 1 everywhere"),
            (lambda Z, y: -np.eye(Z.shape[1])[y], "forgot p"),
            (gradient_only_true_class, "only the true class's entry"),
            (lambda Z, y: row_softmax(Z) * (1 - row_softmax(Z)), "σ′-style p(1 − p)"),
            (lambda Z, y: log_softmax(Z, axis=1) - np.eye(Z.shape[1])[y], "log-probabilities instead of probabilities"),
            (lambda Z, y: -np.eye(Z.shape[1])[y] / row_softmax(Z), "gradient with respect to p"),
            (gradient_by_finite_differences, "a finite-difference estimate"),
            (lambda Z, y: gradient_by_finite_differences(Z, y, h=1e-4), "a finite-difference estimate"),
            # the input overwritten, warnings silenced, the checker's own answer
            (gradient_changing_Z, "changes its input"),
            (gradient_silenced, "silenced warnings"),
            (lambda Z, y: exercise("6.4").reference(Z, y), "forbidden call"),
            # the wrong kind of value
            (lambda Z, y: np.round(gradient_eye(Z, y), 4), "rounded"),
            (lambda Z, y: gradient_eye(Z, y).astype(np.float32), "float32"),
            (lambda Z, y: gradient_eye(Z, y).tolist(), "list instead of array")],
    "6.5": [  # the chapter's mistakes
            (lambda z, T: softmax(z * T), "multiplied by T"), (lambda z, T: softmax(z + T), "ignored T"),
            (lambda z, T: softmax(z), "ignored T"),
            (lambda z, T: softmax(z) ** (1 / T), "powers not renormalised"),
            (lambda z, T: np.exp(z / T) / np.exp(z / T).sum(), "no max-subtraction"),
            (lambda z, T: np.exp(z / T - z.max()) / np.exp(z / T - z.max()).sum(), "no max-subtraction"),
            (lambda z, T: softmax(z) / T, "divided the probabilities by T"),
            (lambda z, T: z / T, "forgot the softmax"),
            (lambda z, T: log_softmax(z / T), "returned log-probabilities"),
            (lambda z, T: (z == z.max()).astype(float), "one-hot at the top score"),
            # the input overwritten, warnings silenced, the checker's own answer
            (temperature_in_place, "changes its input"),
            (temperature_silenced, "silenced warnings"),
            (lambda z, T: exercise("6.5").reference(z, T), "forbidden call"),
            # the wrong kind of value
            (lambda z, T: list(softmax(z / T)), "list instead of array"),
            (lambda z, T: softmax(z / T).astype(np.float32), "float32"),
            (lambda z, T: np.round(softmax(z / T), 5), "rounded")],
    "6.6": [  # the chapter's mistakes
            (lambda: 0.7 / math.log(9), "two-class formula"), (lambda: 1 / math.log(9), "two-class formula"),
            (lambda: 1 / bisection_temperature(), "steepness instead of temperature"),
            (lambda: top(bisection_temperature()), "returned the probability"),
            (probabilities_divided_by_temperature, "divided the probabilities by T"),
            (bisection_keeping_the_wrong_half, "the top probability is not 0.9 there"),
            (lambda: bisection_temperature(target=0.8), "the top probability is not 0.9 there"),
            # not precise enough, or not computed
            (lambda: round(bisection_temperature(), 3), "rounded"),
            (lambda: round(bisection_temperature(), 2), "rounded"),
            (coarse_grid_temperature, "close"),
            (lambda: 0.2808, "typed in"), (lambda: 0.28083306, "typed in"),
            (lambda: exercise("6.6").reference(), "forbidden call"),
            # the wrong kind of value
            (lambda: (bisection_temperature(), top(bisection_temperature())), "wrong type"),
            (lambda: np.array([bisection_temperature(), 0.9]), "wrong shape"),
            (lambda: f"{bisection_temperature():.4f}", "wrong type"),
            (lambda: print(bisection_temperature()), "printing instead of returning")],
    "6.7": [  # the chapter's mistakes
            (lambda Y: bool(np.any(Y.sum(axis=1) > 1)), "forgot rows with no label"),
            (lambda Y: bool(np.any(Y.sum(axis=1) == 0)), "forgot rows with two labels"),
            (lambda Y: bool(np.any(Y.max(axis=1) != 1)), "forgot rows with two labels"),
            (lambda Y: bool(Y.sum() != len(Y)), "counted labels over the whole set"),
            (lambda Y: bool(np.any(Y.sum(axis=0) != 1)), "counted per column"),
            (lambda Y: bool(Y[0].sum() != 1), "looked at the first row only"),
            (lambda Y: len(np.unique(Y.sum(axis=1))) > 1, "asked whether the rows differ"),
            (lambda Y: bool(np.all(Y.sum(axis=1) == 1)), "True and False swapped"),
            (lambda Y: True, "always True"), (lambda Y: bool(np.any(Y.sum(axis=1) >= 1)), "always True"),
            (lambda Y: False, "always False"),
            (lambda Y: exercise("6.7").reference(Y), "forbidden call"),
            # the wrong kind of value
            (lambda Y: print(not np.all(Y.sum(axis=1) == 1)), "printing instead of returning"),
            (lambda Y: int(not np.all(Y.sum(axis=1) == 1)), "wrong type"),
            (lambda Y: float(np.any(Y.sum(axis=1) != 1)), "wrong type"),
            (lambda Y: "True" if not np.all(Y.sum(axis=1) == 1) else "False", "wrong type"),
            (lambda Y: Y.sum(axis=1) != 1, "wrong type")],
}
