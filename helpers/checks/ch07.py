"""Chapter 07 · The sigmoid in the wild — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch07.py), and the check uses
what they give on these inputs, recorded in recorded/ch07.npz (see recordings.py).

Two exercises (7.1, 7.6) accept any weights that do the job: the check builds the neuron or
the network from the numbers the answer returns and compares its outputs with the truth
table within 0.05, so every confident right choice passes and a hard-coded truth table
cannot. Their mistakes are the gates a learner computes by accident (judged by the side of
½ each output falls on), and the weights in the wrong order or a transposed matrix (judged
on the numbers the answer returned, which the builders keep in ``_RETURNED``).
"""

import importlib
from itertools import permutations

import numpy as np

from ..numerics import sigmoid
from ..widgets import Question
from .comparing import as_real_number
from .engine import Exercise, Mistake, standard_inputs
from .recordings import RECORDED, with_recordings

# The four inputs of a two-input logic gate, (0,0), (0,1), (1,0), (1,1): as two arrays and as rows.
X1 = np.array([0.0, 0.0, 1.0, 1.0])
X2 = np.array([0.0, 1.0, 0.0, 1.0])
TRUTH_TABLE = np.column_stack([X1, X2])
MARGIN = 0.05                      # every output of 7.1 and 7.6 within this of its target

# The numbers the answer returned, as the builders read them (7.1: "neuron", 7.6: "network").
_RETURNED = {}


def _number(value, what):
    """One real number (an int, a float, a NumPy number or a one-element array), else TypeError."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        value = value.reshape(())
    number = as_real_number(value)
    if number is None:
        raise TypeError(f"{what} is {type(value).__name__} {value!r:.40}, not a number")
    return number


def _numbers(value, size, what):
    """An array of ``size`` real numbers (a list, tuple or array of any shape), else TypeError/ValueError."""
    if isinstance(value, (str, bytes, dict)) or callable(value):
        raise TypeError(f"{what} is a {type(value).__name__}, not numbers")
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{what} holds {array.dtype} values, not numbers")
    if array.size != size:
        raise ValueError(f"{what} has {array.size} numbers, not {size}")
    return array.astype(float).ravel()


# --- 7.1 a NAND neuron ----------------------------------------------------------------------

NAND_TABLE = 1.0 - X1 * X2          # NAND at (0,0), (0,1), (1,0), (1,1)


def _neuron(w1, w2, b):
    return sigmoid(w1 * X1 + w2 * X2 + b)


def build_neuron(weights):
    """Return (w1, w2, b): three numbers. The check computes σ(w1·x1 + w2·x2 + b) at the four inputs."""
    if isinstance(weights, (str, bytes, dict)) or callable(weights) or not hasattr(weights, "__len__"):
        raise TypeError(f"got {type(weights).__name__}; expected three numbers (w1, w2, b)")
    if len(weights) != 3:
        raise ValueError(f"got {len(weights)} values; expected three numbers (w1, w2, b)")
    _RETURNED.pop("neuron", None)
    w1, w2, b = (_number(v, name) for v, name in zip(weights, ("w1", "w2", "b")))
    _RETURNED["neuron"] = (w1, w2, b)
    return _neuron(w1, w2, b)


def _says(table):
    """A neuron whose outputs fall on the sides of ½ given by ``table`` (0/1 at the four inputs)."""
    def matches(*got):
        got = np.asarray(got[-1], dtype=float)
        return bool(np.all(np.isfinite(got)) and np.all(np.abs(got - 0.5) > 1e-9)
                    and np.array_equal(got > 0.5, np.asarray(table) > 0.5))
    return matches


def _unsure(*got):
    """Every output on the right side of ½, but not all within 0.05 of NAND: right signs, too timid."""
    got = np.asarray(got[-1], dtype=float)
    right_side = np.all((got > 0.5) == (NAND_TABLE > 0.5))
    return bool(right_side and not np.all(np.abs(got - NAND_TABLE) <= MARGIN))


def _all_half(*got):
    return bool(np.all(np.abs(np.asarray(got[-1], dtype=float) - 0.5) <= 1e-9))


def _nand_in_another_order(*got):
    """The three numbers the answer returned make a NAND neuron when taken in another order."""
    returned = _RETURNED.get("neuron")
    if returned is None or np.all(np.abs(_neuron(*returned) - NAND_TABLE) <= MARGIN):
        return False
    return any(np.all(np.abs(_neuron(*order) - NAND_TABLE) <= MARGIN) for order in permutations(returned))


def _wrong_side(*got):
    """Some output is on the wrong side of ½ (whatever the gate)."""
    got = np.asarray(got[-1], dtype=float)
    return bool(np.all(np.isfinite(got)) and not np.array_equal(got > 0.5, NAND_TABLE > 0.5))


# --- 7.2 the loop's error factor --------------------------------------------------------------

# --- 7.3 a soft switch ---------------------------------------------------------------------------

def _switch_cases():
    """(x, u, W1, W2) for several sizes; gates near 1, near 0 and in between (u·x from about −6 to 6)."""
    rng = np.random.default_rng(70)
    cases = [(np.array([1.0, -0.5]), np.array([0.8, 0.4]),                    # a small readable one first
              np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([[0.5, 0.0], [1.0, 1.0]]))]
    for d, m, gate_score in [(2, 2, 0.8), (3, 2, 5.0), (2, 3, -5.0), (1, 1, 2.0), (4, 3, -0.7), (2, 4, 6.0)]:
        x = rng.normal(0, 1, d)
        u = rng.normal(0, 1, d)
        u = u * gate_score / (u @ x)                     # scale u so that u·x is exactly gate_score
        cases.append((x, u, rng.normal(0, 1, (m, d)), rng.normal(0, 1, (m, d))))
    return cases


# --- 7.4 a sigmoid bump ----------------------------------------------------------------------------

def _bump_cases():
    """A short readable case first (its values fit in a message), then 221 points for five bumps."""
    x = np.linspace(-3.0, 8.0, 221)
    readable = [(np.array([-1.0, 0.0, 0.5, 1.0, 2.0]), 0.0, 1.0, 10.0)]
    shapes = [(0.0, 1.0, 10.0), (1.0, 3.0, 2.0), (-2.0, 5.0, 1.5), (2.0, 2.5, 40.0), (-1.0, 0.0, 5.0)]
    return readable + [(x.copy(), a, b, k) for a, b, k in shapes]


def _hard_steps(x, a, b, k, got):
    """0/1 steps at a and b (np.heaviside, x > a): right away from the two edges, with no slope."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    away = (x != a) & (x != b)
    hard = (x > a).astype(float) - (x > b).astype(float)
    return got.shape == x.shape and bool(np.array_equal(got[away], hard[away]))


