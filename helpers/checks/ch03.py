"""Chapter 03 · Logit and log-odds — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
"""

import numpy as np

from ..data import make_loan_data
from ..numerics import logit, sigmoid
from ..widgets import Question
from .engine import LOGIT_SHORTCUTS, Exercise, Mistake


def _rng(seed):
    return np.random.default_rng(seed)


def _as_float(a):
    return np.asarray(a, dtype=float)


# --- 3.1 probability from odds ---------------------------------------------------------------------

def _odds_inputs():
    """Odds from 1 : 10⁹ to 10⁹ : 1: every order of magnitude, random ones, even odds and the six applicants'."""
    rng = _rng(31)
    values = np.concatenate([np.logspace(-6, 6, 121),                       # every order of magnitude
                             np.exp(rng.uniform(-8, 8, 200)),                 # random log-odds
                             np.exp([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0]),        # the six applicants
                             [1 / 9, 9.0, 1.0, 0.25, 4.0, 1e-9, 1e9]])
    return [(np.sort(values),)]


# --- 3.2 bias from a class prior ---------------------------------------------------------------------

def _prior_inputs():
    """Positive fractions across (0, 1): a grid, random ones, and the rare/common extremes."""
    rng = _rng(32)
    values = np.concatenate([np.linspace(0.01, 0.99, 99), rng.uniform(0, 1, 200),
                             [0.9, 0.1, 0.5, 0.31, 1e-6, 1e-3, 0.999, 1 - 1e-6],
                             [1e-8, 1e-10, 1e-13, 1e-16, 1e-100, 1 - 1e-8]])  # beyond the usual clipping
    return [(np.sort(values),)]


# --- 3.3 odds multiplier -------------------------------------------------------------------------------

def _odds_multiplier(w_j, feature_std, change):
    return float(np.exp(w_j * change / feature_std))


def _multiplier_cases():
    """(weight, spread of the raw feature, change in raw units): the loan model first, then random ones."""
    rng = _rng(33)
    cases = [(1.5, 10.0, 10.0),      # debt-to-income up 10 points: one standard deviation
             (1.5, 10.0, 1.0),       # one percentage point
             (-1.0, 5.0, 2.0),       # two more years of credit history
             (-1.0, 5.0, -5.0)]      # five years fewer
    for _ in range(8):
        cases.append((float(rng.normal(0, 1.5)), float(rng.uniform(0.5, 20)), float(rng.uniform(-15, 15))))
    return cases


# --- 3.4 predict_proba ----------------------------------------------------------------------------------

def _predict_proba(X, w, b):
    return sigmoid(_as_float(X) @ _as_float(w) + b)


def _predict_cases():
    """(X, w, b): a small readable set, random ones (one applicant included), the loan data, extreme scores."""
    rng = _rng(34)
    cases = [(np.array([[1.0, -1.0], [0.0, 0.0], [-0.5, 2.0]]), np.array([1.5, -1.0]), -1.0)]
    for n in (5, 1, 12, 40):
        cases.append((rng.normal(0, 1, (n, 2)), rng.normal(0, 1.5, 2), float(rng.normal(0, 1))))
    cases.append((rng.normal(0, 1, (6, 3)), rng.normal(0, 1, 3), 0.4))     # three features
    loans = make_loan_data()
    cases.append((np.asarray(loans.X_std), np.asarray(loans.true_w), float(loans.true_b)))
    # raw features with large weights: scores from about −1000 to +700, where 1/(1 + e⁻ᶻ) overflows
    cases.append((np.asarray(loans.X[:20]), np.array([12.0, -60.0]), 0.0))
    return cases


def _textbook_proba(X, w, b):
    return 1 / (1 + np.exp(-(_as_float(X) @ _as_float(w) + b)))


# --- 3.5 the decision boundary ------------------------------------------------------------------------

def _boundary_x2(x1, w, b):
    w = _as_float(w)
    return -(w[0] * _as_float(x1) + b) / w[1]


