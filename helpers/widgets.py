"""Sliders, the explorers built from them, and quizzes with instant feedback (ipywidgets 8).

An explorer is a row of sliders above a picture; moving a slider redraws the picture:

    >>> explorer = explore(plots.sigmoid_scene, k=slider("steepness k", 0.1, 10, 0.1, 1.0),
    ...                    shift=slider("shift", -4, 4, 0.1, 0.0))
    >>> explorer.controls["k"].value = 3.0      # what dragging the slider does

A quiz shows each question as ordinary Markdown (readable on GitHub without a kernel),
then a box to answer in and a Check button that says at once whether the answer is right.
"""

import contextlib
import html
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import Markdown, display
from matplotlib.backends.backend_agg import FigureCanvasAgg

from . import plots, redraw

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


class Explorer(widgets.VBox):
    """The widget ``explore`` returns: the controls in a row, then the picture.

    ``controls`` maps each name to its control and ``output`` is the ipywidgets.Output that
    holds the current picture; ``redraw()`` shows the picture for the controls' values.

    If ``draw`` returns ``(fig, update)``, the figure is built once and each move calls
    ``update(**values)``, which changes only what moves (a line's data, a marker, a title),
    and ``redrawer`` (a helpers.redraw.Redrawer) draws again only what changed; the layout
    and the crop stay those of the first picture, unless text grows past its edges (then the
    figure is laid out again). Otherwise each move calls ``draw`` again and shows the new
    figure, cropped to its own picture.
    """

    def __init__(self, draw, controls):
        super().__init__()
        self.draw = draw
        self.controls = dict(controls)
        self.output = widgets.Output()
        self.figure, self.update, self.area, self.layout_engine = None, None, None, None
        self.redrawer = None
        row = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [row, self.output]
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        self.redraw()

    def redraw(self, change=None):
        """Show the picture for the controls' values (``change`` is what observe passes)."""
        values = {name: control.value for name, control in self.controls.items()}
        try:
            with _closing_new_figures():        # a figure draw or update opens is never left for plt.show()
                if self.update is not None:
                    self.update(**values)
                else:
                    self._build(values)
            if self.update is None:             # a new figure each time: cropped to its own picture
                picture = plots.picture_png(self.figure, quick=True)
            else:
                if self.area is not None:
                    self.redrawer.draw()            # only what update changed, and what lies on top of it
                if self.area is None or not plots.fits(self.figure, self.area):
                    # the first picture, or text grew past its edges: lay the figure out, then keep that layout
                    self.figure.set_layout_engine(self.layout_engine)
                    self.area = plots.picture_area(self.figure)
                    self.figure.set_layout_engine("none")
                    self.redrawer.remember()
                picture = plots.picture_png(self.figure, self.area, drawn=True, quick=True)
            data, metadata = plots.figure_output(self.figure, picture)
            self.output.outputs = ({"output_type": "display_data", "metadata": metadata, "data": data},)
        except Exception as error:  # say so in the widget rather than fail silently
            self.output.outputs = ({"output_type": "stream", "name": "stderr",
                                    "text": f"The figure could not be drawn: {type(error).__name__}: {error}\n"},)

    def _build(self, values):
        """Call draw(**values); keep its figure (and its update function, if it returns one)."""
        result = self.draw(**values)
        figure = result[0] if isinstance(result, tuple) else result
        if isinstance(result, tuple) and len(result) == 2 and callable(result[1]):
            self.update = result[1]
            self.redrawer = redraw.Redrawer(figure)
        FigureCanvasAgg(figure)    # closed figures lose pyplot's canvas; the explorer still draws this one
        self.figure, self.layout_engine = figure, figure.get_layout_engine()


@contextlib.contextmanager
def _closing_new_figures():
    """Close every pyplot figure opened inside the block (the explorer keeps its own figure apart)."""
    figures_before = set(plt.get_fignums())
    try:
        yield
    finally:
        for number in set(plt.get_fignums()) - figures_before:
            plt.close(number)