# --- 7.5 a memory cell after n steps ------------------------------------------------------------------

CELL_CASES = [(1.0, 2.0, 0.0, 10), (1.0, 0.0, 0.1, 5), (-2.0, 1.5, 0.3, 30), (0.5, -1.0, -0.2, 1),
              (3.0, 4.0, 0.05, 0), (0.0, 2.0, 1.0, 100), (2.0, -3.0, 0.5, 7)]


# --- 7.6 XOR by hand ---------------------------------------------------------------------------------

XOR_TABLE = (X1 != X2).astype(float)


def _network(W1, b1, w2, b2):
    return sigmoid(sigmoid(TRUTH_TABLE @ W1 + b1) @ w2 + b2)


def build_network(weights):
    """Return (W1, b1, w2, b2): W1 of shape (2, 2), b1 and w2 of length 2, b2 a number. The check computes σ(σ(X W1 + b1) w2 + b2)."""
    if isinstance(weights, (str, bytes, dict)) or callable(weights) or not hasattr(weights, "__len__"):
        raise TypeError(f"got {type(weights).__name__}; expected four things (W1, b1, w2, b2)")
    if len(weights) != 4:
        raise ValueError(f"got {len(weights)} values; expected four (W1, b1, w2, b2)")
    _RETURNED.pop("network", None)
    W1, b1, w2, b2 = weights
    if isinstance(W1, (str, bytes)):
        raise TypeError(f"W1 is text, {W1!r:.40}; expected a 2 × 2 array of numbers")
    if np.shape(W1) != (2, 2):
        raise ValueError(f"W1 has shape {np.shape(W1)}; expected (2, 2), one column per hidden unit")
    W1 = _numbers(W1, 4, "W1").reshape(2, 2)
    b1, w2 = _numbers(b1, 2, "b1"), _numbers(w2, 2, "w2")
    b2 = float(_numbers(b2, 1, "b2")[0])
    _RETURNED["network"] = (W1, b1, w2, b2)
    return _network(W1, b1, w2, b2)


