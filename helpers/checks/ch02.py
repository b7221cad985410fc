"""Chapter 02 · The derivative — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
"""

from functools import cache

import numpy as np

from ..numerics import logit, numerical_derivative, sigmoid, sigmoid_derivative
from ..widgets import Question
from .engine import SLOPE_SHORTCUTS, Exercise, Mistake, standard_inputs

KEY_Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])   # the six scores used through the course
SLOPE = 0.105                                        # the slope of exercise 2.4


def _f(z):
    return np.asarray(z, dtype=float)


# --- 2.1 σ′ from σ ----------------------------------------------------------------------------

def _forward_difference(h):
    """The slope estimate (σ(z + h) − σ(z)) / h that some learners hand in as σ′."""
    return lambda z: (sigmoid(_f(z) + h) - sigmoid(_f(z))) / h


SIGMA_ONE_PLUS_SIGMA = Mistake(
    "σ(1 + σ)", lambda z: sigmoid(z) * (1 + sigmoid(z)),
    "σ(1 + σ) instead of σ(1 − σ). The second factor is 1 − σ(z) = e⁻ᶻ/(1 + e⁻ᶻ), the part of the "
    "probability that is *not* default; with a plus sign the 'slope' grows towards 2 instead of fading to 0.")

FORWARD_EXPLANATION = ("a forward difference (σ(z + h) − σ(z))/h is an estimate of σ′ whose error is about "
                       "h·|σ″(z)|/2 (section 5.7), not σ′ itself. Use the formula σ(z)(1 − σ(z)); keep "
                       "finite differences for *checking* it.")

FINITE_DIFFERENCE_EXPLANATION = ("that is a finite-difference estimate: accurate to about 1e-11, but the check "
                                 "asks for σ′ itself, σ(z)(1 − σ(z)), exact to rounding. A finite difference is "
                                 "what you check a derivative *with* (section 6.7).")

# --- 2.2 slope from an output -----------------------------------------------------------------

OUTPUT_EXTREMES = [0.0, 1e-12, 0.2, 0.5, 0.8, 1 - 1e-12, 1.0]

# --- 2.3 a central difference -----------------------------------------------------------------


class _Function:
    """A function with a readable name in check messages ("np.sin" rather than <ufunc 'sin'>)."""

    def __init__(self, name, function):
        self.name, self.function = name, function

    def __call__(self, z):
        return self.function(z)

    def __repr__(self):
        return self.name


def _central(f, z, h):
    return (f(z + h) - f(z - h)) / (2 * h)


def _central_cases():
    """(f, z, h): Emi's slope first (readable), then other functions, arrays of z, small and large h."""
    sig = _Function("sigmoid", sigmoid)
    return [
        (sig, 2.0, 0.1),
        (_Function("np.sin", np.sin), 0.3, 1e-3),
        (_Function("cube (z³)", lambda z: z ** 3), np.array([-1.0, 0.0, 2.0]), 0.5),
        (_Function("np.exp", np.exp), 1.0, 0.01),
        (sig, KEY_Z.copy(), 1e-4),
        (sig, -5.0, 1.0),
        (_Function("np.log", np.log), 2.0, 0.01),
        (_Function("square (z²)", lambda z: z ** 2), 3.0, 0.25),
    ]


# --- 2.4 every z with σ′(z) = 0.105 -------------------------------------------------------------

def _outputs_for_slope(g):
    """The two outputs s with s(1 − s) = g (0 < g < ¼), smaller first."""
    root = np.sqrt(1 - 4 * g)
    return np.array([(1 - root) / 2, (1 + root) / 2])


def _scores_for_slope():
    return logit(_outputs_for_slope(SLOPE))


# --- 2.5 the cubic's edge -------------------------------------------------------------------------

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
    return _edge(lambda z: float(sigmoid(z)) - (0.5 + z / 4 - z ** 3 / 48))


