"""Comparing an answer with the right values, and naming the general mistakes behind a difference.

``close`` is the one comparison every check uses. ``general_cause`` looks at *how* a wrong
answer differs from the right one — the same factor everywhere, the sign flipped, rounded,
float32, right except where the true value is tiny — and names it. A cause is only named
when it explains every value the answer got wrong *and* every value it got right.
"""

import math

import numpy as np


def as_real_number(value):
    """value as a float if it is a real number (int, float, NumPy scalar, 0-d or 1-element array), else None.

    An integer too large for a float (10**400) becomes ±inf rather than an error.
    """
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim <= 1 and value.dtype.kind in "iuf":
        value = value.reshape(())[()]                # 0.28 or array([0.28]) (what fsolve returns)
    if isinstance(value, (int, float, np.integer, np.floating)):
        try:
            return float(value)
        except OverflowError:
            return math.copysign(math.inf, value)
    return None


def as_float_array(value):
    """value as a float64 array, or None if it is not made of real numbers (complex, text, ragged)."""
    try:
        if np.iscomplexobj(value):
            return None
        array = np.asarray(value)
        if array.dtype == object or array.dtype.kind not in "biuf":
            array = np.asarray(value, dtype=float)
        return array.astype(float)
    except (TypeError, ValueError, OverflowError):
        return None


def close(got, expected, rtol, atol):
    """Elementwise |got − expected| ≤ atol + rtol·|expected|, nan matching nan and ±inf matching itself.

    Anything that is not made of real numbers (a string, a ragged tuple, a complex number)
    is simply not close.
    """
    expected = np.asarray(expected, dtype=float)
    got = as_float_array(got)
    if got is None:
        return np.zeros(expected.shape, dtype=bool)
    if expected.ndim == 0 and got.size == 1:
        got = got.reshape(())                    # a one-element array for a single number
    try:
        got = np.broadcast_to(got, expected.shape)
    except ValueError:
        return np.zeros(expected.shape, dtype=bool)
    with np.errstate(invalid="ignore", over="ignore"):
        near = (np.abs(got - expected) <= atol + rtol * np.abs(expected)) & np.isfinite(expected)
    same = (got == expected) | (np.isnan(got) & np.isnan(expected))
    return near | same


# --- general causes of a wrong answer ------------------------------------------------------------

def _all_close(got, expected, rtol=1e-9, atol=1e-300):
    return bool(np.all(close(got, expected, rtol, atol)))


def float32_cause(got, expected, dtypes, rtol, atol):
    normal = np.abs(expected) >= 1e-37          # below that, float32 has flushed to 0 or lost digits
    noise = 2e-7 * max(1.0, float(np.max(np.abs(expected[np.isfinite(expected)]), initial=0.0)))
    if not np.all(close(got[normal], expected[normal], 2e-6, max(atol, 1e-30))) \
            or not np.all(np.abs(got[~normal]) <= noise):
        return None
    low_precision = any(d is not None and d.kind == "f" and d.itemsize < 8 for d in dtypes)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        # computed in float32 and converted back: every value is a float32 number, the right ones are not
        through_float32 = np.array_equal(got[normal], got[normal].astype(np.float32).astype(float)) and \
            not np.array_equal(expected[normal], expected[normal].astype(np.float32).astype(float))
    if low_precision or through_float32:
        return ("float32", "your result is in single precision (float32 keeps about 7 significant digits); "
                "the check asks for NumPy's default float64. Drop dtype=np.float32 / .astype(np.float32) "
                "and let the inputs stay float64.")
    return None


def integer_cause(got, expected, dtypes):
    if not any(d is not None and d.kind in "biu" for d in dtypes):
        return None
    if np.all(np.isfinite(expected)) and np.all(expected == np.round(expected)):
        return None
    for how, rounded in (("cut off", np.trunc(expected)), ("rounded", np.round(expected)),
                         ("rounded down", np.floor(expected))):
        if _all_close(got, rounded, 0, 0):
            return ("whole numbers", f"your values are whole numbers: the fractions were {how} "
                    "(integer division //, int(...), .astype(int) or an integer array). Keep floats.")
    return None


