"""The exercise engine: whatever the learner's function does, the check reports it and never crashes."""

import math

import numpy as np
import pytest

from helpers.checks import check, exercise, hint, run_check
from helpers.checks import engine


def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def stub(z):
    raise NotImplementedError()


def test_the_stub_is_not_attempted_and_says_what_to_do():
    result = run_check("1.4", stub)
    assert result.status == "not attempted"
    assert str(result).startswith("○ Exercise 1.4 · a stable sigmoid")
    assert "raise NotImplementedError()" in str(result) and 'hint("1.4")' in str(result)


def test_a_right_answer_passes():
    def stable(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1, e) / (1 + e)
    result = run_check("1.4", stable)
    assert result.passed and str(result).startswith("✓ Exercise 1.4")


def test_the_naive_sigmoid_is_rejected_and_the_overflow_named():
    result = run_check("1.4", naive_sigmoid)
    assert result.status == "failed" and result.diagnosis == "textbook form overflows"
    text = str(result)
    assert "overflow encountered in exp" in text and "For z = -710.0" in text
    assert "only ever take exp of a number ≤ 0" in text and 'hint("1.4")' in text


@pytest.mark.parametrize("answer, diagnosis, words", [
    (lambda z: np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))),
     "np.where evaluates both branches", "computes A and B for every z"),
    (lambda z: np.exp(z) / (np.exp(z) + 1.0), "eᶻ/(1 + eᶻ) overflows too", "inf/inf"),
    (lambda z: 1 / (1 + math.exp(-z)), "math instead of numpy", "np.exp"),
    (lambda z: 1.0 if z >= 0 else 0.0, "if on an array", "np.where"),
    (lambda z: print(z), "printing instead of returning", "Replace print with return"),
    (lambda z: None, "returned None", "missing `return`"),
    (lambda z: list(naive_sigmoid(np.clip(z, -500, 500))), "list instead of array", "NumPy array"),
    (lambda z: naive_sigmoid(np.clip(z, -500, 500))[:-1], "wrong shape", "shape"),
    (lambda z: "0.5", "wrong type", "a str"),
    (lambda z: {}["key"], "raised", "KeyError"),
])
def test_common_mistakes_get_a_named_diagnosis(answer, diagnosis, words):
    result = run_check("1.4", answer)
    assert result.status == "failed"
    assert result.diagnosis == diagnosis, str(result)
    assert words in str(result)


def test_the_learners_own_line_is_quoted_when_it_raises():
    def broken(z):
        scale = 1 / 0
        return z * scale
    text = str(run_check("1.1", broken))
    assert "ZeroDivisionError" in text and "scale = 1 / 0" in text
    assert "Traceback" not in text


def test_a_function_that_never_returns_is_stopped(monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 0.3)
    def forever(z):
        while True:
            pass
    result = run_check("1.1", forever)
    assert result.diagnosis == "time limit" and "still running" in str(result)


def test_sys_exit_in_a_learners_function_is_reported_not_raised():
    import sys
    result = run_check("1.1", lambda z: sys.exit(1))
    assert result.status == "failed" and "SystemExit" in str(result)


def test_writing_into_the_input_does_not_fool_the_check():
    def vandal(z):
        z[:] = 0.0               # changes its own copy of the inputs...
        return np.full_like(z, 0.5)
    assert run_check("1.1", vandal).status == "failed"


def test_something_that_is_not_a_function_is_reported():
    result = run_check("1.3", 4.595)
    assert result.status == "failed" and "expects your function" in str(result)


def test_an_unknown_exercise_is_named_not_raised(capsys):
    check("9.9", naive_sigmoid)
    check("1.99", naive_sigmoid)
    out = capsys.readouterr().out
    assert "no exercise '9.9'" in out and "no exercise '1.99'" in out and "1.1, 1.2" in out
    with pytest.raises(KeyError):
        exercise("1.99")


def test_hints_come_one_at_a_time_and_the_check_points_at_the_next(capsys):
    engine.reset_hints()
    total = len(exercise("1.4").hints)
    assert "(hint 1 of" in str(run_check("1.4", naive_sigmoid))
    hint("1.4")
    first = capsys.readouterr().out
    assert first.startswith(f"Hint 1 of {total} · Exercise 1.4") and 'Next: hint("1.4")' in first
    assert "(hint 2 of" in str(run_check("1.4", naive_sigmoid))
    for _ in range(total + 1):
        hint("1.4")
    last = capsys.readouterr().out.strip().split("Hint ")[-1]
    assert last.startswith(f"{total} of {total}") and "last hint" in last
    assert "seen all" in str(run_check("1.4", naive_sigmoid))
    hint("1.4", 99)
    assert f"hints 1 to {total}" in capsys.readouterr().out
    engine.reset_hints()


