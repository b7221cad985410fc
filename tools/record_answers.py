"""make notebooks runs this first: record what every answer gives on the checks' own inputs.

    python tools/record_answers.py            every chapter
    python tools/record_answers.py 01 02      only these chapters
    python tools/record_answers.py --check    only say whether the recorded files are up to date

For each exercise, the teacher's right answer and the function of each known mistake
(solutions/answers/, via ``answers.teacher_exercise``) are called on every public test case, as the
engine calls them (``call_safely``: warnings recorded, errors caught); what they give is written to
helpers/checks/recorded/chNN.npz, which the installed course looks up instead (helpers/checks/recordings.py).
The files come out byte for byte the same on every run.
"""

import importlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.checks.engine import call_safely  # noqa: E402  (needs the path above)
from helpers.checks.recordings import RECORDED_DIR, case_key, outcome, write_recording  # noqa: E402
from tools.course_build import available_chapters, teacher_path  # noqa: E402

SECONDS = 600.0     # the teacher's functions, not a learner's: no time limit to speak of


def record_chapter(number):
    """{exercise id: {"reference" or a mistake's position: {case key: outcome}}} for chapter ``number``."""
    teacher_path()
    from answers import teacher_exercise
    recording = {}
    for public in importlib.import_module(f"helpers.checks.ch{number}").EXERCISES:
        ex = teacher_exercise(public.id)
        cases = [tuple(args) for args in ex.cases()]
        functions = {"reference": ex.reference}
        functions.update((str(i), m.wrong) for i, m in enumerate(ex.mistakes) if m.wrong is not None)
        recording[ex.id] = {}
        for what, function in functions.items():
            results = {}
            for args in cases:
                call = call_safely(function, args, seconds=SECONDS)
                if isinstance(call.error, (NameError, ImportError)) or (what == "reference" and call.error):
                    raise RuntimeError(f"exercise {ex.id}, {what}: {type(call.error).__name__}: {call.error}")
                results[case_key(args)] = outcome(call)
            recording[ex.id][what] = results
    return recording


def record(numbers, folder=RECORDED_DIR):
    """Write chNN.npz for each chapter number into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"ch{number}.npz"
        write_recording(path, record_chapter(number))
        paths.append(path)
    return paths


def out_of_date(numbers):
    """The chapters whose recorded file differs from a fresh recording."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = record(numbers, scratch)
        return [path.stem for path in fresh
                if not (Path(RECORDED_DIR) / path.name).exists()
                or (Path(RECORDED_DIR) / path.name).read_bytes() != path.read_bytes()]


def main(argv):
    check = "--check" in argv
    numbers = [a for a in argv if a != "--check"] or [number for number, _, _, _ in available_chapters()]
    if check:
        stale = out_of_date(numbers)
        print("recorded answers: " + (f"out of date: {', '.join(stale)}" if stale else "up to date"))
        return 1 if stale else 0
    for path in record(numbers):
        print(f"recorded {path.relative_to(Path(RECORDED_DIR).parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
