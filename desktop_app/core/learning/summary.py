"""The end of a session in words, Qt-free: the signs met, how the answers went, when the signs come back.

A session that runs out of steps ends on this summary before Home (it ended straight on Home, with no
ending): what the learner did in it (:class:`~desktop_app.core.learning.store.Sitting`, saved with it: all
of a session carried on; "Since you carried on" for one saved by a version that kept no sitting), each sign
once, in plain words, and when each sign comes back
for review, by the day its next exercise falls due (FSRS's schedule, the exercises that can be done now
only). The signs of the exercises skipped are named: those stay due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating

from desktop_app.core.learning.review import CanDo, ReviewSession
from desktop_app.core.learning.scheduling import IN_THE_NEXT_REVIEW, comes_back_words
from signcore.words import counted, joined_with_and


@dataclass(frozen=True)
class SessionSummary:
    heading: str  # "Lesson done: ASL 1 · Coffee shop: asking"
    lines: tuple[str, ...]  # plain text, one thing a line


def _names(sign_ids: Sequence[int], names: dict[int, str]) -> str:
    """The signs by name, in the order given ("hello (ASL), please (ASL) and can (ASL)")."""
    return joined_with_and([names[sign_id] for sign_id in sign_ids])


def session_summary(session: ReviewSession, can_do: CanDo) -> SessionSummary:
    """The summary of ``session``, just over (module docstring). Signs deleted meanwhile are left out."""
    store, sitting = session.store, session.sitting
    names = store.database.sign_names()  # the visible signs only
    answered = {sign_id for sign_id, _ in sitting.ratings}
    seen = [  # a sign skipped is said so (below), unless an exercise of it was answered too
        sign_id
        for sign_id in dict.fromkeys([*sitting.met, *answered])
        if sign_id in names and (sign_id in answered or sign_id not in sitting.skipped)
    ]
    skipped = [sign_id for sign_id in dict.fromkeys(sitting.skipped) if sign_id in names]
    # What came before a sitting was saved is not counted in: said in the first count's sentence, else "You
    # answered 3 exercises" read as the whole ("Since you came back to it:", a line of its own, read as the
    # heading of every line after it, when they come back included)
    you = "Since you carried on, you" if sitting.done_before else "You"
    lines = []
    met = [sign_id for sign_id in sitting.met if sign_id in names]
    if met:
        lines.append(f"{you} met {counted(len(met), 'new sign')}: {_names(met, names)}.")
        you = "You"
    ratings = [(sign_id, rating) for sign_id, rating in sitting.ratings if sign_id in names]
    if ratings:
        right = sum(rating is not Rating.Again for _sign_id, rating in ratings)
        how_many = "all of them" if right == len(ratings) else f"{right} of them"
        lines.append(f"{you} answered {counted(len(ratings), 'exercise')}, {how_many} right.")
    lines += _how_each_went(seen, ratings, names)
    if skipped:
        # of the sign skipped, or only one of its exercises (the others asked: .review ReviewSession.skip)
        lines.append(
            f"You skipped exercises of {_names(skipped, names)}: they stay due, and come back "
            f"{IN_THE_NEXT_REVIEW}."
        )
    if sitting.signing_skipped:
        lines.append(f"You left the signing for later: it stays due, and comes back {IN_THE_NEXT_REVIEW}.")
    lines += _when_back(seen, session, can_do, names)
    title = session.title
    heading = f"Lesson done: {title}" if session.saved.lesson is not None else f"{title}: done"
    return SessionSummary(heading, tuple(lines))


def _how_each_went(
    signs: Sequence[int], ratings: Sequence[tuple[int, Rating]], names: dict[int, str]
) -> list[str]:
    """Each sign answered once, in plain words: every answer good or easy; right but rated hard at least
    once (slow, or a low score); missed at least once and asked again."""
    worst: dict[int, Rating] = {}
    for sign_id, rating in ratings:
        worst[sign_id] = min(worst.get(sign_id, rating), rating)
    groups = (
        ("Went well", lambda rating: rating >= Rating.Good),
        ("Right, but not easy yet", lambda rating: rating is Rating.Hard),
        ("Took another try", lambda rating: rating is Rating.Again),
    )
    lines = []
    for words, belongs in groups:
        these = [sign_id for sign_id in signs if sign_id in worst and belongs(worst[sign_id])]
        if these:
            lines.append(f"{words}: {_names(these, names)}.")
    return lines


def _when_back(
    signs: Sequence[int], session: ReviewSession, can_do: CanDo, names: dict[int, str]
) -> list[str]:
    """When each sign comes back for review (its exercise due first, of those that can be done now), the
    soonest first: "Coming back tomorrow: hello (ASL) and please (ASL)."."""
    store = session.store
    cards, now = store.cards(), store.now()
    due: dict[int, datetime] = {}
    for (sign_id, kind), record in cards.items():
        if sign_id in signs and can_do(sign_id, kind):
            due[sign_id] = min(due.get(sign_id, record.card.due), record.card.due)
    by_when: dict[str, list[int]] = {}
    for sign_id in sorted(due, key=lambda sign_id: (due[sign_id], signs.index(sign_id))):
        by_when.setdefault(comes_back_words(due[sign_id], now, store.clock), []).append(sign_id)
    return [f"Coming back {when}: {_names(these, names)}." for when, these in by_when.items()]
