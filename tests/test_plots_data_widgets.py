"""Tests for helpers.plots, helpers.data and helpers.widgets (run headless, warnings are errors)."""

import matplotlib

matplotlib.use("Agg")  # headless; set before pyplot is imported

import warnings  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.font_manager import FontProperties, findfont  # noqa: E402

from helpers import data as loans  # noqa: E402
from helpers import plots, widgets  # noqa: E402
from helpers.numerics import sigmoid  # noqa: E402


@pytest.fixture(autouse=True)
def course_style():
    """Every test runs with the course style; rcParams are restored and figures closed after."""
    with mpl.rc_context():
        plots.use_course_style()
        yield
    plt.close("all")


@pytest.fixture(scope="module")
def loan_data():
    return loans.make_loan_data()


# --- plots: style ------------------------------------------------------------------------

def test_use_course_style_sets_font_palette_and_layout():
    mpl.rcParams.update({"font.family": ["serif"], "axes.spines.top": True, "legend.frameon": True})
    plots.use_course_style()
    rc = mpl.rcParams
    assert rc["font.family"] == ["DejaVu Sans"]
    assert rc["mathtext.fontset"] == "dejavusans"
    assert rc["axes.prop_cycle"].by_key()["color"] == plots.COLORS
    assert rc["axes.unicode_minus"] is True
    assert tuple(rc["figure.figsize"]) == (6.4, 3.6) and rc["figure.dpi"] == 100
    assert rc["axes.grid"] and not rc["axes.spines.top"] and not rc["axes.spines.right"]
    assert not rc["legend.frameon"]
    assert findfont(FontProperties(family=rc["font.family"])).endswith("DejaVuSans.ttf")


def test_use_course_style_is_idempotent():
    plots.use_course_style()
    first = dict(mpl.rcParams)
    plots.use_course_style()
    assert dict(mpl.rcParams) == first


def test_okabe_ito_palette_and_colour_cycle():
    assert set(plots.OKABE_ITO) == {"black", "orange", "sky_blue", "bluish_green", "yellow",
                                    "blue", "vermillion", "reddish_purple"}
    assert plots.OKABE_ITO["blue"].upper() == "#0072B2"
    assert plots.OKABE_ITO["vermillion"].upper() == "#D55E00"
    assert plots.COLORS[:3] == [plots.OKABE_ITO[n] for n in ("blue", "vermillion", "bluish_green")]
    assert sorted(plots.COLORS) == sorted(plots.OKABE_ITO.values())


def test_course_glyphs_render_without_any_warning():
    fig, ax = plt.subplots()
    ax.plot([-3, 3], [-1, 1])  # negative tick labels: the unicode minus
    ax.set_title("σ(z) = 1/(1+e⁻ᶻ) ≈ ½")
    ax.set_xlabel("σ′(z) = σ(z)·(1 − σ(z)) ≤ ¼")
    ax.text(0, 0, r"$\sigma(z) = \frac{1}{1 + e^{-z}}$")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


# --- plots: figure builders ---------------------------------------------------------------

def _builders(data):
    """Each builder called on its own; returns the Axes it drew on."""
    return {
        "plot_sigmoid": lambda: plots.plot_sigmoid(),
        "sigmoid_figure": lambda: plots.sigmoid_figure(k=3, shift=1)[1],
        "mark_values": lambda: plots.mark_values(plt.subplots()[1], [-2, 0, 2]),
        "loan_scatter": lambda: plots.loan_scatter(None, data),
        "draw_decision_boundary": lambda: plots.draw_decision_boundary(
            plots.loan_scatter(None, data, standardised=True), data.true_w, data.true_b),
    }


