"""Logistic regression from scratch: the gradients are right and training learns the loan data."""

import numpy as np
import pytest

from helpers import data
from helpers.models import accuracy, gradients, mean_bce, predict_proba, scores, train_logistic_regression
from helpers.numerics import numerical_derivative


def test_scores_and_probabilities_have_one_entry_per_row():
    X = np.arange(6.0).reshape(3, 2)
    assert scores(X, [1.0, -1.0], 0.5).tolist() == [-0.5, -0.5, -0.5]
    assert predict_proba(X, [0.0, 0.0], 0.0).tolist() == [0.5, 0.5, 0.5]


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 2, 20)
    w, b = rng.normal(size=3), 0.3
    grad_w, grad_b = gradients(X, y, w, b)
    for j in range(3):
        def loss_along_wj(t, j=j):
            return np.array([mean_bce(X, y, np.where(np.arange(3) == j, t_i, w), b) for t_i in np.atleast_1d(t)])
        assert numerical_derivative(loss_along_wj, w[j]) == pytest.approx(grad_w[j], rel=1e-6)
    loss_along_b = lambda t: np.array([mean_bce(X, y, w, t_i) for t_i in np.atleast_1d(t)])
    assert numerical_derivative(loss_along_b, b) == pytest.approx(grad_b, rel=1e-6)


def test_training_on_the_loan_data_approaches_the_true_model():
    train, test = data.train_test_split(data.make_loan_data())
    fit = train_logistic_regression(train.X_std, train.y, learning_rate=0.5, steps=500)
    assert np.all(np.diff(fit.losses) <= 1e-12), "the loss must never rise at this learning rate"
    assert accuracy(test.X_std, test.y, fit.w, fit.b) >= 0.75
    assert np.allclose(fit.w, data.TRUE_W, atol=0.6) and abs(fit.b - data.TRUE_B) < 0.6
    assert len(fit.losses) == 501


def test_training_is_deterministic_and_does_not_touch_its_inputs():
    X = np.array([[0.0], [1.0]]); y = np.array([0, 1]); w0 = np.array([0.2])
    a = train_logistic_regression(X, y, steps=10, w=w0)
    b = train_logistic_regression(X, y, steps=10, w=w0)
    assert np.array_equal(a.w, b.w) and a.b == b.b and w0.tolist() == [0.2]


def test_a_confident_wrong_model_costs_its_size_not_inf():
    assert mean_bce([[1.0]], [1], [-800.0], 0.0) == pytest.approx(800.0)


def test_bad_learning_rate_is_named():
    with pytest.raises(ValueError, match="learning_rate"):
        train_logistic_regression([[0.0]], [0], learning_rate=0)