def _boundary_cases():
    """(x1, w, b): a readable one first (w₂ ≠ ±1, b ≠ 0, so every mistake shows), the loan model, random ones."""
    rng = _rng(35)
    x1 = np.linspace(-3.0, 3.0, 7)
    cases = [(x1, np.array([2.0, -0.5]), 1.0),
             (x1, np.array([1.5, -1.0]), -1.0)]                # the course's true model
    for _ in range(6):
        w = rng.normal(0, 1.5, 2)
        w[1] = np.copysign(max(abs(w[1]), 0.3), w[1])            # keep the line from being vertical
        cases.append((np.sort(rng.uniform(-3, 3, 9)), w, float(rng.normal(0, 1))))
    return cases


# --- 3.6 a logit that keeps its digits -----------------------------------------------------------------

def _logit_inputs():
    """p in (0, 1): a grid, σ(z) for scores from −700 to 35 (round trips), p near ½, near 0 and near 1."""
    rng = _rng(36)
    half = np.array([0.5 + s * d for d in 10.0 ** -np.arange(3, 16) for s in (-1, 1)])
    values = np.concatenate([
        np.linspace(0.001, 0.999, 999),
        sigmoid(np.linspace(-700, 35, 736)),                       # round trips: logit(σ(z)) should be z
        0.5 + rng.uniform(-1e-6, 1e-6, 200),                        # just around ½
        0.5 + rng.uniform(-1e-3, 1e-3, 100),
        half, [0.5],
        [1e-300, 1e-200, 1e-100, 1e-20, 1e-10, 1e-7],                # confident "no"
        1 - np.array([1e-15, 1e-12, 1e-10, 1e-8, 1e-7]),             # confident "yes"
        [np.nextafter(1.0, 0.0), np.nextafter(0.0, 1.0)],             # the floats closest to 1 and 0
    ])
    return [(np.sort(values),)]


def _band(p):
    return (p > 0.3) & (p < 0.65)


def _where_log1p(p):
    """Right values, but np.where also computes log1p(−1) for tiny p, and NumPy warns."""
    return np.where(_band(p), np.log1p((2 * p - 1) / (1 - p)), np.log(p / (1 - p)))


def _where_artanh(p):
    return np.where(_band(p), 2 * np.arctanh(2 * p - 1), np.log(p / (1 - p)))


WHERE_BOTH = ("np.where(band, A, B) computes A and B for *every* p before choosing (chapter 01, 6.6), so "
              "the near-½ form also runs on tiny p, where 2p − 1 rounds to −1 and NumPy warns. Compute "
              "each form only where it is used (a mask: out[band] = …), or give the near-½ form a "
              "harmless p outside the band (q = np.where(band, p, 0.5)).")


CLIPPED = ("the clipped version",
           "clipping p to [ε, 1 − ε] before the log (a common \"fix\" against log 0) changes every p "
           "closer to 0 or 1 than ε: a model's confident 1e-12 comes back as the log-odds of ε. p is "
           "strictly inside (0, 1) here, so nothing needs clipping; leave p alone.")


def _clipped_matches(p, got):
    """Does ``got`` look like logit(clip(p, ε, 1 − ε)) for some ε? Right for p inside [ε, 1 − ε];
    outside, one constant value on each side (the logit of ε and of 1 − ε)."""
    p, got = _as_float(p), _as_float(got)
    edge = np.abs(p - 0.5) > 0.499
    wrong = ~np.isclose(got, logit(p), rtol=1e-9, atol=1e-9)      # (digits lost near ½ don't count here)
    if not wrong.any() or not np.all(edge[wrong]):
        return False
    low, high = wrong & (p < 0.5), wrong & (p > 0.5)
    flat = [np.ptp(got[side]) <= 1e-9 * max(1.0, np.max(np.abs(got[side]))) for side in (low, high) if side.any()]
    return all(flat)


def _digits_lost_near_half(p, got):
    """Does ``got`` lose digits only near ½, the way ln(p/(1 − p)) and ln p − ln(1 − p) do?"""
    p, got = _as_float(p), _as_float(got)
    right = logit(p)
    wrong = ~np.isclose(got, right, rtol=1e-12, atol=0)
    return bool(wrong.any() and np.all(np.abs(p[wrong] - 0.5) < 0.3)
                and np.all(np.abs(got[wrong] - right[wrong]) < 1e-9))


