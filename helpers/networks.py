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

__all__ = ["ACTIVATIONS", "MLP"]


def _relu(z):
    return np.maximum(z, 0.0)


# name → (f, f′ written in terms of z and of a = f(z), whichever is cheaper)
ACTIVATIONS = {
    "sigmoid": (sigmoid, lambda z, a: a * (1 - a)),
    "tanh": (np.tanh, lambda z, a: 1 - a ** 2),
    "relu": (_relu, lambda z, a: (z > 0).astype(float)),
}


class MLP:
    """A fully connected network with one sigmoid output; see the module docstring for the maths.

    ``sizes`` lists the layer widths from input to output, e.g. (2, 4, 1). Weights start as
    Gaussian draws scaled by ``init``: "xavier" (1/√fan_in, suits sigmoid and tanh), "he"
    (√(2/fan_in), suits relu), or a number used as the standard deviation. ``constant``
    sets every weight to that value instead (chapter 05's "all weights 2.0" experiment).
    Biases start at 0. The same seed gives the same network.

    >>> net = MLP((2, 3, 1), activation="tanh", seed=0)
    >>> net.predict_proba(np.zeros((4, 2))).tolist()
    [0.5, 0.5, 0.5, 0.5]
    """

    def __init__(self, sizes, activation="sigmoid", seed=0, init="xavier", constant=None):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if len(sizes) < 2 or sizes[-1] != 1:
            raise ValueError(f"sizes must go from the input width to a single output, got {sizes!r}")
        rng = np.random.default_rng(seed)
        self.activation = activation
        self.weights, self.biases = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            if constant is not None:
                weights = np.full((fan_in, fan_out), float(constant))
            else:
                scale = {"xavier": 1 / np.sqrt(fan_in), "he": np.sqrt(2 / fan_in)}.get(init, init)
                weights = rng.normal(0.0, float(scale), (fan_in, fan_out))
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
