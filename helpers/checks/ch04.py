"""Chapter 04 · Cross-entropy and its gradient — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch04.py), and the check uses
what they give on these inputs, recorded in recorded/ch04.npz (see recordings.py).
The exercises follow the chapter: the worked case σ = 0.62, y = 0; the gradient σ(z) − y;
one update step; a stable BCE from logits; where MSE + sigmoid pushes hardest; and
gradient descent on the loan data.
"""

from functools import cache

import numpy as np

from ..data import make_loan_data, train_test_split
from ..models import accuracy, train_logistic_regression
from ..numerics import sigmoid
from ..widgets import Question
from .engine import BCE_SHORTCUTS, SLOPE_SHORTCUTS, Exercise, Mistake
from .recordings import RECORDED, with_recordings

SIGMA, LABEL = 0.62, 0          # the chapter's worked case: σ(z) = 0.62, y = 0

# The worked applicant: a repaid loan (y = 0) at 42.8 % debt-to-income and 12.6 years of credit
# history, standardised (1.08, 0.12); the true model gives her z = 0.5, σ(z) ≈ 0.62.
WORKED_X = np.array([1.08, 0.12])
WORKED_W = np.array([1.5, -1.0])
WORKED_B = -1.0


def _rng(seed):
    return np.random.default_rng(seed)


def _one_of(rtol=1e-9, atol=1e-300):
    """A ``matches`` predicate: the answer gives, at every value, what one of the mistake's variants gives.

    For mistakes that come in several spellings or with a free constant (clipping at any ε): the
    mistake's ``wrong`` returns a list of candidate results for the case's arguments.
    """
    def matches(*args_then_got, wrong):
        *args, got = args_then_got
        got = np.asarray(got, dtype=float)
        with np.errstate(all="ignore"):
            for candidate in wrong:
                candidate = np.asarray(candidate, dtype=float)
                if candidate.shape == got.shape and np.all(
                        (np.abs(got - candidate) <= atol + rtol * np.abs(candidate))
                        | (got == candidate) | (np.isnan(got) & np.isnan(candidate))):
                    return True
        return False
    return matches


# --- 4.1 the worked case ------------------------------------------------------------------------

def _worked_entries(wrong, unit=1.01e-4):
    """``matches`` for 4.1: an array of two numbers whose entries listed in ``wrong`` ({index: value})
    are those wrong values, to the four digits the exercise asks for."""
    def matches(got):
        return (isinstance(got, np.ndarray) and got.shape == (2,)
                and all(abs(float(got[i]) - value) <= unit for i, value in wrong.items()))
    return matches


def _rounded_entry(got, index, expected):
    """Entry ``index`` is the right value rounded too far (to 0–3 decimals or 1–3 digits): "rounded"."""
    value, right = float(got[index]), float(expected[index])
    return any(abs(value - round(right, k)) < 1e-12 or abs(value - float(f"{right:.{k + 1}g}")) < 1e-12
               for k in range(4))


def _worked_either(wrong, unit=1.01e-4):
    """``matches`` for 4.1: at least one of the entries in ``wrong`` has its wrong value."""
    def matches(got):
        return (isinstance(got, np.ndarray) and got.shape == (2,)
                and any(abs(float(got[i]) - value) <= unit for i, value in wrong.items()))
    return matches


# --- 4.2 the gradient σ(z) − y and 4.4 the stable loss: (z, y) cases ------------------------------

def _zy_cases(seed):
    """Readable single pairs first (so the first failure is easy to redo by hand), then the
    extremes, then whole arrays over z from −1000 to 1000 with both labels."""
    singles = [(2.0, 0), (2.0, 1), (-3.0, 1), (-3.0, 0), (0.0, 0), (0.0, 1), (0.5, 0), (-0.5, 1),
               (10.0, 1), (-10.0, 0), (20.0, 0), (-20.0, 1), (40.0, 0), (-40.0, 1), (40.0, 1), (-40.0, 0),
               (-800.0, 1), (800.0, 0), (-1000.0, 0), (1000.0, 1), (1000.0, 0), (-1000.0, 1)]
    cases = [(np.float64(z), y) for z, y in singles]
    grid = np.linspace(-1000.0, 1000.0, 2001)
    rng = _rng(seed)
    near = rng.normal(0.0, 8.0, 500)
    cases += [(grid, np.zeros(grid.size, dtype=np.int64)), (grid, np.ones(grid.size, dtype=np.int64)),
              (near, (rng.random(near.size) < 0.5).astype(np.int64)),
              (grid[::7], (rng.random(grid[::7].size) < 0.3).astype(np.int64))]
    return cases