def test_check_displays_a_coloured_verdict_with_a_plain_text_fallback():
    result = run_check("1.4", naive_sigmoid)
    html = result._repr_html_()
    assert "#D55E00" in html and "overflow" in html
    assert repr(result) == str(result)
    assert "#009E73" in run_check("1.3", lambda: np.log(99))._repr_html_()


def test_exercise_descriptions_are_validated():
    with pytest.raises(ValueError, match="stars"):
        engine.Exercise(id="9.1", title="t", stars=4, reference=abs, cases=list, hints=("h",))
    with pytest.raises(ValueError, match="hint"):
        engine.Exercise(id="9.1", title="t", stars=1, reference=abs, cases=list, hints=())


def test_standard_inputs_are_reproducible_and_include_the_extremes():
    a = engine.standard_inputs(extremes=[-1e300, 1e300])
    b = engine.standard_inputs(extremes=[-1e300, 1e300])
    np.testing.assert_array_equal(a, b)
    assert a[0] == -1e300 and a[-1] == 1e300 and a.size == 501 + 469 + 2


# --- the diagnoses later chapters rely on, shown on exercises made up for the test ---------------

def made_up(reference, cases, mistakes, elementwise=False, names=("z",)):
    return engine.Exercise(id="9.1", title="made up", stars=2, reference=reference, cases=cases,
                           hints=("h",), mistakes=mistakes, elementwise=elementwise, names=names)


def test_a_derivative_written_as_sigma_times_one_plus_sigma_is_named():
    from helpers import sigmoid, sigmoid_derivative
    exercise = made_up(sigmoid_derivative, lambda: [(engine.standard_inputs(grid=(-30, 30)),)],
                       (engine.Mistake("σ(1 + σ)", lambda z: sigmoid(z) * (1 + sigmoid(z)),
                                       "σ(1 + σ) instead of σ(1 − σ)."),), elementwise=True)
    result = engine.Checker(exercise, lambda z: sigmoid(z) * (1 + sigmoid(z))).run()
    assert result.diagnosis == "σ(1 + σ)" and "σ(1 − σ)" in str(result)


def test_a_softmax_without_max_subtraction_is_named():
    from helpers import softmax

    def naive(x):
        return np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)

    rows = [(np.array([1.0, 2.0, 3.0]),), (np.array([1000.0, 1001.0]),)]
    exercise = made_up(softmax, lambda: rows, (engine.Mistake("no max-subtraction", naive,
                       "exp(1000) overflows: subtract the row's maximum first."),), names=("x",))
    result = engine.Checker(exercise, naive).run()
    assert result.diagnosis == "no max-subtraction" and "overflow encountered in exp" in str(result)
    wrong_axis = engine.Checker(exercise, lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum(axis=0, keepdims=True)[0]).run()
    assert wrong_axis.passed  # 1-D rows: axis 0 is the row, and that is right
    summed = engine.Checker(exercise, lambda x: np.exp(x - x.max()).sum()).run()
    assert summed.diagnosis == "wrong shape" and "expected shape" in str(summed)


# --- whatever a learner's function returns, no check crashes ---------------------------------------

class Hostile:
    """A value whose every conversion raises."""
    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array")

    def __float__(self):
        raise RuntimeError("no float")

    def __eq__(self, other):
        raise RuntimeError("no comparison")

    __hash__ = object.__hash__

    def __repr__(self):
        raise RuntimeError("no repr")


ODD_RETURNS = [(np.zeros(3), 1.0), {"key": 1}, "text", [1, [2, 3]], object(), np.array(["a", "b"]),
               np.zeros((2, 3, 4)), float("nan"), True, lambda: 1, 10 ** 400, -10 ** 400, 1 + 2j,
               np.array([0.5 + 1j, 0.1]), np.ma.masked_array([0.5, 0.2], mask=[1, 0]), (x for x in range(3)),
               b"0.5", Ellipsis, {0.5}, np.array([None, 1.0]), np.float16(0.5), np.zeros(10 ** 6), Hostile(),
               np.array(0.5), np.array([[0.5]]), np.zeros(0), np.inf, -0.0,
               np.array([np.nan] * 3), np.datetime64("2026-01-01"), [np.array([1.0]), np.array([1.0, 2.0])]]