def _gate(table):
    """A wrong network that computes another gate: outputs that agree with ``table`` within 0.05."""
    def matches(*got):
        return bool(np.all(np.abs(np.asarray(got[-1], dtype=float) - table) <= MARGIN))
    return matches


def _xor_if(change):
    """The numbers the answer returned make XOR once ``change``d (W1 transposed, b1 and w2 swapped)."""
    def matches(*got):
        returned = _RETURNED.get("network")
        if returned is None:
            return False
        with np.errstate(all="ignore"):
            return bool(np.all(np.abs(_network(*change(*returned)) - XOR_TABLE) <= MARGIN))
    return matches


# --- 7.7 the size of the cycle ------------------------------------------------------------------------

def _cycle_cases():
    """Six gains. scipy.optimize is imported first: a learner who imports it inside the answer (for
    brentq) would otherwise spend seconds of the time limit on the import, slowed by the watching."""
    try:
        importlib.import_module("scipy.optimize")
    except ImportError:
        pass
    return [(c,) for c in (8.5, 9.0, 10.0, 12.0, 16.0, 20.0)]


def _shortened(c, got, expected):
    """The cycle's size rounded or cut off to fewer than 6 significant digits (or to a few decimals)."""
    got, right = as_real_number(got), expected
    if got is None or not np.isfinite(got):
        return False
    if abs(got - right) <= 10.0 ** (np.floor(np.log10(right)) - 5):
        return True                     # right here (a rounded value can be); other cases show the rounding
    scale = np.floor(np.log10(right))
    for digits in range(1, 6):
        unit = 10.0 ** (scale - digits + 1)
        if any(abs(got - shortened) <= 1e-9 * right for shortened in (np.round(right / unit) * unit,
                                                                       np.trunc(right / unit) * unit)):
            return True
    return False


def _imprecise(c, got, expected):
    """Within 1 % of the cycle's size, but not to 6 digits, and not simply rounded."""
    got, right = as_real_number(got), expected
    if got is None or not np.isfinite(got):
        return False
    if abs(got - right) <= 10.0 ** (np.floor(np.log10(right)) - 5):
        return True                     # right here; other cases show the imprecision
    return abs(got - right) <= 1e-2 * right and not _shortened(c, got, expected)


def _not_a_root(c, got, expected):
    """A positive number that is clearly not a root of c(σ(e) − ½) = 2e (nor near the cycle's size)."""
    got = as_real_number(got)
    if got is None or not np.isfinite(got) or got <= 0:
        return False
    right = expected
    return abs(got - right) > 1e-2 * right and abs(c * (float(sigmoid(got)) - 0.5) - 2 * got) > 1e-3 * right


