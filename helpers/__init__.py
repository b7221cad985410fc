"""helpers — the small package every notebook of the sigmoid course imports.

    numerics      stable sigmoid, logit, cross-entropy, softmax; a gradient checker
    models        logistic regression from scratch: scores, probabilities, gradients, training
    networks      a small multilayer perceptron with backpropagation written out by hand
    plots         the course's figure style and the figures that recur between chapters
    data          the seeded synthetic loan-default data
    widgets       sliders, the chapter explorers built from them, and quizzes
    checks        exercise checks and hints (one module per chapter, chNN.py)
    environment   is this set-up recent enough? (chapter 00)

The numerical functions are also available at the top level: ``from helpers import sigmoid``.
"""

from .numerics import (
    bce,
    bce_with_logits,
    gradient_check,
    log_sigmoid,
    log_softmax,
    logit,
    logsumexp,
    numerical_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
)

__version__ = "0.1.0"
