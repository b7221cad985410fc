"""The course's figure style and the figures that come back in several chapters.

Call ``use_course_style()`` once at the top of a notebook. The figure builders draw on an
Axes you pass, or make a new figure; they label what they draw and never call
``plt.show()`` themselves, so a notebook cell ends with ``plt.show()``:

    >>> use_course_style()
    >>> fig, ax = sigmoid_figure(k=3, shift=1)
    >>> plt.close(fig)        # in a notebook: plt.show()
"""

import base64
import html
import io
import struct
import zlib

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler

from .numerics import sigmoid

__all__ = ["OKABE_ITO", "COLORS", "ON_TOP", "use_course_style", "alt_text", "figure_output", "plot_sigmoid", "sigmoid_figure", "sigmoid_scene", "loan_model_figure", "loan_model_scene", "boundary_ends",
           "positive_side",
           "mark_values", "loan_scatter", "draw_decision_boundary"]

# The zorder of what moves in an explorer: above everything that stays, legends (5) included, so that a
# move draws only what moved (helpers.redraw draws again what lies on top of a change, too).
ON_TOP = 6

# The Okabe–Ito palette: eight colours that stay distinct for the common kinds of colour
# blindness (Okabe & Ito, "Color Universal Design", 2008).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# The order lines take their colours in: strong, well-separated colours first, yellow late.
COLORS = [OKABE_ITO[name] for name in ("blue", "vermillion", "bluish_green", "orange",
                                       "reddish_purple", "sky_blue", "yellow", "black")]


def use_course_style():
    """Set matplotlib's rcParams to the course look. Safe to call any number of times.

    Why rcParams and not a named style: named styles (e.g. the seaborn ones) have been
    renamed between matplotlib versions and break old notebooks; rcParams keys are stable.
    DejaVu Sans (text and mathtext) ships with matplotlib and has every glyph the course
    uses (σ, ⁻, ᶻ, ′, ≈, ½ ...), so no "Glyph missing" warning ever appears.

    >>> use_course_style()
    >>> mpl.rcParams["font.family"]
    ['DejaVu Sans']
    """
    mpl.rcParams.update({
        "font.family": "DejaVu Sans",
        "mathtext.fontset": "dejavusans",
        "axes.unicode_minus": True,          # a real minus sign (−) on tick labels
        "axes.prop_cycle": cycler(color=COLORS),
        "figure.figsize": (6.4, 3.6),
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,  # keeps labels and legends inside the figure
        "axes.grid": True,
        "axes.axisbelow": True,              # grid and ticks under bars, points and shading (and an explorer
                                             # that moves them need not draw the tick labels again)
        "grid.color": "#d9d9d9",
        "grid.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "lines.linewidth": 2.0,
    })
    _show_figures_with_alt_text()


# --- alt text: every figure says in words what it shows --------------------------------------------
# Jupyter has no standard place for an image's description yet. JupyterLab and nbconvert's HTML both
# prefer an output's text/html over its image/png, so a figure is shown as <img alt="…" src="data:…">,
# with the PNG and the description kept beside it (image/png, text/plain, and the output metadata's
# "alt", which nbconvert's classic template and nbsphinx read).

def alt_text(fig, text):
    """Describe ``fig`` in words for readers who cannot see it; returns ``fig``.

    The description becomes the figure's alt text in JupyterLab (what a screen reader reads out),
    in nbconvert's HTML and in the stored notebook. Say what is drawn and what to notice, in a
    sentence or two; the numbers may come from the cell (an f-string), so they stay true.

    >>> fig, ax = plt.subplots()
    >>> alt_text(fig, "An S-shaped curve rising from 0 to 1, crossing ½ at z = 0.") is fig
    True
    >>> plt.close(fig)
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"alt_text: text must be a sentence describing the figure, not {text!r}")
    fig.course_alt_text = " ".join(text.split())
    return fig


def _described(fig):
    """The figure's alt text, or (for a figure nobody described) its titles, so there is always one."""
    written = getattr(fig, "course_alt_text", None)
    if written:
        return written, True
    titles = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    titles += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(titles) or "a figure with no description", False


