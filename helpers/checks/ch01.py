"""Chapter 01 · The sigmoid — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch01.py), and the check uses
what they give on these inputs, recorded in recorded/ch01.npz (see recordings.py).
What each exercise's text promises, its check enforces: 1.1 and 1.4 forbid ready-made
sigmoids, 1.4 asks for full relative precision in the tails and no warning (hidden ones
included), 1.2, 1.3, 1.5 and 1.6 ask for computed values to a stated precision, and 1.3
and 1.6 forbid the ready-made inverse of σ (the logit of chapter 03).
"""

import numpy as np

from ..numerics import sigmoid
from ..widgets import Question
from .engine import LOGIT_SHORTCUTS, SIGMOID_SHORTCUTS, Exercise, Mistake, standard_inputs
from .recordings import RECORDED, with_recordings

KEY_Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])   # the six scores used through the course

# Ready-made ways to get σ(z) without writing it: the course's and SciPy's sigmoids (and
# softmax, of which σ is the two-class case), −log σ in disguise (bce_with_logits), the
# course's logistic-regression helpers, and SciPy's logistic distribution (its cdf is σ).
READY_MADE_SIGMOIDS = SIGMOID_SHORTCUTS + (
    "helpers.bce_with_logits", "helpers.models.*",
    "scipy.stats.logistic.cdf", "scipy.stats.logistic.sf", "scipy.stats.logistic.logcdf")


def _z(z):
    return np.asarray(z, dtype=float)


SIGN_ERROR = Mistake(
    "sign error",
    RECORDED,
    "a sign error: you computed 1/(1 + eᶻ) = σ(−z). The sigmoid has e to the power −z, so "
    "that large scores give probabilities near 1.")


def another_base(z, got):
    """True if got is 1/(1 + c⁻ᶻ) for one base c > 1 other than e (2, 10, or e typed as 2.718)."""
    z, got = _z(z), np.asarray(got, dtype=float)
    if got.shape != z.shape:
        return False
    usable = (np.abs(z) >= 0.5) & (np.abs(z) <= 10) & (got > 0) & (got < 1)
    if usable.sum() < 3:
        return False
    bases = (1 / got[usable] - 1) ** (-1 / z[usable])
    base = float(np.median(bases))
    if not (base > 1 and np.allclose(bases, base, rtol=1e-6)) or abs(base - np.e) < 1e-9 * np.e:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(got, 1 / (1 + base ** -z), rtol=1e-6, atol=1e-12))


def _decisions(got, probabilities):
    """True if got is the 0/1 decisions σ ≥ ½ (or σ > ½) instead of the probabilities."""
    got = np.asarray(got, dtype=float)
    return got.shape == probabilities.shape and \
        any(np.array_equal(got, (probabilities >= 0.5) if at_half else (probabilities > 0.5))
            for at_half in (True, False))


# Where other criteria put the best slope (measured over z in [0, 12]; ranges from ±3 to ±20
# move them by less than 0.0002): the smallest *average* gap at 0.2006, the smallest
# *mean squared* gap at 0.1923. A grid of slopes finds them to within its step.
MEAN_GAP_SLOPE, SQUARED_GAP_SLOPE = 0.20057, 0.19233


def _near(value, centre, width):
    try:
        return abs(float(value) - centre) <= width
    except (TypeError, ValueError):
        return False


def close_but_not_enough(width, precision, search="a finer grid, more bisection steps"):
    """A value near the answer but not to the digits asked: a coarse search, or rounded too early.

    (The engine would call some of these "rounded", which misleads a learner whose search
    simply took steps of 0.01 or whole numbers.)"""
    return Mistake(
        "close", None,
        f"close, but not to the {precision} asked: a search that is too coarse "
        f"({search}), or a number rounded too early (keep every digit; round only when you print).",
        matches=lambda got, expected: _near(got, expected, width), needs_expected=True)


