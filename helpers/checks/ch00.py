"""Chapter 00 · Start here — warm-up exercises on the loan example, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch00.py), and the check uses
what they give on these inputs, recorded in recorded/ch00.npz (see recordings.py).
The exercises set up the running example (labels, scores z = w·x + b) and the NumPy habits
the course needs: reductions, dot products, one matrix product instead of a loop, sorting.
Exercise 0.5 (★★★) derives something new from them: how far each applicant lies from the line z = 0.
"""

import numpy as np

from ..data import make_loan_data
from ..widgets import Question
from .engine import Exercise, Mistake
from .recordings import RECORDED, with_recordings

# A small, readable example used as the first test case, so that the first failure a learner
# sees is easy to redo by hand: the applicant at 42 % debt-to-income and 7 years of credit
# history has standardised features (1, −1); with the course's true model (w, b) below his
# score is 1.5·1 + (−1)·(−1) − 1 = 1.5.
EXAMPLE_W = np.array([1.5, -1.0])
EXAMPLE_B = -1.0


def _rng(seed):
    return np.random.default_rng(seed)


# --- 0.1 default rate -----------------------------------------------------------------------------

def _label_cases():
    """0/1 label arrays: a small readable one first, seeded random ones, the loan data, edge cases."""
    rng = _rng(1)
    cases = [np.array([0, 1, 0, 0, 1, 0, 0, 0])]                      # 2 of 8 → 0.25
    for n, rate in ((7, 0.4), (40, 0.3), (250, 0.15)):
        cases.append((rng.random(n) < rate).astype(np.int64))
    cases.append(np.array([1, 1, 0, 1, 1, 0, 1]))                     # most defaulted: 5 of 7
    cases.append(np.asarray(make_loan_data().y))                        # the course's 400 applicants
    cases += [np.zeros(5, dtype=np.int64),                               # nobody defaulted
              np.ones(3, dtype=np.int64),                                # everybody defaulted
              np.array([1]), np.array([0])]                              # a single applicant
    return [(y,) for y in cases]


# --- 0.2 and 0.3 scores -----------------------------------------------------------------------------

def _score_cases():
    """One applicant at a time: the readable example, random 2-feature ones, other lengths, b = 0, x = 0."""
    rng = _rng(2)
    cases = [(np.array([1.0, -1.0]), EXAMPLE_W.copy(), EXAMPLE_B)]
    for _ in range(6):
        cases.append((rng.normal(0, 1, 2), rng.normal(0, 1.5, 2), float(rng.normal(0, 1))))
    for d in (3, 5, 1):                                                  # other numbers of features
        cases.append((rng.normal(0, 1, d), rng.normal(0, 1, d), float(rng.normal(0, 1))))
    cases.append((rng.normal(0, 1, 2), rng.normal(0, 1, 2), 0.0))      # no bias
    cases.append((np.zeros(2), rng.normal(0, 1, 2), 0.7))               # all-average applicant: z = b
    data = make_loan_data()
    cases.append((np.asarray(data.X_std[7]), np.asarray(data.true_w), float(data.true_b)))
    return cases


def _scores_cases():
    """Many applicants at a time: the readable example, random ones (n = 1 included), the loan data."""
    rng = _rng(3)
    X = np.array([[1.0, -1.0], [0.0, 0.0], [-0.5, 2.0]])
    cases = [(X, EXAMPLE_W.copy(), EXAMPLE_B)]
    for n in (5, 1, 12, 60):
        cases.append((rng.normal(0, 1, (n, 2)), rng.normal(0, 1.5, 2), float(rng.normal(0, 1))))
    cases.append((rng.normal(0, 1, (8, 2)), rng.normal(0, 1, 2), 0.0))  # no bias
    data = make_loan_data()
    cases.append((np.asarray(data.X_std), np.asarray(data.true_w), float(data.true_b)))
    cases.append((np.asarray(data.X), np.array([0.08, -0.1]), -1.4))    # raw features work too
    return cases


# --- 0.4 the k riskiest ----------------------------------------------------------------------------

