"""Chapter 06 · Softmax — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch06.py), and the check uses
what they give on these inputs, recorded in recorded/ch06.npz (see recordings.py).
A mistake that comes in many variants (any clipping bound, any constant) is described by
a ``matches`` predicate; the catch-alls ("wrong only on rows of large scores", "the top
probability at your T is not 0.9") come last, after the specific mistakes.
"""

import importlib

import numpy as np

from ..numerics import logsumexp, sigmoid, softmax
from ..widgets import Question
from .engine import SOFTMAX_SHORTCUTS, Exercise, Mistake, standard_inputs
from .recordings import RECORDED, with_recordings

# The scores of one applicant for the three outcomes (repaid, late, defaulted), used in 6.6.
TEMPERATURE_SCORES = np.array([0.0, 0.3, 1.0])
TARGET_TOP = 0.9

# 6.1 must build σ from a softmax: one of these must be called (np.apply_along_axis counts, because
# softmax called *by* it is not seen as the learner's own call).
SOFTMAX_ITSELF = "helpers.softmax|helpers.log_softmax|scipy.special.softmax|scipy.special.log_softmax|" \
                 "numpy.apply_along_axis"
SIGMOID_ITSELF = ("helpers.sigmoid", "helpers.log_sigmoid", "helpers.sigmoid_derivative",
                  "scipy.special.expit", "scipy.special.log_expit")

FLOAT32_CAUSE = ("your result is in single precision (float32 keeps about 7 significant digits, and numbers "
                 "beyond about 3.4e38 become inf); the check asks for NumPy's default float64. Drop "
                 "dtype=np.float32 / .astype(np.float32) and let the inputs stay float64.")


def _rng(seed):
    return np.random.default_rng(seed)


def _array_like(got, shape):
    """got as a float64 array of the given shape, or None."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    return got if got.shape == tuple(shape) else None


def _same(got, expected, rtol=1e-9, atol=1e-12):
    """got equals expected within the exercises' default precision (nan matching nan)."""
    got = _array_like(got, np.shape(expected))
    if got is None:
        return False
    expected = np.asarray(expected, dtype=float)
    with np.errstate(all="ignore"):
        near = np.abs(got - expected) <= atol + rtol * np.abs(expected)
    return bool(np.all(near | (got == expected) | (np.isnan(got) & np.isnan(expected))))


def _estimate(got, expected):
    """Right to at least 4 significant digits, and not a float32 result: an estimate (finite
    differences) when the answer is wrong on some case (right cases count too: a small step can hit)."""
    got = _array_like(got, np.shape(expected))
    if got is None or not np.all(np.isfinite(got)):
        return False
    expected = np.asarray(expected, dtype=float)
    with np.errstate(all="ignore"):
        through_float32 = np.array_equal(got, got.astype(np.float32).astype(float)) and \
            not np.array_equal(expected, expected.astype(np.float32).astype(float))
    rounded = any(np.array_equal(got, np.round(expected, decimals)) for decimals in range(1, 13))
    return not through_float32 and not rounded and _same(got, expected, 1e-4, 1e-8)


# --- 6.1 the sigmoid as a two-class softmax ------------------------------------------------------

def _other_score(z, got):
    """σ(z − c) for one constant c ≠ 0: softmax([z, c]) instead of softmax([z, 0])."""
    got = _array_like(got, np.shape(z))
    if got is None:
        return False
    usable = (np.abs(z) < 20) & (got > 1e-6) & (got < 1 - 1e-6)
    if usable.sum() < 3:
        return False
    with np.errstate(all="ignore"):
        c = float(np.median(z[usable] - np.log(got[usable] / (1 - got[usable]))))
    return abs(c) > 1e-6 and _same(got, sigmoid(z - c), 1e-6, 1e-9)


def _scaled_score(z, got):
    """σ(k·z) for one factor k ≠ 1: softmax([k·z, 0]) or softmax([z, −z]) (which gives σ(2z))."""
    got = _array_like(got, np.shape(z))
    if got is None:
        return False
    usable = (np.abs(z) > 0.1) & (np.abs(z) < 20) & (got > 1e-6) & (got < 1 - 1e-6)
    if usable.sum() < 3:
        return False
    with np.errstate(all="ignore"):
        k = float(np.median(np.log(got[usable] / (1 - got[usable])) / z[usable]))
    return abs(k - 1) > 1e-6 and _same(got, sigmoid(k * z), 1e-6, 1e-9)