def figure_output(fig, png):
    """(data, metadata) of a Jupyter display output showing ``fig``, whose PNG bytes are ``png``.

    >>> fig, ax = plt.subplots()
    >>> data, metadata = figure_output(alt_text(fig, "An empty plot."), b"PNG bytes")
    >>> data["text/html"][:14], metadata["image/png"]["alt"]
    ('<img alt="An e', 'An empty plot.')
    >>> plt.close(fig)
    """
    text, written = _described(fig)
    encoded = base64.b64encode(png).decode("ascii")
    data = {"image/png": encoded,
            "text/html": f'<img alt="{html.escape(text)}" src="data:image/png;base64,{encoded}"/>',
            "text/plain": f"<Figure: {text}>"}
    return data, ({"image/png": {"alt": text}} if written else {})


def picture_area(fig):
    """Where a figure's picture lies in its own pixels: (left, top, width, height), the tight box around
    everything drawn plus savefig's padding (0.1 inch), out to whole pixels. Draws the figure first."""
    if not hasattr(fig.canvas, "buffer_rgba"):           # a figure closed in pyplot has lost its Agg canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(mpl.rcParams["savefig.pad_inches"])
    left, top = int(np.floor(box.x0 * fig.dpi)), int(np.floor(fig.bbox.height - box.y1 * fig.dpi))
    right, bottom = int(np.ceil(box.x1 * fig.dpi)), int(np.ceil(fig.bbox.height - box.y0 * fig.dpi))
    return left, top, right - left, bottom - top


def picture_png(fig, area=None, drawn=False, quick=False):
    """The PNG of ``fig`` cut out at ``area`` (picture_area's, by default): how every figure of the course
    is shown, still or in an explorer. One draw of the figure (none if ``drawn``), then the pixels in the
    area (the figure's background past its edges) — savefig's tight crop would draw the figure twice.
    ``quick`` (explorers): the same pixels, encoded in about half the time into a file a quarter larger.

    >>> fig, ax = plt.subplots()
    >>> picture_png(fig)[:4]
    b'\\x89PNG'
    >>> plt.close(fig)
    """
    from PIL import Image

    if area is None:
        area, drawn = picture_area(fig), True
    if not hasattr(fig.canvas, "buffer_rgba"):           # a figure closed in pyplot has lost its Agg canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
        drawn = False
    if not drawn:
        fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())
    background = np.round(np.array(mpl.colors.to_rgba(fig.get_facecolor())) * 255).astype(np.uint8)
    if quick:
        return _png_quickly(pixels, area, background)
    picture = np.empty((area[3], area[2], 4), dtype=np.uint8)
    _cut_out(pixels, area, background, picture)
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, format="png", compress_level=1)   # fast to write, a little larger
    return buffer.getvalue()


def _cut_out(pixels, area, background, picture):
    """Copy the pixels in ``area`` into ``picture`` (height, width, 3 or 4 channels), with the figure's
    ``background`` where the area reaches past the canvas."""
    left, top, width, height = area
    rows = slice(max(top, 0), min(top + height, pixels.shape[0]))
    cols = slice(max(left, 0), min(left + width, pixels.shape[1]))
    channels = picture.shape[2]
    inside = slice(rows.start - top, rows.stop - top), slice(cols.start - left, cols.stop - left)
    for margin in [np.s_[:inside[0].start], np.s_[inside[0].stop:], np.s_[:, :inside[1].start], np.s_[:, inside[1].stop:]]:
        picture[margin] = background[:channels]      # above, below, left, right of the canvas (often nothing)
    picture[inside] = pixels[rows, cols, :channels]


def _png_quickly(pixels, area, background):
    """A PNG of the canvas ``pixels`` in ``area``: rows unfiltered (a 0 byte before each), zlib's fastest level;
    RGB when every pixel is opaque (a quarter less to compress)."""
    _, _, width, height = area
    channels = 3 if background[3] == 255 and pixels[..., 3].min() == 255 else 4
    rows = np.zeros((height, 1 + channels * width), dtype=np.uint8)
    # the pixels go straight after each row's 0 byte (splitting a row into pixels is a view, not a copy)
    _cut_out(pixels, area, background, rows[:, 1:].reshape(height, width, channels))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)   # 8-bit RGB or RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))