def _right_for_label(label, rtol=1e-9, atol=1e-12):
    """``matches`` (needs_expected): right wherever y == label (the other label's values may be anything)."""
    def matches(z, y, got, expected):
        z, y = np.broadcast_arrays(np.asarray(z, dtype=float), np.asarray(y, dtype=float))
        got = np.asarray(got, dtype=float)
        if got.shape != z.shape:
            return False
        right = np.asarray(expected, dtype=float)
        with np.errstate(all="ignore"):
            ok = (np.abs(got - right) <= atol + rtol * np.abs(right)) | (got == right)
        return bool(np.all(ok[y == label]))
    return matches


# --- 4.3 one step for one applicant ---------------------------------------------------------------

def _one_step_cases():
    rng = _rng(43)
    cases = [(WORKED_X.copy(), 0, WORKED_W.copy(), WORKED_B, 0.5)]   # σ ≈ 0.62, y = 0
    cases.append((WORKED_X.copy(), 1, WORKED_W.copy(), WORKED_B, 0.5))   # had she defaulted
    for d, lr in ((2, 0.1), (2, 1.0), (3, 0.5), (1, 2.0), (5, 0.05), (2, 0.5)):
        y = int(rng.random() < 0.5)
        cases.append((rng.normal(0, 1, d), y, rng.normal(0, 1.5, d), float(rng.normal(0, 1)), lr))
    cases.append((np.zeros(2), 1, np.array([0.3, -0.2]), 0.4, 0.5))   # an all-average applicant
    return cases


# --- 4.4 stable BCE from logits ---------------------------------------------------------------------

# --- 4.5 where MSE + sigmoid pushes hardest ----------------------------------------------------------

def _search_case():
    """The one (empty) case of a value exercise. scipy.optimize is imported here, before the answer
    runs: an answer that imports it itself would otherwise pay for the import while being watched
    (call by call, seconds) and could run into the time limit."""
    import scipy.optimize  # noqa: F401
    return [()]


def _coarse_search(got, expected):
    """Within a few hundredths of the answer but outside three digits, and not simply the answer rounded
    (that is named "rounded")."""
    rounded = any(got == round(expected, k) for k in range(6))
    return not rounded and 1e-3 < abs(got - expected) < 0.06


# --- 4.6 gradient descent on the loan data -------------------------------------------------------------

@cache
def _loan_split():
    train, test = train_test_split(make_loan_data())
    return (np.asarray(train.X_std), np.asarray(train.y), np.asarray(test.X_std), np.asarray(test.y))


def _train_cases():
    X_train, y_train, _, _ = _loan_split()
    # two features, so that a (w, b) tuple is told apart from the 3 parameters by its length
    small_X = np.array([[-2.0, 1.0], [-1.0, 0.5], [1.0, -1.0], [2.0, 0.0]])
    small_y = np.array([0, 1, 1, 1])
    rng = _rng(46)
    X3 = rng.normal(0, 1, (60, 3))
    y3 = (rng.random(60) < sigmoid(X3 @ np.array([1.0, -2.0, 0.5]) + 0.3)).astype(np.int64)
    return [
        (small_X, small_y, 1.0, 0),        # no step: zeros (first, see _wrong_training)
        (small_X, small_y, 1.0, 1),        # one step, small enough to redo by hand
        (X_train.copy(), y_train.copy(), 2.0, 75),   # the model of 6.5 (η = 0.5, 300 steps), 4× faster
        (X3, y3, 0.3, 40),
        (X_train.copy(), y_train.copy(), 5.0, 25),
    ]


@cache
def held_out_accuracies():
    """(accuracy of the model gradient descent learns with η = 2 in 75 steps, of the true model),
    both on the held-out part of the loan data."""
    X_train, y_train, X_test, y_test = _loan_split()
    fit = train_logistic_regression(X_train, y_train, learning_rate=2.0, steps=75)
    params = np.append(fit.w, fit.b)
    data = make_loan_data()
    return (accuracy(X_test, y_test, params[:-1], params[-1]),
            accuracy(X_test, y_test, data.true_w, data.true_b))


