"""Behaviour of helpers.numerics: ufunc manners, domain edges (against scipy.special),
warnings, errors, axes, and algebraic properties checked with hypothesis.

Accuracy in ulp against a high-precision reference is in test_numerics_accuracy.py.
"""

import warnings
from contextlib import contextmanager

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers.numerics import (
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

inf, nan = np.inf, np.nan
BIG = np.finfo(np.float64).max
TINY = np.finfo(np.float64).tiny  # smallest normal
SUB = 5e-324  # smallest subnormal
EPS = np.finfo(np.float64).eps  # 2^-52 = spacing(1)

ELEMENTWISE = [sigmoid, sigmoid_derivative, logit, log_sigmoid]
ROWWISE = [softmax, log_softmax, logsumexp]
ONE_ARGUMENT = ELEMENTWISE + ROWWISE
TWO_ARGUMENTS = [bce, bce_with_logits]

# scipy.special's counterparts (scipy's softmax/log_softmax/logsumexp default to axis=None)
SCIPY = {
    sigmoid: sp.expit,
    logit: sp.logit,
    log_sigmoid: sp.log_expit,
    softmax: lambda x: sp.softmax(x, axis=-1 if np.ndim(x) else None),
    log_softmax: lambda x: sp.log_softmax(x, axis=-1 if np.ndim(x) else None),
    logsumexp: lambda x: sp.logsumexp(x, axis=-1 if np.ndim(x) else None),
}

# z-like inputs at the edges of the double range
EDGES = np.array([-inf, inf, nan, 0.0, -0.0, SUB, -SUB, TINY, -TINY, BIG, -BIG,
                  1e300, -1e300, 1e-300, -1e-300, 745.2, -745.2, 709.7, -709.7, 37.0, -37.0])
# p-like inputs at the edges of [0, 1] and outside it
P_EDGES = np.array([-inf, inf, nan, 0.0, -0.0, SUB, -SUB, TINY, 1.0, np.nextafter(1.0, 0),
                    np.nextafter(1.0, 2), 0.5, 2.0, -1.0, BIG, -BIG, 1e-300])
# rows at the edges, for softmax, log_softmax and logsumexp
EDGE_ROWS = [
    [inf, 1000.0], [nan, 1000.0], [-BIG, BIG], [BIG, BIG], [-BIG, -BIG], [-inf, -inf],
    [inf, -inf], [inf, inf], [nan, inf], [-inf, nan], [SUB, 0.0], [-inf, 0.0],
    [-inf, 5.0, -inf], [1e300, -1e300], [0.0, -0.0], [-1e-300, 1e-300], [inf], [-inf], [nan],
    [3.0], [1000.0, 1001.0], [-1000.0, -1000.0], [0.0, -1000.0], [-746.0, 0.0], [SUB, -SUB],
]


@contextmanager
def no_warnings():
    """Turn every warning, numpy's floating-point ones included, into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(divide="warn", over="warn", invalid="warn"):
            yield


def scipy_value(function, x):
    """scipy's answer, computed with its warnings (scipy does warn at some edges) silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        x = np.asarray(x)
        return SCIPY[function](x if x.dtype == np.float32 else x.astype(np.float64))


# --- ufunc manners ----------------------------------------------------------------------------

@pytest.mark.parametrize("function", ONE_ARGUMENT, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value, dtype", [
    (0.25, np.float64), (1, np.float64), (True, np.float64), (np.float64(0.25), np.float64),
    (np.float32(0.25), np.float32), (np.float16(0.25), np.float16), (np.uint8(1), np.float64),
    (np.int64(0), np.float64), (np.array(0.25), np.float64),
    (np.array(0.25, dtype=np.float32), np.float32),
])
def test_scalar_in_gives_numpy_scalar_out(function, value, dtype):
    result = function(value)
    assert isinstance(result, np.floating) and not isinstance(result, np.ndarray)
    assert result.dtype == dtype