# --- 6.2 and 6.3 one softmax / one log-sum-exp per row ------------------------------------------

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


def _wrong_only_on_large_rows(Z, got, expected):
    """A predicate (needs_expected): the answer is right on every row whose scores are all of ordinary size
    (below 100), and wrong only on rows with a score of 100 or more in size (clipped, or tamed some other way)."""
    got = _array_like(got, np.shape(expected))
    if got is None:
        return False
    with np.errstate(all="ignore"):
        wrong = ~(np.abs(got - expected) <= 1e-12 + 1e-9 * np.abs(expected))
    if wrong.ndim == 2:
        wrong = wrong.any(axis=1)
    return bool(np.all(np.abs(Z[wrong]).max(axis=1, initial=0.0) >= 100))


LARGE_ROWS = ("your values are right for rows of ordinary scores but wrong for rows with scores in the hundreds "
              "or thousands, such as [1000, 1001] or [−800, 0, 800]: something clips, underflows or rounds "
              "there. Shift each row by its own maximum, m = Z.max(axis=1, keepdims=True), and use nothing "
              "else to tame the numbers: the shift is exact.")


# --- 6.4 the cross-entropy gradient --------------------------------------------------------------

def _gradient_cases():
    rng = _rng(64)
    cases = [(np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0], [-1.0, 3.0, 0.5], [0.5, 0.5, 2.0]]),
              np.array([2, 1, 1, 0]))]
    for n, k in ((6, 4), (1, 2), (20, 5), (3, 7)):
        cases.append((rng.normal(0.0, 2.0, (n, k)), rng.integers(0, k, n)))
    cases.append((np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -1000.0]]), np.array([0, 2])))
    return cases


# --- 6.5 and 6.6 temperature ---------------------------------------------------------------------

def _temperature_cases():
    rng = _rng(65)
    z = np.array([1.0, 2.0, 3.0])
    cases = [(z, 1.0), (z, 0.5), (z, 2.0), (rng.normal(0, 2, 5), 0.1), (rng.normal(0, 2, 5), 10.0),
             (TEMPERATURE_SCORES.copy(), 0.01), (np.array([5.0, -5.0]), 100.0),
             (z, 0.001),                                       # z/T = 1000, 2000, 3000: needs the shift
             (rng.normal(0, 1, 8), 0.3),
             (np.array([0.0, 0.999, 1.0]), 0.001)]             # close scores: only T = 0.001 itself separates them
    return [(np.asarray(a, dtype=float), T) for a, T in cases]


def _top_probability(T, z=TEMPERATURE_SCORES):
    return float(np.max(softmax(z / T)))


def _value_cases():
    """The one case of a value exercise, after importing scipy.optimize: a learner who imports it inside
    the answer (for brentq or fsolve) would otherwise spend seconds of the time limit on the import,
    which runs slowly while the check watches every call."""
    try:
        importlib.import_module("scipy.optimize")
    except ImportError:
        pass
    return [()]


def _near(got, *values, rtol=1e-6):
    """got is one real number within rtol of one of the values."""
    try:
        got = float(got)
    except (TypeError, ValueError):
        return False
    return any(abs(got - v) <= rtol * abs(v) for v in values)


def _not_90_percent(got):
    """A positive T at which the top probability is clearly not 0.9 (off by more than 0.005)."""
    try:
        got = float(got)
    except (TypeError, ValueError):
        return False
    if not np.isfinite(got) or got <= 0:
        return False
    with np.errstate(all="ignore"):
        return abs(_top_probability(got) - TARGET_TOP) > 0.005


# --- 6.7 softmax or independent sigmoids? ---------------------------------------------------------

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
             np.ones((2, 3), dtype=np.int64),                      # every row the same count, 3
             np.ones((3, 1), dtype=np.int64),                      # one class, always on
             np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]])]          # one label per row and per column
    return [(Y,) for Y in cases]


