"""Chapter 06 · Softmax — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
"""

from functools import cache

import numpy as np

from ..numerics import logsumexp, sigmoid, softmax
from ..widgets import Question
from .engine import SOFTMAX_SHORTCUTS, Exercise, Mistake, standard_inputs

# The scores of one applicant for the three outcomes (repaid, late, defaulted), used in 6.6.
TEMPERATURE_SCORES = np.array([0.0, 0.3, 1.0])
TARGET_TOP = 0.9


def _rng(seed):
    return np.random.default_rng(seed)


# --- 6.1 the sigmoid as a two-class softmax ------------------------------------------------------

def _two_class(first, second):
    """softmax over the pairs (first, second), taken along a new last axis."""
    return softmax(np.stack([first, second], axis=-1))


# --- 6.2 and 6.3 one softmax / one log-sum-exp per row ------------------------------------------

def _row_softmax(Z):
    return softmax(np.asarray(Z, dtype=float), axis=1)


def _row_cases():
    """2-D batches: a small square one first (a wrong axis then gives wrong values, not an error;
    small enough to be shown in full), random ones, a single row and a single column, and the
    extremes, one problem at a time."""
    rng = _rng(61)
    cases = [np.array([[1.0, 3.0], [0.0, 0.0]]),
             rng.normal(0.0, 3.0, (5, 4)),
             rng.normal(0.0, 1.0, (1, 6)),                      # one example
             rng.normal(0.0, 1.0, (4, 1)),                      # one class: every probability is 1
             np.array([[1000.0, 1001.0]]),                      # exp overflows without a shift
             np.array([[-1000.0, -1000.0]]),                    # exp underflows to 0, and 0/0 = nan
             np.array([[1000.0, 1001.0], [0.0, 1.0]]),          # rows 1000 apart: one shared max fails
             np.array([[-1000.0, -999.0, -1001.0], [500.0, 500.0, -500.0]]),
             np.array([[-800.0, 0.0, 800.0], [0.0, 2000.0, 1.0]]),    # wide rows: a mean or min shift overflows
             rng.normal(0.0, 50.0, (40, 10))]
    return [(Z,) for Z in cases]


def _naive_rows(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def _shifted_exp(Z):
    return np.exp(Z - Z.max(axis=1, keepdims=True))


def _one_max_for_the_batch(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


# --- 6.4 the cross-entropy gradient --------------------------------------------------------------

def _ce_gradient(Z, y):
    Z = np.asarray(Z, dtype=float)
    return softmax(Z, axis=1) - np.eye(Z.shape[1])[y]


def _gradient_cases():
    rng = _rng(64)
    cases = [(np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0], [-1.0, 3.0, 0.5], [0.5, 0.5, 2.0]]),
              np.array([2, 1, 1, 0]))]
    for n, k in ((6, 4), (1, 2), (20, 5), (3, 7)):
        cases.append((rng.normal(0.0, 2.0, (n, k)), rng.integers(0, k, n)))
    cases.append((np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -1000.0]]), np.array([0, 2])))
    return cases


def _one_hot(Z, y):
    return np.eye(Z.shape[1])[y]


# --- 6.5 and 6.6 temperature ---------------------------------------------------------------------

def _softmax_t(z, T):
    return softmax(np.asarray(z, dtype=float) / T)


def _temperature_cases():
    rng = _rng(65)
    z = np.array([1.0, 2.0, 3.0])
    cases = [(z, 1.0), (z, 0.5), (z, 2.0), (rng.normal(0, 2, 5), 0.1), (rng.normal(0, 2, 5), 10.0),
             (TEMPERATURE_SCORES.copy(), 0.01), (np.array([5.0, -5.0]), 100.0),
             (z, 0.001),                                       # z/T = 1000, 2000, 3000: needs the shift
             (rng.normal(0, 1, 8), 0.3)]
    return [(np.asarray(a, dtype=float), T) for a, T in cases]


def _top_probability(T, z=TEMPERATURE_SCORES):
    return float(np.max(softmax(z / T)))


@cache
def temperature_for_top(target=TARGET_TOP, z=tuple(TEMPERATURE_SCORES)):
    """The T with max softmax(z/T) = target, by bisection: the top probability falls from 1 towards
    1/K as T grows (≈ 0.2808 for z = (0, 0.3, 1) and target 0.9)."""
    z = np.array(z)
    low, high = 1e-3, 100.0
    for _ in range(200):
        middle = (low + high) / 2
        if _top_probability(middle, z) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


