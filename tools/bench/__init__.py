"""Benchmarks of the course, written to BENCHMARKS.md from one run.

    python -m tools.bench                    the full run (make bench): writes BENCHMARKS.md at the repository root
    python -m tools.bench --quick            small sizes, a smoke notebook instead of the chapters,
                                             no install; prints the report (tests/test_benchmark_quick.py)
    python -m tools.bench --quick --output FILE
    python -m tools.bench --tables numerics,widgets --chapters 00,01

Five tables, each comparing things side by side in the same process (timed alternately, so a
change in the machine's load hits every contender alike):

1. Numerics — each helpers.numerics function against the naive NumPy formula and scipy.special:
   the largest error in ulp against a 50-digit mpmath reference over a dense grid of the float64
   range, whether ±inf and nan give the right limit, the warnings raised, and the time on 10⁷ values.
2. Course execution — each notebook executed headless (nbclient, a fresh kernel, as
   tools/build_notebooks.py does), against a floor notebook holding only the course's set-up cell.
3. Widgets — the time of each explorer's redraw, in a kernel that has executed the chapter.
4. Explorers in the browser — in JupyterLab in headless Chromium, from a key on a slider to the new
   picture painted, and what a fast drag shows (needs Chromium; skipped in quick mode).
5. Set-up — the time and size on disk of a fresh environment made as `make` makes it.

Each target (from the project's issues 7 and 13, or a docstring's promise) is marked "met" or with the miss
and its measured figure. Notebooks are executed as copies in a temporary folder, and the set-up
table installs into a temporary folder: nothing in the repository changes but BENCHMARKS.md.
The report is date-free; its numbers vary between runs, its structure does not.

One module per table (numerics.py, execution.py, widgets.py, browser.py, setup_cost.py), report.py for what they
share, __main__.py for the command line. The exact values come from tools/exact.py, the same
50-digit mpmath reference that tests/test_numerics_accuracy.py measures the helpers against."""
