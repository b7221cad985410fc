"""Hidden test inputs for graded work: the public cases, moved a little, from the teacher's secret seed.

A student sees the public cases (the check's inputs are part of the course's helpers), so answers that
only look up those inputs would pass them. Graded checks use other inputs of the same kind: each float is
moved away from (or towards) its nearest round number r, a multiple of ½, by a few per cent of its distance:
x → r + (x − r)(1 + δ). A round value beyond ±1 (2.0, −3.0, 1000.0) moves by at most 0.025, or a 40 000th
of its size if that is more. The special values 0, ±½, ±1, ±inf and nan stay, as do integers (labels,
counts); a value just above ½ stays just above ½; a probability stays in (0, 1); a score near an overflow
boundary stays on its side of it. So each case keeps what made it a test case, with other digits.

The few exercises whose inputs are all labels or counts get other ones (REDRAWN): label arrays shuffled,
other numbers of layers.
"""

import dataclasses

import numpy as np

SPREAD = 0.05       # a value moves by up to 5 % of its distance to the nearest multiple of ½
ROUND_STEP = 0.025  # a round value beyond ±1 moves by up to this, or by up to a 40 000th of its size


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
            u = rng.uniform(-1, 1, size=x.shape)
            out = r + (x - r) * (1 + SPREAD * u)
            round_beyond_one = (x == r) & (np.abs(x) > 1)
            out = np.where(round_beyond_one, x + u * ROUND_STEP * np.maximum(1, np.abs(x) / 1000), out)
            out = np.where(np.isfinite(out), out, x)
        return out.astype(value.dtype)
    return value


def shuffled(cases, rng):
    """Each integer array of each case in another order: a label array's entries, a label table's columns (its
    rows stay in order, each with its own labels: a case may be about which row has two). The counts stay,
    so each case is still the kind it was, as another array."""
    def shuffle(value):
        if isinstance(value, np.ndarray) and value.dtype.kind in "iub" and value.ndim in (1, 2):
            return value[..., rng.permutation(value.shape[-1])]
        return value
    return [tuple(shuffle(v) for v in args) for args in cases]


def other_depths(cases, rng):
    """Exercise 5.1 (a formula in the number of layers L = 1…30): as many depths drawn from 1 to 120, most of
    them not among the public ones."""
    return [(int(L),) for L in np.sort(rng.choice(np.arange(1, 121), size=len(cases), replace=False))]


REDRAWN = {"0.1": shuffled, "5.1": other_depths, "6.7": shuffled}


def hidden_exercise(exercise, seed):
    """The exercise with its cases replaced by hidden ones (the same for one seed, different per exercise)."""
    public = exercise.cases
    key = [int(part) for part in exercise.id.split(".")]

    def cases():
        rng = np.random.default_rng([seed, *key])
        cases = [moved(tuple(args), rng) for args in public()]
        return REDRAWN[exercise.id](cases, rng) if exercise.id in REDRAWN else cases

    return dataclasses.replace(exercise, cases=cases)
