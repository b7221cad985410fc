"""Chapter 07: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def neuron(w1, w2, b):
    return lambda: (w1, w2, b)


def soft_switch_loop(x, u, W1, W2):
    g = 1 / (1 + math.exp(-float(np.dot(u, x))))
    return np.array([g * np.dot(r1, x) + (1 - g) * np.dot(r2, x) for r1, r2 in zip(W1, W2)])


def cell_loop(c0, b, u, n):
    f = 1 / (1 + math.exp(-b))
    for _ in range(n):
        c0 = f * c0 + u
    return c0


def cell_closed_form(c0, b, u, n):
    f = 1 / (1 + np.exp(-b))
    return f ** n * c0 + u * (1 - f ** n) / (1 - f)


def cell_recursive(c0, b, u, n):
    return c0 if n == 0 else sig(b) * cell_recursive(c0, b, u, n - 1) + u


def xor_and_of_or_nand():
    return np.array([[10.0, -10.0], [10.0, -10.0]]), np.array([-5.0, 15.0]), np.array([10.0, 10.0]), -15.0


def xor_or_minus_and():
    # hidden: OR and AND; output: OR and not AND
    return [[20, 20], [20, 20]], [-10, -30], [20, -20], -10


def xor_as_lists():
    W1 = [[8.0, -8.0], [8.0, -8.0]]
    return W1, (-4.0, 12.0), (12.0, 12.0), np.float64(-18.0)


def xor_weights_swapped_units():
    # the NAND unit first, then OR: the output does not care about the order
    return np.array([[-10.0, 10.0], [-10.0, 10.0]]), np.array([15.0, -5.0]), np.array([10.0, 10.0]), -15.0


def cycle_bisection(c):
    low, high = 1e-9, c
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if c * (sig(mid) - 0.5) > 2 * mid else (low, mid)
    return (low + high) / 2


def cycle_by_simulation(c):
    e = 1.0
    for _ in range(4000):
        e = e - c * (sig(e) - 0.5)
    return abs(e)


def cycle_newton(c):
    e = c / 4
    for _ in range(60):
        s = sig(e)
        e -= (c * (s - 0.5) - 2 * e) / (c * s * (1 - s) - 2)
    return e


def _no_sigma(c0, b, u, n):
    for _ in range(n):
        c0 = b * c0 + u
    return c0


def _bisect(h, high):
    low = 1e-9
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if h(mid) > 0 else (low, mid)
    return (low + high) / 2


RIGHT = {
    "7.1": [neuron(-10, -10, 15), neuron(-20, -20, 30), neuron(-6, -7, 10), lambda: [-10, -10, 15],
            lambda: np.array([-8.0, -8.0, 12.0]), lambda: (np.float64(-30), -30, 45.5)],
    "7.2": [lambda c: 1 - c / 4, lambda c: 1 - c * 0.25 * np.ones_like(c),
            lambda c: 1 - c * (sig(1e-5) - sig(-1e-5)) / 2e-5],
    "7.3": [lambda x, u, W1, W2: sig(u @ x) * (W1 @ x) + (1 - sig(u @ x)) * (W2 @ x),
            lambda x, u, W1, W2: W2 @ x + sig(np.dot(u, x)) * ((W1 - W2) @ x),
            soft_switch_loop],
    "7.4": [lambda x, a, b, k: sig(k * (x - a)) - sig(k * (x - b)),
            lambda x, a, b, k: sig(-k * (x - b)) - sig(-k * (x - a)),
            lambda x, a, b, k: 0.5 * (np.tanh(k * (x - a) / 2) - np.tanh(k * (x - b) / 2))],
    "7.5": [cell_loop, cell_closed_form, cell_recursive],
    "7.6": [xor_and_of_or_nand, xor_or_minus_and, xor_as_lists, xor_weights_swapped_units],
    "7.7": [cycle_bisection, cycle_by_simulation, cycle_newton],
}

WRONG = {  # (answer, the diagnosis it must get)
    "7.1": [(neuron(10, 10, -5), "OR's weights"), (neuron(10, 10, -15), "AND, not NAND: swapped signs"),
            (neuron(-10, -10, 5), "NOR: bias too small"), (neuron(-10, -10, -15), "sign of the bias"),
            (neuron(-2, -2, 3), "right signs, not confident"),
            # not a neuron at all: the check builds the neuron itself
            (lambda: lambda x1, x2: 1 - x1 * x2, "cannot build"),
            (lambda: (-10, -10), "cannot build"), (lambda: "-10, -10, 15", "cannot build"),
            (lambda: None, "returned None")],
    "7.2": [(lambda c: 1 - c, "forgot the slope ¼"), (lambda c: 1 - c / 2, "σ(0) instead of σ′(0)"),
            (lambda c: 1 + c / 4, "sign error"), (lambda c: c / 4, "the gain, not the factor")],
    "7.3": [(lambda x, u, W1, W2: (1 - sig(u @ x)) * (W1 @ x) + sig(u @ x) * (W2 @ x), "g and 1 − g swapped"),
            (lambda x, u, W1, W2: (u @ x) * (W1 @ x) + (1 - u @ x) * (W2 @ x), "gate not squashed"),
            (lambda x, u, W1, W2: sig(u @ x) * (W1 @ x) + W2 @ x, "forgot 1 − g"),
            (lambda x, u, W1, W2: sig(u @ x) * (W1 * x) + (1 - sig(u @ x)) * (W2 * x), "wrong shape")],
    "7.4": [(lambda x, a, b, k: sig(k * (x - b)) - sig(k * (x - a)), "wrong sign"),
            (lambda x, a, b, k: sig(k * (x - a)) + sig(k * (x - b)), "sum instead of difference"),
            (lambda x, a, b, k: sig(k * x - a) - sig(k * x - b), "k outside the bracket"),
            (lambda x, a, b, k: sig(k * (x - a)), "a single step")],
    "7.5": [(_no_sigma, "gate without σ"),
            (lambda c0, b, u, n: cell_loop(c0, b, u * sig(b), n), "input gated too"),
            (lambda c0, b, u, n: cell_loop(c0, b, 0.0, n), "forgot the input"),
            (lambda c0, b, u, n: cell_loop(c0, b, u, max(n - 1, 0)), "one step short"),
            (lambda c0, b, u, n: cell_loop(c0, b, u, n + 1), "one step too many")],
    "7.6": [(lambda: (np.array([[10.0, 0.0], [10.0, 0.0]]), np.array([-5.0, 0.0]), np.array([10.0, 0.0]), -5.0),
             "computes OR"),
            (lambda: (np.array([[-10.0, 0.0], [-10.0, 0.0]]), np.array([15.0, 0.0]), np.array([10.0, 0.0]), -5.0),
             "computes NAND"),
            (lambda: (np.array([[10.0, -10.0], [10.0, -10.0]]), np.array([-5.0, 15.0]), np.array([-10.0, -10.0]),
                      15.0), "output sign flipped: XNOR"),
            (lambda: (np.zeros((2, 2)), np.zeros(2), np.zeros(2), 0.0), "all ½"),
            (lambda: (np.array([[4.0, -4.0], [4.0, -4.0]]), np.array([-2.0, 6.0]), np.array([4.0, 4.0]), -6.0),
             "right side of ½, not confident"),
            # not a network: the check builds it itself
            (lambda: lambda X: (X[:, 0] != X[:, 1]).astype(float), "cannot build"),
            (lambda: (np.ones((3, 2)), np.zeros(2), np.zeros(2), 0.0), "cannot build"),
            (lambda: (np.ones((2, 2)), np.zeros(2), np.zeros(2)), "cannot build")],
    "7.7": [(lambda c: 2 * cycle_bisection(c), "peak to peak"),
            (lambda c: _bisect(lambda e: c * (sig(e) - 0.5) - e, c), "forgot the factor 2"),
            (lambda c: _bisect(lambda e: c * sig(e) - 2 * e, c), "forgot the −½")],
}

