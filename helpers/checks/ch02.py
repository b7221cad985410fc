"""Chapter 02 · The derivative — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch02.py), and the check uses
what they give on these inputs, recorded in recorded/ch02.npz (see recordings.py).
Mistakes come first by their formula; after them come *properties* every right answer has
(σ′ is even, positive, at most ¼; σ‴(0) = −1/8; …): an answer that breaks one hears which,
unless a general cause (a factor, rounding, float32 …) explains it better.
"""

import numpy as np

from ..numerics import logit, sigmoid, sigmoid_derivative
from ..widgets import Question
from .comparing import as_float_array, breaks_property, general_cause, values_shaped
from .engine import SLOPE_SHORTCUTS, Exercise, Mistake, standard_inputs
from .recordings import RECORDED, with_recordings

KEY_Z = np.array([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0])   # the six scores used through the course
SLOPE = 0.105                                        # the slope of exercise 2.4
EPS = np.finfo(float).eps

# estimates, not the formula: forbidden wherever the text asks for σ′ (or σ‴) itself
FINITE_DIFFERENCES = ("helpers.numerical_derivative", "helpers.gradient_check", "scipy.differentiate.derivative")
SLOPES = SLOPE_SHORTCUTS + ("scipy.differentiate.derivative",)


def _f(z):
    return np.asarray(z, dtype=float)


def _sigma_second(z):
    s = sigmoid(z)
    return s * (1 - s) * (1 - 2 * s)


# --- recognising a family of answers (for Mistake(matches=…)) -----------------------------------

def _mirror_pairs(z):
    """Index pairs (i, j) with z[j] = −z[i] > 0: where an even or odd function can be tested."""
    position = {float(v): i for i, v in enumerate(z)}
    return np.array([(position[-float(v)], i) for i, v in enumerate(z) if v > 0 and -float(v) in position],
                    dtype=int).reshape(-1, 2)


def _not_even(z, got):
    pairs = _mirror_pairs(_f(z))
    if not len(pairs):
        return False
    a, b = got[pairs[:, 0]], got[pairs[:, 1]]
    return bool(np.any(np.abs(a - b) > 1e-6 * np.maximum(np.abs(a), np.abs(b)) + 1e-8))


# Steps people use for finite differences: every 1, 2, 5 × 10ᵏ, and the textbook optima.
STEPS = sorted({m * 10.0 ** k for k in range(-9, 1) for m in range(1, 10)} | {EPS ** (1 / 3), EPS ** 0.5, 6e-6, 1.5e-8})


def _difference_family(g, order=1, rtol=1e-9, atol=1e-12):
    """matches(z, got, expected): got is a finite-difference estimate of g′ (order 1) or g″ (order 2) for some step h.

    Forward, backward and central differences, with a fixed h or h·max(1, |z|) (as
    helpers.numerical_derivative does), and np.gradient over the test values themselves. The
    learner's own g rounds differently from ours (by about ε times the largest |g|); a difference
    magnifies that by 1/h (1/h²). Steps whose rounding noise would hide other mistakes are skipped,
    and answers a general cause explains (rounding, float32 …) are left to it.
    """
    def matches(z, got, expected):
        z = _f(z)
        values = values_shaped(got, z.shape)
        if values is None or not np.all(np.isfinite(values)):
            return False
        with np.errstate(all="ignore"):
            if general_cause([values], [np.asarray(expected, dtype=float)],
                             [getattr(got, "dtype", None)], rtol, atol) is not None:
                return False
            gz = g(z)
            scale = np.max(np.abs(gz))
            # an estimate must explain the answer clearly better than the derivative itself does
            off = 0.5 * np.max(np.abs(values - expected))
            if order == 1 and z.size > 2 and np.all(np.diff(z) > 0):
                estimate = np.gradient(gz, z)
                if np.all(np.abs(values - estimate) <= 1e-7 * np.abs(estimate) + 1e-12):
                    return True
            for h in STEPS:
                for step in (h, h * np.maximum(1.0, np.abs(z))):
                    up, down = g(z + step), g(z - step)
                    if order == 1:
                        noise = 8 * EPS * scale / step
                        estimates = ((up - gz) / step, (gz - down) / step, (up - down) / (2 * step))
                    else:
                        noise = 16 * EPS * scale / step ** 2
                        estimates = ((up - 2 * gz + down) / step ** 2,)
                    if np.max(noise) > 1e-4 * scale:      # too noisy to tell from other answers
                        continue
                    for estimate in estimates:
                        if np.all(np.abs(values - estimate) <= noise + 1e-7 * np.abs(estimate)) and \
                                np.max(np.abs(values - estimate)) <= off:
                            return True
        return False
    return matches


FINITE_DIFFERENCE_EXPLANATION = (
    "that is a finite-difference estimate (a difference quotient with some step h, or np.gradient), not the "
    "derivative itself. Its error is about h·|f″| (forward) or h²·|f‴| (central) plus rounding magnified by 1/h "
    "(section 5.7): close, but not exact, and the check asks for the formula, exact to rounding. Finite "
    "differences are what you check a derivative *with* (section 6.7).")


def _nearly(rtol, atol):
    """Within about a millionth of the right values everywhere, but not exact."""
    def matches(z, got, expected):
        def test(z, got):
            return np.all(np.abs(got - expected) <= 1e-6 * np.max(np.abs(expected)))
        return breaks_property(test, rtol, atol)(z, got, expected=expected)
    return Mistake("close, but not exact", None,
                   "your values are within about a millionth of the right ones, but not exact: a finite-difference "
                   "estimate with a small step (its rounding error grows like 1/h), or a constant typed with too "
                   "few digits. The check asks for the formula, exact to rounding.",
                   matches=matches, needs_expected=True)


