"""Chapter 02: answers its checks must accept (RIGHT) and reject with a named diagnosis
(WRONG). tests/test_exercise_checks.py runs them."""

import math
import warnings

import numpy as np
import scipy.optimize

import helpers
from helpers import gradient_check, logit, numerical_derivative, sigmoid, sigmoid_derivative


def textbook(z):
    return 1 / (1 + np.exp(-z))


def peek(exercise_id):
    """The checker's own answer: never an answer."""
    def answer(*args):
        from helpers.checks import exercise
        return exercise(exercise_id).reference(*args)
    return answer


# --- 2.1 σ′ from σ ------------------------------------------------------------------------------

def slope_from_sigma(z):
    s = textbook(z)
    return s * (1 - s)


def slope_quotient_rule(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2


def slope_by_loop(z):
    out = np.empty_like(z)
    for i, v in enumerate(z):
        s = 1 / (1 + math.exp(-v))
        out[i] = s * (1 - s)
    return out


def slope_in_place(z):
    s = sigmoid(z)
    z *= 0                          # writes into the caller's array
    z += s * (1 - s)
    return z


def silenced_steep(z):
    with np.errstate(all="ignore"):
        s = 1 / (1 + np.exp(-50 * z))
        return s * (1 - s)


# --- 2.3 a central difference --------------------------------------------------------------------

def central_by_loop(f, z, h):
    if np.ndim(z) == 0:
        return (f(z + h) - f(z - h)) / (2 * h)
    return np.array([(f(v + h) - f(v - h)) / (2 * h) for v in z])


# --- 2.4 every z with σ′(z) = 0.105 ---------------------------------------------------------------

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


def brentq_scores():
    gap = lambda z: sigmoid(z) * (1 - sigmoid(z)) - 0.105       # noqa: E731
    return np.array([scipy.optimize.brentq(gap, -5, 0), scipy.optimize.brentq(gap, 0, 5)])


def fine_grid_scores():
    z = np.linspace(-5, 5, 2_000_001)
    miss = np.abs(sigmoid(z) * (1 - sigmoid(z)) - 0.105)
    return np.array([z[z < 0][np.argmin(miss[z < 0])], z[z > 0][np.argmin(miss[z > 0])]])


def coarse_grid_scores():
    z = np.linspace(-5, 5, 77_777)               # steps of about 1.3e-4: four digits, not six
    miss = np.abs(sigmoid(z) * (1 - sigmoid(z)) - 0.105)
    return np.array([z[z < 0][np.argmin(miss[z < 0])], z[z > 0][np.argmin(miss[z > 0])]])


def outputs(g=0.105, under_root=None, halve=True):
    root = np.sqrt(1 - 4 * g if under_root is None else under_root)
    return np.array([1 - root, 1 + root]) / (2 if halve else 1)


# --- 2.5 the cubic's edge -------------------------------------------------------------------------

def grid_edge(cubic=1 / 48, band=0.01, start=0.0, points=300_001):
    z = np.linspace(start, 3, points)
    gap = np.abs(textbook(z) - (0.5 + z / 4 - cubic * z ** 3))
    return z[np.argmax(gap > band)]


def cubic_minus_sigma_edge():
    z = np.linspace(0, 3, 300_001)
    gap = (0.5 + z / 4 - z ** 3 / 48) - textbook(z)       # no abs, and the wrong way round: never above 0.01
    return z[np.argmax(gap > 0.01)]


def bisection_cubic_edge(low=0.5, high=3.0):
    for _ in range(60):
        middle = (low + high) / 2
        gap = abs(1 / (1 + math.exp(-middle)) - (0.5 + middle / 4 - middle ** 3 / 48))
        low, high = (low, middle) if gap > 0.01 else (middle, high)
    return high


def walking_edge():
    z = 0.0
    while abs(textbook(z) - (0.5 + z / 4 - z ** 3 / 48)) <= 0.01:
        z += 0.0005
    return z


# --- 2.6 σ‴ --------------------------------------------------------------------------------------

def third_expanded(z):
    s = sigmoid(z)
    return s * (1 - s) * (1 - 6 * s + 6 * s ** 2)


def third_product_rule(z):
    s = textbook(z)
    d = s * (1 - s)
    return d * (1 - 2 * s) ** 2 - 2 * d ** 2


def third_in_e(z):
    e = np.exp(-z)
    return e * (1 - 4 * e + e * e) / (1 + e) ** 4


def third_numerical(z):
    second = lambda x: sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x))   # noqa: E731
    return numerical_derivative(second, z)


