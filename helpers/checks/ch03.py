"""Chapter 03 · Logit and log-odds — exercises, their checks and hints, and the quiz.

Each Exercise gives the inputs to try (``cases``) and the typical wrong answers (``mistakes``,
by name and explanation) so that a wrong answer gets a named diagnosis. The right answer and the
mistakes' code are not here: they are the teacher's (solutions/answers/ch03.py), and the check uses
what they give on these inputs, recorded in recorded/ch03.npz (see recordings.py).
Mistakes come first by their formula; after them come *properties* every right answer has
(a probability lies in [0, 1], logit(½) = 0, logit(1 − p) = −logit(p), a boundary is a straight
line …): an answer that breaks one hears which, unless a general cause (a factor, rounding,
float32 …) explains it better.
"""

import numpy as np

from ..data import make_loan_data
from ..numerics import logit, sigmoid
from ..widgets import Question
from .comparing import as_float_array, breaks_property, values_shaped
from .engine import LOGIT_SHORTCUTS, Exercise, Mistake
from .recordings import RECORDED, with_recordings

# a library's logit: what 3.2 and 3.6 ask the learner to write
LOGITS = LOGIT_SHORTCUTS + ("scipy.stats.logistic.ppf",)


def _rng(seed):
    return np.random.default_rng(seed)


def _as_float(a):
    return np.asarray(a, dtype=float)


def _close_to(*args, wrong):
    """matches(*inputs, got, wrong): got is what the mistake gives, allowing for how different spellings round."""
    *inputs, got = args
    wrong = np.asarray(wrong, dtype=float)
    values = values_shaped(got, wrong.shape)
    return values is not None and bool(np.all(np.isclose(values, wrong, rtol=1e-6, atol=1e-9, equal_nan=True)))


# --- 3.1 probability from odds ---------------------------------------------------------------------

def _odds_inputs():
    """Odds from 1 : 10⁹ to 10⁹ : 1: every order of magnitude, random ones, even odds and the six applicants'."""
    rng = _rng(31)
    values = np.concatenate([np.logspace(-6, 6, 121),                       # every order of magnitude
                             np.exp(rng.uniform(-8, 8, 200)),                 # random log-odds
                             np.exp([-5.0, -2.0, 0.0, 0.5, 2.0, 5.0]),        # the six applicants
                             [1 / 9, 9.0, 1.0, 0.25, 4.0, 1e-9, 1e9]])
    return [(np.sort(values),)]


def _outside_0_1(o, got):
    return np.any((got < 0) | (got > 1))


def _not_half_at_even_odds(o, got):
    even = _as_float(o) == 1.0
    return even.any() and np.any(np.abs(got[even] - 0.5) > 1e-9)


def _decreasing(x, got):
    """x is sorted: a quantity that must grow with x falls somewhere, by more than rounding."""
    return bool(np.any(np.diff(got) < -1e-6 * (np.abs(got[1:]) + np.abs(got[:-1])) - 1e-12))


# --- 3.2 bias from a class prior ---------------------------------------------------------------------

def _prior_inputs():
    """Positive fractions across (0, 1): a grid, random ones, and the rare/common extremes."""
    rng = _rng(32)
    values = np.concatenate([np.linspace(0.01, 0.99, 99), rng.uniform(0, 1, 200),
                             [0.9, 0.1, 0.5, 0.31, 1e-6, 1e-3, 0.999, 1 - 1e-6],
                             [1e-8, 1e-10, 1e-13, 1e-16, 1e-100, 1 - 1e-8]])  # beyond the usual clipping
    return [(np.sort(values),)]


WHERE_BOTH = ("np.where(band, A, B) computes A and B for *every* p before choosing (chapter 01, 6.6), so "
              "the near-½ form also runs on tiny p, where 2p − 1 rounds to −1 and NumPy warns. Compute "
              "each form only where it is used (a mask: out[band] = …), or give the near-½ form a "
              "harmless p outside the band (q = np.where(band, p, 0.5)).")


CLIPPED = ("the clipped version",
           "clipping p to [ε, 1 − ε] before the log (a common \"fix\" against log 0) changes every p "
           "closer to 0 or 1 than ε: a model's confident 1e-12 comes back as the log-odds of ε. p is "
           "strictly inside (0, 1) here, so nothing needs clipping; leave p alone.")


