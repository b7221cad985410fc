"""Forbidden functions, found by reading a student's answer cells (in the grader, before running them).

The course's checks already notice, while the answer runs, a call of a function the exercise forbids
(helpers/checks/watching.py). That watch lives in the student's own process, which their code could
switch off (``sys.setprofile(None)``). This second look is taken here, outside, on the source: every
name the answer cells use is resolved through their imports (``from helpers import sigmoid as s``,
``import scipy.special as sp`` … ``sp.expit``, ``getattr(helpers, "sigmoid")``), and any that is a
forbidden function scores 0 for the exercise, with its name in the feedback. Switching off the watch
(``sys.setprofile``, ``sys.settrace``, ``threading.setprofile``) counts as a forbidden call too.

What it cannot see: a name built at run time (``getattr(helpers, "sig" + "moid")``), which the watch
in the sandbox still reports unless it was switched off in an equally hidden way. A student who goes to
that length has in effect pasted the library's code into their answer: see README, "What the sandbox
does not protect".
"""

import ast

from helpers.checks.watching import code_of, expand_wildcards, resolve

TAMPERING = ("sys.setprofile", "sys.settrace", "threading.setprofile", "threading.settrace",
             "threading.setprofile_all_threads", "threading.settrace_all_threads")


def parsed(cells):
    """The syntax tree of each cell that parses (a cell that does not cannot run, so it uses nothing)."""
    for source in cells:
        try:
            yield ast.parse(source)
        except SyntaxError:
            continue


def imported_names(cells):
    """{name: dotted path} for every import in ``cells`` (later imports win, as when the cells run)."""
    names = {}
    for tree in parsed(cells):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        names[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def dotted(node):
    """"a.b.c" for a Name/Attribute chain (and getattr(a.b, "c") with a literal name), else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
            and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
        base = dotted(node.args[0])
        return f"{base}.{node.args[1].value}" if base else None
    return None


def used_paths(cells, aliases):
    """Every dotted path the cells refer to, with their first name resolved through ``aliases``."""
    paths = set()
    for tree in parsed(cells):
        for node in ast.walk(tree):
            name = dotted(node)
            if name is None:
                continue
            head, _, rest = name.partition(".")
            if head in aliases:
                paths.add(aliases[head] + ("." + rest if rest else ""))
        for node in ast.walk(tree):          # `from helpers import sigmoid` inside the answer itself
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                paths |= {f"{node.module}.{alias.name}" for alias in node.names}
    return paths


def _targets(names):
    """{display name: object} for dotted names (wildcards expanded); names that do not resolve are left out."""
    found = {}
    for name, target in expand_wildcards({name: name for name in names}).items():
        obj = resolve(target) if isinstance(target, str) else target
        if obj is not None:
            found[name] = obj
    return found


def _same(a, b):
    if a is b:
        return True
    code = code_of(a)
    return code is not None and code is code_of(b)


def forbidden_uses(forbidden, setup, answers):
    """Display names of the forbidden functions (and watch switches) that the ``answers`` cells refer to.

    ``setup`` is the chapter's set-up code (its imports count; its own use of helpers does not);
    ``answers`` are the student's cells that run for this exercise.
    """
    aliases = imported_names(list(setup) + list(answers))
    targets = _targets(tuple(forbidden) + TAMPERING)
    packages = {name.split(".")[0] for name in tuple(forbidden) + TAMPERING}
    found = []
    for path in sorted(used_paths(answers, aliases)):
        if path.split(".")[0] not in packages:      # never import a module only the student named
            continue
        obj = resolve(path)
        if obj is None:
            continue
        for name, target in targets.items():
            if _same(obj, target) and name not in found:
                found.append(name)
    return found
