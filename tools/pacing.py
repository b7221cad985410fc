"""How long a chapter takes: its core path, its optional deep dives, and the estimate the build writes.

A chapter is read top to bottom. Some stretches of it are **deep dives**: optional detours (float
numerics, proofs, extensions) that a learner may skip without losing the thread. A deep dive starts
at a Markdown cell whose first line is a heading ``Deep dive: <title>`` (level 2 to 4), and runs up to
the next Markdown cell that starts with a heading of the same or a higher level. Inside a deep dive,
use deeper headings (``#### Exercise 3.6 …``). Everything else is the **core path**.

The estimate counts what a learner does, at stated rates (chapter 00 states them too, and a test
keeps the two in agreement):

* prose: Markdown words at ``WORDS_PER_MINUTE`` (a pace for technical text with formulas);
* code to read: non-blank lines of code cells at ``CODE_LINES_PER_MINUTE``; cells that start with
  ``# extra code`` only draw, start collapsed, and count as one figure to look at instead;
* figures: ``MINUTES_PER_FIGURE`` for each ``plt.show()``, and for each explorer (a cell that calls
  ``explore(`` or a ``…_explorer(`` function: sliders above a figure);
* exercises: ``MINUTES_PER_EXERCISE[stars]`` for writing, checking and a hint or two (the task's
  text is prose, counted as such; the answer and check cells are part of these minutes);
* the quiz: ``MINUTES_PER_QUESTION`` per question.

The build writes the result into the chapter's ``**Estimated time:**`` line and into each deep
dive's heading (``Deep dive (optional, about 12 min): …``), so the numbers a learner sees are the
computed ones.
"""

import math
import re

WORDS_PER_MINUTE = 150
CODE_LINES_PER_MINUTE = 10
MINUTES_PER_FIGURE = 0.5
MINUTES_PER_EXERCISE = {1: 3, 2: 6, 3: 12}
MINUTES_PER_QUESTION = 1
CORE_PATH_LIMIT = 45          # minutes; every chapter's core path must fit (tests/test_pacing.py)

EXTRA_CODE = "# extra code"
DEEP_DIVE = re.compile(r"^(?P<level>#{2,4}) Deep dive(?: \(optional, about \d+ min\))?: (?P<title>.+)$")
HEADING = re.compile(r"^(#{1,6}) ")
ESTIMATE_LINE = re.compile(r"^\*\*Estimated time:\*\*.*$", re.MULTILINE)
EXPLORER_CALL = re.compile(r"\bexplore\(|\w_explorer\(")
QUIZ_CALL = re.compile(r"""^\s*quiz\(\s*["'](\d\d)["']\s*\)""", re.MULTILINE)
METHOD_ANCHOR = "00_start_here.ipynb#How-long-a-chapter-takes"


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _first_line(cell):
    return _source(cell).lstrip("\n").split("\n", 1)[0].strip()


def is_extra_code(cell):
    return cell["cell_type"] == "code" and _source(cell).lstrip().startswith(EXTRA_CODE)


def deep_dives(nb):
    """[(title, first cell index, end index (exclusive))] of the notebook's deep dives, in order."""
    cells, found = nb["cells"], []
    i = 0
    while i < len(cells):
        match = DEEP_DIVE.match(_first_line(cells[i])) if cells[i]["cell_type"] == "markdown" else None
        if not match:
            i += 1
            continue
        level, end = len(match["level"]), i + 1
        while end < len(cells):
            heading = HEADING.match(_first_line(cells[end])) if cells[end]["cell_type"] == "markdown" else None
            if heading and len(heading.group(1)) <= level:
                break
            end += 1
        found.append((match["title"], i, end))
        i = end
    return found