EXERCISES = (
    Exercise(
        id="1.1", title="the textbook sigmoid", stars=1,
        reference=RECORDED,
        cases=lambda: [(standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),)],
        elementwise=True, forbidden=READY_MADE_SIGMOIDS,
        success="600 inputs between −20 and 20",
        mistakes=(
            SIGN_ERROR,
            Mistake("operator precedence", RECORDED,
                    "you returned 1 + e⁻ᶻ, the denominator itself. Often that is operator precedence: "
                    "1/1 + np.exp(-z) divides 1 by 1 first. Put the whole denominator in parentheses: "
                    "1 / (1 + np.exp(-z))."),
            Mistake("forgot the 1 +", RECORDED,
                    "1/e⁻ᶻ is just eᶻ, which grows without bound. The denominator is 1 + e⁻ᶻ: the 1 is "
                    "what keeps the result below 1."),
            Mistake("minus instead of plus", RECORDED,
                    "the denominator is 1 + e⁻ᶻ, with a plus (with a minus it is 0 at z = 0)."),
            Mistake("tanh is not σ", RECORDED,
                    "tanh(z) runs from −1 to 1; σ runs from 0 to 1. They are related by "
                    "σ(z) = ½(1 + tanh(z/2)), but the exercise asks for 1/(1 + e⁻ᶻ)."),
            Mistake("σ(2z) from tanh", RECORDED,
                    "½(1 + tanh(z)) is σ(2z): the identity is σ(z) = ½(1 + tanh(z/2)), with z/2."),
            Mistake("σ(kz) instead of σ(z)", None,
                    "your function is σ(k·z) for some k ≠ 1 — the same as 1/(1 + c⁻ᶻ) with a base c other "
                    "than e. Either the exponent has a factor (−z/2, −2z), or e was replaced by another "
                    "number (2, 10, or e typed in as 2.718…). Use np.exp(-z), which is exactly e⁻ᶻ.",
                    matches=another_base),
            Mistake("2σ − 1 instead of σ", RECORDED,
                    "2σ(z) − 1 runs from −1 to 1 (the bipolar sigmoid of chapter 05); σ itself runs from 0 to 1."),
            Mistake("e⁻ᶻ alone", RECORDED,
                    "that is e⁻ᶻ by itself; σ(z) is 1 / (1 + e⁻ᶻ)."),
            Mistake("the hard sigmoid", None,
                    "that is a hard sigmoid, clip(½ + s·z, 0, 1), the straight-line stand-in of section 6. The "
                    "exercise asks for σ itself, 1/(1 + e⁻ᶻ).",
                    matches=lambda z, got: any(np.allclose(np.asarray(got, dtype=float),
                                                           np.clip(0.5 + s * _z(z), 0, 1), rtol=1e-9, atol=1e-12)
                                               for s in (0.25, 0.2, 1 / 6))),
        ),
        hints=(
            "Translate σ(z) = 1 / (1 + e⁻ᶻ) symbol by symbol. NumPy's exponential is np.exp, and it "
            "works on a whole array at once.",
            "Mind the parentheses: the denominator is the whole of (1 + e⁻ᶻ), and the exponent is −z.",
            "Test your function before checking it: at z = 0 it must give 0.5, at z = 2 about 0.88, and "
            "at z = −2 about 0.12.",
        ),
    ),
    Exercise(
        id="1.2", title="six applicants' probabilities", stars=1,
        reference=RECORDED,
        cases=lambda: [()], names=(), rtol=0.0, atol=1e-4 * (1 + 1e-9), computed=True,
        success="six probabilities, as an array",
        mistakes=(
            Mistake("sign error", RECORDED,
                    "a sign error: these are σ(−z), the probabilities of *repaying*. A higher score "
                    "should mean a higher probability of default."),
            Mistake("percentages", None,
                    "these are percentages; give probabilities between 0 and 1.",
                    matches=lambda got, expected: np.shape(got) == KEY_Z.shape and
                    np.allclose(np.asarray(got, dtype=float), 100 * expected, rtol=0, atol=0.051),
                    needs_expected=True),
            Mistake("the scores, not probabilities", RECORDED,
                    "these are the scores z themselves; the probabilities are σ(z)."),
            Mistake("odds instead of probabilities", RECORDED,
                    "these are eᶻ, the odds of default (1/e⁻ᶻ: the 1 + is missing). The probability "
                    "is σ(z) = 1/(1 + e⁻ᶻ)."),
            Mistake("forgot the reciprocal", RECORDED,
                    "these are the denominators 1 + e⁻ᶻ; σ(z) is 1 divided by them."),
            Mistake("slopes, not probabilities", RECORDED,
                    "these are σ(z)(1 − σ(z)), the slopes of σ (chapter 02); the probabilities are σ(z)."),
            Mistake("σ(kz) instead of σ(z)", None,
                    "these are σ(k·z) for some k ≠ 1: a factor in the exponent (−2z, −z/2), or e replaced by "
                    "another number (2, 10, 2.718…). Use np.exp(-z), exactly e⁻ᶻ.",
                    matches=lambda got: another_base(KEY_Z, got)),
            Mistake("0/1 instead of probabilities", None,
                    "these are 0/1 decisions (default or not); the exercise asks for the probabilities "
                    "σ(z) themselves. Don't round or threshold them.",
                    matches=lambda got, expected: _decisions(got, expected), needs_expected=True),
        ),
        hints=(
            "The probability of default is σ(z). Put the six scores in one NumPy array, in the order "
            "Ada … Finn.",
            "A sigmoid (yours from 1.1, or helpers.sigmoid) works on a whole array at once: apply it to "
            "the array of scores and return what comes back, without rounding it away.",
        ),
    ),
    Exercise(
        id="1.3", title="steepness for 99 % at z = 1", stars=2,
        reference=RECORDED,
        cases=lambda: [()], names=(), digits=6, computed=True, forbidden=LOGIT_SHORTCUTS,
        success="k = ln 99",
        mistakes=(
            Mistake("odds instead of log-odds", RECORDED,
                    "99 is the odds 0.99/0.01. σ(k) = 0.99 means e⁻ᵏ = 0.01/0.99, so k is the "
                    "*logarithm* of the odds."),
            Mistake("forgot the logarithm", RECORDED,
                    "that is e⁻ᵏ, not k: take the natural logarithm to undo the e (and mind the minus)."),
            Mistake("log of the probability", RECORDED,
                    "ln 0.99 is the log of the probability; the steepness is the log of the *odds* "
                    "0.99/0.01. Solve 1/(1 + e⁻ᵏ) = 0.99 for k step by step."),
            Mistake("base-10 logarithm", RECORDED,
                    "np.log10 is the base-10 logarithm; the sigmoid is built on e, so use np.log."),
            Mistake("base-2 logarithm", RECORDED,
                    "np.log2 is the base-2 logarithm; the sigmoid is built on e, so use np.log."),
            Mistake("sign error", RECORDED,
                    "a sign error: a negative k flips the curve, so σ(k·1) would be 0.01."),
            Mistake("ln 100 instead of ln 99", RECORDED,
                    "you set e⁻ᵏ = 0.01. But σ(k) = 0.99 means 1 + e⁻ᵏ = 1/0.99, so "
                    "e⁻ᵏ = 1/0.99 − 1 = 0.01/0.99, a little more than 0.01."),
            Mistake("k upside down", RECORDED,
                    "that is 1/k: from e⁻ᵏ = 0.01/0.99, taking logs gives −k = ln(0.01/0.99) directly."),
            close_but_not_enough(0.005, "six significant digits"),           # ln 100 is 0.01 away
        ),
        hints=(
            "Write the equation σ(k·1) = 0.99, that is 1 / (1 + e⁻ᵏ) = 0.99, and solve it for k.",
            "First isolate 1 + e⁻ᵏ (turn both sides upside down), then e⁻ᵏ alone. You get a number "
            "slightly larger than 0.01.",
            "Once e⁻ᵏ equals a number, the natural logarithm np.log undoes the e: −k = ln(that number). "
            "Mind the minus sign. (The number simplifies to a ratio of two probabilities — which?)",
        ),
    ),
    Exercise(
        id="1.4", title="a stable sigmoid", stars=2,
        reference=RECORDED,
        cases=lambda: [(standard_inputs(extremes=[s * v for v in (1e-300, 1e-8, 20, 36, 37, 100, 500,
                                                                   700, 709, 710, 745, 746, 800, 1000,
                                                                   1e5, 1e300) for s in (-1, 1)]),)],
        elementwise=True, atol=1e-320, forbidden=READY_MADE_SIGMOIDS,
        success="1002 inputs, extremes up to ±1e300 included, every tiny probability to full precision, "
                "no warnings",
        mistakes=(
            Mistake("tiny probabilities set to 0", RECORDED,
                    "right everywhere except below z ≈ −709, where your function returns 0 (a clip, or a "
                    "cut-off for very negative z, avoids the warning but not the loss). σ(−710) ≈ 4.5e−309 is "
                    "still a float64 number and must come back with its digits: use the recipe of 5.5, which "
                    "only takes exp of numbers ≤ 0.",
                    matches=lambda z, got, wrong: np.shape(got) == np.shape(z) and
                    bool(np.all(np.asarray(got, dtype=float) == wrong))),
            Mistake("textbook form overflows", RECORDED,
                    "this is the textbook form: for z < −709, −z is so large that np.exp(−z) overflows "
                    "to inf. Rewrite so that you only ever take exp of a number ≤ 0 (section 5.5)."),
            Mistake("np.where evaluates both branches", RECORDED,
                    "np.where(z >= 0, A, B) computes A and B for every z before choosing, so a branch "
                    "that takes exp of a large positive number overflows even where it is not chosen "
                    "(exp(−z) for very negative z, exp(z) for very positive z). Make both branches safe: "
                    "build them from t = np.exp(−|z|)."),
            Mistake("eᶻ/(1 + eᶻ) overflows too", RECORDED,
                    "eᶻ/(1 + eᶻ) is the safe form for z < 0 only: for z > 709, eᶻ overflows and "
                    "inf/inf gives nan. Use it for z < 0 and 1/(1 + e⁻ᶻ) for z ≥ 0 (section 5.5)."),
            Mistake("σ(|z|) for every z", RECORDED,
                    "your function gives σ(|z|): right for z ≥ 0, but every negative score gets a "
                    "probability above ½. For z < 0 you need the other form of 5.5, t/(1 + t) with t = e^(−|z|)."),
            Mistake("sign error", RECORDED,
                    "you computed σ(−z): a sign error, or the two forms of 5.5 swapped — with "
                    "t = e^(−|z|), 1/(1 + t) belongs to z ≥ 0 and t/(1 + t) to z < 0."),
        ),
        hints=(
            "exp(−z) is only dangerous when −z is large and positive, that is when z is very negative. "
            "Section 5.5 gives a second form of σ for z < 0: which exponential does it take there?",
            "With t = np.exp(-np.abs(z)) nothing can overflow: t lies in (0, 1]. Section 5.5 writes σ "
            "for z ≥ 0 and for z < 0 using t alone.",
            "np.where(condition, A, B) computes both A and B for every z before choosing — harmless once "
            "neither can overflow. Build A and B from t only, and avoid any 1 − (…): subtracting from 1 "
            "throws away the digits of tiny probabilities.",
        ),
    ),
    Exercise(
        id="1.5", title="the best slope for a hard sigmoid", stars=3,
        reference=RECORDED,
        cases=lambda: [()], names=(), digits=3, computed=True,
        success="the slope that halves the worst gap of slope ¼",
        mistakes=(
            Mistake("σ's own slope", RECORDED,
                    "¼ copies σ's slope at 0, which is best near 0 but leaves a gap of about 0.12 at "
                    "the corners z = ±2. Measure the worst gap for many slopes and compare. (If a search "
                    "gave you ¼, check that your hard sigmoid is ½ + s·z, clipped to [0, 1].)"),
            Mistake("PyTorch's slope", RECORDED,
                    "1/6 is the choice of PyTorch, JAX and Keras 3 (corners at ±3): close, but a slightly "
                    "steeper line has a smaller worst gap."),
            Mistake("the smallest average gap", None,
                    "this slope makes the *average* gap smallest (np.mean of the gaps over z). The "
                    "exercise asks for the smallest *worst* gap: take the max over z for each slope.",
                    matches=lambda got: _near(got, MEAN_GAP_SLOPE, 0.0007) and not _near(got, 0.2, 1e-9)),
            Mistake("old Keras slope", RECORDED,
                    "0.2 was the old Keras choice (and about where the *average* gap is smallest): close, but "
                    "a slightly gentler line has a smaller *worst* gap — the largest gap over z, for each slope."),
            Mistake("the smallest squared gap", None,
                    "this slope makes the mean *squared* gap smallest. The exercise asks for the smallest "
                    "*worst* gap: take the max of |σ(z) − hard(z)| over z for each slope.",
                    matches=lambda got: _near(got, SQUARED_GAP_SLOPE, 0.0007)),
            Mistake("the gap, not the slope", RECORDED,
                    "that is the smallest worst gap itself; return the slope s that achieves it."),
            close_but_not_enough(0.01, "three decimals",
                                 "a finer grid of slopes, and a grid of z that is fine enough and reaches past the "
                                 "corners z = ±1/(2s)"),
            Mistake("far from the best slope", None,
                    "this slope is far from the best one: its worst gap is much larger than the smallest. "
                    "Check each step of your search: the hard sigmoid is np.clip(0.5 + s * z, 0, 1); a slope's "
                    "worst gap is the max over z of |σ(z) − hard(z)|, on a fine grid of z that reaches past the "
                    "corners z = ±1/(2s); the best slope has the *smallest* worst "
                    "gap (np.argmin, not np.argmax); and return that slope, not its position or its gap.",
                    matches=lambda got, expected: not _near(got, expected, 0.01) and _near(got, 0.5, 0.5),
                    needs_expected=True),
        ),
        hints=(
            "For a slope s the hard sigmoid is np.clip(0.5 + s * z, 0, 1). Write a function that returns "
            "its worst gap, the largest |σ(z) − hard(z)| over a fine grid of z (say 0 to 12 in steps of "
            "0.001: by symmetry z ≥ 0 is enough, and a coarse grid misses the worst point).",
            "Evaluate that worst gap for many slopes between 0.1 and 0.3 (np.arange with a step of "
            "0.0001) and keep the slope with the smallest worst gap. np.argmin gives its position.",
            "The answer is between 1/6 and 0.2; three correct decimals are enough. Return the slope, "
            "not the gap.",
        ),
    ),
    Exercise(
        id="1.6", title="how steep is a step?", stars=3,
        reference=RECORDED,
        cases=lambda: [()], names=(), digits=4, computed=True, forbidden=LOGIT_SHORTCUTS,
        success="k = ln(99)/0.1 ≈ 46",
        mistakes=(
            Mistake("forgot the 0.1", RECORDED,
                    "that k puts σ(kz) within 0.01 of the step only from |z| = 1 on. The "
                    "condition must hold from |z| = 0.1."),
            Mistake("multiplied by 0.1", RECORDED,
                    "σ(k·0.1) = 0.99 means k·0.1 = ln 99, so k = ln 99 / 0.1 — divide, don't multiply."),
            Mistake("ln 100 instead of ln 99", RECORDED,
                    "σ(x) = 0.99 gives e⁻ˣ = 1/0.99 − 1 = 0.01/0.99, not 0.01: x = ln 99, not ln 100."),
            Mistake("base-10 logarithm", RECORDED,
                    "np.log10 is the base-10 logarithm; the sigmoid is built on e, so use np.log."),
            Mistake("0.01 and 0.1 swapped", RECORDED,
                    "you asked for σ within 0.1 of the step from |z| = 0.01 on; the exercise asks for "
                    "within 0.01, from |z| = 0.1 on."),
            Mistake("the straight line instead of σ", RECORDED,
                    "you used the straight line ½ + x/4 (σ's tangent at 0, σ's own hard sigmoid), which "
                    "reaches 0.99 at x = 1.96. σ itself bends away from it: solve σ(k·0.1) = 0.99."),
            Mistake("odds instead of log-odds", RECORDED,
                    "99 is the odds 0.99/0.01; k·0.1 is their *logarithm* (as in 1.3)."),
            Mistake("0.01 in place of 0.1", RECORDED,
                    "you divided by 0.01, the allowed distance; the smallest |z| is 0.1: σ(k·0.1) = 0.99."),
            Mistake("0.1 taken as the distance", RECORDED,
                    "you asked for σ within 0.1 of the step (σ = 0.9); the exercise asks for within 0.01 "
                    "(σ = 0.99) from |z| = 0.1 on."),
            Mistake("log of the probability", RECORDED,
                    "ln 0.99 is the log of the probability; k·0.1 is the log of the *odds* 0.99/0.01, as in 1.3."),
            close_but_not_enough(0.5, "four significant digits",
                                 "smaller steps of k, more bisection steps, and z = 0.1 itself among the scores tried"),
        ),
        hints=(
            "σ(kz) is farthest from the step's value where |z| is smallest, so only |z| = 0.1 matters. "
            "By symmetry σ(−kz) = 1 − σ(kz), so z = +0.1 is enough.",
            "So the condition is σ(k · 0.1) = 0.99: the equation of exercise 1.3, with k · 0.1 in place "
            "of k.",
            "1.3 told you which number k · 0.1 must equal; one division remains.",
        ),
    ),
)
EXERCISES = with_recordings(EXERCISES)

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
    Question(text="Several S-curves meet all five requirements of section 2 (bounded, smooth, monotone, "
                  "saturating, centred). Which of them has log-odds $\\ln\\frac{f(z)}{1 - f(z)}$ exactly equal "
                  "to $z$ for every $z$?",
             options=("Φ(z), the normal CDF", "½ + arctan(z)/π", "σ(z) = 1/(1 + e⁻ᶻ)", "all three"),
             answer=2,
             explanation="$\\sigma/(1 - \\sigma) = e^{z}$, so its log-odds are exactly $z$: each unit of score adds "
                         "the same evidence, which is why a logistic model's weights read as log-odds (chapter 03). "
                         "The other curves bend the log-odds: Φ's grow faster than $z$ in the tails, "
                         "arctan's far slower."),
)
