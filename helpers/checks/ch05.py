"""Chapter 05 · Vanishing gradients — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
"""

import numpy as np

from ..data import make_loan_data
from ..networks import MLP
from ..numerics import sigmoid, sigmoid_derivative
from ..widgets import Question
from .engine import SIGMOID_SHORTCUTS, SLOPE_SHORTCUTS, Exercise, Mistake


# --- 5.1 and 5.2: the ¼ᴸ bound --------------------------------------------------------------

def layers_below(threshold, slope=0.25):
    """The smallest number of layers L with slope**L < threshold, counted one layer at a time."""
    layers, bound = 0, 1.0
    while bound >= threshold:
        layers, bound = layers + 1, bound * slope
    return layers


# --- 5.3: the bipolar sigmoid -----------------------------------------------------------------

def bipolar_inputs():
    """600 scores from −8 to 8, where the candidates differ visibly (further out all of them are ≈ ±1)."""
    rng = np.random.default_rng(3)
    return np.sort(np.concatenate([np.linspace(-8.0, 8.0, 481), rng.uniform(-8.0, 8.0, 119)]))


# --- 5.4: the gain from normalisation --------------------------------------------------------

def gain_inputs():
    """Scores from −12 to 12 (beyond that σ′ is so small that 1 − σ(z) loses digits in float64)."""
    rng = np.random.default_rng(5)
    return np.sort(np.concatenate([np.linspace(-12.0, 12.0, 481), rng.uniform(-12.0, 12.0, 219)]))


# --- 5.5: a chain of single sigmoid units -----------------------------------------------------

def chain_cases():
    """(pre-activations z, weights w) of chains of 1 to 12 units, seeded; two tidy cases first."""
    rng = np.random.default_rng(55)
    cases = [(np.zeros(4), np.ones(4)),                       # the best case: ¼⁴
             (np.array([0.5, -1.0, 2.0]), np.array([2.0, -1.5, 3.0]))]
    for length in list(range(1, 13)) * 3:
        cases.append((rng.normal(0.0, 2.5, length), rng.normal(0.0, 2.0, length)))
    return cases


def chain_reference(z, w):
    """∂a_L/∂a_0 = Π w_l σ′(z_l): every unit multiplies the signal by its weight and its slope."""
    return float(np.prod(np.asarray(w, dtype=float) * sigmoid_derivative(z)))


# --- 5.6: the first layer's gradient of a two-layer network -----------------------------------

def two_layer_cases():
    """(X, y, W1, w2) for a few small networks: a tiny readable one first, then 16 loan
    applicants, then seeded random ones."""
    loans = make_loan_data()
    rng = np.random.default_rng(56)
    cases = [(np.array([[1.0, -1.0], [0.5, 2.0], [-1.5, 0.0]]), np.array([1.0, 0.0, 1.0]),
              np.array([[0.5, -1.0, 0.0], [1.0, 0.5, -0.5]]), np.array([2.0, -1.0, 1.0])),
             (loans.X_std[:16].copy(), loans.y[:16].astype(float),
              rng.normal(0.0, 1.0, (2, 3)), rng.normal(0.0, 1.0, 3))]
    for n, d, h in [(5, 2, 3), (8, 3, 4), (1, 2, 2), (6, 1, 5), (10, 4, 2)]:
        X = rng.normal(0.0, 1.5, (n, d))
        y = rng.integers(0, 2, n).astype(float)
        cases.append((X, y, rng.normal(0.0, 1.0, (d, h)), rng.normal(0.0, 1.5, h)))
    return cases


def numerical_first_layer_gradient(X, y, W1, w2):
    """∂L/∂W1 by central differences (helpers.networks.MLP.numerical_gradients), biases at 0."""
    X, W1, w2 = (np.asarray(a, dtype=float) for a in (X, W1, w2))
    net = MLP((W1.shape[0], W1.shape[1], 1), activation="sigmoid")
    net.weights = [W1.copy(), w2.reshape(-1, 1).copy()]
    grad_W, _ = net.numerical_gradients(X, y)
    return grad_W[0]


def _backprop(X, y, W1, w2, output_slope=False, hidden_slope=True, mean=True, sign=1.0):
    """The hand-written gradient, with switches for the typical mistakes."""
    X, y, W1, w2 = (np.asarray(a, dtype=float) for a in (X, y, W1, w2))
    a = sigmoid(X @ W1)
    p = sigmoid(a @ w2)
    delta = sign * (p - y)
    if output_slope:
        delta = delta * p * (1 - p)
    if mean:
        delta = delta / len(X)
    back = np.outer(delta, w2)
    if hidden_slope:
        back = back * a * (1 - a)
    return X.T @ back


