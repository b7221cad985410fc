"""The README's points table (for teachers) is exactly what the exercises are worth."""

import importlib

import pytest

from tools.course_build import ROOT, available_chapters

README = (ROOT / "README.md").read_text(encoding="utf-8")


def points_row(number, title):
    exercises = importlib.import_module(f"helpers.checks.ch{number}").EXERCISES
    listed = " · ".join(f"{ex.id} ({ex.stars})" for ex in exercises)
    return f"| {number} · {title} | {len(exercises)} | {listed} | {sum(ex.stars for ex in exercises)} |"


@pytest.mark.parametrize("number, title", [(c[0], c[2]) for c in available_chapters()])
def test_the_readme_lists_each_chapters_points(number, title):
    row = points_row(number, title)
    assert row in README, f"README.md should have this row in its points table:\n{row}"
