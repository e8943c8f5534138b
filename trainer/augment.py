"""Augmentations on raw landmarks (PoseSequence in, PoseSequence out), seeded by the caller's generator.

Every transform keeps the mask meaningful: missing points stay missing (their coordinates stay 0) and nothing
invents a point that was not detected. Spatial transforms act on x, y in pixels around the clip's own centre
(``signcore.normalize.body_frame``); z is left alone (it is relative depth, not an image coordinate).

* camera: rotation, shear and a mild perspective tilt, independent squeeze of x and y
* body: rotation of each arm at the shoulder and elbow, and of each hand at its wrist
* noise: small Gaussian jitter relative to the clip's scale
* time: speed change (timestamps stretched), crop, frame drop
* detection: a hand lost for a few frames, as a webcam tracker does; the body lost (all but the nose), so
  clips with a body also look like the DGS data, which has only hands and the nose
* mirroring: ``PoseSequence.mirrored`` (left-handed signing of the same sign)
* a free hand held still in view (``free_hand``, :func:`with_free_hand_held_still`; 0 but in the
  ``free_hand`` recipe)

and, for evaluation and tests only, :func:`with_idle_frames`, :func:`with_resting_hands` (untrimmed
recordings of a clip) and :func:`with_hanging_hand` (a one-handed sign filmed down to the hips).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from signcore.layout import (
    COMPONENT_SLICES,
    LEFT_HAND,
    LEFT_SHOULDER,
    NOSE,
    POSE,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    WRIST,
    PoseSequence,
    point_index,
)
from signcore.normalize import body_frame

_BODY = "POSE_LANDMARKS"
# Per side: shoulder, elbow, and everything the elbow carries (body wrist + body hand points + the hand).
_ARMS = tuple(
    (
        point_index(_BODY, f"{side}_SHOULDER"),
        point_index(_BODY, f"{side}_ELBOW"),
        [point_index(_BODY, f"{side}_{p}") for p in ("WRIST", "PINKY", "INDEX", "THUMB")]
        + list(range(hand.start, hand.stop)),
    )
    for side, hand in (("LEFT", LEFT_HAND), ("RIGHT", RIGHT_HAND))
)


@dataclass(frozen=True)
class AugmentConfig:
    rotation_degrees: float = 12.0
    shear: float = 0.15
    perspective: float = 0.1
    squeeze: float = 0.15
    arm_degrees: float = 8.0
    wrist_degrees: float = 10.0
    noise: float = 0.005  # standard deviation, in units of the clip's scale (about a shoulder width)
    speed: float = 0.25  # timestamps stretched by a factor in [1 / (1 + speed), 1 + speed]
    crop: float = 0.1  # up to this fraction of frames cut from each end
    frame_drop: float = 0.1
    hand_loss: float = 0.1  # chance per clip that a hand goes missing for a stretch of frames
    body_loss: float = 0.3  # chance per clip that the body is dropped, all but the nose
    mirror: float = 0.5
    free_hand: float = 0.0  # chance per one-handed clip that its free hand is held still in view

    def to_dict(self) -> dict:
        return asdict(self)


def _rotation(degrees: float) -> np.ndarray:
    angle = np.deg2rad(degrees)
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])


def _rotate_about(xy: np.ndarray, pivot: np.ndarray, degrees: float) -> np.ndarray:
    return (xy - pivot) @ _rotation(degrees).T + pivot


def camera(points: np.ndarray, centre: np.ndarray, scale: float, config: AugmentConfig, rng) -> np.ndarray:
    """Rotation, shear, squeeze and a mild perspective tilt of x, y around ``centre``."""
    xy = (points[..., :2] - centre) / scale
    shear = np.array(
        [[1.0, rng.uniform(-config.shear, config.shear)], [rng.uniform(-config.shear, config.shear), 1]]
    )
    squeeze = np.diag(1.0 + rng.uniform(-config.squeeze, config.squeeze, 2))
    xy = xy @ (_rotation(rng.uniform(-config.rotation_degrees, config.rotation_degrees)) @ shear @ squeeze).T
    tilt = rng.uniform(-config.perspective, config.perspective, 2)
    xy = xy / np.clip(1.0 + xy @ tilt, 0.5, None)[..., None]  # a homography's last row: farther side shrinks
    out = points.copy()
    out[..., :2] = xy * scale + centre
    return out


def joints(points: np.ndarray, mask: np.ndarray, config: AugmentConfig, rng) -> np.ndarray:
    """Each arm turned a little at the shoulder and elbow, each hand at its wrist (same in every frame)."""
    out = points.copy()
    for shoulder, elbow, forearm in _ARMS:
        for pivot, moved in ((shoulder, [elbow, *forearm]), (elbow, forearm)):
            angle = rng.uniform(-config.arm_degrees, config.arm_degrees)
            frames = np.flatnonzero(mask[:, pivot])
            region = np.ix_(frames, np.asarray(moved), np.array([0, 1]))
            out[region] = _rotate_about(out[region], out[frames, pivot, None, :2], angle)
    for hand in (LEFT_HAND, RIGHT_HAND):
        angle = rng.uniform(-config.wrist_degrees, config.wrist_degrees)
        wrists = out[:, hand.start + WRIST, None, :2]
        out[:, hand, :2] = _rotate_about(out[:, hand, :2], wrists, angle)
    return out


def lose_hand(mask: np.ndarray, rng) -> np.ndarray:
    """One hand missing for a stretch of up to a quarter of the clip."""
    hand = COMPONENT_SLICES["LEFT_HAND_LANDMARKS" if rng.random() < 0.5 else "RIGHT_HAND_LANDMARKS"]
    length = rng.integers(1, max(2, len(mask) // 4 + 1))
    start = rng.integers(0, max(1, len(mask) - length + 1))
    out = mask.copy()
    out[start : start + length, hand] = False
    return out


def lose_body(mask: np.ndarray) -> np.ndarray:
    """The body's points masked, all but the nose (the DGS data's view of a signer)."""
    out = mask.copy()
    out[:, [i for i in range(POSE.start, POSE.stop) if i != NOSE]] = False
    return out


def retime(pose: PoseSequence, config: AugmentConfig, rng) -> PoseSequence:
    """Crop, drop frames and change the speed; at least two frames are kept."""
    n = len(pose)
    if n < 3:
        return pose
    cut = int(config.crop * n)
    start, stop = rng.integers(0, cut + 1), n - rng.integers(0, cut + 1)
    keep = np.arange(start, stop)
    kept = keep[rng.random(len(keep)) >= config.frame_drop]
    keep = kept if len(kept) >= 2 else keep
    clip = pose.frames(keep)
    speed = np.exp(rng.uniform(-np.log1p(config.speed), np.log1p(config.speed)))
    clip.timestamps = clip.timestamps * speed
    return clip


def with_idle_frames(pose: PoseSequence, before: int, after: int) -> PoseSequence:
    """The clip as an untrimmed recording would hold it: ``before`` and ``after`` frames of the signer
    standing still with no hand in view (the first or last frame without its hands) around it, at the
    clip's own frame interval. Not a training augmentation: the encoder cuts such frames off
    (``signing_span``); ``trainer evaluate --idle-frames`` uses it to check that."""
    hands = np.zeros(pose.mask.shape[1], bool)
    hands[LEFT_HAND] = hands[RIGHT_HAND] = True
    index = np.r_[np.zeros(before, int), np.arange(len(pose)), np.full(after, len(pose) - 1)]
    mask = pose.mask[index]
    mask[:before] &= ~hands
    mask[len(index) - after :] &= ~hands
    times = _times_around(pose, before, after)
    return PoseSequence(pose.points[index], mask, times, pose.width, pose.height, dict(pose.meta))


def _times_around(pose: PoseSequence, before: int, after: int) -> np.ndarray:
    """Timestamps for ``before`` frames, the clip, and ``after`` frames, at the clip's frame interval."""
    step = float(np.median(np.diff(pose.timestamps))) if len(pose) > 1 else 1 / 30
    sign_times = before * step + pose.timestamps
    return np.r_[np.arange(before) * step, sign_times, sign_times[-1] + (1 + np.arange(after)) * step]


