"""Chapter 04 · Cross-entropy and its gradient — exercises, their checks and hints, and the quiz.

Each Exercise names the right answer (``reference``), the inputs to try (``cases``) and
the typical wrong answers (``mistakes``) so that a wrong answer gets a named diagnosis.
The exercises follow the chapter: the worked case σ = 0.62, y = 0; the gradient σ(z) − y;
one update step; a stable BCE from logits; where MSE + sigmoid pushes hardest; and
gradient descent on the loan data.
"""

from functools import cache

import numpy as np

from ..data import make_loan_data, train_test_split
from ..models import accuracy, train_logistic_regression
from ..numerics import bce_with_logits, log_sigmoid, sigmoid, sigmoid_derivative
from ..widgets import Question
from .engine import BCE_SHORTCUTS, SLOPE_SHORTCUTS, Exercise, Mistake

SIGMA, LABEL = 0.62, 0          # the worked case of the seed question: σ(z) = 0.62, y = 0

# The worked applicant: a repaid loan (y = 0) at 42.8 % debt-to-income and 12.6 years of credit
# history, standardised (1.08, 0.12); the true model gives her z = 0.5, σ(z) ≈ 0.62.
WORKED_X = np.array([1.08, 0.12])
WORKED_W = np.array([1.5, -1.0])
WORKED_B = -1.0


def _f(a):
    return np.asarray(a, dtype=float)


def _rng(seed):
    return np.random.default_rng(seed)


# --- 4.1 the worked case ------------------------------------------------------------------------

def _worked_case(sigma=SIGMA, y=LABEL):
    """[loss, gradient] for σ = 0.62, y = 0: [−ln 0.38, 0.62]."""
    loss = -(y * np.log(sigma) + (1 - y) * np.log(1 - sigma))
    return np.array([loss, sigma - y])


_LOSS, _GRADIENT = _worked_case()


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


def _bce_gradient(z, y):
    return sigmoid(z) - _f(y)


def _mse_style(z, y):
    s = sigmoid(z)
    return (s - _f(y)) * sigmoid_derivative(z)


def _mse_gradient(z, y):
    return 2 * _mse_style(z, y)


def _dloss_dsigma(z, y):
    s, y = sigmoid(z), _f(y)
    return -y / s + (1 - y) / (1 - s)


# --- 4.3 one step for one applicant ---------------------------------------------------------------

def _step(x, y, w, b, learning_rate, grad=_bce_gradient, sign=1.0, update_w=True, update_b=True):
    """The new score after one (possibly wrong) gradient step on one applicant's loss."""
    x, w = _f(x), _f(w)
    g = grad(x @ w + b, y)
    new_w = w - sign * learning_rate * g * x if update_w else w
    new_b = b - sign * learning_rate * g if update_b else b
    return float(x @ new_w + new_b)


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

def _naive_bce(z, y):
    """−[y ln σ + (1 − y) ln(1 − σ)] with the textbook σ."""
    z, y = _f(z), _f(y)
    s = 1 / (1 + np.exp(-z))
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def _naive_bce_stable_sigmoid(z, y):
    """The same formula, with a stable σ: still log 0 once σ rounds to 0 or 1."""
    y = _f(y)
    s = sigmoid(z)
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def _clipped_bce(eps):
    def clipped(z, y):
        y = _f(y)
        p = np.clip(sigmoid(z), eps, 1 - eps)
        return -(y * np.log(p) + (1 - y) * np.log(1 - p))
    return clipped


def _where_both_forms(z, y):
    """BCE split by the sign of z with np.where: both branches are computed for every z."""
    z, y = _f(z), _f(y)
    return np.where(z >= 0, z - z * y + np.log1p(np.exp(-z)), -z * y + np.log1p(np.exp(z)))


def _sign_error(z, y):
    z, y = _f(z), _f(y)
    return np.maximum(z, 0) + z * y + np.log1p(np.exp(-np.abs(z)))


def _only_y_term(z, y):
    return -_f(y) * log_sigmoid(z)


def _negative_loss(z, y):
    return -bce_with_logits(z, y)


# --- 4.5 where MSE + sigmoid pushes hardest ----------------------------------------------------------

# For y = 1 the MSE gradient is 2(σ − 1)σ(1 − σ) = −2σ(1 − σ)²; its size peaks where
# (1 − σ)(1 − 3σ) = 0 inside (0, 1), i.e. σ = 1/3, z = ln(1/2) = −ln 2.
_STRONGEST_Z = -np.log(2.0)


# --- 4.6 gradient descent on the loan data -------------------------------------------------------------

def _train_reference(X, y, learning_rate, steps):
    fit = train_logistic_regression(X, y, learning_rate=learning_rate, steps=steps)
    return np.append(fit.w, fit.b)


