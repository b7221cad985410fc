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
    (lambda z: np.exp(z) / (np.exp(z) + 1.0), "overflow", "only ever take exp of a number ≤ 0"),
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

ODD_RETURNS = [(np.zeros(3), 1.0), {"key": 1}, "text", [1, [2, 3]], object(), np.array(["a", "b"]),
               np.zeros((2, 3, 4)), float("nan"), True, lambda: 1]


def every_exercise():
    import importlib
    from tools.course_build import available_chapters
    for number, _, _, _ in available_chapters():
        yield from importlib.import_module(f"helpers.checks.ch{number}").EXERCISES


@pytest.mark.parametrize("exercise", list(every_exercise()), ids=lambda ex: ex.id)
def test_no_check_crashes_on_odd_return_values(exercise):
    for odd in ODD_RETURNS:
        result = engine.Checker(exercise, lambda *args, odd=odd: odd).run()
        assert result.status == "failed", (exercise.id, odd, str(result))
        assert str(result).startswith(f"✗ Exercise {exercise.id}")