# Where with_resting_hands hangs the hands: wrists this many shoulder widths below the shoulders (arms
# hanging at the sides: about 1.5-1.8) and this far out from the shoulder points; middle knuckle downwards.
RESTING_WRIST_BELOW_SHOULDERS = 1.7
RESTING_WRIST_OUTSIDE_SHOULDERS = 0.15
HANDS = slice(LEFT_HAND.start, RIGHT_HAND.stop)  # both hands' points, side by side in the layout
_MIDDLE_KNUCKLE = 9


def with_resting_hands(pose: PoseSequence, before: int, after: int) -> PoseSequence:
    """The clip as a recording that starts and ends with the hands in view but at rest: ``before`` and
    ``after`` copies of its first or last frame with both hands hanging at the sides (:func:`_hanging`).
    A clip without both shoulders in its first and last frame, or without any hand, is returned as it is:
    there is nowhere to hang the hands; so is a clip whose framing would put a resting hand outside the
    picture (a webcam's, cut at the chest: there a camera sees no resting hand). Not a training
    augmentation: ``trainer evaluate --rest-frames`` uses it to check that the sign's span
    (``signing_span``) leaves such frames out."""
    ends = (0, len(pose) - 1)
    shapes = _hanging_shapes(pose)
    if not pose.mask[np.ix_(ends, [LEFT_SHOULDER, RIGHT_SHOULDER])].all() or len(shapes) < 2:
        return pose
    resting = []
    for frame in ends:
        points, mask = pose.points[frame].astype(np.float64), pose.mask[frame].copy()
        for hand in (LEFT_HAND, RIGHT_HAND):
            points[hand], mask[hand] = _hanging(points, hand, shapes[hand.start]), True
        resting.append((points, mask))
    (first, first_mask), (last, last_mask) = resting
    if not _in_picture(pose, np.r_[first[HANDS], last[HANDS]]):
        return pose
    points = np.concatenate([np.repeat(first[None], before, 0), pose.points, np.repeat(last[None], after, 0)])
    mask = np.concatenate(
        [np.repeat(first_mask[None], before, 0), pose.mask, np.repeat(last_mask[None], after, 0)]
    )
    times = _times_around(pose, before, after)
    return PoseSequence(points.astype(np.float32), mask, times, pose.width, pose.height, dict(pose.meta))


