"""How skeletons are shown: ONE convention for every view (live, reference, replay, previews, search, map).

* **Mirror view** (the ``mirror_display`` setting, on by default): everything is shown as in a mirror, so the
  learner's own right hand and the reference signer's right hand are on the same side of the screen.
  Off: everything as a camera facing the signer sees it.
* **The learner's hand** (the ``left_handed`` setting: the left, else the right): every clip of the sign
  database is shown signed with the learner's hand, as they are to copy it (and feedback compares with it):
  a clip signed with the other hand is shown as its mirror image, one signed with theirs as it is
  (:meth:`ViewConvention.reference`), all of one sign's alike (:class:`ClipHands`), and its hand's close-up
  is the learner's hand. The learner's live signing is never mirrored by it.
* **Only the hands that were there**: every clip of the sign database is shown, and compared with by
  feedback, without the hands its tracker made up and with its hands on the sides their shapes say where
  its reader guessed them: it is read so (:func:`reference_clip`), once; the ranking reads it as stored.
* **Colours by whose hand**: a signer's right hand is always drawn in ``RIGHT_HAND_COLOUR``, the left in
  ``LEFT_HAND_COLOUR``, on the learner and on the reference alike (a legend says so).

Coordinates here are the signer's body frame of :func:`signcore.normalize.body_frame`: shoulder widths from
the shoulders' centre, y down, x as the camera sees it (to the signer's left); :meth:`ViewConvention.screen_x`
turns that into the screen's x. Clips without a body (the DGS data: hands and one face point) get a
head-and-shoulders *guide* placed from the face point and the hand size (:func:`head_and_shoulders`), so
where a sign is made can be seen on every clip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from desktop_app.core.signing.session import signing_frames
from signcore import normalize
from signcore.errors import InputError
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    LEFT_WRIST_BODY,
    LOWER_BODY,
    NOSE,
    POSE_POINTS,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    RIGHT_WRIST_BODY,
    WRIST,
    PoseSequence,
)

if TYPE_CHECKING:
    from signcore.database import ClipInfo, SignDatabase

RIGHT_HAND_COLOUR = "#3a8ee0"
LEFT_HAND_COLOUR = "#f08a2c"
BODY_COLOUR = "#c9ced8"
HAND_SLICES = {"left": LEFT_HAND, "right": RIGHT_HAND}
FACE_POINTS = tuple(
    i
    for i, name in enumerate(POSE_POINTS)
    if name in ("NOSE", "LEFT_EYE", "RIGHT_EYE", "LEFT_EAR", "RIGHT_EAR")
)
# The arms' points framed across only while their hand does not sign (figure_extents), and the side of each
# (0: left, 1: right; its shoulder and its hand)
ARM_POINTS = tuple(
    POSE_POINTS.index(name) for name in ("LEFT_ELBOW", "RIGHT_ELBOW", "LEFT_WRIST", "RIGHT_WRIST")
)
ARM_SIDES = (0, 1, 0, 1)
# Each arm's elbow, its wrist in the body tracker's points, and its hand (arms_reaching_hands)
ARMS_AND_HANDS = (
    (POSE_POINTS.index("LEFT_ELBOW"), LEFT_WRIST_BODY, LEFT_HAND),
    (POSE_POINTS.index("RIGHT_ELBOW"), RIGHT_WRIST_BODY, RIGHT_HAND),
)
# The body tracker's own finger points of each arm (as ARMS_AND_HANDS): beside a tracked hand, stray dots
BODY_FINGERS = tuple(
    tuple(POSE_POINTS.index(f"{side}_{finger}") for finger in ("PINKY", "INDEX", "THUMB"))
    for side in ("LEFT", "RIGHT")
)
HEAD_SIZE = (0.62, 0.8)  # head outline width and height in shoulder widths (a typical adult's proportions)
GUIDE_UPPER_ARM = 0.6  # shoulder widths a guide's upper arms hang down, to show the body's extent (framed
# below every figure's shoulders, so that a figure without its arms in view still shows its chest)
FRAME_MARGIN = 0.15  # shoulder widths around the figure
LONE_SPIKE = 0.5  # shoulder widths a frame's figure reaches beyond both its neighbours' in a tracking glitch
SHORT_CLIP_S = 1.5  # clips up to this long are interpolated between frames for smooth slow playback
CLOSEUP_LEAST_SPAN = 2.0  # hand sizes a player's close-up shows at least each way: a fist is drawn small
# A clip's hand seen in under this share of its signing frames takes no part in its sign (as feedback counts
# a hand used): where the other hand signs, it is a tracker glitch (without_tracker_glitches).
BRIEF_HAND_SHARE = 0.3
# Two hands whose points lie this close (mean distance in hand sizes) are one hand reported twice: the DGS
# starter clips' duplicates lie 0.1-0.35 apart, two real hands 0.5 and more even when they touch (their
# thumbs on opposite sides).
SAME_HAND = 0.35
# Shoulder widths a wrist moves at most from one frame to the next where a brief hand carries on the other
# hand's track (that hand relabelled by the tracker): 95% of the starter clips' steps are under 0.2.
RELABEL_STEP = 0.3


Box = tuple[float, float, float, float]  # left, top, right, bottom


def colour_key(entries: Iterable[tuple[str, str, str]]) -> str:
    """A key to a picture's colours as rich text: each (colour, mark, words) as the mark in its colour and
    the words after it (``words`` is rich text: escape what came from the learner)."""
    return " &nbsp; ".join(
        f"<span style='color:{colour}'>{mark}</span> {words}" for colour, mark, words in entries
    )


class _ViewSettings(Protocol):
    mirror_display: bool
    left_handed: bool


@dataclass(frozen=True)
class ViewConvention:
    mirror: bool = True
    left_handed: bool = False

    @classmethod
    def from_settings(cls, settings: _ViewSettings) -> ViewConvention:
        return cls(settings.mirror_display, settings.left_handed)

    @property
    def learners_hand(self) -> str:
        """ "left" or "right": the hand the learner signs with."""
        return "left" if self.left_handed else "right"

    def mirrors(self, signed_with: str) -> bool:
        """Whether a clip of the sign database signed with ``signed_with`` (its hand by
        :meth:`ClipHands.of`) is shown mirrored: when that is the other hand than the learner's, so that every
        clip of a sign is shown signed with the learner's hand, whichever hand its signer used: a left-handed
        clip is shown as it is to a left-handed learner, mirrored to a right-handed one."""
        return signed_with != self.learners_hand

    def mirrored_note(self, signed_with: str) -> str:
        """THE words saying that a clip of the sign database signed with ``signed_with`` is shown mirrored
        (:meth:`mirrors`), wherever one is shown to be copied (Practice, the Library); "" when it is shown as
        it is. The Library showed a left-handed learner every clip with the left hand under "dominant hand:
        right", unexplained. Not "shown mirrored": with mirror view off, the legend below said "as a camera
        sees the signer" beside it, two different flips called by one word."""
        if not self.mirrors(signed_with):
            return ""
        return (
            "The reference is shown with its hands swapped, so that you sign it with your "
            f"{self.learners_hand} hand."
        )

    def reference(self, pose: PoseSequence, signed_with: str) -> PoseSequence:
        """A clip of the sign database (as :func:`reference_clip` reads it) as the learner is to see and copy
        it (see :meth:`mirrors`): what every player shows of it and what feedback compares an attempt with,
        so that the two agree."""
        return pose.mirrored() if self.mirrors(signed_with) else pose

    def screen_x(self, x: np.ndarray) -> np.ndarray:
        return -x if self.mirror else x

    def legend(self) -> str:
        return "as in a mirror" if self.mirror else "as a camera sees the signer"


