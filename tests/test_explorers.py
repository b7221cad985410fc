"""Every chapter's explorers, in the kernel that ran the chapter: the picture they show is the chapter's.

- At its initial values an explorer shows, pixel for pixel, the picture the notebook shows for a
  static figure drawn by the same function with the same values (what the reader sees above it).
- An explorer built once (its draw returns ``(fig, update)``), moved to other values, shows the same
  pixels as its draw function gives for those values, laid out as the explorer's first picture (whose
  layout it keeps): its update moves everything that depends on them, and drawing again only what
  changed (helpers.redraw) gives the pixels of a full draw — also along a random walk of moves.
- Across the whole range of each control it shows a picture, never an error.
- A move draws again no legend that it did not change (one under a moving part would be drawn every time).
- Its figure is not left among pyplot's open figures (a later plt.show() would show it again).
"""

import base64
import hashlib
import inspect
import io
import json

import nbformat
import numpy as np
import pytest
from PIL import Image

from tools.bench.execution import RESULT_MARKER, chapter_notebooks, execute_copy, read_notebook


def check_explorers(marker):
    """Runs in the kernel after the chapter: prints marker + JSON, one entry per Explorer alive."""
    import base64
    import gc
    import hashlib
    import io
    import json

    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib._pylab_helpers import Gcf
    from PIL import Image

    from matplotlib.legend import Legend

    from helpers import plots, redraw, widgets

    def png(explorer):
        return base64.b64decode(explorer.output.outputs[0]["data"]["image/png"])

    def pixels(data):
        return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))

    def fingerprint(array):
        return [list(array.shape), hashlib.sha256(array.tobytes()).hexdigest()]

    def started_there(explorer, values):
        """The pixels of draw(**values), laid out and cropped as the explorer's picture is (its layout is
        the first picture's: tick labels that change width do not move the axes)."""
        figure = explorer.draw(**values)
        figure = figure[0] if isinstance(figure, tuple) else figure
        for mine, shown in zip(figure.axes, explorer.figure.axes):
            mine.set_position(shown.get_position(original=True))
        if explorer.figure._suptitle is not None:
            figure._suptitle.set_position(explorer.figure._suptitle.get_position())
        figure.set_layout_engine("none")
        FigureCanvasAgg(figure)
        picture = plots.picture_png(figure, explorer.area)
        plt.close(figure)
        return pixels(picture)

    def alt_is_fresh(explorer):
        """Whether the explorer's alt text is what its draw function writes for the current values."""
        figure = explorer.draw(**{n: c.value for n, c in explorer.controls.items()})
        figure = figure[0] if isinstance(figure, tuple) else figure
        fresh = plots.figure_output(figure, b"")[1]
        plt.close(figure)
        return explorer.output.outputs[0]["metadata"] == fresh

    def other_values(control):
        """Values on the control's grid besides its own: the bottom, a third of the way up, and the top."""
        if hasattr(control, "options"):
            return [v for v in list(control.options)[-1:] if v != control.value]
        low, high, step = control.min, control.max, control.step
        picks = [low, low + round((high - low) / 3 / step) * step, high]
        return [type(control.value)(round(v, 10)) for v in picks if abs(v - control.value) > step / 2]

    legends_drawn = []                  # the legends drawn during a partial draw of the Redrawer
    drawing_part = []
    draw_legend = Legend.draw

    def counted(legend, renderer):
        if drawing_part:
            legends_drawn.append(legend)
        return draw_legend(legend, renderer)

    def counting_partial_draws(redrawer):
        draw = redrawer.draw

        def partial_draw():
            drawing_part.append(True)
            try:
                count = draw()
            finally:
                drawing_part.clear()
            if count == len(redraw._drawing_steps(redrawer.fig)):
                legends_drawn.clear()    # a full draw (the first, or pixels kept anew): legends are drawn
            return count
        redrawer.draw = partial_draw

    def legend_entries(figure):
        return [[text.get_text() for text in legend.texts]
                for legend in [*figure.legends, *(ax.get_legend() for ax in figure.axes)] if legend is not None]

    Legend.draw = counted
    results = []
    for explorer in {id(o): o for o in gc.get_objects() if isinstance(o, widgets.Explorer)}.values():
        start = {name: control.value for name, control in explorer.controls.items()}
        first = png(explorer)
        figure = explorer.draw(**start)
        figure = figure[0] if isinstance(figure, tuple) else figure
        static = plots.picture_png(figure)
        plt.close(figure)
        entry = {"draw": explorer.draw.__name__, "builds_once": explorer.update is not None,
                 "initial_is_static": pixels(first).shape == pixels(static).shape
                 and bool((pixels(first) == pixels(static)).all()), "moves": [],
                 "first_picture": fingerprint(pixels(first)),
                 "left_open": any(m.canvas.figure is explorer.figure for m in Gcf.get_all_fig_managers())}
        if explorer.update is not None:
            for name, control in explorer.controls.items():
                for value in other_values(control):
                    control.value = value
                    started = started_there(explorer, {n: c.value for n, c in explorer.controls.items()})
                    moved = pixels(png(explorer))
                    entry["moves"].append([name, repr(value), moved.shape == started.shape
                                           and bool((moved == started).all()) and alt_is_fresh(explorer)])
                    control.value = start[name]
            for name, control in explorer.controls.items():     # then every control moved, one after another
                control.value = other_values(control)[-1] if other_values(control) else control.value
            started = started_there(explorer, {n: c.value for n, c in explorer.controls.items()})
            moved = pixels(png(explorer))
            entry["moves"].append(["all, in turn", "", moved.shape == started.shape and bool((moved == started).all())
                                   and alt_is_fresh(explorer)])
            walk = np.random.default_rng(13)      # a hand that goes back and forth over every control
            for number in range(16):
                name = list(explorer.controls)[walk.integers(len(explorer.controls))]
                control = explorer.controls[name]
                if hasattr(control, "options"):
                    control.value = list(control.options)[walk.integers(len(control.options))]
                else:
                    steps = round((control.max - control.min) / control.step)
                    control.value = type(control.value)(round(control.min + walk.integers(steps + 1) * control.step, 10))
                started = started_there(explorer, {n: c.value for n, c in explorer.controls.items()})
                moved = pixels(png(explorer))
                entry["moves"].append([f"walk {number}: {name}", repr(control.value),
                                       moved.shape == started.shape and bool((moved == started).all())])
            for name, control in explorer.controls.items():
                control.value = start[name]
        entry["errors"] = []                 # every control across its whole range: always a picture
        entry["legends_drawn_again"] = []    # and a legend that did not change is not drawn again
        if explorer.redrawer is not None:
            counting_partial_draws(explorer.redrawer)
        for name, control in explorer.controls.items():
            values = list(control.options) if hasattr(control, "options") else \
                [type(control.value)(round(v, 10)) for v in np.linspace(control.min, control.max, 12)]
            for value in values:
                before = legend_entries(explorer.figure)
                legends_drawn.clear()
                control.value = value
                if "data" not in explorer.output.outputs[0]:
                    entry["errors"].append([name, repr(value), explorer.output.outputs[0].get("text", "")])
                if legends_drawn and legend_entries(explorer.figure) == before:
                    entry["legends_drawn_again"].append([name, repr(value)])
            control.value = start[name]
        results.append(entry)
    print(marker + json.dumps(results))