def with_hanging_hand(pose: PoseSequence) -> PoseSequence:
    """A one-handed sign filmed down to the hips: the hand the clip sees least, when it is missing in at
    least half of the frames, hangs at its side (:func:`_hanging`) in every frame where it is missing and
    both shoulders are in view. Returned as it is when there is no such hand, nowhere to hang it, or the
    framing would put it outside the picture. Not a training augmentation: it checks that hands below the
    rest line are left out frame by frame (``signcore.normalize.without_resting_hands``)."""
    free = _free_hand(pose)
    if free is None:
        return pose
    hand, shape, frames = free
    hanging = _with_hand_held(pose, hand, frames, shape)
    return hanging if _in_picture(pose, hanging.points[frames][:, hand].reshape(-1, 3)) else pose


# Where with_free_hand_held_still holds the hand: the wrist this many shoulder widths below the shoulders and
# outward of its shoulder (negative: in front of the body), the hand turned this far from fingers-down.
FREE_HAND_BELOW_SHOULDERS = (0.6, 1.4)
FREE_HAND_OUTSIDE_SHOULDERS = (-0.5, 0.3)
FREE_HAND_DEGREES = 60.0


def with_free_hand_held_still(pose: PoseSequence, rng: np.random.Generator) -> PoseSequence:
    """A one-handed sign whose free hand is held still in view, as signers filmed down to the waist often
    hold it: the hand the clip sees least, when missing in at least half of its frames, is put in every
    frame where it is missing and both shoulders are seen, at one random place beside or in front of the
    body (relative to the shoulders, so it follows the body) in a random turn of the clip's own shape or
    the other hand's mirrored. The encoder trained without it lost most cross-setup matches to such a
    hand (models/MODEL_CARD.md, "Limits")."""
    free = _free_hand(pose)
    if free is None:
        return pose
    hand, shape, frames = free
    angle = np.deg2rad(rng.uniform(-FREE_HAND_DEGREES, FREE_HAND_DEGREES))
    shape = shape.copy()
    shape[:, :2] = shape[:, :2] @ np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    below, outward = rng.uniform(*FREE_HAND_BELOW_SHOULDERS), rng.uniform(*FREE_HAND_OUTSIDE_SHOULDERS)
    return _with_hand_held(pose, hand, frames, shape, below, outward)


def _with_hand_held(
    pose: PoseSequence,
    hand: slice,
    frames: np.ndarray,
    shape: np.ndarray,
    below: float = RESTING_WRIST_BELOW_SHOULDERS,
    outward: float = RESTING_WRIST_OUTSIDE_SHOULDERS,
) -> PoseSequence:
    """``pose`` with ``hand`` in ``frames`` placed by :func:`_hanging` (the same arguments)."""
    points, mask = pose.points.astype(np.float64), pose.mask.copy()
    for frame in frames:
        points[frame, hand], mask[frame, hand] = _hanging(points[frame], hand, shape, below, outward), True
    return PoseSequence(
        points.astype(np.float32), mask, pose.timestamps, pose.width, pose.height, dict(pose.meta)
    )