# --- 2.1 σ′ from σ ----------------------------------------------------------------------------

SIGMA_ONE_PLUS_SIGMA = Mistake(
    "σ(1 + σ)", RECORDED,
    "σ(1 + σ) instead of σ(1 − σ). The second factor is 1 − σ(z) = e⁻ᶻ/(1 + e⁻ᶻ), the part of the "
    "probability that is *not* default; with a plus sign the 'slope' grows towards 2 instead of fading to 0.")


def _slope_properties(rtol, atol):
    """σ′ is positive, at most ¼ and even: the properties of 5.3 and 5.4, as fallback mistakes."""
    return (
        Mistake("negative slope", None,
                "some of your values are negative, but σ is increasing, so σ′(z) > 0 for every z (section 5.1: "
                "the two minus signs of the quotient rule cancel). Look for a sign slip or a subtraction in the "
                "wrong order.", matches=breaks_property(lambda z, got: np.any(got < 0), rtol, atol), needs_expected=True),
        Mistake("slope above ¼", None,
                "some of your values are above ¼, but σ′(z) = ¼ − (σ(z) − ½)² ≤ ¼ for every z (section 5.3). "
                "A factor is wrong: σ′ is σ(z) times 1 − σ(z), both between 0 and 1.",
                matches=breaks_property(lambda z, got: np.any(got > 0.25 + 1e-6), rtol, atol), needs_expected=True),
        Mistake("not even", None,
                "your values differ at z and −z, but σ′ is even: σ′(−z) = σ′(z) (section 5.4). A product of σ "
                "with itself, or of 1 − σ with itself, is not; σ(z)·(1 − σ(z)) is.",
                matches=breaks_property(_not_even, rtol, atol), needs_expected=True),
        _nearly(rtol, atol),
    )


# --- 2.2 slope from an output -----------------------------------------------------------------

OUTPUT_EXTREMES = [0.0, 1e-12, 0.2, 0.5, 0.8, 1 - 1e-12, 1.0]


def _output_inputs():
    return [(np.sort(np.concatenate([np.linspace(0, 1, 401), np.random.default_rng(2).uniform(0, 1, 199),
                                     OUTPUT_EXTREMES])),)]


def _not_symmetric(a, got):
    """a(1 − a) takes the same value at a and 1 − a."""
    a = _f(a)
    position = {float(v): i for i, v in enumerate(a)}
    pairs = [(i, position[1 - float(v)]) for i, v in enumerate(a) if v < 0.5 and (1 - float(v)) in position]
    return any(abs(got[i] - got[j]) > 1e-6 * max(abs(got[i]), abs(got[j])) + 1e-12 for i, j in pairs)


# --- 2.3 a central difference -----------------------------------------------------------------


class _Function:
    """A function with a readable name in check messages ("np.sin" rather than <ufunc 'sin'>)."""

    def __init__(self, name, function):
        self.name, self.function = name, function

    def __call__(self, z):
        return self.function(z)

    def __repr__(self):
        return self.name


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


def _own_step(f, z, h, got, wrong):
    """The answer ignores the h it is given and uses a step of its own (a central or forward difference).

    ``wrong`` holds, for each step of STEPS other than h (in that order), the central and the forward
    difference with that step."""
    z = _f(z)
    got = values_shaped(got, z.shape)
    if got is None:
        return False
    steps = [step for step in STEPS if not np.isclose(step, h, rtol=1e-9)]
    for step, estimates in zip(steps, wrong):
        for estimate in estimates:
            if np.all(np.abs(got - estimate) <= 1e-7 * np.abs(estimate) + 8 * EPS * (1 + np.abs(f(z))) / step):
                return True
    return False


# --- 2.4 every z with σ′(z) = 0.105 -------------------------------------------------------------

def _pair_of_scores(got):
    got = values_shaped(got, (2,))
    return got if got is not None and np.all(np.isfinite(got)) else None


def _close_scores(got, expected):
    """Both scores found to a few digits (a coarse grid, a short bisection), not to six."""
    got, right = _pair_of_scores(got), expected
    if got is None or np.all(np.abs(got - right) <= Exercise.tolerance(EXERCISE_24, right)[1]):
        return False
    with np.errstate(all="ignore"):
        if general_cause([got], [right], [None], *Exercise.tolerance(EXERCISE_24, right)) is not None:
            return False
    return bool(np.all(np.abs(got - right) <= 1e-2 * np.abs(right)))


def _not_mirrored(got):
    got = _pair_of_scores(got)
    return got is not None and abs(got[0] + got[1]) > 1e-6 * max(abs(got[0]), abs(got[1]), 1e-300)


def _wrong_slope_there(got, expected):
    """A mirror pair, far from the answer: σ′ at those scores is not 0.105."""
    got = _pair_of_scores(got)
    right = expected
    if got is None or np.all(np.abs(got - right) <= 1e-2 * np.abs(right)):
        return False
    return bool(np.any(np.abs(sigmoid_derivative(got) - SLOPE) > 1e-4))


# --- 2.5 the cubic's edge -------------------------------------------------------------------------

def _cubic_gap(coefficient):
    return lambda z: float(sigmoid(z)) - (0.5 + z / 4 - coefficient * z ** 3)


def _one_number(got):
    got = as_float_array(got)
    return float(got) if got is not None and got.shape == () and np.isfinite(got) else None


