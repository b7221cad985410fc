"""Tests for the quizzes: helpers.widgets' Question, grade and show_quiz, and every chapter's QUIZ.

Three promises are checked for every chapter:
- a number is read the way people write it (−0.3, 1/1024, ½, 50 %, 9.77×10⁻⁴), and anything else
  gets a message saying which forms are accepted, never a traceback;
- each numeric question accepts exactly the precision its text asks for: the exact answer, the
  answer rounded as asked and its usual spellings pass; one unit off in the last digit fails;
- the options are in the Markdown output (readable on GitHub or nbviewer, without a kernel), and
  the widget only has short letter buttons, so nothing runs off the right edge of the page.
"""

import importlib
import math
import re
from decimal import Decimal
from fractions import Fraction

import ipywidgets
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from IPython.display import Markdown

from helpers import widgets
from helpers.numerics import sigmoid, sigmoid_derivative
from tools.course_build import available_chapters

CHAPTERS = [number for number, *_ in available_chapters()]
CHOICE = widgets.Question("Where is σ′ largest?", ("at z = −5", "at z = 0", "at z = 5"), 1,
                          explanation="σ′(z) = σ(z)(1 − σ(z)) peaks where σ = ½.")
NUMBER = widgets.Question("What is σ′(0)?", (), 0.25, explanation="σ(0)·(1 − σ(0)) = ¼.")


def quiz(chapter):
    return importlib.import_module(f"helpers.checks.ch{chapter}").QUIZ


def every_question(numeric):
    for chapter in CHAPTERS:
        for i, question in enumerate(quiz(chapter), start=1):
            if bool(question.options) != numeric:
                yield pytest.param(question, id=f"ch{chapter}-q{i}")


# --- reading numbers -----------------------------------------------------------------------

@pytest.mark.parametrize("typed, value", [
    ("0.25", 0.25), (" 0.25 ", 0.25), ("\u00a00.25\t", 0.25), ("+0.25", 0.25), (".25", 0.25), ("5.", 5.0),
    ("−0.3", -0.3), ("-0.3", -0.3), ("– 0.3", -0.3),
    ("1/2", 0.5), ("1/4", 0.25), ("1 / 1024", 1 / 1024), ("-1/2", -0.5), ("−1/2", -0.5), ("1⁄4", 0.25),
    ("½", 0.5), ("¼", 0.25), ("−½", -0.5), ("1¾", 1.75), ("1 ½", 1.5),
    ("50%", 0.5), ("50 %", 0.5), ("2.5 %", 0.025), ("0.0977%", 0.000977), ("-30%", -0.3),
    ("1e-3", 1e-3), ("9.77E-4", 9.77e-4), ("9.77e-4", 9.77e-4),
    ("9.77×10^-4", 9.77e-4), ("9.77 × 10⁻⁴", 9.77e-4), ("9.77*10**-4", 9.77e-4), ("9.77x10^-4", 9.77e-4),
    ("2^-10", 1 / 1024), ("4^-5", 1 / 1024), ("0.25^5", 1 / 1024), ("1/4^5", 1 / 1024), ("2⁻¹⁰", 1 / 1024),
    ("3²", 9.0), ("-2^2", -4.0), ("3×1/4", 0.75),
    (0.25, 0.25), (np.float64(0.25), 0.25), (np.float32(0.25), 0.25), (3, 3.0),
])
def test_numbers_are_read_as_people_write_them(typed, value):
    assert widgets._as_number(typed) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("typed", [
    "2,5", "0,25", "1,000",                       # decimal comma or thousands? Not guessed: "use a dot"
    "1 1/2", "1 000",                             # one and a half, or eleven halves? 1000 or 1 0?
    "e^1.5", "exp(1.5)", "(1/4)^5", "a quarter", "0.5.", "½½", "1/2/3", "2^3^2", "x", "%", "/", "^",
    "", "   ", "1/0", "0^-1", "10^400", "1e400", "9" * 400, "inf", "-inf", "nan", "1/inf",
    None, True, [0.5], float("nan"), float("inf"),
])
def test_what_is_not_a_number_is_not_guessed(typed):
    assert widgets._as_number(typed) is None


@pytest.mark.parametrize("typed, says", [
    ("", "Type a number first."), ("  ", "Type a number first."), (None, "Type a number first."),
    ("2,5", "dot"), ("1,000", "dot"),
    ("e^1.5", "1/1024"), ("a quarter", "50%"), ("(1/4)^5", "9.77×10⁻⁴"),
])
def test_an_unreadable_answer_says_which_forms_are_accepted(typed, says):
    correct, message = widgets.grade(NUMBER, typed)
    assert not correct and says in message


