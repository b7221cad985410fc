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


FORMULAS = {                                   # the standard deviation each initialisation is named for
    "lecun": lambda fan_in, fan_out: np.sqrt(1 / fan_in),                  # LeCun et al. 1998
    "glorot": lambda fan_in, fan_out: np.sqrt(2 / (fan_in + fan_out)),     # Glorot & Bengio 2010 (Xavier)
    "glorot_uniform": lambda fan_in, fan_out: np.sqrt(2 / (fan_in + fan_out)),
    "he": lambda fan_in, fan_out: np.sqrt(2 / fan_in),                     # He et al. 2015
}


@pytest.mark.parametrize("init", sorted(FORMULAS))
@pytest.mark.parametrize("fan_in, fan_out", [(400, 100), (100, 400), (250, 250)])
def test_each_initialisation_has_the_standard_deviation_of_its_formula(init, fan_in, fan_out):
    W = MLP((fan_in, fan_out, 1), init=init, seed=3).weights[0]
    assert W.shape == (fan_in, fan_out)
    # 40 000 draws: the sample standard deviation is within 2 % of the true one (about 5 standard errors)
    assert W.std() == pytest.approx(FORMULAS[init](fan_in, fan_out), rel=0.02)
    assert abs(W.mean()) < 0.02 * W.std()
    if init == "glorot_uniform":
        limit = np.sqrt(6 / (fan_in + fan_out))
        assert np.abs(W).max() <= limit and np.abs(W).max() > 0.99 * limit


def test_glorot_differs_from_lecun_when_the_fans_differ():
    lecun = MLP((400, 100, 1), init="lecun", seed=0).weights[0].std()
    glorot = MLP((400, 100, 1), init="glorot", seed=0).weights[0].std()
    assert glorot / lecun == pytest.approx(np.sqrt(2 * 400 / 500), rel=0.03)


def test_the_default_is_lecun_and_a_number_is_a_standard_deviation():
    assert all(np.array_equal(u, v) for u, v in zip(MLP((3, 4, 1), seed=1).weights,
                                                    MLP((3, 4, 1), seed=1, init="lecun").weights))
    assert MLP((300, 300, 1), init=0.3).weights[0].std() == pytest.approx(0.3, rel=0.02)


@pytest.mark.parametrize("bad", ["xavier", "Xavier", "kaiming", -0.5, 0, None, True])
def test_a_bad_init_is_named(bad):
    with pytest.raises(ValueError, match="init"):
        MLP((2, 3, 1), init=bad)