EXERCISES = (
    Exercise(
        id="4.1", title="the worked case: loss and gradient", stars=1,
        reference=RECORDED,
        cases=lambda: [()], names=(), digits=4, computed=True,
        success="the loss −ln 0.38 and the gradient σ − y = 0.62",
        mistakes=(
            Mistake("the label y = 1", None,
                    "both numbers are those of a defaulter (y = 1): −ln σ and σ − 1. This applicant repaid, "
                    "y = 0, so the loss is −ln(1 − σ) and the gradient σ − 0.",
                    matches=_worked_entries({0: -np.log(SIGMA), 1: SIGMA - 1})),
            Mistake("squared error instead of cross-entropy", None,
                    "(σ − y)² and its gradient 2(σ − y)·σ(1 − σ) belong to the squared error (MSE). "
                    "Binary cross-entropy is −[y ln σ + (1 − y) ln(1 − σ)], with gradient σ − y.",
                    matches=_worked_either({0: (SIGMA - LABEL) ** 2, 1: 2 * (SIGMA - LABEL) * SIGMA * (1 - SIGMA)})),
            Mistake("the y = 1 term", None,
                    "the loss uses −ln σ, the term for a defaulter (y = 1). This applicant repaid "
                    "(y = 0), so only −ln(1 − σ) is left: the probability the model gave to what happened.",
                    matches=_worked_entries({0: -np.log(SIGMA)})),
            Mistake("base-10 logarithm", None,
                    "np.log10 is the base-10 logarithm; cross-entropy uses the natural log, np.log.",
                    matches=_worked_entries({0: -np.log10(1 - SIGMA)})),
            Mistake("base-2 logarithm", None,
                    "np.log2 measures the loss in bits; the course's cross-entropy uses the natural log, np.log.",
                    matches=_worked_entries({0: -np.log2(1 - SIGMA)})),
            Mistake("missing minus sign", None,
                    "the loss is negative. ln of a probability is ≤ 0, and BCE is its *negative*, so a "
                    "loss is never below 0.",
                    matches=_worked_entries({0: np.log(1 - SIGMA)})),
            Mistake("forgot the log", None,
                    "that is the probability the model gave to what happened, not the loss: take −ln of it.",
                    matches=_worked_entries({0: 1 - SIGMA})),
            Mistake("both terms", None,
                    "−ln σ − ln(1 − σ) adds both terms. The label picks one: y·(−ln σ) + (1 − y)·(−ln(1 − σ)) "
                    "with y = 0 leaves only −ln(1 − σ).",
                    matches=_worked_entries({0: -np.log(SIGMA) - np.log(1 - SIGMA)})),
            Mistake("the gradient for y = 1", None,
                    "σ − 1 is the gradient for a defaulter (y = 1). She repaid: y = 0, so ∂L/∂z = σ − 0.",
                    matches=_worked_entries({1: SIGMA - 1})),
            Mistake("sign error in the gradient", None,
                    "the gradient has the wrong sign: ∂L/∂z = σ(z) − y, prediction minus label. "
                    "y − σ is the direction that *lowers* the loss, the negative gradient.",
                    matches=_worked_entries({1: LABEL - SIGMA})),
            Mistake("σ′ instead of σ − y", None,
                    "σ(1 − σ) is σ′(z), only one factor of the chain rule. Multiply it by ∂L/∂σ: "
                    "the σ(1 − σ) cancels and σ − y is left.",
                    matches=_worked_entries({1: SIGMA * (1 - SIGMA)})),
            Mistake("∂L/∂σ instead of ∂L/∂z", None,
                    "1/(1 − σ) is the derivative with respect to σ. The chain rule needs one more factor, "
                    "dσ/dz = σ(1 − σ): then σ − y is left.",
                    matches=_worked_entries({1: 1 / (1 - SIGMA)})),
            Mistake("1 − σ instead of σ − y", None,
                    "1 − σ = 0.38 is the probability of repaying. The gradient is prediction minus label: "
                    "σ − y = 0.62 − 0.",
                    matches=_worked_entries({1: 1 - SIGMA})),
            Mistake("σ in place of y", None,
                    "−[σ ln σ + (1 − σ) ln(1 − σ)] puts the prediction where the label belongs (that is the "
                    "entropy of the prediction). The label is y = 0: −[0·ln σ + 1·ln(1 − σ)].",
                    matches=_worked_entries({0: -(SIGMA * np.log(SIGMA) + (1 - SIGMA) * np.log(1 - SIGMA))})),
            Mistake("the gradient is wrong", None,
                    "your loss is right but the gradient is not. ∂L/∂z = σ(z) − y (section 5.2): the σ′ of "
                    "the chain rule cancels, and no log is left.",
                    matches=lambda got, expected: _worked_entries({0: expected[0]})(got)
                    and not _worked_entries({1: expected[1]})(got) and not _rounded_entry(got, 1, expected),
                    needs_expected=True),
            Mistake("the loss is wrong", None,
                    "your gradient is right but the loss is not. With y = 0, BCE = −[y ln σ + (1 − y) ln(1 − σ)] "
                    "is −ln(1 − σ), with the natural log.",
                    matches=lambda got, expected: _worked_entries({1: expected[1]})(got)
                    and not _worked_entries({0: expected[0]})(got) and not _rounded_entry(got, 0, expected),
                    needs_expected=True),
        ),
        hints=(
            "With y = 0 the first term of BCE = −[y ln σ + (1 − y) ln(1 − σ)] vanishes. The gradient "
            "with respect to z is the formula of section 5.2.",
            "The loss is −ln(1 − 0.62); use np.log (natural log). The gradient σ − y needs no log at all.",
            "Return np.array([loss, gradient]) — two numbers, computed with NumPy.",
        ),
    ),
    Exercise(
        id="4.2", title="the gradient ∂BCE/∂z", stars=2,
        reference=RECORDED,
        cases=lambda: _zy_cases(42), names=("z", "y"), forbidden=SLOPE_SHORTCUTS + ("helpers.models.*",),
        success="22 single (z, y) pairs and 4 arrays, z from −1000 to 1000, both labels, no warnings",
        mistakes=(
            Mistake("sign error", RECORDED,
                    "a sign error: ∂L/∂z = σ(z) − y, prediction minus label. A defaulter (y = 1) the "
                    "model rates too low must get a *negative* gradient, so that gradient descent "
                    "raises z."),
            Mistake("only σ′", RECORDED,
                    "σ(z)(1 − σ(z)) is σ′(z), the second factor of the chain rule only. Multiply it by "
                    "∂L/∂σ = (σ − y)/(σ(1 − σ)) and simplify."),
            Mistake("MSE-style chain", RECORDED,
                    "(σ − y)·σ′ multiplies the error by σ′ once too often: that is the chain rule for "
                    "the squared error. For BCE, ∂L/∂σ = (σ − y)/(σ(1 − σ)) cancels the σ′ exactly."),
            Mistake("MSE gradient", RECORDED,
                    "2(σ − y)·σ(1 − σ) is the gradient of the squared error (σ − y)², not of "
                    "cross-entropy."),
            Mistake("∂L/∂σ instead of ∂L/∂z", RECORDED,
                    "−y/σ + (1 − y)/(1 − σ) is the derivative with respect to σ. The chain rule "
                    "needs one more factor, dσ/dz = σ(1 − σ)."),
            Mistake("forgot y", RECORDED,
                    "that is σ(z) alone; the label has to enter: ∂L/∂z = σ(z) − y."),
            Mistake("σ(−z) instead of σ(z)", RECORDED,
                    "1 − σ(z) = σ(−z) is the probability of the *other* label. The gradient is the "
                    "probability of default minus the label: σ(z) − y."),
            Mistake("forgot the (1 − y) term", RECORDED,
                    "only the y·(−ln σ) term was differentiated, so every repaid loan (y = 0) gets 0. "
                    "The (1 − y)·(−ln(1 − σ)) term adds (1 − y)·σ."),
            Mistake("forgot the y term", RECORDED,
                    "only the (1 − y)·(−ln(1 − σ)) term was differentiated, so every defaulter (y = 1) gets 0. "
                    "The y·(−ln σ) term adds −y·(1 − σ)."),
            Mistake("labels swapped", RECORDED,
                    "σ(z) − (1 − y) treats a defaulter as a repayer and back. y = 1 means default, and the "
                    "gradient is σ(z) − y."),
            Mistake("σ + y instead of σ − y", RECORDED,
                    "the label is subtracted: ∂L/∂z = σ(z) − y, prediction minus label."),
            Mistake("the size, not the signed gradient", RECORDED,
                    "the sign is part of the gradient: for a defaulter (y = 1) σ(z) − 1 is negative, which "
                    "tells gradient descent to *raise* z. Drop the np.abs."),
            Mistake("divided by the number of values", None,
                    "the gradient was divided by how many values there are (a mean). Each (z, y) pair gets "
                    "its own derivative, σ(z) − y, element by element; no averaging.",
                    matches=lambda z, y, got, expected: bool(np.allclose(
                        np.asarray(got, dtype=float) * np.size(z), expected, rtol=1e-9, atol=1e-12)),
                    needs_expected=True),
            Mistake("clipped", RECORDED,
                    "z (or σ) was clipped, so far out the gradient stops at the clipping value instead of "
                    "following σ(z) − y. The stable `sigmoid` needs no clipping.",
                    matches=_one_of(rtol=1e-9, atol=1e-12)),
            Mistake("wrong for defaulters (y = 1)", None,
                    "your values are right for every repaid loan (y = 0) but not for the defaulters. For y = 1 "
                    "the gradient is σ(z) − 1, negative: the loss falls when z rises.",
                    matches=_right_for_label(0), needs_expected=True),
            Mistake("wrong for repaid loans (y = 0)", None,
                    "your values are right for every defaulter (y = 1) but not for the repaid loans. For y = 0 "
                    "the gradient is σ(z) − 0, positive: the loss falls when z falls.",
                    matches=_right_for_label(1), needs_expected=True),
        ),
        hints=(
            "Write L = −[y ln σ + (1 − y) ln(1 − σ)] with σ = σ(z). Differentiate with respect to σ "
            "first, then multiply by dσ/dz = σ(1 − σ) (chapter 02).",
            "∂L/∂σ = −y/σ + (1 − y)/(1 − σ). Put both terms over the common denominator σ(1 − σ): "
            "what is left in the numerator?",
            "The σ(1 − σ) cancels. Return the result with `sigmoid` (it is stable, so z = ±1000 "
            "raises no warning), for arrays z and y of the same shape.",
        ),
    ),
    Exercise(
        id="4.3", title="one step for one applicant", stars=2,
        reference=RECORDED,
        cases=_one_step_cases, names=("x", "y", "w", "b", "learning_rate"), forbidden=("helpers.models.*",),
        success="10 applicants with 1 to 5 features, both labels, the worked case first",
        mistakes=(
            Mistake("gradient ascent", RECORDED,
                    "the step went uphill: gradient descent *subtracts* η times the gradient, "
                    "w ← w − η(σ − y)x and b ← b − η(σ − y)."),
            Mistake("forgot the bias update", RECORDED,
                    "b did not move. ∂L/∂b = σ − y (∂z/∂b = 1), so b takes a step too."),
            Mistake("only the bias updated", RECORDED,
                    "only b moved. Each weight moves too, by −η(σ − y)xⱼ (∂z/∂wⱼ = xⱼ)."),
            Mistake("MSE-style chain", RECORDED,
                    "the gradient was multiplied by σ′ = σ(1 − σ); for cross-entropy ∂L/∂z is just σ − y."),
            Mistake("probability instead of score",
                    RECORDED,
                    "that is the new probability σ(z′); return the new score z′ = w′·x + b′."),
            Mistake("score before the step", RECORDED,
                    "that is the score before the step: update w and b first, then compute z′ = w′·x + b′."),
            Mistake("forgot y", RECORDED,
                    "the gradient used was σ(z) alone; the label has to enter: ∂L/∂z = σ(z) − y."),
            Mistake("forgot the learning rate", RECORDED,
                    "the step was the whole gradient: w′ = w − η·g·x and b′ = b − η·g, with η = learning_rate."),
            Mistake("forgot x in ∂L/∂w", RECORDED,
                    "every weight moved by −η(σ − y), the same for all. ∂z/∂wⱼ = xⱼ, so weight j moves by "
                    "−η(σ − y)·xⱼ: w′ = w − η·g·x."),
            Mistake("left out b", RECORDED,
                    "the new score has no bias: z′ = w′·x + b′, with b′ = b − η(σ − y)."),
            Mistake("divided by the number of features", RECORDED,
                    "the step was divided by the number of features. A *mean* over applicants divides by "
                    "how many applicants there are; here there is one, so nothing is divided."),
        ),
        hints=(
            "Three stages: the score z = w·x + b and its gradient g = σ(z) − y; the step "
            "w′ = w − η·g·x, b′ = b − η·g; the new score z′ = w′·x + b′.",
            "x and w are arrays of the same length, so w·x is x @ w (or np.dot). g is one number; "
            "g * x is an array like w.",
            "Return z′, a single number. For the worked applicant (the first case of the check) "
            "it is lower than z: which way should a repaid loan's score move?",
        ),
    ),
    Exercise(
        id="4.4", title="a stable BCE from logits", stars=2,
        reference=RECORDED,
        cases=lambda: _zy_cases(44), names=("z", "y"), atol=1e-320, forbidden=BCE_SHORTCUTS,
        success="22 single (z, y) pairs and 4 arrays, z from −1000 to 1000, both labels, no warnings",
        mistakes=(
            Mistake("naive formula", RECORDED,
                    "this is −[y ln σ + (1 − y) ln(1 − σ)] computed from σ. Once σ(z) rounds to 0 "
                    "(z < −745) or 1 (z > 36.7), a log of 0 gives inf or nan, and well before that "
                    "1 − σ has lost its digits. Work from z: max(z, 0) − z·y + ln(1 + e^(−|z|)) (section 5.5)."),
            Mistake("naive formula", RECORDED,
                    "this is −[y ln σ + (1 − y) ln(1 − σ)] computed from σ: even a stable σ rounds to "
                    "1 for z > 36.7, and ln(1 − 1) = −inf; before that 1 − σ has lost its digits. "
                    "Work from z: max(z, 0) − z·y + ln(1 + e^(−|z|)) (section 5.5)."),
            Mistake("clipped probabilities", RECORDED,
                    "clipping p to [ε, 1 − ε] avoids log 0 but caps every loss at −ln ε (16.1 for "
                    "ε = 1e-7) and changes the tiny losses: a confident mistake at z = −800 must cost 800. "
                    "Work from z instead.",
                    matches=_one_of()),
            Mistake("ε inside the log", RECORDED,
                    "ln(σ + ε) avoids log 0 but changes every small loss and caps the large ones at −ln ε: "
                    "a confident mistake at z = −800 must cost 800. Work from z instead.",
                    matches=_one_of()),
            Mistake("clipped z", RECORDED,
                    "z was clipped: beyond the clipping value the loss stops growing (a confident mistake "
                    "at z = −800 must cost 800) or stops shrinking. The max form needs no clipping: "
                    "e^(−|z|) never overflows.", matches=_one_of()),
            Mistake("log(1 + x) instead of log1p(x)", RECORDED,
                    "np.log(1 + x) for a tiny x = e^(−|z|): 1 + x rounds to 1 (x below 1.1e-16 vanishes "
                    "entirely), so a confidently right score gets loss 0 instead of about e^(−|z|). "
                    "np.log1p(x) computes ln(1 + x) without forming 1 + x.", matches=_one_of()),
            Mistake("tiny loss lost in a sum", RECORDED,
                    "a confidently right score (z = 40 for y = 1, or z = −40 for y = 0) has a loss of about "
                    "4.2e-18; your formula adds it to something of size |z| and then takes |z| away again "
                    "(max(z, 0) + ln(1 + e^(−|z|)) − z·y, or ln(1 + eᶻ) − z·y), and 40 + 4.2e-18 − 40 is 0 in "
                    "floating point. Combine the large "
                    "terms first — max(z, 0) − z·y is exactly 0 there — and add the small one last.",
                    matches=_one_of()),
            Mistake("np.where evaluates both branches", RECORDED,
                    "np.where computes both branches for every z before choosing, so the np.exp(z) "
                    "meant for negative z overflows for large positive z. Use e^(−|z|), which is safe "
                    "everywhere, in a single formula."),
            Mistake("sign error", RECORDED,
                    "a sign error in the z·y term: ln σ(z) = −ln(1 + e^(−z)) leads to max(z, 0) "
                    "*minus* z·y + ln(1 + e^(−|z|))."),
            Mistake("forgot the (1 − y) term", RECORDED,
                    "only the y·(−ln σ) term is there, so every repaid loan (y = 0) costs 0. Add "
                    "(1 − y)·(−ln(1 − σ)), with ln(1 − σ(z)) = ln σ(−z)."),
            Mistake("negative loss", RECORDED,
                    "the loss has the wrong sign: BCE is the *negative* log-likelihood, and never below 0."),
            Mistake("|z| instead of max(z, 0)",
                    RECORDED,
                    "ln(1 + eᶻ) = max(z, 0) + ln(1 + e^(−|z|)): for negative z the first term is 0, not |z|."),
            Mistake("dropped ln(1 + e^(−|z|))", RECORDED,
                    "max(z, 0) − z·y is only the large part; ln(1 + e^(−|z|)) (between 0 and ln 2) must be "
                    "added — it is the whole loss where the model is confidently right."),
            Mistake("base-10 logarithm", RECORDED,
                    "np.log10 is the base-10 logarithm; cross-entropy uses the natural log (np.log1p here)."),
            Mistake("labels swapped", RECORDED,
                    "your losses are those of the other label: a defaulter (y = 1) costs −ln σ(z), which is "
                    "small for large z, and a repaid loan costs −ln(1 − σ(z)). Check which term y multiplies."),
            Mistake("dropped max(z, 0) − z·y", RECORDED,
                    "ln(1 + e^(−|z|)) is only the small part of the loss (at most ln 2); a confident mistake "
                    "costs about |z|, which max(z, 0) − z·y brings."),
            Mistake("e^(−|z|) for ln(1 + e^(−|z|))", RECORDED,
                    "ln(1 + x) ≈ x only for small x; near z = 0 the difference is large (ln 2 vs 1). "
                    "np.log1p(x) gives ln(1 + x) exactly, small x included."),
            Mistake("wrong for defaulters (y = 1)", None,
                    "your losses are right for every repaid loan (y = 0) but not for the defaulters. For y = 1 "
                    "the loss is −ln σ(z) = ln(1 + e^(−z)), computed safely: max(−z, 0) + ln(1 + e^(−|z|)).",
                    matches=_right_for_label(0, rtol=1e-9, atol=1e-320), needs_expected=True),
            Mistake("wrong for repaid loans (y = 0)", None,
                    "your losses are right for every defaulter (y = 1) but not for the repaid loans. For y = 0 "
                    "the loss is −ln(1 − σ(z)) = ln(1 + eᶻ), computed safely: max(z, 0) + ln(1 + e^(−|z|)).",
                    matches=_right_for_label(1, rtol=1e-9, atol=1e-320), needs_expected=True),
        ),
        hints=(
            "Do not compute σ(z) at all. Start from ln σ(z) = −ln(1 + e^(−z)) and ln(1 − σ(z)) = "
            "ln σ(−z) = −ln(1 + e^(z)), and put them into −[y ln σ + (1 − y) ln(1 − σ)].",
            "You get BCE = ln(1 + eᶻ) − z·y. Now make ln(1 + eᶻ) safe: for z > 0 take out eᶻ, "
            "ln(1 + eᶻ) = z + ln(1 + e^(−z)); together ln(1 + eᶻ) = max(z, 0) + ln(1 + e^(−|z|)).",
            "One line, with np.maximum, np.log1p, np.exp and np.abs — and no np.where (it would "
            "evaluate an overflowing branch). Combine max(z, 0) − z·y first and add the small "
            "log1p term last, so that a tiny loss is not added to a large number and lost.",
        ),
    ),
    Exercise(
        id="4.5", title="where MSE pushes hardest", stars=3,
        reference=RECORDED,
        cases=_search_case, names=(), digits=3, computed=True,
        success="z = −ln 2, where σ = 1/3",
        mistakes=(
            Mistake("σ′'s peak", RECORDED,
                    "z = 0 is where σ′ peaks. The MSE gradient 2(σ − 1)σ′ also has the factor σ − 1, "
                    "which is larger for smaller z: the peak moves left."),
            Mistake("sign error", RECORDED,
                    "a positive z makes σ > ½; a defaulter is most 'wrong' at negative z. Check the sign "
                    "of your z (σ(z) = 1/3 means e⁻ᶻ = 2)."),
            Mistake("σ instead of z", RECORDED,
                    "that is the value of σ at the peak; the question asks for the score z where σ(z) "
                    "takes it."),
            Mistake("the gradient, not z", None,
                    "that is the strongest MSE gradient itself (or its size); return the z where it occurs.",
                    matches=lambda got: abs(abs(float(got)) - 8 / 27) <= 1e-3),
            Mistake("e⁻ᶻ = 3 instead of 2", None,
                    "σ(z) = 1/3 means 1 + e⁻ᶻ = 3, so e⁻ᶻ = 2 and z = −ln 2 (not −ln 3, and not ln σ = ln ⅓: "
                    "the score is the logit of σ, ln(σ/(1 − σ))).",
                    matches=lambda got: abs(float(got) + np.log(3.0)) <= 1.2e-3),
            Mistake("base-10 logarithm", None,
                    "np.log10 is the base-10 logarithm; σ(z) = 1/(1 + e⁻ᶻ) needs the natural log, np.log.",
                    matches=lambda got: abs(abs(float(got)) - np.log10(2.0)) <= 1e-3),
            Mistake("close", None,
                    "close, but not to three significant digits: a grid too coarse, or a search stopped "
                    "too early. Refine it (a finer grid, more bisection steps) or solve exactly.",
                    matches=lambda got, expected: _coarse_search(float(got), expected), needs_expected=True),
            Mistake("the edge of your grid", None,
                    "that score is far out, where the MSE gradient has almost vanished. np.argmax of the "
                    "signed gradient (which is ≤ 0 everywhere for y = 1) finds the value closest to 0; take "
                    "the size, np.abs(...), first — or you maximised the BCE gradient σ − 1, which keeps "
                    "growing all the way out.",
                    matches=lambda got: abs(float(got)) >= 3.0),
        ),
        hints=(
            "For y = 1 the MSE gradient is g(z) = 2(σ − 1)σ(1 − σ) = −2σ(1 − σ)². You want the z where "
            "|g(z)| is largest. Numerically: evaluate it on a fine grid of z and use np.argmax.",
            "By calculus: d/dz [σ(1 − σ)²] = σ′(1 − σ)² − 2σ(1 − σ)σ′ = σ′(1 − σ)(1 − 3σ). Where is that 0?",
            "At σ = 1/3. Which z gives σ(z) = 1/3? (Chapter 03's logit, or solve 1/(1 + e⁻ᶻ) = 1/3.)",
        ),
    ),
    Exercise(
        id="4.6", title="train logistic regression by gradient descent", stars=3,
        reference=RECORDED,
        cases=_train_cases, names=("X", "y", "learning_rate", "steps"), rtol=1e-6, atol=1e-9,
        forbidden=("helpers.models.*", "helpers.networks.MLP.*"),
        success=("parameters equal to plain gradient descent on 5 data sets, the loan split included; "
                 "there (η = 2, 75 steps) your model classifies "
                 f"{held_out_accuracies()[0]:.0%} of the held-out applicants correctly "
                 f"(the true model: {held_out_accuracies()[1]:.0%})"),
        mistakes=(
            Mistake("gradient ascent", RECORDED,
                    "the parameters went uphill: subtract η times the gradient, w ← w − η·∂L/∂w."),
            Mistake("forgot to average over n", RECORDED,
                    "the gradient is a sum over the applicants, not a mean: divide by n (len(y)). "
                    "Without it, every step is n times too long."),
            Mistake("no bias update", RECORDED,
                    "b stayed at 0: ∂L/∂b = mean(σ(z) − y) must be subtracted too, in every step."),
            Mistake("MSE-style chain", RECORDED,
                    "the error was multiplied by σ′ = σ(1 − σ); for cross-entropy ∂L/∂z = σ(z) − y."),
            Mistake("b updated with the new w", RECORDED,
                    "b's gradient was computed after w had already moved. Compute both gradients from "
                    "the same (w, b), then update both."),
            Mistake("one step too many", RECORDED,
                    "your loop takes steps + 1 steps: range(steps) runs exactly `steps` times (check the "
                    "range, or a step taken before the loop)."),
            Mistake("one step too few", RECORDED,
                    "your loop takes steps − 1 steps: range(1, steps) runs only steps − 1 times; "
                    "range(steps) runs `steps` times."),
            Mistake("bias first", RECORDED,
                    "the bias came first: return the weights, then the bias, np.append(w, b)."),
            Mistake("one applicant at a time", RECORDED,
                    "w and b were updated after each applicant (stochastic gradient descent). Plain "
                    "gradient descent computes the mean gradient over all applicants from the same (w, b), "
                    "then takes one step."),
            Mistake("divided by the number of features", RECORDED,
                    "the gradient was divided by the number of features (X.shape[1]); the mean is over the "
                    "applicants, n = X.shape[0] = len(y)."),
            Mistake("not started from zeros", RECORDED,
                    "the weights started at 1; the exercise starts from w = 0 and b = 0 "
                    "(np.zeros(X.shape[1]) and 0.0)."),
            Mistake("forgot the learning rate", RECORDED,
                    "each step was the whole gradient: multiply it by η = learning_rate, "
                    "w ← w − η·∂L/∂w, b ← b − η·∂L/∂b."),
        ),
        hints=(
            "Start from w = np.zeros(X.shape[1]) and b = 0.0. In each of the `steps` steps: "
            "the scores z = X @ w + b, the errors σ(z) − y (one per applicant), then the gradients.",
            "∂L/∂w = X.T @ (σ(z) − y) / n and ∂L/∂b = mean(σ(z) − y), both from the same w and b. "
            "Then w ← w − η·∂L/∂w and b ← b − η·∂L/∂b.",
            "After the loop, return np.append(w, b): the weights, then the bias, in one array. "
            "(A tuple (w, b) is not one array.)",
        ),
    ),
)
EXERCISES = with_recordings(EXERCISES)