def third_central(z, h=1e-5):
    second = lambda x: sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x))   # noqa: E731
    return (second(z + h) - second(z - h)) / (2 * h)


def with_s(formula):
    def answer(z):
        s = sigmoid(z)
        return formula(s, s * (1 - s))
    return answer


# --- 2.7 a stable σ′ ---------------------------------------------------------------------------------

def stable_slope(z):
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


def stable_slope_by_loop(z):
    out = np.empty_like(z)
    for i, v in enumerate(z):
        e = math.exp(-abs(v))
        out[i] = e / (1 + e) ** 2
    return out


def stable_product(z):
    def s(x):                      # a stable σ written by hand
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return s(z) * s(-z)


def silenced_quotient_rule(z):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.nan_to_num(slope_quotient_rule(z))


def filtered_quotient_rule(z):
    warnings.simplefilter("ignore")
    return np.nan_to_num(slope_quotient_rule(z))


def clipped_slope(z, cap=30.0):
    e = np.exp(-np.clip(z, -cap, cap))
    return e / (1 + e) ** 2


def abs_in_place(z):
    np.abs(z, out=z)
    e = np.exp(-z)
    return e / (1 + e) ** 2


RIGHT = {
    "2.1": [slope_from_sigma, slope_quotient_rule, slope_by_loop,
            lambda z: sigmoid(z) * sigmoid(-z),
            lambda z: 0.25 / np.cosh(z / 2) ** 2,
            lambda z: (1 - np.tanh(z / 2) ** 2) / 4,
            lambda z: sigmoid(z) - sigmoid(z) ** 2,
            lambda z: 0.25 - (sigmoid(z) - 0.5) ** 2,
            lambda z: 1 / (2 + np.exp(z) + np.exp(-z)),
            lambda z: np.vectorize(lambda v: math.exp(-v) / (1 + math.exp(-v)) ** 2)(z)],
    "2.2": [lambda a: a * (1 - a), lambda a: a - a ** 2, lambda a: 0.25 - (a - 0.5) ** 2,
            lambda a: np.array([x * (1 - x) for x in a]),
            lambda a: np.vectorize(lambda x: x * (1 - x))(a),
            lambda a: np.multiply(a, np.subtract(1, a))],
    "2.3": [lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h), lambda f, z, h: 0.5 * (f(z + h) - f(z - h)) / h,
            lambda f, z, h: ((f(z + h) - f(z)) / h + (f(z) - f(z - h)) / h) / 2,
            lambda f, z, h: f(z + h) / (2 * h) - f(z - h) / (2 * h),
            lambda f, z, h: np.diff(f(np.array([z - h, z + h])), axis=0)[0] / (2 * h),
            central_by_loop],
    "2.4": [quadratic_scores, bisection_scores, brentq_scores, fine_grid_scores,
            lambda: np.sort(logit(np.roots([1, -1, 0.105]))),
            lambda: np.round(quadratic_scores(), 5),                         # six significant digits
            lambda: np.array([logit(outputs()[0]), -logit(outputs()[0])])],
    "2.5": [grid_edge, bisection_cubic_edge, walking_edge,
            lambda: scipy.optimize.brentq(lambda z: abs(sigmoid(z) - (0.5 + z / 4 - z ** 3 / 48)) - 0.01, 0.5, 3),
            lambda: round(grid_edge(), 3),                                   # three decimals, as asked
            lambda: float(grid_edge(points=3001) - 0.001)],                  # the last grid point still inside
    "2.6": [third_expanded, third_product_rule, third_in_e,
            lambda z: third_expanded(np.asarray(z, dtype=float)),
            lambda z: (lambda s: s - 7 * s ** 2 + 12 * s ** 3 - 6 * s ** 4)(textbook(z)),
            lambda z: sigmoid_derivative(z) * (1 - 6 * sigmoid(z) + 6 * sigmoid(z) ** 2),
            lambda z: np.array([(lambda s: s * (1 - s) * (1 - 6 * s + 6 * s * s))(1 / (1 + math.exp(-v)))
                                for v in z])],
    "2.7": [stable_slope, lambda z: sigmoid(z) * sigmoid(-z), stable_slope_by_loop, stable_product,
            lambda z: np.exp(-np.abs(z) - 2 * np.log1p(np.exp(-np.abs(z)))),
            lambda z: (lambda e: (e / (1 + e)) / (1 + e))(np.exp(-np.abs(z))),
            lambda z: (lambda e: e / (1 + 2 * e + e * e))(np.exp(-np.abs(z)))],
}