EXERCISES = (
    Exercise(
        id="5.1", title="the best case after L sigmoid layers", stars=1,
        reference=lambda L: 0.25 ** L,
        cases=lambda: [(L,) for L in range(1, 31)], names=("L",), atol=0.0,
        success="L = 1 to 30, down to ¼³⁰ ≈ 8.7e-19",
        mistakes=(
            Mistake("½ᴸ instead of ¼ᴸ", lambda L: 0.5 ** L,
                    "½ is σ(0), the sigmoid's value at its midpoint (and the top slope of 2σ − 1). "
                    "The top slope of σ itself is σ(0)·(1 − σ(0)) = ½ · ½ = ¼."),
            Mistake("¼·L instead of ¼ᴸ", lambda L: 0.25 * L,
                    "the chain rule multiplies the slopes of the layers, it does not add them: "
                    "L layers give ¼ · ¼ · … · ¼ (L factors)."),
            Mistake("one layer too few", lambda L: 0.25 ** (L - 1),
                    "you have L − 1 factors of ¼; every one of the L layers contributes one."),
            Mistake("one layer too many", lambda L: 0.25 ** (L + 1),
                    "you have L + 1 factors of ¼; L layers contribute one each (the input is not a layer)."),
        ),
        hints=(
            "Each sigmoid layer multiplies the backward signal by a slope σ′(z), and σ′(z) ≤ ¼ "
            "(largest at z = 0).",
            "With L layers the best case is L factors of ¼ multiplied together.",
            "In Python, a number to the power L is written with **.",
        ),
    ),
    Exercise(
        id="5.2", title="how many layers to lose a factor of a billion?", stars=1,
        reference=lambda: layers_below(1e-9),
        cases=lambda: [()], names=(), rtol=1e-9, computed=True,
        success="the smallest L with ¼ᴸ < 10⁻⁹",
        mistakes=(
            Mistake("½ᴸ instead of ¼ᴸ", lambda: layers_below(1e-9, slope=0.5),
                    "that is the depth at which ½ᴸ drops below 1e-9. σ′ is at most ¼, not ½."),
            Mistake("not rounded up", lambda: np.log(1e9) / np.log(4),
                    "L = ln(10⁹)/ln 4 solves ¼ᴸ = 10⁻⁹ exactly, but a number of layers is a whole "
                    "number: take the next whole number above it."),
            Mistake("one layer too few", lambda: layers_below(1e-9) - 1,
                    "at that depth ¼ᴸ is still above 10⁻⁹; count one more layer (int() and // cut the "
                    "fraction off: round up instead)."),
            Mistake("one layer too many", lambda: layers_below(1e-9) + 1,
                    "one layer fewer is already below 10⁻⁹: the smallest such L is asked for (check "
                    "where your loop stops and when it counts)."),
        ),
        hints=(
            "Compute ¼ᴸ for L = 1, 2, 3, … and stop at the first L where it is below 1e-9 "
            "(a while loop, or np.arange and np.argmax on a boolean array).",
            "Or solve ¼ᴸ = 10⁻⁹ with logarithms: L = ln(10⁹) / ln(4). That is not a whole number.",
            "The answer is a whole number between 10 and 20; return it as a number.",
        ),
    ),
    Exercise(
        id="5.3", title="the bipolar sigmoid through tanh", stars=2,
        reference=lambda z: np.tanh(np.asarray(z, dtype=float) / 2),
        cases=lambda: [(bipolar_inputs(),)],
        elementwise=True, required=("numpy.tanh|math.tanh",), forbidden=SIGMOID_SHORTCUTS + ("numpy.exp", "math.exp"),
        success="600 scores from −8 to 8",
        mistakes=(
            Mistake("tanh(z)", lambda z: np.tanh(np.asarray(z, dtype=float)),
                    "the common claim that 2σ(z) − 1 is tanh(z). It is not: check z = 2, where "
                    "2σ(2) − 1 ≈ 0.76 but tanh(2) ≈ 0.96. Multiply the top and bottom of "
                    "(1 − e⁻ᶻ)/(1 + e⁻ᶻ) by e^(z/2) and compare with the definition of tanh."),
            Mistake("tanh(2z)", lambda z: np.tanh(2 * np.asarray(z, dtype=float)),
                    "the scaling is the wrong way round: tanh(z) = 2σ(2z) − 1, so 2σ(z) − 1 is tanh "
                    "of half of z, not of twice z."),
            Mistake("σ instead of 2σ − 1", lambda z: sigmoid(z),
                    "that is σ(z) = (1 + tanh(z/2))/2, with range (0, 1). The bipolar sigmoid "
                    "stretches it to (−1, 1): 2σ(z) − 1."),
        ),
        hints=(
            "Write 2σ(z) − 1 as one fraction: 2/(1 + e⁻ᶻ) − 1 = (1 − e⁻ᶻ)/(1 + e⁻ᶻ).",
            "Multiply the top and the bottom by e^(z/2). Compare with tanh(u) = (eᵘ − e⁻ᵘ)/(eᵘ + e⁻ᵘ): "
            "what is u?",
            "The answer is np.tanh of something simple; test it against 2 * sigmoid(z) - 1 on a few "
            "values before you check.",
        ),
    ),
    Exercise(
        id="5.4", title="the gradient gain from normalisation", stars=2,
        reference=lambda z: sigmoid_derivative(0.0) / sigmoid_derivative(z),
        cases=lambda: [(gain_inputs(),)], elementwise=True, rtol=1e-8,
        success="700 scores from −12 to 12",
        mistakes=(
            Mistake("inverted ratio", lambda z: sigmoid_derivative(z) / sigmoid_derivative(0.0),
                    "you divided the other way round: σ′(z)/σ′(0) is at most 1. The gain is how many "
                    "times larger the slope is at 0 than at z: σ′(0)/σ′(z)."),
            Mistake("σ instead of σ′", lambda z: sigmoid(0.0) / sigmoid(z),
                    "that is a ratio of values of σ, not of its slopes. The gradient passing through "
                    "a unit is multiplied by σ′(z) = σ(z)(1 − σ(z))."),
            Mistake("difference instead of ratio", lambda z: sigmoid_derivative(0.0) - sigmoid_derivative(z),
                    "a gain is a factor: how many times larger, σ′(0)/σ′(z), not how much larger."),
        ),
        hints=(
            "The gradient through a sigmoid unit is multiplied by its slope σ′(z). Moving z to 0 "
            "replaces σ′(z) by σ′(0) = ¼.",
            "The gain is the ratio σ′(0)/σ′(z), element by element. σ′(z) = σ(z)(1 − σ(z)).",
            "Compute σ′(z) with helpers' sigmoid_derivative (or with your own σ(z)(1 − σ(z))), then "
            "divide ¼ by it. For z = 4 you should get about 14.2.",
        ),
    ),
    Exercise(
        id="5.5", title="backpropagation through a chain of sigmoid units", stars=2,
        reference=chain_reference,
        cases=chain_cases, names=("z", "w"), rtol=1e-9, atol=0.0,
        success="38 chains of 1 to 12 units",
        mistakes=(
            Mistake("sum instead of product",
                    lambda z, w: float(np.sum(np.asarray(w, dtype=float) * sigmoid_derivative(z))),
                    "the chain rule multiplies the factors of the units one after the other: "
                    "use np.prod, not np.sum."),
            Mistake("σ instead of σ′",
                    lambda z, w: float(np.prod(np.asarray(w, dtype=float) * sigmoid(z))),
                    "each unit contributes its slope σ′(z) = σ(z)(1 − σ(z)), not its output σ(z)."),
            Mistake("forgot the weights", lambda z, w: float(np.prod(sigmoid_derivative(z))),
                    "zₗ = wₗ·aₗ₋₁ + bₗ, so ∂zₗ/∂aₗ₋₁ = wₗ: every unit multiplies by its weight as well "
                    "as by its slope."),
        ),
        hints=(
            "Unit l computes zₗ = wₗ·aₗ₋₁ + bₗ and aₗ = σ(zₗ). By the chain rule, "
            "∂aₗ/∂aₗ₋₁ = σ′(zₗ)·wₗ.",
            "∂a_L/∂a₀ is the product of the L factors σ′(zₗ)·wₗ. NumPy works on the whole arrays "
            "at once: w * sigmoid_derivative(z) gives all the factors.",
            "Multiply the factors together with np.prod, and return a single number.",
        ),
    ),
    Exercise(
        id="5.6", title="the first layer's gradient, by hand", stars=3,
        reference=numerical_first_layer_gradient,
        cases=two_layer_cases, names=("X", "y", "W1", "w2"), rtol=1e-6, atol=1e-9,
        forbidden=("helpers.networks.MLP.*",) + SLOPE_SHORTCUTS,
        success="seven networks, matching finite differences",
        mistakes=(
            Mistake("forgot the hidden layer's σ′", lambda X, y, W1, w2: _backprop(X, y, W1, w2, hidden_slope=False),
                    "on its way back to W1 the signal passes through the hidden sigmoid units, which "
                    "multiply it by their slopes a(1 − a) (element by element)."),
            Mistake("kept σ′ at the output", lambda X, y, W1, w2: _backprop(X, y, W1, w2, output_slope=True),
                    "with the cross-entropy loss the output's σ′ cancels (chapter 04): ∂L/∂z = (p − y)/n, "
                    "with no factor p(1 − p)."),
            Mistake("sum instead of mean", lambda X, y, W1, w2: _backprop(X, y, W1, w2, mean=False),
                    "the loss is the *mean* over the n applicants, so every gradient carries a factor 1/n."),
            Mistake("sign error", lambda X, y, W1, w2: _backprop(X, y, W1, w2, sign=-1.0),
                    "a sign error: ∂L/∂z = p − y (the prediction minus the label), not y − p."),
        ),
        hints=(
            "Forward pass: A = σ(X·W1) (n × h), p = σ(A·w2) (n values), L = mean BCE. "
            "Backward, start at the output: ∂L/∂z = (p − y)/n for each applicant (chapter 04).",
            "To the hidden layer: ∂L/∂A = outer(∂L/∂z, w2) (n × h); through the hidden σ: "
            "∂L/∂Z = ∂L/∂A · A·(1 − A), element by element.",
            "Finally ∂L/∂W1 = Xᵀ·∂L/∂Z (shape d × h, like W1). Compare a few entries with a "
            "finite difference before you check.",
        ),
    ),
)