def _near_another_edge(got, wrong, expected):
    """got is within 1e-3 of one of the edges ``wrong`` (of other cubics, or other bands), not of the answer."""
    got = _one_number(got)
    return got is not None and abs(got - expected) > 1e-3 and any(abs(got - e) <= 1e-3 for e in wrong)


def _not_at_the_edge(got, expected):
    """A z > 0 far from the edge (a near miss is named by the engine: 'close')."""
    got = _one_number(got)
    if got is None or not 0 < got < 10 or abs(got - expected) <= 0.07 * expected:
        return False
    return abs(abs(_cubic_gap(1 / 48)(got)) - 0.01) > 1e-4


# --- 2.6 σ‴ -----------------------------------------------------------------------------------------

# σ‴ = 0 where 6s² − 6s + 1 = 0, s = ½ ± √3/6: there a finite difference's error cannot hide behind a
# relative tolerance, while every formula in s is exact to ~1e-16.
THIRD_ZEROS = logit(np.array([0.5 - np.sqrt(3) / 6, 0.5 + np.sqrt(3) / 6]))


def _third_inputs():
    near_zeros = np.concatenate([THIRD_ZEROS + d for d in (1e-8, -1e-8, 1e-6, -1e-6, 1e-3, -1e-3)])
    return [(np.sort(np.concatenate([standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),
                                     near_zeros])),)]


def _wrong_at_zero(z, got):
    z = _f(z)
    return bool(np.any(np.abs(got[z == 0] + 0.125) > 1e-6))


# --- 2.7 a stable σ′ ----------------------------------------------------------------------------------

def _lost_to_subtraction(z, got, expected):
    """got is s·(1 − s) for some accurate σ: right wherever σ is not close to 1, and off by no more than
    the rounding of a number near 1 (a few 1e-16) where it is — on one side or both (σ of |z|)."""
    z = _f(z)
    got = values_shaped(got, z.shape)
    if got is None:
        return False
    right = np.asarray(expected, dtype=float)
    wrong = ~np.isclose(got, right, rtol=1e-9, atol=1e-320)
    zero = (z > 37) | (-z > 37)            # σ(z) or σ(−z) is exactly 1.0 there: s·(1 − s) is exactly 0
    return bool(wrong.any() and np.all(np.abs(got[wrong] - right[wrong]) <= 4 * EPS)
                and np.all(np.abs(z[wrong]) > 5) and np.all(got[wrong & zero] == 0) and np.any(got[zero] == 0))


def _clipped_scores(z, got, expected):
    """got is σ′(clip(z, −c, c)) for some c: right up to |z| = c, one constant value beyond, on each side."""
    z = _f(z)
    got = values_shaped(got, z.shape)
    if got is None:
        return False
    right = np.asarray(expected, dtype=float)
    wrong = ~np.isclose(got, right, rtol=1e-9, atol=1e-320)
    if not wrong.any():
        return False
    for side in (z < 0, z > 0):
        bad = wrong & side
        if not bad.any():
            continue
        edge = np.min(np.abs(z[bad]))
        beyond = side & (np.abs(z) >= edge)
        level = got[bad][0]
        if not (np.all(wrong[beyond]) and np.allclose(got[beyond], level, rtol=1e-12, atol=0)
                and level >= np.max(right[beyond])):
            return False
    return True


TAIL_EXTREMES = [s * v for v in (1e-300, 1e-8, 20, 30, 36, 37, 38, 40, 100, 354, 356, 500, 700, 709, 710,
                                 745, 746, 800, 1000, 1e5, 1e300) for s in (-1, 1)]


def _tail_inputs():
    return [(standard_inputs(extremes=TAIL_EXTREMES),)]