# the ε people use: 1e-7 (the seed's, and Keras'), 1e-15 (scikit-learn's old log_loss), machine ε, any other
CLIPPED_MISTAKE = Mistake(CLIPPED[0], None, CLIPPED[1], matches=_clipped_matches)


EXERCISES = (
    Exercise(
        id="3.1", title="probability from odds", stars=1,
        reference=lambda o: _as_float(o) / (1 + _as_float(o)),
        cases=_odds_inputs, names=("odds",), elementwise=True,
        success="334 odds from 1 : 10⁹ to 10⁹ : 1",
        mistakes=(
            Mistake("odds are not probabilities", lambda o: _as_float(o),
                    "you returned the odds unchanged. Odds of 9 (9 : 1) mean 9 defaults for every "
                    "repayment, a probability of 9 in 10."),
            Mistake("the other outcome", lambda o: 1 / (1 + _as_float(o)),
                    "1/(1 + odds) is the probability of the *other* outcome (repaying). The odds "
                    "p/(1 − p) put the event on top; so does the probability."),
            Mistake("1 − odds instead of 1 + odds", lambda o: _as_float(o) / (1 - _as_float(o)),
                    "odds/(1 − odds) reuses the shape of p/(1 − p) backwards. Solve o = p/(1 − p) "
                    "for p: o(1 − p) = p, so o = p(1 + o)."),
            Mistake("reciprocal of the odds", lambda o: 1 / _as_float(o),
                    "1/odds are the odds against (repay : default), still not a probability."),
            Mistake("log-odds, not probability", lambda o: np.log(_as_float(o)),
                    "ln(odds) is the score (the log-odds); the probability is odds/(1 + odds), a number "
                    "between 0 and 1."),
        ),
        hints=(
            "Odds o = p/(1 − p) compare the event with its opposite: o = 9 means 9 defaults for "
            "every repayment. Out of 9 + 1 = 10 applicants, how many default?",
            "Solve o = p/(1 − p) for p: multiply by (1 − p), collect the p terms on one side.",
            "You should get p·(1 + o) = o. Divide, and make it work on a whole NumPy array at once.",
        ),
    ),
    Exercise(
        id="3.2", title="a bias from the class prior", stars=1,
        reference=logit,
        cases=_prior_inputs, names=("positive_fraction",), elementwise=True, forbidden=LOGIT_SHORTCUTS,
        success="313 positive fractions from 1e-100 to all but 1e-8",
        mistakes=(
            CLIPPED_MISTAKE,
            Mistake("the prior itself", lambda f: _as_float(f),
                    "b is a score, not a probability: with w = 0 the model predicts σ(b), and σ(0.9) is "
                    "about 0.71, not 0.9. Solve σ(b) = fraction for b."),
            Mistake("odds without the log", lambda f: _as_float(f) / (1 - _as_float(f)),
                    "that is the odds p/(1 − p). The bias is a score, and scores are *log*-odds: "
                    "σ(b) = p needs b = ln(p/(1 − p))."),
            Mistake("the inverse odds", lambda f: (1 - _as_float(f)) / _as_float(f),
                    "(1 − p)/p are the odds *against*, and a bias needs the log of the odds for."),
            Mistake("sign error", lambda f: np.log((1 - _as_float(f)) / _as_float(f)),
                    "ln((1 − p)/p) is −logit(p): with it the model starts out predicting the *rarer* "
                    "class. Put p on top."),
            Mistake("log of the prior", lambda f: np.log(_as_float(f)),
                    "ln p alone is the log-probability, not the log-odds; it is always negative, so a "
                    "90 % majority would start below ½. Divide by 1 − p before taking the log."),
            Mistake("base-10 logarithm", lambda f: np.log10(_as_float(f) / (1 - _as_float(f))),
                    "np.log10 is the base-10 logarithm; the sigmoid is built on e, so use np.log."),
        ),
        hints=(
            "With all weights 0 the score is z = b for every applicant, and the model predicts σ(b). "
            "You want σ(b) to equal the positive fraction p.",
            "Solve σ(b) = p for b: that is exactly what the logit does (section 5.1).",
            "Take the natural log (np.log) of the odds p/(1 − p), element by element; for p = 0.9 you "
            "should get about 2.2. No clipping: every p is strictly between 0 and 1.",
        ),
    ),
    Exercise(
        id="3.3", title="how much does one feature multiply the odds?", stars=2,
        reference=_odds_multiplier,
        cases=_multiplier_cases, names=("w_j", "feature_std", "change"),
        success="12 weights, spreads and changes, rises and falls",
        mistakes=(
            Mistake("log-odds change, not odds factor", lambda w, s, c: w * c / s,
                    "that is how much the score (the log-odds) changes. The odds are e to the score, "
                    "so the factor is e to that change."),
            Mistake("forgot to standardise", lambda w, s, c: float(np.exp(w * c)),
                    "the weight multiplies the *standardised* feature (x − mean)/std: a change of c in "
                    "raw units is a change of c/std in standardised units."),
            Mistake("multiplied by the spread", lambda w, s, c: float(np.exp(w * c * s)),
                    "standardising divides by the spread: c raw units are c/std standardised units."),
            Mistake("probability, not odds", lambda w, s, c: float(sigmoid(w * c / s)),
                    "σ of the score change is not a ratio of odds. Odds = e^z, so a change Δz in the "
                    "score multiplies the odds by e^Δz."),
            Mistake("added instead of multiplied", lambda w, s, c: 1 + w * c / s,
                    "1 + Δz is only the first step of e^Δz; for large changes the two differ a lot. "
                    "Use np.exp."),
        ),
        hints=(
            "The model is z = w·x_std + b with x_std = (x − mean)/std. How much does x_std change when "
            "the raw feature changes by `change`? (The mean cancels.)",
            "The score changes by Δz = w_j · change / feature_std. The odds are e^z.",
            "odds after / odds before = e^(z + Δz) / e^z. Simplify, then compute it with np.exp.",
        ),
    ),
    Exercise(
        id="3.4", title="predict_proba for logistic regression", stars=2,
        reference=_predict_proba,
        cases=_predict_cases, names=("X", "w", "b"), forbidden=("helpers.models.*",),
        success="8 data sets from 1 to 400 applicants, scores beyond ±700 included",
        mistakes=(
            Mistake("b added after σ", lambda X, w, b: sigmoid(_as_float(X) @ _as_float(w)) + b,
                    "b belongs inside: the score is z = Xw + b, and the probability σ(z). Added after σ, "
                    "it pushes probabilities outside (0, 1)."),
            Mistake("forgot b", lambda X, w, b: sigmoid(_as_float(X) @ _as_float(w)),
                    "the bias b is missing: the probability is σ(Xw + b)."),
            Mistake("scores, not probabilities", lambda X, w, b: _as_float(X) @ _as_float(w) + b,
                    "these are the scores z = Xw + b. predict_proba must pass them through σ."),
            Mistake("sign error", lambda X, w, b: sigmoid(-(_as_float(X) @ _as_float(w) + b)),
                    "these are σ(−z), the probabilities of the other class. Higher scores must give "
                    "higher probabilities."),
            Mistake("textbook sigmoid overflows", _textbook_proba,
                    "1/(1 + np.exp(−z)) overflows for z < −709 (the last test case has such scores). "
                    "Use a stable sigmoid: helpers' sigmoid, or your answer to exercise 1.4."),
        ),
        hints=(
            "First the scores, one per row of X: z = X @ w + b (as in exercise 0.3). Then the "
            "probabilities σ(z).",
            "Use the course's `sigmoid` (imported at the top), which is stable for every score, "
            "rather than 1/(1 + np.exp(−z)).",
            "Check the shape: X is (n, d), w is (d,), so X @ w + b is (n,), and so must your result be.",
        ),
    ),
    Exercise(
        id="3.5", title="the decision boundary of two features", stars=2,
        reference=_boundary_x2,
        cases=_boundary_cases, names=("x1", "w", "b"),
        success="8 lines, steep and flat, rising and falling",
        mistakes=(
            Mistake("sign error", lambda x1, w, b: (w[0] * _as_float(x1) + b) / w[1],
                    "a sign error: w₁x₁ + w₂x₂ + b = 0 gives w₂x₂ = −(w₁x₁ + b), with a minus."),
            Mistake("swapped weights", lambda x1, w, b: -(w[1] * _as_float(x1) + b) / w[0],
                    "w₁ and w₂ are swapped: w₁ multiplies x₁, and you divide by w₂, the weight of the "
                    "feature you solve for."),
            Mistake("sign of b", lambda x1, w, b: -(w[0] * _as_float(x1) - b) / w[1],
                    "the minus sign must apply to b too: x₂ = −(w₁x₁ + b)/w₂."),
            Mistake("forgot to divide by w₂", lambda x1, w, b: -(w[0] * _as_float(x1) + b),
                    "w₂x₂ = −(w₁x₁ + b) gives w₂·x₂, not x₂ yet: divide by w₂."),
        ),
        hints=(
            "On the boundary the score is 0: w₁x₁ + w₂x₂ + b = 0. Solve that equation for x₂.",
            "Move w₁x₁ + b to the other side, then divide by w₂ (w₂ ≠ 0 in every test case).",
            "w[0] is w₁ and w[1] is w₂. x1 is an array; the same formula works on all of it at once.",
        ),
    ),
    Exercise(
        id="3.6", title="a logit that keeps its digits", stars=3,
        reference=logit,
        cases=_logit_inputs, names=("p",), elementwise=True, rtol=1e-12, atol=0.0, forbidden=LOGIT_SHORTCUTS,
        success="2075 probabilities, round trips from z = −700 to 35 and p within 1e-15 of ½ included",
        mistakes=(
            Mistake("loses digits near ½", None,
                    "log(p/(1 − p)) (and log p − log(1 − p)) lose digits near p = ½: the ratio is close "
                    "to 1, and the log of a number close to 1 keeps only the digits that survived the "
                    "rounding. Near ½ write p/(1 − p) = 1 + (2p − 1)/(1 − p) and use np.log1p (section 5.6).",
                    matches=_digits_lost_near_half),
            CLIPPED_MISTAKE,
            Mistake("np.where computes both forms", _where_log1p, WHERE_BOTH),
            Mistake("np.where computes both forms", _where_artanh, WHERE_BOTH),
            Mistake("log1p form far from ½", lambda p: np.log1p((2 * p - 1) / (1 - p)),
                    "the log1p form is for p near ½ only. For tiny p, 2p − 1 rounds to −1 and p's own "
                    "digits are lost (log1p(−1) = −inf). Use it on a band around ½, and log(p/(1 − p)) "
                    "elsewhere (np.where, or a mask)."),
            Mistake("artanh form far from ½", lambda p: 2 * np.arctanh(2 * p - 1),
                    "2·artanh(2p − 1) is accurate near ½ only: for tiny p, 2p − 1 is so close to −1 "
                    "that p's own digits are lost. Use it on a band around ½, and log(p/(1 − p)) elsewhere."),
            Mistake("1 + p instead of 1 − p", lambda p: np.log(p / (1 + p)),
                    "the odds are p/(1 − p): the chance of the event over the chance of the opposite."),
            Mistake("the inverted ratio (1 − p)/p", lambda p: np.log((1 - p) / p),
                    "ln((1 − p)/p) is −logit(p), the log-odds *against*. Put p on top."),
            Mistake("base-10 logarithm", lambda p: np.log10(p / (1 - p)),
                    "np.log10 is the base-10 logarithm; σ is built on e, so its inverse uses np.log."),
            Mistake("odds instead of log-odds", lambda p: p / (1 - p),
                    "p/(1 − p) are the odds; the logit is their natural logarithm."),
            Mistake("operator precedence", lambda p: np.log(p / 1 - p),
                    "p/1 − p is (p/1) − p = 0. Put the denominator in parentheses: p / (1 − p)."),
        ),
        hints=(
            "Start from the definition logit(p) = ln(p/(1 − p)) and check it on the test values: it is "
            "right for most p, but near ½ it loses digits. Why? p/(1 − p) is then close to 1.",
            "Near ½ rewrite the ratio as 1 + something small: p/(1 − p) = 1 + (2p − 1)/(1 − p), where "
            "2p − 1 is computed exactly (and 1 − p with at most one rounding). np.log1p(x) computes "
            "ln(1 + x) accurately for small x.",
            "The log1p form is bad for tiny p (2p − 1 rounds to −1). Use it on a band around ½ (for "
            "example 0.3 < p < 0.65) and ln(p/(1 − p)) elsewhere. Careful: np.where(band, A, B) computes "
            "A for every p, and A warns for tiny p; compute A only on the band (or on "
            "q = np.where(band, p, 0.5)).",
        ),
    ),
)