def every_exercise():
    import importlib
    from tools.course_build import available_chapters
    for number, _, _, _ in available_chapters():
        yield from importlib.import_module(f"helpers.checks.ch{number}").EXERCISES


@pytest.mark.parametrize("exercise", list(every_exercise()), ids=lambda ex: ex.id)
def test_no_check_crashes_on_odd_return_values(exercise):
    import warnings
    for odd in ODD_RETURNS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = engine.Checker(exercise, lambda *args, odd=odd: odd).run()
        assert result.status == "failed", (exercise.id, odd, str(result))
        assert str(result).startswith(f"✗ Exercise {exercise.id}")


# --- what a value check cannot see: shortcuts, silenced warnings, in-place changes, typed-in values ---

def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1, e) / (1 + e)


def made_up_sigmoid(**rules):
    from helpers import sigmoid
    return engine.Exercise(id="9.2", title="made up", stars=2, reference=sigmoid, hints=("h",),
                           cases=lambda: [(engine.standard_inputs(extremes=[-1000.0, 1000.0]),)],
                           elementwise=True, atol=1e-300, **rules)


def test_calling_a_forbidden_course_function_is_named_however_it_was_imported():
    import helpers
    from helpers import sigmoid as s
    from helpers.numerics import sigmoid as numerics_sigmoid
    exercise = made_up_sigmoid(forbidden=("helpers.sigmoid",))
    for answer in (lambda z: helpers.sigmoid(z), lambda z: s(z), lambda z: numerics_sigmoid(z) + 0.0,
                   lambda z: np.asarray([helpers.sigmoid(v) for v in z])):
        result = engine.Checker(exercise, answer).run()
        assert result.diagnosis == "forbidden call", str(result)
        assert "called helpers.sigmoid" in str(result)
    assert engine.Checker(exercise, stable_sigmoid).run().passed


def test_a_forbidden_ufunc_is_seen_too():
    special = pytest.importorskip("scipy.special")
    from scipy.special import expit
    exercise = made_up_sigmoid(forbidden=("scipy.special.expit",))
    for answer in (lambda z: special.expit(z), lambda z: expit(z)):
        result = engine.Checker(exercise, answer).run()
        assert result.diagnosis == "forbidden call" and "scipy.special.expit" in str(result), str(result)
    assert special.expit(0.0) == 0.5 and expit is special.expit   # put back as it was


def test_the_checkers_own_reference_is_always_a_shortcut():
    def peek(z):
        return exercise("1.4").reference(z)

    def peek_at_a_mistake(z):
        return exercise("1.4").mistakes[0].wrong(z)
    for answer in (peek, peek_at_a_mistake):
        result = run_check("1.4", answer)
        assert result.diagnosis == "forbidden call" and "checker's own" in str(result), str(result)


def test_functions_the_exercise_hands_to_the_learner_may_be_called():
    result = run_check("2.3", lambda f, z, h: (f(z + h) - f(z - h)) / (2 * h))
    assert result.passed, str(result)


def test_a_course_function_may_call_anything_inside():
    from helpers import softmax
    exercise = made_up_sigmoid(forbidden=("helpers.sigmoid", "helpers.logsumexp"))
    answer = lambda z: softmax(np.stack([z, np.zeros_like(z)], axis=-1))[..., 0]  # noqa: E731
    assert engine.Checker(exercise, answer).run().passed


def test_a_required_function_must_be_used():
    exercise = made_up_sigmoid(required=("numpy.tanh",))
    exercise = engine.Exercise(**{**exercise.__dict__, "atol": 1e-12})
    assert engine.Checker(exercise, lambda z: 0.5 * (1 + np.tanh(z / 2))).run().passed
    result = engine.Checker(exercise, stable_sigmoid).run()
    assert result.diagnosis == "required function not used" and "numpy.tanh" in str(result)


@pytest.mark.parametrize("silenced", ["errstate", "seterr", "simplefilter", "filterwarnings", "decorator"])
def test_silenced_warnings_are_switched_back_on_and_named(silenced):
    import warnings

    def textbook(z):
        return 1 / (1 + np.exp(-z))

    if silenced == "errstate":
        def answer(z):
            with np.errstate(all="ignore"):
                return textbook(z)
    elif silenced == "seterr":
        def answer(z):
            old = np.seterr(all="ignore")
            try:
                return textbook(z)
            finally:
                np.seterr(**old)
    elif silenced == "decorator":
        answer = np.errstate(over="ignore")(textbook)
    else:
        def answer(z):
            with warnings.catch_warnings():
                getattr(warnings, silenced)("ignore")
                return textbook(z)
    result = engine.Checker(made_up_sigmoid(), answer).run()
    assert result.diagnosis == "silenced warnings", str(result)
    assert "overflow encountered in exp" in str(result)
    assert np.geterr()["over"] == "warn" and np.errstate.__enter__ is not None