@cache
def line_edge():
    """≈ 0.7993: where ½ + z/4 first leaves σ by more than 0.01 (section 6.4)."""
    return _edge(lambda z: float(sigmoid(z)) - (0.5 + z / 4))


@cache
def wrong_sign_cubic_edge():
    return _edge(lambda z: float(sigmoid(z)) - (0.5 + z / 4 + z ** 3 / 48))


# --- 2.6 σ‴ -----------------------------------------------------------------------------------------

def _third(z):
    s = sigmoid(z)
    return s * (1 - s) * (1 - 6 * s + 6 * s * s)


def _with_sigma(formula):
    """A wrong σ‴ written in terms of s = σ(z): formula(s, s′)."""
    def wrong(z):
        s = sigmoid(z)
        return formula(s, s * (1 - s))
    return wrong


# --- 2.7 a stable σ′ ----------------------------------------------------------------------------------

def _naive_stable_sigma(z):
    s = sigmoid(z)
    return s * (1 - s)


def _naive_textbook_sigma(z):
    s = 1 / (1 + np.exp(-_f(z)))
    return s * (1 - s)


def _unsafe_square(z):
    e = np.exp(-_f(z))
    return e / (1 + e) ** 2


def _unsafe_square_mirror(z):
    e = np.exp(_f(z))
    return e / (1 + e) ** 2


FINITE_DIFFERENCES = ("helpers.numerical_derivative", "helpers.gradient_check")   # estimates, not the formula

TAIL_EXTREMES = [s * v for v in (1e-300, 1e-8, 20, 30, 36, 37, 38, 40, 100, 354, 356, 500, 700, 709, 710,
                                 745, 746, 800, 1000, 1e5, 1e300) for s in (-1, 1)]