def fits(fig, area):
    """Whether the text ``fig`` drew last lies inside ``area`` (left, top, width, height, in pixels).

    Text is what grows as values change: titles, legends, and tick labels, which push the axis labels
    outwards (so the axis labels stand for them). Their boxes are known from the last draw, which makes
    this far cheaper than recomputing the figure's tight box.
    """
    renderer = fig.canvas.get_renderer()
    texts = [*fig.texts, *fig.legends] + ([fig._suptitle] if fig._suptitle is not None else [])
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label,
                  *([ax.get_legend()] if ax.get_legend() else [])]
    left, top, width, height = area
    for text in texts:
        if text.get_visible() and (not hasattr(text, "get_text") or text.get_text()):
            box = text.get_window_extent(renderer)
            if (box.x0 < left or box.x1 > left + width or fig.bbox.height - box.y1 < top
                    or fig.bbox.height - box.y0 > top + height):
                return False
    return True


def _figure_bundle(fig, include=None, exclude=None):
    """IPython's display hook for a Figure: its picture (picture_png), plus its alt text. A figure with
    nothing in it shows nothing, as with matplotlib's own inline display."""
    if not fig.axes and not fig.lines:
        return None
    return figure_output(fig, picture_png(fig))


def _show_figures_with_alt_text():
    """Make IPython display every matplotlib Figure through ``_figure_bundle`` (in a kernel only)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    if "inline" in (mpl.get_backend(auto_select=False) or ""):       # None: no backend chosen yet
        # Jupyter's inline backend, once loaded, gives Figure its own image/png printer (a savefig that
        # draws the figure twice more), and a printer for one type wins over a mime bundle. Load it now
        # (it is loaded once per kernel) and take its printers back, so each figure is drawn once.
        import matplotlib_inline.backend_inline  # noqa: F401
        for formatter in shell.display_formatter.formatters.values():
            formatter.pop(mpl.figure.Figure, None)
    shell.display_formatter.mimebundle_formatter.for_type(mpl.figure.Figure, _figure_bundle)


def _label_if_unset(ax, xlabel, ylabel, title):
    """Give the Axes labels and a title, but keep any the caller has already set."""
    if not ax.get_xlabel():
        ax.set_xlabel(xlabel)
    if not ax.get_ylabel():
        ax.set_ylabel(ylabel)
    if not ax.get_title():
        ax.set_title(title)


def _legend_outside(ax):
    """Put the legend to the right of the Axes, where it cannot hide any of the points."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _sigmoid_label(k, shift):
    """A legend label for σ(k·(z − shift)), written as simply as the numbers allow: σ(3(z − 1))."""
    inside = "z" if shift == 0 else f"z − {shift:g}" if shift > 0 else f"z + {-shift:g}"
    if k == 1:
        return f"σ({inside})"
    return f"σ({k:g}{inside})" if shift == 0 else f"σ({k:g}({inside}))"