def explore(draw, **controls):
    """A widget that shows the figure ``draw`` makes, and follows its controls as they move.

    Each keyword names one of draw's arguments and gives the control for it. ``draw`` makes
    a matplotlib figure without showing it, and returns either the figure (or (fig, ax)):
    then every move calls draw again; or ``(fig, update)``, where ``update`` takes the same
    arguments and changes only what moves (``line.set_ydata``, ``marker.set_data``,
    ``ax.set_title``): then the figure is built once, every move calls update, and only what
    changed is drawn again (helpers.redraw), several times faster. update must set everything
    that depends on the values with matplotlib's setters (set_data, set_text, set_offsets …,
    never an array changed in place), make a legend again with ax.legend when its entries
    change, call plots.alt_text, and use only ``ax.``/``fig.`` methods. What lies on top of a
    moving part is drawn again with it: give what moves ``zorder=plots.ON_TOP``. The picture
    is a PNG that replaces the previous one in a single step (no flicker); the explorer's
    figures are never left open for plt.show() to show again.

    >>> import numpy as np
    >>> z = np.linspace(-8, 8, 801)
    >>> def draw(k):
    ...     fig, ax = plt.subplots()
    ...     line, = ax.plot(z, 1 / (1 + np.exp(-k * z)))
    ...     def update(k):
    ...         line.set_ydata(1 / (1 + np.exp(-k * z)))
    ...     return fig, update
    >>> explorer = explore(draw, k=slider("steepness k", 0.1, 10, 0.1, 1.0))
    >>> explorer.controls["k"].value = 3.0         # calls update(k=3.0), then shows the picture
    """
    return Explorer(draw, controls)


def sigmoid_explorer():
    """The chapter-01 explorer: sliders for the steepness k and the shift of σ(k·(z − shift)).

    It draws the same figure as the static one, plots.sigmoid_figure, built once by
    plots.sigmoid_scene and updated as the sliders move.

    >>> sorted(sigmoid_explorer().controls)
    ['k', 'shift']
    """
    return explore(plots.sigmoid_scene,
                   k=slider("steepness k", 0.1, 10.0, 0.1, 2.0, readout_format=".1f"),
                   shift=slider("shift", -4.0, 4.0, 0.1, 1.0, readout_format=".1f"))