@pytest.mark.parametrize("function", TWO_ARGUMENTS, ids=lambda f: f.__name__)
def test_two_argument_functions_give_scalars_and_broadcast(function):
    assert type(function(0.25, 1)) is np.float64
    assert type(function(np.float32(0.25), np.float32(1))) is np.float32
    assert function(np.full((2, 3, 4), 0.25), 1).shape == (2, 3, 4)
    assert function(0.25, np.ones((3, 1))).shape == (3, 1)
    assert function(np.full((3, 1), 0.25), np.ones(4)).shape == (3, 4)
    assert function(np.full(3, 0.25, np.float32), np.ones(3, np.float32)).dtype == np.float32


@pytest.mark.parametrize("function", ELEMENTWISE + [softmax, log_softmax],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(), (1,), (5,), (3, 4), (2, 3, 4), (0,), (0, 3), (3, 0)])
def test_shape_is_kept(function, shape):
    x = np.full(shape, 0.25)
    result = function(x)
    assert np.shape(result) == shape
    assert isinstance(result, np.ndarray) == (shape != ())


@pytest.mark.parametrize("shape", [(1,), (5,), (3, 4), (2, 3, 4), (0,), (0, 3), (3, 0)])
def test_logsumexp_reduces_the_last_axis(shape):
    result = logsumexp(np.full(shape, 0.25))
    assert np.shape(result) == shape[:-1]
    assert isinstance(result, np.ndarray) == (len(shape) > 1)


