"""Clips filmed on their side: told by where the head is, and turned so that it is up. Qt-free.

A .pose file made from a phone video by a tool that ignored the video's rotation holds a signer lying on their
side (a 3264x1836 clip was drawn with the head beside the arm, unsaid). Such a clip is turned by quarter
turns of the picture; its points keep their sides (a turn is no mirror), so its hands stay the signer's own.

A live camera mounted on its side is told the same way (:class:`UprightWatch`, on its recent frames) and its
picture is turned where it is captured (the camera's turn:
:class:`~desktop_app.core.app.context.CameraInUse`).
"""

from __future__ import annotations

from collections import Counter, deque

import numpy as np

from desktop_app.core.shared.events import EventEmitter, EventGroup
from signcore.layout import LEFT_SHOULDER, NOSE, RIGHT_SHOULDER, PoseSequence, point_index

# The head's points: the face points of the body's layout (nose to mouth corners), any seen
HEAD = np.arange(NOSE, point_index("POSE_LANDMARKS", "MOUTH_RIGHT") + 1)
# Where the head is from the shoulders, in the picture (y down), by the clockwise quarter turns that bring
# it up: beside the shoulders on the left, one turn; below them, two; on the right, three.
HEAD_DIRECTIONS = ((0, (0.0, -1.0)), (1, (-1.0, 0.0)), (2, (0.0, 1.0)), (3, (1.0, 0.0)))
# A clip is called turned only on enough frames with the head and shoulders seen: at least this many, and a
# third of the clip (a body glimpsed in a frame or two is too little to turn a whole clip by).
MIN_FRAMES_SEEN = 5
# The live camera's watch: a window of its last frames tracked (two to four seconds), looked at every few
# frames; a window so long that a learner bending down for a moment is not told the camera is turned.
WATCH_FRAMES = 60
LOOK_EVERY_FRAMES = 15


def quarter_turns_to_upright(pose: PoseSequence) -> int:
    """The clockwise quarter turns of the picture (0 to 3) that bring ``pose``'s head above its shoulders:
    the turns of most of its frames with the head and both shoulders seen (a signer leaning in a few frames
    is not turned); 0 when the clip is upright or this cannot be told (too few frames with a body)."""
    return told_turns_to_upright(pose) or 0


def told_turns_to_upright(pose: PoseSequence) -> int | None:
    """:func:`quarter_turns_to_upright`, or None when it cannot be told: too few frames with a body, or no
    direction of the head in most of them (the live camera's watch keeps what it said until it can tell)."""
    seen = pose.mask[:, [LEFT_SHOULDER, RIGHT_SHOULDER]].all(axis=1) & pose.mask[:, HEAD].any(axis=1)
    if seen.sum() < max(MIN_FRAMES_SEEN, len(pose) / 3):
        return None
    head_points = np.where(pose.mask[seen][:, HEAD, None], pose.points[seen][:, HEAD, :2], np.nan)
    heads = np.nanmean(head_points, axis=1)  # each frame's head points seen (at least one, by ``seen``)
    shoulders = pose.points[seen][:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2].mean(axis=1)
    towards_head = heads - shoulders
    directions = np.array([direction for _, direction in HEAD_DIRECTIONS])
    nearest = np.argmax(towards_head @ directions.T, axis=1)  # the direction each frame's head is nearest
    turns, frames = Counter(HEAD_DIRECTIONS[int(index)][0] for index in nearest).most_common(1)[0]
    return turns if frames > len(nearest) / 2 else None


def turned(pose: PoseSequence, quarter_turns: int) -> PoseSequence:
    """``pose`` with its picture turned ``quarter_turns`` times clockwise (a W x H picture becomes H x W)."""
    points, width, height = pose.points.copy(), pose.width, pose.height
    for _ in range(quarter_turns % 4):
        x, y = points[..., 0].copy(), points[..., 1].copy()
        points[..., 0], points[..., 1] = np.float32(height) - y, x
        width, height = height, width
    return PoseSequence(points, pose.mask, pose.timestamps, width, height, dict(pose.meta))


def stood_upright(pose: PoseSequence) -> tuple[PoseSequence, int]:
    """``pose`` with its signer stood upright (turned :func:`quarter_turns_to_upright` times; ``pose`` itself
    when upright or when that cannot be told), and those turns: where they are not 0, it is said."""
    turns = quarter_turns_to_upright(pose)
    return (turned(pose, turns) if turns else pose), turns


def turns_as_seen(quarter_turns: int, flipped: bool) -> int:
    """``quarter_turns`` clockwise of a picture as they are seen where it is shown ``flipped`` (a mirror
    view): turned one way, a mirror image turns the other. Its own inverse: the turns seen, given, are the
    turns of the picture."""
    return -quarter_turns % 4 if flipped else quarter_turns % 4


