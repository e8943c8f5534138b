"""What the practice page shows of its attempts, step by step: Qt-free.

The :class:`~desktop_app.core.signing.session.AttemptSegmenter` runs on the camera's thread; the page learns
what it did a moment later, from its events and from the phase of each frame it shows (an attempt that ended
by itself has no event of its own: it goes to be scored). :class:`LiveAttempts` is the page's side of it:
whether an attempt is under way as the learner sees it, the heading and the button that go with it, what
Space does now, and the last result.

* Space and the button do what the screen says: Stop while an attempt is shown under way (however it
  started), else Start, on every live view that has them (practice, a lesson's "sign it" step, the record
  window and search's camera). Decided by what was shown, not toggled on the camera's thread later: a Stop
  pressed as an attempt ended by itself started a new one, which the heading then showed as recording.
* The last result (its score, correction, picture and replay) stays until a new result replaces it. It was
  cleared when the next attempt started (a few seconds later with attempts starting by themselves, before it
  could be read) and when one was thrown out (too short), which left the replay of an attempt whose result
  was gone. An attempt thrown out is said for a moment in the heading (:attr:`notice`), over the result,
  and in the result's box until the next attempt (:attr:`not_scored`): said in the heading only, it was
  missed, and the last score stood there as the new attempt's. While the next attempt is under way,
  while it is scored and after one thrown out, the result is an earlier attempt's
  (:attr:`result_is_earlier`): beside "● Recording" its score read as the new attempt's, and at full
  strength again in the moment between the new attempt's end and its result.
* An attempt that ended by itself at the time limit says so in the heading for a moment (a manual attempt
  ended under "press Space again to stop" with no word why), and a Space pressed within
  :data:`MEANT_STOP_S` of any attempt ending by itself is its Stop, come too late to do more: it started a
  new recording. Only that long (the time to see the heading change): a Space a second later, meant as
  Start, did nothing.
* Hands out of the picture while an attempt is recorded are warned of (:data:`HANDS_OUT_OF_VIEW`), except
  after a countdown's "Go!" and where the attempt started by itself and the hands were last seen low: they
  were lowered out of the picture to finish it, as its heading said to (:data:`FINISHING`).
* While the camera is lost nothing can be recorded: Space and the button start nothing (:attr:`can_press`).
  They stayed "Start attempt" and a Space did nothing to be seen, or started an attempt once the camera
  came back, whose frames the learner had not been told of.
* An attempt being recorded as the learner leaves its page (another tab) stops with the camera, unscored: it
  went without a word. It is said as one thrown out is, once the learner is back
  (:data:`ATTEMPT_LEFT_WITH_THE_PAGE`; :data:`ATTEMPT_STOPPED_MINIMISED` when the window was minimised).
  So does one under way as a modal window (Settings, Camera…, a file picker, a question) opens over its view,
  said at once (:data:`ATTEMPT_STOPPED_BY_A_WINDOW`): it went on under the window, unseen, and was scored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.signing.session import Phase, SegmentEvent, Trigger

START_ATTEMPT = "Start attempt (Space)"
STOP_ATTEMPT = "Stop attempt (Space)"
START_RECORDING = "Start recording (Space)"  # the record window's: a clip is recorded there, not tried
STOP_RECORDING = "Stop recording (Space)"
CANCEL_COUNTDOWN = "Cancel (Space)"  # what Space and the button do during the 3-2-1: no attempt to stop yet
# The button, greyed, while the camera is lost: "Start attempt (Space)" promised a Space that did nothing. The
# camera is looked for again by itself (the heading says why it went, its last picture "Waiting for…"). No
# wider than Start: "… for the camera…" widened Practice's row past a 1000 px window.
WAITING_FOR_THE_CAMERA = "Waiting for camera…"
# While recording with no hand in the picture, said instead of how the attempt ends: beside a warning under
# the picture, "Recording: lower your hands to finish." read as the opposite of what to do. Not after a
# countdown: its "Go!" says to bring the hands up, and came after this warning, which the tracking line's
# lag put first as the hands rose.
HANDS_OUT_OF_VIEW = "● Recording: your hands are not in view: keep them inside the picture."
# Said instead, while an attempt that ends by itself is recorded, of hands last seen low (lowered out of the
# picture's bottom): the learner finishing as told ("lower your hands to finish"), which the warning above
# answered with "keep them inside the picture" until the attempt ended (w33 walk-through, every attempt).
FINISHING = "● Finishing…"
MEANT_STOP_S = 0.4  # a Space this soon after an attempt ended by itself was pressed to stop it
# Said of an attempt under way as the camera stopped, before why it stopped: the attempt went without a word
# while the heading said only the camera's problem.
ATTEMPT_LOST_WITH_THE_CAMERA = "Your attempt was lost: the camera stopped."
# Said of an attempt being recorded as the learner left its page (another tab): the camera stops with the
# page and the attempt with it, half signed. It went without a word.
ATTEMPT_LEFT_WITH_THE_PAGE = "Your attempt stopped when you left this page, so it was not scored."
# The same, as the window was minimised (which hides its pages too): no page was left
ATTEMPT_STOPPED_MINIMISED = "Your attempt stopped when the window was minimised, so it was not scored."
# Said of an attempt under way as a modal window opened over its view (Settings, Camera…, a file picker, a
# question): it went on, unseen, under the window, and was then scored (or searched with, or recorded)
ATTEMPT_STOPPED_BY_A_WINDOW = "Your attempt was stopped because a window opened over it."


@dataclass(frozen=True)
class Heading:
    """The line above the camera: its words, and what it says (``kind``: "waiting", "recording",
    "countdown" or "notice", each with its colour)."""

    text: str
    kind: str


class LiveAttempts:
    """The attempts of a live view as the learner sees them (module docstring). Feed it the worker's segment
    events (:meth:`event`), the phase of each frame shown (:meth:`frame_phase`) and the scored attempts
    (:meth:`scored`); read :meth:`heading`, :attr:`button_text`, :attr:`result` and :attr:`replayable`."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        start_words: str = START_ATTEMPT,
        stop_words: str = STOP_ATTEMPT,
    ) -> None:
        self.start_words, self.stop_words = start_words, stop_words  # the button's, by what is recorded
        self.phase = Phase.WAITING  # as shown
        self.notice = ""  # what became of the last attempt (thrown out, stopped at the limit), a moment
        self.result: AttemptOutcome | None = None  # the last result shown
        self.cleared_because = ""  # why the last result was cleared (forget), until a new one comes
        self.not_scored = ""  # why the last attempt was thrown out, until the next one starts
        self._under_way = ""  # the segmenter's words for the attempt under way, or the countdown's
        self._clock = clock
        self._stop_pressed = False  # the attempt under way was told to stop
        self._ended_by_itself_at = -MEANT_STOP_S  # clock() when the last attempt ended without a Stop
        self._notice_of_result = False  # the notice is about the attempt whose result is on its way
        self._hands_in_view = True  # as the view's tracking line last said (TrackingLine.hands_seen)
        self._hands_lowered = False  # they were low when last seen (TrackingLine.hands_lowered)
        self._ends_by_itself = False  # the attempt under way started by itself, so lowering the hands ends it
        self._counted_down = False  # the attempt under way began with a countdown
        self._being_scored = False  # an attempt finished, its result on its way (or not to be shown)
        self.camera_lost = False  # the camera stopped sending pictures (or did not start) and is not back yet

    @property
    def under_way(self) -> bool:
        """Whether an attempt is shown under way (counted down or recording): Space and the button stop it."""
        return self.phase is not Phase.WAITING

    @property
    def button_text(self) -> str:
        if self.camera_lost:
            return WAITING_FOR_THE_CAMERA
        if self.phase is Phase.COUNTDOWN:
            return CANCEL_COUNTDOWN
        return self.stop_words if self.under_way else self.start_words

    @property
    def replayable(self) -> bool:
        """Whether "Replay my attempt" has the attempt of the result shown to replay."""
        result = self.result
        return result is not None and result.feedback is not None and result.reference is not None

    @property
    def result_is_earlier(self) -> bool:
        """Whether the result shown is an earlier attempt's than the one under way (counted down or
        recording) or being scored, until the new result replaces it; also the words saying why it was
        cleared ("Not scored. Your attempt was lost: the camera stopped." read as the new attempt's)."""
        shown = self.result is not None or bool(self.cleared_because)
        return shown and (self.under_way or self._being_scored or bool(self.not_scored))

    @property
    def can_press(self) -> bool:
        """Whether Space and the attempt button do anything now: not while the camera is lost."""
        return not self.camera_lost

    def press(self) -> str:
        """Space or the attempt button pressed: "stop" while an attempt is shown under way, else "start", or
        "" (the Stop of an attempt that has just ended by itself, :data:`MEANT_STOP_S`; the camera lost)."""
        if not self.can_press:
            return ""
        if self.under_way:
            self._stop_pressed = True
            return "stop"
        if self._clock() - self._ended_by_itself_at < MEANT_STOP_S:
            return ""
        return "start"

    def heading(self, waiting: str) -> Heading:
        """The heading now; ``waiting``: the view's own words while no attempt is under way."""
        if self.phase is Phase.RECORDING:
            if not self._hands_in_view and not self._counted_down:
                lowered = self._ends_by_itself and self._hands_lowered
                return Heading(FINISHING if lowered else HANDS_OUT_OF_VIEW, "recording")
            return Heading(self._under_way or "● Recording", "recording")
        if self.phase is Phase.COUNTDOWN:
            return Heading(self._under_way, "countdown")
        if self.notice:
            return Heading(self.notice, "notice")
        return Heading(waiting, "waiting")

    def event(self, event: SegmentEvent) -> None:
        """A segment event of the worker (started, finished, discarded, countdown)."""
        self.not_scored = event.message if event.kind == "discarded" else ""
        if self.not_scored:  # said where the words of why the last result went were: they are older
            self.cleared_because = ""
        if event.kind == "countdown":
            self.phase, self.notice, self._counted_down = Phase.COUNTDOWN, "", True
            self._under_way = f"Get ready… {event.seconds_left}"
        elif event.kind == "started":
            self.phase, self.notice = Phase.RECORDING, ""
            self._under_way = f"● {event.message}"
            self._ends_by_itself = event.trigger is Trigger.AUTO
        elif event.kind in ("finished", "discarded"):
            if event.kind == "finished" and not self._stop_pressed:
                self._ended_by_itself_at = self._clock()
            self._notice_of_result = event.kind == "finished"
            self._being_scored |= self._notice_of_result  # one thrown out meanwhile: the last is still coming
            self.phase, self.notice, self._under_way = Phase.WAITING, event.message, ""
            self._stop_pressed = self._counted_down = self._ends_by_itself = False

    def new_camera(self) -> None:
        """A new camera thread: neither the last one's loss nor an attempt it was scoring (its result, if
        it comes, is not awaited: the earlier one shown is the last again)."""
        self.camera_state("")
        self._being_scored = False

    def camera_state(self, problem: str) -> None:
        """The camera was lost or could not be started (``problem`` says why), or is back (""). An attempt
        under way when it was lost is over (the camera's thread drops it:
        :data:`ATTEMPT_LOST_WITH_THE_CAMERA`)."""
        self.camera_lost = bool(problem)
        if self.camera_lost:
            self.frame_phase(Phase.WAITING)

    def frame_phase(self, phase: Phase) -> bool:
        """The phase of a frame shown: an attempt that ended by itself (its result on its way) shows no
        longer under way. Whether what is shown changed."""
        if phase is self.phase:
            return False
        self.phase = phase
        if phase is Phase.WAITING:
            self._under_way, self._stop_pressed, self._counted_down = "", False, False
            self._ends_by_itself = False
        return True

    def hands_in_view(self, seen: bool, lowered: bool = False) -> bool:
        """Whether the learner's hands are in the picture now (steadied: TrackingLine.hands_seen), and whether
        they were low when last seen (``lowered``: TrackingLine.hands_lowered), which the heading of an
        attempt being recorded says. Whether what is shown changed."""
        before = self.heading("")
        self._hands_in_view, self._hands_lowered = seen, lowered
        return self.heading("") != before

    def notice_over(self, notice: str) -> bool:
        """The moment ``notice`` is said for has passed: the heading goes back to the view's own words, unless
        another was said since. Whether what is shown changed."""
        if self.notice != notice or not notice:
            return False
        self.notice = ""
        return True

    def scored(self, outcome: AttemptOutcome) -> None:
        """A new result: it replaces the last one, and the notice of an attempt thrown out before it (not
        the one saying why this attempt stopped)."""
        self.result, self.cleared_because, self._being_scored = outcome, "", False
        self.not_scored = ""
        if not self._notice_of_result:
            self.notice = ""
        self._notice_of_result = False

    def forget(self, because: str = "") -> None:
        """Another sign, or its reference changed: neither the attempt under way (dropped) nor the last
        result belong to what is shown now; ``because``: why, where the learner looks for the result."""
        self.result, self.notice, self._notice_of_result = None, "", False
        self.cleared_because, self._being_scored, self.not_scored = because, False, ""

    def not_shown(self) -> None:
        """The result of the attempt scored is not shown (signed for a sign left, or for the other hand):
        the one shown is the last again, not an earlier one's waiting for it."""
        self._being_scored = False
