"""Is this environment good enough for the course? One function, used at the start of chapter 00.

The minimum versions are the lower bounds the course is tested with (requirements/learner.in;
tests/test_environment.py keeps the two in step).
"""

import platform
from importlib.metadata import PackageNotFoundError, version

MINIMUM_VERSIONS = {
    "python": "3.10",
    "numpy": "2.0",
    "matplotlib": "3.10.9",
    "ipywidgets": "8.1",
    "jupyterlab": "4.2",
}


def version_tuple(text):
    """'3.10.9' → (3, 10, 9); stops at the first part that is not a number ('2.1.0rc1' → (2, 1))."""
    parts = []
    for part in text.split("."):
        if not part.isdigit():
            break
        parts.append(int(part))
    return tuple(parts)


def installed_version(name):
    """The version of a package installed next to this kernel, or None."""
    if name == "python":
        return platform.python_version()
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def check_environment():
    """Print one line per library: ✓ when its version is at least the course's minimum.

    JupyterLab may run from another environment than the kernel (on a hub, say); then it is
    reported as not found here, which is fine if that JupyterLab is recent enough.
    Returns True when everything found is recent enough.
    """
    all_good = True
    for name, minimum in MINIMUM_VERSIONS.items():
        found = installed_version(name)
        if found is None:
            print(f"?  {name:<11} not next to this kernel: fine if yours is {minimum} or newer")
        elif version_tuple(found) >= version_tuple(minimum):
            print(f"✓  {name:<11} {found:<9} (needs {minimum} or newer)")
        else:
            all_good = False
            print(f"✗  {name:<11} {found:<9} (needs {minimum} or newer): please update it")
    print("All set." if all_good else "Update what is marked ✗, then restart the kernel.")
    return all_good
