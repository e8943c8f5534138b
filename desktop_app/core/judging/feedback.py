"""Feedback by the parameters signers use: handshape, location, movement and palm orientation, per hand.

The attempt is aligned to one reference clip of the target sign with DTW (:func:`signcore.dtw.dtw_path`), so
a learner who signs slower or faster than the reference is compared moment by moment with the matching
moment of the reference. Along that path each hand is described four ways, each in units that ignore where
the signer stands and how far from the camera (:mod:`signcore.normalize`):

* **location**: where the hand is (the palm's centre: the mean of the wrist and the four knuckles), in
  shoulder widths from the shoulders' centre, averaged over a short stretch of the sign (a constant offset
  is a wrong place, not a wrong movement). The wrist alone read a hand held up beside the head, its wrist at
  the shoulder, as close to a hand at the chest, and a hand bent at the wrist as elsewhere;
* **movement**: where the wrist goes over a short stretch (its displacement), compared relative to the
  larger of the two displacements, so a hand that goes up where the reference goes sideways differs fully
  however small the movement, and a hand held still matches a hand held still;
* **handshape**: distances between the wrist, knuckles and fingertips in hand sizes (they do not change
  when the hand turns in the picture plane or moves);
* **orientation**: where the fingers point (wrist to middle knuckle, as a direction) and which way the palm
  faces (the turn from index to little finger knuckle: palm towards the viewer or towards the signer).

A hand is not compared in a lone frame where the tracker put it far from both its neighbours (a glitch of one
frame, the first of many ASL starter clips), though it counts as seen there.

Each parameter and hand gets a 0-100 score from its mean cost along the path, ``100 / (1 + (cost / t)^2)``,
with ``t`` set so that the median cost between two reference clips of the same sign by different signers
(:data:`TYPICAL_COST`, measured on the starter database) scores ``TYPICAL_SCORE`` 75, as the overall score
does. The stretch of the attempt where the parameter differed most is reported with it (of stretches about
as bad, the one nearest the middle: a difference lasting through the sign is shown mid-sign). Not every moment
counts alike: where the sign's other references differ from the reference more than typically (its
:attr:`PreparedReference.leeway`: a DGS clip's hand on its way in from the sign before and out to the next)
and on the learner's way up into the sign and down out of it (``WAY_IN_AND_OUT``), a difference counts
less; else the one correction fell on the reference's last moments, its hand already dropping away. The
learner is shown ONE main correction: the lowest-scoring parameter below ``CORRECTION_SCORE`` (a hand
clearly elsewhere first, ``CLEARLY_ELSEWHERE``: where the hand is comes before its palm); for an attempt
scored below ``GOOD_SCORE`` with no parameter that low, the lowest-scoring one all the same if it
differs visibly (below ``VISIBLE_SCORE``), else words about the sign as a whole (:attr:`Feedback.overall`;
the overall score, from the encoder and DTW against all the sign's clips, and the parts, against one
reference, are measured apart: a score of 46 came with "all matched the reference well", then with a part
scoring 99.6 told as "the shape of your fingers differed" beside a close-up of two matching hands); or a
hand that was hardly tracked (then nothing else is said about that hand: there is nothing to judge it on,
and the attempt gets no overall score either: :attr:`Feedback.judged`).

An attempt scored low that looked more like another sign (the verdict names it) is told what tells the two
signs apart (:func:`tell_apart`): the sign's reference clip compared with the other sign's clip nearest the
attempt, aligned and measured part by part as an attempt is, and the part that differs most said in one
sentence with its moment. It replaces a correction that is no clear mistake, and follows one of the same part
(:attr:`Feedback.contrast`; the rule beside it in :func:`compare_with_reference`). "Your sign" is said only of
the learner's own attempt; another's clip, or a file scored, is "this clip" (:attr:`Signer.sign`).

A two-handed sign signed with one hand is no tracking failure but a real attempt, judged: its correction is
the hand left out, with where and when the reference's is, and its overall score is at most
``ONE_HAND_OF_TWO_SCORE``. The two are told apart by what was seen over the frames of the sign
(:func:`_hand_left_out`): the other hand tracked, and this hand not detected (but for a tracker glitch) and
its arm seen down throughout, is a hand left out; a hand seen for part of the sign (flickering, gone out of
the picture), an arm not seen down (raised with no hand found at its end, held low in the picture, hidden),
or no body to tell, is a hand not seen.

"Left" and "right" are the learner's own hands (the layout's physical sides), whatever the display mirror;
"your right" as a direction is the signer's own right too, the side the mirror view (the default) shows it on.
A clip of another signer (being imported) is spoken of as theirs (:class:`Signer`): "the signer's right
hand", "to the signer's right", the same sides.

A correction names its moment in words, by where it falls in the sign (:func:`_when`: "at the start of the
sign"): a learner does not time their signing in tenths of a second. The picture beside it shows that moment,
and a location correction names the directions the hand is off in there (:func:`_judge_hand`).
The moment comes first ("Location: in the middle of the sign, your right hand was lower than in the
reference."): after the rest it stacked up ("lower than in the reference in the middle of the sign"). Only
the learner is pointed at the picture or the close-up ("compare the picture"): the practice views show them,
and another signer's clip is only compared in the clip check, which plays the closest clip instead.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from desktop_app.core.judging.scoring import GOOD_SCORE, TYPICAL_SCORE, AttemptScore
from desktop_app.core.signing import view
from desktop_app.core.signing.session import signing_frames
from signcore import dtw, normalize
from signcore.layout import (
    LEFT_ELBOW,
    LEFT_HAND,
    LEFT_WRIST_BODY,
    RIGHT_ELBOW,
    RIGHT_HAND,
    RIGHT_WRIST_BODY,
    WRIST,
    PoseSequence,
)

log = logging.getLogger(__name__)

PARAMETERS = ("handshape", "location", "movement", "orientation")
HANDS = dtw.HANDS
# Median mean cost along the DTW path between two reference clips of the same sign: 410 hand comparisons in
# the starter database (5 pairs of clips per sign, by different signers where known). Such a difference scores
# TYPICAL_SCORE. The ASL clips (one recording set-up) differ about a third as much as the DGS clips.
TYPICAL_COST = {"handshape": 0.30, "location": 0.23, "movement": 0.59, "orientation": 0.29}
CORRECTION_SCORE = 60.0  # parameters scoring below this are worth a correction
# A part scoring at least this differs from the reference no more than two signers' clips of the sign
# typically differ from each other (TYPICAL_COST): nothing a learner could see as a mistake, so it is never
# the correction of a low score that has no part below CORRECTION_SCORE (_main_correction)
VISIBLE_SCORE = TYPICAL_SCORE
# Shoulder widths the learner's hand is from the reference's, on average over the sign, beyond which it is
# clearly elsewhere (a hand beside the face for one on the chest): its place is told first (_main_correction)
CLEARLY_ELSEWHERE = 0.5
# A hand "takes part" in a clip when it is seen in at least this share of its signing frames (a reference's
# hand seen less, beside the other, is a tracker glitch, not shown nor compared with: view.BRIEF_HAND_SHARE)
HAND_USED_FRACTION = view.BRIEF_HAND_SHARE
# A hand the reference uses is "barely tracked" when it was seen in under this share of the moments where the
# reference shows it: too little to judge.
TRACKED_FRACTION = 0.5
# The aspect of a two-handed sign's hand left out of the attempt (:func:`_hand_left_out`), and the highest
# overall score of such an attempt: half the sign's hands are missing. With one hand taken out of each
# two-handed starter clip (the clip held out of its sign's references) the encoder's score fell to a median
# of 15, but "muffin (ASL)" kept 73-80 (recognised, praised "Well done") and "Hose (DGS)" up to 69; at most
# 50 is never praised (GOOD_SCORE) nor rated Good in a review.
BOTH_HANDS = "both hands"
ONE_HAND_OF_TWO_SCORE = 50.0
# An arm seen down (_arms_down), in shoulder widths: an elbow hanging is lower than this below the shoulders
# (0.7-0.8 in the signing video's webcam framing, 0.85-1.2 in the starter database's ASL clips; one higher
# holds its arm up), and a hanging wrist at least FOREARM below its elbow (0.75 in those clips)
HANGING_ELBOW_BELOW = 0.5
FOREARM = 0.6
# Where the reference's hand left out is, in words: the first whose line (its palm's centre, shoulder widths
# below the shoulders' centre; the nose is about 0.8 above) it is above, else "at belly height".
HEIGHTS = ((-0.45, "at face height"), (0.15, "at shoulder height"), (0.85, "at chest height"))
# ... and where it is from the other hand: below (above) it within 30 degrees of straight down (up), beside it
# within 30 degrees of level, else both ("below and to the side of"): each part is named when it is at least
# this share of the other. Get's hand, half a shoulder width below the other and about as far aside, was
# "beside" it by one reference (a few degrees past 45) and "below" by another, each pictured on that diagonal.
DIAGONAL = math.tan(math.radians(30))
# Half-lengths (shares of the path) of the stretches that location averages over and movement measures
# over: a place is held for a while, a movement is quick.
PLACE_RADIUS_FRACTION = 0.25
MOTION_RADIUS_FRACTION = 0.15
SPAN_FRACTION = 0.25  # length of the reported stretch where a parameter differed most (share of the path)
# A stretch's moment in words (_when): the first whose share of the sign its middle is at or before
MOMENT_WORDS = (
    (1 / 3, "at the start of the sign"),
    (2 / 3, "in the middle of the sign"),
    (1.0, "at the end of the sign"),
)
# Stretches whose mean cost is within this share of the worst one's are as bad: a difference the learner could
# not tell apart is no reason to point at one moment rather than another (_worst_stretch)
TIE_SHARE = 0.05
# The sign's other references a reference is compared with to learn where they differ from it (its leeway):
# enough for a median, and few enough that choosing a sign with many clips stays quick.
LEEWAY_REFERENCES = 7
# Shares of the attempt at its start and end where the learner's hands are on their way up into the sign and
# down out of it (an attempt runs from hands raised to hands lowered): a difference there counts less, the
# more the nearer the end (not at all at the very first and last frame).
WAY_IN_AND_OUT = 0.15
MIN_MOTION = 0.15  # shoulder widths: displacements below this count as holding still
# Knuckle-to-knuckle and tip distances (hand point indices) that describe a handshape.
SHAPE_PAIRS = (
    (0, 4), (0, 8), (0, 12), (0, 16), (0, 20),  # wrist to fingertips: how bent each finger is
    (0, 3), (0, 6), (0, 10), (0, 14), (0, 18),  # wrist to the middle joints
    (4, 8), (8, 12), (12, 16), (16, 20),  # neighbouring fingertips: spread
    (4, 5), (4, 12),  # thumb tip to index knuckle and middle tip: thumb position
)  # fmt: skip
FINGERTIPS = (4, 8, 12, 16, 20)
INDEX_MCP, MIDDLE_MCP, PINKY_MCP = 5, 9, 17
# Said when no aspect is worth a correction: only beside a score that praises the attempt (GOOD_SCORE)
ALL_MATCHED_WELL = "Handshape, location, movement and palm orientation all matched the reference well."
# Said beside a low score when every part was close to the reference compared with (Feedback.overall): the
# score says the sign as a whole looked more like another sign, or less like this one (the verdict beside it
# already says to watch the reference again). {sign}: the attempt as its signer's words name it (Signer.sign)
EACH_PART_CLOSE = "Each part was close to this reference clip, but as a whole {sign}"
LOOKED_MORE_LIKE = EACH_PART_CLOSE + " looked more like {other}: compare the two signs."
LOOKED_LESS_LIKE = (
    EACH_PART_CLOSE + " looked less like this sign than a good attempt does: watch it from start to end."
)
# What tells the sign practised from the sign the attempt looked more like (Feedback.contrast), by their two
# reference clips nearest the attempt: a part as its correction names it, and what the learner compares
# ({hand}: "your hand", "your left hand" of a two-handed sign)
CONTRAST_PARTS = {
    "handshape": ("handshape", "the shape of {hand}"),
    "location": ("location", "where {hand} is"),
    "movement": ("movement", "how {hand} moves"),
    "orientation": ("palm orientation", "which way {hand} faces"),
}
HANDS_USED = "hands used"  # the contrast of a two-handed sign with a one-handed one
# Said after the main correction where it is that part (Feedback.also): short, as the verdict above it names
# the other sign already, and the longest correction it follows (a movement) fills three of the four lines a
# small window's result box holds
SAME_PART = "That is what tells this sign from “{other}”."


@dataclass(frozen=True)
class Signer:
    """Whose signing the words speak of: the learner's own (:data:`YOU`), or another signer's in a clip being
    imported (:data:`ANOTHER_SIGNER`), where "your left hand ... further to your left" named the learner for
    a stranger. A side is the signer's own either way (module docstring). Only the learner is advised what to
    do ("keep your left hand down"): the other signer is not there to hear it."""

    whose: str  # before a hand or a side: "your right hand", "to the signer's left"
    who: str  # as the subject, or the object: "you signed", "away from the signer"
    their: str  # the signer's again, named once already: "on the signer's right hand their fingers"
    advised: bool
    # The attempt as a whole ("your sign looked more like ..."): the learner's own only of a live attempt
    sign: str = "this clip"


YOU = Signer("your", "you", "your", advised=True, sign="your sign")
ANOTHER_SIGNER = Signer("the signer's", "the signer", "their", advised=False)
# A file scored with --score: what the practice page would say of it, but it may be anyone's recording, so
# the sign as a whole is "this clip" ("your sign" was said of another signer's video)
A_FILE = replace(YOU, sign="this clip")


@dataclass(frozen=True)
class LookAlike:
    """The sign an attempt looked more like than the sign practised (:attr:`AttemptScore.looked_like`, as
    the score's verdict names it) and its reference clip nearest the attempt, as shown (signed with the
    learner's hand) and prepared for feedback, with the hands that sign is made with by all its clips
    (:func:`hands_signing`); without the clip (not read) the sign is only named."""

    name: str
    clip_id: int | None = None
    reference: PreparedReference | None = None
    # By all its clips: one clip of a one-handed sign may show the other hand raised ("hallo (DGS)")
    sign_hands: tuple[str, ...] = HANDS


def _sentence(words: str) -> str:
    """``words`` as a sentence's start: its first letter capital, the rest as it is."""
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class FeedbackItem:
    """One parameter of one hand (or a tracking problem): its score and where it differed most."""

    parameter: str  # one of PARAMETERS, BOTH_HANDS, or "tracking"
    hand: str  # "left" / "right": the learner's own hand
    # The moment it is about, in seconds into the reference's sign (view.sign_start): the one timeline of
    # the picture, the reference player and the replay's clock (the words say it as :func:`_when` does)
    start_s: float
    end_s: float
    score: float | None  # 0-100; None for "tracking" (nothing to judge)
    message: str  # in plain words, with the hand and the moment

    def to_json(self) -> dict[str, object]:
        return {
            "parameter": self.parameter,
            "hand": self.hand,
            "start_s": round(self.start_s, 2),
            "end_s": round(self.end_s, 2),
            "score": None if self.score is None else round(self.score, 1),
            "message": self.message,
        }


@dataclass(frozen=True)
class Replay:
    """An attempt and its reference played together: at step k the reference shows frame ``frames[k, 0]``
    and the attempt ``frames[k, 1]`` (the order every replay draws them in: the reference under the
    attempt), at ``times[k]`` seconds, one step per even tick over the attempt's sign
    (both keep moving where the path stalls one of them: a pause of the learner, or of the reference), and
    the replay's clock reads ``clock[k]``: the reference's moment, as the correction names it."""

    frames: np.ndarray
    times: np.ndarray
    clock: np.ndarray


@dataclass(frozen=True)
class Moment:
    """One moment of the alignment: the attempt's and the reference's frame, and the time the replay's clock
    reads at it (:meth:`Feedback.replay`; None: not known)."""

    attempt_frame: int
    reference_frame: int
    replay_s: float | None = None


@dataclass(frozen=True)
class Feedback:
    items: list[FeedbackItem]  # every parameter of every hand judged, and tracking problems
    main: FeedbackItem | None  # the one correction shown; None: nothing to correct
    # The alignment: at each step of the path, seconds into the attempt's sign and the reference's
    # (each from its view.sign_start)
    attempt_times: np.ndarray
    reference_times: np.ndarray
    attempt_frames: np.ndarray  # the same steps as frame numbers of the attempt
    reference_frames: np.ndarray  # and of the reference
    # False when a hand the sign uses was hardly seen: the attempt cannot be judged, so it gets no score
    # either. A one-handed sign made with the other hand is judged: the score treats mirror images alike.
    judged: bool = True
    # A remark that is no correction: a well-scored one-handed sign made with the other hand (also in items)
    note: FeedbackItem | None = None
    # Said of the sign as a whole, with no correction nor picture: a low score with every part close to the
    # reference compared with (none below VISIBLE_SCORE; LOOKED_MORE_LIKE, LOOKED_LESS_LIKE), or without a
    # clear mistake what tells the sign from the one it looked more like (:attr:`contrast`)
    overall: str | None = None
    # The sign a low-scored attempt looked more like (the practice page offers its clip in one click), and
    # the part that tells the two signs apart by their reference clips (:func:`tell_apart`): its message
    # said as the overall words, or after the main correction of the same part (:attr:`also`), or not said
    look_alike: LookAlike | None = None
    contrast: FeedbackItem | None = None
    also: str | None = None  # said after the main correction: its part tells the two signs apart (SAME_PART)
    # The hand a two-handed sign was signed without (:func:`_hand_left_out`; the main correction): judged,
    # and scored at most ONE_HAND_OF_TWO_SCORE (:meth:`given`)
    hand_left_out: str | None = None
    # Per hand, the steps of the path at which a picture shows it as its corrections speak of it: compared
    # (seen, not a lone glitch) in the attempt and, where the reference signs with it, in the reference
    # (:meth:`moment`)
    pictured: dict[str, np.ndarray] = field(default_factory=dict)
    # A one-handed sign made with the other hand than the reference shows, left-handed mode off: the
    # reference as compared, mirrored to that hand (its pictures and replay show it so), and the words said
    # after the rest of the feedback, naming that hand (:func:`_mirrored_note`)
    mirrored_reference: PoseSequence | None = None
    mirrored_note: str | None = None

    @property
    def message(self) -> str:
        said = self._said()
        return said if self.mirrored_note is None else f"{said} {self.mirrored_note}"

    def _said(self) -> str:
        if self.main is not None:
            return self.main.message if self.also is None else f"{self.main.message} {self.also}"
        if self.note is not None:
            return self.note.message
        if self.overall is not None:
            return self.overall
        if self.items:
            return ALL_MATCHED_WELL
        return "Your hands could not be compared with the reference."

    def given(self, score: AttemptScore) -> AttemptScore | None:
        """The attempt's ``score`` as the learner is given it (shown, saved, rated; the practice page and
        ``--score`` alike), or None when the attempt cannot be judged (:attr:`judged`). A two-handed sign
        signed with one hand scores at most ``ONE_HAND_OF_TWO_SCORE`` and is not said to be recognised:
        "Recognised as muffin (ASL). Close." stood beside a correction saying half the sign was missing."""
        if not self.judged:
            return None
        if self.hand_left_out is None:
            return score
        return replace(score, score=min(score.score, ONE_HAND_OF_TWO_SCORE), recognised=False)

    def replay(self) -> Replay:
        """The attempt replayed with its reference, in step along the alignment (:class:`Replay`)."""
        played = max(float(self.attempt_times[-1]) if len(self.attempt_times) else 0.0, 0.1)
        return Replay(
            np.stack([self.reference_frames, self.attempt_frames], axis=1),
            np.linspace(0.0, played, len(self.attempt_frames)),
            self.reference_times,
        )

    def moment(self, item: FeedbackItem | None = None) -> Moment | None:
        """The moment to picture ``item`` (default: the main correction) at: the one nearest its middle at
        which its hand is seen in the attempt and in the reference (:attr:`pictured`). Its middle alone could
        show no hand: a correction's stretch may hold moments without it, and the picture's close-up was
        empty. None when there is no such moment (:func:`unpictured` says so)."""
        item = item or self.main
        if item is None or not len(self.reference_times):
            return Moment(0, 0)
        pictured = self.pictured.get(item.hand, np.ones(len(self.reference_times), bool))
        if not pictured.any():
            return None
        step = _pictured_step(self.reference_times, item.start_s, item.end_s, pictured)
        replay_s = float(self.reference_times[step] - self.reference_times[0])  # as the replay's clock reads
        return Moment(int(self.attempt_frames[step]), int(self.reference_frames[step]), replay_s)

    def to_json(self) -> dict[str, object]:
        return {
            "feedback": [item.to_json() for item in self.items],
            "main": None if self.main is None else self.main.to_json(),
            "note": None if self.note is None else self.note.to_json(),
            "overall": self.overall,
            "also": self.also,
            "mirrored_note": self.mirrored_note,
            "looked_like": None
            if self.look_alike is None
            else {
                "sign": self.look_alike.name,
                "clip_id": self.look_alike.clip_id,
                "differs_most": None if self.contrast is None else self.contrast.to_json(),
            },
        }


def _pictured_step(times: np.ndarray, start_s: float, end_s: float, pictured: np.ndarray) -> int:
    """The step of the path (``times``: the reference's, as a correction names them) nearest the middle of
    the stretch from ``start_s`` to ``end_s`` among those ``pictured`` (some are): the moment a correction's
    picture shows (:meth:`Feedback.moment`), and a location correction's words describe."""
    # In microseconds: a middle exactly between two frames is the earlier one's, whatever rounding the
    # sign's start left in the times (idle frames before the sign moved the picture a frame on)
    distance = np.round(np.abs(times - (start_s + end_s) / 2), 6)
    return int(np.argmin(np.where(pictured, distance, np.inf)))


@dataclass
class _HandTrack:
    """One clip's per-frame description of one hand (module docstring); 0 where ``known`` is False."""

    known: np.ndarray  # bool (T,): seen (whether it was tracked, and where a picture can show it)
    # bool (T,): seen and compared: not in a lone glitch frame (_glitch_frames). Such a frame is still seen:
    # left out of the tracked share too, it turned borderline hands of DGS clips "hardly seen"
    measured: np.ndarray
    place: np.ndarray  # (T, 2) palm's centre in shoulder widths from the shoulders' centre, y down
    wrist: np.ndarray  # (T, 2) the wrist, the same way: its displacement is the movement
    shape: np.ndarray  # (T, len(SHAPE_PAIRS)) distances in hand sizes
    pointing: np.ndarray  # (T, 2) unit vector wrist -> middle knuckle
    facing: np.ndarray  # (T,) > 0 palm towards the viewer, < 0 towards the signer
    seen_share: float  # share of the frames of its sign (session.signing_frames) in which it was seen
    used: bool  # seen in at least HAND_USED_FRACTION of the signing frames


@dataclass(frozen=True)
class _Sign:
    """Where the sign is in a clip, from one look at it (normalize.signing_part): every use in one feedback
    reads it from here."""

    span: slice
    # Without the hands resting below the rest line (a hand hanging at the side), and with
    # ``still_hand_out`` without a free hand held still (normalize.still_free_hands)
    mask: np.ndarray
    frames: np.ndarray  # session.signing_frames
    start_s: float  # view.sign_start
    seconds: float  # how long the sign lasts (view.sign_only's clip)

    @classmethod
    def of(cls, pose: PoseSequence, still_hand_out: bool) -> _Sign:
        span, mask = normalize.signing_part(pose.points, pose.mask, still_hand_out)
        start = view.sign_start(pose, span)
        seconds = float(pose.timestamps[max(span.stop - 1, span.start)]) - start
        return cls(span, mask, signing_frames(pose, kept=mask), start, seconds)


def _hand_tracks(pose: PoseSequence, sign: _Sign) -> dict[str, _HandTrack]:
    """Both hands of ``pose``, an attempt or a reference alike, over its sign."""
    span, mask, signing = sign.span, sign.mask, sign.frames
    centre, scale = normalize.body_frame(pose.points[span], mask[span])
    points = pose.points[..., :2].astype(np.float64)
    sizes, measurable = normalize.hand_sizes(points, mask, dims=2)
    shares = view.hand_shares(mask, signing)
    tracks = {}
    for side, (hand, component) in enumerate(zip(HANDS, (LEFT_HAND, RIGHT_HAND), strict=True)):
        xy = points[:, component]
        known = measurable[:, side] & mask[:, component].all(axis=1)
        size = np.maximum(sizes[:, side], normalize.MIN_SCALE)[:, None]
        pairs = np.array(SHAPE_PAIRS)
        shape = np.linalg.norm(xy[:, pairs[:, 0]] - xy[:, pairs[:, 1]], axis=-1) / size
        pointing = xy[:, MIDDLE_MCP] - xy[:, WRIST]
        pointing /= np.maximum(np.linalg.norm(pointing, axis=-1, keepdims=True), normalize.MIN_SCALE)
        index, pinky = xy[:, INDEX_MCP] - xy[:, WRIST], xy[:, PINKY_MCP] - xy[:, WRIST]
        turn = (index[:, 0] * pinky[:, 1] - index[:, 1] * pinky[:, 0]) / size[:, 0] ** 2
        # A right palm facing the viewer turns one way in the picture, a left one the other way.
        facing = -turn if hand == "right" else turn
        # A hand is measured only where all its points are seen: its palm's centre is known wherever it is.
        palm = xy[:, [WRIST, *normalize.HAND_SIZE_POINTS]].mean(axis=1)
        place = (palm - centre) / scale
        counted = known[signing]
        tracks[hand] = _HandTrack(
            known,
            known & ~_glitch_frames(place, known),
            np.where(known[:, None], place, 0.0),
            np.where(known[:, None], (xy[:, WRIST] - centre) / scale, 0.0),
            np.where(known[:, None], shape, 0.0),
            np.where(known[:, None], pointing, 0.0),
            np.where(known, facing, 0.0),
            float(counted.mean()) if counted.size else 0.0,
            bool(shares[side] >= HAND_USED_FRACTION),
        )
    return tracks


def _glitch_frames(place: np.ndarray, known: np.ndarray) -> np.ndarray:
    """(T,) the frames among those a hand is ``known`` in where its ``place`` is a tracking glitch of one
    frame: beyond both neighbouring sightings' on some side by view.LONE_SPIKE (view.lone_spikes). Many ASL
    starter clips hold one in their first frame; compared, it drew location's worst stretch to the sign's
    start and named its direction for a hand in the reference's place ("further to your left")."""
    seen = np.flatnonzero(known)
    glitch = np.zeros(len(known), bool)
    if len(seen) >= 3:  # of two sightings far apart, neither is the odd one out
        sighted = place[seen]
        glitch[seen] = (view.lone_spikes(sighted) | view.lone_spikes(-sighted)).any(axis=1)
    return glitch


def _window_mean(values: np.ndarray, valid: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``values`` (K, D) over the valid steps within ``radius`` steps of each step (nan: none)."""
    weights = np.convolve(valid.astype(float), np.ones(2 * radius + 1), mode="same")
    summed = np.stack(
        [
            np.convolve(np.where(valid, column, 0.0), np.ones(2 * radius + 1), mode="same")
            for column in values.T
        ],
        axis=1,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return summed / weights[:, None]


def _displacement(wrist: np.ndarray, valid: np.ndarray, radius: int) -> np.ndarray:
    """(K, 2) where the wrist goes over the ``radius`` steps around each step (nan: not seen at both ends)."""
    steps = len(wrist)
    before = np.clip(np.arange(steps) - radius, 0, steps - 1)
    after = np.clip(np.arange(steps) + radius, 0, steps - 1)
    moved = wrist[after] - wrist[before]
    return np.where((valid[before] & valid[after])[:, None], moved, np.nan)


@dataclass
class _StepCosts:
    """One hand along the path: per parameter the cost at each step (nan where the hand is missing on
    either side), and the per-step values the messages are worded from."""

    costs: dict[str, np.ndarray]
    moved: tuple[np.ndarray, np.ndarray]  # (K, 2) displacements of the attempt's and the reference's wrist
    both: np.ndarray  # (K,) bool: the hand known on both sides


def _step_costs(attempt: _HandTrack, reference: _HandTrack, fa: np.ndarray, fr: np.ndarray) -> _StepCosts:
    """One hand's costs along the DTW path; ``fa``, ``fr`` (as everywhere here): the attempt's and the
    reference's frame at each step of the path (:attr:`signcore.dtw.Alignment.frames_a`, ``frames_b``)."""
    both = attempt.measured[fa] & reference.measured[fr]
    place_a, place_r = attempt.place[fa], reference.place[fr]
    # A place is held for a while: its offset is the local mean (a constant one is a wrong place)
    offset = _window_mean(place_a - place_r, both, max(1, round(PLACE_RADIUS_FRACTION * len(fa))))
    radius = max(1, round(MOTION_RADIUS_FRACTION * len(fa)))
    moved_a = _displacement(attempt.wrist[fa], attempt.measured[fa], radius)
    moved_r = _displacement(reference.wrist[fr], reference.measured[fr], radius)
    larger = np.maximum(np.linalg.norm(moved_a, axis=1), np.linalg.norm(moved_r, axis=1))
    movement = np.linalg.norm(moved_a - moved_r, axis=1) / np.maximum(larger, MIN_MOTION)
    shape = np.sqrt(((attempt.shape[fa] - reference.shape[fr]) ** 2).mean(axis=1))
    orientation = np.sqrt(
        (np.linalg.norm(attempt.pointing[fa] - reference.pointing[fr], axis=1) / 2) ** 2
        + (attempt.facing[fa] - reference.facing[fr]) ** 2
    )
    costs = {
        "handshape": shape,
        "location": np.linalg.norm(offset, axis=1),
        "movement": movement,
        "orientation": orientation,
    }
    costs = {name: np.where(both, values, np.nan) for name, values in costs.items()}
    return _StepCosts(costs, (moved_a, moved_r), both)


def _counting(leeway: np.ndarray | None, fr: np.ndarray, parameter: str) -> np.ndarray:
    """(K,) how much each step's difference counts: fully where the sign's references differ from this one
    by at most the typical amount (``TYPICAL_COST``), less where they differ more (the hand on its way in or
    out, which each clip of running signing makes differently), in proportion; fully where unknown."""
    if leeway is None:
        return np.ones(len(fr))
    varies = leeway[fr]
    return np.where(
        np.isfinite(varies), TYPICAL_COST[parameter] / np.maximum(varies, TYPICAL_COST[parameter]), 1.0
    )


def parameter_score(parameter: str, cost: float) -> float:
    """0-100 from a mean cost: TYPICAL_SCORE at TYPICAL_COST, 50 at sqrt(3) times it, towards 0 beyond."""
    tolerance = TYPICAL_COST[parameter] * math.sqrt(100.0 / TYPICAL_SCORE - 1.0) ** -1
    return 100.0 / (1.0 + (cost / tolerance) ** 2)


def _worst_stretch(cost: np.ndarray) -> tuple[int, int]:
    """First and last path step of the stretch (SPAN_FRACTION of the path) with the highest mean cost, among
    the stretches where the cost is known somewhere (its message is worked out from those steps). Stretches
    within ``TIE_SHARE`` of the highest are as bad, and of those the one nearest the middle of the path is
    chosen: a difference lasting through the sign (a hand held too low, a hand up that the sign does not use)
    tied every stretch and the first won, so a quarter of the corrections of ASL clips as attempts at other
    signs pointed at the reference's first moment, where the hand is on its way in."""
    length = max(2, round(SPAN_FRACTION * len(cost)))
    if length >= len(cost):
        return 0, len(cost) - 1
    known = np.isfinite(cost)
    window = np.ones(length)
    totals = np.convolve(np.where(known, cost, 0.0), window, mode="valid")
    totals[np.convolve(known, window, mode="valid") == 0] = -np.inf  # where all costs are equal, e.g. 0
    worst = float(totals.max())
    as_bad = np.flatnonzero(totals >= worst - TIE_SHARE * abs(worst))
    start = int(as_bad[np.argmin(np.abs(as_bad - (len(totals) - 1) / 2))])
    return start, start + length - 1


def _when(start_s: float, end_s: float, sign_s: float) -> str:
    """The moment from ``start_s`` to ``end_s`` seconds into the reference's sign, ``sign_s`` long, in the
    learner's words: where it falls in the sign. "all through the sign" when it spans nearly all of it (but
    for ``normalize.STRAY_SHARE``), else by the third of the sign its middle is in: "at 0.2–0.5 s" was a
    figure no learner times their signing by."""
    if end_s - start_s >= (1.0 - normalize.STRAY_SHARE) * sign_s:
        return "all through the sign"
    middle = (start_s + end_s) / 2 / sign_s
    return next((words for share, words in MOMENT_WORDS if middle <= share), MOMENT_WORDS[-1][1])


def _directions(vector: np.ndarray, smallest: float) -> tuple[int, int]:
    """The sideways and vertical parts of a displacement in the signer's body frame worth naming, as signs
    (1: to the signer's left / down, -1: to their right / up, 0: not named): each at least 0.4 of the larger
    and beyond ``smallest``. x grows to the signer's left (the camera sees them from the front), so "your
    left" is the learner's own left, the side the mirror view shows it on (and "the signer's left", another
    signer's own: :class:`Signer`)."""
    x, y = float(vector[0]), float(vector[1])
    least = 0.4 * max(abs(x), abs(y))
    named = [int(np.sign(part)) if abs(part) >= least and abs(part) > smallest else 0 for part in (x, y)]
    return named[0], named[1]


def _direction(vector: np.ndarray, smallest: float, signer: Signer) -> str:
    """A displacement in the signer's body frame in words ("up", "down and to your left", ...)."""
    sideways, vertical = _directions(vector, smallest)
    words = ["down" if vertical > 0 else "up"] if vertical else []
    words += [f"to {signer.whose} {_side(sideways)}"] if sideways else []
    return " and ".join(words)


def _side(sideways: int) -> str:
    """The signer's side a sideways part points to (:func:`_directions`)."""
    return "left" if sideways > 0 else "right"


def _location_message(hand: str, offset: np.ndarray, when: str, signer: Signer) -> str:
    """``offset``: the attempt's palm from the reference's at the moment its picture shows, in the stretch
    where location differed most (:func:`_judge_hand`). A direction is named only where the hand was off in it
    by more than two signers' takes of a sign typically differ (``TYPICAL_COST``): a hand in the reference's
    place was told "higher" for a drift of a few pixels, and one half a shoulder width too low "lower and
    further to your right" for a fifth to the side. With no direction that far, it is said without one."""
    sideways, vertical = _directions(offset, TYPICAL_COST["location"])
    parts = ["lower" if vertical > 0 else "higher"] if vertical else []
    parts += [f"further to {signer.whose} {_side(sideways)}"] if sideways else []
    hand_of = f"{signer.whose} {hand} hand"
    if not parts:  # the picture shows where: the practice views' (the clip check plays the closest clip)
        look = ": compare the picture" if signer.advised else ""
        return f"Location: {when}, {hand_of} was not quite in the reference's place{look}."
    return f"Location: {when}, {hand_of} was {' and '.join(parts)} than in the reference."


def _movement_message(hand: str, moved_a: np.ndarray, moved_r: np.ndarray, when: str, signer: Signer) -> str:
    size_a, size_r = float(np.linalg.norm(moved_a)), float(np.linalg.norm(moved_r))
    theirs = _direction(moved_r, MIN_MOTION / 2, signer)
    yours = _direction(moved_a, MIN_MOTION / 2, signer)
    hand_of = f"{signer.whose} {hand} hand"
    if size_r >= MIN_MOTION and size_a < 0.4 * size_r:
        return f"Movement: {when}, {hand_of} hardly moved, where the reference's hand moves {theirs}."
    if size_a >= MIN_MOTION and size_r < 0.4 * size_a:
        return f"Movement: {when}, {hand_of} moved {yours}, where the reference's hand stays still."
    if size_a * size_r > 0 and float(np.dot(moved_a, moved_r)) < 0.5 * size_a * size_r and yours and theirs:
        return f"Movement: {when}, {hand_of} moved {yours}, where the reference's hand moves {theirs}."
    bigger = "bigger" if size_a > size_r else "smaller"
    return f"Movement: {when}, {hand_of}'s movement was {bigger} than the reference's."


def _handshape_message(hand: str, tips_a: float, tips_r: float, when: str, signer: Signer) -> str:
    if tips_a < 0.9 * tips_r:
        detail = f"{signer.their} fingers were more bent than in the reference"
    elif tips_a > 1.1 * tips_r:
        detail = f"{signer.their} fingers were more stretched than in the reference"
    else:
        detail = f"the shape of {signer.their} fingers differed from the reference"
    look = ": compare the close-up" if signer.advised else ""  # the practice views' (module docstring)
    return f"Handshape: {when}, on {signer.whose} {hand} hand {detail}{look}."


def _facing_words(facing: float, signer: Signer) -> str:
    if facing > 0.25:
        return f"away from {signer.who}"
    return f"towards {signer.who}" if facing < -0.25 else "sideways"


def _orientation_message(
    hand: str,
    pointing: tuple[np.ndarray, np.ndarray],
    facing: tuple[float, float],
    when: str,
    signer: Signer,
) -> str:
    yours, theirs = _facing_words(facing[0], signer), _facing_words(facing[1], signer)
    if yours != theirs:
        return (
            f"Palm orientation: {when}, {signer.whose} {hand} palm faced {yours};"
            f" in the reference it faces {theirs}."
        )
    point_yours, point_theirs = _direction(pointing[0], 0.3, signer), _direction(pointing[1], 0.3, signer)
    if point_yours and point_theirs and point_yours != point_theirs:
        return (
            f"Palm orientation: {when}, {signer.whose} {hand} fingers pointed {point_yours};"
            f" in the reference they point {point_theirs}."
        )
    return f"Palm orientation: {when}, {signer.whose} {hand} hand was turned differently from the reference."


@dataclass(frozen=True)
class PreparedReference:
    """A reference clip with what feedback needs of it alone (its DTW features and hand tracks), computed
    once per clip when its sign is chosen, not again at every attempt."""

    pose: PoseSequence
    motion: dtw.DtwFeatures
    tracks: dict[str, _HandTrack]
    sign_start_s: float  # view.sign_start
    sign_s: float  # how long its sign lasts: a correction's moment is said by where it falls in it (_when)
    # hand -> parameter -> (T,) per frame of the clip: how much the sign's other references differ from it
    # there (the median of their costs at that frame; nan: not known), :func:`prepare_references`. Empty:
    # no other reference to tell (every moment counts alike).
    leeway: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of(cls, pose: PoseSequence) -> PreparedReference:
        sign = _Sign.of(pose, still_hand_out=False)  # the reference shows the sign: every hand it holds up
        return cls(pose, dtw.dtw_features(pose), _hand_tracks(pose, sign), sign.start_s, sign.seconds)


# hand -> parameter -> (T,) per frame of a reference: the cost of another reference against it there (the
# other aligned with it as an attempt is), for each hand the reference signs with (_frame_costs)
FrameCosts = dict[str, dict[str, np.ndarray]]


@dataclass
class ReferencesPrepared:
    """What preparing a sign's references computes of one clip, or of one pair, whichever clips are prepared
    together: each clip prepared alone, and each pair's costs ((reference, other) clip ids -> FrameCosts).
    Kept for the same references, so that some of them prepared again (the clip check judges each of a
    sign's clips against the rest: :meth:`desktop_app.core.judging.practice.ScoringTarget.without`) align no
    pair a second time. Written by whichever thread prepares: a clip or pair computed twice is computed
    alike."""

    alone: dict[int, PreparedReference] = field(default_factory=dict)
    pair_costs: dict[tuple[int, int], FrameCosts] = field(default_factory=dict)

    def prepared_alone(self, clip_id: int, pose: PoseSequence) -> PreparedReference:
        """Reference ``clip_id``, ``pose`` as shown, prepared alone (no leeway yet)."""
        if clip_id not in self.alone:
            self.alone[clip_id] = PreparedReference.of(pose)
        return self.alone[clip_id]

    def with_leeway(self, clip_id: int, alone: Mapping[int, PreparedReference]) -> PreparedReference:
        """Reference ``clip_id`` of the references ``alone`` (prepared alone) with its leeway, from the first
        ``LEEWAY_REFERENCES`` others."""
        reference = alone[clip_id]
        others = [other_id for other_id in alone if other_id != clip_id][:LEEWAY_REFERENCES]
        if not others:
            return reference
        for other_id in others:
            if (clip_id, other_id) not in self.pair_costs:
                self.pair_costs[clip_id, other_id] = _frame_costs(reference, alone[other_id])
        return replace(reference, leeway=_leeway([self.pair_costs[clip_id, other_id] for other_id in others]))


def prepare_references(
    poses: Mapping[int, PoseSequence],
    progress: Callable[[int, int], None] = lambda done, total: None,
    known: ReferencesPrepared | None = None,
) -> dict[int, PreparedReference]:
    """A sign's reference clips (clip id -> the clip as shown) prepared for feedback, each with its leeway:
    where the sign's other references (``LEEWAY_REFERENCES`` of them) differ from it, a difference is how
    the sign varies, not a mistake. A DGS clip, cut from running signing, holds the hand's way in from the
    sign before and out to the next: there its references' palm orientation differed twice as much as in the
    middle, and every correction of "hallo (DGS)" fell on the reference's last 0.3 s, its hand dropping
    away, however far the learner's hand was from the reference's during the sign.

    ``progress(done, total)`` after each step (each clip prepared alone, then with its leeway) may raise to
    stop it (:meth:`desktop_app.core.shared.jobs.JobControl.progress`): nothing half-prepared is returned.
    ``known``: what was prepared of these clips before (as shown alike), read from it and added to it. All
    of :class:`PreparedWhenAsked` asked for at once."""
    total = 2 * len(poses)
    when_asked = PreparedWhenAsked(poses, known, lambda done: progress(done, total))
    prepared = {}
    for clip_id in when_asked:
        prepared[clip_id] = when_asked[clip_id]
        progress(len(poses) + len(prepared), total)
    return prepared


class PreparedWhenAsked(Mapping[int, PreparedReference]):
    """A sign's references (clip id -> the clip as shown) prepared as :func:`prepare_references` prepares
    them, each with its leeway only when asked for: an attempt's feedback needs only its nearest one's, and
    the clip check judges each of a sign's clips so against the rest (ScoringTarget.without)."""

    def __init__(
        self,
        poses: Mapping[int, PoseSequence],
        known: ReferencesPrepared | None = None,
        progress: Callable[[int], None] = lambda done: None,
    ):
        """Each clip prepared alone now, ``progress(done)`` after each (it may raise to stop); ``known`` as
        for :func:`prepare_references`."""
        self._known = known = ReferencesPrepared() if known is None else known
        self.alone: dict[int, PreparedReference] = {}
        for clip_id, pose in poses.items():
            self.alone[clip_id] = known.prepared_alone(clip_id, pose)
            progress(len(self.alone))
        self._prepared: dict[int, PreparedReference] = {}

    def __getitem__(self, clip_id: int) -> PreparedReference:
        if clip_id not in self._prepared:
            self._prepared[clip_id] = self._known.with_leeway(clip_id, self.alone)
        return self._prepared[clip_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self.alone)

    def __len__(self) -> int:
        return len(self.alone)


def _frame_costs(reference: PreparedReference, other: PreparedReference) -> FrameCosts:
    """Per hand the reference signs with and parameter, ``other``'s cost against it at each of its frames
    (aligned with it as an attempt is)."""
    path, frames = dtw.dtw_path(other.motion, reference.motion), len(reference.pose)
    costs: FrameCosts = {}
    for hand in HANDS:
        if reference.tracks[hand].used:
            steps = _step_costs(other.tracks[hand], reference.tracks[hand], path.frames_a, path.frames_b)
            costs[hand] = {
                parameter: _per_frame(cost, path.frames_b, frames) for parameter, cost in steps.costs.items()
            }
    return costs


def _leeway(costs: Sequence[FrameCosts]) -> dict[str, dict[str, np.ndarray]]:
    """Per hand the reference signs with and parameter, the median over the other references' ``costs``
    against it at each of its frames."""
    return {
        hand: {
            parameter: _median_where_known(np.stack([cost[hand][parameter] for cost in costs]))
            for parameter in PARAMETERS
        }
        for hand in costs[0]
    }


def _median_where_known(costs: np.ndarray) -> np.ndarray:
    """(frames,) the median over the rows of ``costs`` of each frame's known values; nan at a frame no row
    knows. Taken only where known, not under a silenced all-nan warning: the filter is process-wide, not
    thread-safe, and the prefetch and the scoring prepare references on two threads."""
    median = np.full(costs.shape[1], np.nan)
    known = np.isfinite(costs).any(axis=0)
    median[known] = np.nanmedian(costs[:, known], axis=0)
    return median


def _per_frame(cost: np.ndarray, frames: np.ndarray, length: int) -> np.ndarray:
    """(length,) the mean of the path's ``cost`` at each of the clip's frames (``frames``: the clip's frame at
    each step); nan at a frame the path does not reach or where the cost is unknown."""
    known = np.isfinite(cost)
    total = np.bincount(frames[known], cost[known], minlength=length)
    count = np.bincount(frames[known], minlength=length)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / count


def hands_signing(references: Collection[PreparedReference]) -> tuple[str, ...]:
    """The hands a sign is made with: those most of its ``references`` use. A reference of a one-handed sign
    may show the other hand raised in view (3 of the 8 clips of "hallo (DGS)"), and an attempt compared with
    it was not judged for lack of that hand. Hands some references use when none is used by most; never none.
    """
    uses = [[reference.tracks[hand].used for reference in references] for hand in HANDS]
    return (
        tuple(hand for hand, used in zip(HANDS, uses, strict=True) if 2 * sum(used) > len(references))
        or tuple(hand for hand, used in zip(HANDS, uses, strict=True) if any(used))
        or HANDS
    )


def compare_with_reference(
    attempt: PoseSequence,
    reference: PoseSequence | PreparedReference,
    attempt_motion: dtw.DtwFeatures | None = None,
    left_handed: bool = False,
    score: float | None = None,
    sign_hands: Collection[str] = HANDS,
    signer: Signer = YOU,
    looked_like: LookAlike | None = None,
) -> Feedback:
    """Feedback on ``attempt`` against one reference clip (already mirrored for left-handed learners).

    ``attempt_motion``: ``dtw.dtw_features(attempt)``, when the caller has it already (the ranking needs it
    too). ``left_handed``: the learner's setting. Off, a one-handed sign led by the other hand than the
    reference's (:func:`_led_by_the_other_hand`) is judged against the reference mirrored, its words naming
    the hand used (:attr:`Feedback.mirrored_note`); on (the learner said they sign with the left hand), it is
    said instead, suggesting the setting only when changing it would help. ``score``: the attempt's overall
    score, when known: praised (``GOOD_SCORE``), a sign made with the other hand is told as a note, not as
    the correction; below it, there is always something to work on, never "all matched well": the correction
    (:func:`_main_correction`), or with every part close to this reference, words on the sign as a whole
    (:attr:`Feedback.overall`), naming ``looked_like``, the sign the attempt looked more like (as the score's
    verdict names it), if any; with its reference clip, what tells the two signs apart (:func:`tell_apart`,
    :attr:`Feedback.contrast`).
    ``sign_hands``: the hands the sign is made with (:func:`hands_signing`), the others not asked for when the
    reference shows them and the attempt does not. ``signer``: whose signing the attempt is, as the words say.
    """
    prepared = reference if isinstance(reference, PreparedReference) else PreparedReference.of(reference)
    path = dtw.dtw_path(attempt if attempt_motion is None else attempt_motion, prepared.motion)
    fa, fr = path.frames_a, path.frames_b
    # Times as the learner reads them: from each clip's sign start, the reference's the one named. A free
    # hand the learner holds still (resting on the belly) is not judged, as the encoder leaves it out, unless
    # the reference signs with both hands: then it is a base hand held low (coffee, tree)
    sign = _Sign.of(attempt, still_hand_out=not all(prepared.tracks[hand].used for hand in HANDS))
    attempt_times = path.times_a - sign.start_s
    times = path.times_b - prepared.sign_start_s
    # A hand is judged seen or not over the frames of the sign, whatever started and ended the attempt: one
    # started and stopped by key also holds the seconds around the sign and the pauses in it, hands lowered
    # out of the picture, and a well-tracked sign was "hardly seen (in 31% of the sign)".
    tracks_a, tracks_r = _hand_tracks(attempt, sign), prepared.tracks
    signing_steps = sign.frames[fa]
    praised = score is not None and score >= GOOD_SCORE
    signed_with = None if left_handed else _led_by_the_other_hand(attempt, sign, tracks_r, sign_hands)
    if signed_with is not None:
        # Signed with the other hand, and no setting says which hand the learner signs with: judged as the
        # score judges it (mirror images alike), against the reference mirrored, so every word names the
        # hand used. A left-hander who had not found the setting got "Sign with your right hand" alone.
        mirrored = _mirrored(prepared)
        feedback = compare_with_reference(
            attempt,
            mirrored,
            attempt_motion,
            left_handed,
            score,
            [_OTHER_HAND[hand] for hand in sign_hands],
            signer,
            None if looked_like is None else _mirrored_look_alike(looked_like),
        )
        mirrored_note = _mirrored_note(signed_with, signer, corrected=feedback.main is not None)
        return replace(feedback, mirrored_reference=mirrored.pose, mirrored_note=mirrored_note)
    swapped = _swapped_hands(tracks_a, tracks_r, sign_hands, left_handed, praised, signer)
    if swapped is not None:
        main, note = (None, swapped) if praised else (swapped, None)
        # The look-alike the verdict names goes with it (its clip offered to compare with): dropped here, the
        # result said "looks closer to letter W" with no Compare, and its key did nothing
        look_alike = None if praised else looked_like
        return Feedback([swapped], main, attempt_times, times, fa, fr, note=note, look_alike=look_alike)
    tracked = {hand: _tracked(tracks_a[hand], tracks_r[hand], fa, fr, signing_steps) for hand in HANDS}
    left_out = _hand_left_out(attempt, sign, tracked, tracks_r, sign_hands)
    items: list[FeedbackItem] = []
    for hand in HANDS:
        mine, theirs = tracks_a[hand], tracks_r[hand]
        if not theirs.used:
            if mine.used:
                items.append(_extra_hand(hand, mine, fa, times, prepared.sign_s, signer))
            continue
        if hand not in sign_hands and not mine.used:
            continue  # the other hand of a one-handed sign, raised in this reference
        if hand == left_out:
            items.append(_left_out(hand, tracks_r, fr, times, prepared.sign_s, signer))
        elif tracked[hand] < TRACKED_FRACTION:
            shown = theirs.known[fr] & signing_steps
            items.append(_barely_tracked(hand, tracked[hand], shown & ~mine.known[fa], times, signer))
        else:
            leeway = prepared.leeway.get(hand, {})
            items.extend(_judge_hand(hand, mine, theirs, fa, fr, times, leeway, prepared.sign_s, signer))
    # Pictured where the hand was compared: a lone glitch frame is seen but not compared, and drawn it could
    # show the hand far from where the correction says
    pictured = {
        hand: tracks_a[hand].measured[fa] & (tracks_r[hand].measured[fr] | ~tracks_r[hand].used)
        for hand in HANDS
    }
    if left_out is not None:
        # Pictured where the reference shows it (the attempt's figure without it is the point), and the
        # attempt its signing hand where it can: a live attempt's figure at 0.3 s showed no hand at all
        shown = tracks_r[left_out].measured[fr]
        with_the_other = shown & next(tracks_a[hand].measured[fa] for hand in HANDS if hand != left_out)
        pictured[left_out] = with_the_other if with_the_other.any() else shown
    tracking = [item for item in items if item.parameter == "tracking"]
    # A hand not there to judge comes before every aspect judged: unseen, or left out of the sign
    first = [item for item in items if item.parameter in ("tracking", BOTH_HANDS)]
    # Low as the learner is given the score (Feedback.given: a hand left out keeps it below praise), as the
    # verdict names the look-alike by it (AttemptScore.looked_like_sign): named there, it is offered here
    scored_low = score is not None and (not praised or left_out is not None)
    main = first[0] if first else _main_correction(items, scored_low)
    overall = also = contrast = None
    look_alike = looked_like if scored_low else None
    if look_alike is not None and look_alike.reference is not None:
        contrast = tell_apart(prepared, look_alike, sign_hands, signer)
    # One main correction. A clear mistake of the learner's own (a hand not there, a part below
    # CORRECTION_SCORE, measured on their attempt and pictured) stays the correction: what tells the sign from
    # the look-alike is said after it only where it is the same part of the same hand (why the score named the
    # other sign; a different part would be a second thing to fix; a hand left out or raised says the hands
    # the sign uses itself). Without one (every part close, or one differing just visibly beside the low
    # score) the contrast replaces it: the score says the sign as a whole looked like the other sign, and
    # what tells the two apart is the learner's best lead.
    clear_mistake = main is not None and (main.score is None or main.score < CORRECTION_SCORE)
    if look_alike is not None and contrast is not None:
        if not clear_mistake and items:
            main, overall = None, contrast.message
        elif main is not None and (main.parameter, main.hand) == (contrast.parameter, contrast.hand):
            also = SAME_PART.format(other=look_alike.name)
    elif scored_low and main is None and items:
        overall = (
            LOOKED_LESS_LIKE.format(sign=signer.sign)
            if looked_like is None
            else LOOKED_MORE_LIKE.format(sign=signer.sign, other=looked_like.name)
        )
    log.debug(
        "feedback: %s; main %s",
        ", ".join(f"{i.hand} {i.parameter} {i.score if i.score is None else round(i.score)}" for i in items),
        None if main is None else f"{main.hand} {main.parameter}",
    )
    return Feedback(
        items,
        main,
        attempt_times,
        times,
        fa,
        fr,
        judged=not tracking,
        overall=overall,
        look_alike=look_alike,
        contrast=contrast,
        also=also,
        pictured=pictured,
        hand_left_out=left_out,
    )


def tell_apart(
    reference: PreparedReference, look_alike: LookAlike, sign_hands: Collection[str], signer: Signer = YOU
) -> FeedbackItem | None:
    """What tells the sign of ``reference`` (the sign practised) most from the sign ``look_alike``, by its
    reference clip (given): the other clip aligned with this one as an attempt is (DTW), each hand both
    make the sign with compared part by part as an attempt's are, counted less where this sign's references
    vary (its leeway), and the part scoring lowest told in one sentence with its moment in this sign's
    reference, and what the learner compares (:data:`CONTRAST_PARTS`); a sign made with both hands and one
    with one hand differ first in that (:data:`HANDS_USED`). None: no hand of both to compare."""
    other = look_alike.reference
    if other is None:
        return None
    path = dtw.dtw_path(other.motion, reference.motion)
    fo, fr = path.frames_a, path.frames_b
    times = path.times_b - reference.sign_start_s
    mine = {hand for hand in HANDS if reference.tracks[hand].used and hand in sign_hands}
    theirs = {hand for hand in HANDS if other.tracks[hand].used and hand in look_alike.sign_hands}
    said_of = f"{_sentence(signer.sign)} looked more like “{look_alike.name}”. The two signs differ most in"
    if len(mine) != len(theirs) and mine and theirs:
        these, those, advice = (
            ("both hands", "one", "sign it with both")
            if len(mine) > len(theirs)
            else ("one hand", "both", "keep your other hand down")
        )
        words = f" the hands used: this sign is made with {these}, “{look_alike.name}” with {those}"
        words += f": {advice}." if signer.advised else "."
        return FeedbackItem(HANDS_USED, "", 0.0, reference.sign_s, 0.0, said_of + words)
    parts = []
    for hand in sorted(mine & theirs):
        details = _step_costs(other.tracks[hand], reference.tracks[hand], fo, fr)
        leeway = reference.leeway.get(hand, {})
        for parameter in PARAMETERS:
            cost = details.costs[parameter]
            if np.isfinite(cost).any():
                counts = _counting(leeway.get(parameter), fr, parameter)
                parts.append((hand, parameter, *_scored_stretch(parameter, cost, counts)))
    if not parts:
        return None
    hand, parameter, score, first, last = min(parts, key=lambda part: part[2])
    start_s, end_s = float(times[first]), float(times[last])
    part, compared = CONTRAST_PARTS[parameter]
    when = _when(start_s, end_s, reference.sign_s)
    two_hands = len(mine) == 2
    words = f" {part} of the {hand} hand" if two_hands else f" {part}"
    words += f", {when}"
    if signer.advised:
        yours = f"your {hand} hand" if two_hands else "your hand"
        if parameter == "orientation":
            yours = yours.replace("hand", "palm")
        words += f": compare {compared.format(hand=yours)} with the reference"
    return FeedbackItem(parameter, hand, start_s, end_s, score, f"{said_of}{words}.")


def _main_correction(items: Sequence[FeedbackItem], scored_low: bool = False) -> FeedbackItem | None:
    """The one correction among the aspects judged: the lowest-scoring below ``CORRECTION_SCORE``, except that
    a hand clearly elsewhere (``CLEARLY_ELSEWHERE``; a hand up through most of a one-handed sign scores as
    low) is told first. Where the hand is is the gross error the learner sees in the picture, and the palm
    and movement often follow once the hand is in place: a hand waved beside the face for "please" (a flat
    hand circling on the chest) was told its palm faced away, and of attempts at other signs with the hand
    clearly elsewhere an eighth were told their palm. ``scored_low``: the attempt's overall score is below
    ``GOOD_SCORE``, so with none below ``CORRECTION_SCORE`` the lowest-scoring aspect is the correction if it
    differs visibly (below ``VISIBLE_SCORE``): a low score comes with something to work on, but not with a
    difference the picture does not show."""
    judged = [item for item in items if item.score is not None]
    failing = [item for item in judged if item.score is not None and item.score < CORRECTION_SCORE]
    elsewhere = [item for item in failing if clearly_elsewhere(item)]
    visible = [item for item in judged if item.score is not None and item.score < VISIBLE_SCORE]
    candidates = elsewhere or failing or (visible if scored_low else [])
    return min(candidates, key=lambda item: item.score or 0.0, default=None)


def clearly_elsewhere(item: FeedbackItem) -> bool:
    """Whether ``item`` tells a hand clearly elsewhere: its place, on average over the sign, beyond
    ``CLEARLY_ELSEWHERE`` from the reference's."""
    return (
        item.parameter == "location"
        and item.score is not None
        and item.score < parameter_score("location", CLEARLY_ELSEWHERE)
    )


def _judge_hand(
    hand: str,
    mine: _HandTrack,
    theirs: _HandTrack,
    fa: np.ndarray,
    fr: np.ndarray,
    times: np.ndarray,
    leeway: Mapping[str, np.ndarray],
    sign_s: float,
    signer: Signer,
) -> list[FeedbackItem]:
    """``leeway``: the reference's, for this hand (:attr:`PreparedReference.leeway`; empty: none known);
    ``sign_s``: how long the reference's sign lasts (``times`` count into it)."""
    details = _step_costs(mine, theirs, fa, fr)
    span = max(int(fa[-1] - fa[0]), 1)
    into_sign = np.minimum(fa - fa[0], fa[-1] - fa) / span
    on_the_way = np.minimum(into_sign / WAY_IN_AND_OUT, 1.0)
    items = []
    for parameter in PARAMETERS:
        cost = details.costs[parameter]
        known = np.isfinite(cost)
        if not known.any():
            continue
        counts = _counting(leeway.get(parameter), fr, parameter) * on_the_way
        score, first, last = _scored_stretch(parameter, cost, counts)
        start_s, end_s = float(times[first]), float(times[last])
        stretch = slice(first, last + 1)
        both = details.both[stretch]
        when = _when(start_s, end_s, sign_s)
        if parameter == "location":
            # Worded at the moment its picture shows (pictured where the hand is compared, as it is at every
            # known step): averaged over the stretch, a hand at the chest there and up by the chin around it
            # was told "further to your left" only, beside a picture of it half a shoulder width too low
            step = _pictured_step(times, start_s, end_s, details.both)
            offset = mine.place[fa[step]] - theirs.place[fr[step]]
            message = _location_message(hand, offset, when, signer)
        elif parameter == "movement":
            moved_a, moved_r = (np.nan_to_num(np.nanmean(m[stretch], axis=0)) for m in details.moved)
            message = _movement_message(hand, moved_a, moved_r, when, signer)
        elif parameter == "handshape":
            tips = [SHAPE_PAIRS.index((0, tip)) for tip in FINGERTIPS]
            tips_a = float(mine.shape[fa[stretch][both]][:, tips].mean())
            tips_r = float(theirs.shape[fr[stretch][both]][:, tips].mean())
            message = _handshape_message(hand, tips_a, tips_r, when, signer)
        else:
            pointing = (
                mine.pointing[fa[stretch][both]].mean(axis=0),
                theirs.pointing[fr[stretch][both]].mean(axis=0),
            )
            facing = (
                float(mine.facing[fa[stretch][both]].mean()),
                float(theirs.facing[fr[stretch][both]].mean()),
            )
            message = _orientation_message(hand, pointing, facing, when, signer)
        items.append(FeedbackItem(parameter, hand, start_s, end_s, score, message))
    return items


def _scored_stretch(parameter: str, cost: np.ndarray, counts: np.ndarray) -> tuple[float, int, int]:
    """A parameter's score from its ``cost`` along the path (nan where unknown, some known), each step
    counting as much as ``counts`` says, and the first and last step of the stretch where it differed
    most (:func:`_worst_stretch`)."""
    known = np.isfinite(cost)
    if not np.any(counts[known] > 0):  # an attempt of a frame or two is all way in and out: count it all
        counts = np.ones_like(counts)
    weights = np.where(known, counts, 0.0)
    mean = float(np.sum(np.where(known, cost, 0.0) * weights) / weights.sum())
    first, last = _worst_stretch(cost * counts)
    return parameter_score(parameter, mean), first, last


def _swapped_hands(
    mine: dict[str, _HandTrack],
    theirs: dict[str, _HandTrack],
    sign_hands: Collection[str],
    left_handed: bool,
    praised: bool,
    signer: Signer,
) -> FeedbackItem | None:
    """A one-handed sign made with the other hand than the reference as shown (the learner's handedness
    setting does not match how they sign, or they copied the picture the wrong way round): nothing to judge,
    one thing to say. A hand the sign is not made with (``sign_hands``) counts as unused in the reference
    even where it shows it raised (3 of the 8 clips of "hallo (DGS)"): else a mirrored attempt compared with
    one of those was told its right hand was hardly seen. ``praised``: the attempt scored well (the score
    treats a sign and its mirror image alike), so it is said as a note beside the praise, not as a correction
    contradicting it.

    The reference's hand is named as it is shown ("shown signed with the right hand": "your right hand"
    named the learner's hand for the reference's), with the setting that chose it: a learner who recorded
    the sign themselves with their left hand was told "the reference with its right hand" and could not
    tell why their own recording had changed hands. Of another signer's clip, only what was seen is said."""
    signs_with = {hand: theirs[hand].used and hand in sign_hands for hand in HANDS}
    for hand, other in (("left", "right"), ("right", "left")):
        if signs_with[hand] and not signs_with[other] and mine[other].used and not mine[hand].used:
            said = (
                f"{signer.who} signed with {signer.their} {other} hand;"
                f" the reference is shown signed with the {hand} hand"
            )
            if not signer.advised:
                return FeedbackItem("tracking", hand, 0.0, 0.0, None, f"{_sentence(said)}.")
            advice = f"sign with your {hand} hand"
            by_setting = (hand == "left") == left_handed  # else this reference was recorded that way
            now, turned = ("on", "off") if left_handed else ("off", "on")
            if by_setting:
                said += f", as left-handed mode is {now}"
                advice += f", or turn left-handed mode {turned} in Settings"
            if not praised:
                message = f"{_sentence(said)}. {_sentence(advice)}."
            elif by_setting:  # the setting suggested only to a learner who does sign with that hand
                message = f"Note: {said}. If you sign with your {other} hand, turn it {turned} in Settings."
            else:
                message = f"Note: {said}."
            return FeedbackItem("tracking", hand, 0.0, 0.0, None, message)
    return None


_OTHER_HAND = {"left": "right", "right": "left"}


def _led_by_the_other_hand(
    attempt: PoseSequence, sign: _Sign, theirs: dict[str, _HandTrack], sign_hands: Collection[str]
) -> str | None:
    """The hand leading ``attempt`` at a one-handed sign (``sign_hands``, as the reference ``theirs`` shows
    it: see :func:`_swapped_hands`) when it is the other one; else None. Led as the encoder decides it
    (normalize.leads_with_left: the wrist travelling further over the sign, hands resting below the rest line
    left out), not by the hands seen: a left-hander's right hand held up in view made their sign judged as
    right-handed, and their right hand told to go down."""
    signs_with = [hand for hand in HANDS if theirs[hand].used and hand in sign_hands]
    if len(signs_with) != 1:
        return None
    led = "left" if normalize.leads_with_left(attempt.points[sign.span], sign.mask[sign.span]) else "right"
    return led if led != signs_with[0] else None


def _mirrored(reference: PreparedReference) -> PreparedReference:
    """``reference`` as its mirror image, signed with the other hand; its leeway (costs: alike for two
    clips and for their mirror images) on the other hand's side."""
    leeway = {_OTHER_HAND[hand]: costs for hand, costs in reference.leeway.items()}
    return replace(PreparedReference.of(reference.pose.mirrored()), leeway=leeway)


def _mirrored_look_alike(look_alike: LookAlike) -> LookAlike:
    """``look_alike`` with its clip mirrored, as the sign practised is (:func:`tell_apart` compares them)."""
    if look_alike.reference is None:
        return look_alike
    sign_hands = tuple(_OTHER_HAND[hand] for hand in look_alike.sign_hands)
    return replace(look_alike, reference=_mirrored(look_alike.reference), sign_hands=sign_hands)


def _mirrored_note(signed_with: str, signer: Signer, corrected: bool) -> str:
    """Said after the feedback on a one-handed sign made with ``signed_with``, the other hand than the
    reference shows, with left-handed mode off: that it was compared mirrored, and why; and, to a learner
    signing with the left hand given no correction (``corrected``), the setting (beside a correction, the
    words made six lines in a small window's result box, two more than it shows without scrolling)."""
    said = f"Compared with the reference mirrored, as {signer.who} signed with {signer.their} {signed_with}"
    said += " hand."
    if signer.advised and signed_with == "left" and not corrected:
        said += " To see every sign made with your left hand, turn left-handed mode on in Settings."
    return said


def unpictured(item: FeedbackItem) -> str:
    """What a correction's picture says instead when its hand is not seen in the attempt and the reference at
    any one moment (:meth:`Feedback.moment`)."""
    return f"No picture to compare: your {item.hand} hand was not seen at any moment the reference's was."


def _barely_tracked(
    hand: str, tracked: float, missing: np.ndarray, times: np.ndarray, signer: Signer
) -> FeedbackItem:
    """``missing``: along the path, the steps of the sign where the reference shows the hand and the attempt
    does not."""
    first, last = _worst_stretch(missing.astype(float))
    return FeedbackItem(
        "tracking",
        hand,
        float(times[first]),
        float(times[last]),
        None,
        f"{_sentence(signer.whose)} {hand} hand was "
        + (f"hardly seen (in {100 * tracked:.0f}% of the sign)" if tracked >= 0.05 else "not seen")
        + ", so it cannot be judged"
        + (": keep it inside the picture and in the light." if signer.advised else "."),
    )


def _tracked(
    mine: _HandTrack, theirs: _HandTrack, fa: np.ndarray, fr: np.ndarray, signing: np.ndarray
) -> float:
    """How well the attempt's hand (``mine``) was tracked: the share of the moments along the path where the
    reference shows it that it was seen in, and in the frames of the sign (``signing``, along the path) as
    often as the reference shows it in its own (the path may pair the reference with the frames it was
    seen in), whichever is less."""
    shown = theirs.known[fr] & signing
    return min(
        float((mine.known[fa] & shown).sum() / max(shown.sum(), 1)),
        mine.seen_share / max(theirs.seen_share, 1e-9),
    )


def _hand_left_out(
    attempt: PoseSequence,
    sign: _Sign,
    tracked: Mapping[str, float],
    theirs: Mapping[str, _HandTrack],
    sign_hands: Collection[str],
) -> str | None:
    """The hand a two-handed sign (both hands in ``sign_hands`` and used by the reference, ``theirs``) was
    signed without, or None. Over the frames of the attempt's sign: the other hand tracked well enough to
    judge (``tracked``: per hand, the share the loop judges by), and this hand not detected (a hand hanging
    below the rest line counts as down) and its arm seen down (:func:`_arms_down`), each but for a tracker
    glitch (``normalize.STRAY_SHARE`` of the frames: a live attempt is not cleaned of them, and the free hand
    of 29 of the 120 one-handed DGS starter clips shows up in a frame or a few, a duplicate of the other hand
    or a shadow). Else it is a tracking failure, not seen: a hand seen for part of the sign (flickering, gone
    out of the picture), an arm raised with no hand found at its end (too dark, too quick), one held low in
    the picture or hidden, or no body to tell where the arm was. Measured on the starter database's ASL
    clips (tools/measure_feedback.py): 87% of one-handed clips at a two-handed sign are told "both hands",
    3% not seen (a free arm the body's tracker lost in a picture reaching the hips, or a hand resting at the
    hip: nothing shows them down). Of 128 two-handed clips at their sign with one hand taken from the hand
    tracker (its arm as the body's tracker saw it), none is told "both hands" (muffin's base hand, held low,
    was while an arm not seen raised counted as down)."""
    if not all(hand in sign_hands and theirs[hand].used for hand in HANDS):
        return None
    frames = sign.frames
    down = _arms_down(attempt)[frames]
    for side, (hand, other, component) in enumerate(
        (("left", "right", LEFT_HAND), ("right", "left", RIGHT_HAND))
    ):
        if (
            tracked[other] >= TRACKED_FRACTION
            and np.mean(sign.mask[frames][:, component].any(axis=1)) <= normalize.STRAY_SHARE
            and np.mean(~down[:, side]) <= normalize.STRAY_SHARE
        ):
            return hand
    return None


def _arms_down(pose: PoseSequence) -> np.ndarray:
    """(T, 2) bool for the left and the right arm of each frame: seen down by the body's tracker (which
    follows an arm where the hand's tracker finds no hand), both shoulders seen. Its wrist seen at or below
    the rest line (``normalize.REST_BELOW_SHOULDERS``) or below the picture's bottom edge (the body's tracker
    places a wrist out of the picture too); or its wrist not seen where a hanging one would be out of the
    picture: within ``FOREARM`` of the bottom edge below its elbow hanging (``HANGING_ELBOW_BELOW``), or,
    the elbow not seen either, the picture ending above the rest line (a webcam's framing, the arm lowered
    out of it). An arm not seen so is not known to be down: a base hand held low in the picture, a wrist
    hidden behind the other hand, out of the picture's top or side, or left unseen in a picture that would
    show it hanging. (An arm not seen raised counted as down: a base hand the hand tracker lost was told to
    come up too, and scored 50.)"""
    points, mask = pose.points, pose.mask
    wrists, elbows = [LEFT_WRIST_BODY, RIGHT_WRIST_BODY], [LEFT_ELBOW, RIGHT_ELBOW]
    wrist_y, elbow_y = points[:, wrists, 1], points[:, elbows, 1]
    bottom = np.full((len(pose), 1), pose.height, np.float32)  # the picture's bottom edge
    shoulders, above_rest = normalize.above_the_line(
        points, mask, np.concatenate([wrist_y, bottom], axis=1), normalize.REST_BELOW_SHOULDERS
    )
    elbow_up = normalize.above_the_line(points, mask, elbow_y, HANGING_ELBOW_BELOW)[1]
    near_elbow = normalize.above_the_line(points, mask, np.repeat(bottom, 2, axis=1), FOREARM, elbow_y)[1]
    seen_down = mask[:, wrists] & (~above_rest[:, :2] | (wrist_y >= pose.height))
    hanging_out = np.where(mask[:, elbows], ~elbow_up & near_elbow, above_rest[:, 2:])
    return np.asarray(shoulders[:, None] & (seen_down | (~mask[:, wrists] & hanging_out)))


def _left_out(
    hand: str,
    theirs: Mapping[str, _HandTrack],
    fr: np.ndarray,
    times: np.ndarray,
    sign_s: float,
    signer: Signer,
) -> FeedbackItem:
    """The correction of a two-handed sign signed without ``hand``: where the reference (``theirs``) holds
    that hand (its height, and where it is from the other hand) and when, scored 0 (nothing of it was there
    to match). Not how it moves: a base hand's tracking jitter moved as much as coffee's circling fist."""
    other = next(h for h in HANDS if h != hand)
    track, partner = theirs[hand], theirs[other]
    shown = track.known[fr]
    steps = np.flatnonzero(shown)
    first, last = int(steps[0]), int(steps[-1])
    frames = fr[shown]
    height = float(np.median(track.place[frames, 1]))
    where = next((words for line, words in HEIGHTS if height < line), "at belly height")
    together = frames[partner.known[frames]]
    # The other hand: the learner's own, where to bring it to; else the reference's ("their" read as the
    # other signer's, whose hand was not there)
    partner_of = f"{signer.their if signer.advised else 'its'} {other} hand"
    if len(together):
        apart = np.median(track.place[together] - partner.place[together], axis=0)
        if np.linalg.norm(apart) < normalize.NEAR_WITHIN:
            where += f", close to {partner_of}"
        else:
            sideways, vertical = abs(float(apart[0])), abs(float(apart[1]))
            words = ["below" if apart[1] > 0 else "above"] if vertical >= DIAGONAL * sideways else []
            words += ["to the side of" if words else "beside"] if sideways >= DIAGONAL * vertical else []
            where += f", {' and '.join(words)} {partner_of}"
    when = _when(float(times[first]), float(times[last]), sign_s)
    signed = f"this sign uses both hands, and {signer.who} signed with {signer.their} {other} hand only."
    if signer.advised:
        bring = f"Bring your {hand} hand up too: {when}, hold it {where}, as in the reference."
        said = f"Both hands: {signed} {bring}"
    else:
        said = f"Both hands: {signed} {_sentence(when)}, the reference's {hand} hand is {where}."
    return FeedbackItem(
        BOTH_HANDS,
        hand,
        float(times[first]),
        float(times[last]),
        0.0,
        said,
    )


def _extra_hand(
    hand: str, mine: _HandTrack, fa: np.ndarray, times: np.ndarray, sign_s: float, signer: Signer
) -> FeedbackItem:
    raised = mine.known[fa]
    first, last = _worst_stretch(raised.astype(float))
    other = next(h for h in HANDS if h != hand)
    when = _when(float(times[first]), float(times[last]), sign_s)
    advice = f": keep {signer.whose} {hand} hand down" if signer.advised else ""
    return FeedbackItem(
        "location",
        hand,
        float(times[first]),
        float(times[last]),
        100.0 * (1.0 - float(raised.mean())),
        f"Location: {when}, {signer.whose} {hand} hand was up, but this sign is made with the {other} hand"
        f" only{advice}.",
    )
