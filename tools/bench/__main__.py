"""`python -m tools.bench [--quick] [--output FILE] [--tables …] [--chapters …]`: run the tables, write the report."""

import argparse
import os
import sys
import time
from pathlib import Path

import tools.bench as package
from tools.bench.browser import browser_table
from tools.bench.execution import execution_table
from tools.bench.numerics import numerics_table
from tools.bench.report import FULL, QUICK, ROOT, TABLES, TITLES, Table, header, progress, render_section
from tools.bench.setup_cost import setup_table
from tools.bench.widgets import widgets_table


def not_run(name):
    return Table(TITLES[name], intro="Not run this time (see `--tables`).", header=[])


def report(sizes, tables, chapters, command):
    load_before = os.getloadavg()[0]
    sections = []
    for name in TABLES:
        if name not in tables:
            sections.append(not_run(name))
            continue
        started = time.perf_counter()
        if name == "numerics":
            sections.append(numerics_table(sizes))
        elif name == "execution":
            sections.append(execution_table(sizes, chapters))
        elif name == "widgets":
            sections.append(widgets_table(sizes, chapters))
        elif name == "browser":
            sections.append(browser_table(sizes, chapters))
        else:
            sections.append(setup_table(sizes))
        progress(f"{name}: {time.perf_counter() - started:.1f} s")
    load_after = os.getloadavg()[0]
    parts = [header(sizes, command, load_before, load_after)] + [render_section(s) for s in sections]
    return "\n\n".join(parts) + "\n"


def parse_arguments(args):
    parser = argparse.ArgumentParser(description=package.__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a smoke notebook instead of the chapters, no install "
                             "(seconds, not minutes)")
    parser.add_argument("--output", help="where to write the report; '-' for stdout "
                        "(default: BENCHMARKS.md at the repository root, or stdout with --quick)")
    parser.add_argument("--tables", default=",".join(TABLES),
                        help=f"which tables to run, comma-separated (default: all of {','.join(TABLES)})")
    parser.add_argument("--chapters", help="only these chapters for tables 2 and 3, e.g. 00,01 "
                        "(default: every chapter that exists; none with --quick)")
    options = parser.parse_args(args)
    tables = [t.strip() for t in options.tables.split(",") if t.strip()]
    unknown = set(tables) - set(TABLES)
    if unknown:
        parser.error(f"unknown table(s): {', '.join(sorted(unknown))}; choose from {', '.join(TABLES)}")
    options.tables = tables
    return options


def main(args=None):
    args = sys.argv[1:] if args is None else list(args)
    options = parse_arguments(args)
    sizes = QUICK if options.quick else FULL
    chapters = (tuple(c.strip() for c in options.chapters.split(",")) if options.chapters
                else sizes.default_chapters)
    command = "python -m tools.bench" + (" --quick" if options.quick else "")
    if options.tables != list(TABLES):
        command += f" --tables {','.join(options.tables)}"
    if options.chapters:
        command += f" --chapters {options.chapters}"
    text = report(sizes, options.tables, chapters, command)
    output = options.output or ("-" if options.quick else str(ROOT / "BENCHMARKS.md"))
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        progress(f"wrote {output}")
    return text


if __name__ == "__main__":
    main()