@pytest.mark.parametrize("function", ONE_ARGUMENT + TWO_ARGUMENTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_floating_dtype_is_kept(function, dtype):
    x = np.array([[0.25, 0.5], [0.75, 0.125]], dtype=dtype)
    result = function(x, x) if function in TWO_ARGUMENTS else function(x)
    assert result.dtype == dtype


@pytest.mark.parametrize("function", ONE_ARGUMENT + TWO_ARGUMENTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("x", [
    [0, 1], [[0, 1], [1, 0]], np.array([0, 1]), np.array([0, 1], dtype=np.uint8),
    np.array([0, 1], dtype=np.int8), np.array([False, True]), [0.0, 1.0], [False, True],
], ids=["int list", "nested list", "int64", "uint8", "int8", "bool", "float list",
        "bool list"])
def test_ints_bools_and_lists_become_float64(function, x):
    result = function(x, x) if function in TWO_ARGUMENTS else function(x)
    assert result.dtype == np.float64
    expected = (function(np.asarray(x, float), np.asarray(x, float))
                if function in TWO_ARGUMENTS else function(np.asarray(x, float)))
    np.testing.assert_array_equal(result, expected)


def test_unsigned_and_small_integers_are_converted_before_negating():
    # -z on a uint8 200 would wrap round to 56, and on an int8 -128 would stay -128
    assert sigmoid(np.uint8(200)) == 1.0
    np.testing.assert_array_equal(sigmoid(np.array([200, 0], np.uint8)), [1.0, 0.5])
    assert sigmoid(np.int8(-128)) == sigmoid(-128.0) < 1e-55
    assert sigmoid_derivative(np.uint8(200)) == sigmoid_derivative(200.0) > 0
    assert log_sigmoid(np.uint8(200)) == log_sigmoid(200.0)
    assert log_sigmoid(np.int8(-128)) == -128.0
    assert bce_with_logits(np.uint8(200), np.uint8(0)) == 200.0
    assert bce_with_logits(np.uint8(200), np.uint8(1)) == bce_with_logits(200.0, 1.0)
    assert logit(np.uint8(1)) == inf and logit(np.uint8(0)) == -inf
    assert bce(np.uint8(1), np.uint8(0)) == inf
    np.testing.assert_array_equal(logsumexp(np.array([200, 0], np.uint8)),
                                  logsumexp([200.0, 0.0]))
    np.testing.assert_array_equal(softmax(np.array([0, 200], np.uint8)),
                                  softmax([0.0, 200.0]))
    np.testing.assert_array_equal(log_softmax(np.array([0, 200], np.uint8)),
                                  log_softmax([0.0, 200.0]))


@pytest.mark.parametrize("function", ONE_ARGUMENT, ids=lambda f: f.__name__)
def test_input_array_is_not_modified(function):
    x = np.array([[0.5, -3.0, 2.0], [1.0, 1.0, 0.25]])
    copy = x.copy()
    function(x)
    np.testing.assert_array_equal(x, copy)


def test_numerical_derivative_and_gradient_check_manners():
    assert type(numerical_derivative(sigmoid, 0.0)) is np.float64
    assert numerical_derivative(sigmoid, np.zeros((2, 3))).shape == (2, 3)
    ok, worst = gradient_check(sigmoid, sigmoid_derivative, 0.5)
    assert ok is True and type(worst) is float and worst >= 0
    assert gradient_check(sigmoid, sigmoid_derivative, []) == (True, 0.0)


# --- values at the edges of the domain: the same as scipy.special ---------------------------

@pytest.mark.parametrize("function", [sigmoid, log_sigmoid], ids=lambda f: f.__name__)
def test_sigmoid_and_log_sigmoid_edges_as_scipy(function):
    # -709.7 is included: from z ≈ -709.78 on, scipy's expit returns 0 (it forms exp(-z),
    # which overflows) while σ(z) ≈ eᶻ is still representable; see the test below.
    with no_warnings():
        np.testing.assert_array_equal(function(EDGES), scipy_value(function, EDGES))
        for z in EDGES:
            np.testing.assert_array_equal(function(z), scipy_value(function, z))
        for dtype in (np.float32, np.float16):
            with np.errstate(over="ignore"):  # the cast itself overflows BIG to inf
                z = EDGES.astype(dtype)
            # scipy computes float16 in float64: compare with its result rounded back
            np.testing.assert_array_equal(function(z), scipy_value(function, z).astype(dtype))


def test_sigmoid_keeps_subnormal_results_where_scipy_expit_gives_0():
    # Disagreement with scipy, in our favour: σ(z) = eᶻ/(1 + eᶻ) = eᶻ exactly in double
    # precision for z < -37, and eᶻ is representable (subnormal) down to z ≈ -745.13.
    z = np.array([-709.79, -720.0, -740.0, -745.0])
    with no_warnings():
        np.testing.assert_array_equal(sigmoid(z), np.exp(z))
    assert np.all(sigmoid(z) > 0)
    assert np.all(scipy_value(sigmoid, z) == 0)  # documents scipy's underflow
    assert sigmoid(-745.2) == 0.0 and sigmoid(-745.0) == SUB


def test_sigmoid_derivative_edges():
    # no scipy counterpart: compare with expit(z)·expit(-z), exact at these points
    z = np.array([-inf, inf, nan, 0.0, -0.0, SUB, -SUB, BIG, -BIG, 1e300, -1e300])
    with no_warnings():
        np.testing.assert_array_equal(sigmoid_derivative(z), sp.expit(z) * sp.expit(-z))
    assert sigmoid_derivative(745.2) == sigmoid_derivative(-745.2) == 0.0
    assert sigmoid_derivative(745.0) == sigmoid_derivative(-745.0) == SUB


def test_logit_edges_as_scipy():
    with no_warnings():
        np.testing.assert_array_equal(logit(P_EDGES), scipy_value(logit, P_EDGES))
        for p in P_EDGES:
            np.testing.assert_array_equal(logit(p), scipy_value(logit, p))
        with np.errstate(over="ignore"):  # the cast itself overflows BIG to inf
            p = P_EDGES.astype(np.float32)
        np.testing.assert_array_equal(logit(p), scipy_value(logit, p).astype(np.float32))
    assert logit(0.0) == -inf and logit(1.0) == inf and logit(0.5) == 0.0


@pytest.mark.parametrize("function", ROWWISE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("row", EDGE_ROWS, ids=repr)
def test_row_edges_as_scipy(function, row):
    with no_warnings():
        np.testing.assert_array_equal(function(row), scipy_value(function, row))
        np.testing.assert_array_equal(function(np.array([row, row])),
                                      scipy_value(function, np.array([row, row])))


@pytest.mark.parametrize("function", ROWWISE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("x", [3.0, 0.0, -0.0, inf, -inf, nan, SUB, BIG])
def test_zero_dimensional_input_as_scipy(function, x):
    with no_warnings():
        result = function(x)
    np.testing.assert_array_equal(result, scipy_value(function, x))
    assert np.ndim(result) == 0


def test_log_softmax_keeps_tiny_log_probabilities_where_scipy_gives_0():
    # Disagreement with scipy, in our favour: the largest entry of [0, -745] has
    # log-probability −ln(1 + e⁻⁷⁴⁵) = −5e-324 (subnormal), and that of [0, -40] is
    # −4.248e-18; scipy's log_softmax takes ln(1 + s) with 1 + s rounded to 1 and gives 0.
    with no_warnings():
        assert log_softmax([-745.0, 0.0])[1] == -SUB
        np.testing.assert_allclose(log_softmax([0.0, -40.0])[0], -np.exp(-40.0), rtol=2 * EPS)
    assert scipy_value(log_softmax, [-745.0, 0.0])[1] == 0.0  # documents scipy's rounding
    assert scipy_value(log_softmax, [0.0, -40.0])[0] == 0.0


def test_row_edge_values():
    assert logsumexp([-inf, -inf]) == -inf and logsumexp([inf, 0.0]) == inf
    assert np.isnan(logsumexp([nan, inf]))
    np.testing.assert_array_equal(softmax([-BIG, BIG]), [0.0, 1.0])
    np.testing.assert_array_equal(log_softmax([-BIG, BIG]), [-inf, 0.0])
    np.testing.assert_array_equal(log_softmax([inf, 1000.0]), [nan, -inf])


def test_empty_arrays():
    with no_warnings():
        for function in ELEMENTWISE:
            for shape in [(0,), (0, 3), (3, 0)]:
                x = np.zeros(shape)
                np.testing.assert_array_equal(function(x), sp.expit(x))  # empty, same shape
        # logsumexp of an empty row is -inf (ln 0), as in scipy
        np.testing.assert_array_equal(logsumexp([]), scipy_value(logsumexp, []))
        for shape in [(0, 3), (3, 0), (2, 0, 4)]:
            x = np.zeros(shape)
            np.testing.assert_array_equal(logsumexp(x), sp.logsumexp(x, axis=-1))
            np.testing.assert_array_equal(logsumexp(x, axis=0), sp.logsumexp(x, axis=0))
        # scipy's softmax and log_softmax raise ValueError on empty input; ours return an
        # empty array of the same shape, as an elementwise function would
        for function in (softmax, log_softmax):
            for shape in [(0,), (0, 3), (3, 0)]:
                result = function(np.zeros(shape))
                assert result.shape == shape and result.dtype == np.float64
        assert bce([], []).shape == bce_with_logits([], []).shape == (0,)


def test_bce_at_certain_predictions_is_0_or_inf_never_nan():
    with no_warnings():
        for p, y, expected in [(0.0, 0.0, 0.0), (0.0, 1.0, inf), (1.0, 0.0, inf),
                               (1.0, 1.0, 0.0), (-0.0, 0.0, 0.0), (-0.0, 1.0, inf)]:
            loss = bce(p, y)
            assert loss == expected, (p, y, loss)
            assert not np.signbit(loss), (p, y)  # 0.0, not -0.0
        np.testing.assert_array_equal(bce([0.0, 1.0, 0.0, 1.0], [0, 1, 1, 0]), [0, 0, inf, inf])


def test_bce_edges_as_scipy_xlogy():
    # −[xlogy(y, p) + xlog1py(1 − y, −p)] is scipy's way of writing BCE with 0·ln 0 = 0
    p, y = np.meshgrid(P_EDGES, [0.0, 1.0, 0.5, -0.0, nan])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        expected = -(sp.xlogy(y, p) + sp.xlog1py(1 - y, -p))
    with no_warnings():
        np.testing.assert_array_equal(bce(p, y), expected)


def test_bce_with_logits_edges_as_scipy_log_expit():
    z = np.array([-inf, inf, nan, 0.0, -0.0, SUB, -SUB, BIG, -BIG, 1e300, -1e300, 800.0, -800.0])
    with no_warnings():
        np.testing.assert_array_equal(bce_with_logits(z, 1), -sp.log_expit(z))
        np.testing.assert_array_equal(bce_with_logits(z, 0), -sp.log_expit(-z))
        assert not np.any(np.isnan(bce_with_logits(z[~np.isnan(z)], np.array([[0.0], [1.0]]))))
    assert bce_with_logits(-800.0, 1) == 800.0 and bce_with_logits(inf, 0) == inf
    assert bce_with_logits(inf, 1) == 0.0 and bce_with_logits(-inf, 0) == 0.0


# --- no warnings, ever ------------------------------------------------------------------------

def test_no_warning_on_any_edge_input():
    with no_warnings():
        for function in ELEMENTWISE:
            function(EDGES)
            function(P_EDGES)
            for x in np.concatenate([EDGES, P_EDGES]):
                function(x)
        for function in ROWWISE:
            for row in EDGE_ROWS:
                function(row)
                function(np.array([row, row]), axis=0)
            function([])
            function(np.zeros((0, 3)))
            function(np.zeros((3, 0)))
            for x in EDGES:
                function(x)
        for function in TWO_ARGUMENTS:
            for y in [0.0, 1.0, 0.5, -0.0, nan, SUB]:
                function(EDGES, y)
                function(P_EDGES, y)
                for x in np.concatenate([EDGES, P_EDGES]):
                    function(x, y)


def test_no_warning_on_signalling_nans():
    # A NaN whose quiet bit is clear makes arithmetic raise the "invalid" flag; hypothesis finds
    # such values only sometimes, so they are tested here every time.
    signalling = np.array([0x7FF0000000000001, 0xFFF0000000000001], dtype=np.uint64).view(np.float64)
    with no_warnings():
        for function in ONE_ARGUMENT:
            assert np.isnan(function(signalling)).all(), function.__name__
        for function in TWO_ARGUMENTS:
            assert np.isnan(function(signalling, 1.0)).all(), function.__name__
            assert np.isnan(function(0.5, signalling)).all(), function.__name__


@settings(deadline=None, max_examples=150)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=6),
                  elements=st.floats(width=64)))
def test_no_warning_on_any_floats_and_edges_agree_with_scipy(x):
    # any doubles at all, nan and ±inf included
    with no_warnings():
        for function in ONE_ARGUMENT:
            result = function(x)
            if function not in SCIPY:
                continue
            expected = scipy_value(function, x)
            # where either side is not finite (inf, nan, or an overflow), both agree exactly
            special = ~np.isfinite(result) | ~np.isfinite(expected)
            np.testing.assert_array_equal(np.asarray(result)[special],
                                          np.asarray(expected)[special])
        for function in TWO_ARGUMENTS:
            function(x, 0.0)
            function(x, 1.0)


# --- errors: a TypeError naming the argument --------------------------------------------------

BAD_VALUES = {
    "str": "0.5", "bytes": b"1", "None": None, "object": object(), "dict": {1: 2},
    "complex": 1 + 2j, "np.complex128": np.complex128(1), "complex list": [1.0, 2j],
    "ragged list": [[1.0, 2.0], [3.0]], "str list": ["a", "b"], "None in list": [None, 1.0],
    "datetime64": np.datetime64("2020-01-01"),
}
CALLS = [
    ("z", lambda bad: sigmoid(bad)),
    ("z", lambda bad: sigmoid_derivative(bad)),
    ("p", lambda bad: logit(bad)),
    ("z", lambda bad: log_sigmoid(bad)),
    ("p", lambda bad: bce(bad, 1.0)),
    ("y", lambda bad: bce(0.5, bad)),
    ("z", lambda bad: bce_with_logits(bad, 1.0)),
    ("y", lambda bad: bce_with_logits(0.5, bad)),
    ("x", lambda bad: softmax(bad)),
    ("x", lambda bad: log_softmax(bad)),
    ("x", lambda bad: logsumexp(bad)),
    ("x", lambda bad: numerical_derivative(sigmoid, bad)),
    ("x", lambda bad: gradient_check(sigmoid, sigmoid_derivative, bad)),
]


@pytest.mark.parametrize("name, call", CALLS,
                         ids=["sigmoid", "sigmoid_derivative", "logit", "log_sigmoid", "bce-p",
                              "bce-y", "bce_with_logits-z", "bce_with_logits-y", "softmax",
                              "log_softmax", "logsumexp", "numerical_derivative",
                              "gradient_check"])
@pytest.mark.parametrize("bad", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_type_error_names_the_argument(name, call, bad):
    with pytest.raises(TypeError, match=rf"^{name} must be "):
        call(bad)


# --- axes ------------------------------------------------------------------------------------

RNG = np.random.default_rng(2024)
X2 = RNG.standard_normal((4, 5)) * 3
X3 = RNG.standard_normal((2, 3, 4)) * 3


@pytest.mark.parametrize("function", ROWWISE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("x, axis", [(X2, 0), (X2, 1), (X2, -1), (X2, -2), (X3, 0), (X3, 1),
                                     (X3, 2), (X3, -1)])
def test_axis_matches_a_computation_row_by_row(function, x, axis):
    result = function(x, axis=axis)
    by_row = np.apply_along_axis(function, axis, x)
    assert result.shape == by_row.shape
    # summing along a strided axis may add in a different order: a few ulp apart at most
    np.testing.assert_allclose(result, by_row, rtol=4 * EPS, atol=0)
    reference = {softmax: sp.softmax, log_softmax: sp.log_softmax,
                 logsumexp: sp.logsumexp}[function](x, axis=axis)
    # scipy's log_softmax computes (xᵢ − m) − ln(Σ exp(xⱼ − m)), whose log loses the digits of
    # a log-probability close to 0 (up to an ulp of 1): compare with an absolute tolerance
    atol = 2 * EPS if function is log_softmax else 0
    np.testing.assert_allclose(result, reference, rtol=8 * EPS, atol=atol)
    if function is softmax:
        np.testing.assert_allclose(result.sum(axis=axis), 1.0, rtol=0, atol=8 * EPS)


def test_default_axis_is_the_last():
    for function in ROWWISE:
        np.testing.assert_array_equal(function(X3), function(X3, axis=-1))
        np.testing.assert_array_equal(function(X3), function(X3, axis=2))


# --- properties --------------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@settings(deadline=None, max_examples=200)
@given(finite)
def test_sigmoid_symmetry(z):
    # σ(−z) = 1 − σ(z). 1 − σ(z) is rounded to an ulp of 1, so the comparison is absolute:
    # it is well conditioned there, and not relative to a tiny σ(−z) (z > 37 gives 1 − σ = 0).
    assert abs(sigmoid(-z) - (1 - sigmoid(z))) <= 2 * EPS
    # for |z| ≤ 1, both sides are ≥ 0.26, so this is within a few ulp of the values
    if abs(z) <= 1:
        assert abs(sigmoid(-z) - (1 - sigmoid(z))) <= 4 * np.spacing(0.5)
    assert sigmoid(-abs(z)) <= 0.5 <= sigmoid(abs(z))


@settings(deadline=None, max_examples=300)
@given(finite, finite)
def test_sigmoid_is_a_monotone_probability(a, b):
    a, b = min(a, b), max(a, b)
    sa, sb = sigmoid(a), sigmoid(b)
    assert 0 <= sa <= sb <= 1
    if b > 0:
        assert sb >= 0.5
    # sigmoid_derivative is even, in [0, ¼] and decreasing in |z| up to its rounding error
    # (near 0 it may exceed ¼ by an ulp: sigmoid_derivative(1.6e-13) is 0.25000000000000006)
    da, db = sigmoid_derivative(a), sigmoid_derivative(b)
    assert 0 <= da <= 0.25 + 4 * np.spacing(0.25) and 0 <= db <= 0.25 + 4 * np.spacing(0.25)
    assert sigmoid_derivative(-a) == da
    if abs(a) <= abs(b):
        assert da >= db - 4 * np.spacing(db)


@settings(deadline=None, max_examples=30)
@given(hnp.arrays(np.float64, st.integers(2, 200), elements=finite, unique=True))
def test_sigmoid_is_monotone_on_sorted_arrays(z):
    z = np.sort(z)
    assert np.all(np.diff(sigmoid(z)) >= 0)
    assert np.all(np.diff(log_sigmoid(z)) >= 0)


@settings(deadline=None, max_examples=300)
@given(st.floats(-30, 30))
def test_logit_inverts_sigmoid_where_well_conditioned(z):
    # p = σ(z) carries up to 2 ulp of error, which logit amplifies by 1 / (p(1 − p)):
    # for z = 30, 1 − p ≈ 1e-13, so only ~12 digits of z come back. Allow exactly that.
    p = sigmoid(z)
    tolerance = 3 * np.spacing(p) / (p * (1 - p)) + 3 * np.spacing(abs(z))
    assert abs(logit(p) - z) <= tolerance


@settings(deadline=None, max_examples=300)
@given(st.floats(0, 1))
def test_sigmoid_inverts_logit(p):
    # z = logit(p) is rounded to half an ulp of |z|, which σ turns into a relative error of
    # (1 − p)·|z|·2^-53 in p: small near p = ½, but ~20 ulp for p ≈ 1e-168 (z ≈ −385).
    z = logit(p)
    if p in (0.0, 1.0):
        assert sigmoid(z) == p
    else:
        tolerance = 3 * np.spacing(p) + p * (1 - p) * np.spacing(abs(z)) + SUB
        assert abs(sigmoid(z) - p) <= tolerance


@settings(deadline=None, max_examples=300)
@given(finite)
def test_exp_of_log_sigmoid_is_sigmoid(z):
    ls = log_sigmoid(z)
    assert ls <= 0
    with no_warnings():
        s = np.exp(ls)
    # exp turns an absolute error δ of ls (a few ulp of |ls|) into a relative error δ
    tolerance = 4 * EPS * (1 + abs(ls)) * sigmoid(z) + 2 * SUB
    assert abs(s - sigmoid(z)) <= tolerance


rows = hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-1e3, 1e3))


@settings(deadline=None, max_examples=200)
@given(rows)
def test_softmax_rows_sum_to_1(x):
    s = softmax(x)
    assert np.all((s >= 0) & (s <= 1))
    assert abs(s.sum() - 1) <= (8 + len(x)) * EPS
    assert s[np.argmax(x)] == s.max()


@settings(deadline=None, max_examples=100)
@given(hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(-2**20, 2**20)),
       st.integers(-2**20, 2**20))