# --- quiz -----------------------------------------------------------------------------------------

QUIZ = (
    Question(text="The model gives an applicant a probability of default of $p = 0.8$. What are the odds "
                  "of default, $p/(1-p)$?",
             options=(), answer=0.8 / 0.2, tolerance=1e-3,
             explanation="$0.8/0.2 = 4$: four defaults for every repayment among applicants like this one "
                         "(4 : 1). The log-odds are $\\ln 4 \\approx 1.39$."),
    Question(text="An applicant's score $z$ goes up by exactly 1. What happens to the odds of default?",
             options=("They go up by 1", "They are multiplied by e ≈ 2.72",
                      "The probability goes up by ¼", "They double"),
             answer=1,
             explanation="The odds are $e^z$, so $e^{z+1} = e \\cdot e^z$: each unit of score multiplies "
                         "the odds by $e$, wherever you start. The probability change depends on where you start."),
    Question(text="In a training set 90 % of the labels are 1. With all weights 0, what bias $b$ makes the "
                  "model's first prediction equal to that fraction? (Two decimals.)",
             options=(), answer=float(np.log(9.0)), decimals=2,
             explanation="$\\sigma(b) = 0.9$ gives $b = \\ln(0.9/0.1) = \\ln 9 \\approx 2.20$. The first "
                         "loss is then the entropy of the labels, about 0.33, instead of $\\ln 2 \\approx 0.69$."),
    Question(text="A popular `logit` clips $p$ to $[10^{-7},\\ 1 - 10^{-7}]$ before taking the log. "
                  "A model says $p = 10^{-12}$. What comes back?",
             options=("−27.6, the exact log-odds", "−16.1, the log-odds of 10⁻⁷", "−inf", "nan"),
             answer=1,
             explanation="Clipping replaces $10^{-12}$ by $10^{-7}$, so the answer is "
                         "$\\ln(10^{-7}/(1 - 10^{-7})) \\approx -16.1$ instead of $\\ln(10^{-12}) \\approx -27.6$, "
                         "silently. Every score below −16.1 comes back as −16.1."),
    Question(text="In a reliability diagram, a scorer's applicants predicted at about 0.95 defaulted 80 % of "
                  "the time, and those predicted at about 0.05 defaulted 15 % of the time. The scorer is…",
             options=("well calibrated", "over-confident: its probabilities are too close to 0 and 1",
                      "under-confident: its probabilities are too close to ½", "simply biased towards default"),
             answer=1,
             explanation="Both ends are too extreme: reality is closer to ½ than the predictions. Platt "
                         "scaling fits $\\sigma(a s + c)$ to the scores and finds $a < 1$, pulling them back."),
    Question(text="You multiply all weights and the bias of a logistic regression by 3. What happens to the "
                  "decision boundary?",
             options=("It stays exactly where it is", "It moves three times further from the origin",
                      "It turns by a third", "It moves towards the origin"),
             answer=0,
             explanation="$3(w\\cdot x + b) = 0$ exactly where $w\\cdot x + b = 0$: same line, same "
                         "accuracy. Only the probabilities change: they become more extreme (over-confident)."),
)