def plot_sigmoid(ax=None, k=1.0, shift=0.0, z=None, label=None, color=None, **line_kwargs):
    """Draw the curve σ(k·(z − shift)) and return the Axes.

    k is the steepness (large k: close to a step) and shift moves the midpoint σ = ½ to
    z = shift. The values come from helpers.numerics.sigmoid, so no overflow warning
    appears for any k. Extra keyword arguments go to ``ax.plot`` (e.g. ``linestyle="--"``).

    >>> ax = plot_sigmoid(k=2, label="σ(2z)")
    >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots()
    z = np.linspace(-8, 8, 801) if z is None else np.asarray(z, dtype=float)
    label = _sigmoid_label(k, shift) if label is None else label
    ax.plot(z, sigmoid(k * (z - shift)), label=label, color=color, **line_kwargs)
    _label_if_unset(ax, "score z", "σ(z)", "The sigmoid σ(z) = 1/(1 + e⁻ᶻ)")
    return ax


def sigmoid_figure(k=1.0, shift=0.0, show_step=True):
    """The chapter-01 figure: σ(k·(z − shift)) with σ(z) faint behind it, and the step it tends to.

    Drawn: the curve for the given k and shift; the plain σ(z) in the background for
    comparison; the Heaviside step at z = shift (dashed, if show_step); a guide at ½ and
    the midpoint (shift, ½). The y-limits are fixed, so moving a slider never rescales the
    picture. Returns (fig, ax). The chapter's explorer draws it too, with sigmoid_scene.

    >>> fig, ax = sigmoid_figure(k=3, shift=1)
    >>> ax.get_title()
    'σ(k·(z − shift)) with k = 3, shift = 1'
    >>> plt.close(fig)
    """
    fig, _ = sigmoid_scene(k, shift, show_step)
    return fig, fig.axes[0]


def sigmoid_scene(k=1.0, shift=0.0, show_step=True):
    """sigmoid_figure's figure, and ``update(k, shift)``, which moves what depends on k and shift.

    The pattern of every explorer in the course (see widgets.explore): build the figure once,
    with the lines that move created empty; ``update`` gives them their data, labels and the
    title; calling it once finishes the first picture. A slider move then costs one update
    and one render, not a new figure.

    >>> fig, update = sigmoid_scene(k=1, shift=0)
    >>> update(k=3, shift=1)
    >>> fig.axes[0].get_title()
    'σ(k·(z − shift)) with k = 3, shift = 1'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(8.4, 3.6))        # the course's usual axes, and room for the legend
    z = np.linspace(-8, 8, 801)
    plot_sigmoid(ax, z=z, color=OKABE_ITO["black"], alpha=0.2, linewidth=1.5,
                 label="σ(z), for reference")
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    if show_step:
        step, = ax.plot([], [], linestyle="--", linewidth=1.2, color=OKABE_ITO["vermillion"],
                        label="step at z = shift", zorder=ON_TOP)
    curve, = ax.plot([], [], color=OKABE_ITO["blue"], linewidth=2.5, label="σ(k·(z − shift))", zorder=ON_TOP)
    midpoint, = ax.plot([], [], "o", color=OKABE_ITO["blue"], label="midpoint (shift, ½)", zorder=ON_TOP)
    _legend_outside(ax)                   # made once: its labels do not change (the title gives the values),
                                          # and no curve passes through it
    ax.set(xlim=(z[0], z[-1]), ylim=(-0.05, 1.05), xlabel="score z", ylabel="σ(k·(z − shift))")

    def update(k, shift):
        k, shift = round(k, 2), round(shift, 2) + 0.0    # slider steps can leave 1e-16 for 0; + 0.0: no −0
        if show_step:
            step.set_data([z[0], shift, shift, z[-1]], [0, 0, 1, 1])
        curve.set_data(z, sigmoid(k * (z - shift)))
        midpoint.set_data([shift], [0.5])
        ax.set_title(f"σ(k·(z − shift)) with k = {k:g}, shift = {shift:g}".replace("-", "−"))   # minus signs
        step_text = " A dashed step jumps from 0 to 1 at z = shift, the limit as k grows." if show_step else ""
        alt_text(fig, f"The S-curve σ(k·(z − shift)) for k = {k:g}, shift = {shift:g}: it rises from 0 to 1 and "
                      f"crosses ½ at z = {shift:g}, with slope k/4 = {k / 4:g} there; the plain σ(z) is drawn "
                      f"faintly behind it for comparison.{step_text}")

    update(k, shift)
    return fig, update


