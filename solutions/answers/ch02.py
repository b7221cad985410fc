"""Chapter 02's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch02.py.
"""

from functools import cache

import numpy as np

from helpers.checks.ch02 import SLOPE, STEPS, _cubic_gap, _f, _sigma_second
from helpers.numerics import logit, sigmoid, sigmoid_derivative


def _slope_from_output(a):
    return _f(a) * (1 - _f(a))


def _central(f, z, h):
    return (f(z + h) - f(z - h)) / (2 * h)


def _outputs_for_slope(g):
    """The two outputs s with s(1 − s) = g (0 < g < ¼), smaller first."""
    root = np.sqrt(1 - 4 * g)
    return np.array([(1 - root) / 2, (1 + root) / 2])


def _scores_for_slope():
    return logit(_outputs_for_slope(SLOPE))


def _quadratic_slip(root_of, halve=True):
    """logit of the two roots of a mistyped quadratic formula (NumPy warns where a root is outside (0, 1))."""
    def wrong():
        root = np.sqrt(root_of)
        s = np.array([1 - root, 1 + root]) / (2 if halve else 1)
        return np.log(s / (1 - s))
    return wrong


def _edge(gap, tolerance=0.01, low=0.0, high=3.0, steps=200):
    """The z > 0 where |gap(z)| first exceeds ``tolerance`` (gap grows on (0, high)), by bisection."""
    for _ in range(steps):
        middle = (low + high) / 2
        if abs(gap(middle)) > tolerance:
            high = middle
        else:
            low = middle
    return (low + high) / 2


@cache
def cubic_edge():
    """≈ 1.4203: where ½ + z/4 − z³/48 first leaves σ by more than 0.01."""
    return _edge(_cubic_gap(1 / 48))


@cache
def line_edge():
    """≈ 0.7993: where ½ + z/4 first leaves σ by more than 0.01 (section 6.4)."""
    return _edge(lambda z: float(sigmoid(z)) - (0.5 + z / 4))


@cache
def wrong_sign_cubic_edge():
    return _edge(_cubic_gap(-1 / 48))


@cache
def _other_cubic_edges():
    """The edges of cubics with another z³ coefficient than 1/48 (σ‴(0)/6 = −1/48)."""
    return tuple(_edge(_cubic_gap(c), high=h) for c, h in ((1 / 6, 3.0), (1 / 8, 3.0), (1 / 12, 3.0), (1 / 16, 3.0),
                                                          (1 / 24, 3.0), (1 / 36, 3.0), (1 / 96, 4.0), (1 / 144, 4.0)))


@cache
def _other_band_edges():
    """The cubic's edges for bands other than 0.01."""
    return tuple(_edge(_cubic_gap(1 / 48), tolerance=t, high=h)
                 for t, h in ((0.1, 4.0), (0.05, 4.0), (0.02, 3.0), (0.005, 3.0), (0.001, 3.0), (1e-4, 3.0)))


def _third(z):
    s = sigmoid(z)
    return s * (1 - s) * (1 - 6 * s + 6 * s * s)


def _with_sigma(formula):
    """A wrong σ‴ written in terms of s = σ(z): formula(s, s′)."""
    def wrong(z):
        s = sigmoid(z)
        return formula(s, s * (1 - s))
    return wrong


def _naive_textbook_sigma(z):
    s = 1 / (1 + np.exp(-_f(z)))
    return s * (1 - s)


def _unsafe_square(z):
    e = np.exp(-_f(z))
    return e / (1 + e) ** 2


def _unsafe_square_mirror(z):
    e = np.exp(_f(z))
    return e / (1 + e) ** 2



def _own_steps(f, z, h):
    """For each step of STEPS other than h: the central and the forward difference with that step."""
    z = _f(z)
    return [(_central(f, z, step), (f(z + step) - f(z)) / step) for step in STEPS
            if not np.isclose(step, h, rtol=1e-9)]


REFERENCES = {
    "2.4": _scores_for_slope,
    "2.1": sigmoid_derivative,
    "2.2": _slope_from_output,
    "2.3": _central,
    "2.5": cubic_edge,
    "2.6": _third,
    "2.7": sigmoid_derivative,
}

