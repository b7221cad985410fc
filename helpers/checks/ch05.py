"""Chapter 05 · Vanishing gradients — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch05.py), and the check uses
what they give on these inputs, recorded in recorded/ch05.npz (see recordings.py).
"""

import numpy as np

from ..data import make_loan_data
from ..numerics import sigmoid_derivative
from ..widgets import Question
from .comparing import general_cause
from .engine import SIGMOID_SHORTCUTS, Exercise, Mistake
from .recordings import RECORDED, with_recordings


def _significant(values, digits):
    """values rounded to ``digits`` significant digits."""
    values = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(values == 0, 0, np.floor(np.log10(np.abs(values))))
    factor = 10.0 ** (digits - 1 - scale)
    return np.round(values * factor) / factor


def _rounded(*args_then_got, expected):
    """``matches`` (needs_expected): the right value rounded to some number of significant digits (or decimals)."""
    got = np.asarray(args_then_got[-1], dtype=float)
    right = np.asarray(expected, dtype=float)
    if got.shape != right.shape:
        return False
    if np.all(got == right):
        return True            # consistent with rounding too (0.25 keeps its digits)
    return any(np.allclose(got, _significant(right, n), rtol=1e-12, atol=0) or
               np.allclose(got, np.round(right, n), rtol=1e-12, atol=0) for n in range(1, 16))


# --- 5.1 and 5.2: the ¼ᴸ bound --------------------------------------------------------------

def search_case():
    """The one (empty) case of a value exercise. scipy.optimize is imported here, before the answer
    runs: an answer that imports it itself would otherwise pay for the import while being watched
    (call by call, seconds) and could run into the time limit."""
    import scipy.optimize  # noqa: F401
    return [()]


# --- 5.3: the bipolar sigmoid -----------------------------------------------------------------

def bipolar_inputs():
    """600 scores from −8 to 8, where the candidates differ visibly (further out all of them are ≈ ±1)."""
    rng = np.random.default_rng(3)
    return np.sort(np.concatenate([np.linspace(-8.0, 8.0, 481), rng.uniform(-8.0, 8.0, 119)]))


def _unless_general(predicate, rtol=1e-9, atol=1e-12):
    """``matches`` (needs_expected) for an elementwise exercise: ``predicate(z, got)``, unless a general cause
    the engine names by itself (a constant factor or shift, the sign, rounding, …) explains the values better."""
    def matches(z, got, expected):
        got = np.asarray(got, dtype=float)
        right = np.asarray(expected, dtype=float)
        if got.shape != right.shape:
            return False
        if general_cause([got], [right], [got.dtype], rtol, atol, inputs=z) is not None:
            return False
        return bool(predicate(z, got))
    return matches


def _chain_localiser(single_right):
    """``matches`` for 5.5: the one-unit chains are right (``single_right``) or wrong; never when the value
    is simply the right one times a constant (the sign, a factor of 2), which the engine names."""
    def matches(z, w, got, expected):
        if np.ndim(got) != 0:
            return False
        got, right = float(got), expected
        if len(z) != 1:
            return True
        if not single_right and right != 0 and any(np.isclose(got, k * right, rtol=1e-9, atol=0)
                                                   for k in (-1, 2, 0.5, 4, 0.25, 100, 0.01, -2, -0.5)):
            return False
        return bool(np.isclose(got, right, rtol=1e-9, atol=0)) == single_right
    return matches


def _mirrored(z, got):
    """(values at the z whose mirror −z is also a test input, the values there), for symmetry tests."""
    z, got = np.asarray(z, dtype=float), np.asarray(got, dtype=float)
    order = np.argsort(z)
    z, got = z[order], got[order]
    where = np.searchsorted(z, -z)
    where = np.clip(where, 0, z.size - 1)
    pairs = z[where] == -z
    return got[pairs], got[where[pairs]]


def _odd(z, got):
    here, there = _mirrored(z, got)
    return bool(np.allclose(here, -there, rtol=1e-9, atol=1e-12))


def _even(z, got):
    here, there = _mirrored(z, got)
    return bool(np.allclose(here, there, rtol=1e-8, atol=0))