class ClipHands:
    """The hand each clip of a sign database is signed with, as every view shows it (:meth:`of`). Read once
    per sign (a few milliseconds a clip) and kept while the database is unchanged (the context drops it when
    the database changes; a clip added since has its sign read again)."""

    def __init__(self, database: SignDatabase):
        self.database = database
        # sign id -> (clip id -> the hand it clearly signs with, None: not clearly), the sign's hand
        self._signs: dict[int, tuple[dict[int, str | None], str]] = {}

    def of(
        self,
        clip: ClipInfo,
        sign_clips: Sequence[ClipInfo] | None = None,
        poses: Mapping[int, PoseSequence] | None = None,
    ) -> str:
        """``clip``'s hand: the one stored with it (a clip recorded or imported in the app: the hand the
        Library labels it with); else, a starter clip, the one it clearly signs with
        (:func:`signcore.normalize.clear_signing_hand`); else, a starter clip of two hands raised about
        equally, its sign's hand (:func:`sign_hand`), so that all such clips of one sign are shown signed with
        the same hand, as its clear ones are. Each was shown by its own guess: "can (ASL)" was signed with the
        right hand in five clips and with the left in three. ``sign_clips`` (all the clips of ``clip``'s
        sign) and ``poses`` (clip id -> the clip as :func:`reference_clip` reads it, of some of them):
        what the caller has read already, not read again."""
        if clip.handedness:
            return clip.handedness
        known = self._signs.get(clip.sign_id)
        if known is None or clip.id not in known[0]:  # a clip added since
            known = self._signs[clip.sign_id] = self._read(clip.sign_id, sign_clips, poses or {})
        clear, hand_of_sign = known
        return clear.get(clip.id) or hand_of_sign

    def _read(
        self, sign_id: int, sign_clips: Sequence[ClipInfo] | None, poses: Mapping[int, PoseSequence]
    ) -> tuple[dict[int, str | None], str]:
        """The sign's clips' clear hands and its hand, from the clips without a stored hand (starter clips,
        and imported ones of two hands raised alike). A stored hand has no say: a recording of a two-handed
        sign stores the learner's hand, and clips imported or recorded by earlier versions stored a guess."""
        clear: dict[int, str | None] = {}
        guessed: list[str] = []
        for clip in self.database.clips(sign_id) if sign_clips is None else sign_clips:
            if clip.handedness:
                continue
            try:  # judged as shown: without the hands its tracker made up
                pose = poses[clip.id] if clip.id in poses else reference_clip(self.database, clip.id)
            except InputError:  # a damaged clip has no say (where it is shown, it is said to be damaged)
                clear[clip.id] = None
                continue
            xy = normalize.body_xy(pose)
            clear[clip.id] = normalize.clear_signing_hand(pose, xy)
            guessed.append(normalize.signing_hand(pose, xy))
        return clear, sign_hand([hand for hand in clear.values() if hand], guessed)