def _wrong_training(update):
    """A mistaken training loop, as a Mistake function. ``update(X, y, w, b, lr)`` gives the new (w, b).

    With steps = 0 every loop returns zeros, right or wrong, so a mistake cannot be told from the
    right answer there; it raises instead, and the check skips it for that case.
    """
    def train(X, y, learning_rate, steps):
        if steps == 0:
            raise ValueError("with no step taken every loop gives zeros")
        X, y = _f(X), _f(y)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(int(steps)):
            w, b = update(X, y, w, b, learning_rate)
        return np.append(w, b)
    return train


def _error(X, y, w, b):
    return sigmoid(X @ w + b) - y


def _ascent(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w + lr * X.T @ e / len(y), b + lr * np.mean(e)


def _summed(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w - lr * X.T @ e, b - lr * np.sum(e)


def _no_bias(X, y, w, b, lr):
    e = _error(X, y, w, b)
    return w - lr * X.T @ e / len(y), b


def _mse_chain(X, y, w, b, lr):
    e = _error(X, y, w, b) * sigmoid_derivative(X @ w + b)
    return w - lr * X.T @ e / len(y), b - lr * np.mean(e)


def _sequential(X, y, w, b, lr):
    w = w - lr * X.T @ _error(X, y, w, b) / len(y)
    return w, b - lr * np.mean(_error(X, y, w, b))


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
        (X_train.copy(), y_train.copy(), 0.5, 300),
        (X3, y3, 0.3, 40),
        (X_train.copy(), y_train.copy(), 5.0, 25),
    ]


@cache
def held_out_accuracies():
    """(accuracy of the model gradient descent learns with η = 0.5 in 300 steps, of the true model),
    both on the held-out part of the loan data."""
    X_train, y_train, X_test, y_test = _loan_split()
    params = _train_reference(X_train, y_train, 0.5, 300)
    data = make_loan_data()
    return (accuracy(X_test, y_test, params[:-1], params[-1]),
            accuracy(X_test, y_test, data.true_w, data.true_b))


EXERCISES = (
    Exercise(
        id="4.1", title="the worked case: loss and gradient", stars=1,
        reference=_worked_case,
        cases=lambda: [()], names=(), atol=5e-5, rtol=1e-6, computed=True,
        success="the loss −ln 0.38 and the gradient σ − y = 0.62",
        mistakes=(
            Mistake("the y = 1 term", lambda: np.array([-np.log(SIGMA), _GRADIENT]),
                    "the loss uses −ln σ, the term for a defaulter (y = 1). This applicant repaid "
                    "(y = 0), so only −ln(1 − σ) is left: the probability the model gave to what happened."),
            Mistake("base-10 logarithm", lambda: np.array([-np.log10(1 - SIGMA), _GRADIENT]),
                    "np.log10 is the base-10 logarithm; cross-entropy uses the natural log, np.log."),
            Mistake("missing minus sign", lambda: np.array([np.log(1 - SIGMA), _GRADIENT]),
                    "the loss is negative. ln of a probability is ≤ 0, and BCE is its *negative*, so a "
                    "loss is never below 0."),
            Mistake("forgot the log", lambda: np.array([1 - SIGMA, _GRADIENT]),
                    "that is the probability the model gave to what happened, not the loss: take −ln of it."),
            Mistake("the gradient for y = 1", lambda: np.array([_LOSS, SIGMA - 1]),
                    "σ − 1 is the gradient for a defaulter (y = 1). She repaid: y = 0, so ∂L/∂z = σ − 0."),
            Mistake("sign error in the gradient", lambda: np.array([_LOSS, LABEL - SIGMA]),
                    "the gradient has the wrong sign: ∂L/∂z = σ(z) − y, prediction minus label. "
                    "y − σ is the direction that *lowers* the loss, the negative gradient."),
            Mistake("σ′ instead of σ − y", lambda: np.array([_LOSS, SIGMA * (1 - SIGMA)]),
                    "σ(1 − σ) is σ′(z), only one factor of the chain rule. Multiply it by ∂L/∂σ: "
                    "the σ(1 − σ) cancels and σ − y is left."),
            Mistake("MSE gradient", lambda: np.array([_LOSS, 2 * SIGMA * SIGMA * (1 - SIGMA)]),
                    "2(σ − y)·σ(1 − σ) is the gradient of the squared error (σ − y)², not of "
                    "cross-entropy."),
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
        reference=_bce_gradient,
        cases=lambda: _zy_cases(42), names=("z", "y"), forbidden=SLOPE_SHORTCUTS + ("helpers.models.*",),
        success="22 single (z, y) pairs and 4 arrays, z from −1000 to 1000, both labels, no warnings",
        mistakes=(
            Mistake("sign error", lambda z, y: _f(y) - sigmoid(z),
                    "a sign error: ∂L/∂z = σ(z) − y, prediction minus label. A defaulter (y = 1) the "
                    "model rates too low must get a *negative* gradient, so that gradient descent "
                    "raises z."),
            Mistake("only σ′", lambda z, y: sigmoid_derivative(z),
                    "σ(z)(1 − σ(z)) is σ′(z), the second factor of the chain rule only. Multiply it by "
                    "∂L/∂σ = (σ − y)/(σ(1 − σ)) and simplify."),
            Mistake("MSE-style chain", _mse_style,
                    "(σ − y)·σ′ multiplies the error by σ′ once too often: that is the chain rule for "
                    "the squared error. For BCE, ∂L/∂σ = (σ − y)/(σ(1 − σ)) cancels the σ′ exactly."),
            Mistake("MSE gradient", _mse_gradient,
                    "2(σ − y)·σ(1 − σ) is the gradient of the squared error (σ − y)², not of "
                    "cross-entropy."),
            Mistake("∂L/∂σ instead of ∂L/∂z", _dloss_dsigma,
                    "−y/σ + (1 − y)/(1 − σ) is the derivative with respect to σ. The chain rule "
                    "needs one more factor, dσ/dz = σ(1 − σ)."),
            Mistake("forgot y", lambda z, y: sigmoid(z),
                    "that is σ(z) alone; the label has to enter: ∂L/∂z = σ(z) − y."),
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
        reference=_step,
        cases=_one_step_cases, names=("x", "y", "w", "b", "learning_rate"), forbidden=("helpers.models.*",),
        success="10 applicants with 1 to 5 features, both labels, the worked case first",
        mistakes=(
            Mistake("gradient ascent", lambda x, y, w, b, lr: _step(x, y, w, b, lr, sign=-1.0),
                    "the step went uphill: gradient descent *subtracts* η times the gradient, "
                    "w ← w − η(σ − y)x and b ← b − η(σ − y)."),
            Mistake("forgot the bias update", lambda x, y, w, b, lr: _step(x, y, w, b, lr, update_b=False),
                    "b did not move. ∂L/∂b = σ − y (∂z/∂b = 1), so b takes a step too."),
            Mistake("only the bias updated", lambda x, y, w, b, lr: _step(x, y, w, b, lr, update_w=False),
                    "only b moved. Each weight moves too, by −η(σ − y)xⱼ (∂z/∂wⱼ = xⱼ)."),
            Mistake("MSE-style chain", lambda x, y, w, b, lr: _step(x, y, w, b, lr, grad=_mse_style),
                    "the gradient was multiplied by σ′ = σ(1 − σ); for cross-entropy ∂L/∂z is just σ − y."),
            Mistake("probability instead of score",
                    lambda x, y, w, b, lr: float(sigmoid(_step(x, y, w, b, lr))),
                    "that is the new probability σ(z′); return the new score z′ = w′·x + b′."),
            Mistake("score before the step", lambda x, y, w, b, lr: float(_f(x) @ _f(w) + b),
                    "that is the score before the step: update w and b first, then compute z′ = w′·x + b′."),
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
        reference=bce_with_logits,
        cases=lambda: _zy_cases(44), names=("z", "y"), atol=1e-320, forbidden=BCE_SHORTCUTS,
        success="22 single (z, y) pairs and 4 arrays, z from −1000 to 1000, both labels, no warnings",
        mistakes=(
            Mistake("naive formula", _naive_bce,
                    "this is −[y ln σ + (1 − y) ln(1 − σ)] computed from σ. Once σ(z) rounds to 0 "
                    "(z < −745) or 1 (z > 36.7), a log of 0 gives inf or nan, and well before that "
                    "1 − σ has lost its digits. Work from z: max(z, 0) − z·y + ln(1 + e^(−|z|)) (section 5.5)."),
            Mistake("naive formula", _naive_bce_stable_sigmoid,
                    "this is −[y ln σ + (1 − y) ln(1 − σ)] computed from σ: even a stable σ rounds to "
                    "1 for z > 36.7, and ln(1 − 1) = −inf; before that 1 − σ has lost its digits. "
                    "Work from z: max(z, 0) − z·y + ln(1 + e^(−|z|)) (section 5.5)."),
            Mistake("clipped probabilities", _clipped_bce(1e-7),
                    "clipping p to [ε, 1 − ε] avoids log 0 but caps every loss at −ln ε (16.1 for "
                    "ε = 1e-7): a confident mistake at z = −800 must cost 800. Work from z instead."),
            Mistake("np.where evaluates both branches", _where_both_forms,
                    "np.where computes both branches for every z before choosing, so the np.exp(z) "
                    "meant for negative z overflows for large positive z. Use e^(−|z|), which is safe "
                    "everywhere, in a single formula."),
            Mistake("sign error", _sign_error,
                    "a sign error in the z·y term: ln σ(z) = −ln(1 + e^(−z)) leads to max(z, 0) "
                    "*minus* z·y + ln(1 + e^(−|z|))."),
            Mistake("forgot the (1 − y) term", _only_y_term,
                    "only the y·(−ln σ) term is there, so every repaid loan (y = 0) costs 0. Add "
                    "(1 − y)·(−ln(1 − σ)), with ln(1 − σ(z)) = ln σ(−z)."),
            Mistake("negative loss", _negative_loss,
                    "the loss has the wrong sign: BCE is the *negative* log-likelihood, and never below 0."),
        ),
        hints=(
            "Do not compute σ(z) at all. Start from ln σ(z) = −ln(1 + e^(−z)) and ln(1 − σ(z)) = "
            "ln σ(−z) = −ln(1 + e^(z)), and put them into −[y ln σ + (1 − y) ln(1 − σ)].",
            "You get BCE = ln(1 + eᶻ) − z·y. Now make ln(1 + eᶻ) safe: for z > 0 take out eᶻ, "
            "ln(1 + eᶻ) = z + ln(1 + e^(−z)); together ln(1 + eᶻ) = max(z, 0) + ln(1 + e^(−|z|)).",
            "One line, with np.maximum, np.log1p, np.exp and np.abs — and no np.where (it would "
            "evaluate an overflowing branch).",
        ),
    ),
    Exercise(
        id="4.5", title="where MSE pushes hardest", stars=3,
        reference=lambda: _STRONGEST_Z,
        cases=lambda: [()], names=(), digits=3, computed=True,
        success="z = −ln 2, where σ = 1/3",
        mistakes=(
            Mistake("σ′'s peak", lambda: 0.0,
                    "z = 0 is where σ′ peaks. The MSE gradient 2(σ − 1)σ′ also has the factor σ − 1, "
                    "which is larger for smaller z: the peak moves left."),
            Mistake("sign error", lambda: np.log(2.0),
                    "a positive z makes σ > ½; a defaulter is most 'wrong' at negative z. Check the sign "
                    "of your z (σ(z) = 1/3 means e⁻ᶻ = 2)."),
            Mistake("σ instead of z", lambda: 1 / 3,
                    "that is the value of σ at the peak; the question asks for the score z where σ(z) "
                    "takes it."),
            Mistake("the gradient, not z", lambda: -8 / 27,
                    "that is the strongest MSE gradient itself; return the z where it occurs."),
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
        reference=_train_reference,
        cases=_train_cases, names=("X", "y", "learning_rate", "steps"), rtol=1e-6, atol=1e-9,
        forbidden=("helpers.models.*", "helpers.networks.MLP.*"),
        success=("parameters equal to plain gradient descent on 5 data sets, the loan split included; "
                 "there (η = 0.5, 300 steps) your model classifies "
                 f"{held_out_accuracies()[0]:.0%} of the held-out applicants correctly "
                 f"(the true model: {held_out_accuracies()[1]:.0%})"),
        mistakes=(
            Mistake("gradient ascent", _wrong_training(_ascent),
                    "the parameters went uphill: subtract η times the gradient, w ← w − η·∂L/∂w."),
            Mistake("forgot to average over n", _wrong_training(_summed),
                    "the gradient is a sum over the applicants, not a mean: divide by n (len(y)). "
                    "Without it, every step is n times too long."),
            Mistake("no bias update", _wrong_training(_no_bias),
                    "b stayed at 0: ∂L/∂b = mean(σ(z) − y) must be subtracted too, in every step."),
            Mistake("MSE-style chain", _wrong_training(_mse_chain),
                    "the error was multiplied by σ′ = σ(1 − σ); for cross-entropy ∂L/∂z = σ(z) − y."),
            Mistake("b updated with the new w", _wrong_training(_sequential),
                    "b's gradient was computed after w had already moved. Compute both gradients from "
                    "the same (w, b), then update both."),
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
             options=(), answer=0.9, tolerance=1e-3,
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
    Question(text="Gradient descent on the loan data with a learning rate of 25: what happens?",
             options=("It converges 50 times faster than with 0.5",
                      "Each step overshoots: the loss jumps back and forth and stays above where it started",
                      "Nothing: the learning rate does not matter for a convex loss",
                      "The weights become nan at once"),
             answer=1,
             explanation="The loss is convex, but a step too long jumps over the valley. Section 7 shows "
                         "the loss settling into a back-and-forth above ln 2 for η = 25."),
)
