"""Pose normalisation: the numpy reference definition.

The encoder carries the same computation in torch inside its ONNX graph (``trainer/model.py``), so the app
feeds raw landmarks; this module is the definition the two are tested against, and what the DTW baseline uses.

Two views of every frame, both invariant to where the signer stands and how far they are from the camera:

* **Global view** (x, y of the upper body and both hands): centred between the shoulders and scaled by
  the shoulder width, both averaged over the clip (per clip, not per frame, so that the body's own movement
  is kept). When the clip has no body (the DGS data has only hands and the nose) the scale comes from the
  hand size (``HAND_SIZE_TO_SHOULDER_WIDTH`` x the mean hand size) and the centre from the nose, moved down
  to where the shoulders' midpoint usually is (``NOSE_TO_SHOULDER_CENTRE`` shoulder widths below it). Clips
  with neither shoulders nor nose are centred on the mean of their detected points.
* **Hand view** (x, y and, with ``use_depth``, z of each hand): every hand relative to its own wrist and
  scaled by its own size in that frame, so hand shape is seen apart from where the hand is.

Only the sign itself is looked at: :func:`signing_span`, the frames from the first to the last in which a
hand is raised: detected, and with the body in view, its wrist above the rest line ``REST_BELOW_SHOULDERS``
shoulder widths below the shoulders (:func:`raised_hands`). Footage before and after (a dictionary video's
signer standing with the hands hanging or out of view, a recording started early) is left out, and the
clip's time starts at its first signing frame; gaps inside the sign are kept. A clip whose hands never rise
above the line keeps the frames from the first to the last with a hand. Inside the sign, a hand hanging below
the line in a frame is left out of that frame (:func:`without_resting_hands`): filmed down to the hips, the
other hand of a one-handed sign hangs in view throughout. A free hand held still above the line (resting on
the belly), clearly below the signing hand and never approached by it, is left out of the whole clip by the
encoder and the feedback (:func:`still_free_hands`; DTW keeps it). Before, idle frames moved the
encoder's embeddings far enough to lose most matches between an untrimmed video and trimmed clips
(models/MODEL_CARD.md, "the sign without the idle frames around it").

**One dominant side** (:func:`canonical_side`): left-handed signers make the mirror image of a right-handed
sign, so every clip is first brought to one canonical form in which the hand that leads the sign is the
RIGHT one. The leading hand is the one whose wrist travels further over the sign (:func:`hand_activity`:
its path through the frames where it is detected, so a hand that is seen less also counts less); a clip led
by the left hand is mirrored (left and right points swapped, x negated). The mirror image of a clip thus
gets the same features as the clip, and a left-handed learner is compared with right-handed references
without a setting. Measured on traduttore, whose signers are right-handed: every one-handed sign is
decided "right" in all of its clips (two-handed signs go either way, where the mirror image is much the
same sign). DTW makes no such decision: it compares a clip both as it is and mirrored and keeps the nearer
(:mod:`signcore.dtw`), which held up better where hand sides are only guessed (models/MODEL_CARD.md).

Missing points are never fed as coordinates: their features are 0 AND their mask feature is 0, so the model
can tell "not detected" from "at the centre". Depth (z) is only used inside the hand view, where MediaPipe
gives it relative to the wrist; with ``use_depth=False`` 2-D-only data (z = 0) looks the same as 3-D data.

The constants were measured on the traduttore MediaPipe Holistic data (median over ~125k frames with body and
hands): shoulder width / hand size is 3.3 (right hand) to 4.2 (left), and the shoulders' midpoint lies
0.8 shoulder widths below the nose.
"""

from __future__ import annotations

import numpy as np

from signcore.layout import (
    HAND_POINTS,
    LEFT_ELBOW,
    LEFT_HAND,
    LEFT_SHOULDER,
    LOWER_BODY,
    MIRROR_PERMUTATION,
    N_POINTS,
    NOSE,
    RIGHT_ELBOW,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    WRIST,
    PoseSequence,
)

