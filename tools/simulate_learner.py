"""Give a copy of a sign database the learning history of a simulated learner (for screenshots and demos).

    python tools/simulate_learner.py assets/default_signs.db /tmp/demo/signs.db --days 21 [--seed 7]

Day after day (skipping about one day in five), the learner runs the app's own review session (the real
:class:`~desktop_app.core.learning.review.LearningPath` on a manual clock, at the time of day it is now)
and answers each step as FSRS predicts: a card is recalled with its retrievability (a card still in its
learning steps: ``LEARNING_RECALL``); a recalled recognition is answered in 2-7 s, a recalled production
scores around 80, a forgotten one around 30. Today's session is left half-way, so the app opens with a
session to continue. Nothing is written to the source database.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fsrs import State  # noqa: E402

from desktop_app.core.learning.clock import ManualClock  # noqa: E402
from desktop_app.core.learning.review import LearningPath, ReviewSession  # noqa: E402
from desktop_app.core.learning.store import ExerciseKind, StepKind  # noqa: E402
from signcore.database import SignDatabase  # noqa: E402

LEARNING_RECALL = 0.7
NEW_SIGNS_PER_DAY = 5
SKIP_DAY_CHANCE = 0.2
SESSION_LENGTH = timedelta(minutes=30)


def can_do(_sign_id: int, _kind: ExerciseKind) -> bool:
    return True


def recall_chance(path: LearningPath, sign_id: int, kind: ExerciseKind) -> float:
    card = path.store.cards()[(sign_id, kind)].card
    if card.state != State.Review:
        return LEARNING_RECALL
    return path.store.scheduler.get_card_retrievability(card, path.clock.now())


def answer(path: LearningPath, session: ReviewSession, rng: random.Random) -> None:
    step = session.current
    if step.kind is StepKind.INTRODUCE:
        session.introduced()
        return
    kind = ExerciseKind(step.kind.value)
    recalled = rng.random() < recall_chance(path, step.sign_id, kind)
    if kind is ExerciseKind.RECOGNITION:
        chosen = step.sign_id if recalled else -1
        session.answer_recognition(chosen, seconds=rng.uniform(2.0, 7.0), clip_seconds=1.5)
    else:
        score = rng.gauss(80.0, 8.0) if recalled else rng.gauss(30.0, 10.0)
        session.answer_production(min(max(score, 0.0), 100.0))


def simulate(database: SignDatabase, days: int, rng: random.Random) -> int:
    """Run the learner's sessions over the last ``days`` days; returns the number of steps answered."""
    today = datetime.now().astimezone() - SESSION_LENGTH  # today's session has just been left
    first = today - timedelta(days=days)
    clock = ManualClock(first, zone=today.tzinfo)
    path = LearningPath(database, clock)
    answered = 0
    for day in range(days + 1):
        clock.advance(seconds=(first + timedelta(days=day) - clock.now()).total_seconds())
        last_day = day == days
        if not last_day and rng.random() < SKIP_DAY_CHANCE:
            continue
        session = path.start_review(NEW_SIGNS_PER_DAY, can_do)
        steps = 0
        total = 0 if session is None else session.saved.done + len(session.saved.steps)
        while session is not None and session.current is not None:
            if last_day and steps >= total // 2:
                break  # the app was closed half-way through today's session
            answer(path, session, rng)
            clock.advance(seconds=rng.uniform(5, 25))
            steps += 1
        answered += steps
    return answered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the sign database to start from (left unchanged)")
    parser.add_argument("out", type=Path, help="the copy to write the history into")
    parser.add_argument("--days", type=int, default=21)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.source, args.out)
    with SignDatabase(args.out) as database:
        steps = simulate(database, args.days, random.Random(args.seed))
    print(f"wrote {args.out}: {steps} steps answered over {args.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