WRONG = {  # (answer, the diagnosis it must get)
    "2.1": [
        # the formula
        (lambda z: textbook(z) * (1 + textbook(z)), "σ(1 + σ)"),
        (lambda z: -slope_from_sigma(z), "sign error"),
        (textbook, "σ itself"),
        (lambda z: 1 - textbook(z), "missing factor σ"),
        (lambda z: np.exp(-z) / (1 + np.exp(-z)), "missing factor σ"),
        (lambda z: sigmoid(z) ** 2, "σ² instead of σ(1 − σ)"),
        (lambda z: sigmoid(z) * (1 - sigmoid(-z)), "σ² instead of σ(1 − σ)"),
        (lambda z: (1 - sigmoid(z)) ** 2, "(1 − σ)² instead of σ(1 − σ)"),
        (lambda z: slope_from_sigma(z) * (1 - 2 * textbook(z)), "σ″, not σ′"),
        (lambda z: np.exp(-z) / (1 + np.exp(-z) ** 2), "the square on e⁻ᶻ only"),
        (lambda z: sigmoid(z) / (1 - sigmoid(z)), "the odds σ/(1 − σ)"),
        (lambda z: 2 * slope_from_sigma(z), "constant factor"),
        # properties: negative, above ¼, not even
        (lambda z: sigmoid(z) * (1 - 2 * sigmoid(z)), "negative slope"),
        (lambda z: sigmoid(z) * (2 - sigmoid(z)), "slope above ¼"),
        (lambda z: sigmoid(z) ** 2 * (1 - sigmoid(z)), "not even"),
        # estimates instead of the formula
        (lambda z: (textbook(z + 0.01) - textbook(z)) / 0.01, "finite difference instead of the formula"),
        (lambda z: (textbook(z + 1e-5) - textbook(z - 1e-5)) / 2e-5, "finite difference instead of the formula"),
        (lambda z: (sigmoid(z + 3e-4) - sigmoid(z - 3e-4)) / 6e-4, "finite difference instead of the formula"),
        (lambda z: np.gradient(sigmoid(z), z), "finite difference instead of the formula"),
        # shortcuts
        (lambda z: numerical_derivative(sigmoid, z), "forbidden call"),
        (lambda z: sigmoid_derivative(z), "forbidden call"),
        (lambda z: helpers.numerics.sigmoid_derivative(z), "forbidden call"),
        (lambda z: gradient_check(sigmoid, sigmoid, z) and slope_from_sigma(z), "forbidden call"),
        (peek("2.1"), "forbidden call"),
        # the kind of value, and manners
        (lambda z: np.round(slope_from_sigma(z), 4), "rounded"),
        (lambda z: slope_from_sigma(z).astype(np.float32), "float32"),
        (lambda z: [float(slope_from_sigma(v)) for v in z], "list instead of array"),
        (lambda z: float(slope_from_sigma(z[0])), "wrong shape"),
        (slope_in_place, "changes its input"),
        (silenced_steep, "silenced warnings")],
    "2.2": [
        (lambda a: textbook(a) * (1 - textbook(a)), "output used as a score"),
        (lambda a: a * (1 + a), "σ(1 + σ)"), (lambda a: a ** 2 - a, "sign error"),
        (lambda a: 1 - a, "missing factor"), (lambda a: a, "the output itself"),
        (lambda a: a ** 2, "a·a instead of a(1 − a)"), (lambda a: (1 - a) ** 2, "(1 − a)² instead of a(1 − a)"),
        (lambda a: 1 - a ** 2, "tanh's slope"),
        (lambda a: a * (1 - a) * (1 - 2 * a), "σ″, not σ′"),
        (lambda a: np.full_like(a, 0.16), "0.16 for every output"),
        (lambda a: sigmoid(a) * (1 - a), "not symmetric"),
        (lambda a: a * (1 - a) / 4, "constant factor"),
        (lambda a: np.round(a * (1 - a), 2), "rounded"),
        (lambda a: sigmoid_derivative(logit(a)), "forbidden call"),
        (peek("2.2"), "forbidden call"),
        (lambda a: (lambda e: e / (1 + e) ** 2)(np.exp(-np.log(a / (1 - a)))), "warning"),   # log 0 at a = 0
        (lambda a: 0.16, "wrong shape"),
        (lambda a: np.multiply(a, 1 - a, out=a), "changes its input")],
    "2.3": [
        # the formula
        (lambda f, z, h: (f(z + h) - f(z)) / h, "forward difference"),
        (lambda f, z, h: (f(z) - f(z - h)) / h, "backward difference"),
        (lambda f, z, h: (f(z + h) - f(z - h)) / h, "divided by h, not 2h"),
        (lambda f, z, h: (f(z + h) - f(z - h)) / 2 * h, "/ 2 * h"),
        (lambda f, z, h: (f(z - h) - f(z + h)) / (2 * h), "sign error"),
        (lambda f, z, h: (f(z + h) - f(z - h)) / 2, "divided by 2, not 2h"),
        (lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h ** 2), "divided by 2h²"),
        (lambda f, z, h: f(z + h) - f(z - h) / (2 * h), "parentheses around the numerator"),
        (lambda f, z, h: (f(z + h) + f(z - h)) / (2 * h), "plus instead of minus"),
        (lambda f, z, h: (f(z + 2 * h) - f(z - 2 * h)) / (2 * h), "steps of 2h"),
        (lambda f, z, h: (f(z + h / 2) - f(z - h / 2)) / (2 * h), "steps of h/2"),
        (lambda f, z, h: (f(z + h) - f(z)) / (2 * h), "one step, divided by 2h"),
        (lambda f, z, h: (f(z + h) - 2 * f(z) + f(z - h)) / h ** 2, "second difference"),
        (lambda f, z, h: (sigmoid(z + h) - sigmoid(z - h)) / (2 * h), "sigmoid instead of f"),
        (lambda f, z, h: f(z) * (1 - f(z)), "σ′ formula instead of a difference"),
        (lambda f, z, h: (f(z + 1e-5) - f(z - 1e-5)) / 2e-5, "your own step, not h"),
        (lambda f, z, h: np.gradient(f(z), z) if np.ndim(z) else (f(z + h) - f(z - h)) / (2 * h),
         "np.gradient over the z values"),
        # shortcuts, kinds of value
        (lambda f, z, h: numerical_derivative(f, z, h), "forbidden call"),
        (lambda f, z, h: helpers.numerical_derivative(f, z), "forbidden call"),
        (peek("2.3"), "forbidden call"),
        (lambda f, z, h: list(np.atleast_1d((f(z + h) - f(z - h)) / (2 * h))), "wrong type"),
        (lambda f, z, h: list((f(z + h) - f(z - h)) / (2 * h)) if np.ndim(z) else (f(z + h) - f(z - h)) / (2 * h),
         "list instead of array"),
        (lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h) if np.ndim(z) == 0 else 0.0, "wrong shape")],
    "2.4": [
        (lambda: quadratic_scores()[1], "only the positive root"),
        (lambda: np.array([quadratic_scores()[1]]), "only the positive root"),
        (lambda: quadratic_scores()[0], "only the negative root"),
        (lambda: outputs(), "σ values instead of z values"),
        (lambda: outputs() / (1 - outputs()), "odds instead of log-odds"),
        (lambda: np.log(outputs()), "log of the outputs, not the log-odds"),
        (lambda: sigmoid(outputs()), "σ of the outputs, not their logit"),
        (lambda: np.log10(outputs() / (1 - outputs())), "base-10 logarithm"),
        (lambda: np.array([np.log(0.105 / 0.895), -np.log(0.105 / 0.895)]), "σ(z) = 0.105 solved instead of σ′(z) = 0.105"),
        (lambda: np.array([-2.0, 2.0]), "±2 from the rounded table"),
        (lambda: quadratic_scores()[::-1], "not sorted"),
        (lambda: quadratic_scores()[[0, 0]], "the same score twice"),
        (lambda: np.log(outputs(under_root=1 + 4 * 0.105) / (1 - outputs(under_root=1 + 4 * 0.105))),
         "quadratic formula: 1 + 4g under the root"),
        (lambda: np.log(outputs(halve=False) / (1 - outputs(halve=False))), "quadratic formula: the /2 missing"),
        (lambda: np.log(outputs(under_root=1 - 0.105) / (1 - outputs(under_root=1 - 0.105))),
         "quadratic formula: 1 − g under the root"),
        (coarse_grid_scores, "close"),
        (lambda: np.array([-2.1, 1.9]), "not a mirror pair"),
        (lambda: np.array([-1.5, 1.5]), "σ′ is not 0.105 there"),
        (lambda: list(quadratic_scores()), "list instead of array"),
        (lambda: tuple(quadratic_scores()), "list instead of array"),
        (lambda: np.array([-1.99992, 1.99992]), "typed in"),
        (lambda: np.round(quadratic_scores(), 4), "rounded"),
        (lambda: print(quadratic_scores()), "printing instead of returning"),
        (peek("2.4"), "forbidden call")],
    "2.5": [
        (lambda: 0.7993, "the straight line's edge"),
        (lambda: grid_edge(cubic=0), "the straight line's edge"),
        (lambda: 4.8 ** 0.2, "the estimate, not the measurement"),
        (lambda: 0.48 ** (1 / 3), "the line's estimate"),
        (lambda: grid_edge(cubic=-1 / 48), "sign of the cubic term"),
        (lambda: -float(grid_edge()), "the left edge"),
        (lambda: grid_edge(start=-3.0, points=600_001), "a z below 0"),
        (cubic_minus_sigma_edge, "z = 0: the search never moved"),
        (lambda: grid_edge(cubic=1 / 24), "another z³ coefficient"),
        (lambda: grid_edge(cubic=1 / 6), "another z³ coefficient"),
        (lambda: float(grid_edge(band=0.1)), "another band than 0.01"),
        (lambda: grid_edge(band=0.001), "another band than 0.01"),
        (lambda: 0.01, "the gap, not the z"),
        (lambda: int(np.argmax(np.abs(textbook(np.linspace(0, 3, 30_001)) - (0.5 + np.linspace(0, 3, 30_001) / 4
                                      - np.linspace(0, 3, 30_001) ** 3 / 48)) > 0.01)), "an index, not a z"),
        (lambda: grid_edge(points=301), "close"),
        (lambda: 2.5, "not where the gap reaches 0.01"),
        (lambda: round(grid_edge(), 2) + 0.01, "close"),
        (lambda: 1.4203, "typed in"),
        (lambda: str(grid_edge()), "wrong type"),
        (lambda: np.linspace(0, 3, 301)[np.abs(textbook(np.linspace(0, 3, 301)) - 0.5) > 0.3], "wrong shape"),
        (peek("2.5"), "forbidden call")],
    "2.6": [
        # the derivation
        (lambda z: slope_from_sigma(z) * (1 - 2 * textbook(z)), "σ″, not σ‴"),
        (slope_from_sigma, "σ′, not σ‴"),
        (lambda z: slope_from_sigma(z) * (1 - 2 * textbook(z)) ** 2, "one term of the product rule"),
        (with_s(lambda s, d: -2 * d * d), "the other term of the product rule"),
        (lambda z: slope_from_sigma(z) * ((1 - 2 * textbook(z)) ** 2 + 2 * slope_from_sigma(z)), "sign slip"),
        (with_s(lambda s, d: d * (1 - 2 * s) ** 2 - 2 * s * d), "−2σ instead of −2σ′"),
        (with_s(lambda s, d: d * (1 - 2 * s) ** 2 - 2 * d), "−2σ′ instead of −2σ′²"),
        (with_s(lambda s, d: d * (1 - 2 * s) ** 2 - d * d), "−σ′² instead of −2σ′²"),
        (with_s(lambda s, d: d * (1 - 2 * s) - 2 * d * d), "(1 − 2σ) not squared"),
        (with_s(lambda s, d: d * (1 - 6 * s - 6 * s * s)), "sign inside 1 − 6σ + 6σ²"),
        (lambda z: -third_expanded(z), "sign error"),
        (lambda z: third_expanded(z) / 6, "constant factor"),
        (with_s(lambda s, d: d * (1 - 6 * s + 3 * s * s)), "wrong at z = 0"),
        (with_s(lambda s, d: d * (1 - 2 * s) ** 2 - 4 * d * d * s), "not even"),
        # estimates instead of the formula
        (third_central, "finite difference instead of the formula"),
        (lambda z: third_central(z, 3e-5), "finite difference instead of the formula"),
        (lambda z: (lambda d1, h: (d1(z + h) - 2 * d1(z) + d1(z - h)) / h ** 2)(slope_from_sigma, 1e-3),
         "finite difference instead of the formula"),
        (third_numerical, "forbidden call"),
        (peek("2.6"), "forbidden call"),
        (lambda z: third_expanded(z).astype(np.float32), "float32"),
        (lambda z: list(third_expanded(z)), "list instead of array")],
    "2.7": [
        # digits lost, overflows
        (slope_from_sigma, "textbook σ, then σ(1 − σ)"),
        (lambda z: sigmoid(z) * (1 - sigmoid(z)), "σ(1 − σ) rounds to 0"),
        (lambda z: sigmoid(np.abs(z)) * (1 - sigmoid(np.abs(z))), "σ(1 − σ) rounds to 0"),
        (slope_quotient_rule, "the square overflows"),
        (lambda z: np.exp(z) / (1 + np.exp(z)) ** 2, "the square overflows"),
        (lambda z: 0.25 / np.cosh(z / 2) ** 2, "cosh form overflows"),
        (lambda z: 1 / (np.exp(z / 2) + np.exp(-z / 2)) ** 2, "overflow"),
        (lambda z: np.where(z >= 0, slope_quotient_rule(z), np.exp(z) / (1 + np.exp(z)) ** 2), "overflow"),
        (clipped_slope, "clipped scores"),
        (lambda z: 0.25 / np.cosh(np.clip(z, -700, 700) / 2) ** 2, "clipped scores"),
        # other formulas
        (lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))), "the square missing"),
        (lambda z: np.exp(-np.abs(z)), "only the leading term e^(−|z|)"),
        (lambda z: stable_slope(z) + 1e-300, "tail digits lost"),
        (lambda z: (sigmoid(z + 1e-5) - sigmoid(z - 1e-5)) / 2e-5, "finite difference instead of the formula"),
        (lambda z: -stable_slope(z), "sign lost"),
        (lambda z: 2 * stable_slope(z) * (1 + 0.0 * z), "constant factor"),
        # shortcuts, manners, kinds of value
        (lambda z: sigmoid_derivative(z), "forbidden call"),
        (lambda z: numerical_derivative(sigmoid, z), "forbidden call"),
        (peek("2.7"), "forbidden call"),
        (silenced_quotient_rule, "silenced warnings"),
        (filtered_quotient_rule, "silenced warnings"),
        (abs_in_place, "changes its input"),
        (lambda z: stable_slope(z).astype(np.float32), "float32"),
        (lambda z: list(stable_slope(z)), "list instead of array")],
}