def _riskiest_cases():
    """(X, w, b, k) with every score distinct, so that 'highest first' has one right answer."""
    rng = _rng(4)
    X = np.array([[0.2, 0.5], [1.0, -1.0], [-0.8, 1.5], [0.6, -0.2]])  # scores −1.2, 1.5, −3.7, 0.1
    cases = [(X, EXAMPLE_W.copy(), EXAMPLE_B, 2)]
    for n, k in ((6, 3), (1, 1), (7, 7), (20, 1), (30, 4)):            # k = 1 and k = n included
        cases.append((rng.normal(0, 1, (n, 2)), rng.normal(0, 1.5, 2), float(rng.normal(0, 1)), k))
    cases.append((rng.normal(0, 1, (10, 2)), rng.normal(0, 1, 2), 0.0, 3))
    data = make_loan_data()
    cases.append((np.asarray(data.X_std), np.asarray(data.true_w), float(data.true_b), 5))
    rng = _rng(5)   # a large k, where np.argpartition's k largest come out unsorted
    cases.append((rng.normal(0, 1, (300, 2)), rng.normal(0, 1.5, 2), float(rng.normal(0, 1)), 100))
    return cases   # the top k + 1 scores are clearly apart, so the order is not ambiguous (tests check it)


# --- 0.5 distance to the decision boundary ----------------------------------------------------------

def _distance_cases():
    """(X, w, b): the readable example, random ones (other numbers of features, n = 1), the loan data."""
    rng = _rng(6)
    X = np.array([[1.0, -1.0], [0.0, 0.0], [3.0, 4.0]])
    cases = [(X, np.array([3.0, 4.0]), -5.0)]                          # ‖w‖ = 5: distances 3/5·… easy by hand
    for n, d in ((6, 2), (1, 2), (10, 3), (25, 2), (8, 5)):
        cases.append((rng.normal(0, 1, (n, d)), rng.normal(0, 1.5, d), float(rng.normal(0, 1))))
    cases.append((rng.normal(0, 1, (7, 2)), np.array([0.0, 2.5]), 0.0))   # a horizontal line, no bias
    cases.append((rng.normal(0, 1, (7, 2)), np.array([0.3, -0.4]), 1.2))  # a short w: distances grow
    data = make_loan_data()
    cases.append((np.asarray(data.X_std), np.asarray(data.true_w), float(data.true_b)))
    return cases


def _as_float(a):
    return np.asarray(a, dtype=float)


def _same_set(got, wanted):
    """True if got holds exactly the indices of ``wanted`` (any order), as whole numbers."""
    if not isinstance(got, np.ndarray):      # a list is named as a list, whatever it holds
        return False
    try:
        return got.shape == np.shape(wanted) and sorted(got.tolist()) == sorted(np.asarray(wanted).tolist())
    except (TypeError, ValueError):
        return False


def _same_order(got, wanted):
    """True if got is the array ``wanted`` (row indices, in that order)."""
    return isinstance(got, np.ndarray) and got.shape == np.shape(wanted) and bool(np.all(got == wanted))


def _within(got, value, width):
    try:
        return abs(float(got) - float(value)) <= width
    except (TypeError, ValueError):
        return False


def _whole_version(got, value):
    """True if got is value with its fraction cut off or rounded away (but value is not whole)."""
    try:
        got = float(got)
    except (TypeError, ValueError):
        return False
    return got in (float(np.trunc(value)), float(np.round(value)), float(np.floor(value)))


