"""Chapter 05's answers (teacher only): the right answer of each exercise and the code of its known mistakes.

The exercises themselves (cases, hints, mistake names and explanations) are in helpers/checks/ch05.py.
"""

import numpy as np

from helpers.numerics import sigmoid, sigmoid_derivative


def layers_below(threshold, slope=0.25):
    """The smallest number of layers L with slope**L < threshold, counted one layer at a time."""
    layers, bound = 0, 1.0
    while bound >= threshold:
        layers, bound = layers + 1, bound * slope
    return layers


def _bipolar(z):
    return np.tanh(np.asarray(z, dtype=float) / 2)


def _gain(z):
    return sigmoid_derivative(0.0) / sigmoid_derivative(z)


def chain_reference(z, w):
    """∂a_L/∂a_0 = Π w_l σ′(z_l): every unit multiplies the signal by its weight and its slope."""
    return float(np.prod(np.asarray(w, dtype=float) * sigmoid_derivative(z)))


def _backprop(X, y, W1, w2, output_slope=False, hidden_slope="σ′", mean=True, sign=1.0, output=sigmoid,
              through_w2=True):
    """The hand-written gradient (the reference), with switches for the typical mistakes."""
    X, y, W1, w2 = (np.asarray(a, dtype=float) for a in (X, y, W1, w2))
    a = sigmoid(X @ W1)
    p = output(a @ w2)
    delta = sign * (p - y)
    if output_slope:
        delta = delta * output_slope * p * (1 - p)
    if mean:
        delta = delta / len(X)
    back = np.outer(delta, w2 if through_w2 else np.ones_like(w2))
    slopes = {"σ′": a * (1 - a), "none": 1.0, "σ": a, "tanh′": 1 - a ** 2, "σ′(a)": sigmoid_derivative(a),
              "σ′²": (a * (1 - a)) ** 2}
    return X.T @ (back * slopes[hidden_slope])


def first_layer_gradient(X, y, W1, w2):
    """∂L/∂W1 by backpropagation: exact, so that a finite difference (good to ~1e-8) is told apart."""
    return _backprop(X, y, W1, w2)



REFERENCES = {
    "5.1": lambda L: 0.25 ** L,
    "5.2": lambda: layers_below(1e-9),
    "5.3": _bipolar,
    "5.4": _gain,
    "5.5": chain_reference,
    "5.6": first_layer_gradient,
}