CHECK_SOURCE = inspect.getsource(check_explorers)


def chapters_with_explorers():
    return [path for path in chapter_notebooks(None, folders=("solutions",))
            if "widgets.explore(" in path.read_text(encoding="utf-8")
            or "sigmoid_explorer(" in path.read_text(encoding="utf-8")]


@pytest.fixture(scope="module", params=chapters_with_explorers(), ids=lambda path: path.stem)
def executed_chapter(request):
    """(what check_explorers printed, the chapter's cells as that run left them)."""
    nb = read_notebook(request.param)
    nb.cells.append(nbformat.v4.new_code_cell(f"{CHECK_SOURCE}\ncheck_explorers({RESULT_MARKER!r})\n"))
    _, executed = execute_copy(nb)
    for output in executed.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(RESULT_MARKER):
                return json.loads(line[len(RESULT_MARKER):]), executed.cells[:-1]
    raise AssertionError(f"the check printed nothing: {executed.cells[-1].get('outputs')}")


@pytest.fixture
def explorers(executed_chapter):
    return executed_chapter[0]


def fingerprint(png_base64):
    """A figure's pixels as check_explorers fingerprints them: [shape, sha256 of the RGBA bytes]."""
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(png_base64))).convert("RGBA"))
    return [list(picture.shape), hashlib.sha256(picture.tobytes()).hexdigest()]


def test_each_explorer_starts_with_the_static_picture(explorers):
    assert explorers, "no explorer found"
    assert [e["draw"] for e in explorers if not e["initial_is_static"]] == []


# Explorers that open on a different picture from the chapter's static figure, and why (the prose says so too)
NOT_THE_STATIC_PICTURE = {"draw_phase_plane": "the static figure adds paths simulated for D = 0 only"}


def test_each_explorer_starts_on_a_figure_the_chapter_shows(executed_chapter):
    # "the same figure with sliders": the explorer opens on a picture the chapter shows as a static figure,
    # pixel for pixel, so a reader moves on from the figure they have just read about
    explorers, cells = executed_chapter
    shown = [fingerprint(output["data"]["image/png"]) for cell in cells
             for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
    assert [e["draw"] for e in explorers
            if e["first_picture"] not in shown and e["draw"] not in NOT_THE_STATIC_PICTURE] == []


def test_each_explorer_moved_shows_what_one_started_there_shows(explorers):
    wrong = [(e["draw"], name, value) for e in explorers for name, value, same in e["moves"] if not same]
    assert not wrong, f"moved ≠ started at: {wrong}"
    assert all(e["moves"] for e in explorers if e["builds_once"])


def test_each_explorer_draws_across_the_whole_range_of_its_controls(explorers):
    assert [e["errors"] for e in explorers if e["errors"]] == []


def test_no_explorer_draws_a_legend_again_that_did_not_change(explorers):
    # a legend costs 5-20 ms to draw: one under a moving part is drawn again on every move. The fix: give what
    # moves zorder=plots.ON_TOP, put the legend outside the Axes, or keep changing numbers out of its labels
    assert {e["draw"]: e["legends_drawn_again"] for e in explorers if e["legends_drawn_again"]} == {}


def test_no_explorer_figure_is_left_open(explorers):
    assert [e["draw"] for e in explorers if e["left_open"]] == []