EXERCISES = (
    Exercise(
        id="2.1", title="σ′ from σ", stars=1,
        reference=sigmoid_derivative,
        cases=lambda: [(standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),)],
        elementwise=True, forbidden=SLOPE_SHORTCUTS,
        success="600 scores between −20 and 20",
        mistakes=(
            SIGMA_ONE_PLUS_SIGMA,
            Mistake("sign error", lambda z: -sigmoid_derivative(z),
                    "a sign error: your slope is negative. The derivative of e⁻ᶻ is −e⁻ᶻ, and the quotient "
                    "rule subtracts it, so the two minus signs cancel: σ is increasing, σ′ > 0."),
            Mistake("σ² instead of σ(1 − σ)", lambda z: sigmoid(z) ** 2,
                    "σ·σ multiplies σ by itself; the second factor is 1 − σ(z), the probability of the "
                    "other outcome."),
            Mistake("σ itself", sigmoid,
                    "that is σ(z), the probability, not its slope. The slope is σ(z) times (1 − σ(z))."),
            Mistake("missing factor σ", lambda z: 1 - sigmoid(z),
                    "1 − σ(z) = e⁻ᶻ/(1 + e⁻ᶻ) is only one of the two factors of σ′ = e⁻ᶻ/(1 + e⁻ᶻ)²: "
                    "multiply it by σ(z)."),
            *[Mistake("forward difference, not the derivative", _forward_difference(h), FORWARD_EXPLANATION)
              for h in (1.0, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6)],
            Mistake("finite difference instead of the formula", lambda z: numerical_derivative(sigmoid, z),
                    FINITE_DIFFERENCE_EXPLANATION),
            Mistake("finite difference instead of the formula",
                    lambda z: (sigmoid(_f(z) + 1e-5) - sigmoid(_f(z) - 1e-5)) / 2e-5,
                    FINITE_DIFFERENCE_EXPLANATION),
        ),
        hints=(
            "Section 5.2 shows that σ′(z) = σ(z)·(1 − σ(z)). Compute σ(z) once (helpers' `sigmoid` is imported) "
            "and reuse it.",
            "s = sigmoid(z) gives the whole array of probabilities; the slope is one multiplication and one "
            "subtraction away. Mind the sign inside the brackets.",
            "The body has two lines: s = sigmoid(z), then return s times (1 minus what?).",
        ),
    ),
    Exercise(
        id="2.2", title="the slope from the output", stars=1,
        reference=lambda a: _f(a) * (1 - _f(a)),
        cases=lambda: [(np.sort(np.concatenate([np.linspace(0, 1, 401),
                                                np.random.default_rng(2).uniform(0, 1, 199),
                                                OUTPUT_EXTREMES])),)],
        names=("a",), elementwise=True, forbidden=FINITE_DIFFERENCES,
        success="607 outputs from 0 to 1, a = 0.8 → 0.16 included",
        mistakes=(
            Mistake("output used as a score", lambda a: sigmoid_derivative(a),
                    "you treated the output a as a score and computed σ′(a). But a is already σ(z): the "
                    "slope is a·(1 − a) — that is the point, no z and no exp needed."),
            Mistake("σ(1 + σ)", lambda a: _f(a) * (1 + _f(a)),
                    "a(1 + a) instead of a(1 − a): the second factor is the probability of *not* defaulting."),
            Mistake("sign error", lambda a: _f(a) * (_f(a) - 1),
                    "a sign error: a(a − 1) is negative. The slope of an increasing curve is positive: a(1 − a)."),
            Mistake("missing factor", lambda a: 1 - _f(a),
                    "1 − a is only one factor of the slope; multiply it by a."),
            Mistake("tanh's slope", lambda a: 1 - _f(a) ** 2,
                    "1 − a² is the slope of tanh written with its output. The sigmoid's is a·(1 − a)."),
        ),
        hints=(
            "The output of the unit is a = σ(z). Section 5.2 writes σ′ using σ(z) only.",
            "Replace σ(z) by a in σ′ = σ(z)(1 − σ(z)). For a = 0.8 you should get 0.16.",
        ),
    ),
    Exercise(
        id="2.3", title="a central difference", stars=2,
        reference=_central,
        cases=_central_cases, names=("f", "z", "h"), rtol=1e-8, atol=1e-12, forbidden=FINITE_DIFFERENCES,
        success="8 cases: σ, sin, exp, log, z² and z³, single scores and arrays",
        mistakes=(
            Mistake("forward difference", lambda f, z, h: (f(z + h) - f(z)) / h,
                    "(f(z + h) − f(z))/h is the *forward* difference. The central one steps both ways: "
                    "f(z + h) − f(z − h), over the distance between those points."),
            Mistake("backward difference", lambda f, z, h: (f(z) - f(z - h)) / h,
                    "(f(z) − f(z − h))/h is the *backward* difference. The central one uses f(z + h) and f(z − h)."),
            Mistake("divided by h, not 2h", lambda f, z, h: (f(z + h) - f(z - h)) / h,
                    "the points z − h and z + h are 2h apart, so divide by 2h: your slopes are twice too large."),
            Mistake("/ 2 * h", lambda f, z, h: (f(z + h) - f(z - h)) / 2 * h,
                    "`/ 2 * h` divides by 2 and then *multiplies* by h. Write `/ (2 * h)`."),
            Mistake("sign error", lambda f, z, h: (f(z - h) - f(z + h)) / (2 * h),
                    "a sign error: subtract f(z − h) from f(z + h), not the other way round."),
        ),
        hints=(
            "Section 5.7: the central difference is (f(z + h) − f(z − h)) / (2h). `f` is a function: call it.",
            "Work with whole arrays: f(z + h) works when z is an array, as NumPy functions do. No loop needed.",
            "One line: return (f(z + h) − f(z − h)) divided by … — mind the parentheses around the denominator.",
        ),
    ),
    Exercise(
        id="2.4", title="every z with σ′(z) = 0.105", stars=2,
        reference=_scores_for_slope,
        cases=lambda: [()], names=(), digits=6, computed=True,
        success="both scores, sorted",
        mistakes=(
            Mistake("only the positive root", lambda: float(_scores_for_slope()[1]),
                    "σ′ is even (section 5.4): if σ′(z) = 0.105, then σ′(−z) = 0.105 too. Return both scores."),
            Mistake("only the positive root", lambda: _scores_for_slope()[1:],
                    "σ′ is even (section 5.4): if σ′(z) = 0.105, then σ′(−z) = 0.105 too. Return both scores."),
            Mistake("only the negative root", lambda: float(_scores_for_slope()[0]),
                    "σ′ is even (section 5.4): the mirror image −z has the same slope. Return both scores."),
            Mistake("only the negative root", lambda: _scores_for_slope()[:1],
                    "σ′ is even (section 5.4): the mirror image −z has the same slope. Return both scores."),
            Mistake("σ values instead of z values", lambda: _outputs_for_slope(SLOPE),
                    "these are the two *outputs* s = σ(z) that solve s(1 − s) = 0.105. Turn each into a "
                    "score with the logit, z = ln(s/(1 − s))."),
            Mistake("odds instead of log-odds", lambda: (lambda s: s / (1 - s))(_outputs_for_slope(SLOPE)),
                    "s/(1 − s) are the odds; the score is their natural logarithm, z = ln(s/(1 − s))."),
            Mistake("±2 from the rounded table", lambda: np.array([-2.0, 2.0]),
                    "σ′(±2) = 0.10499…, which the table rounds to 0.1050. Solve σ(1 − σ) = 0.105 exactly "
                    "(a quadratic in σ) instead of reading the table."),
            Mistake("not sorted", lambda: _scores_for_slope()[::-1],
                    "right values, wrong order: return them sorted, smaller first (np.sort)."),
        ),
        hints=(
            "Write s = σ(z). Then σ′(z) = 0.105 becomes s(1 − s) = 0.105, that is s² − s + 0.105 = 0: "
            "a quadratic in s.",
            "The quadratic formula gives two outputs s = (1 ± √(1 − 4·0.105))/2. Each output belongs to exactly "
            "one score: z = ln(s/(1 − s)) (helpers' `logit`).",
            "Put both scores in a NumPy array, smaller first. They should be mirror images, close to (but "
            "not exactly) ±2.",
        ),
    ),
    Exercise(
        id="2.5", title="how far the cubic holds", stars=2,
        reference=cubic_edge,
        cases=lambda: [()], names=(), digits=4, computed=True,
        success="the cubic holds about 1.8 times as far out as the line",
        mistakes=(
            Mistake("the straight line's edge", line_edge,
                    "that is where the straight line ½ + z/4 leaves the 0.01 band (section 6.4). Measure the "
                    "cubic ½ + z/4 − z³/48 instead."),
            Mistake("the estimate, not the measurement", lambda: (480 * 0.01) ** 0.2,
                    "(480·0.01)^(1/5) comes from the next term of the series alone (z⁵/480). The exercise asks "
                    "where the true gap σ(z) − (½ + z/4 − z³/48) first exceeds 0.01: measure it."),
            Mistake("sign of the cubic term", wrong_sign_cubic_edge,
                    "the cubic term is −z³/48 (σ‴(0) = −1/8, so the term is −(1/8)·z³/6). With +z³/48 the "
                    "approximation gets worse, not better."),
        ),
        hints=(
            "Write the gap as a function: gap(z) = |σ(z) − (0.5 + z/4 − z**3/48)|. Evaluate it on a fine grid "
            "of z ≥ 0, say np.linspace(0, 3, 300_001).",
            "The gap grows with z here. The edge is the first grid point where gap > 0.01: np.argmax on a "
            "boolean array gives the index of its first True.",
            "Return that z as a number (three correct decimals are enough); compare it with the line's edge in 6.4.",
        ),
    ),
    Exercise(
        id="2.6", title="σ‴ by the product rule", stars=3,
        reference=_third,
        cases=lambda: [(standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),)],
        elementwise=True, rtol=1e-7, atol=1e-10, forbidden=FINITE_DIFFERENCES,
        success="600 scores between −20 and 20; σ‴(0) = −1/8",
        mistakes=(
            Mistake("σ″, not σ‴", _with_sigma(lambda s, d: d * (1 - 2 * s)),
                    "that is σ″ = σ′(1 − 2σ), the second derivative. Differentiate it once more."),
            Mistake("one term of the product rule", _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2),
                    "σ′(1 − 2σ) is a product of two factors that both depend on z: (uv)′ = u′v + uv′. You kept "
                    "only u′v = σ″(1 − 2σ); add σ′ times the derivative of (1 − 2σ)."),
            Mistake("sign slip", _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 + 2 * d * d),
                    "the derivative of (1 − 2σ) is −2σ′, with a minus: the second term is −2σ′²."),
            Mistake("−2σ instead of −2σ′", _with_sigma(lambda s, d: d * (1 - 2 * s) ** 2 - 2 * s * d),
                    "the derivative of (1 − 2σ) is −2σ′ (chain rule), not −2σ: the second term is −2σ′·σ′."),
            Mistake("sign error", lambda z: -_third(z),
                    "a sign error: σ‴(0) must be −1/8 (the cubic term −z³/48 of section 5.6)."),
        ),
        hints=(
            "Start from σ″ = σ′·(1 − 2σ), a product of two functions of z, and use (uv)′ = u′v + uv′ with u = σ′ "
            "and v = 1 − 2σ.",
            "u′ = σ″ = σ′(1 − 2σ) and v′ = −2σ′. So σ‴ = σ′(1 − 2σ)² − 2σ′². Now write everything with s = σ(z).",
            "With s = sigmoid(z) and d = s(1 − s), the first term is d·(1 − 2s)². Write the second term "
            "with d too, then check: at z = 0 the whole must give −1/8.",
        ),
    ),
    Exercise(
        id="2.7", title="a slope that survives the tails", stars=3,
        reference=sigmoid_derivative,
        cases=lambda: [(standard_inputs(extremes=TAIL_EXTREMES),)],
        elementwise=True, rtol=1e-9, atol=1e-315, forbidden=SLOPE_SHORTCUTS,
        success="1012 scores up to ±1e300, full relative accuracy, no warnings",
        mistakes=(
            Mistake("σ(1 − σ) rounds to 0", _naive_stable_sigma,
                    "s·(1 − s) subtracts: once σ(z) is within 1e-16 of 1 (z > 36.7), s is exactly 1.0 and "
                    "1 − s is 0; before that, 1 − s has lost most of its digits. Use a form with no "
                    "subtraction, such as e/(1 + e)² with e = exp(−|z|) (section 5.8)."),
            Mistake("textbook σ, then σ(1 − σ)", _naive_textbook_sigma,
                    "the textbook σ overflows for z < −709, and s·(1 − s) rounds to 0 for z > 36.7. Use a form "
                    "with no subtraction and only exp of numbers ≤ 0: e/(1 + e)² with e = exp(−|z|)."),
            Mistake("the square overflows", _unsafe_square,
                    "e⁻ᶻ/(1 + e⁻ᶻ)² is the right formula, but for z < −355 the square (1 + e⁻ᶻ)² passes the "
                    "largest float (and e⁻ᶻ itself overflows below −709). σ′ is even: use e = exp(−|z|)."),
            Mistake("the square overflows", _unsafe_square_mirror,
                    "eᶻ/(1 + eᶻ)² is the right formula, but for z > 355 the square (1 + eᶻ)² passes the "
                    "largest float (and eᶻ itself overflows above 709). σ′ is even: use e = exp(−|z|)."),
            Mistake("cosh form overflows", lambda z: 0.25 / np.cosh(_f(z) / 2) ** 2,
                    "¼/cosh²(z/2) is a correct identity, but cosh(z/2)² passes the largest float for |z| > 710 "
                    "(and cosh itself for |z| > 1420). Use e/(1 + e)² with e = exp(−|z|): every number in it "
                    "stays between 0 and 4."),
        ),
        hints=(
            "Two dangers: a subtraction of nearly equal numbers (1 − σ when σ ≈ 1) and exp of a large positive "
            "number. Section 5.8 avoids both.",
            "σ′ is even, so σ′(z) = σ′(|z|). With e = np.exp(-np.abs(z)), which lies in (0, 1], the formula "
            "e⁻ᶻ/(1 + e⁻ᶻ)² of section 5.1 becomes …?",
            "Another route: σ(z)(1 − σ(z)) = σ(z)·σ(−z), and helpers' `sigmoid` computes σ(−z) without "
            "subtracting. Either way, no `1 -` anywhere.",
        ),
    ),
)