WRONG = {
    "5.1": {
        "½ᴸ instead of ¼ᴸ": lambda L: 0.5 ** L,
        "¼·L instead of ¼ᴸ": lambda L: 0.25 * L,
        "one layer too few": lambda L: 0.25 ** (L - 1),
        "one layer too many": lambda L: 0.25 ** (L + 1),
        "4ᴸ instead of ¼ᴸ": lambda L: 4.0 ** L,
        "¼/L instead of ¼ᴸ": lambda L: 0.25 / L,
        "the logarithm of the bound": lambda L: L * np.log(0.25),
        "¾ᴸ instead of ¼ᴸ": lambda L: 0.75 ** L,
        "1 − ¼ᴸ instead of ¼ᴸ": lambda L: 1 - 0.25 ** L,
        "(1/16)ᴸ instead of ¼ᴸ": lambda L: 0.25 ** (2 * L),
    },
    "5.2": {
        "½ᴸ instead of ¼ᴸ": lambda: layers_below(1e-9, slope=0.5),
        "not rounded up": lambda: np.log(1e9) / np.log(4),
        "one layer too few": lambda: layers_below(1e-9) - 1,
        "one layer too many": lambda: layers_below(1e-9) + 1,
    },
    "5.3": {
        "tanh(z)": lambda z: np.tanh(np.asarray(z, dtype=float)),
        "tanh(2z)": lambda z: np.tanh(2 * np.asarray(z, dtype=float)),
        "σ instead of 2σ − 1": lambda z: sigmoid(z),
        "tanh(z)/2 instead of tanh(z/2)": lambda z: np.tanh(np.asarray(z, dtype=float)) / 2,
        "2·tanh(z/2) − 1": lambda z: 2 * np.tanh(np.asarray(z, dtype=float) / 2) - 1,
        "2·tanh(z) − 1": lambda z: 2 * np.tanh(np.asarray(z, dtype=float)) - 1,
        "z // 2": lambda z: np.tanh(np.asarray(z, dtype=float) // 2),
        "(1 + tanh(z))/2": lambda z: (1 + np.tanh(np.asarray(z, dtype=float))) / 2,
    },
    "5.4": {
        "inverted ratio": lambda z: sigmoid_derivative(z) / sigmoid_derivative(0.0),
        "σ instead of σ′": lambda z: sigmoid(0.0) / sigmoid(z),
        "difference instead of ratio": lambda z: sigmoid_derivative(0.0) - sigmoid_derivative(z),
        "1/σ′(z) without σ′(0)": lambda z: 1 / sigmoid_derivative(z),
        "σ′(z) alone": lambda z: sigmoid_derivative(z),
        "operator precedence": lambda z: 0.25 / sigmoid(z) * (1 - sigmoid(z)),
        "σ(1 + σ) instead of σ(1 − σ)": lambda z: 0.25 / (sigmoid(z) * (1 + sigmoid(z))),
        "cosh(z/2) without the square": lambda z: np.cosh(np.asarray(z, dtype=float) / 2),
        "the logarithm of the gain": lambda z: np.log(sigmoid_derivative(0.0) / sigmoid_derivative(z)),
        "σ′ squared": lambda z: sigmoid_derivative(0.0) / sigmoid_derivative(z) ** 2,
    },
    "5.5": {
        "one unit left out": lambda z, w: [chain_reference(z[part], np.asarray(w)[part])
                                           for part in (slice(1, None), slice(None, -1))],
        "sum instead of product": lambda z, w: float(np.sum(np.asarray(w, dtype=float) * sigmoid_derivative(z))),
        "σ instead of σ′": lambda z, w: float(np.prod(np.asarray(w, dtype=float) * sigmoid(z))),
        "forgot the weights": lambda z, w: float(np.prod(sigmoid_derivative(z))),
        "forgot the slopes": lambda z, w: float(np.prod(np.asarray(w, dtype=float))),
        "the bound ¼ instead of σ′(z)": lambda z, w: float(0.25 ** len(z) * np.prod(np.asarray(w, dtype=float))),
        "sign lost": lambda z, w: abs(chain_reference(z, w)),
        "only the last unit": lambda z, w: float(np.asarray(w, dtype=float)[-1] * sigmoid_derivative(z[-1])),
        "w + σ′ instead of w·σ′": lambda z, w: float(np.prod(np.asarray(w, dtype=float) + sigmoid_derivative(z))),
        "σ(1 + σ) instead of σ(1 − σ)": lambda z, w: float(np.prod(np.asarray(w, dtype=float) * sigmoid(z) * (1 + sigmoid(z)))),
    },
    "5.6": {
        "forgot the hidden layer's σ′": lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope="none"),
        "kept σ′ at the output": lambda X, y, W1, w2: _backprop(X, y, W1, w2, output_slope=1.0),
        "sum instead of mean": lambda X, y, W1, w2: _backprop(X, y, W1, w2, mean=False),
        "sign error": lambda X, y, W1, w2: _backprop(X, y, W1, w2, sign=-1.0),
        "squared error instead of cross-entropy": lambda X, y, W1, w2: _backprop(X, y, W1, w2, output_slope=2.0),
        "σ instead of σ′ in the hidden layer": lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope="σ"),
        "tanh's slope": lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope="tanh′"),
        "σ′ of the outputs A": lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope="σ′(a)"),
        "forgot w2": lambda X, y, W1, w2: _backprop(X, y, W1, w2, through_w2=False),
        "forgot the output σ": lambda X, y, W1, w2: _backprop(X, y, W1, w2, output=lambda t: t),
        "divided by the number of inputs": lambda X, y, W1, w2: _backprop(X, y, W1, w2, mean=False)
                    / np.shape(X)[1],
        "σ′ squared": lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope="σ′²"),
    },
}
