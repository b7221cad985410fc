"""Chapter 07's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch07.py.
For 7.1 and 7.6 the "answer" is the truth table the built neuron or network must reproduce.
"""

import numpy as np

from helpers.checks.ch07 import NAND_TABLE, XOR_TABLE
from helpers.numerics import sigmoid


def _error_factor(c):
    return 1 - np.asarray(c, dtype=float) / 4


def _soft_switch(x, u, W1, W2):
    g = sigmoid(u @ x)
    return g * (W1 @ x) + (1 - g) * (W2 @ x)


def _bump(x, a, b, k):
    return sigmoid(k * (x - a)) - sigmoid(k * (x - b))


def _cell_after(c0, b, u, n, keep=None):
    f = sigmoid(b) if keep is None else keep
    c = c0
    for _ in range(n):
        c = f * c + u
    return float(c)


def _geometric_one_term_too_many(c0, b, u, n):
    f = float(sigmoid(b))
    return f ** n * c0 + u * (1 - f ** (n + 1)) / (1 - f)


def _root(h, high):
    """The root of h on (0, high] by bisection, where h > 0 just above 0 and h(high) < 0."""
    low = 1e-12
    for _ in range(200):
        middle = (low + high) / 2
        if h(middle) > 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _cycle_amplitude(c):
    """e > 0 with c(σ(e) − ½) = 2e: the cycle e → −e of e ← e − c(σ(e) − ½), for c > 8."""
    return _root(lambda e: c * (sigmoid(e) - 0.5) - 2 * e, float(c))



REFERENCES = {
    "7.1": lambda: NAND_TABLE.copy(),
    "7.2": _error_factor,
    "7.3": _soft_switch,
    "7.4": _bump,
    "7.5": _cell_after,
    "7.6": lambda: XOR_TABLE.copy(),
    "7.7": _cycle_amplitude,
}

WRONG = {
    "7.1": {
    },
    "7.2": {
        "forgot the slope ¼": lambda c: 1 - np.asarray(c, dtype=float),
        "σ(0) instead of σ′(0)": lambda c: 1 - np.asarray(c, dtype=float) / 2,
        "sign error": lambda c: 1 + np.asarray(c, dtype=float) / 4,
        "the gain, not the factor": lambda c: np.asarray(c, dtype=float) / 4,
        "times 4 instead of divided by 4": lambda c: 1 - 4 * np.asarray(c, dtype=float),
        "¼ on the whole": lambda c: (1 - np.asarray(c, dtype=float)) / 4,
        "σ′ at c, not at 0": lambda c: 1 - c * sigmoid(c) * (1 - sigmoid(c)),
    },
    "7.3": {
        "g and 1 − g swapped": lambda x, u, W1, W2: _soft_switch(x, u, W2, W1),
        "gate not squashed": lambda x, u, W1, W2: (u @ x) * (W1 @ x) + (1 - u @ x) * (W2 @ x),
        "tanh instead of σ": lambda x, u, W1, W2:
                    np.tanh(u @ x) * (W1 @ x) + (1 - np.tanh(u @ x)) * (W2 @ x),
        "forgot 1 − g": lambda x, u, W1, W2: sigmoid(u @ x) * (W1 @ x) + W2 @ x,
        "forgot the second map": lambda x, u, W1, W2: sigmoid(u @ x) * (W1 @ x),
        "gate fixed at ½": lambda x, u, W1, W2: 0.5 * (W1 @ x) + 0.5 * (W2 @ x),
        "minus instead of plus": lambda x, u, W1, W2:
                    sigmoid(u @ x) * (W1 @ x) - (1 - sigmoid(u @ x)) * (W2 @ x),
    },
    "7.4": {
        "forgot the steepness k": lambda x, a, b, k: _bump(x, a, b, 1.0),
        "wrong sign": lambda x, a, b, k: _bump(x, b, a, k),
        "sum instead of difference": lambda x, a, b, k: sigmoid(k * (x - a)) + sigmoid(k * (x - b)),
        "k outside the bracket": lambda x, a, b, k: sigmoid(k * x - a) - sigmoid(k * x - b),
        "divided by k": lambda x, a, b, k: _bump(x, a, b, 1.0 / k),
        "a single step": lambda x, a, b, k: sigmoid(k * (x - a)),
        "a product, not a difference": lambda x, a, b, k: sigmoid(k * (x - a)) * sigmoid(-k * (x - b)),
    },
    "7.5": {
        "gate without σ": lambda c0, b, u, n: _cell_after(c0, b, u, n, keep=b),
        "kept 1 − σ(b)": lambda c0, b, u, n: _cell_after(c0, b, u, n, keep=1 - sigmoid(b)),
        "input gated too": lambda c0, b, u, n: _cell_after(c0, b, u * sigmoid(b), n),
        "forgot the input": lambda c0, b, u, n: _cell_after(c0, b, 0.0, n),
        "one step short": lambda c0, b, u, n: _cell_after(c0, b, u, n - 1),
        "one step too many": lambda c0, b, u, n: _cell_after(c0, b, u, n + 1),
        "did not carry c forward": lambda c0, b, u, n: _cell_after(c0, b, u, min(n, 1)),
        "one term too many in the sum": _geometric_one_term_too_many,
        "the steady state": lambda c0, b, u, n: u / (1 - float(sigmoid(b))),
        "the input not decayed": lambda c0, b, u, n: float(sigmoid(b)) ** n * c0 + n * u,
    },
    "7.6": {
    },
    "7.7": {
        "forgot the factor 2": lambda c: _root(lambda e: c * (sigmoid(e) - 0.5) - e, float(c)),
        "peak to peak": lambda c: 2 * _cycle_amplitude(c),
        "forgot the −½": lambda c: _root(lambda e: c * sigmoid(e) - 2 * e, float(c)),
    },
}