def reference_clip(database: SignDatabase, clip_id: int) -> PoseSequence:
    """Clip ``clip_id`` of ``database`` as every view shows it and feedback compares with it
    (:func:`as_a_reference`). THE reader of a clip as a reference (the players, the hands of
    :class:`ClipHands`, the scoring target), so that it is cleaned once."""
    return as_a_reference(database.clip_pose(clip_id))


def as_a_reference(pose: PoseSequence) -> PoseSequence:
    """A clip of other signers as every view shows it and feedback compares with it: without the hands its
    tracker made up (:func:`without_tracker_glitches`), its hands on the sides their shapes say where its
    reader could only guess them (:func:`sided_by_shape`)."""
    return sided_by_shape(without_tracker_glitches(pose))


# Of the frames a clip without a body shows a hand in, with depth: the share whose hand is shaped as the other
# side's (signcore.normalize.right_shaped) from which its sides were guessed wrong (sided_by_shape)
SIDES_AGAINST_THE_SHAPES = 2 / 3


def sided_by_shape(pose: PoseSequence) -> PoseSequence:
    """``pose`` with its left and right hands swapped where it has no body to tell them apart and their
    shapes say they are on the wrong sides (in ``SIDES_AGAINST_THE_SHAPES`` of the frames they are seen in);
    else ``pose`` itself. The DGS reader puts a hand on the side of the face it is on
    (:func:`signcore.formats.dgs.read_dgs_csv`), which a hand signing at the body's middle is on neither:
    "Haben (DGS)" is signed with the right hand on the chest, stored as the left in 7 of its 8 clips, and
    the Library labelled those "left-handed" under "dominant hand: right". Mended as read, not in the
    stored clips: the ranking's embeddings were computed from them (models/MODEL_CARD.md, the reader with
    the hand-shape cue, not adopted)."""
    if (pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER]).any():
        return pose  # a body's arms tell its hands apart (MediaPipe's sides)
    against = frames = 0
    for side, hand in HAND_SLICES.items():
        seen = pose.mask[:, hand].all(axis=1) & (pose.points[:, hand, 2] != 0).any(axis=1)
        frames += int(seen.sum())
        against += int((normalize.right_shaped(pose.points[seen, hand]) != (side == "right")).sum())
    return pose if not frames or against < SIDES_AGAINST_THE_SHAPES * frames else pose.hands_swapped()


def hand_shares(kept: np.ndarray, signing: np.ndarray) -> np.ndarray:
    """(2,) the share of the ``signing`` frames (``session.signing_frames``) in which the left and the right
    hand of the mask ``kept`` are seen: a mask without the hands resting below the rest line
    (``normalize.signing_part``'s), so that a hand hanging at the side is not counted as taking part."""
    if not signing.any():
        return np.zeros(2)
    return np.array([kept[signing][:, hand].any(axis=1).mean() for hand in (LEFT_HAND, RIGHT_HAND)])