QUIZ = (
    Question(text="What is the largest value of $\\sigma'(z)$ over all real $z$?", options=(), answer=0.25,
             tolerance=1e-3,
             explanation="$\\sigma'(z) = \\sigma(1-\\sigma) = \\tfrac14 - (\\sigma - \\tfrac12)^2 \\le \\tfrac14$, "
                         "with equality only where $\\sigma = \\tfrac12$, at $z = 0$."),
    Question(text="In the forward pass a sigmoid unit outputs $0.8$. What is its slope $\\sigma'(z)$ there? "
                  "(You are not told $z$.)", options=(), answer=0.16, tolerance=1e-3,
             explanation="$\\sigma' = \\sigma(1 - \\sigma) = 0.8 \\times 0.2 = 0.16$. The output is all you need: "
                         "that is why backpropagation through a sigmoid is cheap."),
    Question(text="How many scores $z$ have $\\sigma'(z) = 0.2$?",
             options=("none", "exactly one", "exactly two, a pair z and −z", "infinitely many"), answer=2,
             explanation="$0.2 < \\tfrac14$, and $\\sigma'$ is even and strictly decreasing in $|z|$: it passes 0.2 "
                         "once on each side of 0. (0.25 is reached once, at $z = 0$; values above ¼ never.)"),
    Question(text="Near $z = 0$, how does the error of $\\sigma(z) \\approx \\tfrac12 + \\tfrac{z}{4}$ grow "
                  "with $z$?",
             options=("like z", "like z²", "like z³", "like eᶻ"), answer=2,
             explanation="$\\sigma''(0) = 0$, so there is no $z^2$ term: the error is about "
                         "$\\sigma'''(0)\\,z^3/6 = -z^3/48$. Doubling $z$ multiplies the error by 8."),
    Question(text="You estimate $\\sigma'(z)$ in float64 with the central difference "
                  "$(\\sigma(z+h) - \\sigma(z-h))/2h$. Which step gives the most accurate estimate?",
             options=("h = 1e-1", "h = 1e-5", "h = 1e-10", "h = 1e-15"), answer=1,
             explanation="The truncation error falls like $h^2$, the rounding error grows like "
                         "$\\varepsilon/h$ ($\\varepsilon \\approx 2.2\\times10^{-16}$); they balance near "
                         "$h \\approx \\varepsilon^{1/3} \\approx 6\\times10^{-6}$."),
    Question(text="With `s = sigmoid(40.0)`, `s * (1 - s)` is exactly `0.0`, but the true $\\sigma'(40)$ is "
                  "about $4\\times10^{-18}$. Why?",
             options=("σ′(40) really is 0", "σ(40) rounds to exactly 1.0, so 1 − s is 0",
                      "exp(40) overflows", "s underflows to 0"), answer=1,
             explanation="Near 1 the floats are about $1.1\\times10^{-16}$ apart, so $\\sigma(40)$ is stored as 1.0 and "
                         "the subtraction leaves nothing. $e/(1+e)^2$ with $e = e^{-|z|}$ has no subtraction."),
)
