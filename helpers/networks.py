"""A small multilayer perceptron with backpropagation written out by hand (chapters 05 and 07).

The network maps inputs X (n × d) through hidden layers to one output probability:

    a₀ = X,   zₗ = aₗ₋₁·Wₗ + bₗ,   aₗ = f(zₗ) for hidden layers,   p = σ(z_L) at the output

with f the hidden activation (sigmoid, tanh or relu). The loss is the mean binary
cross-entropy of p, computed from z_L (stable). Backpropagation runs the chain rule from the
output down:

    δ_L = (p − y)/n                   (BCE after σ: the σ′ cancels, chapter 04)
    ∂L/∂Wₗ = aₗ₋₁ᵀ·δₗ,   ∂L/∂bₗ = Σ δₗ
    δₗ₋₁ = (δₗ·Wₗᵀ) ⊙ f′(zₗ₋₁)         (each hidden layer multiplies by its activation's slope)

That last line is where gradients vanish: with sigmoid, f′ ≤ ¼ at every layer.
``numerical_gradients`` checks all of it by central differences.
"""

import numpy as np

from .numerics import as_float_array, bce_with_logits, sigmoid

__all__ = ["ACTIVATIONS", "INITIALISATIONS", "MLP", "initial_weights"]


def _relu(z):
    return np.maximum(z, 0.0)


# name → (f, f′ written in terms of z and of a = f(z), whichever is cheaper)
ACTIVATIONS = {
    "sigmoid": (sigmoid, lambda z, a: a * (1 - a)),
    "tanh": (np.tanh, lambda z, a: 1 - a ** 2),
    "relu": (_relu, lambda z, a: (z > 0).astype(float)),
}


# name → (distribution, its standard deviation for a layer with fan_in inputs and fan_out outputs)
INITIALISATIONS = {
    "lecun": ("normal", lambda fan_in, fan_out: 1 / np.sqrt(fan_in)),
    "glorot": ("normal", lambda fan_in, fan_out: np.sqrt(2 / (fan_in + fan_out))),
    "glorot_uniform": ("uniform", lambda fan_in, fan_out: np.sqrt(2 / (fan_in + fan_out))),
    "he": ("normal", lambda fan_in, fan_out: np.sqrt(2 / fan_in)),
}


def _check_init(init):
    if isinstance(init, str):
        if init.lower() == "xavier":
            raise ValueError("init='xavier' is ambiguous: Glorot & Bengio's (Xavier) initialisation is "
                             "init='glorot' (std √(2/(fan_in + fan_out))); std 1/√fan_in is init='lecun'")
        if init not in INITIALISATIONS:
            raise ValueError(f"init must be one of {sorted(INITIALISATIONS)} or a positive number, got {init!r}")
    elif isinstance(init, bool) or not isinstance(init, (int, float, np.floating, np.integer)) or not init > 0:
        raise ValueError(f"init must be one of {sorted(INITIALISATIONS)} or a positive number, got {init!r}")


def initial_weights(rng, fan_in, fan_out, init="lecun"):
    """A fan_in × fan_out weight matrix drawn as ``init`` says (see ``MLP``), with the generator ``rng``.

    A uniform draw on ±limit has standard deviation limit/√3, so "glorot_uniform" uses
    limit = √3 · √(2/(fan_in + fan_out)) = √(6/(fan_in + fan_out)).

    >>> W = initial_weights(np.random.default_rng(0), 300, 100, "glorot_uniform")
    >>> bool(np.abs(W).max() <= np.sqrt(6 / 400))
    True
    """
    _check_init(init)
    if not isinstance(init, str):
        return rng.normal(0.0, float(init), (fan_in, fan_out))
    distribution, std = INITIALISATIONS[init]
    if distribution == "uniform":
        limit = np.sqrt(3.0) * std(fan_in, fan_out)
        return rng.uniform(-limit, limit, (fan_in, fan_out))
    return rng.normal(0.0, std(fan_in, fan_out), (fan_in, fan_out))