def test_softmax_is_exactly_invariant_to_an_exact_shift(k, c):
    # x = k/1024 and x + c are exact, and so is every xᵢ − max(x): the results are identical
    x = k / 1024.0
    for function in (softmax, log_softmax):
        np.testing.assert_array_equal(function(x + c), function(x))
    # logsumexp(x) + c is itself rounded once more
    shifted, unshifted = logsumexp(x + c), logsumexp(x)
    assert abs(shifted - (unshifted + c)) <= 3 * (np.spacing(abs(shifted))
                                                  + np.spacing(abs(unshifted)))


@settings(deadline=None, max_examples=100)
@given(rows, st.floats(-1e3, 1e3))
def test_softmax_is_invariant_to_adding_a_constant(x, c):
    # x + c is rounded (to half an ulp of |x + c| ≤ 2000), which changes each exponent by
    # up to ~2.3e-13 and so each probability by that relative amount
    a, b = softmax(x), softmax(x + c)
    np.testing.assert_allclose(b, a, rtol=8 * 2000 * EPS, atol=SUB)


@settings(deadline=None, max_examples=200)
@given(hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-1e300, 1e300)))
def test_log_softmax_is_x_minus_logsumexp(x):
    lse = logsumexp(x)
    with no_warnings(), np.errstate(over="ignore"):  # x − lse may overflow to -inf: fine
        expected = x - lse
    tolerance = 4 * (np.spacing(np.abs(x)) + np.spacing(abs(lse)))
    result = log_softmax(x)
    assert np.all(result <= 0)
    np.testing.assert_array_equal(np.isinf(result), np.isinf(expected))
    finite_part = np.isfinite(expected)
    assert np.all(np.abs(result - expected)[finite_part] <= tolerance[finite_part])
    assert lse >= x.max()


