"""Clips filmed on their side: told by where the head is, and turned so that it is up. Qt-free.

A .pose file made from a phone video by a tool that ignored the video's rotation holds a signer lying on their
side (a 3264x1836 clip was drawn with the head beside the arm, unsaid). Such a clip is turned by quarter
turns of the picture; its points keep their sides (a turn is no mirror), so its hands stay the signer's own.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from signcore.layout import LEFT_SHOULDER, NOSE, RIGHT_SHOULDER, PoseSequence, point_index

# The head's points: the face points of the body's layout (nose to mouth corners), any seen
HEAD = np.arange(NOSE, point_index("POSE_LANDMARKS", "MOUTH_RIGHT") + 1)
# Where the head is from the shoulders, in the picture (y down), by the clockwise quarter turns that bring
# it up: beside the shoulders on the left, one turn; below them, two; on the right, three.
HEAD_DIRECTIONS = ((0, (0.0, -1.0)), (1, (-1.0, 0.0)), (2, (0.0, 1.0)), (3, (1.0, 0.0)))
# A clip is called turned only on enough frames with the head and shoulders seen: at least this many, and a
# third of the clip (a body glimpsed in a frame or two is too little to turn a whole clip by).
MIN_FRAMES_SEEN = 5


def quarter_turns_to_upright(pose: PoseSequence) -> int:
    """The clockwise quarter turns of the picture (0 to 3) that bring ``pose``'s head above its shoulders:
    the turns of most of its frames with the head and both shoulders seen (a signer leaning in a few frames
    is not turned); 0 when the clip is upright or this cannot be told (too few frames with a body)."""
    seen = pose.mask[:, [LEFT_SHOULDER, RIGHT_SHOULDER]].all(axis=1) & pose.mask[:, HEAD].any(axis=1)
    if seen.sum() < max(MIN_FRAMES_SEEN, len(pose) / 3):
        return 0
    head_points = np.where(pose.mask[seen][:, HEAD, None], pose.points[seen][:, HEAD, :2], np.nan)
    heads = np.nanmean(head_points, axis=1)  # each frame's head points seen (at least one, by ``seen``)
    shoulders = pose.points[seen][:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2].mean(axis=1)
    towards_head = heads - shoulders
    directions = np.array([direction for _, direction in HEAD_DIRECTIONS])
    nearest = np.argmax(towards_head @ directions.T, axis=1)  # the direction each frame's head is nearest
    turns, frames = Counter(HEAD_DIRECTIONS[int(index)][0] for index in nearest).most_common(1)[0]
    return turns if frames > len(nearest) / 2 else 0


def turned(pose: PoseSequence, quarter_turns: int) -> PoseSequence:
    """``pose`` with its picture turned ``quarter_turns`` times clockwise (a W x H picture becomes H x W)."""
    points, width, height = pose.points.copy(), pose.width, pose.height
    for _ in range(quarter_turns % 4):
        x, y = points[..., 0].copy(), points[..., 1].copy()
        points[..., 0], points[..., 1] = np.float32(height) - y, x
        width, height = height, width
    return PoseSequence(points, pose.mask, pose.timestamps, width, height, dict(pose.meta))
