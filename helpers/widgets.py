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
    tolerance    for a number: the relative error accepted (absolute when the answer is 0)
    explanation  shown with a right answer, and after a second wrong one
    hint         a nudge after the first wrong answer (a general one if empty)
    """

    text: str
    options: tuple
    answer: int | float
    tolerance: float = 1e-2
    explanation: str = ""
    hint: str = ""


def _as_number(response):
    """The response as a float, or None if it is empty or not a number ("0.25" → 0.25)."""
    try:
        return float(response)
    except (TypeError, ValueError):
        return None


def _answered(question, response):
    """True if the response is something to grade: a valid option, or a number."""
    if question.options:
        return isinstance(response, int) and 0 <= response < len(question.options)
    return _as_number(response) is not None


def grade(question, response, wrong_tries=0):
    """Grade one response; return (correct, message). The quiz widget shows the message.

    ``response`` is the index of the chosen option, or a number (a string like "0.25" is
    fine). ``wrong_tries`` counts the wrong answers given before this one: the first wrong
    answer gets a nudge, not the answer, so there is something left to think about; from
    the second on, the right answer and the explanation are shown.

    >>> q = Question("σ(0) = ?", (), 0.5)
    >>> grade(q, "0.5")
    (True, '✓ Right.')
    """
    if not _answered(question, response):
        return False, "Pick one of the options first." if question.options else "Type a number first."
    if question.options:
        correct = response == question.answer
        right_answer = f"“{question.options[question.answer]}”"
        nudge = "Look at the options again and try once more."
    else:
        value, answer = _as_number(response), question.answer
        # relative tolerance, or absolute when the right answer is 0
        correct = abs(value - answer) <= question.tolerance * (abs(answer) or 1)
        right_answer = f"{answer:g}"
        nudge = f"Your answer is too {'high' if value > answer else 'low'}; try again."
    if correct:
        message = "✓ Right."
    elif wrong_tries == 0:
        return False, f"✗ Not quite. {question.hint or nudge}"
    else:
        message = f"✗ Not quite. The answer is {right_answer}."
    return correct, f"{message} {question.explanation}".strip()


def question_widget(question):
    """The answer box, Check button and feedback line for one question (without its text)."""
    if question.options:
        answer_box = widgets.RadioButtons(options=list(question.options), value=None,
                                          layout=widgets.Layout(width="max-content"))
    else:
        answer_box = widgets.Text(placeholder="type a number, e.g. 0.25")
    check = widgets.Button(description="Check")
    feedback = widgets.HTMLMath()  # HTMLMath renders the LaTeX in explanations
    wrong_tries = 0

    def on_check(_button):
        nonlocal wrong_tries
        response = answer_box.index if question.options else answer_box.value
        correct, message = grade(question, response, wrong_tries)
        if not correct and _answered(question, response):
            wrong_tries += 1
        color = plots.OKABE_ITO["bluish_green" if correct else "vermillion"]
        feedback.value = f'<span style="color:{color}">{html.escape(message, quote=False)}</span>'

    check.on_click(on_check)
    return widgets.VBox([answer_box, widgets.HBox([check, feedback])])


def show_quiz(questions):
    """Show a quiz: for each Question its text as Markdown, then the widget to answer it.

    The text is an ordinary output, so a notebook viewed on GitHub still shows the
    questions; only the answering needs a running kernel.

    Example (in a notebook cell)::

        show_quiz([Question("What is σ(0)?", ("0", "½", "1"), 1,
                            explanation="σ(0) = 1/(1 + e⁰) = ½.")])
    """
    for number, question in enumerate(questions, start=1):
        display(Markdown(f"**{number}.** {question.text}"))
        display(question_widget(question))