# What the camera chooser offers, by the turns as the learner sees them on screen
TURN_CHOICES = ("Not turned", "A quarter turn clockwise", "A half turn", "A quarter turn anticlockwise")
SUGGESTED = " (suggested)"  # after the turn the live tracking suggests, in the camera chooser
TURN_IT = "Turn it upright"
NOT_NOW = "Not now"


def _looks(tracked_turns: int) -> str:
    return "upside down" if tracked_turns == 2 else "turned on its side"


def turned_camera_words(tracked_turns: int) -> str:
    """What a live view says when its camera's picture looks turned (``tracked_turns``: what brings it
    upright)."""
    return (
        f"Your camera's picture looks {_looks(tracked_turns)}, so your signing cannot be followed. Turn it "
        "here, or in the camera settings (File → Camera…)."
    )


def turned_tracking_words(tracked_turns: int) -> str:
    """The live view's tracking line while its camera's picture looks turned: a problem, not "✓ Tracking"
    under the note saying the signing cannot be followed."""
    return f"⚠ Your picture looks {_looks(tracked_turns)}: turn it upright."


def turned_attempt_words(tracked_turns: int) -> str:
    """Why an attempt whose own frames are turned (``tracked_turns``: what brings them upright) has no score:
    its body lies on its side, so no correction or score of it would mean anything. It points to the camera
    settings only: after "Not now" the note over the picture, and its "Turn it upright", are gone for the run
    (while the note is shown it offers its button itself)."""
    return (
        f"Not scored: your camera's picture looks {_looks(tracked_turns)}, so your signing cannot be "
        "followed. Choose the turn in File → Camera… (“Turn the picture”), then sign again."
    )


def suggested_turn_words(tracked_turns: int, turns_seen: int) -> str:
    """What the camera chooser says of the turn the live tracking suggests (``tracked_turns``: what stands
    the tracked picture upright; ``turns_seen``: that turn as the learner sees it, TURN_CHOICES' index)."""
    return (
        f"Your picture looks {_looks(tracked_turns)}: “{TURN_CHOICES[turns_seen]}” stands you upright. It is "
        "chosen here for you to see; OK keeps it."
    )


class UprightEvents(EventGroup):
    suggestion_changed: EventEmitter  # (turns: int | None): the turns suggested now, None when none


class UprightWatch:
    """Whether the live camera's picture looks turned on its side: the head beside or below the shoulders in
    most of a window of the frames tracked last (:func:`told_turns_to_upright`). Its :attr:`suggestion` is
    the clockwise quarter turns of the tracked picture (unmirrored) that bring the head up, None when there
    are none to suggest. It changes only when a full window tells otherwise: one that cannot tell (nobody
    in the picture, tracking lost) keeps what was said, so the learner's message does not come and go.
    Dismissed, it suggests nothing more until it is restarted not dismissed (:meth:`restart`)."""

    def __init__(self) -> None:
        self.events = UprightEvents()
        self.suggestion: int | None = None
        self._frames: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=WATCH_FRAMES)
        self._size = (0, 0)
        self._since_look = 0
        self._dismissed = False

    def frame(self, points: np.ndarray, mask: np.ndarray, width: int, height: int) -> None:
        """One tracked frame: ``points`` (75, 3) in pixels of a ``width`` x ``height`` picture, ``mask``."""
        if (width, height) != self._size:  # another picture (turned): the frames before are not its own
            self._frames.clear()
            self._size = (width, height)
        self._frames.append((points, mask))
        self._since_look += 1
        if self._dismissed or len(self._frames) < WATCH_FRAMES or self._since_look < LOOK_EVERY_FRAMES:
            return
        self._since_look = 0
        window = PoseSequence(
            np.stack([points for points, _ in self._frames]),
            np.stack([mask for _, mask in self._frames]),
            np.arange(len(self._frames), dtype=np.float64),
            width,
            height,
        )
        turns = told_turns_to_upright(window)
        if turns is not None:
            self._suggest(turns or None)

    def restart(self, *, dismissed: bool = False) -> None:
        """The camera started again, or its picture was turned: what was seen before no longer applies.
        ``dismissed``: the learner said "Not now" to this camera before (it is not said again)."""
        self._frames.clear()
        self._since_look = 0
        self._dismissed = dismissed
        self._suggest(None)

    def dismiss(self) -> None:
        """The learner keeps the picture as it is: nothing more is suggested until :meth:`restart`."""
        self._dismissed = True
        self._suggest(None)

    def _suggest(self, turns: int | None) -> None:
        if turns != self.suggestion:
            self.suggestion = turns
            self.events.suggestion_changed.emit(turns)