# --- 6.7 softmax or independent sigmoids? ---------------------------------------------------------

def _needs_sigmoids(Y):
    """True unless every example has exactly one label (then softmax fits)."""
    return not bool(np.all(np.asarray(Y).sum(axis=1) == 1))


def _label_cases():
    rng = _rng(67)
    one_hot = np.eye(5, dtype=np.int64)[rng.integers(0, 5, 100)]
    # Small tables first (shown in full in messages), each the first to catch one typical mistake.
    cases = [np.array([[1, 0], [0, 1], [1, 0]]),                  # one outcome each: softmax
             np.array([[1, 1, 0], [0, 1, 0]]),                     # a protein in two places
             np.array([[0, 0], [0, 1], [1, 0]]),                   # an example with no label
             np.array([[1, 1], [0, 0]]),                           # 2 labels for 2 examples, not one each
             np.array([[0, 0, 1, 0]]),                             # a single example
             np.array([[1, 0, 0], [1, 0, 1]]),                     # only the second row has two
             one_hot,                                              # 100 one-hot rows
             np.ones((2, 3), dtype=np.int64),
             np.ones((3, 1), dtype=np.int64)]                      # one class, always on
    return [(Y,) for Y in cases]


EXERCISES = (
    Exercise(
        id="6.1", title="the sigmoid from a softmax", stars=1,
        reference=sigmoid,
        cases=lambda: [(standard_inputs(extremes=[s * v for v in (36, 40, 500, 745, 746, 1000, 1e300)
                                                  for s in (-1, 1)]),)],
        elementwise=True, forbidden=("helpers.sigmoid", "helpers.log_sigmoid", "helpers.sigmoid_derivative",
                                     "scipy.special.expit", "scipy.special.log_expit"),
        success="984 scores, extremes up to ±1e300 included",
        mistakes=(
            Mistake("the other class's probability", lambda z: _two_class(z, np.zeros_like(z))[..., 1],
                    "you took the second entry of softmax([z, 0]), the probability of the class whose score "
                    "is 0. That is 1 − σ(z) = σ(−z). Take the first entry, [..., 0]."),
            Mistake("softmax over the wrong axis",
                    lambda z: softmax(np.stack([z, np.zeros_like(z)]))[0],
                    "np.stack([z, zeros]) puts the two classes on axis 0 (shape (2, n)), but softmax "
                    "normalises along the last axis, so it shared one unit of probability among all n test "
                    "scores. Stack along the last axis (axis=-1), so that each row is one pair [z, 0]."),
            Mistake("the other score is not 0", lambda z: _two_class(z, np.ones_like(z))[..., 0],
                    "the second score must be 0: softmax([z, 1]) gives σ(z − 1), because only the "
                    "difference of the two scores matters."),
        ),
        hints=(
            "Section 5.3: the first entry of softmax([z, 0]) is σ(z). For one number z that is "
            "softmax(np.array([z, 0.0]))[0]; now do it for every entry of an array at once.",
            "Build an array of pairs with one row per score: np.stack([z, np.zeros_like(z)], axis=-1) has "
            "shape (n, 2). helpers.softmax normalises along the last axis by default.",
            "softmax of that (n, 2) array gives two probabilities per row; return the column that belongs "
            "to z (index 0 of the last axis).",
        ),
    ),
    Exercise(
        id="6.2", title="a stable softmax for a batch of rows", stars=2,
        reference=_row_softmax,
        cases=_row_cases, names=("Z",), forbidden=SOFTMAX_SHORTCUTS,
        success="10 batches, rows like [1000, 1001], [−1000, −1000] and [−800, 0, 800] included, no warnings",
        mistakes=(
            Mistake("no max-subtraction", _naive_rows,
                    "np.exp(1000) overflows to inf, and inf/inf is nan. Subtract each row's maximum before "
                    "np.exp (section 5.4): every exponent is then ≤ 0, and the answer is unchanged."),
            Mistake("one max for the whole batch", _one_max_for_the_batch,
                    "you subtracted the largest entry of the whole array. On paper that is exact (any constant "
                    "per row cancels), but a row far below the batch's maximum has every exp underflow to 0, "
                    "and 0/0 is nan. Subtract each row's own maximum: Z.max(axis=1, keepdims=True)."),
            Mistake("normalised over the wrong axis",
                    lambda Z: _shifted_exp(Z) / _shifted_exp(Z).sum(axis=0, keepdims=True),
                    "you divided by the column sums (axis=0). Each row is one example, so its K "
                    "probabilities must add up to 1: sum along axis=1."),
        ),
        hints=(
            "Work on the whole array at once. For each row: subtract the row's maximum, take np.exp, divide "
            "by the row's sum. Z.max(axis=1, keepdims=True) is the column of row maxima, shape (n, 1).",
            "keepdims=True keeps the reduced axis with length 1, so Z - Z.max(axis=1, keepdims=True) "
            "subtracts each row's own maximum. Why not Z.max()? Try your function on "
            "np.array([[1000.0, 1001.0], [0.0, 1.0]]).",
            "Subtract each row's own maximum (Z.max(axis=1, keepdims=True) keeps the shape (n, 1), so it "
            "broadcasts along the row), exponentiate, then divide by the row sums: along which axis, and "
            "with which keepdims?",
        ),
    ),
    Exercise(
        id="6.3", title="log-sum-exp of each row", stars=2,
        reference=lambda Z: logsumexp(np.asarray(Z, dtype=float), axis=1),
        cases=_row_cases, names=("Z",), forbidden=SOFTMAX_SHORTCUTS,
        success="10 batches, rows like [1000, 1001], [−1000, −1000] and [−800, 0, 800] included, no warnings",
        mistakes=(
            Mistake("log(sum(exp)) overflows", lambda Z: np.log(np.exp(Z).sum(axis=1)),
                    "np.log(np.sum(np.exp(Z))) is the formula as written: np.exp(1000) overflows to inf "
                    "(and for [−1000, −1000] the sum underflows to 0, whose log is −inf). Shift by each "
                    "row's maximum m first: logsumexp(z) = m + log Σ exp(zᵢ − m)."),
            Mistake("forgot to add the max back", lambda Z: np.log(_shifted_exp(Z).sum(axis=1)),
                    "you computed log Σ exp(zᵢ − m), the log-sum-exp of the shifted row. The shift moved every "
                    "score down by m, so the answer moved down by m too: add m back."),
            Mistake("one max for the whole batch",
                    lambda Z: Z.max() + np.log(np.exp(Z - Z.max()).sum(axis=1)),
                    "you used the largest entry of the whole array as the shift. For a row far below it every "
                    "exp underflows to 0 and log 0 = −inf. Shift each row by its own maximum: "
                    "Z.max(axis=1, keepdims=True)."),
            Mistake("over the wrong axis",
                    lambda Z: Z.max(axis=0) + np.log(np.exp(Z - Z.max(axis=0)).sum(axis=0)),
                    "you reduced along axis 0, the columns. One value per row (example) means reducing "
                    "along axis=1."),
        ),
        hints=(
            "Call m the maximum of a row. Then Σ exp(zᵢ) = e^m · Σ exp(zᵢ − m), so "
            "log Σ exp(zᵢ) = m + log Σ exp(zᵢ − m), and every exponent is now ≤ 0.",
            "m = Z.max(axis=1, keepdims=True) has shape (n, 1), so Z − m shifts each row by its own maximum. "
            "Sum the exponentials along axis=1.",
            "The result must have shape (n,), one number per row: take the log of the row sums and add "
            "the maxima back (m[:, 0], or m.squeeze(axis=1)).",
        ),
    ),
    Exercise(
        id="6.4", title="the cross-entropy gradient", stars=2,
        reference=_ce_gradient,
        cases=_gradient_cases, names=("Z", "y"),
        success="7 batches of logits and labels, extremes included",
        mistakes=(
            Mistake("sign flipped", lambda Z, y: _one_hot(Z, y) - softmax(Z, axis=1),
                    "a sign error: you returned onehot(y) − p, the direction that *lowers* the probability of "
                    "the right class fastest. The gradient of the loss is p − onehot(y)."),
            Mistake("forgot the one-hot", lambda Z, y: softmax(Z, axis=1) - y[:, None],
                    "you subtracted the label y (a class number) from every entry. The gradient subtracts 1 "
                    "only at the position of the true class: p − onehot(y), with onehot(y) a row of zeros and "
                    "a single 1 (np.eye(K)[y])."),
            Mistake("returned p", lambda Z, y: softmax(Z, axis=1),
                    "these are the probabilities p. The gradient of −log p_y also has the −1 at the true "
                    "class: p − onehot(y)."),
            Mistake("divided by the batch size", lambda Z, y: (softmax(Z, axis=1) - _one_hot(Z, y)) / len(y),
                    "you divided by n, which is the gradient of the *mean* loss. The task asks for each "
                    "example's own gradient, one row per example: p − onehot(y), not divided."),
            Mistake("no max-subtraction", lambda Z, y: _naive_rows(Z) - _one_hot(Z, y),
                    "your softmax overflows for logits like [1000, 1001, 999] and gives nan. Use a stable "
                    "softmax (helpers.softmax, or your 6.2)."),
        ),
        hints=(
            "Section 5.5: for one example with logits z and true class y, ∂L/∂z = p − onehot(y), where "
            "p = softmax(z) and onehot(y) is a row of K zeros with a 1 at position y.",
            "For the whole batch: P = softmax(Z, axis=1) has one row per example. np.eye(K)[y] stacks "
            "the one-hot rows of the labels y (K = Z.shape[1]).",
            "Return P minus the one-hot rows, an array of the same shape as Z. Each of its rows sums to 0: "
            "a handy test.",
        ),
    ),
    Exercise(
        id="6.5", title="softmax with a temperature", stars=1,
        reference=_softmax_t,
        cases=_temperature_cases, names=("z", "T"),
        success="9 score vectors and temperatures from 0.001 to 100",
        mistakes=(
            Mistake("multiplied by T", lambda z, T: softmax(z * T),
                    "you multiplied the scores by T. A temperature divides them: softmax(z / T), so a "
                    "high temperature flattens the probabilities and a low one sharpens them."),
            Mistake("ignored T", lambda z, T: softmax(z),
                    "the temperature has no effect in your function. Adding T to every score would not "
                    "help either (only differences of scores matter): divide the scores by T."),
            Mistake("powers not renormalised", lambda z, T: softmax(z) ** (1 / T),
                    "softmax(z/T) does equal p^(1/T) up to a constant factor, with p = softmax(z), but the powers "
                    "no longer sum to 1: divide them by their sum. Simpler: softmax(z / T)."),
            Mistake("no max-subtraction", lambda z, T: np.exp(z / T) / np.exp(z / T).sum(),
                    "a low temperature makes the scores large (z / T = [1000, 2000, 3000] for T = 0.001), and "
                    "np.exp overflows. Use a stable softmax (helpers.softmax), or subtract the maximum first."),
        ),
        hints=(
            "Temperature T means: divide every score by T, then take the softmax.",
            "helpers.softmax is stable, so z / T = [1000, 2000, 3000] is no problem for it.",
        ),
    ),
    Exercise(
        id="6.6", title="the temperature for 90 %", stars=3,
        reference=temperature_for_top,
        cases=lambda: [()], names=(), digits=4, computed=True,
        success="T ≈ 0.281: the top outcome gets exactly 90 %",
        mistakes=(
            Mistake("two-class formula", lambda: (1.0 - 0.3) / np.log(9.0),
                    "that T solves σ((1.0 − 0.3)/T) = 0.9, which ignores the third outcome. Its score also "
                    "takes some probability, so T must be a little lower still."),
            Mistake("steepness instead of temperature", lambda: 1 / temperature_for_top(),
                    "you returned 1/T, the factor the scores are *multiplied* by. The temperature is what "
                    "they are divided by."),
        ),
        hints=(
            "Write a function top(T) = the largest entry of softmax(z / T), with z = np.array([0.0, 0.3, 1.0]). "
            "Print it for T = 0.1, 0.5, 1, 2: it falls as T grows, from near 1 towards 1/3.",
            "top(T) − 0.9 changes sign once. Bisection finds where: start with low = 0.01 (top > 0.9) and "
            "high = 1 (top < 0.9), look at the middle, and keep the half in which the sign changes.",
            "Sixty halvings make the interval far smaller than needed. Return the middle of the final "
            "interval.",
        ),
    ),
    Exercise(
        id="6.7", title="softmax or independent sigmoids?", stars=2,
        reference=_needs_sigmoids,
        cases=_label_cases, names=("Y",),
        success="9 label tables, one-hot, multi-label and unlabelled rows included",
        mistakes=(
            Mistake("forgot rows with no label", lambda Y: bool(np.any(np.asarray(Y).sum(axis=1) > 1)),
                    "a row with no label at all (a protein found in none of the listed compartments) cannot be "
                    "learnt by a softmax either: its probabilities always add up to 1. Softmax fits only if "
                    "every row has exactly one label."),
            Mistake("counted labels over the whole set", lambda Y: bool(np.asarray(Y).sum() != len(Y)),
                    "you compared the total number of labels with the number of examples. One example with two "
                    "labels and one with none also give that total. Count per row (axis=1)."),
            Mistake("looked at the first row only", lambda Y: bool(np.asarray(Y)[0].sum() != 1),
                    "you decided from the first example alone. Every row must have exactly one label for a "
                    "softmax to fit."),
        ),
        hints=(
            "A softmax output says: exactly one class is true for each example. Which property of the rows of "
            "Y does that require?",
            "Y.sum(axis=1) counts the labels of each example. Softmax fits when every count is exactly 1.",
            "Return True (independent sigmoids needed) unless np.all(...) of that condition holds; return a "
            "bool, not an array.",
        ),
    ),
)

