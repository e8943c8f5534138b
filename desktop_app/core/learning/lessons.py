"""Lessons: small groups of signs, made from the signs' ``lesson: …`` tags (see :mod:`signcore.lessons`).

Lessons come in the order of their names, compared with numbers as numbers ("DGS 2" before "DGS 10"); a
lesson's signs keep the order of :data:`signcore.lessons.STARTER_LESSONS` when they are starter signs, else
the order of their names as shown. A tag shared by more than ``LESSON_SIZE`` signs makes several lessons of
at most that many ("Name (2)", …), so a lesson is always a small group to learn in one sitting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from signcore.database import Sign, SignDatabase
from signcore.lessons import STARTER_LESSONS, STARTER_SIGN_TAG, lesson_name, starter_lesson_tag
from signcore.words import name_order

LESSON_SIZE = 8
STARTER_LESSONS_FLAG = "starter_lessons_assigned"


@dataclass(frozen=True)
class Lesson:
    name: str
    sign_ids: tuple[int, ...]


def _natural_key(text: str) -> list[int | str]:
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


# Starter signs in the order of STARTER_LESSONS; other signs after them, in the order of their names as
# every list shows them (signcore.words.name_order).
_STARTER_ORDER = {
    (language, gloss): position
    for position, (language, gloss) in enumerate(
        (language, gloss) for (language, _name), glosses in STARTER_LESSONS.items() for gloss in glosses
    )
}


def _teaching_order(sign: Sign) -> tuple[bool, int, tuple[str, str]]:
    position = _STARTER_ORDER.get((sign.language, sign.gloss))
    return position is None, position or 0, name_order(sign.gloss, sign.language)


def lessons_of(signs: Sequence[Sign]) -> list[Lesson]:
    """The lessons of these signs, in order (see the module docstring). A sign may be in several."""
    by_name: dict[str, list[Sign]] = {}
    for sign in signs:
        for tag in sign.tags:
            name = lesson_name(tag)
            if name is not None:
                by_name.setdefault(name, []).append(sign)
    lessons = []
    for name in sorted(by_name, key=_natural_key):
        members = sorted(by_name[name], key=_teaching_order)
        parts = [members[start : start + LESSON_SIZE] for start in range(0, len(members), LESSON_SIZE)]
        for number, part in enumerate(parts, start=1):
            title = name if len(parts) == 1 else f"{name} ({number})"
            lessons.append(Lesson(title, tuple(sign.id for sign in part)))
    return lessons


def assign_starter_lessons(database: SignDatabase) -> int:
    """Give the starter signs their lesson tags, if no sign has a lesson yet (a database copied from a starter
    database built before lessons existed); returns how many signs were tagged. Signs that already have a
    lesson, and signs the learner added, are left as they are."""
    signs = database.signs()
    if any(lesson_name(tag) for sign in signs for tag in sign.tags):
        return 0
    tagged = 0
    for sign in signs:
        tag = starter_lesson_tag(sign.language, sign.gloss) if STARTER_SIGN_TAG in sign.tags else None
        if tag is not None:
            database.update_sign(sign.id, tags=[*sign.tags, tag])
            tagged += 1
    return tagged