WRONG = {
    "2.4": {
        "only the positive root": (lambda: float(_scores_for_slope()[1]), lambda: _scores_for_slope()[1:]),
        "only the negative root": (lambda: float(_scores_for_slope()[0]), lambda: _scores_for_slope()[:1]),
        "σ values instead of z values": lambda: _outputs_for_slope(SLOPE),
        "odds instead of log-odds": lambda: (lambda s: s / (1 - s))(_outputs_for_slope(SLOPE)),
        "log of the outputs, not the log-odds": lambda: np.log(_outputs_for_slope(SLOPE)),
        "σ of the outputs, not their logit": lambda: sigmoid(_outputs_for_slope(SLOPE)),
        "base-10 logarithm": lambda: np.log10(_outputs_for_slope(SLOPE) / (1 - _outputs_for_slope(SLOPE))),
        "σ(z) = 0.105 solved instead of σ′(z) = 0.105": (lambda: np.array([logit(SLOPE), -logit(SLOPE)]), lambda: float(logit(SLOPE))),
        "±2 from the rounded table": lambda: np.array([-2.0, 2.0]),
        "not sorted": lambda: _scores_for_slope()[::-1],
        "the same score twice": (lambda: _scores_for_slope()[[0, 0]], lambda: _scores_for_slope()[[1, 1]]),
        "quadratic formula: 1 + 4g under the root": _quadratic_slip(1 + 4 * SLOPE),
        "quadratic formula: the /2 missing": _quadratic_slip(1 - 4 * SLOPE, halve=False),
        "quadratic formula: 1 − g under the root": _quadratic_slip(1 - SLOPE),
    },
    "2.1": {
        "σ(1 + σ)": lambda z: sigmoid(z) * (1 + sigmoid(z)),
        "sign error": lambda z: -sigmoid_derivative(z),
        "σ itself": sigmoid,
        "missing factor σ": lambda z: 1 - sigmoid(z),
        "σ² instead of σ(1 − σ)": lambda z: sigmoid(z) ** 2,
        "(1 − σ)² instead of σ(1 − σ)": lambda z: (1 - sigmoid(z)) ** 2,
        "σ″, not σ′": _sigma_second,
        "the square on e⁻ᶻ only": lambda z: np.exp(-_f(z)) / (1 + np.exp(-_f(z)) ** 2),
    },
    "2.2": {
        "output used as a score": lambda a: sigmoid_derivative(a),
        "σ(1 + σ)": lambda a: _f(a) * (1 + _f(a)),
        "sign error": lambda a: _f(a) * (_f(a) - 1),
        "missing factor": lambda a: 1 - _f(a),
        "the output itself": lambda a: _f(a),
        "a·a instead of a(1 − a)": lambda a: _f(a) ** 2,
        "(1 − a)² instead of a(1 − a)": lambda a: (1 - _f(a)) ** 2,
        "tanh's slope": lambda a: 1 - _f(a) ** 2,
        "σ″, not σ′": lambda a: _f(a) * (1 - _f(a)) * (1 - 2 * _f(a)),
        "0.16 for every output": lambda a: np.full_like(_f(a), 0.16),
    },
    "2.3": {
        "your own step, not h": _own_steps,
        "forward difference": lambda f, z, h: (f(z + h) - f(z)) / h,
        "backward difference": lambda f, z, h: (f(z) - f(z - h)) / h,
        "divided by h, not 2h": lambda f, z, h: (f(z + h) - f(z - h)) / h,
        "/ 2 * h": lambda f, z, h: (f(z + h) - f(z - h)) / 2 * h,
        "sign error": lambda f, z, h: (f(z - h) - f(z + h)) / (2 * h),
        "divided by 2, not 2h": lambda f, z, h: (f(z + h) - f(z - h)) / 2,
        "divided by 2h²": lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h ** 2),
        "parentheses around the numerator": lambda f, z, h: f(z + h) - f(z - h) / (2 * h),
        "plus instead of minus": lambda f, z, h: (f(z + h) + f(z - h)) / (2 * h),
        "steps of 2h": lambda f, z, h: (f(z + 2 * h) - f(z - 2 * h)) / (2 * h),
        "steps of h/2": lambda f, z, h: (f(z + h / 2) - f(z - h / 2)) / (2 * h),
        "one step, divided by 2h": lambda f, z, h: (f(z + h) - f(z)) / (2 * h),
        "second difference": lambda f, z, h: (f(z + h) - 2 * f(z) + f(z - h)) / h ** 2,
        "sigmoid instead of f": lambda f, z, h: _central(sigmoid, _f(z), h),
        "σ′ formula instead of a difference": lambda f, z, h: f(z) * (1 - f(z)),
        "np.gradient over the z values": lambda f, z, h: np.gradient(f(_f(z)), _f(z))
                        if np.size(z) > 1 else _central(f, z, h),
    },
    "2.5": {
        "another z³ coefficient": _other_cubic_edges,
        "another band than 0.01": _other_band_edges,
        "the straight line's edge": line_edge,
        "the estimate, not the measurement": lambda: (480 * 0.01) ** 0.2,
        "the line's estimate": lambda: (48 * 0.01) ** (1 / 3),
        "sign of the cubic term": wrong_sign_cubic_edge,
        "the left edge": lambda: -cubic_edge(),
    },
    "2.6": {
        "σ″, not σ‴": _with_sigma(lambda s, d: d * (1 - 2 * s)),
        "σ′, not σ‴": _with_sigma(lambda s, d: d),
        "one term of the product rule": _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2),
        "the other term of the product rule": _with_sigma(lambda s, d: -2 * d * d),
        "sign slip": _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 + 2 * d * d),
        "−2σ instead of −2σ′": _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 - 2 * s * d),
        "−2σ′ instead of −2σ′²": _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 - 2 * d),
        "−σ′² instead of −2σ′²": _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 - d * d),
        "(1 − 2σ) not squared": _with_sigma(lambda s, d: d * (1 - 2 * s) - 2 * d * d),
        "sign inside 1 − 6σ + 6σ²": _with_sigma(lambda s, d: d * (1 - 6 * s - 6 * s * s)),
        "sign error": lambda z: -_third(z),
    },
    "2.7": {
        "textbook σ, then σ(1 − σ)": _naive_textbook_sigma,
        "the square overflows": (_unsafe_square, _unsafe_square_mirror),
        "cosh form overflows": lambda z: 0.25 / np.cosh(_f(z) / 2) ** 2,
        "the square missing": lambda z: np.exp(-np.abs(_f(z))) / (1 + np.exp(-np.abs(_f(z)))),
        "only the leading term e^(−|z|)": lambda z: np.exp(-np.abs(_f(z))),
    },
}
