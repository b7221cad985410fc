"""Chapter 01 · The sigmoid — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
"""

from functools import cache

import numpy as np

from ..numerics import sigmoid
from ..widgets import Question
from .engine import SIGMOID_SHORTCUTS, Exercise, Mistake, standard_inputs

KEY_Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])   # the six scores used through the course

SIGN_ERROR = Mistake(
    "sign error",
    lambda z: sigmoid(-np.asarray(z, dtype=float)),
    "a sign error: you computed 1/(1 + eᶻ) = σ(−z). The sigmoid has e to the power −z, so "
    "that large scores give probabilities near 1.")



def textbook_sigmoid(z):
    """1/(1 + e⁻ᶻ) as written in textbooks (overflows for z < −709)."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def where_both_forms(z):
    """The popular np.where "fix" that still overflows: both branches are computed for every z."""
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def worst_hard_gap(slope):
    """The largest |σ(z) − clip(½ + slope·z, 0, 1)|; by symmetry z ≥ 0 suffices (beyond 12 the gap is < 1e-5)."""
    z = np.linspace(0.0, 12.0, 24_001)
    return float(np.max(np.abs(sigmoid(z) - np.clip(0.5 + slope * z, 0.0, 1.0))))


@cache
def best_hard_slope(low=0.1, high=0.3, steps=40):
    """The slope with the smallest worst gap (≈ 0.1771, gap ≈ 0.0560), by ternary search:
    the worst gap falls, then rises with the slope, so each step can drop a third of the interval."""
    for _ in range(steps):
        a, b = low + (high - low) / 3, high - (high - low) / 3
        if worst_hard_gap(a) < worst_hard_gap(b):
            high = b
        else:
            low = a
    return (low + high) / 2


EXERCISES = (
    Exercise(
        id="1.1", title="the textbook sigmoid", stars=1,
        reference=sigmoid,
        cases=lambda: [(standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),)],
        elementwise=True, forbidden=SIGMOID_SHORTCUTS,
        success="600 inputs between −20 and 20",
        mistakes=(
            SIGN_ERROR,
            Mistake("operator precedence", lambda z: 1 / 1 + np.exp(-np.asarray(z, dtype=float)),
                    "operator precedence: 1/1 + np.exp(-z) divides 1 by 1 first. Put the whole "
                    "denominator in parentheses: 1 / (1 + np.exp(-z))."),
        ),
        hints=(
            "Translate σ(z) = 1 / (1 + e⁻ᶻ) symbol by symbol. NumPy's exponential is np.exp, and it "
            "works on a whole array at once.",
            "Mind the parentheses: the denominator is the whole of (1 + e⁻ᶻ).",
            "The body is a single line: return 1 / (1 + np.exp(...)) — what goes inside np.exp?",
        ),
    ),
    Exercise(
        id="1.2", title="six applicants' probabilities", stars=1,
        reference=lambda: sigmoid(KEY_Z),
        cases=lambda: [()], names=(), atol=5e-5, computed=True,
        success="six probabilities, as an array",
        mistakes=(
            Mistake("sign error", lambda: sigmoid(-KEY_Z),
                    "a sign error: these are σ(−z). A higher score should mean a higher "
                    "probability of default."),
            Mistake("percentages", lambda: 100 * sigmoid(KEY_Z),
                    "these are percentages; give probabilities between 0 and 1."),
        ),
        hints=(
            "Put the six scores in one NumPy array and give the whole array to a sigmoid "
            "function (yours from 1.1, or helpers.sigmoid).",
            "np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0]) is the array of scores; a sigmoid applied "
            "to it returns the six probabilities in the same order.",
        ),
    ),
    Exercise(
        id="1.3", title="steepness for 99 % at z = 1", stars=2,
        reference=lambda: np.log(99.0),
        cases=lambda: [()], names=(), digits=6, computed=True,
        success="k = ln 99",
        mistakes=(
            Mistake("odds instead of log-odds", lambda: 99.0,
                    "99 is the odds 0.99/0.01. σ(k) = 0.99 means e⁻ᵏ = 0.01/0.99, so k is the "
                    "*logarithm* of the odds."),
            Mistake("log of the probability", lambda: np.log(0.99),
                    "ln 0.99 is the log of the probability; the steepness is the log of the *odds* "
                    "0.99/0.01. Solve 1/(1 + e⁻ᵏ) = 0.99 for k step by step."),
            Mistake("base-10 logarithm", lambda: np.log10(99.0),
                    "np.log10 is the base-10 logarithm; the sigmoid is built on e, so use np.log."),
            Mistake("sign error", lambda: -np.log(99.0),
                    "a sign error: a negative k flips the curve, so σ(k·1) would be 0.01."),
            Mistake("ln 100 instead of ln 99", lambda: np.log(100.0),
                    "you set e⁻ᵏ = 0.01. But σ(k) = 0.99 means 1 + e⁻ᵏ = 1/0.99, so "
                    "e⁻ᵏ = 1/0.99 − 1 = 0.01/0.99, a little more than 0.01."),
        ),
        hints=(
            "Write the equation σ(k·1) = 0.99, that is 1 / (1 + e⁻ᵏ) = 0.99, and solve for k.",
            "Rearrange to e⁻ᵏ = 1/0.99 − 1 = 0.01/0.99, then take the natural log of both sides.",
            "Both sides are now powers of e: the natural logarithm np.log undoes e. Mind the minus sign "
            "in −k, and return k as a number.",
        ),
    ),
    Exercise(
        id="1.4", title="a stable sigmoid", stars=2,
        reference=sigmoid,
        cases=lambda: [(standard_inputs(extremes=[s * v for v in (1e-300, 1e-8, 20, 36, 37, 100, 500,
                                                                   700, 709, 710, 745, 746, 800, 1000,
                                                                   1e5, 1e300) for s in (-1, 1)]),)],
        elementwise=True, atol=1e-320, forbidden=SIGMOID_SHORTCUTS,
        success="1002 inputs, extremes up to ±1e300 included, every tiny probability to full precision, "
                "no warnings",
        mistakes=(
            Mistake("textbook form overflows", textbook_sigmoid,
                    "this is the textbook form: for z < −709, −z is so large that np.exp(−z) overflows "
                    "to inf. Rewrite so that you only ever take exp of a number ≤ 0 (section 5.5)."),
            Mistake("np.where evaluates both branches", where_both_forms,
                    "np.where(z >= 0, A, B) computes A and B for every z before choosing, so the "
                    "exp(−z) in A still overflows for very negative z (and B gives inf/inf = nan for very "
                    "positive z). Make both branches safe: build them from e = np.exp(−|z|)."),
            SIGN_ERROR,
        ),
        hints=(
            "exp(-z) is only dangerous when -z is large and positive, i.e. when z is very negative. "
            "For z < 0, multiply the top and bottom of 1/(1 + e⁻ᶻ) by eᶻ: what do you get?",
            "For z ≥ 0 use 1/(1 + e⁻ᶻ); for z < 0 use eᶻ/(1 + eᶻ). Both only take exp of a number ≤ 0. "
            "Both can be written with e = np.exp(-np.abs(z)).",
            "np.where(z >= 0, A, B) computes both A and B for every z before choosing, so it still "
            "warns. Compute e = np.exp(-np.abs(z)) once: both forms can be written with e alone. Which "
            "one belongs to z ≥ 0?",
        ),
    ),
    Exercise(
        id="1.5", title="the best slope for a hard sigmoid", stars=3,
        reference=best_hard_slope,
        cases=lambda: [()], names=(), digits=3, computed=True,
        success="the slope that halves the worst gap of slope ¼",
        mistakes=(
            Mistake("σ's own slope", lambda: 0.25,
                    "¼ copies σ's slope at 0, which is best near 0 but leaves a gap of about 0.12 at "
                    "the corners z = ±2. Measure the worst gap for many slopes and compare."),
            Mistake("PyTorch's slope", lambda: 1 / 6,
                    "1/6 is the choice of PyTorch, JAX and Keras 3 (corners at ±3): close, but a slightly "
                    "steeper line has a smaller worst gap."),
            Mistake("old Keras slope", lambda: 0.2,
                    "0.2 was the old Keras choice: close, but a slightly gentler line has a smaller worst gap."),
            Mistake("the gap, not the slope", lambda: worst_hard_gap(best_hard_slope()),
                    "that is the smallest worst gap itself; return the slope s that achieves it."),
        ),
        hints=(
            "For a slope s the hard sigmoid is np.clip(0.5 + s * z, 0, 1). Write a function that returns "
            "its worst gap, the largest |σ(z) − hard(z)| over a fine grid of z (say 0 to 12: by symmetry "
            "z ≥ 0 is enough).",
            "Evaluate that worst gap for many slopes between 0.1 and 0.3 (np.arange with a step of "
            "0.0001) and pick the slope with the smallest worst gap (np.argmin).",
            "The answer is between 1/6 and 0.2; three correct decimals are enough. Return the slope, "
            "not the gap.",
        ),
    ),
    Exercise(
        id="1.6", title="how steep is a step?", stars=3,
        reference=lambda: np.log(99.0) / 0.1,
        cases=lambda: [()], names=(), digits=4, computed=True,
        success="k = ln(99)/0.1 ≈ 46",
        mistakes=(
            Mistake("forgot the 0.1", lambda: np.log(99.0),
                    "that k puts σ(kz) within 0.01 of the step only from |z| = 1 on. The "
                    "condition must hold from |z| = 0.1."),
            Mistake("multiplied by 0.1", lambda: np.log(99.0) * 0.1,
                    "σ(k·0.1) = 0.99 means k·0.1 = ln 99, so k = ln 99 / 0.1 — divide, don't multiply."),
            Mistake("ln 100 instead of ln 99", lambda: np.log(100.0) / 0.1,
                    "σ(x) = 0.99 gives e⁻ˣ = 1/0.99 − 1 = 0.01/0.99, not 0.01: x = ln 99, not ln 100."),
        ),
        hints=(
            "σ(kz) is farthest from the step's value where |z| is smallest, so only |z| = 0.1 matters. "
            "By symmetry σ(−kz) = 1 − σ(kz), so z = +0.1 is enough.",
            "Solve σ(k · 0.1) = 0.99 for k, as in exercise 1.3.",
            "1.3 gave σ(x) = 0.99 at x = ln 99; now x = k · 0.1.",
        ),
    ),
)

QUIZ = (
    Question(text="What is $\\sigma(0)$?", options=(), answer=0.5,
             explanation="$\\sigma(0) = 1/(1 + e^0) = 1/2$: no evidence either way, the most uncertain output."),
    Question(text="Which identity holds for every real $z$?",
             options=("σ(−z) = −σ(z)", "σ(−z) = 1 − σ(z)", "σ(−z) = 1/σ(z)", "σ(−z) = σ(z)"),
             answer=1,
             explanation="Multiply top and bottom by $e^{-z}$: $\\sigma(-z) = \\frac{1}{1+e^{z}} = "
                         "\\frac{e^{-z}}{e^{-z}+1} = 1 - \\sigma(z)$. The curve is symmetric about $(0, \\tfrac12)$."),
    Question(text="An applicant's score is $z = 2$. To two decimals, what probability of default "
                  "does the model give?", options=(), answer=float(sigmoid(2.0)), decimals=2,
             explanation="$\\sigma(2) = 1/(1 + e^{-2}) \\approx 0.88$."),
    Question(text="As the steepness $k$ grows, $\\sigma(kz)$ approaches the step function. "
                  "What happens to its slope?",
             options=("It grows everywhere", "It becomes 0 everywhere except at z = 0, where it grows without bound",
                      "It stays ¼ at z = 0", "It becomes 1 everywhere"),
             answer=1,
             explanation="The slope at 0 is $k/4$; everywhere else it tends to 0 — which is why a "
                         "hard step gives gradient descent nothing to follow."),
    Question(text="Why does `1 / (1 + np.exp(-z))` warn for `z = -1000`?",
             options=("1 + e⁻ᶻ rounds to 1", "np.exp(1000) overflows to inf",
                      "division by zero", "z is too small to be a float"),
             answer=1,
             explanation="$e^{1000}$ is far above the largest float (about $1.8\\times10^{308}$), so np.exp "
                         "returns inf and warns. The stable form only takes exp of numbers ≤ 0."),
    Question(text="On paper $\\sigma(z)$ is never exactly 0 or 1. In float64, which of these is `True`?",
             options=("sigmoid(40.0) == 1.0", "sigmoid(-40.0) == 0.0", "both", "neither"),
             answer=0,
             explanation="Near 1, float64 numbers are about $1.1\\times10^{-16}$ apart, and "
                         "$1 - \\sigma(40) \\approx 4.2\\times10^{-18}$ is far smaller, so $\\sigma(40)$ rounds to "
                         "exactly 1.0. Near 0 floats go down to about $5\\times10^{-324}$, so "
                         "$\\sigma(-40) \\approx 4.2\\times10^{-18}$ is stored as it is; only below $z \\approx -745$ "
                         "does $\\sigma(z)$ become 0.0."),
)