def _clipped_matches(p, got, expected):
    """Does ``got`` look like logit(clip(p, ε, 1 − ε)) for some ε (on one side or both)? Right for p
    inside [ε, 1 − ε] (up to digits lost near ½); for every p beyond ε, one constant value: the
    logit of ε (of 1 − ε)."""
    p = _as_float(p)
    got = values_shaped(got, p.shape)
    if got is None or not np.all(np.isfinite(got)):
        return False
    wrong = ~np.isclose(got, expected, rtol=1e-9, atol=1e-9)      # (digits lost near ½ don't count here)
    if not wrong.any():
        return False
    to_end = np.where(p < 0.5, p, 1 - p)                            # distance to the nearer end, 0 or 1
    for side in (p < 0.5, p > 0.5):
        bad = wrong & side
        if not bad.any():
            continue
        edge = np.max(to_end[bad])                                   # every p at least this close to the end …
        beyond = side & (to_end <= edge)
        level = got[bad][0]
        if edge > 0.1 or not np.all(wrong[beyond]) or \
                np.ptp(got[beyond]) > 1e-9 * max(1.0, abs(level)):   # … comes back as one value
            return False
    return True


def _epsilon_added(p, got):
    """Does ``got`` look like ln((p + ε₁)/(1 − p + ε₂)) for small ε₁, ε₂ ≥ 0 (not both 0)?"""
    p = _as_float(p)
    got = values_shaped(got, p.shape)
    if got is None or not np.all(np.isfinite(got)):
        return False
    low, high = np.argmin(p), np.argmax(p)
    with np.errstate(all="ignore"):
        e1 = max(np.exp(got[low]) * (1 - p[low]) - p[low], 0.0)      # from the smallest p: p + ε₁ ≈ e^got
        e2 = max(np.exp(-got[high]) * p[high] - (1 - p[high]), 0.0)   # from the largest: 1 − p + ε₂ ≈ p·e^−got
        if not (0 < max(e1, e2) < 0.01):
            return False
        candidates = [(e1, e2), (e1, 0.0), (0.0, e2), (max(e1, e2),) * 2]
        return any(np.all(np.isclose(got, np.log((p + a) / (1 - p + b)), rtol=1e-6, atol=1e-9))
                   for a, b in candidates)


EPSILON_ADDED = Mistake(
    "ε added to p", None,
    "adding a small ε to p or to 1 − p (a common guard against log 0) shifts every p that is close to "
    "0 or 1: a model's confident 1e-12 comes back as the log-odds of about ε. p is strictly inside "
    "(0, 1) here, so nothing needs guarding: leave p alone.", matches=_epsilon_added)


# the ε people use: 1e-7 (a common default, e.g. Keras'), 1e-15 (scikit-learn's old log_loss), machine ε, any other
CLIPPED_MISTAKE = Mistake(CLIPPED[0], None, CLIPPED[1], matches=_clipped_matches, needs_expected=True)


def _not_antisymmetric(p, got):
    """logit(1 − p) = −logit(p): compare the answer at pairs of inputs that add up to 1 (within rounding)."""
    p = _as_float(p)
    order = np.argsort(p)
    for i in np.flatnonzero((p > 1e-3) & (p < 0.5)):
        j = order[np.clip(np.searchsorted(p[order], 1 - p[i]), 0, p.size - 1)]
        if abs(p[j] - (1 - p[i])) < 1e-15 and abs(got[i] + got[j]) > 1e-6 * abs(got[i]) + 1e-9:
            return True
    return False


def _not_zero_at_half(p, got):
    half = _as_float(p) == 0.5
    return half.any() and np.any(np.abs(got[half]) > 1e-12)


def _logit_properties(rtol, atol, what):
    return (
        Mistake("not 0 at p = ½", None,
                f"at p = ½ your function does not give 0, but even odds (1 : 1) have {what} ln 1 = 0. "
                "Check the ratio p/(1 − p) and the log around it.",
                matches=breaks_property(_not_zero_at_half, rtol, atol), needs_expected=True),
        Mistake("not antisymmetric", None,
                f"your values at p and 1 − p are not opposite numbers, but the {what} of 1 − p is minus "
                "that of p: ln((1 − p)/p) = −ln(p/(1 − p)) (section 5.1). Check the ratio p/(1 − p).",
                matches=breaks_property(_not_antisymmetric, rtol, atol), needs_expected=True),
        Mistake("not increasing", None,
                f"your values fall somewhere as p grows, but the {what} ln(p/(1 − p)) grows with p: a "
                "likelier event has larger log-odds. Check which way up the ratio is.",
                matches=breaks_property(_decreasing, rtol, atol), needs_expected=True),
    )