@settings(deadline=None, max_examples=200)
@given(finite, st.sampled_from([0.0, 1.0]) | st.floats(0, 1))
def test_bce_with_logits_agrees_with_bce_of_sigmoid(z, y):
    p = sigmoid(z)
    assume(0 < p < 1)  # where σ(z) rounds to 0 or 1, bce(σ(z), y) is inf or 0 instead
    expected = bce(p, y)
    # p carries up to 2 ulp of error, amplified by |∂bce/∂p| = |−y/p + (1 − y)/(1 − p)|
    slope = abs(-y / p + (1 - y) / (1 - p))
    tolerance = 4 * np.spacing(expected) + 2 * slope * np.spacing(p)
    assert abs(bce_with_logits(z, y) - expected) <= tolerance


@settings(deadline=None, max_examples=200)
@given(st.floats(-1e6, 1e6), st.sampled_from([0.0, 1.0]) | st.floats(0, 1))
def test_bce_with_logits_derivative_is_sigmoid_minus_y(z, y):
    numeric = numerical_derivative(lambda t: bce_with_logits(t, y), z)
    # central differences: truncation ~h²·|σ''|/6 ≤ 1e-11, rounding ~ulp(loss)/h ≤ 1e-10
    assert abs(numeric - (sigmoid(z) - y)) <= 1e-7