def test_a_long_unreadable_answer_is_not_repeated_in_full():
    correct, message = widgets.grade(NUMBER, "z" * 500)
    assert not correct and len(message) < 300


@given(st.one_of(st.text(), st.text(alphabet="0123456789.,/^*×x%+-−eE ½⁻²⁰ "), st.none(),
                 st.floats(), st.integers(), st.booleans()))
def test_grading_never_raises(response):
    for question in (NUMBER, CHOICE):
        correct, message = widgets.grade(question, response)
        assert isinstance(correct, bool) and message


# --- grading -------------------------------------------------------------------------------

def test_grade_multiple_choice():
    assert widgets.grade(CHOICE, 1)[0] is True
    assert widgets.grade(CHOICE, 0)[0] is False and widgets.grade(CHOICE, 2)[0] is False
    assert widgets.grade(CHOICE, None) == (False, "Pick one of the options first.")


def test_an_exact_answer_is_asked_for_exactly_by_default():
    assert widgets.grade(NUMBER, 0.25)[0] and widgets.grade(NUMBER, "¼")[0] and widgets.grade(NUMBER, "25%")[0]
    assert not widgets.grade(NUMBER, "0.2501")[0] and not widgets.grade(NUMBER, 0.26)[0]
    at_zero = widgets.Question("σ″(0)?", (), 0.0)
    assert widgets.grade(at_zero, "0")[0] and widgets.grade(at_zero, "−0")[0] and not widgets.grade(at_zero, 1e-6)[0]


def test_tolerances_relative_to_decimals_and_to_significant_digits():
    relative = widgets.Question("?", (), 200.0, tolerance=0.01)
    assert relative.accepts(202) and not relative.accepts(202.1)
    decimals = widgets.Question("To two decimals?", (), 0.125, decimals=2)
    assert decimals.accepts(0.12) and decimals.accepts(0.13) and not decimals.accepts(0.11)   # a tie: both ways
    digits = widgets.Question("To 3 significant digits?", (), 123456.0, digits=3)
    assert digits.unit() == 1000 and digits.accepts(123000) and not digits.accepts(124000)
    assert (decimals.precision(), digits.precision(), relative.precision()) == (
        "to 2 decimals", "to 3 significant digits", "exactly")


@pytest.mark.parametrize("question, wrong", [(CHOICE, 0), (NUMBER, 0.3)])
def test_grade_reveals_the_answer_only_after_the_second_wrong_try(question, wrong):
    right_answer = "at z = 0" if question.options else "0.25"
    correct, first = widgets.grade(question, wrong, wrong_tries=0)
    assert not correct and right_answer not in first and question.explanation not in first
    correct, second = widgets.grade(question, wrong, wrong_tries=1)
    assert not correct and right_answer in second and question.explanation in second
    assert question.explanation in widgets.grade(question, question.answer)[1]


def test_the_answer_is_shown_as_asked_with_the_course_minus():
    assert widgets.Question("?", (), -0.30000000000000004).shown_answer() == "−0.3"
    assert widgets.Question("?", (), 0.8807970779778823, decimals=2).shown_answer() == "0.88"
    assert widgets.Question("?", (), 1 / 1024, digits=3).shown_answer() == "0.000977"


def test_a_hint_replaces_the_general_nudge():
    hinted = widgets.Question("σ′(0)?", (), 0.25, hint="σ′ = σ(1 − σ), and σ(0) = ½.")
    assert widgets.grade(hinted, 0.5) == (False, "✗ Not quite. σ′ = σ(1 − σ), and σ(0) = ½.")
    assert widgets.grade(NUMBER, 0.5) == (False, "✗ Not quite. Your answer is too high; try again.")


# --- every chapter's numeric questions -----------------------------------------------------

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def spellings(text):
    """Ways of writing the decimal number ``text`` ("0.88"): −, +, spaces, %, e, ×10ⁿ, a/b."""
    number = Decimal(text)
    mantissa, exponent = f"{number:e}".split("e")
    written = [text, f"  {text} ", f"{number * 100:f}%", f"{number:e}", f"{number:E}",
               f"{mantissa}×10^{int(exponent)}", f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPTS)}",
               str(Fraction(number))]
    if number > 0:
        written.append("+" + text)
    return [w.replace("-", "−") for w in written] + written