EXERCISES = (
    Exercise(
        id="0.1", title="default rate", stars=1,
        reference=RECORDED,
        cases=_label_cases, names=("y",),
        success="10 label arrays, from 1 to 400 applicants, all-0 and all-1 included",
        mistakes=(
            Mistake("count instead of fraction", RECORDED,
                    "that is how many applicants defaulted. The rate is that count divided by "
                    "the number of applicants."),
            Mistake("percentage", None,
                    "that is a percentage. Give the fraction, a number between 0 and 1, as "
                    "probabilities are in this course.",
                    matches=lambda y, got, expected: _within(got, 100 * expected, 1.0), needs_expected=True),
            Mistake("repayment rate", RECORDED,
                    "that is the fraction who repaid. A label 1 means the applicant defaulted."),
            Mistake("integer division", RECORDED,
                    "`//` (or int(...)) is integer division: it rounds the fraction down to a whole number. "
                    "Use `/`."),
            Mistake("divided by n − 1", RECORDED,
                    "you divided by len(y) − 1; the fraction divides by the number of applicants, len(y)."),
            Mistake("divided by n + 1", RECORDED,
                    "you divided by len(y) + 1; the fraction divides by the number of applicants, len(y)."),
            Mistake("median instead of mean", RECORDED,
                    "the median of 0/1 labels is 0 or 1 (or ½): the middle label, not the fraction of 1s. "
                    "The fraction is the mean."),
        ),
        hints=(
            "The default rate is (the number of applicants who defaulted) / (the number of applicants).",
            "With 0/1 labels, the number who defaulted is the sum of y, and len(y) is how many "
            "applicants there are.",
            "The mean of a 0/1 array is exactly the fraction of 1s. One NumPy function call on y "
            "is enough — which one averages?",
        ),
    ),
    Exercise(
        id="0.2", title="one applicant's score", stars=1,
        reference=RECORDED,
        cases=_score_cases, names=("x", "w", "b"), forbidden=("helpers.models.*",),
        success="13 applicants, with 1 to 5 features, b = 0 and x = 0 included",
        mistakes=(
            Mistake("forgot b", RECORDED,
                    "the bias b is missing: z = w·x + b."),
            Mistake("b added to every term", RECORDED,
                    "b was added once per feature. Multiply and sum first, then add b once: "
                    "z = (w₁x₁ + w₂x₂ + …) + b."),
            Mistake("sign of b", RECORDED,
                    "b is subtracted; the score is w·x plus b."),
            Mistake("b multiplied", RECORDED,
                    "b multiplies w·x; it is added to it: z = w·x + b."),
            Mistake("b added to each weight", RECORDED,
                    "x·(w + b) adds b to every weight, so b gets multiplied by each feature. Take the dot "
                    "product of x and w first, then add b once: np.dot(x, w) + b."),
            Mistake("b added to each feature", RECORDED,
                    "(x + b)·w adds b to every feature, so b gets multiplied by each weight. Take the dot "
                    "product of x and w first, then add b once: np.dot(x, w) + b."),
            Mistake("added instead of multiplied", RECORDED,
                    "x + w adds each feature to its weight; the score multiplies them (x * w), then adds "
                    "the products."),
            Mistake("sum of x times sum of w", RECORDED,
                    "(x₁ + x₂)·(w₁ + w₂) is not w₁x₁ + w₂x₂: multiply matching entries, then add."),
            Mistake("mean instead of sum", RECORDED,
                    "you averaged the products w₁x₁, w₂x₂, …; the score adds them up (np.sum, or np.dot)."),
            Mistake("products not summed", RECORDED,
                    "x * w multiplies matching entries and leaves them as an array; the score is "
                    "their sum (plus b), a single number."),
            Mistake("only the first two features", RECORDED,
                    "you wrote out x[0]·w[0] + x[1]·w[1]: right for two features, but applicants can have "
                    "more. Let NumPy sum over all of them (np.dot or @)."),
            Mistake("a probability, not the score", RECORDED,
                    "that is σ(w·x + b), the probability of default. The exercise asks for the score "
                    "z = w·x + b itself, before the sigmoid."),
            Mistake("whole number", None,
                    "your score is a whole number: int(...), round(...) or // cut off its fraction. "
                    "Return the float.",
                    matches=lambda x, w, b, got, expected: _whole_version(got, expected), needs_expected=True),
        ),
        hints=(
            "z = w₁x₁ + w₂x₂ + … + b: multiply each feature by its own weight, add the products, "
            "then add b once.",
            "x * w multiplies matching entries (an array); np.sum of it adds them up. np.dot(x, w), "
            "or x @ w, does both steps at once.",
            "The body is one line: return (the dot product of x and w) + (one more thing).",
        ),
    ),
    Exercise(
        id="0.3", title="every applicant's score at once", stars=2,
        reference=RECORDED,
        cases=_scores_cases, names=("X", "w", "b"), forbidden=("helpers.models.*",),
        success="8 data sets from 1 to 400 applicants, raw and standardised features",
        mistakes=(
            Mistake("forgot b", RECORDED,
                    "the bias b is missing: z = Xw + b, with b added to every applicant's score."),
            Mistake("b added per feature", RECORDED,
                    "b was added once per feature (twice per applicant). Sum the products "
                    "first, then add b once."),
            Mistake("sign of b", RECORDED,
                    "b is subtracted; the scores are Xw plus b."),
            Mistake("b multiplied", RECORDED,
                    "b multiplies Xw; it is added to it: z = Xw + b."),
            Mistake("weights in reverse order", RECORDED,
                    "each feature got the other feature's weight (w reversed, or the columns of X swapped): "
                    "column j of X goes with w[j]."),
            Mistake("only the first feature", RECORDED,
                    "only the first feature counts in your scores; the score adds w[j]·X[:, j] for every "
                    "feature j (X @ w does all of them)."),
            Mistake("mean instead of sum", RECORDED,
                    "you averaged each row's products; a score adds them up (np.sum(..., axis=1), or X @ w)."),
            Mistake("summed over applicants", RECORDED,
                    "axis=0 adds down the columns, over the applicants (one number per feature). Each "
                    "applicant's score adds along its own row: axis=1 (or X @ w)."),
            Mistake("probabilities, not scores", RECORDED,
                    "those are σ(Xw + b), probabilities of default. The exercise asks for the scores "
                    "z = Xw + b themselves, before the sigmoid."),
        ),
        hints=(
            "Row i of X is applicant i, so z[i] = X[i] · w + b. You want all n of those at once, "
            "as one array of shape (n,).",
            "A matrix times a vector does exactly that: the product of X and w has one entry per row of "
            "X, each the dot product of that row with w. Check the shapes: (n, 2) times (2,) gives (n,).",
            "And b? NumPy adds a single number to every entry of an array (broadcasting). "
            "No loop needed.",
        ),
    ),
    Exercise(
        id="0.4", title="the k riskiest applicants", stars=2,
        reference=RECORDED,
        cases=_riskiest_cases, names=("X", "w", "b", "k"), forbidden=("helpers.models.*",),
        success="9 data sets, k = 1, k = 100 and k = n included, riskiest first",
        mistakes=(
            Mistake("lowest first", RECORDED,
                    "these are the k *safest* applicants: np.argsort sorts from the lowest score up. "
                    "Reverse the order, or sort the negated scores."),
            Mistake("riskiest last", RECORDED,
                    "the right applicants, but in increasing order of risk. The riskiest must "
                    "come first: reverse that slice."),
            Mistake("scores instead of indices", RECORDED,
                    "these are the top scores themselves. The task asks for the row numbers of the "
                    "applicants (np.argsort gives positions, np.sort gives values)."),
            Mistake("rows instead of indices", RECORDED,
                    "these are the riskiest applicants' rows of X (their features). The task asks for "
                    "their row numbers: return the indices, not X[indices]."),
            Mistake("only the riskiest one", RECORDED,
                    "np.argmax gives the single riskiest applicant; the exercise asks for the k riskiest, "
                    "as an array of k row numbers (even when k = 1)."),
            Mistake("one too few", RECORDED,
                    "you returned k − 1 indices; the exercise asks for the k riskiest (a slice [:k] has k items)."),
            Mistake("one too many", RECORDED,
                    "one index too many: a slice [:k] already gives k items (0 to k − 1)."),
            Mistake("skipped the riskiest", RECORDED,
                    "the list starts at the second riskiest: Python counts from 0, so the riskiest "
                    "is item [0]."),
            Mistake("counted from 1", RECORDED,
                    "your indices are one too high: NumPy counts rows from 0, so the first row is index 0."),
            Mistake("ranked by one feature", None,
                    "your ranking follows a single feature (one column of X), not the score z = Xw + b, "
                    "which weighs both features. Compute the scores first, then rank them.",
                    matches=lambda X, w, b, k, got: any(
                        _same_order(got, np.argsort(sign * _as_float(X)[:, j], kind="stable")[:k])
                        for j in range(np.shape(X)[1]) for sign in (-1, 1))),
            Mistake("ranked by |z|", RECORDED,
                    "you ranked by the size of the score, |z|: a very negative score is a very *safe* "
                    "applicant. Rank by z itself, highest first.",
                    matches=lambda X, w, b, k, got, wrong: _same_order(got, wrong)),
            Mistake("the k safest", RECORDED,
                    "these are the k *safest* applicants (the lowest scores): np.argsort sorts from the "
                    "lowest score up. Sort the negated scores, or reverse argsort's result before slicing.",
                    matches=lambda X, w, b, k, got, wrong: _same_set(got, wrong)),
            Mistake("not in order", None,
                    "the right k applicants, but not riskiest first (np.argpartition, or a set, does not "
                    "sort them). Order them by score, highest first.",
                    matches=lambda X, w, b, k, got, expected: _same_set(got, expected), needs_expected=True),
        ),
        hints=(
            "First compute every applicant's score (as in 0.3). Then you need the *positions* of "
            "the largest scores, not the scores: np.argsort(z) gives the row numbers that would "
            "sort z from lowest to highest.",
            "To get highest first, reverse argsort's result with [::-1], or sort −z instead of z. "
            "Then keep the first k.",
            "Check yourself on the example in the check's message: z[result] should be decreasing "
            "and contain the k largest scores. (Does b change who is riskiest?)",
        ),
    ),
    Exercise(
        id="0.5", title="how far from the line?", stars=3,
        reference=RECORDED,
        cases=_distance_cases, names=("X", "w", "b"), forbidden=("helpers.models.*",),
        success="9 data sets with 1 to 5 features, a short w and the loan data included",
        mistakes=(
            Mistake("the score, not the distance", RECORDED,
                    "that is the score z = Xw + b. It is proportional to the distance, but it grows when w "
                    "is doubled while the line stays put. Divide by the length of w."),
            Mistake("divided by ‖w‖²", RECORDED,
                    "you divided by ‖w‖², the squared length. Moving a distance t along w/‖w‖ changes z by "
                    "t·‖w‖: divide by ‖w‖ = np.sqrt(np.sum(w**2)) (or np.linalg.norm(w))."),
            Mistake("lost the sign", RECORDED,
                    "your distances are all ≥ 0. The exercise asks for a *signed* distance: positive on the "
                    "side where z > 0 (the default side), negative on the other."),
            Mistake("sign flipped", RECORDED,
                    "your signs are reversed: an applicant with z > 0 must get a positive distance."),
            Mistake("sum of |w| instead of length", RECORDED,
                    "you divided by |w₁| + |w₂| + …; the length of w is √(w₁² + w₂² + …)."),
            Mistake("b counted in the length", RECORDED,
                    "you included b in the length. The distance is measured in the plane of the features, "
                    "so only w counts: ‖w‖ = √(w₁² + w₂² + …)."),
            Mistake("forgot b", RECORDED,
                    "the bias b is missing: these are distances to the parallel line through the origin. "
                    "Use the whole score z = Xw + b."),
        ),
        hints=(
            "Take two points x and x′ on the line, so w·x + b = 0 and w·x′ + b = 0. Subtract: "
            "w·(x − x′) = 0. So w is perpendicular to the line: the shortest way to the line is along w.",
            "Walk from an applicant x a distance t along the unit vector u = w/‖w‖. The score becomes "
            "w·(x + t·u) + b = z + t·(w·w)/‖w‖ = z + t‖w‖. For which t is it 0?",
            "The signed distance is the score divided by one number that depends on w only. "
            "np.linalg.norm(w) gives ‖w‖.",
        ),
    ),
)