# --- 3.3 odds multiplier -------------------------------------------------------------------------------

def _multiplier_cases():
    """(weight, spread of the raw feature, change in raw units): the loan model first, then random ones."""
    rng = _rng(33)
    cases = [(1.5, 10.0, 10.0),      # debt-to-income up 10 points: one standard deviation
             (1.5, 10.0, 1.0),       # one percentage point
             (-1.0, 5.0, 2.0),       # two more years of credit history
             (-1.0, 5.0, -5.0),      # five years fewer
             (0.8, 4.0, 0.0)]        # no change at all: the odds stay as they are
    for _ in range(8):
        cases.append((float(rng.normal(0, 1.5)), float(rng.uniform(0.5, 20)), float(rng.uniform(-15, 15))))
    return cases


def _example_value(w, s, c, got):
    got = as_float_array(got)
    return got is not None and got.shape == () and abs(float(got) - np.exp(1.5)) < 0.01


# --- 3.4 predict_proba ----------------------------------------------------------------------------------

def _predict_cases():
    """(X, w, b): a small readable set, random ones (one applicant included), the loan data, extreme scores."""
    rng = _rng(34)
    cases = [(np.array([[1.0, -1.0], [0.0, 0.0], [-0.5, 2.0]]), np.array([1.5, -1.0]), -1.0)]
    for n in (5, 1, 12, 40):
        cases.append((rng.normal(0, 1, (n, 2)), rng.normal(0, 1.5, 2), float(rng.normal(0, 1))))
    cases.append((rng.normal(0, 1, (6, 3)), rng.normal(0, 1, 3), 0.4))     # three features
    loans = make_loan_data()
    cases.append((np.asarray(loans.X_std), np.asarray(loans.true_w), float(loans.true_b)))
    # scores from −850 to +850: 1/(1 + e⁻ᶻ) overflows on the left, eᶻ/(1 + eᶻ) on the right, a np.where of
    # both on both sides (this case comes first so that the three warn differently)
    cases.append((np.array([[80.0, 10.0], [-80.0, -10.0], [0.5, 0.1], [-60.0, 0.0], [60.0, 0.0], [72.0, 0.0]]),
                  np.array([10.0, 5.0]), 0.5))
    # raw features with large weights: scores from about −960 to +330
    cases.append((np.asarray(loans.X[:20]), np.array([12.0, -60.0]), 0.0))
    return cases


def _another_score(X, w, b, got):
    """got is σ(a·z + c) for the right scores z = Xw + b but some other a, c: the score is formed wrongly."""
    z = _as_float(X) @ _as_float(w) + b
    usable = (np.abs(z) < 30) & (got > 1e-12) & (got < 1 - 1e-12)
    if not np.all((got >= 0) & (got <= 1)):
        return False
    if usable.sum() < 3:                  # too few to tell (one applicant): the other cases decide
        return True
    with np.errstate(all="ignore"):
        other = logit(got[usable])
    a, c = np.polyfit(z[usable], other, 1)
    return bool(np.max(np.abs(a * z[usable] + c - other)) <= 1e-6 * (1 + np.max(np.abs(other)))
                and not (abs(a - 1) <= 1e-6 and abs(c) <= 1e-6))


# --- 3.5 the decision boundary ------------------------------------------------------------------------

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


def _line_through(x1, got):
    """(slope, intercept) of got as a straight line in x1, or None if it is not one."""
    x1 = _as_float(x1)
    slope, intercept = np.polyfit(x1, got, 1)
    if np.max(np.abs(slope * x1 + intercept - got)) > 1e-6 * (1 + np.max(np.abs(got))):
        return None
    return slope, intercept


def _line_part(which):
    """matches(x1, w, b, got, expected): the answer is a straight line with the right slope but not the right
    intercept (or the other way; or "some" other line). The right line is the one through the expected values."""
    def matches(x1, w, b, got, expected):
        def test(x1, w, b, got):
            line = _line_through(x1, got)
            if line is None:
                return False
            right = _line_through(x1, expected)
            same = [abs(g - r) <= 1e-6 * (1 + abs(r)) for g, r in zip(line, right)]
            if which == "some":
                return not all(same)
            return same == ([True, False] if which == "slope" else [False, True])
        return breaks_property(test, 1e-9, 1e-12, cases=True)(x1, w, b, got, expected=expected)
    return matches


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


