"""Hidden test inputs for graded work: the public cases, moved a little, from the teacher's secret seed.

A student sees the public cases (the check's inputs are part of the course's helpers), so answers that
only look up those inputs would pass them. Graded checks use other inputs of the same kind: each float is
moved away from (or towards) its nearest round number r, a multiple of ½, by a few per cent of its distance:
x → r + (x − r)(1 + δ). Round values (0, ±1, ½, labels, counts, huge integers, ±inf, nan) stay; a value
just above ½ stays just above ½; a probability stays in (0, 1); a score near an overflow boundary stays near
it. So each case keeps what made it a test case, with other digits.
"""

import dataclasses

import numpy as np

SPREAD = 0.05


def moved(value, rng):
    """``value`` (a number, an array, or a tuple/list of them) with each float moved as described above."""
    if isinstance(value, (tuple, list)):
        return type(value)(moved(v, rng) for v in value)
    if isinstance(value, (float, np.floating)):
        return type(value)(moved(np.array([value]), rng)[0])
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        x = value.astype(float)
        with np.errstate(all="ignore"):
            r = np.round(2 * x) / 2
            out = r + (x - r) * (1 + SPREAD * rng.uniform(-1, 1, size=x.shape))
            out = np.where(np.isfinite(out), out, x)
        return out.astype(value.dtype)
    return value


def hidden_exercise(exercise, seed):
    """The exercise with its cases replaced by hidden ones (the same for one seed, different per exercise)."""
    public = exercise.cases
    key = [int(part) for part in exercise.id.split(".")]

    def cases():
        rng = np.random.default_rng([seed, *key])
        return [moved(tuple(args), rng) for args in public()]

    return dataclasses.replace(exercise, cases=cases)
