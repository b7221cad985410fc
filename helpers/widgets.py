"""Sliders, the explorers built from them, and quizzes with instant feedback (ipywidgets 8).

An explorer is a row of sliders above a picture; moving a slider redraws the picture:

    >>> explorer = explore(plots.sigmoid_figure, k=slider("steepness k", 0.1, 10, 0.1, 1.0))
    >>> explorer.controls["k"].value = 3.0      # what dragging the slider does

A quiz shows each question as ordinary Markdown (readable on GitHub without a kernel),
then a box to answer in and a Check button that says at once whether the answer is right.
"""

import base64
import html
import io
import math
import re
import unicodedata
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from . import plots

__all__ = ["slider", "explore", "Explorer", "sigmoid_explorer",
           "Question", "grade", "question_widget", "show_quiz"]


def slider(description, min, max, step, value, readout_format=".2f"):
    """A FloatSlider with the course defaults: a label that is never cut off, live updates.

    The description width is "initial" (as wide as the text) because ipywidgets' default
    cuts longer labels such as "steepness k" to "steepn…".

    >>> slider("shift", -4, 4, 0.1, 0.0).value
    0.0
    """
    return widgets.FloatSlider(
        value=value, min=min, max=max, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))


def _png_output(figure):
    """The figure as one Jupyter display_data output (a PNG), ready for Output.outputs."""
    buffer = io.BytesIO()
    # No bbox_inches="tight": the course style's constrained layout already keeps labels and
    # legends inside the figure, and the tight bounding box costs ~50 ms per slider move.
    figure.savefig(buffer, format="png")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": png, "text/plain": repr(figure)}}


class Explorer(widgets.VBox):
    """The widget ``explore`` returns: the controls in a row, then the picture.

    ``controls`` maps each name to its control and ``output`` is the ipywidgets.Output that
    holds the current picture; ``redraw()`` draws it again from the controls' values.
    """

    def __init__(self, draw, controls):
        super().__init__()
        self.draw = draw
        self.controls = dict(controls)
        self.output = widgets.Output()
        row = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [row, self.output]
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        self.redraw()

    def redraw(self, change=None):
        """Call draw(**values) and show the figure it made (``change`` is what observe passes)."""
        values = {name: control.value for name, control in self.controls.items()}
        figures_before = set(plt.get_fignums())
        try:
            result = self.draw(**values)
            figure = result[0] if isinstance(result, tuple) else result
            self.output.outputs = (_png_output(figure),)
        except Exception as error:  # say so in the widget rather than fail silently
            self.output.outputs = ({"output_type": "stream", "name": "stderr",
                                    "text": f"The figure could not be drawn: {type(error).__name__}: {error}\n"},)
        finally:  # close every figure draw() opened, so none is left open or shown twice
            for number in set(plt.get_fignums()) - figures_before:
                plt.close(number)


def explore(draw, **controls):
    """A widget that calls ``draw(**values)`` whenever a control changes, and shows its figure.

    ``draw`` makes a matplotlib figure and returns it (or (fig, ax)) without showing it;
    each keyword names one of its arguments and gives the control for it. The figure is
    drawn once at once, then on every change. It is shown as a PNG that replaces the
    previous one in a single step (no flicker), and then closed, so figures never pile up.
    Why not plt.show(): it would show every open figure, and needs a Jupyter kernel.

    >>> def draw(k):
    ...     fig, ax = plt.subplots()
    ...     plots.plot_sigmoid(ax, k=k)
    ...     return fig
    >>> explorer = explore(draw, k=slider("steepness k", 0.1, 10, 0.1, 1.0))
    """
    return Explorer(draw, controls)


def sigmoid_explorer():
    """The chapter-01 explorer: sliders for the steepness k and the shift of σ(k·(z − shift)).

    It draws the same figure as the static one, plots.sigmoid_figure, so the two agree.

    >>> sorted(sigmoid_explorer().controls)
    ['k', 'shift']
    """
    return explore(plots.sigmoid_figure,
                   k=slider("steepness k", 0.1, 10.0, 0.1, 1.0, readout_format=".1f"),
                   shift=slider("shift", -4.0, 4.0, 0.1, 0.0, readout_format=".1f"))