def _digits_lost_near_half(p, got, expected):
    """Does ``got`` lose digits only near ½, the way ln(p/(1 − p)) and ln p − ln(1 − p) do?"""
    p, got = _as_float(p), values_shaped(got, np.shape(p))
    if got is None:
        return False
    right = np.asarray(expected, dtype=float)
    wrong = ~np.isclose(got, right, rtol=1e-12, atol=0)
    return bool(wrong.any() and np.all(np.abs(p[wrong] - 0.5) < 0.3)
                and np.all(np.abs(got[wrong] - right[wrong]) < 1e-9))


def _lost_near_one(p, got, expected):
    """Right (to the digits lost near ½) except near p = 1, where it keeps only a few digits."""
    p, got = _as_float(p), values_shaped(got, np.shape(p))
    if got is None or not np.all(np.isfinite(got)):
        return False
    right = np.asarray(expected, dtype=float)
    wrong = ~np.isclose(got, right, rtol=1e-9, atol=1e-12)
    return bool(wrong.any() and np.all(p[wrong] > 0.9) and np.all(np.abs(got[wrong] - right[wrong]) < 1.0))


LOST_NEAR_ONE = Mistake(
    "1/p − 1 loses digits near 1", None,
    "ln(1/p − 1) (or ln(1/(1/p − 1))) computes 1/p − 1 from 1/p, a number close to 1 when p is: for p near 1 "
    "most digits of the small difference are rounding. Divide instead, p/(1 − p) — 1 − p is exact for p ≥ ½.",
    matches=_lost_near_one, needs_expected=True)


