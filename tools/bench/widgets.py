"""Table 3, widgets: the time of each explorer's redraw, in a kernel that has executed the chapter."""

import inspect
import json
import statistics
from pathlib import Path

import numpy as np

from tools.bench.execution import RESULT_MARKER, execute_copy, failure, notebooks_to_run
from tools.bench.report import TITLES, Table, progress, seconds, verdict


def sweep_explorers(values_per_control, marker):
    """Runs in the kernel, after the chapter: time each explorer's redraw over a sweep of values.

    Finds every helpers.widgets.Explorer alive in the kernel (with gc), and for each control
    sets ~values_per_control values across its range, one at a time, timing each assignment
    (control.value = v calls the redraw synchronously). Each control goes back to its value
    afterwards, untimed. Prints one line: marker + JSON.
    """
    import gc
    import json
    import time

    import numpy as np
    from helpers.widgets import Explorer

    def sweep(control):
        """(attribute to set, values to set it to), the current value left out."""
        current = control.value
        if isinstance(current, bool):  # Checkbox, ToggleButton
            return "value", [not current, current] * max(1, values_per_control // 2)
        if hasattr(control, "options") and hasattr(control, "index"):  # Dropdown, SelectionSlider…
            indices = np.linspace(0, len(control.options) - 1, values_per_control).round().astype(int)
            return "index", [int(i) for i in dict.fromkeys(indices.tolist()) if i != control.index]
        if hasattr(control, "min") and hasattr(control, "max") and isinstance(current, (int, float)):
            values = np.linspace(control.min, control.max, values_per_control)
            step = getattr(control, "step", None)
            if step:  # on the slider's grid, as dragging would give
                values = np.clip(control.min + np.round((values - control.min) / step) * step,
                                 control.min, control.max)
            cast = int if isinstance(current, int) else float
            return "value", [v for v in dict.fromkeys(cast(v) for v in values.tolist()) if v != current]
        return None, []

    results = []
    for explorer in {id(o): o for o in gc.get_objects() if isinstance(o, Explorer)}.values():
        per_control, swept, skipped = {}, [], []
        for name, control in explorer.controls.items():
            attribute, values = sweep(control)
            if not values:
                skipped.append(name)
                continue
            original = getattr(control, attribute)
            times = []
            for value in values:
                started = time.perf_counter()
                setattr(control, attribute, value)
                times.append(time.perf_counter() - started)
            setattr(control, attribute, original)
            per_control[name] = times
            swept.append(f"{name} ({len(values)})")
        draw = getattr(explorer.draw, "__qualname__", type(explorer.draw).__name__)
        results.append({"draw": draw, "controls": list(explorer.controls), "swept": swept,
                        "skipped": skipped, "times": per_control})
    results.sort(key=lambda r: (r["draw"], r["controls"]))
    print(marker + json.dumps(results))


# read once, at import: the source as it is when the run starts
SWEEP_SOURCE = inspect.getsource(sweep_explorers)


def widget_sweep_cell(values_per_control):
    """A code cell defining sweep_explorers (its source, from this file) and calling it."""
    return f"{SWEEP_SOURCE}\nsweep_explorers({values_per_control}, {RESULT_MARKER!r})\n"


def sweep_results(nb):
    for output in nb.cells[-1].get("outputs", []):
        if output.get("output_type") == "stream":
            for line in output.get("text", "").splitlines():
                if line.startswith(RESULT_MARKER):
                    return json.loads(line[len(RESULT_MARKER):])
    raise RuntimeError("the sweep cell printed no result")


def widget_rows(name, results):
    if not results:
        return [[name, "no Explorer found", "—", "—", "—", "—", "—", "—"]]
    rows = []
    for result in results:
        swept = ", ".join(result["swept"]) + (
            f"; not swept: {', '.join(result['skipped'])}" if result["skipped"] else "")
        all_times = [t for times in result["times"].values() for t in times]
        if not all_times:
            rows.append([name, f"`{result['draw']}`", swept or "—", "0", "—", "—", "—", "—"])
            continue
        median = statistics.median(all_times)
        slowest = max(result["times"], key=lambda control: statistics.median(result["times"][control]))
        rows.append([name, f"`{result['draw']}`", swept, str(len(all_times)), seconds(median),
                     seconds(float(np.percentile(all_times, 95))),
                     f"{slowest}: {seconds(statistics.median(result['times'][slowest]))}",
                     both_verdicts(median, float(np.percentile(all_times, 95)))])
    return rows


def both_verdicts(median, p95):
    misses = [f"median {seconds(median)}"] * (median > 0.05) + [f"95th percentile {seconds(p95)}"] * (p95 > 0.1)
    return verdict(len(misses), 0, ", ".join(misses))


def widgets_table(sizes, chapters):
    import nbformat

    table = Table(
        TITLES["widgets"],
        intro=f"""
The time of one explorer update: setting a control's value, which calls the explorer's redraw
(draw the figure, render it to PNG, replace the output) synchronously in the kernel. Each chapter
of solutions/ is executed (nbclient, fresh kernel, temporary folder); then, in the same kernel, every
`helpers.widgets.Explorer` alive is found with `gc.get_objects()`, and each of its controls in turn
is set to {sizes.sweep_values} values spread over its range (on the slider's step grid; the other
controls at their initial values), each assignment timed. Median and 95th percentile are over all the
explorer's updates; the slowest control is the one with the largest median.
""",
        header=["chapter", "explorer (draw function)", "controls swept (values)", "updates",
                "median", "95th percentile", "slowest control (median)",
                "target: median ≤ 50 ms, 95th percentile ≤ 100 ms (issue 13)"])
    for entry in notebooks_to_run(sizes, chapters, folders=("solutions",)):
        progress(f"widgets: {entry.name}")
        nb = json.loads(json.dumps(entry.nb))
        nb["cells"].append(nbformat.v4.new_code_cell(widget_sweep_cell(sizes.sweep_values)))
        name = Path(entry.name).stem if entry.is_chapter else entry.name
        try:
            results = sweep_results(execute_copy(nb)[1])
        except Exception as error:  # noqa: BLE001  (a chapter being written may fail: report it)
            table.rows.append([name, failure(error), "—", "—", "—", "—", "—", "—"])
            continue
        table.rows += widget_rows(name, results)
    if not table.rows:
        table.notes.append("No chapter notebook was found.")
    return table
