"""Numerically careful sigmoid, logit, cross-entropy and softmax, in plain NumPy.

Every function here behaves like a NumPy ufunc:

* a scalar in gives a NumPy scalar out; an array in gives an array of the same shape out;
* float16/float32/float64 inputs keep their precision; ints, bools and lists become float64;
* at the edges of the domain the values are those of ``scipy.special`` (``sigmoid(-inf) == 0``,
  ``logit(1) == inf``, ``logit(2)`` is nan, nan in gives nan out), returned silently;
* no ``RuntimeWarning`` is ever raised;
* input that is not a real number raises a ``TypeError`` naming the argument.

Each formula is written so that it never takes ``exp`` of a large positive number and never
subtracts two nearly equal numbers; the docstrings say where that matters.
The test suite measures the error of each function against a 50-digit reference
(``tests/test_numerics_accuracy.py``).
"""

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "logit",
    "log_sigmoid",
    "bce",
    "bce_with_logits",
    "softmax",
    "log_softmax",
    "logsumexp",
    "numerical_derivative",
    "gradient_check",
]


# --- input handling shared by every function -------------------------------------------

def as_float_array(x, name):
    """Return ``x`` as a floating NumPy array, or raise a TypeError naming ``name``.

    Floating arrays keep their dtype (float32 stays float32); ints, bools and lists of
    numbers become float64. Converting first matters: ``-z`` on a uint8 array wraps round.

    >>> as_float_array([1, 2], "z").dtype
    dtype('float64')
    """
    try:
        array = np.asarray(x)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise TypeError(f"{name} must be a real number or an array of real numbers; "
                        f"got {type(x).__name__} ({error})") from None
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must be real, not complex (got {x!r})")
    raise TypeError(f"{name} must be a real number or an array of real numbers; "
                    f"got {type(x).__name__} with dtype {array.dtype}")


def _scalar_if_0d(result):
    """Return a NumPy scalar for a 0-d result, as ufuncs do: sigmoid(0.0) is np.float64(0.5)."""
    return result[()] if result.ndim == 0 else result


# --- the sigmoid and its relatives ---------------------------------------------------------

def sigmoid(z):
    """The logistic sigmoid  σ(z) = 1 / (1 + e⁻ᶻ) = eᶻ / (1 + eᶻ).

    Stability: the textbook form takes exp(-z), which overflows for z < -709 (with a
    RuntimeWarning). Here we only ever compute e = exp(-|z|), a number in (0, 1]:

        z ≥ 0:  σ(z) = 1 / (1 + e)        z < 0:  σ(z) = e / (1 + e)

    so nothing overflows, and for very negative z the result e/(1+e) ≈ e keeps its full
    relative precision (down to subnormal numbers, z ≈ -745). Error ≤ 2 ulp everywhere.

    >>> sigmoid(0.0)
    np.float64(0.5)
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    """
    z = as_float_array(z, "z")
    # Speed: each step writes into one of two buffers (out=, +=, /=) instead of making a
    # new array; on large arrays fresh memory costs as much as the exp itself.
    e = np.abs(z, out=np.empty_like(z))
    np.exp(np.negative(e, out=e), out=e)                    # e = exp(-|z|)
    # The numerator is 1 where z ≥ 0 and e where z < 0. copysign gives +1 or -1, and
    # max(±1, e) picks 1 or e; this is cheaper than np.where on mixed signs.
    numerator = np.copysign(1.0, z, out=np.empty_like(z))
    np.maximum(numerator, e, out=numerator)
    e += 1
    numerator /= e
    return _scalar_if_0d(numerator)