def _said(answer):
    """A predicate: the answer said ``answer`` (True or False) for this table."""
    def matches(Y, got):
        return isinstance(got, (bool, np.bool_)) and bool(got) is answer
    return matches


EXERCISES = (
    Exercise(
        id="6.1", title="the sigmoid from a softmax", stars=1,
        reference=RECORDED,
        cases=lambda: [(standard_inputs(extremes=[s * v for v in (36, 40, 500, 745, 746, 1000, 1e300)
                                                  for s in (-1, 1)]),)],
        elementwise=True, forbidden=SIGMOID_ITSELF, required=(SOFTMAX_ITSELF,),
        success="984 scores, extremes up to ±1e300 included, all from a softmax",
        mistakes=(
            Mistake("float32", RECORDED, FLOAT32_CAUSE),
            Mistake("the other class's probability", RECORDED,
                    "you returned 1 − σ(z) = σ(−z), the probability of the other class: the second entry of "
                    "softmax([z, 0]), or the first entry of softmax([−z, 0]) or softmax([0, z]). σ(z) is the "
                    "entry that belongs to the score z in softmax([z, 0])."),
            Mistake("softmax over the wrong axis",
                    RECORDED,
                    "the softmax normalised over all n test scores at once instead of over each pair [z, 0] "
                    "(np.stack([z, zeros]) puts the two classes on axis 0, shape (2, n), while softmax works "
                    "along the last axis). Stack along the last axis (axis=-1), so that each row is one pair."),
            Mistake("the other score is not 0", None,
                    "your values are σ(z − c) for a constant c ≠ 0: the second score must be 0. softmax([z, c]) "
                    "gives σ(z − c), because only the difference of the two scores matters.",
                    matches=_other_score),
            Mistake("the score scaled", None,
                    "your values are σ(k·z) for a factor k ≠ 1: the pair must be [z, 0], with z itself. "
                    "softmax([z, −z]) gives σ(2z), because only the difference of the two scores, 2z, matters.",
                    matches=_scaled_score),
            Mistake("σ′ instead of σ", RECORDED,
                    "your values are σ(z)(1 − σ(z)), the slope σ′(z), not σ(z) itself. Return the first "
                    "probability of the pair as it is."),
        ),
        hints=(
            "Section 5.3: the first entry of softmax([z, 0]) is σ(z). For one number z that is "
            "softmax(np.array([z, 0.0]))[0]; now do it for every entry of an array at once.",
            "Build an array of pairs with one row per score: np.stack([z, np.zeros_like(z)], axis=-1) has "
            "shape (n, 2). helpers.softmax normalises along the last axis by default.",
            "softmax of that (n, 2) array gives two probabilities per row. Which of the two columns is σ(z)?",
        ),
    ),
    Exercise(
        id="6.2", title="a stable softmax for a batch of rows", stars=2,
        reference=RECORDED,
        cases=_row_cases, names=("Z",), forbidden=SOFTMAX_SHORTCUTS,
        success="10 batches, rows like [1000, 1001], [−1000, −1000] and [−800, 0, 800] included, no warnings",
        mistakes=(
            Mistake("no max-subtraction", RECORDED,
                    "np.exp(1000) overflows to inf, and inf/inf is nan. Subtract each row's maximum before "
                    "np.exp (section 5.4): every exponent is then ≤ 0, and the answer is unchanged."),
            Mistake("one max for the whole batch", RECORDED,
                    "you subtracted the largest entry of the whole array. On paper that is exact (any constant "
                    "per row cancels), but a row far below the batch's maximum has every exp underflow to 0, "
                    "and 0/0 is nan. Subtract each row's own maximum: Z.max(axis=1, keepdims=True)."),
            Mistake("shifted by the column maxima", RECORDED,
                    "you subtracted each column's maximum (axis=0). A row far below its columns' maxima has "
                    "every exp underflow to 0, and 0/0 is nan. Subtract each row's own maximum: "
                    "Z.max(axis=1, keepdims=True)."),
            Mistake("normalised over the wrong axis",
                    RECORDED,
                    "you divided by the column sums (axis=0). Each row is one example, so its K "
                    "probabilities must add up to 1: sum along axis=1."),
            Mistake("divided by the sum of the whole batch", RECORDED,
                    "you divided by the sum over the whole array, so all n rows together add up to 1. Each row "
                    "must add up to 1 by itself: divide by the row sums, e.sum(axis=1, keepdims=True)."),
            Mistake("one softmax over the whole batch", RECORDED,
                    "you took one softmax over all n·K entries (one maximum, one sum). Each row is its own "
                    "softmax: its own maximum and its own sum, along axis=1 with keepdims=True."),
            Mistake("not normalised", RECORDED,
                    "these are the shifted exponentials exp(z − m) (dividing them by their row maximum changes "
                    "nothing: it is 1). Divide each row by its sum, so that it adds up to 1."),
            Mistake("returned log-probabilities", RECORDED,
                    "these are the logarithms of the probabilities (log-softmax: z − m − log Σ exp(z − m)). "
                    "Take np.exp of them, or divide the shifted exponentials by their row sum."),
            Mistake("wrong only on rows of large scores", None, LARGE_ROWS,
                    matches=_wrong_only_on_large_rows, needs_expected=True),
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
        reference=RECORDED,
        cases=_row_cases, names=("Z",), forbidden=SOFTMAX_SHORTCUTS,
        success="10 batches, rows like [1000, 1001], [−1000, −1000] and [−800, 0, 800] included, no warnings",
        mistakes=(
            Mistake("log(sum(exp)) overflows", RECORDED,
                    "np.log(np.sum(np.exp(Z))) is the formula as written: np.exp(1000) overflows to inf "
                    "(and for [−1000, −1000] the sum underflows to 0, whose log is −inf). Shift by each "
                    "row's maximum m first: logsumexp(z) = m + log Σ exp(zᵢ − m)."),
            Mistake("forgot to add the max back", RECORDED,
                    "you computed log Σ exp(zᵢ − m), the log-sum-exp of the shifted row. The shift moved every "
                    "score down by m, so the answer moved down by m too: add m back."),
            Mistake("one max for the whole batch",
                    RECORDED,
                    "you used the largest entry of the whole array as the shift. For a row far below it every "
                    "exp underflows to 0 and log 0 = −inf. Shift each row by its own maximum: "
                    "Z.max(axis=1, keepdims=True)."),
            Mistake("over the wrong axis",
                    RECORDED,
                    "you reduced along axis 0, the columns. One value per row (example) means reducing "
                    "along axis=1."),
            Mistake("(n, 1) plus (n,) makes (n, n)",
                    RECORDED,
                    "you added the (n, 1) column of maxima to the (n,) row sums' logs: NumPy broadcasts that to "
                    "an (n, n) table. Make both 1-D first: m[:, 0] (or m.squeeze(axis=1)) plus the logs."),
            Mistake("mean instead of sum",
                    RECORDED,
                    "you took the mean of the exponentials instead of their sum, which lowers every answer by "
                    "log K. Sum along axis=1."),
            Mistake("forgot the log", RECORDED,
                    "you added the maximum to the sum of the shifted exponentials itself; take its log first: "
                    "m + log Σ exp(zᵢ − m)."),
            Mistake("returned the sum of exponentials", RECORDED,
                    "that is Σ exp(zᵢ − m), the row sum before the log. Take its log and add m back."),
            Mistake("log10 instead of the natural log",
                    RECORDED,
                    "np.log10 is the base-10 logarithm; log-sum-exp uses the natural log, np.log."),
            Mistake("the maximum alone", RECORDED,
                    "you returned each row's maximum. That is the largest term, not the whole answer: "
                    "logsumexp = m + log Σ exp(zᵢ − m), and the sum is at least 1 (it includes exp(0))."),
            Mistake("wrong only on rows of large scores", None, LARGE_ROWS,
                    matches=_wrong_only_on_large_rows, needs_expected=True),
        ),
        hints=(
            "Call m the maximum of a row. Then Σ exp(zᵢ) = e^m · Σ exp(zᵢ − m), so "
            "log Σ exp(zᵢ) = m + log Σ exp(zᵢ − m), and every exponent is now ≤ 0.",
            "m = Z.max(axis=1, keepdims=True) has shape (n, 1), so Z − m shifts each row by its own maximum. "
            "Sum the exponentials along axis=1.",
            "The result must have shape (n,), one number per row: the log of each row sum, plus that row's "
            "maximum. Which shape does m have, and how do you make it 1-D?",
        ),
    ),
    Exercise(
        id="6.4", title="the cross-entropy gradient", stars=2,
        reference=RECORDED,
        cases=_gradient_cases, names=("Z", "y"),
        success="7 batches of logits and labels, extremes included",
        mistakes=(
            Mistake("sign flipped", RECORDED,
                    "a sign error: you returned onehot(y) − p, the direction that *lowers* the probability of "
                    "the right class fastest. The gradient of the loss is p − onehot(y)."),
            Mistake("forgot the one-hot", RECORDED,
                    "you subtracted the label y (a class number) from every entry. The gradient subtracts 1 "
                    "only at the position of the true class: p − onehot(y), with onehot(y) a row of zeros and "
                    "a single 1 (np.eye(K)[y])."),
            Mistake("returned p", RECORDED,
                    "these are the probabilities p. The gradient of −log p_y also has the −1 at the true "
                    "class: p − onehot(y)."),
            Mistake("divided by the batch size", RECORDED,
                    "you divided by n, which is the gradient of the *mean* loss. The task asks for each "
                    "example's own gradient, one row per example: p − onehot(y), not divided."),
            Mistake("averaged over the batch", RECORDED,
                    "you averaged the rows into one vector of K numbers. The task asks for each example's "
                    "own gradient: an array of the same shape as Z, one row per example."),
            Mistake("no max-subtraction", RECORDED,
                    "your softmax overflows for logits like [1000, 1001, 999] and gives nan. Use a stable "
                    "softmax (helpers.softmax, or your 6.2)."),
            Mistake("softmax over the wrong axis", RECORDED,
                    "your probabilities add up to 1 down each column (axis=0). Each row is one example: "
                    "softmax along axis=1."),
            Mistake("subtracted 1 everywhere", RECORDED,
                    "you subtracted 1 from every probability. Only the true class's entry gets the −1: "
                    "p − onehot(y)."),
            Mistake("forgot p", RECORDED,
                    "you returned −onehot(y) alone; the gradient is p − onehot(y), with the probabilities p "
                    "of every class."),
            Mistake("only the true class's entry", RECORDED,
                    "only the true class's entry p_y − 1 is filled in; the other classes' entries are p_k, "
                    "not 0: a logit that gets probability pushes the loss up too.",
                    matches=lambda Z, y, got, wrong: _same(got, wrong)),
            Mistake("σ′-style p(1 − p)", RECORDED,
                    "p(1 − p) is the slope of each probability by its own logit, not the loss's gradient. "
                    "The cross-entropy's gradient is simply p − onehot(y)."),
            Mistake("log-probabilities instead of probabilities",
                    RECORDED,
                    "you used log softmax(z) where the gradient needs the probabilities softmax(z) themselves."),
            Mistake("gradient with respect to p", RECORDED,
                    "−onehot(y)/p is the derivative of −log p_y with respect to the probabilities p. The task "
                    "asks for the derivative with respect to the scores z, where the softmax's slope cancels "
                    "it down to p − onehot(y)."),
            Mistake("a finite-difference estimate", None,
                    "your values agree with the exact gradient to 4 to 8 significant digits, but not to 9: "
                    "an estimate (finite differences?) rather than the formula. Use p − onehot(y) itself.",
                    matches=lambda Z, y, got, expected: _estimate(got, expected), needs_expected=True),
        ),
        hints=(
            "Section 5.5: for one example with logits z and true class y, ∂L/∂z = p − onehot(y), where "
            "p = softmax(z) and onehot(y) is a row of K zeros with a 1 at position y.",
            "For the whole batch: P = softmax(Z, axis=1) has one row per example. np.eye(K)[y] stacks "
            "the one-hot rows of the labels y (K = Z.shape[1]).",
            "Combine P and the one-hot rows into an array of the same shape as Z. Each of its rows sums to 0: "
            "a handy test.",
        ),
    ),
    Exercise(
        id="6.5", title="softmax with a temperature", stars=1,
        reference=RECORDED,
        cases=_temperature_cases, names=("z", "T"),
        success="10 score vectors and temperatures from 0.001 to 100",
        mistakes=(
            Mistake("multiplied by T", RECORDED,
                    "you multiplied the scores by T. A temperature divides them: softmax(z / T), so a "
                    "high temperature flattens the probabilities and a low one sharpens them."),
            Mistake("ignored T", RECORDED,
                    "the temperature has no effect in your function. Adding T to every score would not "
                    "help either (only differences of scores matter): divide the scores by T."),
            Mistake("powers not renormalised", RECORDED,
                    "softmax(z/T) does equal p^(1/T) up to a constant factor, with p = softmax(z), but the powers "
                    "no longer sum to 1: divide them by their sum. Simpler: softmax(z / T)."),
            Mistake("no max-subtraction", RECORDED,
                    "a low temperature makes the scores large (z / T = [1000, 2000, 3000] for T = 0.001), and "
                    "np.exp overflows. Use a stable softmax (helpers.softmax), or subtract the maximum of "
                    "z / T (not of z) before np.exp."),
            Mistake("divided the probabilities by T", RECORDED,
                    "you divided the probabilities by T; the temperature divides the scores, before the "
                    "softmax: softmax(z / T)."),
            Mistake("forgot the softmax", RECORDED,
                    "these are the scaled scores z / T; take their softmax."),
            Mistake("returned log-probabilities", RECORDED,
                    "these are the logarithms of the probabilities; return softmax(z / T) itself."),
            Mistake("one-hot at the top score", RECORDED,
                    "a 1 at the largest score and 0 elsewhere is the limit T → 0 only; at other temperatures "
                    "every class keeps some probability: softmax(z / T)."),
        ),
        hints=(
            "Temperature T means: divide every score by T, then take the softmax.",
            "helpers.softmax is stable, so z / T = [1000, 2000, 3000] is no problem for it.",
        ),
    ),
    Exercise(
        id="6.6", title="the temperature for 90 %", stars=3,
        reference=RECORDED,
        cases=_value_cases, names=(), digits=4, computed=True,
        success="T ≈ 0.2808: the top outcome gets exactly 90 %",
        mistakes=(
            Mistake("two-class formula", None,
                    "that T solves σ(Δ/T) = 0.9 for two outcomes only, which ignores the third outcome. Its "
                    "score also takes some probability, so T must be lower still: solve with all three scores.",
                    matches=lambda got: _near(got, 0.7 / np.log(9.0), 1.0 / np.log(9.0))),
            Mistake("steepness instead of temperature", None,
                    "you returned 1/T, the factor the scores are *multiplied* by. The temperature is what "
                    "they are divided by.", matches=lambda got, expected: _near(got, 1 / expected, rtol=1e-3),
                    needs_expected=True),
            Mistake("returned the probability", None,
                    "you returned 0.9, the probability itself; the question asks for the temperature T at "
                    "which the top probability is 0.9.", matches=lambda got: _near(got, TARGET_TOP, rtol=2e-3)),
            Mistake("divided the probabilities by T", None,
                    "that T makes max(softmax(z)) / T equal 0.9: the temperature divides the scores, before "
                    "the softmax, softmax(z / T).",
                    matches=lambda got: _near(got, _top_probability(1.0) / TARGET_TOP, rtol=1e-3)),
            Mistake("the top probability is not 0.9 there", None,
                    "at the T you returned, max(softmax(z / T)) is not close to 0.9 — print it to see. If you "
                    "bisected: keep the half whose ends give a top probability on opposite sides of 0.9 (a "
                    "bisection that keeps the wrong half ends at one end of its interval), and check which "
                    "way the top probability moves as T grows.", matches=_not_90_percent),
        ),
        hints=(
            "Write a function top(T) = the largest entry of softmax(z / T), with z = np.array([0.0, 0.3, 1.0]). "
            "Print it for T = 0.1, 0.5, 1, 2: it falls as T grows, from near 1 towards 1/3.",
            "top(T) − 0.9 changes sign once. Bisection finds where: start with low = 0.01 (top > 0.9) and "
            "high = 1 (top < 0.9), look at the middle, and keep the half in which the sign changes.",
            "Sixty halvings make the interval far smaller than needed. Which number do you return at the end?",
        ),
    ),
    Exercise(
        id="6.7", title="softmax or independent sigmoids?", stars=2,
        reference=RECORDED,
        cases=_label_cases, names=("Y",),
        success="10 label tables, one-hot, multi-label and unlabelled rows included",
        mistakes=(
            Mistake("True and False swapped", None,
                    "every answer is the opposite of the right one: True means independent sigmoids are "
                    "needed, which is when some example does *not* have exactly one label.",
                    matches=lambda Y, got, expected: isinstance(got, (bool, np.bool_)) and bool(got) != expected,
                    needs_expected=True),
            Mistake("forgot rows with no label", RECORDED,
                    "a row with no label at all (a protein found in none of the listed compartments) cannot be "
                    "learnt by a softmax either: its probabilities always add up to 1. Softmax fits only if "
                    "every row has exactly one label."),
            Mistake("forgot rows with two labels", RECORDED,
                    "you only looked for rows with no label. A row with two or more labels (a protein in two "
                    "compartments) needs independent sigmoids too: softmax fits only if every row has exactly "
                    "one label."),
            Mistake("counted labels over the whole set", RECORDED,
                    "you compared the total number of labels with the number of examples. One example with two "
                    "labels and one with none also give that total. Count per row (axis=1)."),
            Mistake("counted per column", RECORDED,
                    "you counted the labels of each class (a column sum, axis=0). What matters is each "
                    "example: count along axis=1, the labels in each row."),
            Mistake("looked at the first row only", RECORDED,
                    "you decided from the first example alone. Every row must have exactly one label for a "
                    "softmax to fit."),
            Mistake("asked whether the rows differ", RECORDED,
                    "you checked whether all rows have the same number of labels. They must all have exactly "
                    "one: every row with two labels also has the same count."),
            Mistake("always True", None,
                    "your function said True for every table, also for one-hot tables like [[1, 0], [0, 1], "
                    "[1, 0]], where a softmax fits. Look at the number of labels in each row.",
                    matches=_said(True)),
            Mistake("always False", None,
                    "your function said False for every table, also for [[1, 1, 0], [0, 1, 0]], where the "
                    "first example has two labels. Look at the number of labels in each row.",
                    matches=_said(False)),
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
EXERCISES = with_recordings(EXERCISES)

QUIZ = (
    Question(text="What is the first entry of $\\operatorname{softmax}([2, 0])$? (Two decimals.)",
             options=(), answer=float(softmax(np.array([2.0, 0.0]))[0]), decimals=2,
             explanation="$e^2/(e^2 + e^0) = 1/(1 + e^{-2}) = \\sigma(2) \\approx 0.88$: the sigmoid is the "
                         "two-class softmax with the second score fixed at 0."),
    Question(text="For the scores $[0, 0]$ the softmax gives $p = (\\tfrac12, \\tfrac12)$. What is the entry "
                  "$\\partial p_1 / \\partial z_2$ of its Jacobian $\\operatorname{diag}(p) - pp^{\\mathsf T}$? (Two decimals.)",
             options=(), answer=-0.25, decimals=2,
             explanation="Off the diagonal the entries are $-p_1 p_2 = -\\tfrac12 \\cdot \\tfrac12 = -0.25$: raising "
                         "$z_2$ lowers $p_1$. The diagonal entry is $p_1(1 - p_1) = 0.25 = \\sigma'(0)$, and each row "
                         "adds up to 0 because the probabilities add up to 1."),
    Question(text="The probabilities are $p = (0.7, 0.2, 0.1)$ and the true class is the first one. What is "
                  "$\\partial L / \\partial z_1$, the gradient of the cross-entropy for the first logit?",
             options=(), answer=-0.3,
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