def _exercises():
    return (
        Exercise(
            id="3.1", title="probability from odds", stars=1,
            reference=RECORDED,
            cases=_odds_inputs, names=("odds",), elementwise=True,
            success="334 odds from 1 : 10⁹ to 10⁹ : 1",
            mistakes=(
                Mistake("odds are not probabilities", RECORDED,
                        "you returned the odds unchanged. Odds of 9 (9 : 1) mean 9 defaults for every "
                        "repayment, a probability of 9 in 10."),
                Mistake("the other outcome", RECORDED,
                        "1/(1 + odds) is the probability of the *other* outcome (repaying). The odds "
                        "p/(1 − p) put the event on top; so does the probability."),
                Mistake("1 − odds instead of 1 + odds", RECORDED,
                        "odds/(1 − odds) reuses the shape of p/(1 − p) backwards. Solve o = p/(1 − p) "
                        "for p: o(1 − p) = p, so o = p(1 + o)."),
                Mistake("reciprocal of the odds", RECORDED,
                        "1/odds are the odds against (repay : default), still not a probability."),
                Mistake("operator precedence", RECORDED,
                        "`odds / odds + 1` is (odds/odds) + 1 = 2: put the denominator in parentheses, "
                        "odds / (1 + odds)."),
                Mistake("log-odds, not probability", RECORDED,
                        "ln(odds) is the score (the log-odds); the probability is odds/(1 + odds), a number "
                        "between 0 and 1. (From the score, p = σ(z).)"),
                Mistake("σ of the odds", RECORDED,
                        "σ takes a *score*, the log of the odds: σ(ln o) would be right, σ(o) treats the odds "
                        "themselves as a score."),
                Mistake("the log of the probability", RECORDED,
                        "that is ln p, the log of the probability; return p = o/(1 + o) itself."),
                Mistake("not a probability", None,
                        "some of your values lie outside [0, 1], so they cannot be probabilities. Solve "
                        "o = p/(1 − p) for p (hint 2).",
                        matches=breaks_property(_outside_0_1, 1e-9, 1e-12), needs_expected=True),
                Mistake("not ½ at even odds", None,
                        "at even odds (1 : 1, one default for every repayment) the probability must be ½; "
                        "yours is not. Check your formula with o = 1.",
                        matches=breaks_property(_not_half_at_even_odds, 1e-9, 1e-12), needs_expected=True),
                Mistake("not increasing", None,
                        "your probabilities fall somewhere as the odds grow, but better odds of default mean a "
                        "higher probability of default.", matches=breaks_property(_decreasing, 1e-9, 1e-12), needs_expected=True),
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
            reference=RECORDED,
            cases=_prior_inputs, names=("positive_fraction",), elementwise=True, forbidden=LOGITS,
            success="313 positive fractions from 1e-100 to all but 1e-8",
            mistakes=(
                CLIPPED_MISTAKE,
                EPSILON_ADDED,
                Mistake("the prior itself", RECORDED,
                        "b is a score, not a probability: with w = 0 the model predicts σ(b), and σ(0.9) is "
                        "about 0.71, not 0.9. Solve σ(b) = fraction for b."),
                Mistake("odds without the log", RECORDED,
                        "that is the odds p/(1 − p). The bias is a score, and scores are *log*-odds: "
                        "σ(b) = p needs b = ln(p/(1 − p))."),
                Mistake("the inverse odds", RECORDED,
                        "(1 − p)/p are the odds *against*, and a bias needs the log of the odds for."),
                Mistake("sign error", RECORDED,
                        "ln((1 − p)/p) is −logit(p): with it the model starts out predicting the *rarer* "
                        "class. Put p on top."),
                Mistake("log of the prior", RECORDED,
                        "ln p alone is the log-probability, not the log-odds; it is always negative, so a "
                        "90 % majority would start below ½. Divide by 1 − p before taking the log."),
                Mistake("base-10 logarithm", RECORDED,
                        "np.log10 is the base-10 logarithm; the sigmoid is built on e, so use np.log."),
                Mistake("operator precedence", RECORDED,
                        "p/1 − p is (p/1) − p = 0. Put the denominator in parentheses: p / (1 − p)."),
                Mistake("product instead of ratio", RECORDED,
                        "ln(p·(1 − p)) (or ln p + ln(1 − p)) multiplies; the odds divide: ln(p/(1 − p)) = "
                        "ln p − ln(1 − p).", matches=_close_to),
                Mistake("1 + p instead of 1 − p", RECORDED,
                        "the odds are p/(1 − p): the chance of the event over the chance of the opposite.",
                        matches=_close_to),
                Mistake("artanh form far from ½", RECORDED,
                        "2·artanh(2p − 1) is the logit in exact arithmetic, but for tiny p, 2p − 1 is so close to "
                        "−1 that p's own digits are lost (from p ≈ 1e-17 on it is exactly −1). ln(p/(1 − p)) "
                        "keeps them."),
                LOST_NEAR_ONE,
                *_logit_properties(1e-9, 1e-12, "log-odds"),
            ),
            hints=(
                "With all weights 0 the score is z = b for every applicant, and the model predicts σ(b). "
                "You want σ(b) to equal the positive fraction p.",
                "Solve σ(b) = p for b: that is exactly what the logit does (section 5.1).",
                "The logit is the natural log of the odds. What are the odds of an event with probability p? "
                "Write them, take np.log (not np.log10), and check that p = 0.9 gives about 2.2. "
                "No clipping: every p is strictly between 0 and 1.",
            ),
        ),
        Exercise(
            id="3.3", title="how much does one feature multiply the odds?", stars=2,
            reference=RECORDED,
            cases=_multiplier_cases, names=("w_j", "feature_std", "change"),
            success="13 weights, spreads and changes, rises, falls and no change",
            mistakes=(
                Mistake("log-odds change, not odds factor", RECORDED,
                        "that is how much the score (the log-odds) changes. The odds are e to the score, "
                        "so the factor is e to that change."),
                Mistake("forgot to standardise", RECORDED,
                        "the weight multiplies the *standardised* feature (x − mean)/std: a change of c in "
                        "raw units is a change of c/std in standardised units."),
                Mistake("multiplied by the spread", RECORDED,
                        "standardising divides by the spread: c raw units are c/std standardised units."),
                Mistake("probability, not odds", RECORDED,
                        "σ of the score change is not a ratio of odds. Odds = e^z, so a change Δz in the "
                        "score multiplies the odds by e^Δz."),
                Mistake("added instead of multiplied", RECORDED,
                        "1 + Δz is only the first step of e^Δz; for large changes the two differ a lot. "
                        "Use np.exp."),
                Mistake("the change in odds, not the factor", RECORDED,
                        "e^Δz − 1 is the *relative change* of the odds (0.5 for +50 %); the exercise asks for "
                        "the factor itself, e^Δz (1.5 for +50 %)."),
                Mistake("a percentage, not a factor", RECORDED,
                        "100·(e^Δz − 1) is the change in per cent; the exercise asks for the factor e^Δz."),
                Mistake("the spread divided by the change", RECORDED,
                        "a change of c raw units is c/std standardised units: divide the change by the spread, "
                        "not the other way round."),
                Mistake("the reciprocal", RECORDED,
                        "e^(−Δz) is the factor for the opposite change. A positive weight and a positive change "
                        "raise the score, so they must multiply the odds by more than 1."),
                Mistake("base 2 instead of e", RECORDED,
                        "the odds are e^z, so the factor is e^Δz (np.exp), not 2^Δz."),
                Mistake("base 10 instead of e", RECORDED,
                        "the odds are e^z, so the factor is e^Δz (np.exp), not 10^Δz."),
                Mistake("e^w times the change", RECORDED,
                        "e^w is the factor for *one* standard deviation; for c/std of them the factors "
                        "multiply: (e^w)^(c/std) = e^(w·c/std), not e^w·c/std."),
                Mistake("e^(w/std) times the change", RECORDED,
                        "e^(w/std) is the factor for one raw unit; for c units the factors multiply: "
                        "(e^(w/std))^c = e^(w·c/std), not e^(w/std)·c."),
                Mistake("divided after the exponential", RECORDED,
                        "the division by the spread belongs inside the exponent: the score changes by "
                        "w·c/std, and the odds by e^(w·c/std)."),
                Mistake("divided by the variance", RECORDED,
                        "standardising divides by the standard deviation once, not by its square."),
                Mistake("ratio of probabilities", RECORDED,
                        "σ(Δz)/σ(0) is a ratio of probabilities, not of odds; the odds e^z change by e^Δz."),
                Mistake("the example's value", None,
                        "that is the factor of the first example, e^1.5 ≈ 4.48, for every input. Compute "
                        "it from w_j, feature_std and change.", matches=_example_value),
                Mistake("not a factor above 0", None,
                        "a factor that multiplies odds (which are positive) is positive: e^Δz > 0 for every Δz.",
                        matches=breaks_property(lambda w, s, c, got: np.any(got <= 0), 1e-9, 1e-12, cases=True), needs_expected=True),
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
            reference=RECORDED,
            cases=_predict_cases, names=("X", "w", "b"), forbidden=("helpers.models.*",),
            success="9 data sets from 1 to 400 applicants, scores beyond ±700 included",
            mistakes=(
                Mistake("forgot b", RECORDED,
                        "the bias b is missing: the probability is σ(Xw + b)."),
                Mistake("scores, not probabilities", RECORDED,
                        "these are the scores z = Xw + b. predict_proba must pass them through σ."),
                Mistake("sign error", RECORDED,
                        "these are σ(−z), the probabilities of the other class. Higher scores must give "
                        "higher probabilities."),
                Mistake("textbook sigmoid overflows", RECORDED,
                        "1/(1 + np.exp(−z)) overflows for z < −709 (a test case has such scores). "
                        "Use a stable sigmoid: helpers' sigmoid, or your answer to exercise 1.4."),
                Mistake("textbook sigmoid overflows", RECORDED,
                        "eᶻ/(1 + eᶻ) overflows for z > 709 (inf/inf is nan; a test case has such scores). "
                        "Use a stable sigmoid: helpers' sigmoid, or your answer to exercise 1.4."),
                Mistake("np.where computes both branches", RECORDED,
                        "np.where(z >= 0, 1/(1 + e⁻ᶻ), eᶻ/(1 + eᶻ)) computes *both* formulas for every z before "
                        "choosing, so each overflows on its other side (chapter 01). Use helpers' sigmoid, or "
                        "take exp of −|z| only."),
                Mistake("b added after σ", RECORDED,
                        "b belongs inside: the score is z = Xw + b, and the probability σ(z). Added after σ, "
                        "it pushes probabilities outside (0, 1)."),
                Mistake("sign of b", RECORDED,
                        "the score is Xw + b, with a plus."),
                Mistake("mean instead of the dot product",
                        RECORDED,
                        "the score *sums* the weighted features, x·w = Σ xⱼwⱼ (X @ w); a mean divides by the "
                        "number of features."),
                Mistake("only the first feature", RECORDED,
                        "the score uses every feature: X @ w sums xⱼ·wⱼ over all columns, not only the first."),
                Mistake("only the first two features",
                        RECORDED,
                        "the score uses every feature, however many there are: X @ w sums xⱼ·wⱼ over all "
                        "columns (a test case has three)."),
                Mistake("tanh(z) instead of tanh(z/2)",
                        RECORDED,
                        "σ(z) = ½(1 + tanh(z/2)): the tanh takes half the score."),
                Mistake("σ of another score", None,
                        "your values are σ of a different score: they fit σ(a·z + c) with z = Xw + b, but with a "
                        "factor a ≠ 1 or a shift c ≠ 0 (σ(z/2), a bias twice or missing, a stray scale). The score "
                        "is exactly X @ w + b.",
                        matches=breaks_property(_another_score, 1e-9, 1e-12, cases=True), needs_expected=True),
                Mistake("not probabilities", None,
                        "some of your values lie outside [0, 1]: they cannot be probabilities. σ of any score "
                        "lies between 0 and 1.",
                        matches=breaks_property(lambda X, w, b, got: np.any((got < 0) | (got > 1)), 1e-9, 1e-12, cases=True), needs_expected=True),
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
            reference=RECORDED,
            cases=_boundary_cases, names=("x1", "w", "b"),
            success="8 lines, steep and flat, rising and falling",
            mistakes=(
                Mistake("sign error", RECORDED,
                        "a sign error: w₁x₁ + w₂x₂ + b = 0 gives w₂x₂ = −(w₁x₁ + b), with a minus."),
                Mistake("swapped weights", RECORDED,
                        "w₁ and w₂ are swapped: w₁ multiplies x₁, and you divide by w₂, the weight of the "
                        "feature you solve for."),
                Mistake("sign of b", RECORDED,
                        "the minus sign must apply to b too: x₂ = −(w₁x₁ + b)/w₂."),
                Mistake("forgot to divide by w₂", RECORDED,
                        "w₂x₂ = −(w₁x₁ + b) gives w₂·x₂, not x₂ yet: divide by w₂."),
                Mistake("forgot b", RECORDED,
                        "the bias is missing: the boundary is w₁x₁ + w₂x₂ + b = 0, so x₂ = −(w₁x₁ + b)/w₂."),
                Mistake("divided by w₁", RECORDED,
                        "you solve for x₂, so divide by its weight w₂ (w[1]), not by w₁."),
                Mistake("b not divided by w₂", RECORDED,
                        "the whole of w₁x₁ + b is divided by w₂: the intercept is −b/w₂, not −b."),
                Mistake("b not divided by w₂", RECORDED,
                        "the whole of −(w₁x₁ + b) is divided by w₂: the intercept is −b/w₂."),
                Mistake("multiplied by w₂", RECORDED,
                        "to get x₂ from w₂x₂, divide by w₂; you multiplied."),
                Mistake("σ = ½ taken as z = ½", RECORDED,
                        "the boundary is where the *probability* is ½, that is where the *score* is 0 "
                        "(σ(0) = ½): w₁x₁ + w₂x₂ + b = 0, not ½."),
                Mistake("the slope upside down", RECORDED,
                        "the slope of the line is −w₁/w₂ (w₁ on top), not −w₂/w₁."),
                Mistake("slope right, intercept wrong", None,
                        "your line has the right slope −w₁/w₂ but the wrong intercept: check how b enters, "
                        "x₂ = −(w₁x₁ + b)/w₂ has the intercept −b/w₂.",
                        matches=_line_part("slope"), needs_expected=True),
                Mistake("intercept right, slope wrong", None,
                        "your line crosses x₁ = 0 at the right place, −b/w₂, but its slope is not −w₁/w₂: "
                        "check how w₁ and w₂ enter.",
                        matches=_line_part("intercept"), needs_expected=True),
                Mistake("a straight line, but not the boundary", None,
                        "your x₂ values lie on a straight line, but not on the boundary: its slope must be "
                        "−w₁/w₂ and its intercept −b/w₂, and in some cases yours differ. Solve "
                        "w₁x₁ + w₂x₂ + b = 0 for x₂ step by step (hint 2).",
                        matches=_line_part("some"), needs_expected=True),
                Mistake("not a straight line", None,
                        "your x₂ values do not lie on a straight line in x₁, but the boundary "
                        "w₁x₁ + w₂x₂ + b = 0 of two features is one (section 5.4): x₂ = −(w₁x₁ + b)/w₂.",
                        matches=breaks_property(lambda x1, w, b, got: _line_through(x1, got) is None, 1e-9, 1e-12, cases=True), needs_expected=True),
            ),
            hints=(
                "On the boundary the score is 0: w₁x₁ + w₂x₂ + b = 0. Solve that equation for x₂.",
                "Move w₁x₁ + b to the other side, then divide by w₂ (w₂ ≠ 0 in every test case).",
                "w[0] is w₁ and w[1] is w₂. x1 is an array; the same formula works on all of it at once.",
            ),
        ),
        Exercise(
            id="3.6", title="a logit that keeps its digits", stars=3,
            reference=RECORDED,
            cases=_logit_inputs, names=("p",), elementwise=True, rtol=1e-12, atol=0.0, forbidden=LOGITS,
            success="2075 probabilities, round trips from z = −700 to 35 and p within 1e-15 of ½ included",
            mistakes=(
                Mistake("loses digits near ½", None,
                        "log(p/(1 − p)) (and log p − log(1 − p)) lose digits near p = ½: the ratio is close "
                        "to 1, and the log of a number close to 1 keeps only the digits that survived the "
                        "rounding. Near ½ write p/(1 − p) = 1 + (2p − 1)/(1 − p) and use np.log1p (section 5.6).",
                        matches=_digits_lost_near_half, needs_expected=True),
                CLIPPED_MISTAKE,
                EPSILON_ADDED,
                LOST_NEAR_ONE,
                Mistake("np.where computes both forms", RECORDED, WHERE_BOTH),
                Mistake("np.where computes both forms", RECORDED, WHERE_BOTH),
                Mistake("log1p form far from ½", RECORDED,
                        "the log1p form is for p near ½ only. For tiny p, 2p − 1 rounds to −1 and p's own "
                        "digits are lost (log1p(−1) = −inf). Use it on a band around ½, and log(p/(1 − p)) "
                        "elsewhere (np.where, or a mask)."),
                Mistake("artanh form far from ½", RECORDED,
                        "2·artanh(2p − 1) is accurate near ½ only: for tiny p, 2p − 1 is so close to −1 "
                        "that p's own digits are lost. Use it on a band around ½, and log(p/(1 − p)) elsewhere."),
                Mistake("1 + p instead of 1 − p", RECORDED,
                        "the odds are p/(1 − p): the chance of the event over the chance of the opposite.",
                        matches=_close_to),
                Mistake("the inverted ratio (1 − p)/p", RECORDED,
                        "ln((1 − p)/p) is −logit(p), the log-odds *against*. Put p on top."),
                Mistake("base-10 logarithm", RECORDED,
                        "np.log10 is the base-10 logarithm; σ is built on e, so its inverse uses np.log."),
                Mistake("odds instead of log-odds", RECORDED,
                        "p/(1 − p) are the odds; the logit is their natural logarithm."),
                Mistake("operator precedence", RECORDED,
                        "p/1 − p is (p/1) − p = 0. Put the denominator in parentheses: p / (1 − p)."),
                Mistake("product instead of ratio", RECORDED,
                        "ln(p·(1 − p)) (or ln p + ln(1 − p)) multiplies; the odds divide: ln(p/(1 − p)).",
                        matches=_close_to),
                *_logit_properties(1e-12, 0.0, "logit"),
            ),
            hints=(
                "Start from the definition logit(p) = ln(p/(1 − p)) and check it on the test values: it is "
                "right for most p, but near ½ it loses digits. Why? p/(1 − p) is then close to 1.",
                "Near ½ rewrite the ratio as 1 + something small: p/(1 − p) = 1 + (2p − 1)/(1 − p), where "
                "2p − 1 is computed exactly (and 1 − p with at most one rounding). np.log1p(x) computes "
                "ln(1 + x) accurately for small x.",
                "The log1p form is bad for tiny p (2p − 1 rounds to −1), so use it only on a band around ½ "
                "(for example 0.3 < p < 0.65) and the plain form elsewhere. Careful: np.where(band, A, B) "
                "computes A for every p, and A warns for tiny p — decide how to keep A away from those p.",
            ),
        ),
    )


EXERCISES = with_recordings(_exercises())


# --- quiz -----------------------------------------------------------------------------------------

QUIZ = (
    Question(text="The model gives an applicant a probability of default of $p = 0.8$. What are the odds "
                  "of default, $p/(1-p)$?",
             options=(), answer=0.8 / 0.2,
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