def without_tracker_glitches(pose: PoseSequence) -> PoseSequence:
    """``pose`` without the hands its hand tracker made up, as every view shows a clip of the sign database
    and feedback compares with it: a second hand whose points coincide with the other hand's, in the frames
    they do (``SAME_HAND``: one hand reported twice; the copy is the hand seen in fewer frames), and a hand
    seen in only a few frames of a sign the other hand makes (under ``BRIEF_HAND_SHARE`` of its signing
    frames, :func:`hand_shares`). Frames of such a brief hand that carry on the other hand's track where it
    is missing (``RELABEL_STEP``) are that hand given the wrong side, and are moved back: "Bier (DGS)" clip
    6 reported its right hand as a left in its last 11 frames. About 80 one-handed DGS starter clips showed
    such a hand flickering beside the one signing. ``pose`` itself when there is nothing to remove; the
    clip as stored keeps them (the ranking reads it as it is)."""
    hands = (LEFT_HAND, RIGHT_HAND)
    seen = np.stack([pose.mask[:, hand].any(axis=1) for hand in hands], axis=1)
    if not seen.any(axis=0).all():
        return pose  # one hand or none: no second hand
    second = int(np.argmin(seen.sum(axis=0)))  # 0: the left hand, 1: the right
    main = 1 - second
    points, mask = pose.points.copy(), pose.mask.copy()
    sizes, known = normalize.hand_sizes(points, mask, dims=2)
    both = seen.all(axis=1) & known.all(axis=1)
    apart = np.linalg.norm(points[:, LEFT_HAND, :2] - points[:, RIGHT_HAND, :2], axis=-1).mean(axis=1)
    copies = both & (apart < SAME_HAND * np.maximum(sizes.mean(axis=1), normalize.MIN_SCALE))
    mask[copies, hands[second]] = False
    # Once: the frames signed. A free hand held still is a hand, not a glitch: it stays
    span, kept = normalize.signing_part(pose.points, pose.mask, still_hand_out=False)
    signing = signing_frames(pose, kept=kept)
    shares = hand_shares(kept & mask, signing)
    if shares[second] < BRIEF_HAND_SHARE <= shares[main]:
        _move_back_relabelled(points, mask, normalize.body_xy(pose, span), hands[second], hands[main])
        mask[:, hands[second]] = False
    if np.array_equal(mask, pose.mask):
        return pose
    return PoseSequence(points, mask, pose.timestamps, pose.width, pose.height, dict(pose.meta))


def _move_back_relabelled(
    points: np.ndarray, mask: np.ndarray, xy: np.ndarray, brief: slice, signing: slice
) -> None:
    """Move the ``brief`` hand's frames that carry on the ``signing`` hand's track (its wrist within
    ``RELABEL_STEP`` of that hand's in the frame before, or after, in frames without it) to the signing hand,
    in place. Followed forwards and then backwards, so a run of such frames at either end of a clip moves."""
    for order in (range(1, len(mask)), range(len(mask) - 2, -1, -1)):
        for frame in order:
            beside = frame - order.step
            carried_on = mask[frame, brief.start + WRIST] and mask[beside, signing.start + WRIST]
            if not carried_on or mask[frame, signing].any():
                continue
            step = np.linalg.norm(xy[frame, brief.start + WRIST] - xy[beside, signing.start + WRIST])
            if step <= RELABEL_STEP:
                points[frame, signing], mask[frame, signing] = points[frame, brief], mask[frame, brief]
                xy[frame, signing] = xy[frame, brief]
                mask[frame, brief] = False


def sign_hand(clear: Sequence[str], guessed: Sequence[str]) -> str:
    """The hand a sign's clips of two hands raised about equally are shown signed with: the one most of its
    clips clearly sign with (``clear``: :func:`signcore.normalize.clear_signing_hand`'s); when as many clearly
    sign with either (none, in most two-handed signs), the one most of them are guessed to sign with
    (``guessed``: :func:`signcore.normalize.signing_hand`'s); the right on a tie."""
    for hands in (clear, guessed):
        left, right = hands.count("left"), hands.count("right")
        if left != right:
            return "left" if left > right else "right"
    return "right"


@dataclass(frozen=True)
class HeadAndShoulders:
    """Where to draw the head outline and the shoulders of one clip, in its body frame."""

    head_centre: np.ndarray  # (T, 2); nan where the face was not seen
    shoulders: np.ndarray  # (T, 2, 2) the signer's left and right shoulder; nan where not seen
    is_guide: bool  # placed from the face point and hand size (no body in the clip): drawn as a guide
    head_is_guide: bool = False  # placed above the shoulders (a body without a face): drawn as a guide


# What the dashed lines are, the same words in every player: "dashed: a guide", where its reason ("(no face in
# this clip)") did not fit on a line (the record window's players), told the learner nothing. Short enough
# for one line in the narrowest figure (a 1000-px window's correction picture, ~150 px).
GUIDE = "dashed: not in this clip"