EXERCISE_24 = Exercise(
    id="2.4", title="every z with σ′(z) = 0.105", stars=2,
    reference=RECORDED,
    cases=lambda: [()], names=(), digits=6, computed=True,
    success="both scores, sorted",
    mistakes=(
        Mistake("only the positive root", RECORDED,
                "σ′ is even (section 5.4): if σ′(z) = 0.105, then σ′(−z) = 0.105 too. Return both scores."),
        Mistake("only the positive root", RECORDED,
                "σ′ is even (section 5.4): if σ′(z) = 0.105, then σ′(−z) = 0.105 too. Return both scores."),
        Mistake("only the negative root", RECORDED,
                "σ′ is even (section 5.4): the mirror image −z has the same slope. Return both scores."),
        Mistake("only the negative root", RECORDED,
                "σ′ is even (section 5.4): the mirror image −z has the same slope. Return both scores."),
        Mistake("σ values instead of z values", RECORDED,
                "these are the two *outputs* s = σ(z) that solve s(1 − s) = 0.105. Turn each into a "
                "score with the logit, z = ln(s/(1 − s))."),
        Mistake("odds instead of log-odds", RECORDED,
                "s/(1 − s) are the odds; the score is their natural logarithm, z = ln(s/(1 − s))."),
        Mistake("log of the outputs, not the log-odds", RECORDED,
                "ln s is the log of the output; the score belongs to the *odds*: z = ln(s/(1 − s)) (section 5.5)."),
        Mistake("σ of the outputs, not their logit", RECORDED,
                "σ turns a score into an output; here you have the outputs s and need the scores, so go the "
                "other way, with the inverse of σ: z = ln(s/(1 − s))."),
        Mistake("base-10 logarithm", RECORDED,
                "np.log10 is the base-10 logarithm; the logit uses the natural one, np.log."),
        Mistake("σ(z) = 0.105 solved instead of σ′(z) = 0.105", RECORDED,
                "these are the scores where the *output* σ(z) is 0.105 (and 0.895). The exercise asks for the "
                "*slope* σ′(z) = σ(z)(1 − σ(z)) = 0.105: solve s(1 − s) = 0.105 for s first."),
        Mistake("σ(z) = 0.105 solved instead of σ′(z) = 0.105", RECORDED,
                "this is the score where the *output* σ(z) is 0.105. The exercise asks for the *slope* "
                "σ′(z) = σ(z)(1 − σ(z)) = 0.105: solve s(1 − s) = 0.105 for s first, and return both scores."),
        Mistake("±2 from the rounded table", RECORDED,
                "σ′(±2) = 0.10499…, which the table rounds to 0.1050. Solve σ(1 − σ) = 0.105 exactly "
                "(a quadratic in σ) instead of reading the table."),
        Mistake("not sorted", RECORDED,
                "right values, wrong order: return them sorted, smaller first (np.sort)."),
        Mistake("the same score twice", RECORDED,
                "both entries are the same score. The second one is its mirror image: the other root "
                "of the quadratic gives 1 − s, whose logit is −z."),
        Mistake("the same score twice", RECORDED,
                "both entries are the same score. The second one is its mirror image: the other root "
                "of the quadratic gives 1 − s, whose logit is −z."),
        Mistake("quadratic formula: 1 + 4g under the root", RECORDED,
                "s(1 − s) = g is s² − s + g = 0, so the root is √(1 − 4g) (b² − 4ac with a = 1, b = −1, c = g), "
                "not √(1 + 4g): with a plus, one 'output' is negative and its logit is nan."),
        Mistake("quadratic formula: the /2 missing", RECORDED,
                "the quadratic formula divides by 2a = 2: s = (1 ± √(1 − 4g))/2. Without it one output is "
                "above 1 and its logit is nan."),
        Mistake("quadratic formula: 1 − g under the root", RECORDED,
                "the root is √(1 − 4g): b² − 4ac with a = 1, b = −1, c = g. The 4 is missing."),
        Mistake("close", None,
                "close — your scores agree with the answer to a few digits, but the exercise asks for six "
                "significant digits. A grid or a bisection needs a finer step or more steps; the quadratic "
                "of hint 1 gives them exactly.", matches=_close_scores, needs_expected=True),
        Mistake("not a mirror pair", None,
                "your two scores are not negatives of each other, but σ′ is even (section 5.4): the two "
                "solutions are z and −z. Their outputs s and 1 − s are the two roots of the quadratic.",
                matches=_not_mirrored),
        Mistake("σ′ is not 0.105 there", None,
                "σ′ at your two scores is not 0.105 (compute sigmoid_derivative there and see). Check the "
                "quadratic s² − s + 0.105 = 0, its two roots, and the logit ln(s/(1 − s)) of each.",
                matches=_wrong_slope_there, needs_expected=True),
    ),
    hints=(
        "Write s = σ(z). Then σ′(z) = 0.105 becomes s(1 − s) = 0.105, that is s² − s + 0.105 = 0: "
        "a quadratic in s.",
        "The quadratic formula gives two outputs s = (1 ± √(1 − 4·0.105))/2. Each output belongs to exactly "
        "one score: z = ln(s/(1 − s)) (helpers' `logit`).",
        "Put both scores in a NumPy array, smaller first. They should be mirror images, close to (but "
        "not exactly) ±2.",
    ),
)