def rounding_cause(got, expected):
    finite = np.isfinite(expected)
    if not np.any(expected[finite] != 0):
        return None
    for decimals in range(0, 12):
        if _all_close(got[finite], np.round(expected[finite], decimals), 1e-12, 1e-300):
            return ("rounded", f"your values are rounded to {decimals} decimal place"
                    f"{'' if decimals == 1 else 's'}; the check needs more digits than that. "
                    "Return the value you computed, unrounded (round only when you print).")
    scale = np.floor(np.log10(np.abs(expected[finite & (expected != 0)])))
    if scale.size == 1:
        for digits in range(1, 12):
            factor = 10.0 ** (digits - 1 - scale)
            if _all_close(got[finite & (expected != 0)], np.round(expected[finite & (expected != 0)] * factor) / factor,
                          1e-12, 0):
                return ("rounded", f"your value is rounded to {digits} significant digit"
                        f"{'' if digits == 1 else 's'}; the check needs more than that. "
                        "Return the value you computed, unrounded.")
    return None


def sign_cause(got, expected, rtol, atol):
    if np.any(np.abs(expected) > atol) and _all_close(got, -expected, rtol, atol):
        return ("sign lost", "every value has the wrong sign: somewhere a minus sign is missing or one too many "
                "(e.g. a − b where b − a was meant).")
    return None


def order_cause(got, expected, rtol, atol):
    if expected.ndim == 0 or expected.shape[-1] < 2:
        return None
    flipped = expected[..., ::-1]
    if not _all_close(expected, flipped, rtol, atol) and _all_close(got, flipped, rtol, atol):
        return ("reversed order", "your values are right but in reverse order (check a sort order, "
                "a [::-1], or which end you start from).")
    return None


def reversed_everywhere(gots, expecteds, rtol, atol):
    """The order cause, when every case is reversed and at least one case shows it."""
    if any(e.ndim == 0 or not _all_close(g, e[..., ::-1], rtol, atol) for g, e in zip(gots, expecteds)):
        return None
    shown = [order_cause(g, e, rtol, atol) for g, e in zip(gots, expecteds)]
    return next((cause for cause in shown if cause), None)


def labels_cause(got, expected):
    finite = np.all(np.isfinite(expected)) and np.all(np.isfinite(got))
    if not finite or not np.all((expected >= 0) & (expected <= 1)):
        return None
    expected_01, got_01 = np.all(np.isin(expected, (0, 1))), np.all(np.isin(got, (0, 1)))
    if got_01 and not expected_01 and np.array_equal(got, (expected >= 0.5).astype(float)):
        return ("0/1 instead of probabilities", "your values are 0/1 decisions (probability ≥ ½ → 1); "
                "the exercise asks for the probabilities themselves. Don't round or threshold.")
    if expected_01 and not got_01 and np.all((got >= 0) & (got <= 1)) and \
            np.array_equal((got >= 0.5).astype(float), expected):
        return ("probabilities instead of 0/1", "your values are probabilities; the exercise asks for "
                "0/1 decisions (1 where the probability is at least ½).")
    return None


