"""Attempt segmentation and the tracking check: Qt-free, fed one frame of landmarks at a time.

An attempt is the stretch of frames in which the learner signs. :class:`AttemptSegmenter` finds it in the
live stream in one of three ways:

* automatically: it starts when a hand comes up into the signing space AND moves, and stops when the hands
  go back down or are held still. After a result, the hands must have been seen down and ``reading_pause_s``
  passed (time to read it) before the next one starts by itself. Hands resting raised (chin on a hand,
  arms crossed) start nothing: the wrist must move ``start_motion`` shoulder widths within
  ``motion_window_s`` since it came up above the rest line (``normalize.REST_BELOW_SHOULDERS``, lower than
  the signing space's: a sign made at the belly moves about that line). Both decisions use hysteresis (a
  hand must be up for ``start_hold_s`` to start, all hands down for ``stop_hold_s``, or for
  ``stop_low_s`` while one stays above the rest line, or still for ``stop_still_s`` to stop), so one noisy
  frame neither starts nor ends an attempt. The frames since the hand came up (up to
  ``raised_pre_roll_s``), or just before the start (``pre_roll_s``) when fewer, are kept, because the
  hands rising is already part of the sign, as the same frames' file keeps them; the frames after the
  hands stopped are not, and after they dropped out of the signing space only those the sign's span holds
  (``normalize.signing_span``, whose rest line is lower: a sign made at the belly goes on below the
  signing space, and is cut live as from a file). Attempts longer than ``max_duration_s`` are cut there.
* by key: :meth:`AttemptSegmenter.start_manual` starts an attempt (the Space key, a Start button) that ends
  only by :meth:`AttemptSegmenter.stop`. Stop ends an attempt however it started, and scores it; it never
  starts one (pressed as an attempt ended by itself, it started a new one), nor Start ends one.
* by countdown: :meth:`AttemptSegmenter.start_countdown` records from the end of a 3-2-1 countdown (counted
  in the learner's seconds, ``clock``'s, not the frames') until the hands go down or are held still (or
  ``countdown_record_s`` has passed, whichever comes first). Hands still down at "Go!" are waited for (up to
  ``countdown_wait_s``): the attempt starts when one comes up, with the pre-roll, as an automatic one does.

Whatever started it, an attempt whose sign (:func:`sign_seconds`, as the players show it) is shorter than
``min_duration_s`` (a scratch of the nose is not a sign) or with a hand seen in under
``min_tracked_fraction`` of the frames of its sign is discarded with a short message, never scored or
saved. The frames of its sign are one rule for every attempt, however it started and ended
(:func:`signing_frames`): those in which the learner signs, not the seconds before the hands come up, after
they go down, or while they rest lowered (which would have ended an automatic attempt).

The message says what went wrong as the learner lived it, not "very short" for all: a sign cut off by the
Stop (the hands up in the attempt's last frames) or by a Start by key (up in its first frames already) is
said so, also when those frames are all the attempt holds of a hand (never "hands hardly seen" under a
hand drawn on the picture: the Stop came as it rose), and so is a short recording that lasted a second
longer on the segmenter's clock than in its frames' own time: pictures that did not come (a busy
computer, a camera still starting, a video file used as the camera played slower than real time, since
every frame of it is tracked). Five seconds of Start to Stop over the looping signing video were thrown
out as "very short": at five frames a second they held under a second of the video, whose signer's hand
came up as Stop was pressed.

"Signing space" is measured against the body: a hand is up when its wrist is above a line
``signing_space_below_shoulders`` shoulder widths below the shoulders (about the lower chest). Hands resting
on the lap or hanging at the sides are below it. Without a body (e.g. only hands in frame) a detected hand
counts as up: in a webcam's framing, hands that are down are usually out of the picture.
"""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop_app.core.signing.upright import turned_tracking_words
from signcore import normalize
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    POSE,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    WRIST,
    PoseSequence,
)

if TYPE_CHECKING:  # at run time imported where needed: MediaPipe takes over a second to import
    from signcore.extract import FrameLandmarks


class Phase(enum.Enum):
    WAITING = "waiting"  # no attempt: watching for hands coming up (auto) or a key
    COUNTDOWN = "countdown"  # 3-2-1 before recording
    RECORDING = "recording"


class Trigger(enum.Enum):
    AUTO = "auto"
    MANUAL = "manual"
    COUNTDOWN = "countdown"