EXERCISES = with_recordings(EXERCISES)


# --- quiz -----------------------------------------------------------------------------------------

_EXAMPLE_Z = float(np.dot([1.0, -1.0], EXAMPLE_W) + EXAMPLE_B)

QUIZ = (
    Question(text="You want to see a full worked answer to an exercise. Where is it?",
             options=("In notebooks/, below the check cell", "In solutions/, in the notebook of the same name",
                      "In helpers/checks/, in the check itself", "Nowhere: only hints are given"),
             answer=1,
             explanation="notebooks/ is where you work; solutions/ holds the same notebooks with every "
                         "exercise worked out and explained. Try the hints first."),
    Question(text="A check cell prints “○ … Not attempted yet”. What does that mean?",
             options=("Your answer is wrong", "Your function still raises NotImplementedError: "
                      "you have not replaced the stub, or not run its cell",
                      "The check itself is broken", "Your answer is right but slow"),
             answer=1,
             explanation="○ means the check found the untouched stub. ✗ means it ran your code and "
                         "found a wrong value; ✓ means every test case passed."),
    Question(text="An applicant's standardised features are $x = (1, -1)$; the model has "
                  "$w = (1.5, -1)$ and $b = -1$. What is the score $z = w\\cdot x + b$?",
             options=(), answer=_EXAMPLE_Z,
             explanation="$z = 1.5\\cdot 1 + (-1)\\cdot(-1) + (-1) = 1.5$. It is positive, so "
                         "$\\sigma(z) > \\tfrac12$: the model leans towards “default”."),
    Question(text="Chiara's score is $z = 0$. What probability of default does the model give her?",
             options=(), answer=0.5,
             explanation="$\\sigma(0) = 1/(1 + e^0) = 1/2$: a score of 0 is the decision boundary, "
                         "where the model cannot tell."),
    Question(text="You add 3 to the bias $b$. What happens to the list of the 5 riskiest applicants?",
             options=("It stays the same, in the same order",
                      "It changes: applicants with small scores move up",
                      "It is reversed", "It depends on the weights"),
             answer=0,
             explanation="Every score grows by the same 3, so their order is unchanged "
                         "($z_i - z_j$ does not involve $b$). Every probability of default "
                         "rises, though: $b$ moves the decision boundary, not the ranking."),
)