def _tanh_scaled(z, got):
    """got = tanh(z/c) for one c ≠ 2 (read off at the input where it is best determined)."""
    z, got = np.asarray(z, dtype=float), np.asarray(got, dtype=float)
    usable = (np.abs(got) > 0.05) & (np.abs(got) < 0.95)
    if not np.any(usable):
        return False
    i = np.flatnonzero(usable)[0]
    c = z[i] / np.arctanh(got[i])
    return bool(np.isfinite(c) and c > 0 and abs(c - 2) > 1e-6 and
                np.allclose(got, np.tanh(z / c), rtol=1e-6, atol=1e-9))


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


def _finite_difference_like(X, y, W1, w2, got, expected):
    """Close to the exact gradient, as a finite difference is, but not as close as backpropagation."""
    exact = np.asarray(expected)
    got = np.asarray(got, dtype=float)
    return got.shape == exact.shape and bool(np.all(np.abs(got - exact) <= 1e-5 * np.abs(exact) + 1e-8))


EXERCISES = (
    Exercise(
        id="5.1", title="the best case after L sigmoid layers", stars=1,
        reference=RECORDED,
        cases=lambda: [(L,) for L in range(1, 31)], names=("L",), atol=0.0,
        success="L = 1 to 30, down to ¼³⁰ ≈ 8.7e-19",
        mistakes=(
            Mistake("½ᴸ instead of ¼ᴸ", RECORDED,
                    "½ is σ(0), the sigmoid's value at its midpoint (and the top slope of 2σ − 1). "
                    "The top slope of σ itself is σ(0)·(1 − σ(0)) = ½ · ½ = ¼."),
            Mistake("¼·L instead of ¼ᴸ", RECORDED,
                    "the chain rule multiplies the slopes of the layers, it does not add them: "
                    "L layers give ¼ · ¼ · … · ¼ (L factors)."),
            Mistake("one layer too few", RECORDED,
                    "you have L − 1 factors of ¼; every one of the L layers contributes one."),
            Mistake("one layer too many", RECORDED,
                    "you have L + 1 factors of ¼; L layers contribute one each (the input is not a layer)."),
            Mistake("4ᴸ instead of ¼ᴸ", RECORDED,
                    "each layer *multiplies* the signal by at most ¼, so it shrinks: ¼ᴸ = 1/4ᴸ, not 4ᴸ."),
            Mistake("¼/L instead of ¼ᴸ", RECORDED,
                    "the chain rule multiplies the L slopes together: ¼ · ¼ · … · ¼ = ¼ᴸ, not ¼ divided by L."),
            Mistake("the logarithm of the bound", RECORDED,
                    "L·ln ¼ is ln(¼ᴸ), the logarithm of the bound. Return the bound itself."),
            Mistake("¾ᴸ instead of ¼ᴸ", RECORDED,
                    "¾ = 1 − ¼ is what a layer *loses* at best; what passes through is at most ¼ per layer."),
            Mistake("1 − ¼ᴸ instead of ¼ᴸ", RECORDED,
                    "1 − ¼ᴸ is the fraction lost; the bound is the fraction left, ¼ᴸ."),
            Mistake("(1/16)ᴸ instead of ¼ᴸ", RECORDED,
                    "each layer contributes one factor σ′ ≤ ¼, not σ′² (¼² = 1/16 per layer)."),
            Mistake("whole numbers", None,
                    "your values are whole numbers: integer division // (or int(...)) cut the fractions "
                    "off. Use / and floats: 0.25 ** L or 1 / 4 ** L.",
                    matches=lambda L, got: isinstance(got, (int, np.integer)) and not isinstance(got, bool)
                    and got in (0, 1)),
            Mistake("rounded", None,
                    "your values are rounded to a few significant digits; the check needs more than that. "
                    "Return the value you computed, unrounded (round only when you print).",
                    matches=_rounded, needs_expected=True),
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
        reference=RECORDED,
        cases=search_case, names=(), rtol=1e-9, computed=True,
        success="the smallest L with ¼ᴸ < 10⁻⁹",
        mistakes=(
            Mistake("½ᴸ instead of ¼ᴸ", RECORDED,
                    "that is the depth at which ½ᴸ drops below 1e-9. σ′ is at most ¼, not ½."),
            Mistake("not rounded up", RECORDED,
                    "L = ln(10⁹)/ln 4 solves ¼ᴸ = 10⁻⁹ exactly, but a number of layers is a whole "
                    "number: take the next whole number above it."),
            Mistake("one layer too few", RECORDED,
                    "at that depth ¼ᴸ is still above 10⁻⁹; count one more layer (int() and // cut the "
                    "fraction off: round up instead)."),
            Mistake("one layer too many", RECORDED,
                    "one layer fewer is already below 10⁻⁹: the smallest such L is asked for (check "
                    "where your loop stops and when it counts)."),
            Mistake("not rounded up", None,
                    "L = ln(10⁹)/ln 4 ≈ 14.95 solves ¼ᴸ = 10⁻⁹ exactly, but a number of layers is a whole "
                    "number: take the next whole number above it.",
                    matches=lambda got: abs(float(got) - np.log(1e9) / np.log(4)) < 0.01),
            Mistake("negative L", None,
                    "a number of layers is positive. ln(10⁻⁹) and ln ¼ are both negative; dividing one by "
                    "the other (or ln(10⁹) by ln 4) gives a positive L.",
                    matches=lambda got: -17 < float(got) < -13),
            Mistake("the bound, not L", None,
                    "that is the value of ¼ᴸ (a tiny number); the question asks for the number of layers L.",
                    matches=lambda got: 0 < float(got) < 1e-6),
            Mistake("not the smallest such L", None,
                    "a whole number of layers, but not the smallest L with ¼ᴸ < 10⁻⁹. Print 0.25 ** L for your "
                    "L and its neighbours, and check where your loop or formula stops.",
                    matches=lambda got: float(got) == round(float(got)) and 5 <= float(got) <= 40),
        ),
        hints=(
            "Compute ¼ᴸ for L = 1, 2, 3, … and stop at the first L where it is below 1e-9 "
            "(a while loop, or np.arange and np.argmax on a boolean array).",
            "Or solve ¼ᴸ = 10⁻⁹ with logarithms: L = ln(10⁹) / ln(4). That is not a whole number.",
            "Round up with math.ceil (or np.ceil), or let a while loop count. The answer is a whole "
            "number between 10 and 20 — let your function compute it rather than write it in.",
        ),
    ),
    Exercise(
        id="5.3", title="the bipolar sigmoid through tanh", stars=2,
        reference=RECORDED,
        cases=lambda: [(bipolar_inputs(),)],
        elementwise=True, required=("numpy.tanh|math.tanh",),
        forbidden=SIGMOID_SHORTCUTS + ("numpy.exp", "numpy.expm1", "numpy.exp2", "math.exp", "math.expm1"),
        success="600 scores from −8 to 8",
        mistakes=(
            Mistake("tanh(z)", RECORDED,
                    "the common claim that 2σ(z) − 1 is tanh(z). It is not: check z = 2, where "
                    "2σ(2) − 1 ≈ 0.76 but tanh(2) ≈ 0.96. Multiply the top and bottom of "
                    "(1 − e⁻ᶻ)/(1 + e⁻ᶻ) by e^(z/2) and compare with the definition of tanh."),
            Mistake("tanh(2z)", RECORDED,
                    "the scaling is the wrong way round: tanh(z) = 2σ(2z) − 1, so 2σ(z) − 1 is tanh "
                    "of half of z, not of twice z."),
            Mistake("σ instead of 2σ − 1", RECORDED,
                    "that is σ(z) = (1 + tanh(z/2))/2, with range (0, 1). The bipolar sigmoid "
                    "stretches it to (−1, 1): 2σ(z) − 1."),
            Mistake("tanh(z)/2 instead of tanh(z/2)", RECORDED,
                    "the ½ belongs inside the tanh: tanh(z)/2 halves the output, tanh(z/2) halves the input. "
                    "Check the brackets."),
            Mistake("2·tanh(z/2) − 1", RECORDED,
                    "the 2·(…) − 1 was applied twice: tanh(z/2) already *is* 2σ(z) − 1, with range (−1, 1)."),
            Mistake("2·tanh(z) − 1", RECORDED,
                    "2·(…) − 1 turns σ into the bipolar sigmoid; tanh already has range (−1, 1). "
                    "2σ(z) − 1 is tanh of half of z."),
            Mistake("z // 2", RECORDED,
                    "// is floor division: z // 2 rounds z/2 down to a whole number. Use z / 2."),
            Mistake("(1 + tanh(z))/2", RECORDED,
                    "(1 + tanh(z))/2 is σ(2z), with range (0, 1). The bipolar sigmoid has range (−1, 1): "
                    "it is tanh itself, of a scaled z."),
            Mistake("the wrong scale inside tanh", None,
                    "your values are tanh(z/c) with c ≠ 2: multiplying the top and the bottom of "
                    "(1 − e⁻ᶻ)/(1 + e⁻ᶻ) by e^(z/2) gives tanh of exactly half of z.",
                    matches=_tanh_scaled),
            Mistake("outside (−1, 1)", None,
                    "some of your values lie outside (−1, 1), the range of 2σ(z) − 1 (σ is in (0, 1)). "
                    "Check any shift or factor outside the tanh.",
                    matches=_unless_general(lambda z, got: np.any(np.abs(got) > 1)), needs_expected=True),
            Mistake("not odd", None,
                    "2σ(z) − 1 is odd: its value at −z is minus its value at z, and it is 0 at z = 0 "
                    "(σ(−z) = 1 − σ(z)). Yours is not; look for a shift (+ or − a constant) or a σ left in.",
                    matches=_unless_general(lambda z, got: not _odd(z, got)), needs_expected=True),
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
        reference=RECORDED,
        cases=lambda: [(gain_inputs(),)], elementwise=True, rtol=1e-8,
        success="700 scores from −12 to 12",
        mistakes=(
            Mistake("inverted ratio", RECORDED,
                    "you divided the other way round: σ′(z)/σ′(0) is at most 1. The gain is how many "
                    "times larger the slope is at 0 than at z: σ′(0)/σ′(z)."),
            Mistake("σ instead of σ′", RECORDED,
                    "that is a ratio of values of σ, not of its slopes. The gradient passing through "
                    "a unit is multiplied by σ′(z) = σ(z)(1 − σ(z))."),
            Mistake("difference instead of ratio", RECORDED,
                    "a gain is a factor: how many times larger, σ′(0)/σ′(z), not how much larger."),
            Mistake("1/σ′(z) without σ′(0)", RECORDED,
                    "1/σ′(z) compares the slope with 1; the gain compares it with the slope at 0, "
                    "σ′(0) = ¼: σ′(0)/σ′(z)."),
            Mistake("σ′(z) alone", RECORDED,
                    "that is the slope at z; the gain is how many times larger the slope at 0 is: σ′(0)/σ′(z)."),
            Mistake("operator precedence", RECORDED,
                    "0.25 / s * (1 - s) is (0.25/s)·(1 − s): Python divides and multiplies from left to "
                    "right. Put the whole denominator in brackets: 0.25 / (s * (1 - s))."),
            Mistake("σ(1 + σ) instead of σ(1 − σ)", RECORDED,
                    "σ′(z) = σ(z)(1 − σ(z)), with a minus (chapter 02)."),
            Mistake("cosh²(z) instead of cosh²(z/2)", None,
                    "cosh²(z) = 1/tanh′(z) is the gain of a tanh unit. For the sigmoid, σ′(z) = 1/(4cosh²(z/2)), "
                    "so the gain is cosh²(z/2).",
                    matches=lambda z, got: bool(np.allclose(got, np.cosh(z) ** 2, rtol=1e-4, atol=0))),
            Mistake("cosh(z/2) without the square", RECORDED,
                    "σ′(z) = 1/(4cosh²(z/2)): the gain σ′(0)/σ′(z) is cosh(z/2) *squared*."),
            Mistake("the logarithm of the gain", RECORDED,
                    "that is ln of the gain; return the gain itself, σ′(0)/σ′(z)."),
            Mistake("σ′ squared", RECORDED,
                    "the slope σ′(z) appears once: the gain is σ′(0)/σ′(z), not divided by σ′(z)²."),
            Mistake("not 1 at z = 0", None,
                    "at z = 0 nothing changes, so the gain there is exactly 1; yours is not. The gain is "
                    "σ′(0)/σ′(z), the ratio of the slope at 0 to the slope at z.",
                    matches=_unless_general(lambda z, got: not np.allclose(got[np.asarray(z) == 0], 1.0,
                                                                           rtol=1e-8, atol=0), rtol=1e-8),
                    needs_expected=True),
            Mistake("not symmetric", None,
                    "σ′ is even (σ′(−z) = σ′(z)), so the gain at −z equals the gain at z; yours differs. "
                    "Look for a shifted z or a σ where σ′ belongs.",
                    matches=_unless_general(lambda z, got: not _even(z, got), rtol=1e-8), needs_expected=True),
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
        reference=RECORDED,
        cases=chain_cases, names=("z", "w"), rtol=1e-9, atol=0.0,
        success="38 chains of 1 to 12 units",
        mistakes=(
            Mistake("sum instead of product",
                    RECORDED,
                    "the chain rule multiplies the factors of the units one after the other: "
                    "use np.prod, not np.sum."),
            Mistake("σ instead of σ′",
                    RECORDED,
                    "each unit contributes its slope σ′(z) = σ(z)(1 − σ(z)), not its output σ(z)."),
            Mistake("forgot the weights", RECORDED,
                    "zₗ = wₗ·aₗ₋₁ + bₗ, so ∂zₗ/∂aₗ₋₁ = wₗ: every unit multiplies by its weight as well "
                    "as by its slope."),
            Mistake("forgot the slopes", RECORDED,
                    "that is the product of the weights alone; each unit also multiplies by its slope "
                    "σ′(zₗ) = σ(zₗ)(1 − σ(zₗ))."),
            Mistake("the bound ¼ instead of σ′(z)",
                    RECORDED,
                    "¼ is only the largest slope (at z = 0); each unit has its own slope σ′(zₗ) at the "
                    "score it reached."),
            Mistake("sign lost", RECORDED,
                    "the size is right but the sign is lost (np.abs, or a product of logarithms of |·|): "
                    "a negative weight makes its factor negative, and the product keeps the signs."),
            Mistake("one unit left out", RECORDED,
                    "the product has L − 1 factors: one unit (the first or the last) is missing. "
                    "Every unit l = 1 … L contributes σ′(zₗ)·wₗ.",
                    matches=lambda z, w, got, wrong: any(np.isclose(float(got), value, rtol=1e-9, atol=0)
                                                         for value in wrong)),
            Mistake("only the last unit",
                    RECORDED,
                    "that is the factor of the last unit only; the chain rule multiplies the factors of "
                    "all L units."),
            Mistake("w + σ′ instead of w·σ′",
                    RECORDED,
                    "each unit *multiplies* by its weight and by its slope: σ′(zₗ)·wₗ."),
            Mistake("σ(1 + σ) instead of σ(1 − σ)",
                    RECORDED,
                    "σ′(z) = σ(z)(1 − σ(z)), with a minus (chapter 02)."),
            Mistake("rounded", None,
                    "your values are rounded; the check needs more digits than that. Return the value you "
                    "computed, unrounded (round only when you print).",
                    matches=_rounded, needs_expected=True),
            Mistake("a single unit is wrong", None,
                    "even a chain of one unit gets the wrong value. One unit contributes σ′(z₁)·w₁: its "
                    "slope at the score it reached, times its weight.",
                    matches=_chain_localiser(single_right=False), needs_expected=True),
            Mistake("the factors combined wrongly", None,
                    "your value is right for a chain of one unit but not for longer chains: the chain rule "
                    "*multiplies* the L factors σ′(zₗ)·wₗ, one per unit (np.prod).",
                    matches=_chain_localiser(single_right=True), needs_expected=True),
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
        reference=RECORDED,
        cases=two_layer_cases, names=("X", "y", "W1", "w2"), rtol=1e-11, atol=1e-15,
        forbidden=("helpers.networks.MLP.*", "helpers.numerical_derivative", "helpers.gradient_check"),
        success="seven networks, to 11 significant digits",
        mistakes=(
            Mistake("forgot the hidden layer's σ′", RECORDED,
                    "on its way back to W1 the signal passes through the hidden sigmoid units, which "
                    "multiply it by their slopes a(1 − a) (element by element)."),
            Mistake("kept σ′ at the output", RECORDED,
                    "with the cross-entropy loss the output's σ′ cancels (chapter 04): ∂L/∂z = (p − y)/n, "
                    "with no factor p(1 − p)."),
            Mistake("sum instead of mean", RECORDED,
                    "the loss is the *mean* over the n applicants, so every gradient carries a factor 1/n."),
            Mistake("sign error", RECORDED,
                    "a sign error: ∂L/∂z = p − y (the prediction minus the label), not y − p."),
            Mistake("squared error instead of cross-entropy", RECORDED,
                    "2(p − y)·p(1 − p) is the output gradient of the squared error. With the "
                    "cross-entropy loss the output's σ′ cancels (chapter 04): ∂L/∂z = (p − y)/n."),
            Mistake("σ instead of σ′ in the hidden layer", RECORDED,
                    "the hidden units multiply the signal by their slopes σ′ = A(1 − A), not by their "
                    "outputs A."),
            Mistake("tanh's slope", RECORDED,
                    "1 − A² is the slope of tanh; the hidden units are sigmoids, with slope A(1 − A)."),
            Mistake("σ′ of the outputs A", RECORDED,
                    "sigmoid_derivative(A) is σ′ taken at the outputs A = σ(Z); the slope is σ′(Z) = A(1 − A): "
                    "sigmoid_derivative of the *scores* X·W1, or A * (1 - A)."),
            Mistake("forgot w2", RECORDED,
                    "on its way back from the output to hidden unit j the signal is multiplied by that "
                    "unit's weight w2[j]: ∂L/∂A = outer(∂L/∂z, w2)."),
            Mistake("forgot the output σ", RECORDED,
                    "p = σ(A·w2): the output is a probability. With the raw score A·w2 in place of p, "
                    "(p − y) is not the output's error."),
            Mistake("divided by the number of inputs", RECORDED,
                    "the gradient was divided by the number of input features d = X.shape[1]; the loss is the "
                    "mean over the n = X.shape[0] applicants."),
            Mistake("σ′ squared", RECORDED,
                    "each hidden unit multiplies the signal by its slope A(1 − A) once, not squared."),
            Mistake("a finite difference", None,
                    "your values agree with the exact gradient only to a few digits, as a finite difference "
                    "does (its step h makes an error of about h², and rounding one of about 1e-16/h). The "
                    "exercise asks for backpropagation, which is exact to the last digits.",
                    matches=_finite_difference_like, needs_expected=True),
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
EXERCISES = with_recordings(EXERCISES)

QUIZ = (
    Question(text="Each sigmoid layer multiplies the backward signal by at most ¼. At best, what fraction of "
                  "the signal is left after **5** sigmoid layers (ignoring the weights)? (A fraction such as 1/8 is "
                  "fine, or three significant digits.)",
             options=(), answer=0.25 ** 5, digits=3,
             explanation="$(1/4)^5 = 1/1024 \\approx 0.000977$: about a thousandth, in the best case."),
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
             explanation="$\\sigma'(0)/\\sigma'(4) \\approx 0.25/0.01766 \\approx 14.2$, which is also "
                         "$\\cosh^2(2)$."),
    Question(text="Why do gradient-descent steps taken one example at a time zig-zag when a unit's inputs are "
                  "all sigmoid outputs?",
             options=("Because σ′ ≤ ¼ makes every step too short",
                      "Because for one example every weight's gradient is δ·aⱼ with aⱼ > 0, so all of the "
                      "unit's weights go up together or down together, and a diagonal route needs many turns",
                      "Because sigmoid outputs are noisy",
                      "Because the loss has many local minima"),
             answer=1,
             explanation="All the partial derivatives share the sign of δ, so each step points into the "
                         "'all up' or 'all down' quadrant. If the best weights need one to rise and another "
                         "to fall, the path has to alternate between the two, like a boat tacking into the wind."),
    Question(text="A residual block computes $h + f(h)$ instead of $f(h)$. Why does the first layer of a deep "
                  "stack of such blocks keep a usable gradient?",
             options=("Because the skip connection makes every slope f′ larger",
                      "Because each block's factor becomes 1 + f′ instead of f′: the identity path passes the "
                      "signal back unchanged, so the product over the blocks no longer heads to 0",
                      "Because residual blocks have no weights",
                      "Because the skip connection normalises the scores to mean 0"),
             answer=1,
             explanation="By the chain rule, $\\partial(h + f(h))/\\partial h = 1 + f'(h)$. Multiplied over the "
                         "blocks, the product contains the term 1: one path from the output to the first layer "
                         "goes through no slope at all. The skip does not make the slopes f′ larger: in 6.6 "
                         "they are even smaller, as h grows block by block and the units saturate; the "
                         "identity path needs none of them."),
)
