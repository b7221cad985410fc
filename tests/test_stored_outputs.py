"""What a reader sees in the stored notebooks: no errors, warnings, stderr, timings or addresses.

The project's own version of shared/tools/nbscan.py, plus the course's hygiene rules.
"""

import re

import pytest

from tests.notebook_files import ALL_NOTEBOOKS, read
from tools.course_build import output_text, source_of

WARNING = re.compile(r"\b\w*Warning\b|\bwarnings\.warn\b|Glyph \d+ .* missing")
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")
WIDGET = "application/vnd.jupyter.widget-view+json"
IDS = [f"{p.parent.name}/{p.name}" for p in ALL_NOTEBOOKS]


def problems_in(nb):
    found = []
    if "widgets" in nb.metadata:
        found.append("widget state stored in the notebook's metadata")
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    counts = [c.execution_count for _, c in code if source_of(c).strip()]
    if counts != list(range(1, len(counts) + 1)):
        found.append(f"execution counts are not 1..{len(counts)} in order (Restart & Run All, then save): {counts[:12]}")
    for i, cell in code:
        tags = cell.metadata.get("tags", [])
        if "execution" in cell.metadata:
            found.append(f"cell {i}: timing metadata stored")
        for out in cell.get("outputs", []):
            text = output_text({"outputs": [out]})
            if out.output_type == "error":
                found.append(f"cell {i}: error output {out.ename}: {out.evalue[:120]}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"cell {i}: stderr: {text.strip()[:120]!r}")
            elif WARNING.search(text):
                found.append(f"cell {i}: warning text {WARNING.search(text).group(0)!r}")
            if ADDRESS.search(text):
                found.append(f"cell {i}: memory address {ADDRESS.search(text).group(0)!r}")
            if WIDGET in out.get("data", {}):
                found.append(f"cell {i}: a stored widget view (without its kernel it shows an error box)")
            if "image/png" in out.get("data", {}) and not source_of(cell).rstrip().endswith("plt.show()"):
                found.append(f"cell {i}: a figure cell should end with plt.show()")
            if "image/png" in out.get("data", {}):
                found += [f"cell {i}: {problem}" for problem in alt_text_problems(out)]
    return found


def alt_text_problems(out):
    """Why a stored figure would reach a screen reader (or nbconvert's HTML) without a description.

    helpers.plots.alt_text(fig, "…") writes the description into the output's metadata and into the
    <img alt="…"> of its text/html, which JupyterLab and nbconvert show in preference to the PNG.
    """
    alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
    if len(alt.split()) < 5:
        return [f"a figure without alt text (call plots.alt_text(fig, '…') before plt.show()): {alt!r}"]
    shown = source_of({"source": out.get("data", {}).get("text/html", "")})
    if not re.match(r'<img alt="[^"]{20,}" src="data:image/png;base64,', shown):
        return ["a figure whose HTML view has no <img alt=…> (JupyterLab and nbconvert show that view)"]
    png = source_of({"source": out["data"]["image/png"]}).replace("\n", "")
    if f'src="data:image/png;base64,{png}"' not in shown:
        # e.g. Jupyter's inline backend printing the figure again (helpers.plots takes that printer back)
        return ["a figure whose image/png is another picture than its HTML view shows (drawn twice)"]
    return []


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=IDS)
def test_stored_outputs_are_clean(path):
    found = problems_in(read(path))
    assert not found, f"{path.parent.name}/{path.name}:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for():
    import nbformat.v4 as v4
    nb = v4.new_notebook(cells=[
        v4.new_code_cell("1", execution_count=2, outputs=[v4.new_output("stream", name="stderr", text="oops")]),
        v4.new_code_cell("x", execution_count=3, outputs=[v4.new_output("error", ename="NameError", evalue="x", traceback=[])]),
        v4.new_code_cell("y", execution_count=4, outputs=[v4.new_output("stream", name="stdout", text="RuntimeWarning: overflow <object at 0x7f00deadbeef>")]),
        v4.new_code_cell("w", execution_count=5, outputs=[v4.new_output("display_data", data={WIDGET: {}, "text/plain": "w"})]),
        v4.new_code_cell("plt.show()", execution_count=6, outputs=[v4.new_output(
            "display_data", data={"image/png": "iVBOR", "text/plain": "<Figure size 640x360 with 1 Axes>"})]),
        v4.new_code_cell("plt.show()", execution_count=7, outputs=[v4.new_output(
            "display_data", metadata={"image/png": {"alt": "A figure described in enough words."}},
            data={"image/png": "iVBORa", "text/plain": "<Figure: …>",
                  "text/html": '<img alt="A figure described in enough words." src="data:image/png;base64,iVBORb"/>'})]),
    ])
    found = "\n".join(problems_in(nb))
    for expected in ("not 1..6", "stderr", "error output", "warning text", "memory address", "stored widget view",
                     "cell 4: a figure without alt text", "cell 5: a figure whose image/png is another picture"):
        assert expected in found, f"{expected!r} not reported in:\n{found}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=IDS)
def test_nbconvert_html_describes_every_figure(path):
    """nbconvert's HTML (what `jupyter nbconvert --to html` and many course sites publish) gives every
    image an alt text; where none was provided it writes a placeholder, which must never appear."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(read(path))
    images = re.findall(r"<img [^>]*>", body)
    placeholders = [img for img in images if "No description has been provided" in img]
    assert images and not placeholders, (f"{path.parent.name}/{path.name}: {len(placeholders)} of "
                                         f"{len(images)} images reach nbconvert's HTML without alt text")