def shortest(answer):
    """The exact answer as a short decimal string (0.16000000000000003 → "0.16")."""
    return f"{Decimal(f'{answer:.6g}'):f}"


def last_digit_unit(text):
    """One unit in the last digit of a decimal string: "0.16" → 0.01, "8" → 1."""
    return 10.0 ** Decimal(text).as_tuple().exponent


@pytest.mark.parametrize("question", list(every_question(numeric=True)))
def test_every_numeric_question_says_how_precise_to_be(question):
    if question.decimals is not None:
        assert re.search(rf"\b{WORDS[question.decimals]} decimals?\b", question.text, re.IGNORECASE)
    elif question.digits is not None:
        assert re.search(rf"\b{WORDS[question.digits]} significant digits?\b", question.text, re.IGNORECASE)
    else:   # no precision to state: the answer is a short exact decimal such as 0.16 or −0.3
        assert float(shortest(question.answer)) == pytest.approx(question.answer, rel=1e-12, abs=1e-15)
        assert len(shortest(question.answer).strip("-0.")) <= 4
        assert question.tolerance <= 1e-9


@pytest.mark.parametrize("question", list(every_question(numeric=True)))
def test_every_numeric_question_accepts_the_precision_it_asks_for_and_no_less(question):
    answer = question.answer
    accepted = lambda response: widgets.grade(question, response)[0]   # noqa: E731
    assert accepted(answer) and accepted(repr(answer)) and accepted(repr(answer).replace("-", "−"))
    if question.unit() is None:                       # an exact answer
        rounded = shortest(answer)
        units = [last_digit_unit(rounded), last_digit_unit(rounded) / 10]   # 0.16: 0.15, 0.17, 0.159, 0.161 fail
    else:
        rounded = question.shown_answer().replace("−", "-")
        units = [question.unit()]
        assert accepted(f"{answer:.{question.decimals + 2}f}" if question.decimals is not None
                        else f"{answer:.{question.digits + 2}g}")                    # more digits than asked
        fraction = Fraction(answer).limit_denominator(1024)
        if float(fraction) == answer:                                                # 1/1024 for (1/4)⁵
            assert accepted(f"{fraction.numerator}/{fraction.denominator}")
    for spelling in spellings(rounded):
        assert accepted(spelling), spelling
    for unit in units:
        for wrong in (float(rounded) + unit, float(rounded) - unit):
            assert not accepted(repr(wrong)), wrong


@pytest.mark.parametrize("question", [q for q in every_question(numeric=True) if q.values[0].unit() is not None])
def test_an_answer_rounded_too_far_is_told_so(question):
    coarser = (round(question.answer, question.decimals - 1) if question.decimals is not None
               else float(f"{question.answer:.{question.digits - 1}g}"))
    if question.accepts(coarser):      # 2.2 for 2.197 to two decimals is 2.20: right
        return
    correct, message = widgets.grade(question, repr(coarser))
    assert not correct and f"Rounded too far: give it {question.precision()}" in message


def test_the_fraction_of_the_signal_after_five_layers():
    """1/1024 asked as "a fraction, or three significant digits": 0.001 is one digit, and 2.4 % off."""
    (question,) = [q for q in quiz("05") if "**5** sigmoid layers" in q.text]
    for typed in ("1/1024", "1 / 1024", "0.000977", "9.77e-4", "9.77×10⁻⁴", "0.0977%", "0.0009766", "2^-10",
                  "4^-5", "0.25^5", "1/4^5"):
        assert widgets.grade(question, typed)[0], typed
    for typed in ("0.000976", "0.000978", "1/1000", "0.00097"):
        assert not widgets.grade(question, typed)[0], typed
    assert widgets.grade(question, "0.001") == (
        False, "✗ Not quite. Rounded too far: give it to 3 significant digits, as the question asks.")
    correct, message = widgets.grade(question, "0.001", wrong_tries=1)
    assert not correct and "The answer is 0.000977." in message


# --- explanations: every number they state is true -----------------------------------------

def spacing_below_one():
    return 1.0 - np.nextafter(1.0, 0.0)


def last_z_where_sigmoid_is_0():
    z = np.linspace(-750.0, -740.0, 1_000_001)
    return z[sigmoid(z) == 0.0].max()


def first_z_where_sigmoid_is_1():
    z = np.linspace(30.0, 40.0, 1_000_001)
    return z[sigmoid(z) == 1.0].min()