QUIZ = (
    Question(text="Binary cross-entropy is the mean of what, over the applicants?",
             options=("The squared error (σ − y)²",
                      "The negative log of the probability the model gave to the label that happened",
                      "The absolute error |σ − y|",
                      "The log-odds of default"),
             answer=1,
             explanation="The Bernoulli likelihood of a label is $\\sigma^{y}(1-\\sigma)^{1-y}$: σ if the "
                         "applicant defaulted, $1-\\sigma$ if not. Its negative log, averaged, is the mean BCE, "
                         "so minimising BCE is maximising the likelihood."),
    Question(text="The model gives an applicant who repaid ($y = 0$) the probability $\\sigma(z) = 0.9$. "
                  "What is $\\partial L/\\partial z$?",
             options=(), answer=0.9,
             explanation="$\\partial L/\\partial z = \\sigma(z) - y = 0.9 - 0 = 0.9$: positive, so gradient "
                         "descent lowers the score."),
    Question(text="A defaulter ($y = 1$) has score $z = -10$: the model is confidently wrong. Which loss "
                  "gives the larger push on $z$?",
             options=("Squared error (MSE), because its error term is squared",
                      "Cross-entropy: its gradient is σ − 1 ≈ −1, while MSE's is about −9·10⁻⁵",
                      "Both push the same, since both use σ",
                      "Neither: at z = −10 both gradients are exactly 0"),
             answer=1,
             explanation="MSE's gradient $2(\\sigma - 1)\\sigma(1-\\sigma)$ carries the factor "
                         "$\\sigma(-10) \\approx 4.5\\times10^{-5}$ and vanishes; BCE's $\\sigma - y$ stays near −1."),
    Question(text="Why compute the loss from the score z (`bce_with_logits`) rather than from $p = \\sigma(z)$?",
             options=("It is faster",
                      "σ(z) can round to exactly 0 or 1, and then ln 0 = −∞ makes the loss inf or nan",
                      "The two formulas give different losses on paper",
                      "np.log does not accept arrays"),
             answer=1,
             explanation="In float64 $\\sigma(z) = 1.0$ from $z \\approx 36.7$ on and 0.0 below $z \\approx -745$; "
                         "$\\max(z, 0) - zy + \\ln(1 + e^{-|z|})$ never forms σ and stays finite and accurate."),
    Question(text="Before training, $w = 0$ and $b = 0$, so every applicant gets $\\sigma = \\tfrac12$. "
                  "To three decimals, what is the mean BCE then (whatever the labels)?",
             options=(), answer=float(np.log(2.0)), decimals=3,
             explanation="Each applicant costs $-\\ln\\tfrac12 = \\ln 2 \\approx 0.693$, defaulter or not: "
                         "the loss curves of this chapter all start there."),
)