def test_a_harmless_silencer_is_not_held_against_a_right_answer():
    def careful(z):
        with np.errstate(over="ignore"):
            return stable_sigmoid(z)
    assert engine.Checker(made_up_sigmoid(), careful).run().passed


def test_writing_into_an_input_array_is_named():
    def shift_in_place(z):
        z -= 1.0
        return stable_sigmoid(z + 1.0)
    result = engine.Checker(made_up_sigmoid(), shift_in_place).run()
    assert result.diagnosis == "changes its input" and "in place" in str(result)


def test_a_typed_in_value_is_not_computed():
    exercise = engine.Exercise(id="9.3", title="k", stars=1, reference=lambda: np.log(99.0),
                               cases=lambda: [()], names=(), hints=("h",), computed=True, digits=6)
    for typed in (lambda: 4.59512, lambda: np.float64(4.59512), lambda: float("4.595120")):
        result = engine.Checker(exercise, typed).run()
        assert result.diagnosis == "typed in", str(result)
    for computed in (lambda: np.log(99), lambda: round(float(np.log(99)), 5)):
        assert engine.Checker(exercise, computed).run().passed


# --- tolerances ------------------------------------------------------------------------------

def test_lost_tail_digits_are_not_hidden_by_an_absolute_tolerance():
    clipped = lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500)))  # noqa: E731
    result = engine.Checker(made_up_sigmoid(), clipped).run()
    assert result.status == "failed" and result.diagnosis == "tail digits lost", str(result)


def test_digits_accept_the_value_rounded_or_cut_at_that_digit_and_reject_one_digit_less():
    exercise = engine.Exercise(id="9.4", title="T", stars=1, reference=lambda: 0.280873, cases=lambda: [()],
                               names=(), hints=("h",), digits=4)
    for right in (0.2809, 0.2808, 0.280873, 0.28087):
        assert engine.Checker(exercise, lambda v=right: v).run().passed, right
    for wrong in (0.281, 0.2807, 0.28):
        assert engine.Checker(exercise, lambda v=wrong: v).run().status == "failed", wrong


# --- general causes --------------------------------------------------------------------------

@pytest.mark.parametrize("answer, diagnosis", [
    (lambda z: stable_sigmoid(z).astype(np.float32), "float32"),
    (lambda z: stable_sigmoid(z.astype(np.float32)).astype(float), "float32"),
    (lambda z: 100 * stable_sigmoid(z), "constant factor"),
    (lambda z: stable_sigmoid(z) + 0.5, "constant shift"),
    (lambda z: np.round(stable_sigmoid(z), 3), "rounded"),
    (lambda z: (stable_sigmoid(z) >= 0.5).astype(float), "0/1 instead of probabilities"),
    (lambda z: -stable_sigmoid(z), "sign lost"),
    (lambda z: stable_sigmoid(z)[::-1], "reversed order"),
    (lambda z: stable_sigmoid(z).astype(complex), "complex numbers"),
    (lambda z: stable_sigmoid(z)[:, None], "wrong shape"),
])
def test_general_causes_are_named(answer, diagnosis):
    result = engine.Checker(made_up_sigmoid(), answer).run()
    assert result.status == "failed" and result.diagnosis == diagnosis, str(result)
    assert "Likely cause" in str(result)


def test_a_float32_answer_is_not_blamed_on_a_numerics_mistake():
    result = run_check("1.4", lambda z: stable_sigmoid(z.astype(np.float32)))
    assert result.diagnosis == "float32", str(result)


def test_a_near_miss_in_a_search_says_close():
    exercise = engine.Exercise(id="9.5", title="T", stars=1, reference=lambda: 0.280873, cases=lambda: [()],
                               names=(), hints=("h",), digits=4)
    result = engine.Checker(exercise, lambda: 0.2811).run()
    assert result.diagnosis == "close" and "Refine" in str(result)
    assert engine.Checker(exercise, lambda: 0.35).run().diagnosis != "close"


# --- the checker itself ----------------------------------------------------------------------

def test_except_exception_does_not_swallow_the_time_limit(monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 0.3)

    def stubborn(z):
        while True:
            try:
                while True:
                    pass
            except Exception:
                continue
    result = run_check("1.1", stubborn)
    assert result.diagnosis == "time limit"