def best_central_difference_step():
    steps = [1e-1, 1e-5, 1e-10, 1e-15]
    z = np.linspace(-3, 3, 61)
    errors = [np.max(np.abs((sigmoid(z + h) - sigmoid(z - h)) / (2 * h) - sigmoid_derivative(z))) for h in steps]
    return steps[int(np.argmin(errors))]


# (chapter, question, the number as the explanation writes it, the same number as Python reads it, its true value)
STATED = [
    ("01", 1, "1/2", "0.5", lambda: sigmoid(0.0)),
    ("01", 3, "0.88", "0.88", lambda: sigmoid(2.0)),
    ("01", 5, "1.8\\times10^{308}", "1.8e308", lambda: np.finfo(float).max),
    ("02", 2, "0.8 \\times 0.2 = 0.16", "0.16", lambda: 0.8 * (1 - 0.8)),
    ("02", 4, "\\sigma(z) - y = 0.993", "0.993", lambda: sigmoid(5.0) - 0),
    ("02", 5, "2.2\\times10^{-16}", "2.2e-16", lambda: np.finfo(float).eps),
    ("02", 5, "6\\times10^{-6}", "6e-6", lambda: np.finfo(float).eps ** (1 / 3)),
    ("03", 1, "\\ln 4 \\approx 1.39", "1.39", lambda: math.log(4)),
    ("03", 3, "\\ln 9 \\approx 2.20", "2.20", lambda: math.log(9)),
    ("03", 3, "about 0.33", "0.33", lambda: -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))),
    ("03", 3, "\\ln 2 \\approx 0.69", "0.69", lambda: math.log(2)),
    ("03", 4, "\\approx -16.1", "-16.1", lambda: math.log(1e-7 / (1 - 1e-7))),
    ("03", 4, "\\ln(10^{-12}) \\approx -27.6", "-27.6", lambda: math.log(1e-12)),
    ("04", 3, "4.5\\times10^{-5}", "4.5e-5", lambda: sigmoid(-10.0)),
    ("04", 4, "z \\approx 36.7", "36.7", first_z_where_sigmoid_is_1),
    ("04", 4, "z \\approx -745", "-745", last_z_where_sigmoid_is_0),
    ("04", 5, "\\ln 2 \\approx 0.693", "0.693", lambda: math.log(2)),
    ("05", 1, "1/1024 \\approx 0.000977", "0.000977", lambda: 0.25 ** 5),
    ("05", 2, "σ′(8) ≈ 0.0003", "0.0003", lambda: sigmoid_derivative(8.0)),
    ("05", 4, "0.25/0.01766", "0.01766", lambda: sigmoid_derivative(4.0)),
    ("05", 4, "\\approx 14.2", "14.2", lambda: sigmoid_derivative(0.0) / sigmoid_derivative(4.0)),
    ("05", 4, "\\cosh^2(2)", "14.15", lambda: math.cosh(2) ** 2),
    ("06", 1, "\\sigma(2) \\approx 0.88", "0.88", lambda: sigmoid(2.0)),
    ("06", 6, "1000.693", "1000.693", lambda: 1000 + math.log(2)),
    ("07", 3, "\\tanh(2.5) \\approx 0.987", "0.987", lambda: sigmoid(5.0) - sigmoid(-5.0)),
    ("07", 4, "\\sigma(2) \\approx 0.881", "0.881", lambda: sigmoid(2.0)),
    ("07", 4, "0.881^{10} \\approx 0.28", "0.28", lambda: sigmoid(2.0) ** 10),
]


@pytest.mark.parametrize("chapter, number, written, stated, true_value", STATED,
                         ids=[f"ch{c}-q{n}-{s}" for c, n, _, s, _ in STATED])
def test_every_number_an_explanation_states_is_true(chapter, number, written, stated, true_value):
    question = quiz(chapter)[number - 1]
    assert written in question.explanation
    significant = len(re.sub(r"e.*|\D", "", stated).lstrip("0"))
    assert float(f"{float(true_value()):.{significant}g}") == float(stated)


