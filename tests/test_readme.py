"""The README's chapter table, links and commands agree with the course as it is."""

import re
from pathlib import Path

from tools.course_build import CHAPTERS, ROOT, SOLUTIONS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_chapter_table_lists_every_chapter_and_links_the_ones_that_exist():
    for number, stem, title, promise in CHAPTERS:
        row = next((line for line in README.splitlines() if line.startswith(f"| {number} |")), None)
        assert row, f"README: no row for chapter {number}"
        assert promise in row, f"README row {number} should say {promise!r}"
        if (SOLUTIONS / f"{stem}.ipynb").exists():
            assert f"[{title}](notebooks/{stem}.ipynb)" in row, row
        else:
            assert f"{title} (in preparation)" in row, row


def test_the_binder_link_opens_jupyterlab_on_chapter_00():
    link = re.search(r"https://mybinder\.org/v2/gh/[^)\s]+", README).group(0)
    path = re.search(r"urlpath=lab/tree/([^&)\s]+)", link).group(1)
    assert path == "notebooks/00_start_here.ipynb" and (ROOT / path).exists()


def test_the_commands_the_readme_gives_exist_in_the_makefile():
    makefile = Path(ROOT / "Makefile").read_text()
    for target in set(re.findall(r"`?make (\w+)", README)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"README mentions `make {target}`"
