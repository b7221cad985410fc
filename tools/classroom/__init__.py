"""The classroom side of the course: grading students' notebooks safely (see sandbox.py)."""