HAND_SIZE_TO_SHOULDER_WIDTH = 3.5
RAISED_LEAD = 0.1  # of a clip's frames: a hand raised this much more often than the other signs
# Of a clip's frames: a hand raised, or seen, this much more often than the other leaves no doubt which one
# signs. Below it (most two-handed signs: both raised about equally) the guess flips from clip to clip.
CLEAR_LEAD = 0.25
NOSE_TO_SHOULDER_CENTRE = 0.8
# Knuckles whose mean distance to the wrist is the "hand size": index, middle, ring and pinky MCP.
HAND_SIZE_POINTS = (5, 9, 13, 17)
MIN_SCALE = 1e-6
# Below this line (shoulder widths below the shoulders) a hand is at rest, not signing: arms hanging at the
# sides put the wrists about 1.5 below, the lowest signs (at the belly) about 1.0-1.2. Of the 4,243
# traduttore clips 3 have a hand this low at their ends (models/MODEL_CARD.md, "Resting hands in view").
REST_BELOW_SHOULDERS = 1.5
# A free hand held still in view (a dictionary signer's hand resting at the waist, a learner's on the
# belly) is left out of the whole clip when its wrist stays within STILL_WITHIN shoulder widths of its mean
# place, LOWER_BY or more below the other hand's wrist, and no point of either hand or its elbow comes within
# NEAR_WITHIN of the other's where both are measured: a base hand the signing hand or elbow touches stays
# (coffee; tree, its elbow on the base hand), and so do both hands
# of a sign made with two hands side by side (can (ASL): the hand that moves less was left out when "lower"
# was not asked for).
# "Stays" and "below" allow a tenth of the frames (STRAY_SHARE) off: a tracker glitch misplaces a frame.
# (models/MODEL_CARD.md, "A free hand held still in view")
STILL_WITHIN = 0.15
NEAR_WITHIN = 0.3
LOWER_BY = 0.3
STRAY_SHARE = 0.1

# Points of the global view: the upper body (face, shoulders, arms) and both hands; legs carry no sign.
GLOBAL_POINTS: tuple[int, ...] = tuple(i for i in range(N_POINTS) if i not in LOWER_BODY)
HAND_STARTS: tuple[int, int] = (LEFT_HAND.start, RIGHT_HAND.start)
HAND_SIZE = RIGHT_HAND.stop - RIGHT_HAND.start