def _slope_not_a_quarter(c, got):
    """1 − c·s with one slope s close to ¼ but not ¼ (a finite-difference estimate of σ′(0), say)."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    usable = np.abs(c) > 0.5
    if got.shape != np.shape(c) or usable.sum() < 3:
        return False
    s = float(np.median((1 - got[usable]) / c[usable]))
    return 1e-9 < abs(s - 0.25) < 1e-2 and bool(np.allclose(got, 1 - s * c, rtol=1e-9, atol=1e-12))


EXERCISES = (
    Exercise(
        id="7.1", title="a NAND neuron", stars=1,
        reference=RECORDED,
        cases=lambda: [()], names=(), rtol=0.0, atol=MARGIN, build=build_neuron, builds="neuron",
        success="a neuron within 0.05 of NAND at all four inputs",
        mistakes=(
            Mistake("the numbers in the wrong order", None,
                    "your three numbers make a NAND neuron, but in another order. Return them as (w1, w2, b): "
                    "the two weights first, the bias last.", matches=_nand_in_another_order),
            Mistake("all ½", None,
                    "every output is exactly ½: the weights and the bias are 0, so every score is 0. NAND needs "
                    "negative weights and a positive bias.", matches=_all_half),
            Mistake("OR's weights", None,
                    "your neuron computes OR (0 only at (0, 0)): those are OR's weights. NAND is 0 only at "
                    "(1, 1): the weights must be negative and the bias positive.", matches=_says([0, 1, 1, 1])),
            Mistake("NOR: bias too small", None,
                    "your neuron computes NOR (1 only at (0, 0)): one input on already outweighs the bias. "
                    "With weights −w, the bias must lie between w and 2w, so that one input leaves the score "
                    "positive and two make it negative.", matches=_says([1, 0, 0, 0])),
            Mistake("sign of the bias", None,
                    "every output is below ½: with negative weights the bias must be positive, or even "
                    "(0, 0) gets a negative score.", matches=_says([0, 0, 0, 0])),
            Mistake("AND, not NAND: swapped signs", None,
                    "your neuron computes AND, the opposite of NAND at every input. NAND is 'not AND': "
                    "flip the sign of both weights and of the bias.", matches=_says([0, 0, 0, 1])),
            Mistake("bias too large", None,
                    "every output is above ½, also at (1, 1): the bias outweighs both weights together. With "
                    "weights −w, the bias must lie between w and 2w.", matches=_says([1, 1, 1, 1])),
            Mistake("one input ignored", None,
                    "your neuron follows only one of the two inputs (one weight is 0 or too small): NAND must "
                    "be 0 only when *both* inputs are 1, so both weights must be negative and of similar size.",
                    matches=lambda got: any(_says(t)(got) for t in ([1, 0, 1, 0], [1, 1, 0, 0],
                                                                    [0, 1, 0, 1], [0, 0, 1, 1]))),
            Mistake("right signs, not confident", None,
                    "every output is on the right side of ½, but not within 0.05 of 0 or 1: σ(1) ≈ 0.73 is "
                    "far from 1. Multiply all three numbers by the same factor (say 5) to make the neuron "
                    "confident.", matches=_unsure),
            Mistake("another gate", None,
                    "some output is on the wrong side of ½. Write the four scores b, w2 + b, w1 + b and "
                    "w1 + w2 + b: the first three must be clearly positive and the last clearly negative.",
                    matches=_wrong_side),
        ),
        hints=(
            "One neuron says 1 where w₁x₁ + w₂x₂ + b > 0. Write the four scores for (0,0), (0,1), (1,0), (1,1) in "
            "terms of w₁, w₂, b: which must be positive, which negative?",
            "NAND is 'not AND'. AND works with the line x₁ + x₂ = 1.5, i.e. score x₁ + x₂ − 1.5; flip all the signs.",
            "Scores of ±0.5 give σ ≈ 0.62 or 0.38: not within 0.05. Multiply w₁, w₂ and b by the same factor "
            "until σ is confident (σ(z) > 0.95 needs z > ln 19 ≈ 2.94).",
        ),
    ),
    Exercise(
        id="7.2", title="the loop's error factor", stars=1,
        reference=RECORDED,
        cases=lambda: [(standard_inputs(grid=(0.0, 12.0), n_grid=121, n_random=79, scale=5.0),)],
        elementwise=True, names=("c",), rtol=1e-6, atol=1e-9,
        success="λ = 1 − c/4 for 200 gains",
        mistakes=(
            Mistake("forgot the slope ¼", RECORDED,
                    "near 0, σ(e) − ½ is not e but σ′(0)·e = e/4: the slope ¼ scales the step."),
            Mistake("σ(0) instead of σ′(0)", RECORDED,
                    "½ is the value σ(0); the linearisation needs the slope σ′(0) = ¼."),
            Mistake("sign error", RECORDED,
                    "a sign error: the error is e = r − x, and the step c(σ(e) − ½) is added to x, so it is "
                    "subtracted from e."),
            Mistake("the gain, not the factor", RECORDED,
                    "c/4 is the loop's effective gain; the error factor is what is left of the error after one "
                    "step: e − (c/4)·e."),
            Mistake("times 4 instead of divided by 4", RECORDED,
                    "you multiplied c by 4; the slope σ′(0) = ¼ divides it: 1 − c·σ′(0)."),
            Mistake("¼ on the whole", RECORDED,
                    "you divided the whole of 1 − c by 4; only the step is scaled by σ′(0) = ¼: 1 − c·¼."),
            Mistake("slope not exactly ¼", None,
                    "your values are 1 − c·s with a slope s close to ¼ but not ¼ itself: an estimate of σ′(0) "
                    "(finite differences with a large step?). σ′(0) = σ(0)(1 − σ(0)) = ¼ exactly.",
                    matches=_slope_not_a_quarter),
            Mistake("σ′ at c, not at 0", RECORDED,
                    "you took the slope of σ at c. The loop is linearised around the target, where the error "
                    "e is 0: the slope there is σ′(0) = ¼, the same for every gain."),
        ),
        hints=(
            "Write e_(t+1) = r − x_(t+1) and substitute x_(t+1) = x_t + c(σ(e_t) − ½): you get e_(t+1) in terms "
            "of e_t.",
            "Near e = 0 replace σ(e) by its tangent line ½ + σ′(0)·e. What is σ′(0)?",
            "e_(t+1) ≈ e_t − c·σ′(0)·e_t. Return the factor in front of e_t, for the whole array c at once.",
        ),
    ),
    Exercise(
        id="7.3", title="a soft switch", stars=2,
        reference=RECORDED,
        cases=_switch_cases, names=("x", "u", "W1", "W2"),
        success="seven switches of different sizes, gates from near 0 to near 1",
        mistakes=(
            Mistake("g and 1 − g swapped", RECORDED,
                    "g and 1 − g are swapped (or the gate is σ(−u·x)): with g = σ(u·x), the map W1 must get "
                    "weight g (it takes over when u·x is large), W2 the rest."),
            Mistake("gate not squashed", RECORDED,
                    "the gate is u·x itself; it must be squashed into (0, 1): g = σ(u·x)."),
            Mistake("tanh instead of σ", RECORDED,
                    "your gate is tanh(u·x), which lies in (−1, 1); a gate must lie in (0, 1): g = σ(u·x)."),
            Mistake("forgot 1 − g", RECORDED,
                    "W2x is added in full; it must be weighted by 1 − g so that the two weights add up to 1."),
            Mistake("forgot the second map", RECORDED,
                    "only g·W1x is there; the switch blends two maps: add (1 − g)·W2x."),
            Mistake("gate fixed at ½", RECORDED,
                    "your gate is ½ whatever the input (σ(0), or a plain average): it must depend on x, "
                    "g = σ(u·x)."),
            Mistake("minus instead of plus", RECORDED,
                    "the two parts are added, not subtracted: y = g·W1x + (1 − g)·W2x."),
        ),
        hints=(
            "Three steps: the gate g = σ(u·x) (one number), the two outputs W1 @ x and W2 @ x (two vectors), and "
            "their blend.",
            "u @ x is the dot product of two vectors; W1 @ x is a matrix times a vector, a vector of length m.",
            "Return g * (W1 @ x) + (1 − g) * (...): which map gets the weight 1 − g?",
        ),
    ),
    Exercise(
        id="7.4", title="a sigmoid bump", stars=2,
        reference=RECORDED,
        cases=_bump_cases, names=("x", "a", "b", "k"),
        success="six bumps, narrow and wide, gentle and steep",
        mistakes=(
            Mistake("forgot the steepness k", RECORDED,
                    "both sigmoids need the steepness: σ(k(x − a)) − σ(k(x − b)). Without k the bump is "
                    "too soft to reach 1."),
            Mistake("wrong sign", RECORDED,
                    "the bump points down (≈ −1 between a and b): the step at a must come first, minus the "
                    "step at b."),
            Mistake("sum instead of difference", RECORDED,
                    "a sum of two steps climbs to 2 and stays there; to come back down after b, subtract the "
                    "second step."),
            Mistake("k outside the bracket", RECORDED,
                    "σ(kx − a) rises at x = a/k, not at a: the steepness must multiply (x − a), as in σ(k(x − a))."),
            Mistake("divided by k", RECORDED,
                    "you divided by the steepness: σ((x − a)/k) is gentler for a larger k. The steepness "
                    "multiplies: σ(k(x − a))."),
            Mistake("a single step", RECORDED,
                    "that is one step up at a: it never comes back down. A bump is a step up at a minus a step "
                    "up at b."),
            Mistake("a product, not a difference", RECORDED,
                    "σ(k(x − a))·σ(−k(x − b)) is a bump too, but another one: the exercise asks for the bump of "
                    "section 4, the *difference* of the two steps."),
            Mistake("hard steps", None,
                    "your steps jump from 0 to 1 (np.heaviside, x > a): that is the limit k → ∞. The bump is made "
                    "of two sigmoids of steepness k, which rise smoothly.", matches=_hard_steps),
        ),
        hints=(
            "σ(k(x − a)) is a smooth step from 0 to 1 at x = a. What do you get if you take away an identical "
            "step at x = b?",
            "For x between a and b, the first step is ≈ 1 and the second ≈ 0; beyond b both are ≈ 1.",
            "Two sigmoids of steepness k: one switches on at x = a, the other at x = b. Subtract one from the "
            "other — which from which, so that the result is about 1 between a and b?",
        ),
    ),
    Exercise(
        id="7.5", title="a memory cell after n steps", stars=2,
        reference=RECORDED,
        cases=lambda: list(CELL_CASES), names=("c0", "b", "u", "n"),
        success="seven cells, from 0 to 100 steps",
        mistakes=(
            Mistake("gate without σ", RECORDED,
                    "the cell keeps b times itself; the fraction it keeps is σ(b), which lies in (0, 1)."),
            Mistake("kept 1 − σ(b)", RECORDED,
                    "the cell keeps the fraction σ(b) of itself, not 1 − σ(b) (that is the fraction it forgets)."),
            Mistake("input gated too", RECORDED,
                    "you multiplied the input by σ(b) too: c_t = σ(b)·c_(t−1) + u, the gate acts on the old "
                    "memory only."),
            Mistake("forgot the input", RECORDED,
                    "the input u is added at every step: c_t = σ(b)·c_(t−1) + u."),
            Mistake("one step short", RECORDED,
                    "you ran n − 1 steps; c_n needs n of them (c_1 after one step, c_0 after none)."),
            Mistake("one step too many", RECORDED,
                    "you ran n + 1 steps; c_n needs n of them (range(n) runs n times, range(n + 1) once more)."),
            Mistake("did not carry c forward", RECORDED,
                    "every step starts again from c0 (c = f * c0 + u), so the result is one step whatever n is. "
                    "Each step must start from the previous c: c = f * c + u."),
            Mistake("one term too many in the sum", RECORDED,
                    "the closed form has n inputs: c_n = fⁿc₀ + u(1 + f + … + fⁿ⁻¹) = fⁿc₀ + u(1 − fⁿ)/(1 − f); "
                    "yours has the sum up to fⁿ."),
            Mistake("the steady state", RECORDED,
                    "u/(1 − σ(b)) is where the cell ends up after infinitely many steps; after n steps the "
                    "start c₀ still counts: run the rule exactly n times."),
            Mistake("the input added once", None,
                    "you added u once, after decaying c0; the input is added at *every* step, and each one "
                    "then decays with the later steps: c = σ(b)·c + u, n times.",
                    matches=lambda c0, b, u, n, got: as_real_number(got) is not None and any(
                        abs(as_real_number(got) - v) <= 1e-9 * max(1.0, abs(v))
                        for v in (float(sigmoid(b)) ** n * c0 + u, float(sigmoid(b)) ** n * c0 + (u if n else 0.0)))),
            Mistake("the input not decayed", RECORDED,
                    "each input is kept at the fraction σ(b) at every later step too; adding n·u assumes "
                    "the inputs never fade. Run the rule c = σ(b)·c + u step by step."),
        ),
        hints=(
            "Start with c = c0 and apply the rule c = σ(b)·c + u once per step.",
            "A for loop over range(n) runs exactly n steps (none when n = 0). Compute f = sigmoid(b) once, before "
            "the loop.",
            "Inside the loop: c = f * c + u. What do you return after it?",
        ),
    ),
    Exercise(
        id="7.6", title="XOR by hand", stars=3,
        reference=RECORDED,
        cases=lambda: [()], names=(), rtol=0.0, atol=MARGIN, build=build_network, builds="network",
        success="a 2-2-1 sigmoid network within 0.05 of XOR on the whole truth table",
        mistakes=(
            Mistake("W1 transposed", None,
                    "your network computes XOR once W1 is transposed: you wrote one *row* per hidden unit. The "
                    "check computes X @ W1 with one input per row of X, so W1 needs one *column* per hidden "
                    "unit: W1[:, j] holds the two weights of hidden unit j (transpose your W1).",
                    matches=_xor_if(lambda W1, b1, w2, b2: (W1.T, b1, w2, b2))),
            Mistake("b1 and w2 swapped", None,
                    "your numbers make XOR with b1 and w2 swapped: return them in the order (W1, b1, w2, b2), "
                    "the hidden biases before the output weights.",
                    matches=_xor_if(lambda W1, b1, w2, b2: (W1, w2, b1, b2))),
            Mistake("computes OR", None,
                    "your network computes OR: at (1, 1) it says 1. The output unit must also require the NAND "
                    "unit (or: the second hidden unit must switch off when both inputs are on).",
                    matches=_gate(np.maximum(X1, X2))),
            Mistake("computes NAND", None,
                    "your network computes NAND: at (0, 0) it says 1. It needs an OR unit too, and the output "
                    "must say 1 only when both hidden units do.", matches=_gate(1 - X1 * X2)),
            Mistake("computes AND", None,
                    "your network computes AND. XOR is AND(OR, NAND): the output ANDs two hidden units, which "
                    "compute OR and NAND, not the inputs themselves.", matches=_gate(X1 * X2)),
            Mistake("output sign flipped: XNOR", None,
                    "your network computes XNOR, the exact opposite of XOR: flip the signs of the output unit's "
                    "weights and bias.", matches=_gate(1.0 - XOR_TABLE)),
            Mistake("all ½", None,
                    "every output is ½: the output unit's weights and bias are (close to) 0. Pick weights that "
                    "make its score clearly positive or negative.", matches=_gate(np.full(4, 0.5))),
            Mistake("right side of ½, not confident", None,
                    "every output is on the right side of ½, but not within 0.05 of 0 or 1. Scale the weights "
                    "and biases of every unit up (a factor of 10 or so) so each unit is confident.",
                    matches=lambda got: bool(np.all((np.asarray(got) > 0.5) == (XOR_TABLE > 0.5)))),
            Mistake("another function", None,
                    "some output is on the wrong side of ½. Check each unit on its own: compute the two hidden "
                    "outputs for the four inputs (σ(X @ W1 + b1)), see which gates they are, then the output "
                    "unit on them. XOR = AND(OR, NAND).",
                    matches=lambda got: bool(np.all(np.isfinite(np.asarray(got, dtype=float)))
                                             and not np.array_equal(np.asarray(got) > 0.5, XOR_TABLE > 0.5))),
        ),
        hints=(
            "One hidden unit can compute OR and another NAND (exercise 7.1). When is OR(x₁, x₂) AND NAND(x₁, x₂) "
            "true?",
            "XOR = AND(OR, NAND). Write each of the three units as σ(w·input + b): OR with the line x₁ + x₂ = 0.5, "
            "NAND with x₁ + x₂ = 1.5 (signs flipped), AND on the hidden outputs with h₁ + h₂ = 1.5.",
            "Scale every weight and bias by about 10 so each unit is confident. W1 is 2 × 2 with one column per "
            "hidden unit (the check computes X @ W1 + b1 with one input per row of X); which column is which unit?",
        ),
    ),
    Exercise(
        id="7.7", title="the size of the cycle", stars=3,
        reference=RECORDED,
        cases=_cycle_cases, names=("c",), digits=6,
        success="the cycle's size for six gains from 8.5 to 20",
        mistakes=(
            Mistake("forgot the factor 2", RECORDED,
                    "you solved c(σ(e) − ½) = e. The cycle maps e to −e: e − c(σ(e) − ½) = −e, so the step "
                    "c(σ(e) − ½) must be 2e."),
            Mistake("peak to peak", RECORDED,
                    "that is the distance from −e to e; return the size e itself."),
            Mistake("forgot the −½", RECORDED,
                    "the loop's step is c(σ(e) − ½), not cσ(e): without the −½ the step is not 0 at e = 0."),
            Mistake("the root at 0", None,
                    "e = 0 solves the equation too, but it is the resting point, not the cycle. Look for the "
                    "root with e > 0: start the bisection at a small positive e where h(e) > 0 (for c > 8, "
                    "h(e) = c(σ(e) − ½) − 2e is positive just above 0).",
                    matches=lambda c, got: as_real_number(got) is not None and abs(as_real_number(got)) < 1e-6),
            Mistake("rounded", None,
                    "your values are rounded (or cut off) to fewer than the 6 significant digits the exercise "
                    "asks for. Return the value you computed, unrounded.", matches=_shortened,
                    needs_expected=True),
            Mistake("not precise enough", None,
                    "your values agree with the cycle's size to only 2 to 5 significant digits; the exercise "
                    "asks for 6. Run more bisection steps (or more iterations of the loop, until e stops "
                    "changing), and don't round.", matches=_imprecise, needs_expected=True),
            Mistake("not a root of the cycle equation", None,
                    "the number you return does not satisfy c(σ(e) − ½) = 2e: put it into h(e) = c(σ(e) − ½) − 2e "
                    "and look. If you bisect, keep the half where h changes sign (h > 0 at the low end, h < 0 at "
                    "the high end); a search that keeps the wrong half ends at one end of its interval.",
                    matches=_not_a_root, needs_expected=True),
        ),
        hints=(
            "In a cycle e → −e, one step of e ← e − c(σ(e) − ½) turns e into −e. Write that as an equation for e.",
            "The equation is c(σ(e) − ½) = 2e. h(e) = c(σ(e) − ½) − 2e is positive just above 0 when c > 8 and "
            "negative at e = c: bisection on that interval finds the root.",
            "Bisection: keep [low, high] with h(low) > 0 > h(high); replace one end by the middle 100 times. Or run "
            "the loop e ← e − c(σ(e) − ½) a few thousand times from e = 1: which number should you return then?",
        ),
    ),
)
EXERCISES = with_recordings(EXERCISES)

QUIZ = (
    Question(text="An LSTM's forget gate multiplies the memory cell at every step. What goes wrong over many steps "
                  "if the gate is a ReLU instead of a sigmoid?",
             options=("Nothing: ReLU trains better, so the LSTM improves",
                      "Gate values above 1 make the memory explode, and a gate at 0 wipes it with a gradient of 0",
                      "The memory fades too slowly to be useful",
                      "The cell can no longer store negative values"),
             answer=1,
             explanation="After $T$ steps the memory is the product $f_1 f_2 \\cdots f_T$ times $c_0$. A sigmoid "
                         "keeps each factor in $(0, 1)$: smooth, bounded decay. ReLU factors above 1 multiply up; "
                         "a factor of 0 erases the cell, and ReLU's slope 0 there means no gradient can reopen it."),
    Question(text="Which logic gate can a single sigmoid neuron $\\sigma(w_1x_1 + w_2x_2 + b)$ **not** learn?",
             options=("AND", "OR", "NAND", "XOR"),
             answer=3,
             explanation="A neuron says 1 on one side of a straight line. AND, OR and NAND have such a line "
                         "(NAND: $w = (-2, -2)$, $b = 3$); XOR's 1s sit on one diagonal and its 0s on the other, and "
                         "no line separates them."),
    Question(text="What is the value of the bump $\\sigma(10x) - \\sigma(10(x - 1))$ at its middle, $x = 0.5$? "
                  "Three decimals.",
             options=(), answer=float(np.tanh(10 / 4)), decimals=3,
             explanation="$\\sigma(5) - \\sigma(-5) = 2\\sigma(5) - 1 = \\tanh(2.5) \\approx 0.987$: the "
                         "sharpness $kh = 10$ decides the height."),
    Question(text="A forget gate with a constant pre-activation $a = 2$ and no new input: what fraction of the memory "
                  "is left after 10 steps? Two decimals.",
             options=(), answer=float(sigmoid(2.0) ** 10), decimals=2,
             explanation="Each step keeps $\\sigma(2) \\approx 0.881$, so after 10 steps $0.881^{10} \\approx 0.28$ "
                         "is left."),
)
