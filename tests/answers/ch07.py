"""Chapter 07: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import sigmoid, sigmoid_derivative
from helpers.checks import exercise


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def returns(*values):
    """An answer to a "choose the weights" exercise that returns these values."""
    return lambda: values if len(values) > 1 else values[0]


# --- 7.1 -------------------------------------------------------------------------------------

def nand_from_and():
    w_and = np.array([10.0, 10.0, -15.0])
    return tuple(-w_and)


# --- 7.2 -------------------------------------------------------------------------------------

def factor_in_place(c):
    c /= 4                                        # overwrites the caller's gains
    return 1 - c


# --- 7.3 -------------------------------------------------------------------------------------

def soft_switch_loop(x, u, W1, W2):
    g = 1 / (1 + math.exp(-float(np.dot(u, x))))
    return np.array([g * np.dot(r1, x) + (1 - g) * np.dot(r2, x) for r1, r2 in zip(W1, W2)])


def soft_switch_blended_matrix(x, u, W1, W2):
    g = sigmoid(u.dot(x))
    return (g * W1 + (1 - g) * W2) @ x


def soft_switch_einsum(x, u, W1, W2):
    g = sig(np.einsum("i,i->", u, x))
    return g * np.einsum("ij,j->i", W1, x) + (1 - g) * np.einsum("ij,j->i", W2, x)


def soft_switch_in_place(x, u, W1, W2):
    g = sigmoid(u @ x)
    W1 *= g                                       # overwrites the caller's matrices
    W2 *= 1 - g
    return W1 @ x + W2 @ x


# --- 7.4 -------------------------------------------------------------------------------------

def bump_loop(x, a, b, k):
    return np.array([1 / (1 + math.exp(-k * (v - a))) - 1 / (1 + math.exp(-k * (v - b))) for v in x])


def bump_in_place(x, a, b, k):
    x -= a
    return sig(k * x) - sig(k * (x + a - b))


# --- 7.5 -------------------------------------------------------------------------------------

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


def cell_while(c0, b, u, n):
    step, c = 0, c0
    while step < n:
        c = sigmoid(b) * c + u
        step += 1
    return float(c)


def cell_history(c0, b, u, n):
    history = [c0]
    for _ in range(n):
        history.append(sigmoid(b) * history[-1] + u)
    return history[n]


def cell_sum_of_powers(c0, b, u, n):
    f = sigmoid(b)
    return f ** n * c0 + u * sum(f ** k for k in range(n))


def _no_sigma(c0, b, u, n):
    for _ in range(n):
        c0 = b * c0 + u
    return c0


def cell_from_one(c0, b, u, n):
    c = c0
    for _ in range(1, n):
        c = sigmoid(b) * c + u
    return c


def cell_to_n(c0, b, u, n):
    c, t = c0, 0
    while t <= n:
        c = sigmoid(b) * c + u
        t += 1
    return c


def cell_never_stops(c0, b, u, n):
    t = 0
    while t != n + 0.5:
        t += 1
    return c0


# --- 7.6 -------------------------------------------------------------------------------------

W1_OR_NAND = np.array([[10.0, -10.0], [10.0, -10.0]])     # columns: the OR unit, the NAND unit
B1_OR_NAND = np.array([-5.0, 15.0])
W2_AND, B2_AND = np.array([10.0, 10.0]), -15.0


def xor_and_of_or_nand():
    return W1_OR_NAND, B1_OR_NAND, W2_AND, B2_AND


def xor_or_minus_and():
    # hidden: OR and AND; output: OR and not AND
    return [[20, 20], [20, 20]], [-10, -30], [20, -20], -10


def xor_as_lists():
    W1 = [[8.0, -8.0], [8.0, -8.0]]
    return W1, (-4.0, 12.0), (12.0, 12.0), np.float64(-18.0)


def xor_weights_swapped_units():
    # the NAND unit first, then OR: the output does not care about the order
    return W1_OR_NAND[:, ::-1], B1_OR_NAND[::-1], W2_AND, B2_AND


def xor_column_shapes():
    # w2 as a column and b2 as a one-element array, as in many network codes
    return W1_OR_NAND, B1_OR_NAND.reshape(1, 2), W2_AND.reshape(2, 1), np.array([B2_AND])


# --- 7.7 -------------------------------------------------------------------------------------

def _bisect(h, high, low=1e-9, steps=100):
    for _ in range(steps):
        mid = (low + high) / 2
        low, high = (mid, high) if h(mid) > 0 else (low, mid)
    return (low + high) / 2


def cycle_bisection(c):
    return _bisect(lambda e: c * (sig(e) - 0.5) - 2 * e, c)


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


def cycle_brentq(c):
    from scipy.optimize import brentq
    return brentq(lambda e: c * (sigmoid(e) - 0.5) - 2 * e, 1e-6, c)


def cycle_fixed_point(c):
    e = 1.0
    for _ in range(2000):
        e = c * (sigmoid(e) - 0.5) / 2
    return e


def cycle_short_simulation(c):
    e = 1.0
    for _ in range(30):
        e = e - c * (sig(e) - 0.5)
    return abs(e)


def cycle_never_stops(c):
    e = 1.0
    while True:
        e = e - c * (sig(e) - 0.5)


RIGHT = {
    "7.1": [returns(-10, -10, 15), returns(-20.0, -20.0, 30.0), returns(-6, -7, 10), lambda: [-10, -10, 15],
            lambda: np.array([-8.0, -8.0, 12.0]), lambda: (np.float64(-30), -30, 45.5), nand_from_and,
            returns(np.array([-10.0]), np.array([-10.0]), np.array([15.0])), returns(-1e4, -1e4, 1.5e4)],
    "7.2": [lambda c: 1 - c / 4, lambda c: 1 - c * 0.25 * np.ones_like(c),
            lambda c: 1 - c * (sig(1e-5) - sig(-1e-5)) / 2e-5, lambda c: 1 - c * sigmoid_derivative(0.0),
            lambda c: (4 - c) / 4, lambda c: np.array([1 - v * 0.25 for v in c]),
            lambda c: np.vectorize(lambda v: 1 - v / 4)(c)],
    "7.3": [lambda x, u, W1, W2: sig(u @ x) * (W1 @ x) + (1 - sig(u @ x)) * (W2 @ x),
            lambda x, u, W1, W2: W2 @ x + sig(np.dot(u, x)) * ((W1 - W2) @ x),
            lambda x, u, W1, W2: sigmoid(u @ x) * (W1 @ x) + sigmoid(-(u @ x)) * (W2 @ x),
            soft_switch_loop, soft_switch_blended_matrix, soft_switch_einsum],
    "7.4": [lambda x, a, b, k: sig(k * (x - a)) - sig(k * (x - b)),
            lambda x, a, b, k: sig(-k * (x - b)) - sig(-k * (x - a)),
            lambda x, a, b, k: 0.5 * (np.tanh(k * (x - a) / 2) - np.tanh(k * (x - b) / 2)),
            lambda x, a, b, k: sigmoid(k * (x - a)) + sigmoid(k * (b - x)) - 1,
            lambda x, a, b, k: sigmoid(k * x - k * a) - sigmoid(k * x - k * b), bump_loop],
    "7.5": [cell_loop, cell_closed_form, cell_recursive, cell_while, cell_history, cell_sum_of_powers,
            lambda c0, b, u, n: np.float64(cell_loop(c0, b, u, n))],
    "7.6": [xor_and_of_or_nand, xor_or_minus_and, xor_as_lists, xor_weights_swapped_units, xor_column_shapes,
            lambda: tuple(3 * np.asarray(v) for v in xor_and_of_or_nand()),
            returns(np.array([[10, -10], [10, -10]]), np.array([-5, 15]), np.array([10, 10]), -15),
            returns(((10, -10), (10, -10)), (-5, 15), (10, 10), np.array(-15.0))],
    "7.7": [cycle_bisection, cycle_by_simulation, cycle_newton, cycle_brentq, cycle_fixed_point,
            lambda c: _bisect(lambda e: c * np.tanh(e / 2) / 2 - 2 * e, c),
            lambda c: float(f"{cycle_bisection(c):.6g}"), lambda c: np.float32(cycle_bisection(c)),
            lambda c: math.floor(cycle_bisection(c) * 10 ** (5 - math.floor(math.log10(cycle_bisection(c))))) / 10 ** (
                5 - math.floor(math.log10(cycle_bisection(c))))],                  # cut off after 6 digits
}

WRONG = {  # (answer, the diagnosis it must get)
    "7.1": [  # weights of another gate, or not confident
            (returns(10, 10, -5), "OR's weights"), (returns(10, 10, -15), "AND, not NAND: swapped signs"),
            (returns(-10, -10, 5), "NOR: bias too small"), (returns(-10, -10, -15), "sign of the bias"),
            (returns(-10, -10, 25), "bias too large"), (returns(0, -10, 5), "one input ignored"),
            (returns(-10, 10, 5), "another gate"), (returns(0, 0, 0), "all ½"),
            (returns(-2, -2, 3), "right signs, not confident"), (returns(-5, -5, 8), "right signs, not confident"),
            # NAND's numbers in the wrong order
            (returns(15, -10, -10), "the numbers in the wrong order"),
            (returns(-10, 15, -10), "the numbers in the wrong order"),
            # not a neuron at all: the check builds the neuron itself
            (lambda: lambda x1, x2: 1 - x1 * x2, "cannot build"),
            (returns(np.array([1.0, 1.0, 1.0, 0.0])), "cannot build"), (returns(True), "cannot build"),
            (returns(-10, -10), "cannot build"), (returns(-10, -10, 15, 0), "cannot build"),
            (lambda: "-10, -10, 15", "cannot build"), (returns("-10", "-10", "15"), "cannot build"),
            (lambda: {"w1": -10, "w2": -10, "b": 15}, "cannot build"), (returns((-10, -10), 15), "cannot build"),
            (lambda: None, "returned None"), (lambda: print((-10, -10, 15)), "printing instead of returning"),
            (lambda: exercise("7.1").reference(), "forbidden call")],
    "7.2": [  # the linearisation done wrong
            (lambda c: 1 - c, "forgot the slope ¼"), (lambda c: 1 - c / 2, "σ(0) instead of σ′(0)"),
            (lambda c: 1 + c / 4, "sign error"), (lambda c: c / 4, "the gain, not the factor"),
            (lambda c: 1 - 4 * c, "times 4 instead of divided by 4"), (lambda c: (1 - c) / 4, "¼ on the whole"),
            (lambda c: 1 - c * sigmoid_derivative(c), "σ′ at c, not at 0"),
            (lambda c: 1 - c * (sig(1e-2) - sig(-1e-2)) / 2e-2, "slope not exactly ¼"),
            (lambda c: c / 4 - 1, "sign lost"),
            # the input overwritten, the checker's own answer, the wrong kind of value
            (factor_in_place, "changes its input"),
            (lambda c: exercise("7.2").reference(c), "forbidden call"),
            (lambda c: list(1 - c / 4), "list instead of array"),
            (lambda c: np.round(1 - c / 4, 2), "rounded"),
            (lambda c: 1 - math.floor(c) / 4, "math instead of numpy")],
    "7.3": [  # the blend done wrong
            (lambda x, u, W1, W2: (1 - sig(u @ x)) * (W1 @ x) + sig(u @ x) * (W2 @ x), "g and 1 − g swapped"),
            (lambda x, u, W1, W2: sig(-(u @ x)) * (W1 @ x) + sig(u @ x) * (W2 @ x), "g and 1 − g swapped"),
            (lambda x, u, W1, W2: (u @ x) * (W1 @ x) + (1 - u @ x) * (W2 @ x), "gate not squashed"),
            (lambda x, u, W1, W2: np.tanh(u @ x) * (W1 @ x) + (1 - np.tanh(u @ x)) * (W2 @ x), "tanh instead of σ"),
            (lambda x, u, W1, W2: sig(u @ x) * (W1 @ x) + W2 @ x, "forgot 1 − g"),
            (lambda x, u, W1, W2: sig(u @ x) * (W1 @ x), "forgot the second map"),
            (lambda x, u, W1, W2: 0.5 * (W1 @ x) + 0.5 * (W2 @ x), "gate fixed at ½"),
            (lambda x, u, W1, W2: sig(u @ x) * (W1 @ x) - (1 - sig(u @ x)) * (W2 @ x), "minus instead of plus"),
            # shapes: elementwise products, a gate per coordinate, x @ W
            (lambda x, u, W1, W2: sig(u @ x) * (W1 * x) + (1 - sig(u @ x)) * (W2 * x), "wrong shape"),
            (lambda x, u, W1, W2: sig(u * x) * (W1 @ x) + (1 - sig(u * x)) * (W2 @ x), "raised"),
            (lambda x, u, W1, W2: sig(u @ x) * (x @ W1) + (1 - sig(u @ x)) * (x @ W2), "raised"),
            # the input overwritten, the checker's own answer, the wrong kind of value
            (soft_switch_in_place, "changes its input"),
            (lambda x, u, W1, W2: exercise("7.3").reference(x, u, W1, W2), "forbidden call"),
            (lambda x, u, W1, W2: list(sig(u @ x) * (W1 @ x) + (1 - sig(u @ x)) * (W2 @ x)), "list instead of array"),
            (lambda x, u, W1, W2: (sig(u @ x) * (W1 @ x) + (1 - sig(u @ x)) * (W2 @ x)).astype(np.float32),
             "float32")],
    "7.4": [  # the bump built wrongly
            (lambda x, a, b, k: sig(k * (x - b)) - sig(k * (x - a)), "wrong sign"),
            (lambda x, a, b, k: sig(k * (x - a)) + sig(k * (x - b)), "sum instead of difference"),
            (lambda x, a, b, k: sig(k * x - a) - sig(k * x - b), "k outside the bracket"),
            (lambda x, a, b, k: sig(x - a) - sig(x - b), "forgot the steepness k"),
            (lambda x, a, b, k: sig((x - a) / k) - sig((x - b) / k), "divided by k"),
            (lambda x, a, b, k: sig(k * (x - a)), "a single step"),
            (lambda x, a, b, k: sig(k * (x - a)) * sig(-k * (x - b)), "a product, not a difference"),
            (lambda x, a, b, k: sig(k * (x - a)) * (1 - sig(k * (x - b))), "a product, not a difference"),
            (lambda x, a, b, k: np.heaviside(x - a, 0.5) - np.heaviside(x - b, 0.5), "hard steps"),
            (lambda x, a, b, k: ((x > a) & (x < b)).astype(float), "hard steps"),
            # the input overwritten, the checker's own answer, the wrong kind of value
            (bump_in_place, "changes its input"),
            (lambda x, a, b, k: exercise("7.4").reference(x, a, b, k), "forbidden call"),
            (lambda x, a, b, k: list(sig(k * (x - a)) - sig(k * (x - b))), "list instead of array"),
            (lambda x, a, b, k: np.round(sig(k * (x - a)) - sig(k * (x - b)), 3), "rounded"),
            (lambda x, a, b, k: (sig(k * (x - a)) - sig(k * (x - b))).astype(np.float32), "float32")],
    "7.5": [  # the rule done wrongly
            (_no_sigma, "gate without σ"),
            (lambda c0, b, u, n: cell_loop(c0, -b, u, n), "kept 1 − σ(b)"),
            (lambda c0, b, u, n: cell_loop(c0, b, u * sig(b), n), "input gated too"),
            (lambda c0, b, u, n: cell_loop(c0, b, 0.0, n), "forgot the input"),
            (lambda c0, b, u, n: c0 if n == 0 else sigmoid(b) * c0 + u, "did not carry c forward"),
            (lambda c0, b, u, n: sigmoid(b) ** n * c0 + u, "the input added once"),
            (lambda c0, b, u, n: sigmoid(b) ** n * c0 + n * u, "the input not decayed"),
            (lambda c0, b, u, n: u / (1 - sigmoid(b)), "the steady state"),
            (lambda c0, b, u, n: sigmoid(b) ** n * c0 + u * (1 - sigmoid(b) ** (n + 1)) / (1 - sigmoid(b)),
             "one term too many in the sum"),
            # one step too few or too many
            (lambda c0, b, u, n: cell_loop(c0, b, u, max(n - 1, 0)), "one step short"),
            (cell_from_one, "one step short"),
            (lambda c0, b, u, n: cell_loop(c0, b, u, n + 1), "one step too many"),
            (cell_to_n, "one step too many"),
            # never ends, the checker's own answer, the wrong kind of value
            (cell_never_stops, "time limit"),
            (lambda c0, b, u, n: exercise("7.5").reference(c0, b, u, n), "forbidden call"),
            (lambda c0, b, u, n: [cell_loop(c0, b, u, t) for t in range(n + 1)], "wrong type"),
            (lambda c0, b, u, n: round(cell_loop(c0, b, u, n), 3), "rounded"),
            (lambda c0, b, u, n: np.float32(cell_loop(c0, b, u, n)), "float32"),
            (lambda c0, b, u, n: print(cell_loop(c0, b, u, n)), "printing instead of returning")],
    "7.6": [  # a network that computes another function
            (returns(np.array([[10.0, 0.0], [10.0, 0.0]]), np.array([-5.0, 0.0]), np.array([10.0, 0.0]), -5.0),
             "computes OR"),
            (returns(np.array([[-10.0, 0.0], [-10.0, 0.0]]), np.array([15.0, 0.0]), np.array([10.0, 0.0]), -5.0),
             "computes NAND"),
            (returns(np.array([[10.0, 0.0], [10.0, 0.0]]), np.array([-15.0, 0.0]), np.array([10.0, 0.0]), -5.0),
             "computes AND"),
            (returns(W1_OR_NAND, B1_OR_NAND, -W2_AND, 15.0), "output sign flipped: XNOR"),
            (returns(np.full((2, 2), 10.0), np.array([-5.0, -5.0]), W2_AND, B2_AND), "computes OR"),
            (returns(np.zeros((2, 2)), np.zeros(2), np.zeros(2), 0.0), "all ½"),
            (returns(0.4 * W1_OR_NAND, 0.4 * B1_OR_NAND, 0.4 * W2_AND, 0.4 * B2_AND), "right side of ½, not confident"),
            (returns(W1_OR_NAND, B1_OR_NAND, W2_AND, -25.0), "another function"),
            # XOR's numbers in the wrong places
            (returns(W1_OR_NAND.T, B1_OR_NAND, W2_AND, B2_AND), "W1 transposed"),
            (returns(W1_OR_NAND, W2_AND, B1_OR_NAND, B2_AND), "b1 and w2 swapped"),
            # not a network: the check builds it itself
            (lambda: lambda X: (X[:, 0] != X[:, 1]).astype(float), "cannot build"),
            (lambda: np.array([0.0, 1.0, 1.0, 0.0]), "cannot build"),
            (returns(np.ones((3, 2)), np.zeros(2), np.zeros(2), 0.0), "cannot build"),
            (returns(np.ones((2, 2)), np.zeros(2), np.zeros(2)), "cannot build"),
            (returns("W1", B1_OR_NAND, W2_AND, B2_AND), "cannot build"),
            (returns(W1_OR_NAND, B1_OR_NAND, W2_AND, [-15.0, 0.0]), "cannot build"),
            (lambda: True, "cannot build"), (lambda: None, "returned None"),
            (lambda: exercise("7.6").reference(), "forbidden call")],
    "7.7": [  # the wrong equation
            (lambda c: 2 * cycle_bisection(c), "peak to peak"),
            (lambda c: _bisect(lambda e: c * (sig(e) - 0.5) - e, c), "forgot the factor 2"),
            (lambda c: _bisect(lambda e: c * sig(e) - 2 * e, c), "forgot the −½"),
            (lambda c: 0.0, "the root at 0"),
            (lambda c: _bisect(lambda e: 2 * e - c * (sig(e) - 0.5), c), "not a root of the cycle equation"),
            (lambda c: c / 4, "not a root of the cycle equation"),
            (lambda c: math.sqrt(c - 8), "not a root of the cycle equation"),
            (lambda c: -cycle_bisection(c), "sign lost"),
            # not precise enough
            (lambda c: _bisect(lambda e: c * (sig(e) - 0.5) - 2 * e, c, steps=12), "not precise enough"),
            (cycle_short_simulation, "not precise enough"),
            (lambda c: round(cycle_bisection(c), 3), "rounded"),
            (lambda c: float(f"{cycle_bisection(c):.4g}"), "rounded"),
            # never ends, the checker's own answer, the wrong kind of value
            (cycle_never_stops, "time limit"),
            (lambda c: exercise("7.7").reference(c), "forbidden call"),
            (lambda c: [cycle_bisection(c)], "wrong type")],
}
