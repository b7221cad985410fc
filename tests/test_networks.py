"""The hand-written MLP: backpropagation agrees with finite differences, training learns XOR,
and sigmoid gradients shrink with depth as chapter 05 says."""

import numpy as np
import pytest

from helpers.networks import MLP

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_backpropagation_matches_finite_differences(activation):
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(7, 3)), rng.integers(0, 2, 7)
    net = MLP((3, 4, 3, 1), activation=activation, seed=2, init=0.8)
    for layer in net.biases:
        layer += rng.normal(0, 0.1, layer.shape)      # away from relu's kink at exactly 0
    grad_W, grad_b = net.gradients(X, y)
    num_W, num_b = net.numerical_gradients(X, y)
    for analytic, numeric in zip(grad_W + grad_b, num_W + num_b):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-9)


def test_a_hidden_layer_learns_xor():
    net = MLP((2, 4, 1), activation="tanh", seed=0)
    losses = net.train(XOR_X, XOR_Y, learning_rate=1.0, steps=2000)
    assert losses[-1] < 0.05 < losses[0]
    assert ((net.predict_proba(XOR_X) > 0.5) == (XOR_Y == 1)).all()


def test_sigmoid_gradients_shrink_towards_the_input_layer():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 8)), rng.integers(0, 2, 64)
    norms = MLP((8,) + (8,) * 10 + (1,), activation="sigmoid", seed=0).gradient_norms(X, y)
    assert norms[0] < 1e-3 * norms[-1]
    relu = MLP((8,) + (8,) * 10 + (1,), activation="relu", seed=0, init="he").gradient_norms(X, y)
    assert relu[0] / relu[-1] > 100 * norms[0] / norms[-1]


def test_same_seed_same_network_and_constant_weights():
    a, b = MLP((2, 3, 1), seed=5), MLP((2, 3, 1), seed=5)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights))
    assert all((W == 2.0).all() for W in MLP((2, 3, 1), constant=2.0).weights)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="activation"):
        MLP((2, 1), activation="swish")
    with pytest.raises(ValueError, match="sizes"):
        MLP((2, 3))
    with pytest.raises(ValueError, match="learning_rate"):
        MLP((2, 1)).train(XOR_X, XOR_Y, learning_rate=-1)