@settings(deadline=None, max_examples=60)
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-8, 8)))
def test_gradient_check_accepts_the_right_derivative_and_rejects_wrong_ones(z):
    assert gradient_check(sigmoid, sigmoid_derivative, z)[0]
    assert gradient_check(log_sigmoid, lambda t: 1 - sigmoid(t), z)[0]
    # on |z| ≤ 8 the wrong ones are off by 2σ² ≥ 2e-7 and 2σ' ≥ 6e-4, far above the tolerance
    assert not gradient_check(sigmoid, lambda t: sigmoid(t) * (1 + sigmoid(t)), z)[0]
    assert not gradient_check(sigmoid, lambda t: -sigmoid_derivative(t), z)[0]


def test_numerical_derivative_of_sigmoid():
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(numerical_derivative(sigmoid, z), sigmoid_derivative(z),
                               rtol=1e-8, atol=1e-12)


# --- the examples the course relies on ---------------------------------------------------------

def test_worked_examples():
    assert sigmoid(0.0) == 0.5 and sigmoid_derivative(0.0) == 0.25
    np.testing.assert_array_equal(sigmoid([-1000.0, 0.0, 1000.0]), [0.0, 0.5, 1.0])
    assert sigmoid_derivative(40.0) > 0  # σ·(1 − σ) would give 0 here
    np.testing.assert_allclose(sigmoid_derivative(40.0), np.exp(-40.0), rtol=1e-15)
    assert log_sigmoid(-1000.0) == -1000.0
    assert bce_with_logits(-800.0, 1) == 800.0
    np.testing.assert_allclose(logit(0.9), np.log(9.0), rtol=2 * EPS)
    np.testing.assert_allclose(logsumexp([1000.0, 1001.0]), 1001 + np.log1p(np.exp(-1.0)),
                               rtol=EPS)
    np.testing.assert_allclose(softmax([1000.0, 1001.0]), [0.2689414213699951, 0.7310585786300049],
                               rtol=2 * EPS)
    np.testing.assert_array_equal(log_softmax([0.0, -1000.0]), [0.0, -1000.0])
    np.testing.assert_allclose(bce(0.62, 0), -np.log(0.38), rtol=2 * EPS)