@dataclass(frozen=True)
class SegmenterConfig:
    start_hold_s: float = 0.15
    stop_hold_s: float = 0.35
    # Hands lowered out of the signing space but still above the rest line (at the belly, on a desk) end an
    # attempt after this long; out of the picture or hanging at the sides, after stop_hold_s. A sign made at
    # the belly rests on the signing space's line as it begins (WLASL abdomen 00338, its hand coming up
    # into the picture: 0.6 s at 1.00-1.01 shoulder widths below the shoulders): ended after stop_hold_s,
    # such a sign is cut in two
    stop_low_s: float = 1.0
    pre_roll_s: float = 0.25
    # A hand raised (above the rest line) before an automatic start is part of the sign, as in a file of the
    # same frames: kept from when it came up, up to this long before the start. With the pre-roll alone, a
    # sign at the belly that moves only once there (WLASL abdomen 00338, 00339) lost up to 0.7 s of its start
    raised_pre_roll_s: float = 1.0
    # A lesson scored a twitch "Again" (a failure) within 3 s of its step opening. Not longer: the quickest
    # starter reference (hello (ASL)) is signed in 0.33 s, and a learner may sign as quickly
    min_duration_s: float = 0.3
    max_duration_s: float = 8.0
    countdown_s: float = 3.0
    countdown_record_s: float = 4.0
    countdown_wait_s: float = 5.0  # after "Go!", how long hands still down are waited for
    signing_space_below_shoulders: float = 1.0  # in shoulder widths
    start_motion: float = 0.1  # shoulder widths a raised wrist must move within motion_window_s to start
    # Not 0.5 s: a sign at the belly moving slowly (WLASL abdomen 00339: 0.12 shoulder widths in 0.7 s, under
    # 0.1 in any 0.5 s) never started. Hands held still drift far less (0.02-0.06 in 0.8 s at the belly)
    motion_window_s: float = 1.0
    # Raised hands held this still for this long end an attempt. Not 0.8 s: signs made at the belly hold a
    # flat hand there nearly still (WLASL abdomen: 1.4 s under 0.04 shoulder widths in 00336), and 0.8 s
    # ended such attempts inside their sign (0.30 s kept of 1.77 s, scored 69 where the file scored 95).
    # 1.5 s is longer than any hold inside a sign of the real clips measured (the four abdomen videos, 90
    # DGS and 425 traduttore clips; h33b's report); lowering the hands still ends an attempt at once.
    stop_still_s: float = 1.5
    still_motion: float = 0.04  # shoulder widths: moving less than this is holding still
    still_kept_s: float = 0.2  # of a still stretch that ends an attempt, this much is kept
    min_tracked_fraction: float = 0.5  # attempts with a hand in fewer of their frames are discarded
    # After an attempt's result, no automatic start for this long (the learner's seconds): its score and
    # correction are read first. Hands raised again ~2 s after a result started the next attempt and greyed
    # the result out before it could be read. A key (Space, Start) starts one at any time.
    reading_pause_s: float = 4.0


@dataclass(frozen=True)
class SegmentEvent:
    """What happened on a frame: ``kind`` is started / finished / discarded / countdown."""

    kind: str
    pose: PoseSequence | None = None  # the attempt, for "finished"
    end_time: float = 0.0  # timestamp of the frame that ended it
    message: str = ""
    seconds_left: int = 0  # for "countdown": 3, 2, 1
    # for "started": what started it (an automatic attempt ends as the hands go down)
    trigger: Trigger | None = None


def hands_up(points: np.ndarray, mask: np.ndarray, config: SegmenterConfig = SegmenterConfig()) -> bool:
    """Is at least one hand in the signing space in this frame? (signcore.normalize.raised_hands, the rule
    that also finds where a recorded sign starts and ends, with the signing space's higher line.)"""
    return bool(hands_up_frames(points[None], mask[None], config)[0])


def hands_up_frames(
    points: np.ndarray, mask: np.ndarray, config: SegmenterConfig = SegmenterConfig()
) -> np.ndarray:
    """(T,) bool: :func:`hands_up` of each frame of a clip's ``points`` and ``mask``."""
    return normalize.raised_hands(points, mask, config.signing_space_below_shoulders)


def stretches_between_pauses(times: np.ndarray, active: np.ndarray, pause_s: float) -> list[tuple[int, int]]:
    """The first and last frame of each stretch of ``active`` frames (a hand raised) between pauses: THE
    rule of a pause in signing, no frame active for ``pause_s`` or longer (from the first to the last frame
    between two active ones). :func:`signing_frames` and the cutting of a long video into signs
    (:mod:`desktop_app.core.signing.video_clips`) each say which frames are active and how long a pause
    lasts."""
    stretches: list[tuple[int, int]] = []
    for frame in np.flatnonzero(active).tolist():
        if stretches:
            first, last = stretches[-1]
            if frame - last == 1 or times[frame - 1] - times[last + 1] < pause_s:
                stretches[-1] = (first, frame)
                continue
        stretches.append((frame, frame))
    return stretches