def cell_minutes(cell, quiz_length, answer_cells):
    """Minutes a learner spends on one cell that is not an exercise's check (the rates: see above)."""
    source = _source(cell)
    tags = cell.get("metadata", {}).get("tags", [])
    if "navigation" in tags or "contents" in tags:
        return 0.0
    if cell["cell_type"] == "markdown":
        return len(source.split()) / WORDS_PER_MINUTE
    if cell["cell_type"] != "code" or id(cell) in answer_cells:
        return 0.0                                # writing the answer is part of the exercise's minutes
    minutes = MINUTES_PER_FIGURE * (source.count("plt.show()") + len(EXPLORER_CALL.findall(source)))
    quiz = QUIZ_CALL.search(source)
    if quiz:
        minutes += MINUTES_PER_QUESTION * quiz_length(quiz.group(1))
    if not is_extra_code(cell):
        minutes += sum(1 for line in source.split("\n") if line.strip()) / CODE_LINES_PER_MINUTE
    return minutes


def estimate(nb, stars_for, quiz_length):
    """{"core": minutes, "deep dives": minutes, "each": [minutes per deep dive]} for a notebook.

    ``stars_for("1.3")`` gives an exercise's stars; ``quiz_length("01")`` the number of questions.
    An exercise is a solution cell followed by its check cell; it is counted at its check cell.
    """
    from tools.course_build import exercise_cells     # here, so this module stays importable alone

    cells = nb["cells"]
    pairs = exercise_cells(nb)
    answer_cells = {id(cells[answer]) for _, answer, _ in pairs}
    checks = {id(cells[check]): exercise_id for exercise_id, _, check in pairs}
    minutes = []
    for cell in cells:
        if id(cell) in checks:
            source = _source(cell)
            minutes.append(MINUTES_PER_FIGURE * source.count("plt.show()")
                           + MINUTES_PER_EXERCISE[stars_for(checks[id(cell)])])
        else:
            minutes.append(cell_minutes(cell, quiz_length, answer_cells))
    dives = deep_dives(nb)
    inside = set()
    each = []
    for _, start, end in dives:
        inside.update(range(start, end))
        each.append(sum(minutes[start:end]))
    core = sum(m for i, m in enumerate(minutes) if i not in inside)
    # the total is the sum of what the headings say (each rounded up to a minute), so the two agree
    return {"core": core, "deep dives": sum(round_up(m, 1) for m in each), "each": each}


def round_up(minutes, step):
    return max(step, int(math.ceil(minutes / step - 1e-9)) * step)


def estimate_line(times):
    """The chapter's '**Estimated time:** …' line, from ``estimate(...)``."""
    core = round_up(times["core"], 5)
    line = f"**Estimated time:** the core path takes about {core} minutes, exercises included"
    if times["each"]:
        more = round_up(times["deep dives"], 5)
        count = len(times["each"])
        dives = "the optional deep dive" if count == 1 else f"the {count} optional deep dives"
        line += f"; {dives} add about {more} more"
    return line + f" ([how this is estimated]({METHOD_ANCHOR}))."


def write_times(nb, stars_for, quiz_length):
    """Write the estimate into the '**Estimated time:**' line and each deep dive's heading, in place."""
    times = estimate(nb, stars_for, quiz_length)
    for (title, start, _), minutes in zip(deep_dives(nb), times["each"]):
        cell = nb["cells"][start]
        source = _source(cell).lstrip("\n")
        first, _, rest = source.partition("\n")
        level = DEEP_DIVE.match(first.strip())["level"]
        heading = f"{level} Deep dive (optional, about {round_up(minutes, 1)} min): {title}"
        cell["source"] = heading + ("\n" + rest if rest else "")
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and ESTIMATE_LINE.search(_source(cell)):
            cell["source"] = ESTIMATE_LINE.sub(estimate_line(times).replace("\\", "\\\\"), _source(cell), count=1)
            break
    return times


def collapse_extra_code(nb):
    """Cells that only draw (``# extra code``) start collapsed in JupyterLab; others start open."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        jupyter = cell.setdefault("metadata", {}).get("jupyter", {})
        if is_extra_code(cell):
            jupyter["source_hidden"] = True
        else:
            jupyter.pop("source_hidden", None)
        if jupyter:
            cell["metadata"]["jupyter"] = jupyter
        else:
            cell["metadata"].pop("jupyter", None)
    return nb
