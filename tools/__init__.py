"""Build tools for the course: making student notebooks from solutions (see course_build.py)."""