# --- quizzes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """One quiz question: multiple choice when it has options, otherwise a number to type.

    text         the question, Markdown with LaTeX in $...$ allowed
    options      the choices as plain text (Unicode such as σ′ rather than LaTeX); () for a number
    answer       the index of the right option, or the right number
    decimals     for a number asked "to N decimals": within half a unit of the N-th decimal passes
    digits       for a number asked "to N significant digits": the same, at the N-th digit
    tolerance    otherwise, the relative error accepted (absolute when the answer is 0)
    explanation  shown with a right answer, and after a second wrong one
    hint         a nudge after the first wrong answer (a general one if empty)

    The text should say what precision it wants; ``decimals`` or ``digits`` then make the
    check accept exactly that: the answer rounded as asked passes, one unit off does not.
    """

    text: str
    options: tuple
    answer: int | float
    tolerance: float = 1e-2
    explanation: str = ""
    hint: str = ""
    decimals: int = None
    digits: int = None

    def accepts(self, value):
        """Is the number ``value`` right, at the precision the question asks for?"""
        error = abs(value - self.answer)
        if self.decimals is not None:
            return error <= 0.5 * 10.0 ** -self.decimals * (1 + 1e-9)
        if self.digits is not None and self.answer != 0:
            unit = 10.0 ** (math.floor(math.log10(abs(self.answer))) - self.digits + 1)
            return error <= 0.5 * unit * (1 + 1e-9)
        return error <= self.tolerance * (abs(self.answer) or 1)


# How people write numbers: −0.3 (the typographic minus), 1/1024, ½, 50 %, 9.8×10⁻⁴, 1e-3.
_MINUSES = str.maketrans({"−": "-", "–": "-", "\u2009": "", "\u202f": "", " ": "", "_": ""})
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_POWER_OF_TEN = re.compile(r"^(.*?)(?:x|×|\*|·)10(?:\^|\*\*)?(-?\d+)$")


def _as_number(response):
    """The response as a float, or None if it is not a number.

    Accepted: 0.25, −0.3 (typographic minus), +2, 1e-3, 9.8×10^-4 (or ×10⁻⁴), 1/1024, ½, 50%.

    >>> [_as_number(text) for text in ("0.25", "−0.3", "1/4", "½", "50%", "9.77×10⁻⁴", "oops")]
    [0.25, -0.3, 0.25, 0.5, 0.5, 0.000977, None]
    """
    if isinstance(response, (int, float)) and not isinstance(response, bool):
        return float(response)
    if not isinstance(response, str):
        return None
    text = response.strip().lower().translate(_MINUSES)
    percent = text.endswith("%")
    text = text.rstrip("%")
    power = _POWER_OF_TEN.match(text.translate(_SUPERSCRIPTS))
    try:
        if power:
            value = _plain_number(power.group(1) or "1") * 10.0 ** int(power.group(2))
        else:
            value = _plain_number(text)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value / 100 if percent else value


def _plain_number(text):
    """float(text), also for a fraction a/b and for a vulgar fraction such as ½ or 1¾."""
    if "/" in text:
        top, bottom = text.split("/")
        return _plain_number(top) / _plain_number(bottom)
    if text and unicodedata.category(text[-1]) == "No":          # ½, ¼, ¾, ⅓, …
        whole = text[:-1]
        sign = -1.0 if whole.startswith("-") else 1.0
        fraction = unicodedata.numeric(text[-1])
        return (_plain_number(whole) if whole.strip("+-") else 0.0) + sign * fraction
    if "," in text:
        raise ValueError("a comma: use a dot for decimals")
    return float(text)


def _answered(question, response):
    """True if the response is something to grade: a valid option, or a number."""
    if question.options:
        return isinstance(response, int) and not isinstance(response, bool) and 0 <= response < len(question.options)
    return _as_number(response) is not None


def grade(question, response, wrong_tries=0):
    """Grade one response; return (correct, message). The quiz widget shows the message.

    ``response`` is the index of the chosen option, or a number (a string like "0.25",
    "1/4" or "−0.3" is fine). ``wrong_tries`` counts the wrong answers given before this one:
    the first wrong answer gets a nudge, not the answer, so there is something left to think
    about; from the second on, the right answer and the explanation are shown.

    >>> q = Question("σ(0) = ?", (), 0.5)
    >>> grade(q, "1/2")
    (True, '✓ Right.')
    """
    if not _answered(question, response):
        if question.options:
            return False, "Pick one of the options first."
        if isinstance(response, str) and response.strip():
            return False, ("That is not a number I can read. Type it like 0.25, −0.3, 1/1024, 2.5e-3 or 50% "
                           "(a dot for decimals).")
        return False, "Type a number first."
    if question.options:
        correct = response == question.answer
        right_answer = f"{LETTERS[question.answer]}, “{question.options[question.answer]}”"
        nudge = "Look at the options again and try once more."
    else:
        value, answer = _as_number(response), question.answer
        correct = question.accepts(value)
        right_answer = f"{answer:.{question.decimals}f}" if question.decimals is not None else f"{answer:.6g}"
        nudge = f"Your answer is too {'high' if value > answer else 'low'}; try again."
    if correct:
        message = "✓ Right."
    elif wrong_tries == 0:
        return False, f"✗ Not quite. {question.hint or nudge}"
    else:
        message = f"✗ Not quite. The answer is {right_answer}."
    return correct, f"{message} {question.explanation}".strip()


LETTERS = "ABCDEFGH"


def question_widget(question):
    """The answer box, Check button and feedback line for one question (without its text).

    A multiple-choice question gets one button per option, labelled A, B, C, …: the options
    themselves are in the question's text above, where they wrap at any width.
    """
    if question.options:
        answer_box = widgets.ToggleButtons(options=[(LETTERS[i], i) for i in range(len(question.options))],
                                           value=None, tooltips=list(question.options),
                                           style={"button_width": "3em"})
    else:
        answer_box = widgets.Text(placeholder="a number, e.g. 0.25, 1/4 or −0.3")
    check = widgets.Button(description="Check")
    feedback = widgets.HTMLMath()  # HTMLMath renders the LaTeX in explanations
    wrong_tries = 0

    def on_check(_button):
        nonlocal wrong_tries
        response = answer_box.value
        correct, message = grade(question, response, wrong_tries)
        if not correct and _answered(question, response):
            wrong_tries += 1
        color = plots.OKABE_ITO["bluish_green" if correct else "vermillion"]
        feedback.value = f'<span style="color:{color}">{html.escape(message, quote=False)}</span>'

    check.on_click(on_check)
    return widgets.VBox([answer_box, widgets.HBox([check, feedback])])


def question_markdown(number, question):
    """The question as Markdown: its text, then its options as a lettered list (readable without a kernel)."""
    lines = [f"**{number}.** {question.text}"]
    if question.options:
        lines.append("")
        lines += [f"- **{LETTERS[i]}.** {option}" for i, option in enumerate(question.options)]
    return "\n".join(lines)


def show_quiz(questions):
    """Show a quiz: for each Question its text and options as Markdown, then the widget to answer it.

    The text is an ordinary output, so a notebook viewed on GitHub or nbviewer still shows the
    questions and their options; only the answering needs a running kernel.

    Example (in a notebook cell)::

        show_quiz([Question("What is σ(0)?", ("0", "½", "1"), 1,
                            explanation="σ(0) = 1/(1 + e⁰) = ½.")])
    """
    for number, question in enumerate(questions, start=1):
        display(Markdown(question_markdown(number, question)))
        display(question_widget(question))