def test_even_a_bare_except_is_stopped(monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 0.3)

    def very_stubborn(z):
        for _ in range(20):
            try:
                while True:
                    pass
            except BaseException:   # noqa: BLE001 — what the test is about
                pass
        return z
    result = run_check("1.1", very_stubborn)
    assert result.status == "failed"


def test_slow_but_finite_code_is_not_called_an_endless_loop(monkeypatch):
    import time
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 0.3)

    def slow(z):
        out = []
        for v in z:
            time.sleep(0.002)
            out.append(1 / (1 + math.exp(-v)))
        return np.array(out)
    result = run_check("1.1", slow)
    assert result.diagnosis == "too slow" and "Python loop" in str(result)


@pytest.mark.parametrize("odd", [10 ** 400, complex(0.5, 0.1), np.array([0.5 + 1j]), float("inf"),
                                 np.ma.masked_array([0.5]), (x for x in range(3)), b"0.5", Ellipsis])
def test_odd_values_give_a_verdict_and_no_warning(odd):
    import warnings
    for exercise_id in ("1.3", "1.4", "6.2", "6.7"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = run_check(exercise_id, lambda *args, odd=odd: odd)
        assert result.status == "failed", (exercise_id, str(result))


def test_an_exception_that_cannot_be_printed_is_still_reported():
    class Weird(Exception):
        def __str__(self):
            raise RuntimeError("no")

    def answer(z):
        raise Weird()
    result = run_check("1.4", answer)
    assert result.status == "failed" and "Weird" in str(result)


def test_verdicts_wrap_at_spaces_in_jupyterlab():
    html = run_check("1.4", naive_sigmoid)._repr_html_()
    assert "word-break: normal" in html and "white-space: pre-wrap" in html


def test_a_forbidden_function_called_through_numpy_or_wrapped_is_still_seen():
    import functools
    import helpers
    exercise = made_up_sigmoid(forbidden=("helpers.sigmoid",))
    for answer in (np.vectorize(helpers.sigmoid), functools.partial(helpers.sigmoid),
                   lambda z: np.vectorize(helpers.sigmoid)(z), lambda z: np.apply_along_axis(helpers.sigmoid, 0, z),
                   lambda z: np.array(list(map(helpers.sigmoid, z)))):
        result = engine.Checker(exercise, answer).run()
        assert result.diagnosis == "forbidden call", str(result)
    assert engine.Checker(exercise, np.vectorize(lambda v: float(stable_sigmoid(np.array(v))))).run().passed


@pytest.mark.parametrize("answer, diagnosis", [
    (lambda z: np.full_like(z, 0.25), "same value everywhere"),
    (lambda z: 1 / stable_sigmoid(z), "upside down"),
    (lambda z: np.sort(stable_sigmoid(z))[::-1], "reversed order"),
])
def test_more_general_causes(answer, diagnosis):
    exercise = made_up_sigmoid()
    exercise = engine.Exercise(**{**exercise.__dict__, "atol": 1e-12, "cases": lambda: [(np.linspace(-5, 5, 101),)]})
    result = engine.Checker(exercise, answer).run()
    assert result.diagnosis == diagnosis, str(result)


def test_the_advice_for_a_wrong_shape_points_the_right_way():
    # an extra axis (a keepdims=True reduction left in) is not told to use keepdims=True
    def kept_the_axis(Z):
        m = Z.max(axis=1, keepdims=True)
        return m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
    extra = run_check("6.3", kept_the_axis)
    assert extra.diagnosis == "wrong shape" and "drop the extra axis" in str(extra) and "keepdims" not in str(extra)
    # an axis too few is
    flat = engine.Checker(exercise("6.2"), lambda Z: (np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)).ravel()).run()
    assert flat.diagnosis == "wrong shape" and "keep the axis (keepdims=True" in str(flat)


def test_the_advice_for_a_tuple_of_parts_says_how_to_join_them():
    def w_and_b(X, y, learning_rate, steps):
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(steps):
            error = 1 / (1 + np.exp(-(X @ w + b))) - y
            w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * error.mean()
        return w, b
    result = run_check("4.6", w_and_b)
    assert not result.passed and "np.append" in str(result)


def test_the_advice_for_writing_into_an_input_names_that_input():
    def moves_w_in_place(x, y, w, b, learning_rate):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= learning_rate * (p - y) * x
        return float(x @ w + b - learning_rate * (p - y))
    result = run_check("4.3", moves_w_in_place)
    assert result.diagnosis == "changes its input" and "w = w - ... (not w -= ...)" in str(result)