def sigmoid_derivative(z):
    """The slope of the sigmoid  σ'(z) = σ(z)·(1 − σ(z)) = e / (1 + e)²  with e = exp(-|z|).

    Stability: σ(z)·(1 − σ(z)) is the form to use when σ(z) is already known (backprop),
    but 1 − σ(z) rounds to 0 once z > 37, so it returns 0 where the true slope is
    ~1e-17. Since σ' is even, e/(1 + e)² with e = exp(-|z|) is exact in form for every z
    and never overflows. Error ≤ 4 ulp everywhere.

    >>> sigmoid_derivative(0.0)
    np.float64(0.25)
    >>> float(sigmoid_derivative(40.0))   # σ·(1-σ) would give 0.0 here
    4.248354255291589e-18
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return _scalar_if_0d(e / (1 + e) ** 2)


def logit(p):
    """The inverse of the sigmoid, the log-odds  logit(p) = ln(p / (1 − p)).

    Stability: near p = ½ the ratio p/(1−p) is close to 1, and the log of a number close
    to 1 loses digits: the naive form's relative error grows without bound as p → ½. On
    that band we write p/(1−p) = 1 + (2p − 1)/(1 − p) and use log1p, which is accurate for
    small arguments; 2p − 1 is exact there and 1 − p at most rounded once. Error ≤ 3 ulp on [0, 1].
    Edges as scipy.special.logit: logit(0) = -inf, logit(1) = inf, outside [0, 1] nan.

    >>> logit(0.5)
    np.float64(0.0)
    >>> round(float(logit(0.9)), 4)   # odds of 9 to 1
    2.1972
    """
    p = as_float_array(p, "p")
    # p = 1 → inf, p > 1 → nan: wanted; 2p overflows only for |p| near the largest double,
    # where the answer is nan anyway.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        near_half = np.log1p((2 * p - 1) / (1 - p))
        elsewhere = np.log(p / (1 - p))
    return _scalar_if_0d(np.where((p > 0.3) & (p < 0.65), near_half, elsewhere))


def log_sigmoid(z):
    """The log of the sigmoid  ln σ(z) = −ln(1 + e⁻ᶻ) = min(z, 0) − ln(1 + e^(−|z|)).

    Stability: np.log(sigmoid(z)) gives -inf once σ(z) underflows (z < -745), though the
    answer is simply ≈ z. Splitting off min(z, 0) leaves log1p of a number in (0, 1],
    which is accurate and never overflows. Error ≤ 2 ulp everywhere.

    >>> log_sigmoid(-1000.0)
    np.float64(-1000.0)
    """
    z = as_float_array(z, "z")
    with np.errstate(invalid="ignore"):  # a signalling-NaN input makes the subtraction warn; nan out either way
        return _scalar_if_0d(np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z))))


# --- binary cross-entropy ------------------------------------------------------------------

def _times(weight, value):
    """weight * value, but 0 where weight == 0 even if value is inf (0·log 0 counts as 0)."""
    with np.errstate(invalid="ignore"):  # 0 * inf is nan, and is then replaced by 0
        return np.where(weight == 0, 0, weight * value)


def bce(p, y):
    """Binary cross-entropy of a predicted probability p for a label y, element by element:

        BCE(p, y) = −[ y·ln p + (1 − y)·ln(1 − p) ]

    with 0·ln 0 taken as 0, so a perfect prediction costs exactly 0 and a certain wrong one
    costs inf. ln(1 − p) is computed as log1p(−p), accurate when p is small. Prefer
    bce_with_logits when you have the score z rather than p = σ(z): it stays accurate
    where p would round to 0 or 1. Average the result yourself (``bce(p, y).mean()``).

    >>> round(float(bce(0.62, 0)), 4)   # ln(1/0.38)
    0.9676
    """
    p = as_float_array(p, "p")
    y = as_float_array(y, "y")
    with np.errstate(divide="ignore", invalid="ignore"):  # ln 0 = -inf, p outside [0, 1] → nan
        # Written as 0.0 - a - b so that a perfect prediction gives 0.0 rather than -0.0.
        loss = 0.0 - _times(y, np.log(p)) - _times(1 - y, np.log1p(-p))
    return _scalar_if_0d(loss)


def bce_with_logits(z, y):
    """Binary cross-entropy of the score z (the logit) for a label y:

        BCE(σ(z), y) = y·softplus(−z) + (1 − y)·softplus(z),   softplus(x) = ln(1 + eˣ)
                     = y·max(−z, 0) + (1 − y)·max(z, 0) + ln(1 + e^(−|z|))

    Stability: never forms σ(z), so a confident wrong score z = -800 for y = 1 costs 800
    instead of inf, and never takes exp of a positive number. Every term is ≥ 0, so nothing
    cancels. Error ≤ 2 ulp for labels 0 and 1. Its derivative in z is σ(z) − y.

    >>> float(bce_with_logits(-800.0, 1))
    800.0
    """
    z = as_float_array(z, "z")
    y = as_float_array(y, "y")
    with np.errstate(invalid="ignore"):  # only a (signalling) NaN can be invalid here: nan out
        loss = (_times(y, np.maximum(-z, 0)) + _times(1 - y, np.maximum(z, 0))
                + np.log1p(np.exp(-np.abs(z))))
    return _scalar_if_0d(loss)


# --- softmax and friends -------------------------------------------------------------------

def _row_max(x, axis):
    """The maximum of each row along ``axis`` (kept as a length-1 axis); -inf for empty rows."""
    return np.max(x, axis=axis, keepdims=True, initial=-np.inf)


def _sum_exp_without_one_max(x, m, axis):
    """Σ exp(xᵢ − m) over every entry of the row but one maximum.

    Leaving one maximum out (its term is exactly 1) lets callers use log1p(s) instead of
    log(1 + s), which keeps the digits of s when the other entries are tiny.
    """
    # x − m below the most negative double gives -inf, whose exp is the right 0. Rows with
    # an infinite or nan maximum are shifted by m = 0 and may overflow; callers discard them.
    with np.errstate(over="ignore", invalid="ignore"):  # invalid: signalling-NaN entries, nan out anyway
        e = np.exp(x - m)
    if e.size:
        np.put_along_axis(e, np.argmax(x, axis=axis, keepdims=True), 0, axis=axis)
    return np.sum(e, axis=axis, keepdims=True)


def logsumexp(x, axis=-1):
    """ln Σᵢ exp(xᵢ) along ``axis``, without overflow:

        logsumexp(x) = m + ln(1 + Σ_{i ≠ argmax} exp(xᵢ − m)),   m = max(x)

    Stability: every exp(xᵢ − m) is ≤ 1, so nothing overflows (logsumexp([1000, 1001])
    is 1001.313…, not inf), and log1p keeps the small terms. Error ≤ 2.5 ulp wherever
    the answer is not a near-cancellation of m and the log term. A row whose maximum is
    inf, -inf or nan gives that maximum, as in scipy.

    >>> round(float(logsumexp([1000.0, 1001.0])), 6)
    1001.313262
    """
    x = as_float_array(x, "x")
    if x.ndim == 0:
        return x[()]  # the log-sum-exp of one number is the number itself
    row_max = _row_max(x, axis)
    finite = np.isfinite(row_max)
    m = np.where(finite, row_max, 0)
    s = _sum_exp_without_one_max(x, m, axis)
    result = np.where(finite, m + np.log1p(s), row_max)
    return _scalar_if_0d(np.squeeze(result, axis=axis))


def log_softmax(x, axis=-1):
    """ln softmax(x) along ``axis``:  log_softmax(x)ᵢ = (xᵢ − m) − ln(1 + Σ_{j ≠ argmax} exp(xⱼ − m)).

    Stability: the same shift as logsumexp; the largest entry gets −log1p(…), which is
    accurate even when it is tiny (np.log(softmax(x)) would round it to 0 or give -inf for
    very negative entries). Error ≤ 2.5 ulp.

    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    """
    x = as_float_array(x, "x")
    if x.ndim == 0:  # one class: probability 1, log 0 (nan for nan/±inf, as in scipy)
        with np.errstate(invalid="ignore"):
            return _scalar_if_0d(x - x)
    row_max = _row_max(x, axis)
    finite = np.isfinite(row_max)
    m = np.where(finite, row_max, 0)
    s = _sum_exp_without_one_max(x, m, axis)
    # rows with an infinite maximum give nan, as in scipy; x − m below the most negative
    # double gives -inf, which is right
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(finite, (x - m) - np.log1p(s), x - row_max)


def softmax(x, axis=-1):
    """softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along ``axis``, computed as exp(xᵢ − m) / Σⱼ exp(xⱼ − m).

    Stability: subtracting the row maximum m changes nothing mathematically (the factor
    e⁻ᵐ cancels) but makes every exponent ≤ 0, so [1000, 1001] gives [0.269, 0.731]
    instead of nan. Error ≤ 8 ulp on rows whose entries are not all tiny.

    >>> softmax([1000.0, 1001.0]).round(3)
    array([0.269, 0.731])
    """
    x = as_float_array(x, "x")
    if x.ndim == 0:  # one class has probability 1 (nan for nan/±inf, as in scipy)
        with np.errstate(invalid="ignore"):
            return _scalar_if_0d(np.exp(x - x))
    # a row with max ±inf gives nan, as in scipy; x − m below the most negative double
    # gives -inf, whose exp is the right 0
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - _row_max(x, axis))
        e /= np.sum(e, axis=axis, keepdims=True)  # in place: saves a full-size temporary
    return e


# --- checking derivatives numerically --------------------------------------------------------

def numerical_derivative(f, x, h=None):
    """Central-difference estimate of f'(x), element by element:

        f'(x) ≈ (f(x + h) − f(x − h)) / (2h),   h = 1e-5 · max(1, |x|)

    The central form has error ~h² (the forward form (f(x+h) − f(x))/h has error ~h); h
    scales with |x| so that x ± h differ from x in enough digits. ``f`` must work
    element by element on arrays, as NumPy functions do.

    >>> round(float(numerical_derivative(sigmoid, 0.0)), 8)
    0.25
    """
    x = as_float_array(x, "x").astype(np.float64)
    if h is None:
        h = 1e-5 * np.maximum(1.0, np.abs(x))
    h = as_float_array(h, "h")
    return _scalar_if_0d(np.asarray((f(x + h) - f(x - h)) / (2 * h)))


def gradient_check(f, derivative, x, rtol=1e-6, atol=1e-8):
    """Compare a hand-written derivative with the central-difference one at the points x.

    Returns (ok, worst) where ok is True when every point satisfies
    |derivative(x) − numerical| ≤ atol + rtol·|numerical|, and worst is the largest
    |difference| found. Typical use: ``ok, worst = gradient_check(sigmoid, my_slope, z)``.

    >>> gradient_check(sigmoid, sigmoid_derivative, [-3.0, 0.0, 2.5])[0]
    True
    """
    x = as_float_array(x, "x").astype(np.float64)
    analytic = as_float_array(derivative(x), "derivative(x)")
    numeric = np.asarray(numerical_derivative(f, x))
    difference = np.abs(analytic - numeric)
    ok = bool(np.all(difference <= atol + rtol * np.abs(numeric)))
    worst = float(np.max(difference, initial=0.0))
    return ok, worst