# --- quizzes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """One quiz question: multiple choice when it has options, otherwise a number to type.

    text         the question, Markdown with LaTeX in $...$ allowed
    options      the choices as plain text (Unicode such as σ′ rather than LaTeX); () for a number
    answer       the index of the right option, or the right number (unrounded)
    tolerance    the relative error accepted (absolute when the answer is 0). The default, 1e-9,
                 asks for the exact value: right for answers such as 0.5, 0.16, 4 or −0.3
    explanation  shown with a right answer, and after a second wrong one
    hint         a nudge after the first wrong answer (a general one if empty)
    decimals     for a number asked "to N decimals": within half a unit of the N-th decimal passes
    digits       for a number asked "to N significant digits": the same, at the N-th digit

    The text says which precision it wants, and ``decimals`` or ``digits`` make the check accept
    exactly that: the answer rounded as asked passes, one unit off in the last digit does not.

    >>> q = Question("To two decimals, what is σ(2)?", (), 0.8807970779778823, decimals=2)
    >>> q.accepts(0.88), q.accepts(0.881), q.accepts(0.89), q.accepts(0.9)
    (True, True, False, False)
    >>> Question("What is σ(0)?", (), 0.5).accepts(0.505)
    False
    """

    text: str
    options: tuple
    answer: int | float
    tolerance: float = 1e-9
    explanation: str = ""
    hint: str = ""
    decimals: int = None
    digits: int = None

    def unit(self):
        """One unit in the last digit asked for: 0.01 for two decimals; None for an exact answer."""
        if self.decimals is not None:
            return 10.0 ** -self.decimals
        if self.digits is not None:
            return 10.0 ** (math.floor(math.log10(abs(self.answer))) - self.digits + 1)
        return None

    def accepts(self, value):
        """Is the number ``value`` right, at the precision the question asks for?"""
        error = abs(value - self.answer)
        if self.unit() is None:
            return error <= self.tolerance * (abs(self.answer) or 1)
        return error <= 0.5 * self.unit() * (1 + 1e-9)   # (1 + 1e-9): a tie such as 0.125 → 0.12 or 0.13 passes

    def precision(self):
        """The precision asked for, in words: "to 2 decimals", "to 3 significant digits" or "exactly"."""
        if self.decimals is not None:
            return f"to {self.decimals} decimal{'s' * (self.decimals != 1)}"
        if self.digits is not None:
            return f"to {self.digits} significant digit{'s' * (self.digits != 1)}"
        return "exactly"

    def rounded_too_far(self, value):
        """Is ``value`` the answer rounded to fewer digits than asked (0.2 for 0.25 to two decimals)?"""
        if self.decimals is not None:
            coarser = [round(self.answer, n) for n in range(self.decimals)]
        elif self.digits is not None:
            coarser = [float(f"{self.answer:.{n}g}") for n in range(1, self.digits)]
        else:
            coarser = []
        return any(math.isclose(value, rounded, rel_tol=1e-9) for rounded in coarser)

    def shown_answer(self):
        """The right answer as the learner should type it: 0.88, 0.000977, −0.3."""
        if self.decimals is not None:
            text = f"{self.answer:.{self.decimals}f}"
        else:
            text = f"{self.answer:.{self.digits or 6}g}"
        return text.replace("-", "−")


# How people write numbers: −0.3 (the typographic minus), 1/1024, ½, 50 %, 9.8×10⁻⁴, 2^-10, 1e-3.
_SPELLINGS = str.maketrans({"−": "-", "–": "-", "‐": "-", "⁄": "/", "÷": "/",
                            " ": "", "\u00a0": "", "\u2009": "", "\u202f": ""})
_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")                     # 10⁻⁴ is read as 10^-4
_AS_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_DIGITS_APART = re.compile(r"\d\s+\d")                          # "1 1/2" or "1 000": too ambiguous to guess


def _as_number(response):
    """The response as a float, or None if it is not a number.

    Accepted: 0.25, .25, −0.3 (typographic minus), +2, 1e-3, 9.8×10^-4 (or ×10⁻⁴, *10**-4), 1/1024,
    2^-10, ½, 1¾, 50%, and spaces around any of them. Not accepted: a comma (is 2,5 a decimal comma?
    is 1,000 a thousand?), names such as e^1.5 or exp(1.5), inf and nan.

    >>> [_as_number(text) for text in ("0.25", "−0.3", "1/4", "½", "50%", "9.77×10⁻⁴", "2^-10", "2,5", "e^1.5")]
    [0.25, -0.3, 0.25, 0.5, 0.5, 0.000977, 0.0009765625, None, None]
    """
    if isinstance(response, numbers.Real) and not isinstance(response, bool):
        value = float(response)
        return value if math.isfinite(value) else None
    if not isinstance(response, str) or _DIGITS_APART.search(response):
        return None
    text = response.strip().lower().translate(_SPELLINGS).replace("**", "^")
    text = _SUPERSCRIPT.sub(lambda power: "^" + power[0].translate(_AS_DIGITS), text)
    percent = text.endswith("%")
    try:
        value = _plain_number(text.removesuffix("%"))
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value / 100 if percent else value


def _plain_number(text):
    """float(text), and also a product 9.77×10^-4, a fraction 1/1024, a power 2^-10, ½ or 1¾.

    They are taken in that order, so 1/4^5 is 1/1024 and 3×1/4 is 0.75, as on paper.
    """
    factors = re.split(r"[x×*·⋅]", text)
    if len(factors) > 1:
        return math.prod(_plain_number(factor) for factor in factors)
    if "/" in text:
        top, bottom = text.split("/")                               # "1/2/3" raises ValueError
        return _plain_number(top) / _plain_number(bottom)
    if "^" in text:
        base, exponent = text.split("^")
        sign = -1.0 if base.startswith("-") else 1.0                # -2^2 is -(2^2), as on paper
        return sign * _plain_number(base.lstrip("+-")) ** _plain_number(exponent)
    mixed = re.fullmatch(r"([+-]?)(\d*)(.)", text)                   # ½, −¼, 1¾ (not ½½)
    if mixed and unicodedata.name(mixed[3], "").startswith("VULGAR FRACTION"):
        sign = -1.0 if mixed[1] == "-" else 1.0
        return sign * (int(mixed[2] or 0) + unicodedata.numeric(mixed[3]))
    value = float(text)
    if not math.isfinite(value):                                   # "inf", "nan", "1e999"
        raise ValueError("not a finite number")
    return value


def _unreadable(response):
    """What to say about a response that is not a number."""
    text = "" if response is None else str(response).strip()
    if len(text) > 30:
        text = text[:29] + "…"
    if not text:
        return "Type a number first."
    if "," in text:
        return "Use a dot for decimals and no thousands separator: 2.5, not 2,5."
    return (f"“{text}” is not a number I can read. Type a decimal (0.25, −0.3), a fraction (1/1024, ½), "
            "a percentage (50%) or a power (9.77e-4, 9.77×10⁻⁴, 2^-10), with a dot for decimals; "
            "work out names such as e or exp(…) first.")


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
    >>> grade(Question("To two decimals, σ(2) = ?", (), 0.8807970779778823, decimals=2), "0.9")
    (False, '✗ Not quite. Rounded too far: give it to 2 decimals, as the question asks.')
    """
    if not _answered(question, response):
        return False, "Pick one of the options first." if question.options else _unreadable(response)
    if question.options:
        correct = response == question.answer
        right_answer = f"{LETTERS[question.answer]}, “{question.options[question.answer]}”"
        nudge = question.hint or "Look at the options again and try once more."
    else:
        value = _as_number(response)
        correct = question.accepts(value)
        right_answer = question.shown_answer()
        if question.rounded_too_far(value):
            nudge = f"Rounded too far: give it {question.precision()}, as the question asks."
        else:
            nudge = question.hint or f"Your answer is too {'high' if value > question.answer else 'low'}; try again."
    if correct:
        message = "✓ Right."
    elif wrong_tries == 0:
        return False, f"✗ Not quite. {nudge}"
    else:
        message = f"✗ Not quite. The answer is {right_answer}."
    return correct, f"{message} {question.explanation}".strip()