def above_the_line(
    points: np.ndarray,
    mask: np.ndarray,
    heights: np.ndarray,
    widths_below: float,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """THE line across a body, ``widths_below`` shoulder widths below the shoulders' midpoint (or below
    ``start``, (T, K) image y's, when given): whether both shoulders are seen in each frame ((T,) bool;
    without them there is no shoulder width, and what that means is the caller's to say), and whether each
    of ``heights`` ((T, K) image y, growing downwards) is above the line in its frame ((T, K) bool).
    Compared as squares, in float32, with the same operations as the encoder's graph
    (``trainer.model.signing_part``): no square root, whose last bit differs between libraries."""
    points = np.asarray(points, np.float32)
    left, right = points[:, LEFT_SHOULDER, :2], points[:, RIGHT_SHOULDER, :2]
    reach = np.float32(widths_below**2) * ((left - right) ** 2).sum(-1)  # (the line's depth)^2
    if start is None:
        start = ((left[:, 1] + right[:, 1]) / np.float32(2))[:, None]
    depth = np.asarray(heights, np.float32) - np.asarray(start, np.float32)  # how far below the start
    shoulders = np.asarray(mask[:, LEFT_SHOULDER] & mask[:, RIGHT_SHOULDER], bool)
    return shoulders, (depth < 0) | (depth * depth < reach[:, None])


def hands_at_rest_line(
    points: np.ndarray, mask: np.ndarray, below_shoulders: float
) -> tuple[np.ndarray, np.ndarray]:
    """(T, 2) bool each, for the left and the right hand: detected, and raised, i.e. detected with its wrist
    above the line ``below_shoulders`` shoulder widths below the shoulders (:func:`above_the_line`).
    Without both shoulders in a frame, or without the hand's wrist point, a detected hand counts as raised:
    there is nothing to measure it against."""
    points, mask = np.asarray(points, np.float32), np.asarray(mask, bool)
    wrists = [hand.start + WRIST for hand in (LEFT_HAND, RIGHT_HAND)]
    shoulders, above = above_the_line(points, mask, points[:, wrists, 1], below_shoulders)
    detected = np.stack([mask[:, hand].any(axis=1) for hand in (LEFT_HAND, RIGHT_HAND)], axis=1)
    raised = detected & (~(shoulders[:, None] & mask[:, wrists]) | above)
    return detected, raised


def raised_hands(points: np.ndarray, mask: np.ndarray, below_shoulders: float) -> np.ndarray:
    """(T,) bool: is a hand raised above the line ``below_shoulders`` shoulder widths below the shoulders in
    each frame (:func:`hands_at_rest_line`)?"""
    return np.asarray(hands_at_rest_line(points, mask, below_shoulders)[1].any(axis=1))


def signing_part(
    points: np.ndarray, mask: np.ndarray, still_hand_out: bool = True
) -> tuple[slice, np.ndarray]:
    """The sign in a clip, from one look at the rest line (``REST_BELOW_SHOULDERS``): its span
    (:func:`signing_span`) and its mask without the hands resting below the line
    (:func:`without_resting_hands`) and, with ``still_hand_out``, without a still free hand
    (:func:`still_free_hands`; DTW keeps it). The span is the same either way, so every view of a clip
    plays, aligns and compares the same frames. The numpy twin of ``trainer.model.signing_part``."""
    mask = np.asarray(mask, bool)
    detected, raised = hands_at_rest_line(points, mask, REST_BELOW_SHOULDERS)
    kept = mask.copy()
    if raised.any():  # (a sign made wholly low keeps its hands)
        for side, hand in enumerate((LEFT_HAND, RIGHT_HAND)):
            kept[:, hand] &= ~(detected[:, side] & ~raised[:, side])[:, None]
    if still_hand_out:
        still = still_free_hands(points, mask, raised)
        for side, hand in enumerate((LEFT_HAND, RIGHT_HAND)):
            if still[side]:
                kept[:, hand] = False
    span = slice(0, len(mask))  # no hand at all: every frame, so a clip never becomes empty
    for frames in (raised.any(axis=1), detected.any(axis=1)):
        found = np.flatnonzero(frames)
        if len(found):
            span = slice(int(found[0]), int(found[-1]) + 1)
            break
    return span, kept


def still_free_hands(points: np.ndarray, mask: np.ndarray, raised: np.ndarray) -> np.ndarray:
    """(2,) bool for the left and the right hand: a free hand held still (``STILL_WITHIN``, ``LOWER_BY``,
    ``NEAR_WITHIN``), at most one. Measured in the frames with both shoulders and the wrist in view and the
    hand raised (``raised``: :func:`hands_at_rest_line`'s), relative to the shoulders' midpoint, against that
    frame's shoulder width, as squares in float32, as the encoder's graph does
    (``trainer.model.still_free_hands``; a mean summed in another order can decide otherwise a rounding
    step from a threshold). A clip without a body never has one."""
    points, mask = np.asarray(points, np.float32), np.asarray(mask, bool)
    left, right = points[:, LEFT_SHOULDER, :2], points[:, RIGHT_SHOULDER, :2]
    width2 = ((left - right) ** 2).sum(-1)  # (T,) the shoulder width, squared
    middle = (left + right) / np.float32(2)
    shoulders = mask[:, LEFT_SHOULDER] & mask[:, RIGHT_SHOULDER]
    wrists_seen = np.stack([mask[:, hand.start + WRIST] for hand in (LEFT_HAND, RIGHT_HAND)], 1)
    measured = shoulders[:, None] & wrists_seen & raised
    both = measured.all(axis=1)
    if not both.any():
        return np.zeros(2, bool)
    wrists = points[:, [hand.start + WRIST for hand in (LEFT_HAND, RIGHT_HAND)], :2] - middle[:, None]
    drop = wrists[both, 0, 1] - wrists[both, 1, 1]  # how far the left wrist is below the right
    lower = drop * drop > np.float32(LOWER_BY**2) * width2[both]
    still = np.array([_mostly(lower & (drop > 0)), _mostly(lower & (drop < 0))])
    for side in np.flatnonzero(still):
        frames = measured[:, side]
        off = ((wrists[frames, side] - wrists[frames, side].mean(axis=0)) ** 2).sum(-1)
        still[side] = _mostly(off < np.float32(STILL_WITHIN**2) * width2[frames])
    if not still.any():
        return still
    left_arm = [*range(LEFT_HAND.start, LEFT_HAND.stop), LEFT_ELBOW]  # an elbow resting on the other hand
    right_arm = [*range(RIGHT_HAND.start, RIGHT_HAND.stop), RIGHT_ELBOW]  # touches it (tree, noon, day)
    for frame in np.flatnonzero(both):
        ours = points[frame, left_arm, :2][mask[frame, left_arm]]
        theirs = points[frame, right_arm, :2][mask[frame, right_arm]]
        apart2 = ((ours[:, None] - theirs[None]) ** 2).sum(-1).min()
        if apart2 < np.float32(NEAR_WITHIN**2) * width2[frame]:
            return np.zeros(2, bool)
    return still


def _mostly(holds: np.ndarray) -> bool:
    """Does ``holds`` fail in at most STRAY_SHARE of its frames (compared as the graph does, in float32)?"""
    strays = np.float32(np.count_nonzero(~holds))
    return bool(strays <= np.float32(STRAY_SHARE) * np.float32(len(holds)))


def without_resting_hands(points: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mask with every hand left out in the frames where it hangs below the rest line
    (``REST_BELOW_SHOULDERS``): filmed down to the hips, the other hand of a one-handed sign hangs in view
    throughout, where a webcam cut at the chest sees none, and the encoder took such a clip for another
    sign (models/MODEL_CARD.md, "A hand hanging in view during the sign"). A clip that never raises a
    hand above the line keeps its hands: the whole sign is made low. A free hand held still is left out
    of every frame too (:func:`still_free_hands`), as the encoder does."""
    return signing_part(points, mask)[1]


def signing_span(points: np.ndarray, mask: np.ndarray) -> slice:
    """The frames from the first to the last with a hand raised above the rest line (module docstring);
    from the first to the last with a hand detected when no hand is ever raised; every frame when no hand
    is detected at all, so a clip never becomes empty."""
    return signing_part(points, mask)[0]


def hand_activity(points: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(2,) for the left and right hand: how far the wrist travels over the clip (x, y; the sum of its steps
    between consecutive frames in which it is detected). Both hands are measured in the same units, so only
    their comparison means something."""
    activity = np.zeros(2)
    for side, start in enumerate(HAND_STARTS):
        wrist = np.asarray(points[:, start + WRIST, :2], np.float64)
        seen = np.asarray(mask[:, start + WRIST], bool)
        steps = np.linalg.norm(np.diff(wrist, axis=0), axis=1)
        activity[side] = steps[seen[1:] & seen[:-1]].sum()
    return activity


def leads_with_left(points: np.ndarray, mask: np.ndarray) -> bool:
    """Is the clip's leading hand the left one (module docstring)? A tie keeps the clip as it is."""
    left, right = hand_activity(points, mask)
    return bool(left > right)


def mirror_points(points: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mirror image: left and right points swapped and x negated (everything after this is measured
    from the clip's own centre, so no image width is needed)."""
    mirrored = np.array(points[:, MIRROR_PERMUTATION], np.float64)
    mirrored[..., 0] *= -1.0
    return mirrored, np.asarray(mask)[:, MIRROR_PERMUTATION]


def canonical_side(points: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """The clip with its leading hand on the right (mirrored when the left leads), and whether it was
    mirrored."""
    if leads_with_left(points, mask):
        return (*mirror_points(points, mask), True)
    return np.asarray(points, np.float64), np.asarray(mask, bool), False


def mirrored_feature_order(use_depth: bool) -> tuple[np.ndarray, np.ndarray]:
    """(order, signs), each (feature_size(use_depth),): the features of a clip's mirror image, computed
    without the canonical side, are ``features[..., order] * signs`` (points swapped left for right, every x
    negated; the body frame and the hand sizes are the mirror images of the clip's own). So the encoder can
    fold the mirror into its first layer's weights instead of reordering every frame's points."""
    position = {point: i for i, point in enumerate(GLOBAL_POINTS)}
    n_global = len(GLOBAL_POINTS)
    global_order = np.array([position[int(MIRROR_PERMUTATION[point])] for point in GLOBAL_POINTS])
    hands = LEFT_HAND.start
    hand_order = MIRROR_PERMUTATION[hands : hands + 2 * HAND_SIZE] - hands
    dims = 3 if use_depth else 2
    order, signs = [global_order, n_global + global_order], [-np.ones(n_global), np.ones(n_global)]
    for axis in range(dims):
        order.append(2 * n_global + axis * 2 * HAND_SIZE + hand_order)
        signs.append(np.full(2 * HAND_SIZE, -1.0 if axis == 0 else 1.0))
    order.append(2 * n_global + dims * 2 * HAND_SIZE + global_order)
    signs.append(np.ones(n_global))
    return np.concatenate(order), np.concatenate(signs)


def feature_size(use_depth: bool) -> int:
    """Length of the per-frame feature vector from :func:`frame_features`."""
    hand_dims = 3 if use_depth else 2
    return int(len(GLOBAL_POINTS) * 2 + 2 * HAND_SIZE * hand_dims + len(GLOBAL_POINTS))


def hand_sizes(points: np.ndarray, mask: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """Per frame and hand: mean wrist-to-knuckle distance (T, 2), and whether it could be measured (T, 2)."""
    sizes, known = [], []
    for start in HAND_STARTS:
        wrist = points[:, start + WRIST, :dims]
        knuckles = points[:, [start + k for k in HAND_SIZE_POINTS], :dims]
        sizes.append(np.linalg.norm(knuckles - wrist[:, None], axis=-1).mean(axis=1))
        known.append(mask[:, start + WRIST] & mask[:, [start + k for k in HAND_SIZE_POINTS]].all(axis=1))
    return np.stack(sizes, axis=1), np.stack(known, axis=1)


def body_frame(points: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, float]:
    """The clip's reference frame: centre (x, y) and scale, as described in the module docstring."""
    points = np.asarray(points, np.float64)
    shoulders = mask[:, LEFT_SHOULDER] & mask[:, RIGHT_SHOULDER]
    if shoulders.any():
        left, right = points[shoulders, LEFT_SHOULDER, :2], points[shoulders, RIGHT_SHOULDER, :2]
        centre = ((left + right) / 2).mean(axis=0)
        return centre, max(float(np.linalg.norm(left - right, axis=1).mean()), MIN_SCALE)

    sizes, known = hand_sizes(points, mask, dims=2)
    scale = HAND_SIZE_TO_SHOULDER_WIDTH * float(sizes[known].mean()) if known.any() else 1.0
    scale = max(scale, MIN_SCALE)
    if mask[:, NOSE].any():
        nose = points[mask[:, NOSE], NOSE, :2].mean(axis=0)
        centre = nose + np.array([0.0, NOSE_TO_SHOULDER_CENTRE * scale])
    elif mask.any():
        centre = points[mask][:, :2].mean(axis=0)
    else:
        centre = np.zeros(2)
    return centre, scale


def body_xy(pose: PoseSequence, span: slice | None = None) -> np.ndarray:
    """(T, 75, 2) every point of a clip in its body frame (:func:`body_frame` over its
    :func:`signing_span`, ``span`` when the caller has it); meaningless where the mask is False."""
    span = signing_span(pose.points, pose.mask) if span is None else span
    centre, scale = body_frame(pose.points[span], pose.mask[span])
    xy: np.ndarray = (pose.points[..., :2].astype(np.float64) - centre) / scale
    return xy


_HAND_WRIST, _INDEX_KNUCKLE, _LITTLE_KNUCKLE = (
    HAND_POINTS.index(name) for name in ("WRIST", "INDEX_FINGER_MCP", "PINKY_MCP")
)
_FINGERTIPS = [HAND_POINTS.index(name) for name in HAND_POINTS if name.endswith("_TIP")]
_PALM = [_HAND_WRIST, *HAND_SIZE_POINTS]


def right_shaped(hands: np.ndarray) -> np.ndarray:
    """(frames,) whether each hand of ``hands`` (frames, 21, 3; image x right, y down, the tracker's depth)
    is shaped as a right hand. A left hand is a right hand's mirror image: the turn from the index to the
    little finger knuckle about the wrist, taken against the side the fingers curl to (the fingertips' mean
    from the palm's centre), turns one way for a right hand and the other for a left, however the hand
    faces or points. Without depth (z 0) every hand reads as a left one."""
    wrist = hands[:, _HAND_WRIST]
    turn = np.cross(hands[:, _INDEX_KNUCKLE] - wrist, hands[:, _LITTLE_KNUCKLE] - wrist)
    curl = hands[:, _FINGERTIPS].mean(axis=1) - hands[:, _PALM].mean(axis=1)
    return np.asarray(np.einsum("fd,fd->f", turn, curl) > 0)


def signing_hand(pose: PoseSequence, xy: np.ndarray | None = None) -> str:
    """ "left" or "right": the hand a clip is signed with as the learner is shown it (the close-up's hand, a
    clip's and a new sign's "left-handed"/"dominant hand"). The one raised into the signing space (wrist
    above half a shoulder width below the shoulders) in clearly more frames (``RAISED_LEAD`` of the clip); the
    other hand often rests lower, and may be tracked in as many frames. When neither is (a DGS clip signed low
    in its guide, one hand raised for a frame or two), the hand seen in more frames; the right on a tie.
    ``xy``: the clip's :func:`body_xy`, if known. Not :func:`leads_with_left`, the encoder's own choice of
    side by the wrists' travel: the learner is told which hand they see at work. How sure the guess is:
    :func:`clear_signing_hand`."""
    return _more_used_hand(*_left_hand_leads(pose, xy), len(pose))


def clear_signing_hand(pose: PoseSequence, xy: np.ndarray | None = None) -> str | None:
    """:func:`signing_hand` when the clip leaves no doubt: that hand raised, or seen, in ``CLEAR_LEAD`` of the
    clip's frames more than the other, and the other neither raised nor seen clearly more often
    (``RAISED_LEAD``). None for a clip of two hands raised and seen about equally (a two-handed sign): which
    hand leads is then a guess that flips from clip to clip of one sign ("can (ASL)": left, right, left)."""
    raised, seen = _left_hand_leads(pose, xy)
    hand = _more_used_hand(raised, seen, len(pose))
    toward = [lead if hand == "left" else -lead for lead in (raised, seen)]
    if max(toward) >= CLEAR_LEAD * len(pose) and min(toward) > -RAISED_LEAD * len(pose):
        return hand
    return None


def _more_used_hand(raised: int, seen: int, frames: int) -> str:
    """:func:`signing_hand`'s rule on :func:`_left_hand_leads`."""
    lead = raised if abs(raised) >= RAISED_LEAD * frames else seen
    return "left" if lead > 0 else "right"


def _left_hand_leads(pose: PoseSequence, xy: np.ndarray | None) -> tuple[int, int]:
    """In how many more frames the left hand than the right is raised into the signing space, and is seen
    (negative: the right hand more)."""
    xy = body_xy(pose) if xy is None else xy
    left, right = LEFT_HAND.start, RIGHT_HAND.start  # the wrists
    seen_left, seen_right = pose.mask[:, left], pose.mask[:, right]
    raised = int((seen_left & (xy[:, left, 1] < 0.5)).sum()) - int(
        (seen_right & (xy[:, right, 1] < 0.5)).sum()
    )
    return raised, int(seen_left.sum()) - int(seen_right.sum())


def global_view(points: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(T, len(GLOBAL_POINTS), 2): x, y in the clip's body frame; 0 where not detected."""
    centre, scale = body_frame(points, mask)
    selected = (np.asarray(points, np.float64)[:, GLOBAL_POINTS, :2] - centre) / scale
    return np.where(mask[:, GLOBAL_POINTS, None], selected, 0.0)


def hand_view(points: np.ndarray, mask: np.ndarray, use_depth: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(T, 42, dims) each hand relative to its wrist and size, and its mask (T, 42)."""
    dims = 3 if use_depth else 2
    points = np.asarray(points, np.float64)
    sizes, known = hand_sizes(points, mask, dims)
    views, masks = [], []
    for side, start in enumerate(HAND_STARTS):
        hand = points[:, start : start + HAND_SIZE, :dims]
        local = (hand - hand[:, WRIST : WRIST + 1]) / np.maximum(sizes[:, side], MIN_SCALE)[:, None, None]
        hand_mask = mask[:, start : start + HAND_SIZE] & known[:, side : side + 1]
        views.append(np.where(hand_mask[..., None], local, 0.0))
        masks.append(hand_mask)
    return np.concatenate(views, axis=1), np.concatenate(masks, axis=1)


def frame_features(points: np.ndarray, mask: np.ndarray, use_depth: bool = True) -> np.ndarray:
    """(T, feature_size(use_depth)) float32: global view, hand view, and the global points' mask, of the
    clip brought to its canonical side (:func:`canonical_side`).

    Coordinate by coordinate (every x, then every y, ...) within each view: the encoder computes them as
    whole planes, which is much faster in ONNX Runtime than point by point."""
    points, mask, _ = canonical_side(points, np.asarray(mask, bool))
    n_frames = len(points)
    global_xy = global_view(points, mask).transpose(0, 2, 1).reshape(n_frames, -1)
    hands = hand_view(points, mask, use_depth)[0].transpose(0, 2, 1).reshape(n_frames, -1)
    detected = mask[:, GLOBAL_POINTS].astype(np.float64)
    return np.concatenate([global_xy, hands, detected], axis=1).astype(np.float32)
