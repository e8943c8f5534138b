"""Time-aligned feedback: which hand differed most from the reference, and when, in a learner's words.

The attempt is aligned to the reference with DTW (:func:`signcore.dtw.per_hand_alignment_cost`), so a
learner who signs slower or faster than the reference is compared moment by moment with the matching
moment of the reference, not frame by frame. The same alignment drives the synchronised replay
(:meth:`Feedback.replay_frames`).

"Left" and "right" are the learner's own hands (the layout's physical sides), whatever the display mirror.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from signcore.dtw import HANDS, per_hand_alignment_cost
from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence

# A hand "takes part" in a clip when it is seen in at least this share of the frames.
HAND_USED_FRACTION = 0.3
# Below this ratio between the two hands' mean costs, neither hand stands out.
HANDS_SIMILAR_RATIO = 1.25
# Mean cost along the path under which a hand matched closely (signcore.dtw's feature units: shoulder widths
# for the hand's place, hand sizes for its shape; a hand missing on one side only costs 1.5).
CLOSE_MATCH_COST = 0.1
PHASES = ("at the start", "in the middle", "at the end")


@dataclass(frozen=True)
class Feedback:
    message: str  # one or two sentences for the learner
    worst_hand: str | None  # "left" / "right", None when both hands did about equally
    worst_time: float  # seconds into the attempt where that hand differed most
    hand_costs: dict[str, float]  # mean cost along the path per hand (relative; larger = further off)
    attempt_times: np.ndarray  # the alignment: attempt time at each step of the path
    reference_times: np.ndarray  # and the matching reference time

    def replay_frames(self, attempt: PoseSequence, reference: PoseSequence) -> list[tuple[int, int]]:
        """Pairs (attempt frame, reference frame) to show together, along the alignment path."""
        return [
            (_frame_at(attempt.timestamps, a), _frame_at(reference.timestamps, r))
            for a, r in zip(self.attempt_times, self.reference_times, strict=True)
        ]

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "worst_hand": self.worst_hand,
            "worst_time": round(self.worst_time, 2),
            "hand_costs": {hand: round(cost, 4) for hand, cost in self.hand_costs.items()},
        }


def _frame_at(timestamps: np.ndarray, time: float) -> int:
    return int(min(np.searchsorted(timestamps, time - 1e-9), len(timestamps) - 1))


def _used_fraction(pose: PoseSequence) -> dict[str, float]:
    return {
        "left": float(pose.mask[:, LEFT_HAND].any(axis=1).mean()) if len(pose) else 0.0,
        "right": float(pose.mask[:, RIGHT_HAND].any(axis=1).mean()) if len(pose) else 0.0,
    }


def _phase(time: float, duration: float) -> str:
    if duration <= 0:
        return PHASES[1]
    return PHASES[min(int(3 * time / duration), 2)]


def compare_with_reference(attempt: PoseSequence, reference: PoseSequence) -> Feedback:
    """Feedback on ``attempt`` against one reference clip (already mirrored for left-handed learners)."""
    alignment = per_hand_alignment_cost(attempt, reference)
    costs = alignment.mean_cost()
    worst = max(HANDS, key=lambda hand: costs[hand])
    other = next(hand for hand in HANDS if hand != worst)
    worst_time = alignment.worst_moment(worst)
    used_attempt, used_reference = _used_fraction(attempt), _used_fraction(reference)

    sentences = []
    for hand in HANDS:
        if used_reference[hand] >= HAND_USED_FRACTION and used_attempt[hand] < HAND_USED_FRACTION:
            sentences.append(f"This sign uses the {hand} hand, but yours was hardly seen: keep it in view.")
        elif used_attempt[hand] >= HAND_USED_FRACTION and used_reference[hand] < HAND_USED_FRACTION:
            sentences.append(f"Your {hand} hand was up, but this sign is made without it.")
    worst_hand = None
    if costs[worst] < CLOSE_MATCH_COST:
        sentences.append("Both hands followed the reference closely.")
    elif costs[worst] <= HANDS_SIMILAR_RATIO * costs[other]:
        sentences.append("Both hands differed from the reference about equally: watch it again slowly.")
    else:
        worst_hand = worst
        when = _phase(worst_time, attempt.duration)
        sentences.append(
            f"Your {worst} hand differed most from the reference, {when} of the sign"
            f" (around {worst_time:.1f} s)."
        )
    return Feedback(
        message=" ".join(sentences),
        worst_hand=worst_hand,
        worst_time=worst_time,
        hand_costs=costs,
        attempt_times=alignment.attempt_times,
        reference_times=alignment.reference_times,
    )