LETTERS = "ABCDEFGH"


def question_widget(question):
    """The answer box, Check button and feedback line for one question (without its text).

    A multiple-choice question gets one small button per option, labelled A, B, C, … (the
    option's text shows when the pointer rests on it): the options themselves are in the
    question's Markdown above, where they wrap at any width and show without a kernel.
    """
    if question.options:
        answer_box = widgets.ToggleButtons(options=[(LETTERS[i], i) for i in range(len(question.options))],
                                           value=None, tooltips=list(question.options),
                                           style={"button_width": "3em"})
    else:
        answer_box = widgets.Text(placeholder="a number, e.g. 0.25, 1/4 or −0.3")
    check = widgets.Button(description="Check", layout=widgets.Layout(flex="0 0 auto"))   # never squeezed
    # HTMLMath renders the LaTeX in explanations; as wide as the row allows, and wrapped there
    feedback = widgets.HTMLMath(layout=widgets.Layout(flex="1 1 auto", width="auto"))
    wrong_tries = 0

    def on_check(_button):
        nonlocal wrong_tries
        response = answer_box.value
        correct, message = grade(question, response, wrong_tries)
        if not correct and _answered(question, response):
            wrong_tries += 1
        color = plots.OKABE_ITO["bluish_green" if correct else "vermillion"]
        feedback.value = (f'<div style="color:{color}; line-height:1.5; padding-top:4px">'
                          f'{html.escape(message, quote=False)}</div>')

    check.on_click(on_check)
    row = widgets.HBox([check, feedback], layout=widgets.Layout(width="100%"))
    return widgets.VBox([answer_box, row], layout=widgets.Layout(margin="0 0 1em 0"))   # space before the next question


def _markdown_text(text):
    r"""Plain text made safe inside Markdown: * _ ` < $ \ shown as themselves, not as formatting.

    >>> _markdown_text("a*b_c")
    'a\\*b\\_c'
    """
    return re.sub(r"([\\`*_<$])", r"\\\1", text)


def question_markdown(number, question):
    """The question as Markdown: its text, then its options as a lettered list (readable without a kernel).

    >>> print(question_markdown(2, Question("Which is σ(0)?", ("0", "½"), 1)))
    **2.** Which is σ(0)?
    <BLANKLINE>
    - **A.** 0
    - **B.** ½
    """
    lines = [f"**{number}.** {question.text}"]
    if question.options:
        lines.append("")
        lines += [f"- **{LETTERS[i]}.** {_markdown_text(option)}" for i, option in enumerate(question.options)]
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