QUIZ = (
    Question(text="What is the first entry of $\\operatorname{softmax}([2, 0])$? (Two decimals.)",
             options=(), answer=float(softmax(np.array([2.0, 0.0]))[0]), decimals=2,
             explanation="$e^2/(e^2 + e^0) = 1/(1 + e^{-2}) = \\sigma(2) \\approx 0.88$: the sigmoid is the "
                         "two-class softmax with the second score fixed at 0."),
    Question(text="You add 100 to every one of an applicant's three scores. What happens to the three "
                  "probabilities?",
             options=("They all move towards 1", "Nothing: they stay exactly the same",
                      "The largest one moves towards 1", "They become nan"),
             answer=1,
             explanation="$e^{z_i + 100} = e^{100} e^{z_i}$, and the common factor $e^{100}$ cancels between top "
                         "and bottom: softmax depends only on differences of scores. (The naive formula might "
                         "overflow; the maths does not change.)"),
    Question(text="The probabilities are $p = (0.7, 0.2, 0.1)$ and the true class is the first one. What is "
                  "$\\partial L / \\partial z_1$, the gradient of the cross-entropy for the first logit?",
             options=(), answer=-0.3, tolerance=1e-6,
             explanation="$\\nabla_z L = p - \\text{onehot}(y) = (0.7 - 1,\\ 0.2,\\ 0.1) = (-0.3,\\ 0.2,\\ 0.1)$. "
                         "Negative: gradient descent raises $z_1$."),
    Question(text="What does $\\operatorname{softmax}(z / T)$ tend to as the temperature $T \\to \\infty$?",
             options=("A one-hot vector at the largest score", "The uniform distribution 1/K",
                      "softmax(z), unchanged", "All zeros"),
             answer=1,
             explanation="$z/T \\to 0$ for every entry, and softmax of equal scores is $1/K$ each, the "
                         "distribution with the largest entropy, $\\ln K$. As $T \\to 0$ it tends to one-hot."),
    Question(text="A model tags photos with the animals in them: a photo may show a dog, a cat, both or "
                  "neither. Which output layer fits?",
             options=("A softmax over dog and cat", "A softmax over dog, cat and 'both'",
                      "Two independent sigmoids, one per animal", "A single sigmoid"),
             answer=2,
             explanation="Labels that can be on together (or all off) are multi-label: each gets its own "
                         "probability $\\sigma(z_k)$, and the probabilities need not add up to 1."),
    Question(text="What is $\\operatorname{logsumexp}([1000, 1000]) = \\ln(e^{1000} + e^{1000})$? "
                  "(Three decimals.)",
             options=(), answer=float(logsumexp(np.array([1000.0, 1000.0]))), decimals=3,
             explanation="$\\ln(2 e^{1000}) = 1000 + \\ln 2 \\approx 1000.693$. Computed as written, "
                         "$e^{1000}$ overflows to inf; shifting by the maximum gives $1000 + \\ln(1 + 1)$."),
)