@pytest.mark.parametrize("name", list(_builders(None)))
def test_each_builder_labels_its_axes_and_does_not_show(name, loan_data, monkeypatch):
    def no_show(*args, **kwargs):
        raise AssertionError("a figure builder called plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    ax = _builders(loan_data)[name]()
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert ax.lines or ax.collections


def test_builders_draw_on_the_axes_they_are_given(loan_data):
    fig, ax = plt.subplots()
    assert plots.plot_sigmoid(ax) is ax
    assert plots.loan_scatter(ax, loan_data) is ax
    assert plt.get_fignums() == [fig.number]


def test_builders_keep_labels_already_set():
    fig, ax = plt.subplots()
    ax.set_title("my title")
    plots.plot_sigmoid(ax)
    assert ax.get_title() == "my title"


def test_plot_sigmoid_draws_the_shifted_steepened_curve():
    z = np.linspace(-3, 3, 61)
    ax = plots.plot_sigmoid(k=2, shift=1, z=z)
    line = ax.lines[-1]
    np.testing.assert_allclose(line.get_ydata(), sigmoid(2 * (z - 1)))
    assert line.get_label() == "σ(2(z − 1))"


def test_sigmoid_figure_curve_limits_title_and_step():
    fig, ax = plots.sigmoid_figure(k=3, shift=1)
    assert isinstance(fig, plt.Figure)
    assert ax.get_ylim() == (-0.05, 1.05)
    assert "k = 3" in ax.get_title() and "shift = 1" in ax.get_title()
    curves = {line.get_label(): line for line in ax.lines}
    z = curves["σ(k·(z − shift))"].get_xdata()
    np.testing.assert_allclose(curves["σ(k·(z − shift))"].get_ydata(), sigmoid(3 * (z - 1)))
    np.testing.assert_allclose(curves["σ(z), for reference"].get_ydata(), sigmoid(z))
    np.testing.assert_array_equal(curves["step at z = shift"].get_xdata(), [-8, 1, 1, 8])
    midpoint = curves["midpoint (shift, ½)"]
    assert (midpoint.get_xdata()[0], midpoint.get_ydata()[0]) == (1, 0.5)
    legend = [text.get_text() for text in ax.get_legend().get_texts()]       # made once: values are in the title
    assert legend == ["σ(z), for reference", "step at z = shift", "σ(k·(z − shift))", "midpoint (shift, ½)"]
    _, without_step = plots.sigmoid_figure(k=3, shift=1, show_step=False)
    assert len(without_step.lines) == len(ax.lines) - 1


def test_sigmoid_figure_limits_do_not_follow_the_sliders():
    limits = {plots.sigmoid_figure(k=k, shift=s)[1].get_ylim() for k, s in [(0.1, -4), (10, 4)]}
    assert limits == {(-0.05, 1.05)}


def test_mark_values_writes_the_values():
    ax = plots.mark_values(plots.plot_sigmoid(), [-2, 0, 2])
    assert [text.get_text() for text in ax.texts] == ["0.1192", "0.5000", "0.8808"]


def test_loan_scatter_splits_by_label(loan_data):
    ax = plots.loan_scatter(None, loan_data)
    sizes = [len(collection.get_offsets()) for collection in ax.collections]
    assert sizes == [np.sum(loan_data.y == 0), np.sum(loan_data.y == 1)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["repaid", "defaulted"]
    assert ax.get_xlabel() == loan_data.feature_names[0]
    assert ax.get_ylabel() == loan_data.feature_names[1]


def test_decision_boundary_is_the_line_where_z_is_zero(loan_data):
    ax = plots.loan_scatter(None, loan_data, standardised=True)
    limits = ax.get_xlim(), ax.get_ylim()
    w, b = np.array([1.5, -1.0]), -1.0
    plots.draw_decision_boundary(ax, w, b)
    line = ax.lines[-1]
    points = np.column_stack([line.get_xdata(), line.get_ydata()])
    np.testing.assert_allclose(points @ w + b, 0, atol=1e-12)
    assert (ax.get_xlim(), ax.get_ylim()) == limits


def test_decision_boundary_vertical_and_degenerate():
    fig, ax = plt.subplots()
    plots.draw_decision_boundary(ax, [2.0, 0.0], -1.0)
    np.testing.assert_array_equal(ax.lines[-1].get_xdata(), [0.5, 0.5])
    with pytest.raises(ValueError):
        plots.draw_decision_boundary(ax, [0.0, 0.0], 1.0)


# --- data ----------------------------------------------------------------------------------

def test_loan_data_shapes_and_dtypes(loan_data):
    assert loan_data.X.shape == (400, 2) and loan_data.X.dtype == np.float64
    assert loan_data.y.shape == (400,) and loan_data.y.dtype.kind == "i"
    assert set(np.unique(loan_data.y)) == {0, 1}
    assert isinstance(loan_data.feature_names, tuple) and len(loan_data.feature_names) == 2
    assert all(isinstance(name, str) for name in loan_data.feature_names)
    assert loan_data.true_w.shape == (2,) and np.isfinite(loan_data.true_b)
    assert len(loans.make_loan_data(n=50)) == 50


def test_loan_data_is_deterministic_for_a_seed_and_differs_between_seeds():
    first, again, other = (loans.make_loan_data(seed=s) for s in (3, 3, 4))
    np.testing.assert_array_equal(first.X, again.X)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.X, other.X)
    assert not np.array_equal(first.y, other.y)


def test_loan_data_seed_0_is_pinned(loan_data):
    # Stored notebook outputs depend on these numbers; if NumPy's generator ever changes
    # its stream, this test says so before the notebooks do.
    np.testing.assert_array_equal(loan_data.X[0], [33.3, 10.2])
    assert loan_data.y.sum() == 124


@pytest.mark.parametrize("seed", range(5))
def test_default_rate_is_between_25_and_40_percent(seed):
    assert 0.25 <= loans.make_loan_data(seed=seed).y.mean() <= 0.40


def test_labels_follow_the_true_model(loan_data):
    z = loan_data.X_std @ loan_data.true_w + loan_data.true_b
    riskiest, safest = z > np.quantile(z, 0.75), z < np.quantile(z, 0.25)
    assert loan_data.y[riskiest].mean() > 0.6 > 0.1 > loan_data.y[safest].mean()


def test_standardise_and_X_std(loan_data):
    np.testing.assert_allclose(
        loans.standardise([[42.0, 7.0]], loans.FEATURE_MEAN, loans.FEATURE_STD), [[1.0, -1.0]])
    np.testing.assert_allclose(loan_data.X_std,
                               (loan_data.X - loans.FEATURE_MEAN) / loans.FEATURE_STD)
    assert np.all(np.abs(loan_data.X_std.mean(axis=0)) < 0.3)


def test_loan_data_arrays_are_read_only(loan_data):
    with pytest.raises(ValueError):
        loan_data.X[0, 0] = 0.0


def test_applicants_have_the_six_key_scores():
    assert tuple(a.z for a in loans.APPLICANTS) == (-5.0, -2.0, 0.0, 0.5, 2.0, 5.0)
    assert len({a.name for a in loans.APPLICANTS}) == 6
    assert all(a.description and "\n" not in a.description for a in loans.APPLICANTS)


@pytest.mark.parametrize("fraction, n_test", [(0.25, 100), (0.2, 80)])
def test_split_sizes_and_that_it_partitions_the_rows(loan_data, fraction, n_test):
    train, test = loans.train_test_split(loan_data, test_fraction=fraction, seed=1)
    assert (len(train), len(test)) == (400 - n_test, n_test)
    # Every applicant (features and label together) is in exactly one of the two parts.
    rows = np.column_stack([loan_data.X, loan_data.y])
    parts = np.vstack([np.column_stack([part.X, part.y]) for part in (train, test)])
    np.testing.assert_array_equal(np.unique(rows, axis=0), np.unique(parts, axis=0))
    assert len(parts) == len(rows)
    np.testing.assert_array_equal(train.true_w, loan_data.true_w)


def test_split_is_seeded(loan_data):
    first, again = loans.train_test_split(loan_data, seed=5), loans.train_test_split(loan_data, seed=5)
    other = loans.train_test_split(loan_data, seed=6)
    np.testing.assert_array_equal(first[1].X, again[1].X)
    assert not np.array_equal(first[1].X, other[1].X)


# --- widgets -------------------------------------------------------------------------------

def _image(explorer):
    (output,) = explorer.output.outputs
    return output["data"]["image/png"]


def test_slider_defaults():
    s = widgets.slider("steepness k", 0.1, 10, 0.1, 1.0)
    assert isinstance(s, ipywidgets.FloatSlider)
    assert (s.min, s.max, s.step, s.value) == (0.1, 10, 0.1, 1.0)
    assert s.continuous_update and s.style.description_width == "initial"


def test_explore_draws_once_then_on_every_change():
    calls = []

    def draw(k):
        calls.append(k)
        return plots.sigmoid_figure(k=k)

    explorer = widgets.explore(draw, k=widgets.slider("k", 0.1, 10, 0.1, 1.0))
    assert calls == [1.0]
    before = _image(explorer)
    explorer.controls["k"].value = 5.0
    assert calls == [1.0, 5.0]
    assert _image(explorer) != before
    assert explorer.children[-1] is explorer.output


def test_sigmoid_explorer_controls_and_ranges():
    explorer = widgets.sigmoid_explorer()
    k, shift = explorer.controls["k"], explorer.controls["shift"]
    assert set(explorer.controls) == {"k", "shift"}
    assert (k.min, k.max, shift.min, shift.max) == (0.1, 10, -4, 4)
    before = _image(explorer)
    shift.value = 2.0
    assert _image(explorer) != before


def test_explorers_leave_no_figures_open():
    explorer = widgets.sigmoid_explorer()
    for value in (0.5, 2.0, 8.0):
        explorer.controls["k"].value = value
    assert plt.get_fignums() == []

    def broken(k):
        plt.subplots()
        raise ValueError("learner's draw failed")

    explorer = widgets.explore(broken, k=widgets.slider("k", 0, 1, 0.1, 0.5))
    assert "learner's draw failed" in explorer.output.outputs[0]["text"]
    assert plt.get_fignums() == []


# The quiz tests (Question, grade, show_quiz, every chapter's QUIZ) are in tests/test_quizzes.py.


def test_an_explorer_whose_drawing_fails_says_so_in_the_widget():
    def broken_draw(k):
        raise NameError("name 'training' is not defined")

    explorer = widgets.explore(broken_draw, k=widgets.slider("k", 0.0, 1.0, 0.1, 0.5))
    (shown,) = explorer.output.outputs
    assert shown["name"] == "stderr" and "could not be drawn: NameError" in shown["text"]
    assert not plt.get_fignums()


@settings(max_examples=300, deadline=None)
@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(-20, 20))
def test_positive_side_is_the_part_of_the_view_where_the_score_is_positive(w1, w2, b):
    from matplotlib.path import Path
    corners = plots.positive_side([w1, w2], b, (-3.5, 3.5), (-3.0, 3.0))
    g1, g2 = np.meshgrid(np.linspace(-3.49, 3.49, 41), np.linspace(-2.99, 2.99, 37))
    points = np.column_stack([g1.ravel(), g2.ravel()])
    z = w1 * points[:, 0] + w2 * points[:, 1] + b
    clear = np.abs(z) > 1e-6 * (1 + abs(w1) + abs(w2) + abs(b))       # not on the boundary itself
    inside = Path(corners).contains_points(points) if len(corners) >= 3 else np.zeros(len(points), bool)
    assert np.array_equal(inside[clear], (z > 0)[clear])