def signing_stretches(
    pose: PoseSequence, pause_s: float = SegmenterConfig.stop_hold_s, kept: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """The first and last frame of each stretch of ``pose`` in which the learner signs, whatever started and
    ended the recording. Together they run from the first to the last frame with a hand raised
    (``normalize.signing_span``: not the seconds before the hands come up and after they go down), less
    each pause in between (:func:`stretches_between_pauses`): no hand raised for ``pause_s`` or longer,
    which ends an automatic attempt (hands lowered out of the picture, in a webcam's framing). A hand lost
    for a moment inside the sign is kept, as a frame without it. A recording without any hand is one
    stretch, never seen. ``kept``: the clip's mask without its resting hands (``normalize.signing_part``'s),
    when the caller has it."""
    # Raised above the rest line (normalize.signing_part), not into hands_up's signing space: a sign made
    # low, at the belly, is signing
    if kept is None:
        kept = normalize.without_resting_hands(pose.points, pose.mask)
    active = np.asarray(kept[:, LEFT_HAND].any(axis=1) | kept[:, RIGHT_HAND].any(axis=1))
    if not active.any():
        return [(0, len(pose) - 1)]
    return stretches_between_pauses(pose.timestamps, active, pause_s)


def signing_frames(
    pose: PoseSequence, pause_s: float = SegmenterConfig.stop_hold_s, kept: np.ndarray | None = None
) -> np.ndarray:
    """(T,) bool: the frames of ``pose`` in which the learner signs (:func:`signing_stretches`)."""
    signing = np.zeros(len(pose), bool)
    for first, last in signing_stretches(pose, pause_s, kept):
        signing[first : last + 1] = True
    return signing


def longest_signing(pose: PoseSequence) -> slice:
    """The frames of the longest of ``pose``'s stretches of signing (:func:`signing_stretches`): what a
    recording keeps. Cut from the first to the last hand raised, a recording held
    the pause between the end of one go and the start of the next, and a preview saying "0.7 s of signing
    in a 1.8 s clip" kept the 1.8 s, a hand "not seen" for a second of it."""
    times = pose.timestamps
    first, last = max(signing_stretches(pose), key=lambda stretch: times[stretch[1]] - times[stretch[0]])
    return slice(first, last + 1)


def sign_seconds(pose: PoseSequence, span: slice | None = None) -> float:
    """How long the sign in ``pose`` lasts as the players show it (``normalize.signing_span``, the frames
    ``view.sign_only`` plays): THE length said of a sign. Said as the whole file's, "1.9 s of signing" stood
    above players showing 0.8 s. ``span``: the clip's signing span, when the caller has it."""
    span = normalize.signing_span(pose.points, pose.mask) if span is None else span
    return float(pose.timestamps[span.stop - 1] - pose.timestamps[span.start])


TOO_SHORT = "That was very short: try again."
# Two lines at most above the picture of the smallest window (they are the heading for a moment)
SIGN_CUT_AT_STOP = "Stopped as your sign began: stop once you have signed."
SIGN_CUT_AT_LIMIT = "The {seconds:.0f} seconds ran out as your sign began: start signing sooner."
SIGN_CUT_AT_START = "Started as your sign ended: start before you sign."
# Added to the time limit's words where lowering the hands ends an attempt: a sign repeated with the hands
# kept up (at the belly, WLASL abdomen 00338 looping) ran to the limit, several tries scored as one, with no
# word of how one ends
LOWER_AFTER_EACH_SIGN = ": lower your hands after each sign."
TOO_FEW_PICTURES = "The camera's pictures came too slowly (a busy computer): try again."
HANDS_HARDLY_SEEN = "Your hands were hardly seen: keep them in the picture."
# An attempt this much longer on the clock than in its frames' own time was no short attempt: its pictures
# did not come
MISSING_PICTURES_S = 1.0
# A hand lost in this many frames at an attempt's end is still up there (the tracker loses a hand in motion
# blur, about every other frame at worst)
TRACKING_GAP_FRAMES = 2
# A countdown's attempt that ended (hands still, or lowered) or ran out of waiting with no hand brought up
# and moved after "Go!": a second of still hands was scored (15) and saved as an attempt.
NO_SIGN_SEEN = "No sign seen: press 3-2-1 and bring your hands up."
# How a countdown's attempt ends, said with its "Go!": the heading said nothing of it (or "press Space
# again to stop") while the attempt ended by itself moments later.
COUNTDOWN_GO = "Go! Sign, then lower your hands (or press Space) to finish."
COUNTDOWN_GO_HANDS_DOWN = "Go! Bring your hands up and sign, then lower them (or press Space) to finish."


def signed_seconds(pose: PoseSequence, signing: np.ndarray) -> float:
    """How long the learner signed in ``pose``: the time its stretches of ``signing`` frames last (a frame
    alone lasts nothing: a glimpse of a hand is no sign)."""
    steps = np.diff(pose.timestamps)
    return float(steps[signing[1:] & signing[:-1]].sum())


def too_short_to_keep(pose: PoseSequence, signing: np.ndarray | None = None) -> bool:
    """Whether the signing in ``pose`` (:func:`signed_seconds` of its :func:`signing_frames`, or of
    ``signing`` where the caller found them already) is shorter than practice's shortest attempt
    (:attr:`SegmenterConfig.min_duration_s`): THE rule of a clip too short to be a sign's reference, recorded
    (``library.Recording``) or imported (``imports.too_short_clip``). A 0.2 s .pose file was imported without
    a word where a recording that short was refused."""
    frames = signing_frames(pose) if signing is None else signing
    return signed_seconds(pose, frames) < SegmenterConfig().min_duration_s


def hands_hardly_seen(
    pose: PoseSequence, signing: np.ndarray, config: SegmenterConfig = SegmenterConfig()
) -> bool:
    """THE rule of signing whose hands were hardly seen: a hand in under ``min_tracked_fraction`` of the
    frames of its sign (``signing``: :func:`signing_frames`). An attempt so is thrown out (HANDS_HARDLY_SEEN),
    a search with it refused (:func:`no_signing`)."""
    sign = pose.mask[signing]
    with_hand = sign[:, LEFT_HAND].any(axis=1) | sign[:, RIGHT_HAND].any(axis=1)
    return bool(np.mean(with_hand) < config.min_tracked_fraction)


def no_signing(pose: PoseSequence, config: SegmenterConfig = SegmenterConfig()) -> str:
    """Why ``pose`` (a file, a recording) holds no signing to judge, by the rules an attempt is thrown out
    by (:meth:`AttemptSegmenter._finish`): no hand seen at all, hands hardly seen (:func:`hands_hardly_seen`),
    or signing too short to be a sign (:func:`too_short_to_keep`); "" when it holds some. A search with a
    video whose hand was never seen gave a confident top 10 where practice refused it."""
    if not (pose.mask[:, LEFT_HAND].any() or pose.mask[:, RIGHT_HAND].any()):
        return "no hand is seen in it"
    signing = signing_frames(pose, config.stop_hold_s)
    if hands_hardly_seen(pose, signing, config):
        return "its hands are hardly seen"
    if too_short_to_keep(pose, signing):
        return "its signing is too short to be a sign"
    return ""


def wrist_places(points: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
    """Each hand-tracked wrist's (x, y) in shoulder widths (hand sizes x HAND_SIZE_TO_SHOULDER_WIDTH without
    a body), for measuring how much the hands move whatever the camera distance."""
    if mask[LEFT_SHOULDER] and mask[RIGHT_SHOULDER]:
        scale = float(np.linalg.norm(points[LEFT_SHOULDER, :2] - points[RIGHT_SHOULDER, :2]))
    else:
        sizes, known = normalize.hand_sizes(points[None], mask[None], dims=2)
        scale = normalize.HAND_SIZE_TO_SHOULDER_WIDTH * float(sizes[known].mean()) if known.any() else 0.0
    if scale <= normalize.MIN_SCALE:
        return {}
    return {
        hand: points[component.start + WRIST, :2].astype(np.float64) / scale
        for hand, component in (("left", LEFT_HAND), ("right", RIGHT_HAND))
        if mask[component.start + WRIST]
    }


def largest_motion(places: list[dict[str, np.ndarray]]) -> float:
    """How far any wrist moved over ``places`` (one dict per frame, from :func:`wrist_places`): the largest
    distance of a wrist from where it is last seen, in shoulder widths."""
    largest = 0.0
    for hand in ("left", "right"):
        seen = [frame[hand] for frame in places if hand in frame]
        if len(seen) > 1:
            largest = max(largest, float(np.linalg.norm(np.array(seen) - seen[-1], axis=1).max()))
    return largest


class AttemptSegmenter:
    """Turns a stream of frames into attempts (see the module docstring). Feed every frame to :meth:`feed`.
    ``clock``: the learner's time, against which an attempt's frames tell pictures that did not come."""

    def __init__(
        self,
        width: int = 1,
        height: int = 1,
        config: SegmenterConfig = SegmenterConfig(),
        clock: Callable[[], float] = time.monotonic,
    ):
        self.config = config
        self._clock = clock
        self._started_at = 0.0  # clock() when the attempt under way started
        self.width, self.height = width, height
        self.phase = Phase.WAITING
        self.trigger: Trigger | None = None
        self._recent: deque[FrameLandmarks] = deque()  # the pre-roll while waiting
        self._recording: list[FrameLandmarks] = []
        # Since when a hand has been raised above the rest line, while waiting: its motion since then starts
        # an attempt
        self._raised_since: float | None = None
        # The hands must be seen down (or out of the picture) before an automatic start: after an attempt
        # ends or is cancelled, hands still raised after a Space, a countdown or the time limit start no new
        # one at once; and once turned on (a lesson's "sign it" step opened), hands raised from the mouse do
        # not start one before the learner could begin (:attr:`auto_enabled`).
        self._armed = False
        self._auto_enabled = True
        self._down_since: float | None = None
        self._raised_at = 0.0  # the last frame of the attempt under way with a hand above the rest line
        self._countdown_until = 0.0
        self._reading_until = 0.0  # clock(): the learner reads the last attempt's result till then
        self._waiting_for_hands = False  # a countdown's "Go!" came with the hands down
        # Every command in the order given, one a frame: two Spaces between two frames (Stop, then Start)
        # both count; kept in one slot, the Start overwrote the Stop and did nothing while recording.
        self._pending_commands: deque[str] = deque()
        # (time, wrist places) of the last frames, for the motion that starts and the stillness that ends
        self._places: deque[tuple[float, dict[str, np.ndarray]]] = deque()

    @property
    def auto_enabled(self) -> bool:
        """Whether attempts start by themselves; turned on, the first waits for the hands to be seen down."""
        return self._auto_enabled

    @auto_enabled.setter
    def auto_enabled(self, enabled: bool) -> None:
        if enabled and not self._auto_enabled:
            self._reading_until = 0.0  # turned on again: the learner went on (a lesson's next step)
        self._auto_enabled = enabled
        if enabled and self.phase is Phase.WAITING:
            self._armed, self._raised_since = False, None

    # Commands (take effect on the next frames, one a frame, so they work from any caller without a clock of
    # their own).
    def start_manual(self) -> None:
        """Space or Start while no attempt is under way: start one now (nothing when one is)."""
        self._pending_commands.append("start")

    def stop(self) -> None:
        """Space or Stop while an attempt is under way: end it and judge it, however it started; a countdown
        is cancelled. Nothing when the attempt has ended meanwhile (its result is on its way)."""
        self._pending_commands.append("stop")

    def start_countdown(self) -> None:
        self._pending_commands.append("countdown")

    def cancel(self) -> None:
        """Drop the attempt being recorded or counted down, without a result."""
        self._pending_commands.append("cancel")

    def drop(self) -> None:
        """Forget the attempt in progress NOW, with any command still waiting for a frame and the frames
        kept for the next one (the pre-roll): the stream broke (camera lost, the picture turned), so no
        frame may come to apply a cancel, a key pressed meanwhile must not finish the broken attempt, and
        no attempt may hold frames from both sides of the break."""
        self._pending_commands.clear()
        self._reset()

    def feed(self, frame: FrameLandmarks) -> SegmentEvent | None:
        event = self._run_command(frame)
        if event is not None:
            return event
        up = hands_up(frame.points, frame.mask, self.config)
        raised = bool(
            normalize.raised_hands(frame.points[None], frame.mask[None], normalize.REST_BELOW_SHOULDERS)[0]
        )
        self._places.append((frame.timestamp_s, wrist_places(frame.points, frame.mask)))
        window = max(self.config.motion_window_s, self.config.stop_still_s)
        while frame.timestamp_s - self._places[0][0] > window:
            self._places.popleft()
        if self.phase is Phase.COUNTDOWN:
            return self._countdown_step(frame, up)
        if self.phase is Phase.WAITING:
            return self._waiting_step(frame, up, raised)
        return self._recording_step(frame, up, raised)

    def _run_command(self, frame: FrameLandmarks) -> SegmentEvent | None:
        command = self._pending_commands.popleft() if self._pending_commands else None
        cancelled = command == "cancel" or (command == "stop" and self.phase is Phase.COUNTDOWN)
        if cancelled and self.phase is not Phase.WAITING:
            self._reset()
            return SegmentEvent("discarded", end_time=frame.timestamp_s, message="Attempt cancelled.")
        if command == "countdown" and self.phase is Phase.WAITING:
            self.phase, self.trigger = Phase.COUNTDOWN, Trigger.COUNTDOWN
            # On the learner's clock, a "get ready" in their seconds: on the frames' time, a video file as
            # the camera tracked at a quarter of real time counted 3-2-1 in 12 s
            self._countdown_until = self._clock() + self.config.countdown_s
            return SegmentEvent("countdown", seconds_left=int(np.ceil(self.config.countdown_s)))
        if command == "stop" and self.phase is Phase.RECORDING:
            self._recording.append(frame)
            return self._finish(frame.timestamp_s, frame.timestamp_s, cut=SIGN_CUT_AT_STOP)
        if command == "start" and self.phase is Phase.WAITING:
            self._start(frame, Trigger.MANUAL, with_pre_roll=False)
            return SegmentEvent(
                "started", message="Recording: press Space again to stop.", trigger=Trigger.MANUAL
            )
        return None

    def _countdown_step(self, frame: FrameLandmarks, up: bool) -> SegmentEvent | None:
        left = self._countdown_until - self._clock()
        if left > 0:
            return SegmentEvent("countdown", seconds_left=int(np.ceil(left)))
        self._start(frame, Trigger.COUNTDOWN, with_pre_roll=False)
        self._waiting_for_hands = not up
        return SegmentEvent(
            "started",
            message=COUNTDOWN_GO_HANDS_DOWN if self._waiting_for_hands else COUNTDOWN_GO,
            trigger=Trigger.COUNTDOWN,
        )

    def _waiting_step(self, frame: FrameLandmarks, up: bool, raised: bool) -> SegmentEvent | None:
        """An automatic attempt starts when a hand raised above the rest line (``raised``) for
        ``start_hold_s`` has moved ``start_motion`` since it came up there and is in the signing space
        (``up``). Its motion between the two lines counts: a sign made at the belly (WLASL abdomen 00339)
        hovers at the signing space's line, its hand dipping under it every few frames, and measured only
        since it last crossed that line, it never moved enough to start. A hand below the signing space
        (on a desk, moving the mouse) starts nothing."""
        self._recent.append(frame)
        while frame.timestamp_s - self._recent[0].timestamp_s > self.config.raised_pre_roll_s:
            self._recent.popleft()
        if not up:
            self._armed = True
        reading = self._clock() < self._reading_until
        if not (self.auto_enabled and self._armed and raised) or reading:
            self._raised_since = None
            return None
        if self._raised_since is None:
            self._raised_since = frame.timestamp_s
        if not up or frame.timestamp_s - self._raised_since < self.config.start_hold_s:
            return None
        if not self._mostly_up(frame.timestamp_s):
            return None
        # Moving once up (coming up alone is not signing: a hand raised to the chin and resting there).
        moving_for = min(self.config.motion_window_s, frame.timestamp_s - self._raised_since)
        if self._motion_over(moving_for, frame.timestamp_s) < self.config.start_motion:
            return None
        # The pre-roll, or all the frames since the hand came up when that is longer
        kept_from = min(frame.timestamp_s - self.config.pre_roll_s, self._raised_since)
        while self._recent[0].timestamp_s < kept_from:
            self._recent.popleft()
        self._start(frame, Trigger.AUTO, with_pre_roll=True)
        return SegmentEvent("started", message="Recording: lower your hands to finish.", trigger=Trigger.AUTO)

    def _recording_step(self, frame: FrameLandmarks, up: bool, raised: bool) -> SegmentEvent | None:
        self._recording.append(frame)
        if raised:
            self._raised_at = frame.timestamp_s
        if self._waiting_for_hands:
            return self._hands_awaited(frame, up)
        start = self._recording[0].timestamp_s
        if up:
            self._down_since = None
        elif self._down_since is None:
            self._down_since = frame.timestamp_s
        if frame.timestamp_s - start >= self._time_limit():
            # Said: a manual attempt ending while the heading still said "press Space again to stop" read as
            # a fault, and the Space that followed started a new one.
            limit = f"Stopped after {self._time_limit():.0f} s, the longest an attempt can be."
            if self.trigger is not Trigger.MANUAL:  # it ends by lowering the hands
                limit = limit[:-1] + LOWER_AFTER_EACH_SIGN
            cut = SIGN_CUT_AT_LIMIT.format(seconds=self._time_limit())
            return self._finish(frame.timestamp_s, frame.timestamp_s, limit, cut=cut)
        if self.trigger is Trigger.MANUAL:
            return None  # a manual attempt ends only by key: the learner may pause with hands down
        down_for = 0.0 if self._down_since is None else frame.timestamp_s - self._down_since
        lowered_away = frame.timestamp_s - self._raised_at >= self.config.stop_hold_s  # not only to the belly
        if down_for >= self.config.stop_hold_s and (lowered_away or down_for >= self.config.stop_low_s):
            # Out of the signing space: the sign ends where THE rule of a sign's end says
            # (normalize.signing_span: a hand above the rest line), as in a file. Kept up to the last frame
            # above the signing space's higher line, a sign made at the belly lost its end (0.92 s of a
            # 1.0 s "abdomen": 59 where its video scored 64).
            return self._finish(frame.timestamp_s, frame.timestamp_s, to_the_signs_end=True)
        still_since = frame.timestamp_s - self.config.stop_still_s
        if (
            up
            and still_since >= start
            and self._seen_share(still_since) >= 0.5  # a tracking gap is not stillness
            and self._motion_over(self.config.stop_still_s, frame.timestamp_s) < self.config.still_motion
        ):
            # Held still: the sign has ended. The start of the still stretch is kept (the sign's final hold).
            return self._finish(still_since + self.config.still_kept_s, frame.timestamp_s)
        return None

    def _hands_awaited(self, frame: FrameLandmarks, up: bool) -> SegmentEvent | None:
        """After a countdown's "Go!" with the hands down: the attempt starts when a hand comes up, its
        pre-roll kept (raising the hands begins the sign); the time limit counts from the pre-roll's start."""
        waited = frame.timestamp_s - self._recording[0].timestamp_s
        if up:
            self._waiting_for_hands, self._started_at = (
                False,
                self._clock(),
            )  # not the wait: no pictures missed
            self._recording = [
                f for f in self._recording if frame.timestamp_s - f.timestamp_s <= self.config.pre_roll_s
            ]
            self._down_since = None
        elif waited >= self.config.countdown_wait_s:
            self._reset()
            return SegmentEvent("discarded", end_time=frame.timestamp_s, message=NO_SIGN_SEEN)
        return None

    def _moved(self, frames: list[FrameLandmarks]) -> bool:
        """Whether a hand moved in ``frames`` as much as starts an automatic attempt (signing, not hands
        held up or resting)."""
        places = [wrist_places(frame.points, frame.mask) for frame in frames]
        return largest_motion(places) >= self.config.start_motion

    def _mostly_up(self, now: float) -> bool:
        """Whether a hand was in the signing space in most of the last ``start_hold_s``'s frames: a hand
        moving on a desk that reaches into it for a frame starts nothing, a sign at the belly whose hand dips
        under its line every few frames (WLASL abdomen 00339) does."""
        held = [
            hands_up(f.points, f.mask, self.config)
            for f in self._recent
            if now - f.timestamp_s <= self.config.start_hold_s
        ]
        return 2 * sum(held) > len(held)

    def _motion_over(self, seconds: float, now: float) -> float:
        return largest_motion([places for time, places in self._places if now - time <= seconds])

    def _seen_share(self, since: float) -> float:
        recent = [bool(places) for time, places in self._places if time >= since]
        return float(np.mean(recent)) if recent else 0.0

    def _time_limit(self) -> float:
        if self.trigger is Trigger.COUNTDOWN:
            return self.config.countdown_record_s
        return self.config.max_duration_s

    def _start(self, frame: FrameLandmarks, trigger: Trigger, with_pre_roll: bool) -> None:
        self.phase, self.trigger, self._started_at = Phase.RECORDING, trigger, self._clock()
        # While waiting, the current frame is already the last of the pre-roll.
        self._recording = list(self._recent) if with_pre_roll else [frame]
        self._recent.clear()
        self._down_since, self._raised_at = None, frame.timestamp_s

    def _finish(
        self,
        last_kept_time: float,
        now: float,
        why: str = "",
        cut: str | None = None,
        to_the_signs_end: bool = False,
    ) -> SegmentEvent:
        """End the attempt; ``why``: what the "finished" event says of an end the learner did not make;
        ``cut``: ended by Stop or the time limit, not by the hands (lowered, held still), what the
        "discarded" event says when that end cut its sign off (a Stop pressed or the time run out as the
        hands came up are two different pieces of advice). ``to_the_signs_end``: the frames after the
        sign's span (``normalize.signing_span``) are left out: the hands were lowered."""
        frames = [f for f in self._recording if f.timestamp_s <= last_kept_time]
        trigger, lived = self.trigger, self._clock() - self._started_at
        self._reset()
        self._reading_until = self._clock() + self.config.reading_pause_s  # a result comes: read it first
        if trigger is Trigger.COUNTDOWN and not self._moved(frames):
            return SegmentEvent("discarded", end_time=now, message=NO_SIGN_SEEN)
        duration = frames[-1].timestamp_s - frames[0].timestamp_s if frames else 0.0
        if len(frames) < 2 or duration < self.config.min_duration_s:
            return SegmentEvent(
                "discarded", end_time=now, message=self._short_recording_words(duration, lived)
            )
        from signcore.extract import to_sequence

        pose = to_sequence(frames, self.width, self.height)
        # Over the frames of its sign (signing_frames), whatever started and ended it: a manual start and
        # stop hold the seconds before the hands came up, after they went down and while they rested
        # lowered, out of the picture in a webcam's framing; counted, a well-tracked sign was thrown away
        # as "hardly seen" where an automatic attempt of the same signing was scored.
        span, kept = normalize.signing_part(pose.points, pose.mask)  # once, for both measures below
        if to_the_signs_end:
            pose, kept = pose.frames(slice(0, span.stop)), kept[: span.stop]
        signing = signing_frames(pose, self.config.stop_hold_s, kept=kept)
        if hands_hardly_seen(pose, signing, self.config):
            return SegmentEvent("discarded", end_time=now, message=HANDS_HARDLY_SEEN)
        signed = signed_seconds(pose, signing)
        if signed > 0.0 and sign_seconds(pose, span) < self.config.min_duration_s:  # as the replay shows it
            message = self._short_sign_words(pose, span, trigger, cut, lived)
            return SegmentEvent("discarded", end_time=now, message=message)
        if signed < self.config.min_duration_s:
            # A glimpse of a hand, or short bits of signing between long pauses: hardly seen, unless the bits
            # are a sign the Start or the Stop cut off. Stopped on the first frame its hand was tracked in,
            # shown under the words, an attempt was "hardly seen" (the looping video as the camera, where the
            # first attempt after the camera started fell on the signer's hands coming up).
            cuts = self._cut_off_words(pose, span, trigger, cut)
            return SegmentEvent("discarded", end_time=now, message=cuts[0] if cuts else HANDS_HARDLY_SEEN)
        return SegmentEvent("finished", pose=pose, end_time=now, message=why)

    @staticmethod
    def _cut_off_words(
        pose: PoseSequence, span: slice, trigger: Trigger | None, cut: str | None
    ) -> list[str]:
        """What cut off the sign (``span``: its frames in ``pose``), the end first: ``cut`` (the words of the
        Stop or the time limit) when its hands were up in the attempt's last frames, SIGN_CUT_AT_START when
        a Start by key found them up already in its first; none when neither did."""
        words = []
        if cut is not None and len(pose) - span.stop <= TRACKING_GAP_FRAMES:
            words.append(cut)
        if trigger is Trigger.MANUAL and span.start <= TRACKING_GAP_FRAMES:
            words.append(SIGN_CUT_AT_START)
        return words

    def _short_sign_words(
        self, pose: PoseSequence, span: slice, trigger: Trigger | None, cut: str | None, lived: float
    ) -> str:
        """Why an attempt whose sign (``span``: its frames in ``pose``) is too short is thrown out: the sign
        cut off by the Stop, the time limit or a Start by key (:meth:`_cut_off_words`); by both ends, the
        recording itself was short (:meth:`_short_recording_words`); else the sign was."""
        cuts = self._cut_off_words(pose, span, trigger, cut)
        if len(cuts) == 2:
            return self._short_recording_words(pose.duration, lived)
        return cuts[0] if cuts else TOO_SHORT

    @staticmethod
    def _short_recording_words(duration: float, lived: float) -> str:
        """Why a recording ``duration`` seconds long in its frames' own time, ``lived`` on the clock, is
        thrown out: too short, or a longer one whose pictures did not come."""
        return TOO_FEW_PICTURES if lived - duration >= MISSING_PICTURES_S else TOO_SHORT

    def _reset(self) -> None:
        self.phase, self.trigger, self._armed = Phase.WAITING, None, False
        self._recording, self._raised_since, self._down_since = [], None, None
        self._waiting_for_hands = False
        self._recent.clear()


# Tracking check -----------------------------------------------------------------------------------------

TOO_DARK_BRIGHTNESS = 45  # mean grey level (0-255) below which MediaPipe starts losing the hands
TOO_FAR_SHOULDER_FRACTION = 0.18  # shoulders narrower than this share of the image width: hands too small
TOO_CLOSE_SHOULDER_FRACTION = 0.75  # wider: the hands leave the frame when signing
# Below this many tracked frames a second a quick handshape change can fall between two frames.
SLOW_TRACKING_FPS = 15.0
# The tracking line says a part of the learner seen until it has been in no frame for this many seconds, and
# a problem while it is in most of the frames of that time (unsaid only below a third of them): the hand
# tracker loses a hand in motion-blurred frames (about every other one), and a plain majority flipped between
# "body" and "body, left hand" every 0.5-1 s.
STEADY_TRACKING_S = 0.5


def check_tracking(points: np.ndarray, mask: np.ndarray, width: int, brightness: float) -> list[str]:
    """Problems with the picture a learner can fix, in plain words (empty when all is well; ``width``: the
    picture's, in the landmarks' pixels, which the shoulders' width is judged against). Hands out of
    the picture are said by the heading of an attempt under way (:class:`TrackingLine`, hands_seen):
    before an attempt, hands down are normal."""
    problems = []
    if brightness < TOO_DARK_BRIGHTNESS:
        problems.append("Too dark: turn on a light or face a window.")
    if not (mask[LEFT_SHOULDER] and mask[RIGHT_SHOULDER]):
        problems.append("Shoulders not in view: move back or tilt the camera so your upper body shows.")
    else:
        shoulder_width = float(np.linalg.norm(points[LEFT_SHOULDER, :2] - points[RIGHT_SHOULDER, :2]))
        if shoulder_width < TOO_FAR_SHOULDER_FRACTION * width:
            problems.append("Too far from the camera: come closer.")
        elif shoulder_width > TOO_CLOSE_SHOULDER_FRACTION * width:
            problems.append("Too close to the camera: move back a little.")
    return problems


# A hand whose lowest point is in this bottom share of the picture is at its bottom edge: lowered out of the
# picture next (a webcam's framing, or WLASL's, cuts the body at the belly)
BOTTOM_EDGE_SHARE = 0.15


def hands_low(points: np.ndarray, mask: np.ndarray, height: int) -> bool:
    """Whether the hands seen in a frame (of ``height`` pixels) are low: none in the signing space
    (:func:`hands_up`), or each at the picture's bottom edge (:data:`BOTTOM_EDGE_SHARE`; with no shoulders
    to measure against). Hands lost from view after such a frame were lowered out of the picture, not lost
    at its side or top."""
    seen = [points[hand][mask[hand]] for hand in (LEFT_HAND, RIGHT_HAND) if mask[hand].any()]
    at_the_bottom_edge = all(hand[:, 1].max() >= (1 - BOTTOM_EDGE_SHARE) * height for hand in seen)
    return bool(seen) and (at_the_bottom_edge or not hands_up(points, mask))


LOOKING_FOR_THE_LEARNER = "Looking for you in the picture…"  # the tracking line before anything is seen
# The tracking line with the body seen and no hand: no tick, and not a problem (hands down are normal before
# an attempt). "✓ Tracking: body" in green read as all well while the hands were missing.
BODY_WITHOUT_HANDS = "Tracking: body · no hand seen"


class TrackingLine:
    """The live view's line about the tracking, steadied (``STEADY_TRACKING_S``). A part of the learner (the
    body, a hand) is said seen from the first frame it is drawn in until it has been in none for half a
    second: the line names every part drawn in the picture, and holds still while the tracker loses a hand
    in blurred frames (said only once in most of the frames, a hand drawn in a third of them went unsaid:
    "Tracking: body" under a hand). A problem is said once it was in most of the frames of the last half
    second, and until it is in under a third of them: one dark frame is no warning. With nothing seen and
    no problem said, it says it is looking: "✓ Tracking: " with nothing after it ticked off what it had not
    found. The tick is for a hand seen, the parts the signing needs: the body alone is said without one
    (:data:`BODY_WITHOUT_HANDS`). Feed it every frame shown (:meth:`frame`)."""

    PARTS = (("body", POSE), ("left hand", LEFT_HAND), ("right hand", RIGHT_HAND))

    def __init__(self) -> None:
        self._last_drawn: dict[str, float] = {}  # the time of the last frame each part was seen in
        # (time, the problems, in the order check_tracking names them) of the last frames
        self._recent: deque[tuple[float, tuple[str, ...]]] = deque()
        self._problems: set[str] = set()  # the problems the line says now
        self._seen: list[str] = []
        self.hands_lowered = False  # the hands were low (hands_low) in the last frame they were seen in

    def frame(
        self,
        mask: np.ndarray,
        problems: list[str],
        time_s: float,
        turned: int | None = None,
        low: bool = False,
    ) -> tuple[str, bool]:
        """The line after a frame (``mask``: its landmarks', ``problems``: check_tracking's, ``time_s``:
        when it was captured, in seconds; ``turned``: the turn that stands the picture upright, while the
        live view says it looks turned, UprightWatch.suggestion; ``low``: its hands are low, hands_low):
        its words, and whether they say a problem. A picture that looks turned is said before anything
        else (steadied already by the watch): "✓ Tracking: body, left hand" stood under the note that the
        signing cannot be followed."""
        for name, part in self.PARTS:
            if mask[part].any():
                self._last_drawn[name] = time_s
        if mask[LEFT_HAND].any() or mask[RIGHT_HAND].any():
            self.hands_lowered = low
        self._seen = [
            name
            for name, _part in self.PARTS
            if time_s - self._last_drawn.get(name, -np.inf) <= STEADY_TRACKING_S
        ]
        self._recent.append((time_s, tuple(problems)))
        while time_s - self._recent[0][0] > STEADY_TRACKING_S:
            self._recent.popleft()
        said = [items for _time, items in self._recent]
        in_order = dict.fromkeys(item for items in said for item in items)
        shares = {item: sum(item in items for items in said) / len(said) for item in in_order}
        self._problems = {
            item
            for item, share in shares.items()
            if share > 1 / 2 or (item in self._problems and share >= 1 / 3)
        }
        steady_problems = [item for item in in_order if item in self._problems]
        if turned:
            return turned_tracking_words(turned), True
        if steady_problems:
            return "⚠ " + "  ".join(steady_problems), True
        if not self._seen:  # nothing found, and no problem steady (a frame without one)
            return LOOKING_FOR_THE_LEARNER, False
        if not self.hands_seen:
            return BODY_WITHOUT_HANDS, False
        return "✓ Tracking: " + ", ".join(self._seen), False

    @property
    def hands_seen(self) -> bool:
        """Whether the line says a hand is seen (steadied as the line is)."""
        return "left hand" in self._seen or "right hand" in self._seen


def tracking_speed_note(fps: float) -> str:
    """What the live view says about the tracking's speed, in plain words: nothing while it keeps up with
    signing, a hint when it is too slow to catch quick movements (the frame rate itself is a developer's
    figure)."""
    if fps <= 0 or fps >= SLOW_TRACKING_FPS:
        return ""
    return "Tracking is slow on this computer: sign at an easy pace, and close other busy programs."