QUIZ = (
    Question(text="Each sigmoid layer multiplies the backward signal by at most ¼. At best, what fraction of "
                  "the signal is left after **5** sigmoid layers (ignoring the weights)? (A fraction such as 1/8 is "
                  "fine, or three significant digits.)",
             options=(), answer=0.25 ** 5, digits=3,
             explanation="$(1/4)^5 = 1/1024 \\approx 0.00098$: about a thousandth, in the best case."),
    Question(text="A network of three sigmoid layers (8 units wide) has **every weight set to 2.0**. "
                  "What happens to its gradients?",
             options=("They explode: weights above 1 amplify the signal at every layer",
                      "They vanish for the typical input: each unit sums many positive inputs times 2, so z "
                      "is large and σ′(z) tiny; and every unit of a layer stays identical",
                      "Nothing special happens: only σ′ ≤ ¼ matters, and it is the same as usual",
                      "They are exactly zero from the start"),
             answer=1,
             explanation="Sigmoid outputs are positive, so with all weights 2 a unit's score is about "
                         "$16\\times$ an average output: deep in saturation, where σ′ is tiny. The weights "
                         "multiply the signal by 16 on the way back, but σ′(8) ≈ 0.0003 wins. And identical "
                         "weights get identical gradients, so the units never become different."),
    Question(text="Which of these is **exactly** equal to the bipolar sigmoid $2\\sigma(z) - 1$ for every $z$?",
             options=("tanh(z)", "tanh(z/2)", "tanh(2z)", "2·tanh(z) − 1"),
             answer=1,
             explanation="$2\\sigma(z) - 1 = \\frac{1 - e^{-z}}{1 + e^{-z}}$; multiplying top and bottom by "
                         "$e^{z/2}$ gives $\\frac{e^{z/2} - e^{-z/2}}{e^{z/2} + e^{-z/2}} = \\tanh(z/2)$. "
                         "The other way round: $\\tanh(z) = 2\\sigma(2z) - 1$."),
    Question(text="Normalisation moves a unit's score from $z = 4$ back to $z = 0$. By what factor does its "
                  "slope σ′ grow? (one decimal)",
             options=(), answer=float(sigmoid_derivative(0.0) / sigmoid_derivative(4.0)), decimals=1,
             explanation="$\\sigma'(0)/\\sigma'(4) = 0.25/0.0177 \\approx 14.2$, which is also "
                         "$\\cosh^2(2)$."),
    Question(text="Why does gradient descent zig-zag when a unit's inputs are all sigmoid outputs?",
             options=("Because σ′ ≤ ¼ makes every step too short",
                      "Because for one example every weight's gradient is δ·aⱼ with aⱼ > 0, so all of the "
                      "unit's weights go up together or down together, and a diagonal route needs many turns",
                      "Because sigmoid outputs are noisy",
                      "Because the loss has many local minima"),
             answer=1,
             explanation="All the partial derivatives share the sign of δ, so each step points into the "
                         "'all up' or 'all down' quadrant. If the best weights need one to rise and another "
                         "to fall, the path has to alternate between the two, like a boat tacking into the wind."),
    Question(text="What is the largest slope of $\\tanh$, reached at $z = 0$?",
             options=(), answer=1.0, tolerance=0.01,
             explanation="$\\tanh'(z) = 1 - \\tanh^2(z)$, which is 1 at $z = 0$: four times σ′(0) = ¼, and "
                         "twice the ½ of the bipolar sigmoid $2\\sigma(z) - 1$."),
)
