"""The course's notebooks as the tests see them: which exist, and how to read them."""

import importlib

import nbformat

from helpers.checks import exercise
from tools.course_build import NOTEBOOKS, SOLUTIONS, available_chapters

CHAPTER_FILES = [f"{stem}.ipynb" for _, stem, _, _ in available_chapters()]
ALL_NOTEBOOKS = [SOLUTIONS / name for name in CHAPTER_FILES] + [NOTEBOOKS / name for name in CHAPTER_FILES]


def read(path):
    return nbformat.read(path, as_version=4)


def points_for(exercise_id):
    return exercise(exercise_id).stars


def quiz_length(chapter):
    return len(importlib.import_module(f"helpers.checks.ch{chapter}").QUIZ)
