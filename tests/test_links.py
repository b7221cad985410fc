"""Every link a reader can click — in README.md and in every notebook's text — leads somewhere.

Relative links must name an existing file (and, for a notebook, an existing heading when they
carry #anchor); Binder links must open an existing notebook of this repository. Other web
links are not fetched (the tests run offline).
"""

import re

import pytest

from tests.notebook_files import ALL_NOTEBOOKS, read
from tools.course_build import REPOSITORY, ROOT, source_of

LINK = re.compile(r"\]\(([^)\s]+)\)")
BINDER = re.compile(r"^https://mybinder\.org/v2/gh/([^/]+/[^/]+)/[^?]+\?urlpath=lab/tree/(.+)$")


def heading_anchors(notebook_path):
    """The anchors JupyterLab gives a notebook's headings: the text, spaces turned into '-'."""
    anchors = set()
    for cell in read(notebook_path).cells:
        if cell.cell_type == "markdown":
            for heading in re.findall(r"^#{1,6}\s+(.+?)\s*$", source_of(cell), re.MULTILINE):
                anchors.add(heading.replace(" ", "-"))
    return anchors


def link_problems(text, folder):
    problems = []
    for target in LINK.findall(text):
        binder = BINDER.match(target)
        if binder:
            repository, path = binder.groups()
            if repository != REPOSITORY:
                problems.append(f"{target}: Binder link to {repository}, not {REPOSITORY}")
            if not (ROOT / path).is_file():
                problems.append(f"{target}: Binder would open {path}, which does not exist")
            continue
        if re.match(r"^[a-z]+:", target):          # other web links: not checked offline
            continue
        path, _, anchor = target.partition("#")
        file = (folder / path) if path else None
        if file is not None and not file.exists():
            problems.append(f"{target}: no such file")
        elif anchor and file is not None and file.suffix == ".ipynb" and anchor not in heading_anchors(file):
            problems.append(f"{target}: {path} has no heading #{anchor}")
    return problems


def test_every_link_in_the_readme_resolves():
    problems = link_problems((ROOT / "README.md").read_text(encoding="utf-8"), ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[f"{p.parent.name}/{p.name}" for p in ALL_NOTEBOOKS])
def test_every_link_in_a_notebook_resolves(path):
    text = "\n".join(source_of(c) for c in read(path).cells if c.cell_type == "markdown")
    assert LINK.search(text), f"{path.name} links nowhere: where is its navigation?"
    problems = link_problems(text, path.parent)
    assert not problems, f"{path.parent.name}/{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[f"{p.parent.name}/{p.name}" for p in ALL_NOTEBOOKS])
def test_each_chapter_starts_with_its_own_binder_launch_link(path):
    first = source_of(read(path).cells[0])
    assert f"?urlpath=lab/tree/notebooks/{path.name})" in first, first[:300]


def test_the_link_checker_notices_broken_links():
    text = ("[a](missing.ipynb) [b](01_the_sigmoid.ipynb#No-such-heading) "
            "[c](https://mybinder.org/v2/gh/someone/else/HEAD?urlpath=lab/tree/notebooks/nothing.ipynb)")
    problems = "\n".join(link_problems(text, ROOT / "notebooks"))
    for expected in ("no such file", "no heading #No-such-heading", "not " + REPOSITORY, "does not exist"):
        assert expected in problems, problems