def factor_cause(got, expected, rtol, atol):
    usable = np.isfinite(expected) & np.isfinite(got) & (np.abs(expected) > max(atol, 1e-300))
    if usable.sum() < 3 or np.any(~np.isfinite(got) != ~np.isfinite(expected)):
        return None
    ratios = got[usable] / expected[usable]
    ratio = float(np.median(ratios))
    if ratio == 0.0 or abs(ratio - 1.0) < 1e-6 or not np.allclose(ratios, ratio, rtol=1e-6, atol=0):
        return None
    if not _all_close(got, ratio * expected, 1e-6, atol):
        return None
    if ratio == -1.0:
        return None   # that is the sign, named separately
    named = {100.0: "a factor of 100: percentages instead of fractions?",
             0.01: "a factor of 1/100: fractions divided by 100 once more?",
             2.0: "a factor of 2: a ½ forgotten, or a term counted twice?",
             0.5: "a factor of ½: a 2 forgotten, or an extra ½?",
             4.0: "a factor of 4", 0.25: "a factor of ¼"}
    for value, words in named.items():
        if math.isclose(ratio, value, rel_tol=1e-9):
            return ("constant factor", f"every value is off by {words}")
    return ("constant factor", f"every value is {ratio:.6g} times the right one: a constant factor "
            "is missing or extra (a mean instead of a sum, a forgotten scale, a wrong learning rate).")


def shift_cause(got, expected, rtol, atol):
    usable = np.isfinite(expected) & np.isfinite(got)
    if usable.sum() < 3 or np.any(~np.isfinite(got) != ~np.isfinite(expected)):
        return None
    shifts = got[usable] - expected[usable]
    shift = float(np.median(shifts))
    if shift == 0.0 or not np.allclose(shifts, shift, rtol=1e-6, atol=1e-12 * max(1.0, abs(shift))):
        return None
    return ("constant shift", f"every value is off by the same amount, {shift:+.6g}: a constant term "
            "is missing or extra (a bias, a + 1, a ½).")


def tail_cause(got, expected, rtol, atol, wrong):
    """Right wherever the true value is of ordinary size, wrong only where it is small.

    "Small" depends on the precision asked: with a relative 1e-9, a formula that loses digits
    by cancellation (1 − a number near 1) fails once the value is below about 1e-3.
    """
    small = float(np.clip(1e-12 / max(rtol, 1e-300), 1e-10, 1e-3))
    tiny = np.abs(expected) < small
    if not np.any(wrong) or not np.all(tiny[wrong]) or np.all(tiny):
        return None
    return ("tail digits lost", "your values are right where the answer is of ordinary size but wrong "
            f"where it is small (below {small:g}), where the digits matter too. Clipping the input, "
            "computing a small number as 1 − (a number close to 1), or log(1 + x) instead of "
            "np.log1p(x) throws those digits away.")


def constant_cause(got, expected):
    """The same value for every input, where the right values vary."""
    if got.size < 3 or not np.all(np.isfinite(got)) or np.ptp(got) != 0 or np.ptp(expected[np.isfinite(expected)]) == 0:
        return None
    return ("same value everywhere", f"your function returns {got[0]:.6g} whatever the input: it ignores its "
            "input (a value worked out at one point, or a variable that is never updated).")


def reciprocal_cause(got, expected, rtol, atol):
    usable = np.isfinite(expected) & (expected != 0)
    if usable.sum() < 2 or not _all_close(got[usable], 1 / expected[usable], max(rtol, 1e-9), atol):
        return None
    return ("upside down", "every value is the reciprocal of the right one: a fraction turned upside down "
            "(a / b where b / a was meant).")


def sorted_cause(gots, expecteds):
    """Right values, but sorted where the order of the inputs was asked for."""
    if any(np.ndim(e) == 0 for e in expecteds):
        return None
    if all(_all_close(g, np.sort(e, axis=-1)) for g, e in zip(gots, expecteds)) and \
            not all(_all_close(g, e) for g, e in zip(gots, expecteds)):
        return ("sorted", "your values are right but sorted; keep them in the order of the inputs (no np.sort).")
    return None


def extremes_cause(inputs, wrong):
    """Right for every input of moderate size, wrong only for the largest ones."""
    size = np.abs(inputs)
    if inputs is None or np.shape(size) != np.shape(wrong) or not np.any(wrong) or np.all(wrong):
        return None
    edge = np.min(size[wrong])
    if edge < 5 or np.any(wrong[size >= edge] == False):   # noqa: E712 — elementwise
        return None
    return ("fails at the extremes", f"your function is right for every input below {edge:g} in size and wrong "
            "from there on: something overflows, underflows, is clipped or rounds to 0 or 1 for large "
            "inputs. Try your function on the first failing input and look at each step.")


