"""Lessons are tags: a sign is in the lesson "Food and drink" when it has the tag ``lesson: Food and drink``.

So lessons are edited wherever tags are (the library's Tags… button), travel with the database and need no
schema of their own. The starter database's signs get the groups of :data:`STARTER_LESSONS`, given by
``python -m trainer build-db`` and, for databases copied from an older starter database, once by the app
(:func:`desktop_app.core.learning.lessons.assign_starter_lessons`).
"""

from __future__ import annotations

from collections.abc import Sequence

LESSON_TAG_PREFIX = "lesson:"
# Every starter sign's tag (given by build-db): how the app tells the starter signs from the learner's. A mark
# for the app, not a word for the learner: the library does not show it, and keeps it when tags are edited.
STARTER_SIGN_TAG = "default"

# (language, lesson name) -> the glosses of the starter database in it, in teaching order. Names start with
# their place in the path, so that sorting them keeps it.
STARTER_LESSONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("DGS", "DGS 1 · People and greetings"): ("hallo", "ich", "du", "unser", "lieben"),
    ("DGS", "DGS 2 · Time and weather"): ("Tag", "heute", "gestern", "morgen", "Wetter", "Sonne"),
    ("DGS", "DGS 3 · Food and drink"): ("essen", "trinken", "Hunger", "Bier"),
    ("DGS", "DGS 4 · Places"): ("Haus", "Land", "deutschland", "welt", "Mainz", "Universität"),
    ("DGS", "DGS 5 · Doing things"): ("lernen", "rennen", "zeigen", "Haben", "Fußball"),
    ("DGS", "DGS 6 · Things"): ("Foto", "computer", "Software", "Hose"),
    ("ASL", "ASL 1 · Coffee shop: asking"): ("hello", "please", "thank-you", "can", "get", "no"),
    ("ASL", "ASL 2 · Coffee shop: the order"): (
        "coffee",
        "tea",
        "water",
        "muffin",
        "small",
        "medium",
        "large",
    ),
    ("ASL", "ASL 3 · Fingerspelling A–H"): ("a", "b", "c", "e", "f", "g", "h"),
    ("ASL", "ASL 4 · Fingerspelling I–S"): ("i", "j", "k", "l", "s"),
    ("ASL", "ASL 5 · Fingerspelling T–Z"): ("t", "u", "v", "w", "x", "y", "z"),
}


def shown_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """The tags the learner sees, edits and exports: all but the starter signs' mark (STARTER_SIGN_TAG,
    "default" on every starter sign, a word that told the learner nothing, and that made a sign imported
    elsewhere a starter sign there)."""
    return tuple(tag for tag in tags if tag != STARTER_SIGN_TAG)


def lesson_tag(name: str) -> str:
    return f"{LESSON_TAG_PREFIX} {name.strip()}"


def lesson_name(tag: str) -> str | None:
    """The lesson a tag puts its sign in, or None for other tags (prefix case and spaces do not matter)."""
    if tag[: len(LESSON_TAG_PREFIX)].casefold() != LESSON_TAG_PREFIX:
        return None
    return tag[len(LESSON_TAG_PREFIX) :].strip() or None


def starter_lesson_tag(language: str, gloss: str) -> str | None:
    """The lesson tag of a starter sign, or None for a sign not in the starter lessons."""
    for (lesson_language, name), glosses in STARTER_LESSONS.items():
        if lesson_language == language and gloss in glosses:
            return lesson_tag(name)
    return None
