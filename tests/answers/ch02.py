"""Chapter 02: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math

import numpy as np

from helpers import logit, numerical_derivative, sigmoid, sigmoid_derivative


def textbook(z):
    return 1 / (1 + np.exp(-z))


def slope_from_sigma(z):
    s = textbook(z)
    return s * (1 - s)


def slope_quotient_rule(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2


def stable_slope(z):
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


def quadratic_scores():
    root = math.sqrt(1 - 4 * 0.105)
    s = np.array([(1 - root) / 2, (1 + root) / 2])
    return np.log(s / (1 - s))


def bisection_scores():
    low, high = 0.0, 10.0                      # σ′ falls on (0, 10): find where it passes 0.105
    for _ in range(100):
        middle = (low + high) / 2
        s = 1 / (1 + math.exp(-middle))
        low, high = (middle, high) if s * (1 - s) > 0.105 else (low, middle)
    return np.array([-low, low])


def grid_cubic_edge():
    z = np.linspace(0, 3, 300_001)
    gap = np.abs(textbook(z) - (0.5 + z / 4 - z ** 3 / 48))
    return z[np.argmax(gap > 0.01)]


def bisection_cubic_edge(low=0.5, high=3.0):
    for _ in range(60):
        middle = (low + high) / 2
        gap = abs(1 / (1 + math.exp(-middle)) - (0.5 + middle / 4 - middle ** 3 / 48))
        low, high = (low, middle) if gap > 0.01 else (middle, high)
    return high


def third_expanded(z):
    s = sigmoid(z)
    return s * (1 - s) * (1 - 6 * s + 6 * s ** 2)


def third_product_rule(z):
    s = textbook(z)
    d = s * (1 - s)
    return d * (1 - 2 * s) ** 2 - 2 * d ** 2


def third_numerical(z):
    second = lambda x: sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x))   # noqa: E731
    return numerical_derivative(second, z)


def silenced_quotient_rule(z):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.nan_to_num(slope_quotient_rule(z))


RIGHT = {
    "2.1": [slope_from_sigma, slope_quotient_rule, lambda z: sigmoid(z) * sigmoid(-z),
            lambda z: 0.25 / np.cosh(z / 2) ** 2],
    "2.2": [lambda a: a * (1 - a), lambda a: a - a ** 2, lambda a: 0.25 - (a - 0.5) ** 2],
    "2.3": [lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h), lambda f, z, h: 0.5 * (f(z + h) - f(z - h)) / h,
            lambda f, z, h: ((f(z + h) - f(z)) / h + (f(z) - f(z - h)) / h) / 2],
    "2.4": [quadratic_scores, bisection_scores, lambda: np.sort(logit(np.roots([1, -1, 0.105])))],
    "2.5": [grid_cubic_edge, bisection_cubic_edge, lambda: round(grid_cubic_edge(), 3)],
    "2.6": [third_expanded, third_product_rule, lambda z: third_expanded(np.asarray(z, dtype=float))],
    "2.7": [stable_slope, lambda z: sigmoid(z) * sigmoid(-z),
            lambda z: np.exp(-np.abs(z) - 2 * np.log1p(np.exp(-np.abs(z))))],
}

WRONG = {  # (answer, the diagnosis it must get)
    "2.1": [(lambda z: textbook(z) * (1 + textbook(z)), "σ(1 + σ)"),
            (lambda z: -slope_from_sigma(z), "sign error"),
            (textbook, "σ itself"),
            (lambda z: 1 - textbook(z), "missing factor σ"),
            (lambda z: (textbook(z + 0.01) - textbook(z)) / 0.01, "forward difference, not the derivative"),
            (lambda z: numerical_derivative(sigmoid, z), "forbidden call"),
            (lambda z: (textbook(z + 1e-5) - textbook(z - 1e-5)) / 2e-5, "finite difference instead of the formula"),
            (lambda z: sigmoid_derivative(z), "forbidden call"),
            (lambda z: slope_from_sigma(z).astype(np.float32), "float32"),
            (lambda z: [float(slope_from_sigma(v)) for v in z], "list instead of array")],
    "2.2": [(lambda a: textbook(a) * (1 - textbook(a)), "output used as a score"),
            (lambda a: a * (1 + a), "σ(1 + σ)"), (lambda a: a ** 2 - a, "sign error"),
            (lambda a: 1 - a, "missing factor")],
    "2.3": [(lambda f, z, h: (f(z + h) - f(z)) / h, "forward difference"),
            (lambda f, z, h: (f(z + h) - f(z - h)) / h, "divided by h, not 2h"),
            (lambda f, z, h: (f(z + h) - f(z - h)) / 2 * h, "/ 2 * h"),
            (lambda f, z, h: (f(z) - f(z - h)) / h, "backward difference"),
            (lambda f, z, h: (f(z - h) - f(z + h)) / (2 * h), "sign error"),
            (lambda f, z, h: numerical_derivative(f, z, h), "forbidden call")],
    "2.4": [(lambda: quadratic_scores()[1], "only the positive root"),
            (lambda: np.array([quadratic_scores()[1]]), "only the positive root"),
            (lambda: np.array([0.5 - math.sqrt(0.58) / 2, 0.5 + math.sqrt(0.58) / 2]), "σ values instead of z values"),
            (lambda: np.array([-2.0, 2.0]), "±2 from the rounded table"),
            (lambda: quadratic_scores()[::-1], "not sorted"),
            (lambda: list(quadratic_scores()), "list instead of array"),
            (lambda: np.array([-1.99992, 1.99992]), "typed in"),
            (lambda: np.round(quadratic_scores(), 4), "rounded")],
    "2.5": [(lambda: 0.7993, "the straight line's edge"), (lambda: 4.8 ** 0.2, "the estimate, not the measurement"),
            (lambda: 0.6254, "sign of the cubic term"), (lambda: 1.4203, "typed in")],
    "2.6": [(lambda z: slope_from_sigma(z) * (1 - 2 * textbook(z)), "σ″, not σ‴"),
            (lambda z: slope_from_sigma(z) * (1 - 2 * textbook(z)) ** 2, "one term of the product rule"),
            (lambda z: slope_from_sigma(z) * ((1 - 2 * textbook(z)) ** 2 + 2 * slope_from_sigma(z)), "sign slip"),
            (lambda z: -third_expanded(z), "sign error"),
            (third_numerical, "forbidden call")],
    "2.7": [(slope_from_sigma, "textbook σ, then σ(1 − σ)"),
            (lambda z: sigmoid(z) * (1 - sigmoid(z)), "σ(1 − σ) rounds to 0"),
            (slope_quotient_rule, "the square overflows"),
            (lambda z: 0.25 / np.cosh(z / 2) ** 2, "cosh form overflows"),
            (lambda z: 1 / (np.exp(z / 2) + np.exp(-z / 2)) ** 2, "overflow"),
            (lambda z: sigmoid_derivative(z), "forbidden call"),
            (silenced_quotient_rule, "silenced warnings"),
            (lambda z: stable_slope(z).astype(np.float32), "float32")],
}