def test_loan_model_figure_shades_the_default_side_and_draws_references():
    data = loans.make_loan_data()
    fig, ax = plots.loan_model_figure(data, [1.5, -1.0], -1.0, references=[("true model", loans.TRUE_W, loans.TRUE_B)])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "true model" in labels and "z > 0: predict default" in labels and "decision boundary (z = 0)" in labels
    assert ax.get_xlim() == (-3.5, 3.5) and ax.get_xlabel() and ax.patches
    plt.close(fig)
    fig, ax = plots.loan_model_figure(data, [0.0, 0.0], 1.0)      # no line, everything shaded
    assert "decision boundary (z = 0)" not in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)


def _size(explorer):
    import base64
    import io

    from PIL import Image
    return Image.open(io.BytesIO(base64.b64decode(_image(explorer)))).size


@pytest.mark.parametrize("facecolor", ["white", (1, 1, 1, 0), (0.2, 0.4, 0.6, 0.5)])
def test_the_quick_png_holds_the_same_pixels(facecolor):
    import io

    from PIL import Image
    fig, ax = plt.subplots(facecolor=facecolor)
    ax.plot([0, 1], [0, 1], alpha=0.5)
    left, top, width, height = plots.picture_area(fig)
    for area in [(left, top, width, height), (-7, -5, width + 30, height + 20)]:     # the second reaches past the canvas
        quick, full = plots.picture_png(fig, area, quick=True), plots.picture_png(fig, area)
        as_rgba = [np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")) for png in (quick, full)]
        np.testing.assert_array_equal(*as_rgba)
        assert as_rgba[0].shape == (area[3], area[2], 4)
        assert Image.open(io.BytesIO(quick)).mode == ("RGB" if facecolor == "white" else "RGBA")
    corner = as_rgba[0][0, 0] / 255
    np.testing.assert_allclose(corner, plt.matplotlib.colors.to_rgba(facecolor), atol=1 / 255)   # the background
    plt.close(fig)


def test_an_explorer_that_draws_anew_crops_each_picture_to_itself():
    def draw(k):
        fig, ax = plt.subplots()
        ax.set_title("a title that grows " + "—" * int(k))
        return fig

    explorer = widgets.explore(draw, k=widgets.slider("k", 0, 60, 1, 0))
    narrow = _size(explorer)
    explorer.controls["k"].value = 60
    assert _size(explorer)[0] > narrow[0], "the longer title was cut to the first picture's width"


def test_an_explorer_lays_its_figure_out_again_when_text_outgrows_the_first_picture():
    def draw(k):
        fig, ax = plt.subplots()
        line, = ax.plot([0, 1], [0, 1])

        def update(k):
            line.set_label("label " + "i" * int(k))                  # an i is about 3 pixels wide
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        update(k)
        return fig, update

    explorer = widgets.explore(draw, k=widgets.slider("k", 0, 40, 1, 0))
    width = explorer.figure.axes[0].get_position().width
    explorer.controls["k"].value = 1                                  # a little longer: fits, the layout stays
    assert explorer.figure.axes[0].get_position().width == width
    explorer.controls["k"].value = 40                                 # far longer: laid out again, nothing cut
    assert explorer.figure.axes[0].get_position().width < width and plots.fits(explorer.figure, explorer.area)


def test_figures_opened_in_an_update_are_closed():
    def draw(k):
        fig, ax = plt.subplots()

        def update(k):
            plt.figure()                                              # a mistake a learner can make
            ax.set_title(f"k = {k}")
        update(k)
        return fig, update

    explorer = widgets.explore(draw, k=widgets.slider("k", 0, 1, 0.1, 0.5))
    explorer.controls["k"].value = 0.7
    assert plt.get_fignums() == [] and _image(explorer)


def test_an_empty_figure_shows_nothing():
    fig = plt.figure()
    assert plots._figure_bundle(fig) is None
    plt.close(fig)