def _exercises():
    rtol21, atol21 = 1e-9, 1e-14
    rtol26, atol26 = 1e-9, 1e-13
    return (
        Exercise(
            id="2.1", title="σ′ from σ", stars=1,
            reference=RECORDED,
            cases=lambda: [(standard_inputs(grid=(-20, 20), n_grid=401, n_random=199, scale=5.0),)],
            elementwise=True, forbidden=SLOPES, rtol=rtol21, atol=atol21,
            success="600 scores between −20 and 20, exact to rounding",
            mistakes=(
                SIGMA_ONE_PLUS_SIGMA,
                Mistake("sign error", RECORDED,
                        "a sign error: your slope is negative. The derivative of e⁻ᶻ is −e⁻ᶻ, and the quotient "
                        "rule subtracts it, so the two minus signs cancel: σ is increasing, σ′ > 0."),
                Mistake("σ itself", RECORDED,
                        "that is σ(z), the probability, not its slope. The slope is σ(z) times (1 − σ(z))."),
                Mistake("missing factor σ", RECORDED,
                        "1 − σ(z) = e⁻ᶻ/(1 + e⁻ᶻ) is only one of the two factors of σ′ = e⁻ᶻ/(1 + e⁻ᶻ)²: "
                        "multiply it by σ(z)."),
                Mistake("σ² instead of σ(1 − σ)", RECORDED,
                        "σ·σ multiplies σ by itself; the second factor is 1 − σ(z), the probability of the "
                        "other outcome (section 5.2). (σ(z)·(1 − σ(−z)) is σ(z)² too: 1 − σ(−z) = σ(z).)"),
                Mistake("(1 − σ)² instead of σ(1 − σ)", RECORDED,
                        "(1 − σ(z))² uses the second factor twice; σ′ = σ(z)·(1 − σ(z)) (section 5.2)."),
                Mistake("σ″, not σ′", RECORDED,
                        "σ(1 − σ)(1 − 2σ) is σ″, the second derivative (section 5.6). σ′ is σ(1 − σ) alone."),
                Mistake("the square on e⁻ᶻ only", RECORDED,
                        "e⁻ᶻ/(1 + e⁻ᶻ**2) squares e⁻ᶻ only; the quotient rule squares the whole denominator: "
                        "e⁻ᶻ/(1 + e⁻ᶻ)**2 — mind the parentheses."),
                Mistake("the odds σ/(1 − σ)", None,
                        "σ/(1 − σ) = eᶻ is the odds (chapter 03), not the slope: the two factors of σ′ are "
                        "multiplied, σ·(1 − σ).",
                        matches=lambda z, got: values_shaped(got, np.shape(z)) is not None and bool(np.all(np.isclose(
                            values_shaped(got, np.shape(z)), np.exp(_f(z)), rtol=1e-6, atol=1e-12)))),
                Mistake("finite difference instead of the formula", None, FINITE_DIFFERENCE_EXPLANATION,
                        matches=_difference_family(sigmoid, 1, rtol21, atol21), needs_expected=True),
                *_slope_properties(rtol21, atol21),
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
            reference=RECORDED,
            cases=_output_inputs,
            names=("a",), elementwise=True, forbidden=SLOPES,
            success="607 outputs from 0 to 1, a = 0.8 → 0.16 included",
            mistakes=(
                Mistake("output used as a score", RECORDED,
                        "you treated the output a as a score and computed σ′(a). But a is already σ(z): the "
                        "slope is a·(1 − a) — that is the point, no z and no exp needed."),
                Mistake("σ(1 + σ)", RECORDED,
                        "a(1 + a) instead of a(1 − a): the second factor is the probability of *not* defaulting."),
                Mistake("sign error", RECORDED,
                        "a sign error: a(a − 1) is negative. The slope of an increasing curve is positive: a(1 − a)."),
                Mistake("missing factor", RECORDED,
                        "1 − a is only one factor of the slope; multiply it by a."),
                Mistake("the output itself", RECORDED,
                        "that is the output a = σ(z), not its slope; the slope is a times (1 − a)."),
                Mistake("a·a instead of a(1 − a)", RECORDED,
                        "a² multiplies the output by itself; the second factor is 1 − a (section 5.2)."),
                Mistake("(1 − a)² instead of a(1 − a)", RECORDED,
                        "(1 − a)² uses the second factor twice; the slope is a·(1 − a)."),
                Mistake("tanh's slope", RECORDED,
                        "1 − a² is the slope of tanh written with its output. The sigmoid's is a·(1 − a)."),
                Mistake("σ″, not σ′", RECORDED,
                        "a(1 − a)(1 − 2a) is σ″, the second derivative (section 5.6); the slope is a(1 − a)."),
                Mistake("0.16 for every output", RECORDED,
                        "0.16 is the slope for a = 0.8 only. Compute it from each a in the array."),
                Mistake("not symmetric", None,
                        "your slopes differ at a and 1 − a, but a(1 − a) is the same for both: an output and "
                        "its mirror 1 − a have the same slope (section 5.5).",
                        matches=breaks_property(_not_symmetric, 1e-9, 1e-12), needs_expected=True),
                Mistake("slope above ¼", None,
                        "some of your slopes are above ¼, but a(1 − a) = ¼ − (a − ½)² ≤ ¼ (section 5.3).",
                        matches=breaks_property(lambda a, got: np.any(got > 0.25 + 1e-12), 1e-9, 1e-12), needs_expected=True),
            ),
            hints=(
                "The output of the unit is a = σ(z). Section 5.2 writes σ′ using σ(z) only.",
                "You don't need z (and no exp): in σ′ = σ(z)(1 − σ(z)), what is σ(z) here? Substitute, and "
                "check that a = 0.8 gives 0.16.",
            ),
        ),
        Exercise(
            id="2.3", title="a central difference", stars=2,
            reference=RECORDED,
            cases=_central_cases, names=("f", "z", "h"), rtol=1e-8, atol=1e-12, forbidden=FINITE_DIFFERENCES,
            success="8 cases: σ, sin, exp, log, z² and z³, single scores and arrays",
            mistakes=(
                Mistake("forward difference", RECORDED,
                        "(f(z + h) − f(z))/h is the *forward* difference. The central one steps both ways: "
                        "f(z + h) − f(z − h), over the distance between those points."),
                Mistake("backward difference", RECORDED,
                        "(f(z) − f(z − h))/h is the *backward* difference. The central one uses f(z + h) and f(z − h)."),
                Mistake("divided by h, not 2h", RECORDED,
                        "the points z − h and z + h are 2h apart, so divide by 2h: your slopes are twice too large."),
                Mistake("/ 2 * h", RECORDED,
                        "`/ 2 * h` divides by 2 and then *multiplies* by h. Write `/ (2 * h)`."),
                Mistake("sign error", RECORDED,
                        "a sign error: subtract f(z − h) from f(z + h), not the other way round."),
                Mistake("divided by 2, not 2h", RECORDED,
                        "the difference f(z + h) − f(z − h) is divided by the distance between the two points, "
                        "2h; you divided by 2 only."),
                Mistake("divided by 2h²", RECORDED,
                        "divide by the distance between the points, 2h, not by 2h²."),
                Mistake("parentheses around the numerator", RECORDED,
                        "`f(z + h) - f(z - h) / (2 * h)` divides only f(z − h): put the whole difference in "
                        "parentheses, (f(z + h) − f(z − h)) / (2 * h)."),
                Mistake("plus instead of minus", RECORDED,
                        "a slope is a *difference* of values over a distance: f(z + h) − f(z − h), not a sum."),
                Mistake("steps of 2h", RECORDED,
                        "you stepped 2h each way (points 4h apart) but divided by 2h. Step h each way: "
                        "f(z + h) and f(z − h)."),
                Mistake("steps of h/2", RECORDED,
                        "you stepped h/2 each way (points h apart) but divided by 2h. Step h each way: "
                        "f(z + h) and f(z − h)."),
                Mistake("one step, divided by 2h", RECORDED,
                        "f(z + h) − f(z) spans only h; the central difference uses f(z + h) − f(z − h), which "
                        "spans 2h."),
                Mistake("second difference", RECORDED,
                        "(f(z + h) − 2f(z) + f(z − h))/h² estimates the *second* derivative f″. The first "
                        "derivative needs (f(z + h) − f(z − h))/(2h)."),
                Mistake("sigmoid instead of f", RECORDED,
                        "you differentiated sigmoid, whatever f was given: call the f passed in as the first "
                        "argument (the check also tries sin, exp, log, z² and z³)."),
                Mistake("σ′ formula instead of a difference", RECORDED,
                        "f(z)(1 − f(z)) is the slope of σ only, and exactly, not a difference quotient; "
                        "for sin, exp or z² it is meaningless. Compute (f(z + h) − f(z − h))/(2h)."),
                Mistake("np.gradient over the z values", RECORDED,
                        "np.gradient estimates slopes from the *neighbouring values in the array z*, whatever h is: "
                        "its steps are the gaps between your z's. The exercise asks for f(z + h) − f(z − h) over 2h, "
                        "at each z on its own."),
                Mistake("your own step, not h", RECORDED,
                        "your function uses a step of its own instead of the h it is given: the check passes "
                        "different h (from 1e-4 to 1) and expects exactly that step. Use the argument h.",
                        matches=_own_step),
            ),
            hints=(
                "Section 5.7: the central difference is (f(z + h) − f(z − h)) / (2h). `f` is a function: call it.",
                "Work with whole arrays: f(z + h) works when z is an array, as NumPy functions do. No loop needed.",
                "One line: return (f(z + h) − f(z − h)) divided by … — mind the parentheses around the denominator.",
            ),
        ),
        EXERCISE_24,
        Exercise(
            id="2.5", title="how far the cubic holds", stars=2,
            reference=RECORDED,
            cases=lambda: [()], names=(), digits=4, computed=True,
            success="the cubic holds about 1.8 times as far out as the line",
            mistakes=(
                Mistake("the straight line's edge", RECORDED,
                        "that is where the straight line ½ + z/4 leaves the 0.01 band (section 6.4). Measure the "
                        "cubic ½ + z/4 − z³/48 instead."),
                Mistake("the estimate, not the measurement", RECORDED,
                        "(480·0.01)^(1/5) comes from the next term of the series alone (z⁵/480). The exercise asks "
                        "where the true gap σ(z) − (½ + z/4 − z³/48) first exceeds 0.01: measure it."),
                Mistake("the line's estimate", RECORDED,
                        "(48·0.01)^(1/3) estimates where the *line* ½ + z/4 leaves the band, from the z³/48 term "
                        "alone (section 6.4). Measure where the *cubic* ½ + z/4 − z³/48 leaves it."),
                Mistake("sign of the cubic term", RECORDED,
                        "the cubic term is −z³/48 (σ‴(0) = −1/8, so the term is −(1/8)·z³/6). With +z³/48 the "
                        "approximation gets worse, not better."),
                Mistake("the left edge", RECORDED,
                        "that is the edge on the left, z < 0 (the mirror image). The exercise asks for the z > 0."),
                Mistake("z = 0: the search never moved", None,
                        "0 is where a search from 0 starts: np.argmax of a True/False array gives index 0 both when "
                        "the condition already holds at the first grid point and when it never holds. Print the gap "
                        "at a few z: is it |σ(z) − (½ + z/4 − z³/48)|, and does it pass 0.01 on your grid?",
                        matches=lambda got: _one_number(got) == 0.0),
                Mistake("a z below 0", None,
                        "the exercise asks for the edge at z > 0. A search that starts below 0 (a grid from −3) "
                        "finds the far left end first, where the gap is large too: start at 0.",
                        matches=lambda got: _one_number(got) is not None and _one_number(got) <= 0),
                Mistake("another z³ coefficient", RECORDED,
                        "that is the edge of a cubic with another z³ coefficient. The Taylor term is "
                        "σ‴(0)·z³/3! = (−1/8)·z³/6 = −z³/48: divide by 3! = 6 and by 8.",
                        matches=_near_another_edge, needs_expected=True),
                Mistake("another band than 0.01", RECORDED,
                        "that is where the gap leaves a band of another width. The exercise asks where "
                        "|σ(z) − (½ + z/4 − z³/48)| first exceeds 0.01.",
                        matches=_near_another_edge, needs_expected=True),
                Mistake("the gap, not the z", None,
                        "that is the size of the gap at the edge (about 0.01), not the z where it happens. "
                        "Return the z.",
                        matches=lambda got: _one_number(got) is not None and 0.0095 <= _one_number(got) <= 0.0105),
                Mistake("an index, not a z", None,
                        "that looks like a position in your grid (np.argmax gives an index). Return the grid "
                        "value at that index, z[index].",
                        matches=lambda got: _one_number(got) is not None and _one_number(got) > 3
                        and float(_one_number(got)).is_integer()),
                Mistake("not where the gap reaches 0.01", None,
                        "at the z you returned, the gap |σ(z) − (½ + z/4 − z³/48)| is not 0.01 (evaluate it "
                        "there to see). Check the gap you measure, and that you return the first z > 0 where it "
                        "exceeds 0.01.", matches=_not_at_the_edge, needs_expected=True),
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
            reference=RECORDED,
            cases=_third_inputs,
            elementwise=True, rtol=rtol26, atol=atol26, forbidden=FINITE_DIFFERENCES,
            success="612 scores between −20 and 20, σ‴(0) = −1/8 and the zeros of σ‴ included",
            mistakes=(
                Mistake("σ″, not σ‴", RECORDED,
                        "that is σ″ = σ′(1 − 2σ), the second derivative. Differentiate it once more."),
                Mistake("σ′, not σ‴", RECORDED,
                        "that is σ′ = σ(1 − σ), the first derivative. σ‴ is two more differentiations away: "
                        "start from σ″ = σ′(1 − 2σ)."),
                Mistake("one term of the product rule", RECORDED,
                        "σ′(1 − 2σ) is a product of two factors that both depend on z: (uv)′ = u′v + uv′. You kept "
                        "only u′v = σ″(1 − 2σ); add σ′ times the derivative of (1 − 2σ)."),
                Mistake("the other term of the product rule", RECORDED,
                        "−2σ′² is only uv′ of (uv)′ = u′v + uv′; add u′v = σ″·(1 − 2σ) = σ′(1 − 2σ)²."),
                Mistake("sign slip", RECORDED,
                        "the derivative of (1 − 2σ) is −2σ′, with a minus: the second term is −2σ′²."),
                Mistake("−2σ instead of −2σ′", RECORDED,
                        "the derivative of (1 − 2σ) is −2σ′ (chain rule), not −2σ: the second term is −2σ′·σ′."),
                Mistake("−2σ′ instead of −2σ′²", RECORDED,
                        "the second term is u·v′ = σ′·(−2σ′) = −2σ′²: σ′ appears twice."),
                Mistake("−σ′² instead of −2σ′²", RECORDED,
                        "the derivative of (1 − 2σ) is −2σ′, so u·v′ = −2σ′²: the 2 is missing."),
                Mistake("(1 − 2σ) not squared", RECORDED,
                        "u′v = σ″·(1 − 2σ), and σ″ = σ′(1 − 2σ) already has one factor (1 − 2σ): the first term "
                        "is σ′(1 − 2σ)²."),
                Mistake("sign inside 1 − 6σ + 6σ²", RECORDED,
                        "expanding (1 − 2σ)² − 2σ(1 − σ) gives 1 − 4σ + 4σ² − 2σ + 2σ² = 1 − 6σ + 6σ²: the σ² term "
                        "is +6σ²."),
                Mistake("sign error", RECORDED,
                        "a sign error: σ‴(0) must be −1/8 (the cubic term −z³/48 of section 5.6)."),
                Mistake("finite difference instead of the formula", None, FINITE_DIFFERENCE_EXPLANATION,
                        matches=_difference_family(_sigma_second, 1, rtol26, atol26), needs_expected=True),
                Mistake("finite difference instead of the formula", None, FINITE_DIFFERENCE_EXPLANATION,
                        matches=_difference_family(sigmoid_derivative, 2, rtol26, atol26), needs_expected=True),
                Mistake("wrong at z = 0", None,
                        "at z = 0 your function does not give −1/8, the value section 5.6 found for σ‴(0). Put "
                        "σ = ½ and σ′ = ¼ into your formula by hand to find the slip.",
                        matches=breaks_property(_wrong_at_zero, rtol26, atol26), needs_expected=True),
                Mistake("not even", None,
                        "your values differ at z and −z, but σ‴ is even, like σ′: with σ(−z) = 1 − σ(z), "
                        "1 − 6σ + 6σ² and σ(1 − σ) are unchanged. Check each term of your formula.",
                        matches=breaks_property(_not_even, rtol26, atol26), needs_expected=True),
                _nearly(rtol26, atol26),
            ),
            hints=(
                "Start from σ″ = σ′·(1 − 2σ), a product of two functions of z, and use (uv)′ = u′v + uv′ with u = σ′ "
                "and v = 1 − 2σ.",
                "u′ = σ″, which you know from section 5.6, and v′ = −2σ′ (chain rule). Put them into u′v + uv′ and "
                "write everything with s = σ(z) and σ′ = s(1 − s).",
                "With s = sigmoid(z) and d = s(1 − s), the first term u′v is d·(1 − 2s)². Write the second term, "
                "u·v′, with d too, then check: at z = 0 the whole must give −1/8.",
            ),
        ),
        Exercise(
            id="2.7", title="a slope that survives the tails", stars=3,
            reference=RECORDED,
            cases=_tail_inputs,
            elementwise=True, rtol=1e-9, atol=1e-315, forbidden=SLOPES,
            success="1012 scores up to ±1e300, a relative 1e-9 wherever σ′ is a normal float, no warnings",
            mistakes=(
                Mistake("σ(1 − σ) rounds to 0", None,
                        "s·(1 − s) subtracts: once σ(z) is within 1e-16 of 1 (z > 36.7), s is exactly 1.0 and "
                        "1 − s is 0; before that, 1 − s has lost most of its digits. Use a form with no "
                        "subtraction, such as t/(1 + t)² with t = exp(−|z|) (section 5.8).",
                        matches=_lost_to_subtraction, needs_expected=True),
                Mistake("textbook σ, then σ(1 − σ)", RECORDED,
                        "the textbook σ overflows for z < −709, and s·(1 − s) rounds to 0 for z > 36.7. Use a form "
                        "with no subtraction and only exp of numbers ≤ 0: t/(1 + t)² with t = exp(−|z|)."),
                Mistake("the square overflows", RECORDED,
                        "e⁻ᶻ/(1 + e⁻ᶻ)² is the right formula, but for z < −355 the square (1 + e⁻ᶻ)² passes the "
                        "largest float (and e⁻ᶻ itself overflows below −709). σ′ is even: use t = exp(−|z|)."),
                Mistake("the square overflows", RECORDED,
                        "eᶻ/(1 + eᶻ)² is the right formula, but for z > 355 the square (1 + eᶻ)² passes the "
                        "largest float (and eᶻ itself overflows above 709). σ′ is even: use t = exp(−|z|)."),
                Mistake("cosh form overflows", RECORDED,
                        "¼/cosh²(z/2) is a correct identity, but cosh(z/2)² passes the largest float for |z| > 710 "
                        "(and cosh itself for |z| > 1420). Use t/(1 + t)² with t = exp(−|z|): every number in it "
                        "stays between 0 and 4."),
                Mistake("the square missing", RECORDED,
                        "t/(1 + t) with t = exp(−|z|) is σ(−|z|), one factor of σ′ only: the denominator of "
                        "t/(1 + t)² is squared."),
                Mistake("only the leading term e^(−|z|)", RECORDED,
                        "exp(−|z|) is what σ′ tends to far out, but not σ′: with t = exp(−|z|), divide t by (1 + t)², which "
                        "matters near 0 (σ′(0) = ¼, not 1)."),
                Mistake("clipped scores", None,
                        "your function clips z (np.clip or a cap on |z|) before the formula: beyond the cap every "
                        "score gets the slope of the cap. Nothing needs clipping with t = exp(−|z|): it never "
                        "overflows, and its tiny values are the answer.", matches=_clipped_scores, needs_expected=True),
                Mistake("finite difference instead of the formula", None, FINITE_DIFFERENCE_EXPLANATION,
                        matches=_difference_family(sigmoid, 1, 1e-9, 1e-315), needs_expected=True),
                *_slope_properties(1e-9, 1e-315),
            ),
            hints=(
                "Two dangers: a subtraction of nearly equal numbers (1 − σ when σ ≈ 1) and exp of a large positive "
                "number. Section 5.8 avoids both.",
                "σ′ is even, so σ′(z) = σ′(|z|). With t = np.exp(-np.abs(z)), which lies in (0, 1], the formula "
                "e⁻ᶻ/(1 + e⁻ᶻ)² of section 5.1 becomes …?",
                "Another route: σ(z)(1 − σ(z)) = σ(z)·σ(−z), and helpers' `sigmoid` computes σ(−z) without "
                "subtracting. Either way, no `1 -` anywhere.",
            ),
        ),
    )


EXERCISES = with_recordings(_exercises())

QUIZ = (
    Question(text="What is the largest value of $\\sigma'(z)$ over all real $z$?", options=(), answer=0.25,
             explanation="$\\sigma'(z) = \\sigma(1-\\sigma) = \\tfrac14 - (\\sigma - \\tfrac12)^2 \\le \\tfrac14$, "
                         "with equality only where $\\sigma = \\tfrac12$, at $z = 0$."),
    Question(text="In the forward pass a sigmoid unit outputs $0.8$. What is its slope $\\sigma'(z)$ there? "
                  "(You are not told $z$.)", options=(), answer=0.16,
             explanation="$\\sigma' = \\sigma(1 - \\sigma) = 0.8 \\times 0.2 = 0.16$. The output is all you need: "
                         "that is why backpropagation through a sigmoid is cheap."),
    Question(text="How many scores $z$ have $\\sigma'(z) = 0.2$?",
             options=("none", "exactly one", "exactly two, a pair z and −z", "infinitely many"), answer=2,
             explanation="$0.2 < \\tfrac14$, and $\\sigma'$ is even and strictly decreasing in $|z|$: it passes 0.2 "
                         "once on each side of 0. (0.25 is reached once, at $z = 0$; values above ¼ never.)"),
    Question(text="A model with a sigmoid output and the cross-entropy loss scores an applicant who repaid ($y = 0$) "
                  "at $z = 5$, so $\\sigma'(5) \\approx 0.0066$. How large is $\\partial L/\\partial z$ for this applicant?",
             options=("about 0.0066: the small slope silences him", "about 0.993, close to the largest possible",
                      "exactly 0", "about 0.0065, the error times the slope"), answer=1,
             explanation="With cross-entropy $\\partial L/\\partial z = \\sigma(z) - y = 0.993$: the $\\sigma'$ cancels, so a "
                         "confidently wrong applicant sends back a large gradient. The product $(\\sigma - y)\\,\\sigma'$ is the "
                         "squared-error gradient, and $\\sigma'$ does shrink the signal in hidden units (section 6.3)."),
    Question(text="You estimate $\\sigma'(z)$ in float64 with the central difference "
                  "$(\\sigma(z+h) - \\sigma(z-h))/2h$. Which step gives the most accurate estimate?",
             options=("h = 1e-1", "h = 1e-5", "h = 1e-10", "h = 1e-15"), answer=1,
             explanation="The truncation error falls like $h^2$, the rounding error grows like "
                         "$\\varepsilon/h$ ($\\varepsilon \\approx 2.2\\times10^{-16}$); they balance near "
                         "$h \\approx \\varepsilon^{1/3} \\approx 6\\times10^{-6}$."),
)
