"""The synthetic loan-default data that runs through the course, made here from a fixed seed.

Each applicant has two features on their natural scale:

    debt-to-income ratio (%)     monthly debt payments as a share of income; higher is riskier
    years of credit history      how long they have been borrowing; longer is safer

and a label y = 1 if they defaulted, 0 if they repaid. The labels are drawn from a known
logistic model on the standardised features,

    z = true_w · (x − FEATURE_MEAN) / FEATURE_STD + true_b,     y ~ Bernoulli(σ(z)),

so a chapter can fit its own model and compare what it learnt with the truth. Nothing is
downloaded: the same seed gives the same data on every machine.

    >>> data = make_loan_data()
    >>> data.X.shape, data.y.shape, data.feature_names[0]
    ((400, 2), (400,), 'debt-to-income ratio (%)')
"""

from dataclasses import dataclass

import numpy as np

from .numerics import sigmoid

__all__ = ["LoanData", "make_loan_data", "standardise", "train_test_split",
           "Applicant", "APPLICANTS", "FEATURE_NAMES", "FEATURE_MEAN", "FEATURE_STD"]

FEATURE_NAMES = ("debt-to-income ratio (%)", "years of credit history")
FEATURE_MEAN = np.array([32.0, 12.0])  # the centre and spread of the population the applicants
FEATURE_STD = np.array([10.0, 5.0])    # are drawn from; used to standardise the features
TRUE_W = np.array([1.5, -1.0])         # more debt → riskier; a longer history → safer
TRUE_B = -1.0                          # about one applicant in three defaults


def _read_only(array):
    """Return the array marked read-only, so that shared data cannot be changed by accident."""
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)  # eq=False: comparing arrays with == is ambiguous
class LoanData:
    """A set of loan applicants: features X (n × 2), labels y (1 = defaulted) and the true model.

    The arrays are read-only; take a copy (``data.X.copy()``) if you want to change one.
    ``X_std`` gives the features standardised with the population's FEATURE_MEAN and
    FEATURE_STD (the same numbers for every split, so train and test are scaled alike),
    which is the scale ``true_w`` and ``true_b`` are written for.

    >>> data = make_loan_data(n=10)
    >>> z = data.X_std @ data.true_w + data.true_b    # the true scores
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    true_w: np.ndarray
    true_b: float

    @property
    def X_std(self):
        """The features standardised: (X − FEATURE_MEAN) / FEATURE_STD."""
        return standardise(self.X, FEATURE_MEAN, FEATURE_STD)

    def __len__(self):
        return len(self.y)


def standardise(X, mean, std):
    """Return (X − mean) / std, column by column, so every feature is on a scale of about ±1.

    Why: gradient descent on raw features with very different scales (a ratio in tens of %,
    years in ones) zig-zags; on standardised features one learning rate suits both. Use the
    *training* data's mean and std for the test data too.

    >>> standardise(np.array([[42.0, 7.0]]), FEATURE_MEAN, FEATURE_STD)
    array([[ 1., -1.]])
    """
    return (np.asarray(X, dtype=np.float64) - mean) / std


def make_loan_data(n=400, seed=0):
    """Make n synthetic applicants, the same ones every time for a given seed.

    Features: debt-to-income ratio ~ Normal(32 %, 10 %) kept within 1–90 %, years of credit
    history ~ Normal(12, 5) kept within 0.5–40, both rounded to one decimal as on a form.
    Labels: y ~ Bernoulli(σ(z)) with z from the true model (see the module docstring), so
    the picture is clear but imperfect: some low-risk applicants default, some risky ones repay.
    About 30 % default.

    >>> data = make_loan_data(n=400, seed=0)
    >>> float(data.y.mean())
    0.31
    """
    rng = np.random.default_rng(seed)
    debt_to_income = np.clip(rng.normal(32.0, 10.0, n), 1.0, 90.0).round(1)
    credit_years = np.clip(rng.normal(12.0, 5.0, n), 0.5, 40.0).round(1)
    X = np.column_stack([debt_to_income, credit_years])
    z = standardise(X, FEATURE_MEAN, FEATURE_STD) @ TRUE_W + TRUE_B
    y = (rng.random(n) < sigmoid(z)).astype(np.int64)
    return LoanData(X=_read_only(X), y=_read_only(y), feature_names=FEATURE_NAMES,
                    true_w=_read_only(TRUE_W.copy()), true_b=TRUE_B)


def train_test_split(data, test_fraction=0.25, seed=0):
    """Split the applicants at random into (train, test) LoanData; every applicant lands in one.

    Why: a model is judged on applicants it has not seen. The shuffle is seeded, so the split
    is the same on every run.

    >>> train, test = train_test_split(make_loan_data(n=400), test_fraction=0.25)
    >>> len(train), len(test)
    (300, 100)
    """
    order = np.random.default_rng(seed).permutation(len(data))
    n_test = int(round(len(data) * test_fraction))
    test_rows, train_rows = order[:n_test], order[n_test:]

    def subset(rows):
        return LoanData(X=_read_only(data.X[rows]), y=_read_only(data.y[rows]),
                        feature_names=data.feature_names, true_w=data.true_w, true_b=data.true_b)

    return subset(train_rows), subset(test_rows)


@dataclass(frozen=True)
class Applicant:
    """A named example applicant with a score z; σ(z) is their probability of default."""

    name: str
    z: float
    description: str


# Six applicants whose scores are the course's six key values. The names are fictional and
# in alphabetical order of score, so nothing but the file decides who looks risky.
APPLICANTS = (
    Applicant("Ada", -5.0, "little debt, twenty years of credit history, never a late payment"),
    Applicant("Bo", -2.0, "modest debt, a long record with one late payment years ago"),
    Applicant("Chiara", 0.0, "average debt and an average history: the model cannot tell"),
    Applicant("Dev", 0.5, "somewhat above-average debt, a few years of credit history"),
    Applicant("Emi", 2.0, "high debt for the income and a short credit history"),
    Applicant("Finn", 5.0, "very high debt, barely a year of history, two missed payments"),
)