def guide_caption(bodies: Sequence[HeadAndShoulders]) -> str:
    """What the dashed lines of these figures stand for ("" when none is dashed)."""
    return GUIDE if any(body.is_guide or body.head_is_guide for body in bodies) else ""


def upper_body_mask(mask: np.ndarray) -> np.ndarray:
    """The mask without the points below the waist (no sign information, usually out of frame)."""
    mask = mask.copy()
    mask[..., list(LOWER_BODY)] = False
    return mask


def head_and_shoulders(pose: PoseSequence, xy: np.ndarray | None = None) -> HeadAndShoulders:
    """The head (the mean of the face points seen) and the shoulders per frame: from the body landmarks
    where the clip has them, otherwise a guide (shoulders where the body frame puts them, the head at the
    face point)."""
    xy = normalize.body_xy(pose) if xy is None else xy
    face_seen = pose.mask[:, FACE_POINTS]
    with np.errstate(invalid="ignore"):
        head = (np.where(face_seen[..., None], xy[:, FACE_POINTS], 0.0).sum(1)) / face_seen.sum(1)[:, None]
    has_body = bool((pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER]).any())
    if has_body:
        shoulders = xy[:, [LEFT_SHOULDER, RIGHT_SHOULDER]].copy()
        shoulders[~(pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER])] = np.nan
        if face_seen.any():
            return HeadAndShoulders(head, shoulders, False)
        # A file with body points but none of the face's (e.g. pose-format's reduced MediaPipe files, whose
        # face is a mesh the layout does not read): the head where it usually is above the shoulders.
        middle, width = shoulders.mean(axis=1), np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1)
        head = middle - np.stack([np.zeros_like(width), normalize.NOSE_TO_SHOULDER_CENTRE * width], -1)
        return HeadAndShoulders(head, shoulders, False, head_is_guide=True)
    # The body frame of a clip without shoulders is centred where the shoulders' midpoint usually is.
    shoulders = np.broadcast_to(np.array([[0.5, 0.0], [-0.5, 0.0]]), (len(pose), 2, 2)).copy()
    if not pose.mask[:, NOSE].any():
        head = np.broadcast_to(np.array([0.0, -normalize.NOSE_TO_SHOULDER_CENTRE]), (len(pose), 2)).copy()
    return HeadAndShoulders(head, shoulders, True)


def moment_space(track_xy: np.ndarray, mask: np.ndarray, body: HeadAndShoulders, frame: int) -> Box:
    """(left, top, right, bottom) in body-frame units framing the whole figure of one frame (``track_xy``,
    ``mask``: the clip's body_xy and mask) as drawn: the head outline, the shoulders and a guide's upper arms,
    every upper-body point shown, the arms down to the hands (:func:`arms_reaching_hands`). The correction's
    two pictures frame one moment each: framed for the whole clip, the learner's arm hanging at that moment
    ran off the bottom and a side."""
    xy, shown = arms_reaching_hands(track_xy[frame], mask[frame])
    head, shoulders = body.head_centre[frame], body.shoulders[frame]
    half_head = np.array(HEAD_SIZE) / 2
    guide_arms = shoulders + np.array([0.0, GUIDE_UPPER_ARM]) if body.is_guide else shoulders
    outline = [head - half_head, head + half_head, shoulders, guide_arms]
    points = np.vstack([xy[upper_body_mask(shown)], *outline])
    points = points[np.isfinite(points).all(axis=1)]
    (left, top), (right, bottom) = points.min(axis=0) - FRAME_MARGIN, points.max(axis=0) + FRAME_MARGIN
    return float(left), float(top), float(right), float(bottom)


def enclosing(boxes: Iterable[Box]) -> Box:
    """The box (left, top, right, bottom) around all of ``boxes``."""
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


def figure_space(extents: FigureExtents) -> Box:
    """(left, top, right, bottom) in body-frame units framing the signer from the head to the hands over the
    whole clip: the head outline, the shoulders and the upper arms below them (a guide's drawn ones), and
    both hands in every frame they sign in. A hand hanging below the rest line, or a free hand held still, is
    not framed (:func:`signcore.normalize.without_resting_hands`, the encoder's rule), and in the frames its
    hand is not framed, an arm's elbow and the body's own wrist point are framed across only: an arm hanging
    at the side reached two shoulder widths below the shoulders and made the ASL figures a third smaller
    than the signing; it leaves the view at the bottom, as a webcam cuts a signer at the chest. Not framed
    at all, the elbow of an arm raised to the side (hello (ASL)'s) ran off the canvas's edge. The arm of a
    hand that signs is framed whole, down to its elbow: framed across, a lesson's replay, wide and low, cut
    the signing forearm at its bottom edge, the hand floating on a stub (the starter ASL figures are a
    tenth taller for it: thank-you's elbow is 1.2 shoulder widths below the shoulders, its hand 0.75). A
    lone frame that a tracking glitch puts far from both its neighbours (one in eight of the starter clips
    has one, often the first frame) must not shrink the figure in all the others.
    """
    shown = extents.shown
    left, top = -_without_lone_spikes(-extents.low[shown]).max(axis=0) - FRAME_MARGIN
    right, bottom = _without_lone_spikes(extents.high[shown]).max(axis=0) + FRAME_MARGIN
    return float(left), float(top), float(right), float(bottom)