class MLP:
    """A fully connected network with one sigmoid output; see the module docstring for the maths.

    ``sizes`` lists the layer widths from input to output, e.g. (2, 4, 1). Biases start at 0;
    the weights of a layer with ``fan_in`` inputs and ``fan_out`` outputs are random draws
    chosen by ``init`` (the formulas are in ``INITIALISATIONS``):

    - "lecun" (the default): normal, standard deviation 1/√fan_in. It keeps the variance of a
      score equal to the mean square of the layer's inputs, which is their variance when they are
      centred on 0 (LeCun et al., 1998, for tanh-like units); sigmoid outputs, around ½, are not.
    - "glorot": normal, standard deviation √(2/(fan_in + fan_out)); "glorot_uniform": uniform on
      ±√(6/(fan_in + fan_out)), the same variance. Glorot & Bengio (2010) balance the forward
      signal (variance 1/fan_in) against the backward one (1/fan_out) by averaging the two fans.
      Also called Xavier initialisation, after Xavier Glorot.
    - "he": normal, standard deviation √(2/fan_in) (He et al., 2015). A ReLU zeroes about half
      its inputs, so the variance is doubled to make up for it; suits relu.
    - a positive number: normal with that standard deviation.

    ``constant`` sets every weight to that value instead (chapter 05's "all weights 2.0"
    experiment). The same seed gives the same network.

    >>> net = MLP((2, 3, 1), activation="tanh", seed=0)
    >>> net.predict_proba(np.zeros((4, 2))).tolist()
    [0.5, 0.5, 0.5, 0.5]
    >>> round(float(MLP((400, 200, 1), init="glorot").weights[0].std()), 3)     # √(2/600) ≈ 0.058
    0.058
    """

    def __init__(self, sizes, activation="sigmoid", seed=0, init="lecun", constant=None):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if len(sizes) < 2 or sizes[-1] != 1:
            raise ValueError(f"sizes must go from the input width to a single output, got {sizes!r}")
        _check_init(init)
        rng = np.random.default_rng(seed)
        self.activation = activation
        self.weights, self.biases = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            if constant is not None:
                weights = np.full((fan_in, fan_out), float(constant))
            else:
                weights = initial_weights(rng, fan_in, fan_out, init)
            self.weights.append(weights)
            self.biases.append(np.zeros(fan_out))

    def forward(self, X):
        """Return (the output scores z_L as a 1-D array, the list of (zₗ, aₗ) for every layer)."""
        f, _ = ACTIVATIONS[self.activation]
        a = as_float_array(X, "X")
        layers = []
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ W + b
            a = z if i == len(self.weights) - 1 else f(z)   # the output keeps its score; σ comes in the loss
            layers.append((z, a))
        return layers[-1][0][:, 0], layers

    def predict_proba(self, X):
        """p = σ(z_L): the network's probability of class 1 for each row of X."""
        return sigmoid(self.forward(X)[0])

    def loss(self, X, y):
        """Mean binary cross-entropy, from the output scores (stable even when confident)."""
        z, _ = self.forward(X)
        return float(np.mean(bce_with_logits(z, as_float_array(y, "y"))))

    def gradients(self, X, y):
        """(∂L/∂W for each layer, ∂L/∂b for each layer), by backpropagation."""
        X = as_float_array(X, "X")
        z_out, layers = self.forward(X)
        _, slope = ACTIVATIONS[self.activation]
        delta = ((sigmoid(z_out) - as_float_array(y, "y")) / len(X))[:, None]    # δ_L, shape (n, 1)
        grad_W, grad_b = [], []
        for i in range(len(self.weights) - 1, -1, -1):
            a_before = X if i == 0 else layers[i - 1][1]
            grad_W.insert(0, a_before.T @ delta)
            grad_b.insert(0, delta.sum(axis=0))
            if i > 0:
                z_before, a_before_act = layers[i - 1]
                delta = (delta @ self.weights[i].T) * slope(z_before, a_before_act)
        return grad_W, grad_b

    def gradient_norms(self, X, y):
        """The size ‖∂L/∂Wₗ‖ of each layer's weight gradient, from the first layer to the output."""
        grad_W, _ = self.gradients(X, y)
        return np.array([np.linalg.norm(g) for g in grad_W])

    def numerical_gradients(self, X, y, h=1e-6):
        """∂L/∂W and ∂L/∂b by central differences, one parameter at a time (slow: for checking)."""
        def estimate(array):
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + h
                up = self.loss(X, y)
                array[index] = saved - h
                down = self.loss(X, y)
                array[index] = saved
                grad[index] = (up - down) / (2 * h)
            return grad
        return [estimate(W) for W in self.weights], [estimate(b) for b in self.biases]

    def train(self, X, y, learning_rate=1.0, steps=1000):
        """Full-batch gradient descent, in place; returns the loss before each step and after the last."""
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
        losses = [self.loss(X, y)]
        for _ in range(int(steps)):
            grad_W, grad_b = self.gradients(X, y)
            for W, b, gW, gb in zip(self.weights, self.biases, grad_W, grad_b):
                W -= learning_rate * gW
                b -= learning_rate * gb
            losses.append(self.loss(X, y))
        return np.array(losses)