def _free_hand(pose: PoseSequence) -> tuple[slice, np.ndarray, np.ndarray] | None:
    """The free hand of a one-handed clip: the hand it sees least, if missing in at least half of its
    frames; its hanging shape (:func:`_hanging_shapes`) and the frames where it is missing and both
    shoulders are seen. None when there is no such hand or no such frame."""
    seen = np.asarray(pose.mask[:, HANDS].reshape(len(pose), 2, -1).any(axis=2))  # (T, 2): left, right
    side = int(seen[:, 1].sum() < seen[:, 0].sum())
    hand = (LEFT_HAND, RIGHT_HAND)[side]
    shapes = _hanging_shapes(pose)
    frames = np.flatnonzero(~seen[:, side] & pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER])
    if seen[:, side].mean() > 0.5 or hand.start not in shapes or len(frames) == 0:
        return None
    return hand, shapes[hand.start], frames


def _hanging_shapes(pose: PoseSequence) -> dict[int, np.ndarray]:
    """hand start -> the hand's points relative to its wrist as it hangs: the clip's own first whole shape
    of that hand, else the other hand's mirrored; fingers down. No entry for a clip without any hand."""
    shapes = {}
    for hand, other in ((LEFT_HAND, RIGHT_HAND), (RIGHT_HAND, LEFT_HAND)):
        for source, flip in ((hand, 1.0), (other, -1.0)):
            seen = np.flatnonzero(pose.mask[:, source].all(axis=1))
            if len(seen):
                shape = pose.points[seen[0], source].astype(np.float64)
                shapes[hand.start] = _fingers_down((shape - shape[WRIST]) * [flip, 1.0, 1.0])
                break
    return shapes


def _hanging(
    points: np.ndarray,
    hand: slice,
    shape: np.ndarray,
    below: float = RESTING_WRIST_BELOW_SHOULDERS,
    outward: float = RESTING_WRIST_OUTSIDE_SHOULDERS,
) -> np.ndarray:
    """``hand``'s points (``shape`` around its wrist) in a frame with both shoulders (``points`` (75, 3)):
    the wrist ``below`` shoulder widths below the shoulders and ``outward`` out from its shoulder (by
    default hanging at the side, a little outside it)."""
    left, right = points[LEFT_SHOULDER, :2], points[RIGHT_SHOULDER, :2]
    width = float(np.linalg.norm(left - right))
    away = np.sign(left[0] - right[0]) * outward * width
    shoulder, side = (left, 1.0) if hand == LEFT_HAND else (right, -1.0)
    return shape + [shoulder[0] + side * away, (left[1] + right[1]) / 2 + below * width, 0.0]


def _in_picture(pose: PoseSequence, points: np.ndarray) -> bool:
    return bool(((points[:, :2] >= 0) & (points[:, :2] <= [pose.width, pose.height])).all())


def _fingers_down(hand: np.ndarray) -> np.ndarray:
    """A hand's points (relative to its wrist) turned in the image plane so that its middle knuckle is
    straight below the wrist (image y grows downwards)."""
    dx, dy = hand[_MIDDLE_KNUCKLE, :2]
    angle = np.arctan2(dx, dy)
    cos, sin = np.cos(angle), np.sin(angle)
    turned = hand.copy()
    turned[:, 0] = cos * hand[:, 0] - sin * hand[:, 1]
    turned[:, 1] = sin * hand[:, 0] + cos * hand[:, 1]
    return turned


def augment(pose: PoseSequence, config: AugmentConfig, rng: np.random.Generator) -> PoseSequence:
    """A randomly transformed copy of ``pose``."""
    if rng.random() < config.free_hand:
        pose = with_free_hand_held_still(pose, rng)
    if rng.random() < config.mirror:
        pose = pose.mirrored()
    pose = retime(pose, config, rng)
    centre, scale = body_frame(pose.points, pose.mask)
    points = camera(joints(pose.points, pose.mask, config, rng), centre, scale, config, rng)
    points = points + rng.normal(0.0, config.noise * scale, points.shape) * [1.0, 1.0, 0.0]
    mask = lose_hand(pose.mask, rng) if rng.random() < config.hand_loss else pose.mask
    mask = lose_body(mask) if rng.random() < config.body_loss else mask
    return PoseSequence(points.astype(np.float32), mask, pose.timestamps, pose.width, pose.height, pose.meta)