def drawn_frames(extents: FigureExtents) -> np.ndarray:
    """(T,) the frame a player draws for each frame of the clip (of these :func:`figure_extents`): itself,
    or for a lone glitch frame (the one :func:`figure_space` leaves out: many ASL starter clips start with
    the figure elsewhere, "coffee" as a single line) its nearest other frame. The clip keeps it: scoring reads
    the clip as stored, and feedback does not compare a hand in a lone glitch frame of its own."""
    shown = extents.shown
    glitch = np.zeros(len(shown), bool)
    glitch[shown] = (lone_spikes(-extents.low[shown]) | lone_spikes(extents.high[shown])).any(axis=1)
    frames = np.arange(len(shown))
    sound = frames[~glitch]
    if not glitch.any() or not len(sound):
        return frames
    return np.where(glitch, _nearest(sound, frames), frames)


def _nearest(among: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """For each of ``frames``, the nearest of the sorted frames ``among`` (not empty)."""
    after = np.minimum(np.searchsorted(among, frames), len(among) - 1)
    before = np.maximum(after - 1, 0)
    return np.where(frames - among[before] <= np.abs(among[after] - frames), among[before], among[after])


def hanging_arms_held(pose: PoseSequence, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(xy, mask) of ``pose`` (``xy``: its body_xy) as drawn: an elbow not seen in a frame where its arm hangs
    (its shoulder seen, its hand and wrist not) drawn where it was seen nearest in time. A webcam that cuts
    the learner at the chest sees their elbows at its bottom edge now and then: the upper arm came and went,
    and the correction's "You" at a moment without them was a head on a line, beside a reference with its
    arms. For the eye only: scoring and feedback read the clip as stored."""
    xy, mask = xy.copy(), pose.mask.copy()
    frames = np.arange(len(pose))
    for (elbow, body_wrist, hand), shoulder in zip(
        ARMS_AND_HANDS, (LEFT_SHOULDER, RIGHT_SHOULDER), strict=True
    ):
        seen = frames[mask[:, elbow]]
        hanging = ~mask[:, elbow] & mask[:, shoulder] & ~mask[:, body_wrist] & ~mask[:, hand.start + WRIST]
        if len(seen) and hanging.any():
            xy[hanging, elbow] = xy[_nearest(seen, frames[hanging]), elbow]
            mask[hanging, elbow] = True
    return xy, mask


@dataclass(frozen=True)
class FigureExtents:
    """The lowest and highest (x, y) of the figure framed in each frame (see :func:`figure_space`), each
    (T, 2); inf and -inf in a frame showing nothing. Read once per clip, for its framing and the frames
    drawn (:func:`drawn_frames`)."""

    low: np.ndarray
    high: np.ndarray

    @property
    def shown(self) -> np.ndarray:
        """(T,) the frames that show something."""
        return np.asarray(np.isfinite(self.low).all(axis=1))


def figure_extents(pose: PoseSequence, xy: np.ndarray, body: HeadAndShoulders) -> FigureExtents:
    """The figure framed, frame by frame: both hands where they sign (not below the rest line), the head
    outline, the shoulders and the upper arms below them, and the arms: across, or whole where their hand
    signs (see :func:`figure_space`)."""
    hand_points = np.arange(pose.mask.shape[1]) >= LEFT_HAND.start  # the layout ends with both hands
    signing = normalize.without_resting_hands(pose.points, pose.mask) & hand_points
    half_head = np.array(HEAD_SIZE) / 2
    parts = [np.where(signing[..., None], xy, np.nan), body.head_centre[:, None] - half_head]
    parts += [body.head_centre[:, None] + half_head, body.shoulders]
    parts += [body.shoulders + np.array([0.0, GUIDE_UPPER_ARM])]
    # An arm whose hand does not sign at its shoulders' height: how far it reaches to the side, not how far
    # it hangs; one whose hand signs whole, down to its elbow, so that its forearm reaches the hand in view
    arms = np.stack([xy[:, ARM_POINTS, 0], body.shoulders[:, ARM_SIDES, 1]], axis=-1)
    hand_signs = np.stack([signing[:, hand].any(axis=1) for hand in (LEFT_HAND, RIGHT_HAND)], axis=1)
    arms = np.where(hand_signs[:, ARM_SIDES, None], xy[:, ARM_POINTS], arms)
    parts += [np.where(pose.mask[:, ARM_POINTS, None], arms, np.nan)]
    points = np.concatenate(parts, axis=1)  # (T, N, 2), nan where not shown
    seen = np.isfinite(points).all(axis=2)
    low = np.where(seen[..., None], points, np.inf).min(axis=1)
    high = np.where(seen[..., None], points, -np.inf).max(axis=1)
    return FigureExtents(low, high)


def lone_spikes(values: np.ndarray) -> np.ndarray:
    """(T, D) bools: where a per-frame value (in shoulder widths) rises more than ``LONE_SPIKE`` above both
    its neighbours' (at the ends, its one neighbour's): a glitch of one frame."""
    return values > _neighbours(values) + LONE_SPIKE


def _neighbours(values: np.ndarray) -> np.ndarray:
    """(T, 2) the higher of each frame's two neighbours' values (at the ends, its one neighbour's)."""
    if len(values) < 2:
        return values
    before = np.concatenate([values[1:2], values[:-1]])
    after = np.concatenate([values[1:], values[-2:-1]])
    return np.asarray(np.maximum(before, after))


def _without_lone_spikes(values: np.ndarray) -> np.ndarray:
    """(T, 2) per-frame values, each brought down to its neighbours' where it is a lone spike."""
    return np.where(lone_spikes(values), _neighbours(values), values)


def frame_at(
    pose: PoseSequence, xy: np.ndarray, mask: np.ndarray, frames: tuple[int, int], fraction: float
) -> tuple[np.ndarray, np.ndarray]:
    """The clip between two of its frames: (xy (75, 2), mask (75,)) of its points as drawn (``xy``,
    ``mask``). Points seen in both are interpolated (``fraction`` 0 = the first frame); others come from the
    nearer frame. Short clips (20 frames of ASL) played slowly would otherwise jump from pose to pose."""
    first, second = frames
    nearer = first if fraction < 0.5 else second
    if first == second or pose.duration > SHORT_CLIP_S:
        return xy[nearer], mask[nearer]
    both = mask[first] & mask[second]
    blended = (1.0 - fraction) * xy[first] + fraction * xy[second]
    return np.where(both[:, None], blended, xy[nearer]), mask[nearer] | both


def arms_reaching_hands(xy: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One moment of a figure (xy (75, 2), mask (75,)) as drawn: each forearm reaching its hand. The body
    tracker's wrist lies 0.1-0.2 shoulder widths from the hand tracker's in many starter clips (no (ASL),
    coffee (ASL)), or is not seen where the hand is (hello (ASL)): the forearm stopped short of the hand or
    was missing, and the hand floated beside it. Where the elbow and the hand's wrist are seen, the forearm
    runs to the hand's own wrist. Where the hand is seen, the body tracker's own coarse finger points of
    that arm are left out: they lag with its wrist and showed as stray dots beside the drawn hand. For the
    eye only: scoring and feedback read the clip as stored."""
    xy, mask = xy.copy(), mask.copy()
    for (elbow, body_wrist, hand), fingers in zip(ARMS_AND_HANDS, BODY_FINGERS, strict=True):
        if mask[hand.start + WRIST]:
            mask[list(fingers)] = False
            if mask[elbow]:
                xy[body_wrist], mask[body_wrist] = xy[hand.start + WRIST], True
    return xy, mask


def closeup_span(
    hands: Sequence[tuple[np.ndarray, np.ndarray]], least: float = CLOSEUP_LEAST_SPAN
) -> tuple[np.ndarray, np.ndarray]:
    """The centre and the span (x, y; in hand sizes, at least ``least``) of a close-up that shows every one
    of ``hands`` (points and mask, from :func:`hand_closeup`; the tracks of one player) whole at one scale."""
    seen = np.concatenate([points[mask] for points, mask in hands])
    low, high = seen.min(axis=0), seen.max(axis=0)
    return (low + high) / 2, np.maximum(high - low, least)


NOT_SEEN = "not seen"  # under a close-up's caption ("left hand"), at a moment its hand is not tracked


def closeup_words(hand: str, seen: bool, yours: bool) -> str:
    """A close-up's words whole (its tooltip): whose hand it shows, "your" where it follows the learner's
    own signing (named as every correction names it: the learner's own left or right), and whether it is
    seen now."""
    whose = f"your {hand} hand" if yours else f"{hand} hand"
    return whose if seen else f"{whose}: {NOT_SEEN} now"


def unseen_hand_notes(hand: str, yours: bool) -> tuple[str, ...]:
    """What a close-up writes under its caption at a moment its figure's ``hand`` is not seen, longest first
    (the first that fits is written). The learner's (``yours``) says whose hand: in a replay a lone "not
    seen" stood over the reference's faint hand, and did not say it meant the learner's. Its words are kept
    together by no-break spaces where a narrow box wraps them ("your right / hand: not / seen")."""
    not_seen = NOT_SEEN.replace(" ", "\u00a0")
    if yours:
        return f"your {hand}\u00a0hand: {not_seen}", f"yours: {not_seen}", not_seen
    return (not_seen,)


def hand_closeup(xy: np.ndarray, mask: np.ndarray, hand: str) -> tuple[np.ndarray, np.ndarray]:
    """One hand's 21 points relative to its wrist, in units of its own size, and their mask: its shape
    seen apart from where it is (for the close-up). Nothing is shown for a hand whose size is unknown."""
    component = HAND_SLICES[hand]
    points, seen = xy[component], mask[component]
    knuckles = [k for k in normalize.HAND_SIZE_POINTS if seen[k]]
    if not seen[0] or not knuckles:
        return np.zeros((component.stop - component.start, 2)), np.zeros(
            component.stop - component.start, bool
        )
    size = float(np.linalg.norm(points[knuckles] - points[0], axis=1).mean())
    return (points - points[0]) / max(size, normalize.MIN_SCALE), seen


# A right hand held up open, palm to the camera, as the camera sees it (x to the signer's left, y down) and
# as hand_closeup gives it (from its wrist, in hand sizes): the 21 points MediaPipe found of a real one, the
# starter database's clip dgs/3D_full/hallo/204f0bd8-5e98-48bb-9ebc-5d8b21f348ab.csv of "hallo" (DGS) at
# frame 28, a wave, rounded to 0.01. The pictures of the question which hand the learner signs with (Home).
RAISED_RIGHT_HAND = np.array(
    [
        (0.00, 0.00), (0.42, 0.01), (0.75, -0.18), (0.99, -0.37), (1.21, -0.49),  # wrist, thumb
        (0.61, -0.81), (0.79, -1.34), (0.87, -1.67), (0.92, -1.92),  # index finger
        (0.37, -0.96), (0.51, -1.57), (0.58, -1.94), (0.63, -2.19),  # middle finger
        (0.10, -1.00), (0.14, -1.61), (0.16, -1.96), (0.17, -2.20),  # ring finger
        (-0.15, -0.94), (-0.20, -1.45), (-0.22, -1.74), (-0.22, -1.98),  # little finger
    ]
)  # fmt: skip


def raised_hand(hand: str) -> np.ndarray:
    """The open hand ``hand`` ("left" or "right") held up, palm to the camera, as the camera sees it: the 21
    points of :data:`RAISED_RIGHT_HAND`, for the left hand its mirror image (a mirrored right hand is a
    left hand)."""
    return RAISED_RIGHT_HAND * (1.0 if hand == "right" else np.array([-1.0, 1.0]))


def sign_only(pose: PoseSequence) -> PoseSequence:
    """THE clip's sign: its frames from the first to the last with a hand raised
    (:func:`signcore.normalize.signing_span`, the frames the scoring compares), without those before and
    after it (a recording's start and end, the hands down or out of view: hello (ASL)'s first clip has no
    hand in its first 0.3 s). A reference is played so, a recording is kept within them
    (``library.Recording``: its longest go, so played again nothing is cut), a file is scored so. A stored
    clip keeps them: feedback and the replay align with it, and count its time from :func:`sign_start`."""
    return pose.frames(normalize.signing_span(pose.points, pose.mask))


def sign_start(pose: PoseSequence, span: slice | None = None) -> float:
    """Seconds into the clip as stored at which its sign starts: the first frame :func:`sign_only` plays.
    Every time of a clip counts from there (the player's clock, the replay's clock, a correction's moment,
    which its words place in the sign: "at the start of the sign"), so that they are of the sign the player
    plays: counted from the recording's start, hello (ASL)'s correction named "0.7-0.9 s" and its picture
    "0.6 s" of a sign the player showed as 0.3 s long. ``span``: the clip's ``normalize.signing_span``, when
    the caller has it."""
    span = normalize.signing_span(pose.points, pose.mask) if span is None else span
    return float(pose.timestamps[span.start])