def mark_values(ax, z_values, f=sigmoid, fmt="{:.4f}"):
    """Mark the points (z, f(z)) with a dot and their value written beside it. Returns the Axes.

    Use it to pin the numbers the text talks about onto the curve, e.g. the six key
    values σ(−5) … σ(5). ``fmt`` formats the value.

    >>> ax = plot_sigmoid()
    >>> ax = mark_values(ax, [-2, 0, 2])
    >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots()
    for z in z_values:
        value = float(f(z))
        ax.plot([z], [value], "o", color=OKABE_ITO["black"], markersize=4, zorder=3)
        ax.annotate(fmt.format(value), (z, value), xytext=(6, -4), textcoords="offset points",
                    ha="left", va="top", fontsize="small")
    name = getattr(f, "__name__", "f")
    _label_if_unset(ax, "z", f"{name}(z)", f"Values of {name}(z)")
    return ax


def loan_scatter(ax, data, standardised=False, **scatter_kwargs):
    """Scatter the loan applicants' two features, defaulted and repaid in different colours and marks.

    ``data`` is a helpers.data.LoanData; with standardised=True the standardised features
    (data.X_std) are drawn, the scale on which data.true_w is written. Pass ax=None for a
    new figure. Returns the Axes.

    >>> from helpers.data import make_loan_data
    >>> ax = loan_scatter(None, make_loan_data())
    >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots()
    X = data.X_std if standardised else data.X
    groups = ((0, "repaid", OKABE_ITO["blue"], "o"), (1, "defaulted", OKABE_ITO["vermillion"], "^"))
    for label, name, color, marker in groups:
        rows = data.y == label
        ax.scatter(X[rows, 0], X[rows, 1], s=18, alpha=0.7, color=color, marker=marker,
                   label=name, **scatter_kwargs)
    names = data.feature_names
    if standardised:  # "debt-to-income ratio (%)" → "debt-to-income ratio (standardised)"
        names = [name.split(" (")[0] + " (standardised)" for name in names]
    _label_if_unset(ax, names[0], names[1], "Loan applicants: who defaulted")
    _legend_outside(ax)
    return ax