def test_the_facts_the_choice_answers_rest_on():
    assert sigmoid(40.0) == 1.0 and sigmoid(-40.0) != 0.0                    # 01 q6: only the first
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        1 / (1 + np.exp(1000.0))                                               # 01 q5: exp overflows
    k, h = 7.0, 1e-6                                                           # 01 q4: slope k/4 at 0
    assert (sigmoid(k * h) - sigmoid(-k * h)) / (2 * h) == pytest.approx(k / 4)
    assert best_central_difference_step() == 1e-5                              # 02 q5
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert list(x @ [-2, -2] + 3 > 0) == [True, True, True, False]            # 07 q2: the NAND weights
    z = np.linspace(-6, 6, 1001)                                               # 05 q3: 2σ(z) − 1 = tanh(z/2)
    np.testing.assert_allclose(2 * sigmoid(z) - 1, np.tanh(z / 2), atol=1e-15)


# --- what the learner sees -----------------------------------------------------------------

def shown_quiz(monkeypatch, questions):
    shown = []
    monkeypatch.setattr(widgets, "display", shown.append)
    widgets.show_quiz(questions)
    return shown


def all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from all_widgets(child)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_question_is_markdown_with_its_lettered_options_then_a_widget(monkeypatch, chapter):
    questions = quiz(chapter)
    shown = shown_quiz(monkeypatch, questions)
    assert [type(item) for item in shown] == [Markdown, ipywidgets.VBox] * len(questions)
    for number, (question, text, box) in enumerate(zip(questions, shown[::2], shown[1::2]), start=1):
        assert text.data.startswith(f"**{number}.** {question.text}")
        options = [line for line in text.data.splitlines() if line.startswith("- **")]
        assert options == [f"- **{letter}.** {widgets._markdown_text(option)}"
                           for letter, option in zip("ABCDEFGH", question.options)]
        buttons = [w for w in all_widgets(box) if isinstance(w, ipywidgets.ToggleButtons)]
        if question.options:    # the widget holds only the letters, the texts are in the Markdown above
            (buttons,) = buttons
            assert [label for label, _ in buttons.options] == list("ABCDEFGH"[:len(question.options)])
            assert list(buttons.tooltips) == list(question.options) and buttons.value is None
        else:
            assert not buttons and any(isinstance(w, ipywidgets.Text) for w in all_widgets(box))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_nothing_in_a_quiz_widget_is_wider_than_the_page(chapter):
    for question in quiz(chapter):
        for widget in all_widgets(widgets.question_widget(question)):
            assert not isinstance(widget, (ipywidgets.RadioButtons, ipywidgets.Dropdown))   # long labels
            if isinstance(widget, ipywidgets.DOMWidget):
                assert widget.layout.width in (None, "auto", "100%")
                assert widget.layout.min_width is None and "content" not in str(widget.layout.flex)
        check, feedback = widgets.question_widget(question).children[1].children
        assert isinstance(feedback, ipywidgets.HTMLMath)          # takes the rest of the row and wraps there
        assert feedback.layout.flex == "1 1 auto" and feedback.layout.width == "auto"
        assert check.layout.flex == "0 0 auto"                    # a long message does not squeeze "Check"


def test_options_are_shown_as_text_not_as_markdown():
    odd = widgets.Question("?", ("2*3 and 4*5", "a_b_c", "<b>", "$5 or $6", "\\alpha"), 0)
    markdown = widgets.question_markdown(1, odd)
    for escaped in ("2\\*3 and 4\\*5", "a\\_b\\_c", "\\<b>", "\\$5 or \\$6", "\\\\alpha"):
        assert escaped in markdown


def test_quiz_widget_counts_only_real_answers_as_wrong_tries():
    box = widgets.question_widget(CHOICE)
    choices, (check, feedback) = box.children[0], box.children[1].children
    check.click()  # nothing chosen yet: not a wrong try
    assert "Pick" in feedback.value
    choices.value = 2                       # the button "C": at z = 5
    check.click()
    assert "✗" in feedback.value and "at z = 0" not in feedback.value
    check.click()
    assert "at z = 0" in feedback.value
    choices.value = 1
    check.click()
    assert "✓" in feedback.value


def test_a_number_box_that_cannot_be_read_is_not_a_wrong_try():
    box = widgets.question_widget(NUMBER)
    text, (check, feedback) = box.children[0], box.children[1].children
    for typed in ("", "a quarter", "0,25"):
        text.value = typed
        check.click()
        assert "✗" not in feedback.value
    assert "dot" in feedback.value
    text.value = "0.3"
    check.click()
    assert "too high" in feedback.value and "0.25" not in feedback.value      # the first wrong try
    text.value = "<script>"
    check.click()
    assert "<script>" not in feedback.value and "&lt;script&gt;" in feedback.value
    text.value = "¼"
    check.click()
    assert "✓ Right." in feedback.value