def general_cause(gots, expecteds, dtypes, rtol, atol, inputs=None):
    """(name, explanation) of the general mistake that explains every value, else None.

    ``gots`` and ``expecteds`` are lists of same-shaped float arrays (one pair per test case);
    ``dtypes`` the dtypes the answer returned (None for Python numbers); ``inputs`` the test
    values of an elementwise exercise.
    """
    try:
        got = np.concatenate([np.ravel(g) for g in gots])
        expected = np.concatenate([np.ravel(e) for e in expecteds])
    except ValueError:
        return None
    wrong = ~close(got, expected, rtol, atol)
    if not np.any(wrong):
        return None
    with np.errstate(all="ignore"):
        same_shape = all(np.shape(g) == np.shape(e) for g, e in zip(gots, expecteds))
        found = (float32_cause(got, expected, dtypes, rtol, atol) or integer_cause(got, expected, dtypes)
                 or labels_cause(got, expected) or rounding_cause(got, expected)
                 or sign_cause(got, expected, rtol, atol)
                 or (same_shape and reversed_everywhere(gots, expecteds, rtol, atol))
                 or tail_cause(got, expected, rtol, atol, wrong)
                 or factor_cause(got, expected, rtol, atol) or shift_cause(got, expected, rtol, atol)
                 or constant_cause(got, expected) or reciprocal_cause(got, expected, rtol, atol)
                 or (same_shape and sorted_cause(gots, expecteds))
                 or (extremes_cause(np.ravel(inputs), wrong) if inputs is not None else None))
    return found or None


def near_miss(got, expected, rtol, atol):
    """For a single value: (name, explanation) when it is close but not within the precision asked."""
    if not (np.isfinite(got) and np.isfinite(expected)) or expected == 0:
        return None
    error = abs(got - expected) / abs(expected)
    allowed = (atol + rtol * abs(expected)) / abs(expected)
    if error <= allowed or error > min(max(10 * allowed, 1e-3), 0.02):   # within 2 % at most
        return None
    right_digits = max(0, int(-math.log10(error)))
    return ("close", f"close — your value agrees with the answer to about {right_digits} significant "
            f"digit{'' if right_digits == 1 else 's'}, but the exercise asks for more. Refine your "
            "search (a finer grid, more bisection steps) or keep more digits.")


# --- mistakes described by a property every right answer has ----------------------------------

def values_shaped(got, shape):
    """got as a float array of the given shape, or None (a list is named as a list, not matched here)."""
    if isinstance(got, (list, tuple)):
        return None
    got = as_float_array(got)
    return got if got is not None and got.shape == tuple(shape) else None


def breaks_property(test, rtol, atol, cases=False):
    """A ``Mistake(matches=…, needs_expected=True)`` predicate: True when ``got`` breaks a property every
    right answer has (``expected`` is the right value for these inputs).

    ``test(*inputs, got)`` says whether the property is broken; answers that a general cause
    explains (a constant factor, the sign, rounding, float32, lost tail digits …) are left to it.
    With ``cases`` (an exercise of separate cases, each judged on its own): a case the answer gets
    right fits too, and a factor or a shift that differs from case to case explains nothing.
    """
    def matches(*args, expected):
        *inputs, got = args
        expected = np.asarray(expected, dtype=float)
        values = values_shaped(got, expected.shape)
        if values is None or not np.all(np.isfinite(values)):
            return False
        if cases and np.all(np.isclose(values, expected, rtol=rtol, atol=atol)):
            return True
        dtype = getattr(got, "dtype", None)
        with np.errstate(all="ignore"):
            cause = general_cause([values], [expected], [dtype], rtol, atol, inputs=None if cases else inputs[0])
            if cause is not None and not (cases and cause[0] in ("constant factor", "constant shift")):
                return False
            return bool(test(*inputs, values))
    return matches