def draw_decision_boundary(ax, w, b, label="decision boundary (z = 0)", color=None, **line_kwargs):
    """Draw the line w·x + b = 0 across the current view of a 2-feature plot. Returns the Axes.

    On that line the score z = w₁x₁ + w₂x₂ + b is 0, so σ(z) = ½: one side is predicted
    "default", the other "repay". Solved for x₂ it is x₂ = −(w₁x₁ + b)/w₂; when w₂ = 0 the
    line is vertical at x₁ = −b/w₁. Draw the data first: the line spans the limits it set.

    >>> from helpers.data import make_loan_data
    >>> data = make_loan_data()
    >>> ax = loan_scatter(None, data, standardised=True)
    >>> ax = draw_decision_boundary(ax, data.true_w, data.true_b)
    >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots()
    ends = boundary_ends(w, b, ax.get_xlim(), ax.get_ylim())
    if ends is None:
        raise ValueError("w is zero, so every point has the same score and there is no boundary")
    x_limits, y_limits = ax.get_xlim(), ax.get_ylim()
    color = OKABE_ITO["black"] if color is None else color
    ax.plot(*ends, color=color, label=label, **line_kwargs)
    ax.set(xlim=x_limits, ylim=y_limits)  # keep the view: the line runs from edge to edge
    _label_if_unset(ax, "x₁", "x₂", "Decision boundary w·x + b = 0")
    _legend_outside(ax)
    return ax


def boundary_ends(w, b, x_limits, y_limits):
    """The two ends (x₁ values, x₂ values) of the line w·x + b = 0 across the view; None if w = 0.

    What draw_decision_boundary draws, for an explorer that moves a line it made once.

    >>> boundary_ends([1.0, 1.0], 0.0, (-2, 2), (-2, 2))
    (array([-2,  2]), array([ 2., -2.]))
    """
    w1, w2 = np.asarray(w, dtype=float).ravel()
    if w2 != 0:
        x1 = np.array(x_limits)
        return x1, -(w1 * x1 + b) / w2
    if w1 != 0:
        return np.full(2, -b / w1), np.array(y_limits)
    return None


def positive_side(w, b, x_limits, y_limits):
    """The corners of the part of the view where the score w·x + b is positive: a polygon, [] if none.

    Each edge of the view's rectangle, in turn, keeps its first corner if the score is positive there,
    and where the score changes sign along it (z = 0: the decision boundary) a corner is added.

    >>> positive_side([1.0, 0.0], 0.0, (-2, 2), (-1, 1))         # x₁ > 0: the right half
    [(0.0, -1.0), (2.0, -1.0), (2.0, 1.0), (0.0, 1.0)]
    """
    w1, w2 = np.asarray(w, dtype=float).ravel()
    (left, right), (bottom, top) = map(float, x_limits), map(float, y_limits)
    box = [(left, bottom), (right, bottom), (right, top), (left, top)]
    corners = []
    for (x0, y0), (x1, y1) in zip(box, box[1:] + box[:1]):
        z0, z1 = w1 * x0 + w2 * y0 + b, w1 * x1 + w2 * y1 + b
        if z0 > 0:
            corners.append((x0, y0))
        if (z0 > 0) != (z1 > 0):                     # the boundary crosses this edge where z = 0
            t = z0 / (z0 - z1)
            corners.append((float(x0 + t * (x1 - x0)), float(y0 + t * (y1 - y0))))
    return corners


def loan_model_figure(data, w, b, references=(), xlim=(-3.5, 3.5), ylim=(-3.0, 3.0),
                      color=OKABE_ITO["vermillion"], label="decision boundary (z = 0)", figsize=None):
    """The standardised applicants, a model's line w·x + b = 0 with its z > 0 side shaded, and
    reference models as dashed lines — the picture chapters 00 and 03 let you steer with sliders.

    ``references`` is a sequence of (label, w, b). The axis limits are fixed, so moving a slider
    never rescales the picture. With w = 0 there is no line: every score is b, and the shading
    covers everything or nothing. Returns (fig, ax); the caller sets the title.

    >>> from helpers.data import make_loan_data, TRUE_W, TRUE_B
    >>> fig, ax = loan_model_figure(make_loan_data(), [1.0, 0.0], 0.0, references=[("true", TRUE_W, TRUE_B)])
    >>> plt.close(fig)
    """
    fig, ax, set_model = loan_model_scene(data, references, xlim, ylim, color, label, figsize)
    set_model(w, b)
    return fig, ax


def loan_model_scene(data, references=(), xlim=(-3.5, 3.5), ylim=(-3.0, 3.0),
                     color=OKABE_ITO["vermillion"], label="decision boundary (z = 0)", figsize=None):
    """loan_model_figure built once, for an explorer: (fig, ax, set_model), where ``set_model(w, b)``
    draws the model w, b (its line and its shaded side) in place of the previous one. An explorer's
    draw function calls it, and returns (fig, update) with an update that calls set_model (chapter 00).

    >>> from helpers.data import make_loan_data
    >>> fig, ax, set_model = loan_model_scene(make_loan_data())
    >>> set_model([1.0, 0.0], 0.0)
    >>> set_model([0.0, 0.0], 1.0)          # no line: every score is 1, all shaded
    >>> plt.close(fig)
    """
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch, Polygon

    fig, ax = plt.subplots(figsize=figsize)
    loan_scatter(ax, data, standardised=True)
    # the shading lies over the grid (zorder 0.5 in the course style) and under the points (zorder 1)
    shade = Polygon(np.empty((0, 2)), closed=True, facecolor=to_rgba(color, 0.13), edgecolor="none", zorder=0.6)
    ax.add_patch(shade)
    ax.set(xlim=xlim, ylim=ylim)
    line, = ax.plot([], [], color=color, label=label, linewidth=2.5)
    for (ref_label, ref_w, ref_b), style in zip(references, ["--", ":", "-."]):
        draw_decision_boundary(ax, ref_w, ref_b, label=ref_label, linestyle=style, color=OKABE_ITO["black"])
    side = Patch(color=to_rgba(color, 0.13), label="z > 0: predict default")

    def set_model(w, b):
        shade.set_xy(np.reshape(positive_side(w, b, xlim, ylim), (-1, 2)))
        ends = boundary_ends(w, b, xlim, ylim)
        line.set_data(*(ends if ends is not None else ([], [])))
        handles, _ = ax.get_legend_handles_labels()        # the line is left out when there is none
        handles = [h for h in handles if h is not line or ends is not None] + [side]
        legend = ax.get_legend()                           # made again only when its entries change
        if legend is None or [text.get_text() for text in legend.texts] != [h.get_label() for h in handles]:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))

    return fig, ax, set_model
