"""Each chapter's core path fits in 45 minutes, its stated times are the computed ones, and its deep dives
can really be skipped (tools/pacing.py says how times are computed; chapter 00 tells the learner)."""

import copy
import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.notebook_files import CHAPTER_FILES, points_for, quiz_length, read
from tools import pacing
from tools.course_build import NOTEBOOKS, SOLUTIONS, source_of


def times_of(name):
    return pacing.estimate(read(SOLUTIONS / name), points_for, quiz_length)


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_the_core_path_fits_in_45_minutes(name):
    times = times_of(name)
    assert times["core"] <= pacing.CORE_PATH_LIMIT, (
        f"{name}: the core path takes about {times['core']:.0f} minutes by tools/pacing.py; move optional "
        f"material into '### Deep dive: …' sections or cut repetition")


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_the_chapter_has_marked_deep_dives(name):
    dives = pacing.deep_dives(read(SOLUTIONS / name))
    assert dives, f"{name}: no '### Deep dive: …' section"
    for title, start, end in dives:
        assert end > start + 1, f"{name}: the deep dive {title!r} holds nothing but its heading"


@pytest.mark.parametrize("name", CHAPTER_FILES)
@pytest.mark.parametrize("folder", [SOLUTIONS, NOTEBOOKS], ids=["solutions", "notebooks"])
def test_the_stated_times_are_the_computed_ones(name, folder):
    nb = read(folder / name)
    times = pacing.estimate(read(SOLUTIONS / name), points_for, quiz_length)
    stated = [line for cell in nb.cells if cell.cell_type == "markdown"
              for line in source_of(cell).split("\n") if line.startswith("**Estimated time:**")]
    assert stated == [pacing.estimate_line(times)], f"{folder.name}/{name}: run `make notebooks`"
    headings = [source_of(nb.cells[start]).split("\n", 1)[0] for _, start, _ in pacing.deep_dives(nb)]
    minutes = [int(re.search(r"about (\d+) min", heading).group(1)) for heading in headings]
    assert minutes == [pacing.round_up(m, 1) for m in times["each"]], f"{folder.name}/{name}: {headings}"


def test_chapter_00_states_how_times_are_estimated():
    text = "\n".join(source_of(c) for c in read(SOLUTIONS / CHAPTER_FILES[0]).cells if c.cell_type == "markdown")
    assert "### How long a chapter takes" in text
    stars = pacing.MINUTES_PER_EXERCISE
    for stated in (f"{pacing.WORDS_PER_MINUTE} words a minute", f"{pacing.CODE_LINES_PER_MINUTE} lines of code a minute",
                   f"{pacing.MINUTES_PER_FIGURE} minute per figure", f"{stars[1]}, {stars[2]} and {stars[3]} minutes",
                   f"{pacing.MINUTES_PER_QUESTION} minute per quiz question", f"{pacing.CORE_PATH_LIMIT} minutes"):
        assert stated in text, f"chapter 00 should state the rate {stated!r} that tools/pacing.py uses"


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_the_core_path_runs_without_the_deep_dives(name, tmp_path):
    """A learner who skips every deep dive loses nothing the rest of the chapter needs."""
    nb = copy.deepcopy(read(SOLUTIONS / name))
    skipped = {i for _, start, end in pacing.deep_dives(nb) for i in range(start, end)}
    nb.cells = [cell for i, cell in enumerate(nb.cells) if i not in skipped]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(SOLUTIONS)}})
    client.execute()          # raises CellExecutionError, naming the cell, if a core cell needs a deep dive's name


@pytest.mark.parametrize("name", CHAPTER_FILES)
def test_drawing_cells_start_collapsed_and_others_open(name):
    for folder in (SOLUTIONS, NOTEBOOKS):
        for i, cell in enumerate(read(folder / name).cells):
            if cell.cell_type != "code":
                continue
            hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
            assert hidden == pacing.is_extra_code(cell), (
                f"{folder.name}/{name}, cell {i}: only '# extra code' cells start collapsed; run `make notebooks`")


def test_deep_dives_end_at_the_next_heading_of_their_level():
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook(cells=[
        md("## 6. Implementation"), code("x = 1"),
        md("### Deep dive: floats"), md("#### inside"), code("y = 2"),
        md("### Back on the core path"), code("z = 3"),
        md("## 8. Exercises"), md("### Deep dive (optional, about 3 min): harder exercises"), code("w = 4"),
        md("## 9. Quiz")])
    assert pacing.deep_dives(nb) == [("floats", 2, 5), ("harder exercises", 8, 10)]


def test_the_estimate_counts_what_it_says():
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    words = " ".join(["word"] * pacing.WORDS_PER_MINUTE)
    nb = nbformat.v4.new_notebook(cells=[
        md(words),                                                   # 1 minute
        code("\n".join(f"x{i} = {i}" for i in range(pacing.CODE_LINES_PER_MINUTE))),  # 1 minute
        code("# extra code\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"),  # one figure
        md("### Deep dive: more"), md(words), md("## Next")])
    times = pacing.estimate(nb, points_for, quiz_length)
    assert times["core"] == pytest.approx(2 + pacing.MINUTES_PER_FIGURE + 2 / pacing.WORDS_PER_MINUTE)
    assert times["each"] == [pytest.approx(1 + 4 / pacing.WORDS_PER_MINUTE)]      # its heading has 4 words
