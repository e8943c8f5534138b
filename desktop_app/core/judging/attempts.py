"""The end of an attempt: scored against the practice target, then saved and announced. Qt-free.

The capture worker (:class:`~desktop_app.ui.pipeline.PipelineWorker`) calls :func:`score_pose` on its
scoring thread when an attempt ends and hands the :class:`AttemptOutcome` to the GUI thread, which saves it
with :class:`AttemptsToSave`. :class:`StageTimes` is what the worker measures per frame (the benchmark and
the soak read it).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.judging.feedback import YOU, Feedback, Signer
from desktop_app.core.judging.scoring import AttemptScore, score_attempt
from desktop_app.core.shared.events import EventEmitter, EventGroup
from desktop_app.core.signing.upright import quarter_turns_to_upright, turned_attempt_words
from signcore import dtw
from signcore.database import DISK_FAILED, DISK_FULL, LOCKED, NoSuchSignError, PassingDatabaseError
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.words import counted

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging.practice import ScoringTarget
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder

log = logging.getLogger(__name__)


@dataclass
class AttemptOutcome:
    pose: PoseSequence
    sign_id: int | None
    score: AttemptScore | None = None
    feedback: Feedback | None = None  # also when it says why there is no score (Feedback.judged)
    reference: PoseSequence | None = None  # the reference clip, as shown, that the feedback compares with
    reference_clip_id: int | None = None  # its id: the sign's clip nearest to the attempt
    message: str = ""  # why there is no score, when there is none
    ended_at: float = 0.0  # time.perf_counter() when the segmenter closed the attempt
    scored_at: float = 0.0  # time.perf_counter() when scoring and feedback were done
    # Milliseconds per step of scoring (the benchmark reports them): "wait" from the attempt's end until its
    # scoring starts, "embed", "rank" (encoder and DTW, the nearest signs and the score) and "feedback".
    stages_ms: dict[str, float] = field(default_factory=dict)
    # CPU time the scoring thread itself used for them: far below their sum on a machine busy with other work
    scoring_cpu_ms: float = 0.0
    left_handed: bool = False  # the learner's hand its target was built for (ScoringTarget.left_handed)

    @classmethod
    def against(
        cls, pose: PoseSequence, target: ScoringTarget | None, ended_at: float = 0.0, message: str = ""
    ) -> AttemptOutcome:
        """The outcome of ``pose`` scored against ``target`` (None: nothing to score against)."""
        if target is None:
            return cls(pose, None, ended_at=ended_at, message=message)
        return cls(pose, target.sign_id, ended_at=ended_at, message=message, left_handed=target.left_handed)

    @property
    def corrected_hand(self) -> str | None:
        """The hand the main correction is about, the one its pictures and replay close up on; None when it
        has none about the signing (none, or one about the tracking)."""
        main = self.feedback.main if self.feedback is not None else None
        return None if main is None or main.parameter == "tracking" else main.hand

    def is_for(self, target: ScoringTarget | None) -> bool:
        """Whether it was scored against what ``target`` scores: the same sign for the same hand. One scored
        before the learner switched hands compared with the other hand's references ("Not scored: your right
        hand was not seen" stood under a left-handed learner's sign)."""
        if target is None:
            return self.sign_id is None
        return (self.sign_id, self.left_handed) == (target.sign_id, target.left_handed)


@dataclass
class StageTimes:
    """Seconds spent per stage (for the benchmark's "what limits the frame rate"). ``read`` runs on the
    reading thread, alongside the others; ``handover`` is segmentation, the tracking check and the signal."""

    frames: int = 0
    read: float = 0.0
    landmarks: float = 0.0
    handover: float = 0.0

    def per_frame_ms(self) -> dict[str, float]:
        n = max(self.frames, 1)
        return {name: 1000 * getattr(self, name) / n for name in ("read", "landmarks", "handover")}


def score_pose(
    encoder: Encoder | None,
    target: ScoringTarget | None,
    pose: PoseSequence,
    ended_at: float,
    signer: Signer = YOU,
    check_motion: bool = True,
) -> AttemptOutcome:
    """Embed the attempt once, score it and compare it with its nearest reference clip.

    Only an attempt embedded by the model that embedded the target's references is scored: distances
    between two models' embeddings mean nothing, so a mismatch gives a message instead of a score. Nor is an
    attempt the feedback cannot judge (a hand the sign uses hardly seen): a number beside "it cannot be
    judged" would read as a judgement, and it must not count in the learner's progress (a two-handed sign
    signed with one hand is judged: scored, at most :data:`.ONE_HAND_OF_TWO_SCORE`). Nor is an attempt
    whose own frames show the learner on their side or upside down (a camera mounted so, the turned-picture
    note put off or not yet said): the hands' places and movements of a body lying down are no sign, and a
    score of 7 with a correction was saved into the sign's history. ``signer``: whose signing ``pose`` is, as
    the feedback's words say (another signer's: a clip being imported, :mod:`.clip_check`).
    ``check_motion``: as :func:`.score_attempt`'s."""
    outcome = AttemptOutcome.against(pose, target, ended_at=ended_at)
    if encoder is None:
        outcome.message = "No sign model is loaded, so attempts cannot be scored (see Settings → Model)."
    elif target is None:
        outcome.message = "Choose a sign to practise first."
    elif turns := quarter_turns_to_upright(pose):
        outcome.message = turned_attempt_words(turns)
    elif encoder.model_hash != target.gallery.model_hash:
        log.warning(
            "attempt not scored: embedded by model %s, references by model %s",
            encoder.model_hash[:16],
            target.gallery.model_hash[:16] or "(unknown)",
        )
        outcome.message = (
            f"This attempt was not scored: the references of “{target.gallery.name(target.sign_id)}” were "
            f"prepared with another sign model than the one in use ({encoder.path.name}). "
            "Choose the sign again."
        )
    else:
        try:
            started, started_cpu = time.perf_counter(), time.thread_time()
            embedding = encoder.embed(pose)
            embedded = time.perf_counter()
            motion = dtw.dtw_features(pose)  # once: the ranking and the feedback both align the attempt
            score = score_attempt(target.gallery, target.sign_id, embedding, motion, check_motion)
            ranked = time.perf_counter()
            outcome.reference_clip_id = score.best_clip_id
            # Aligned with that clip again, after the ranking's DTW with it, by the same DTW settings but not
            # with the same numbers: the ranking compares the clip as stored (as trainer evaluate does) and
            # keeps distances only, the feedback needs the path to the clip as shown (mirrored to the
            # learner's hand, without its tracker glitches). A few milliseconds.
            outcome.feedback = target.feedback(pose, score.best_clip_id, motion, score, signer)
            # As compared: mirrored where the learner signed with the other hand (Feedback.mirrored_reference)
            outcome.reference = outcome.feedback.mirrored_reference or target.references[score.best_clip_id]
            outcome.score = outcome.feedback.given(score)
            if outcome.score is None:
                outcome.message = f"Not scored. {outcome.feedback.message}"
            outcome.stages_ms = {
                "wait": 1000 * (started - ended_at),
                "embed": 1000 * (embedded - started),
                "rank": 1000 * (ranked - embedded),
                "feedback": 1000 * (time.perf_counter() - ranked),
            }
            outcome.scoring_cpu_ms = 1000 * (time.thread_time() - started_cpu)
        except (InputError, ValueError, KeyError) as error:
            outcome.message = f"This attempt could not be scored: {error}"
    outcome.scored_at = time.perf_counter()
    return outcome


def save_attempt(database: SignDatabase, outcome: AttemptOutcome) -> int | None:
    """Save a scored attempt with its score details and feedback: the new attempt's id, or None for an
    attempt without a score (nothing to save). Raises InputError naming the database when it cannot be
    written (a full disk)."""
    if outcome.score is None:
        return None
    details = outcome.score.to_json()
    if outcome.feedback is not None:
        details["feedback"] = outcome.feedback.to_json()
    score = min(max(outcome.score.score, 0.0), 100.0)
    return database.add_attempt(outcome.score.sign_id, score, outcome.pose, details)


# Why attempts wait unsaved (PassingDatabaseError.cause), in the learner's words: the reason, and what they
# can do about it (the database's path and SQLite's words go to the log)
_UNSAVED_BECAUSE = {
    DISK_FULL: ("Your disk is full", "Free some space"),
    DISK_FAILED: ("Your disk could not be written to", "Check the drive your signs are kept on"),
    LOCKED: ("Another program is using your sign database", "Close it"),
}


class AttemptsToSaveEvents(EventGroup):
    unsaved: EventEmitter  # (message: str): what :meth:`AttemptsToSave.save` said, "" when all are saved


class AttemptsToSave:
    """The scored attempts on their way into the learner's database, oldest first: one queue for every page
    that scores attempts (:attr:`AppContext.attempts_to_save`), on the GUI thread. One the database cannot
    take now (a full disk, a failed disk write, another program holding the database) waits here and is
    tried again with the next attempt, whichever page it is made on, and when its database closes (the window
    closes, or the learner chooses another database: it is never saved into another): it was said to be
    unsaved, and lost. One it can never take (its sign deleted since) is let go, and said so.
    ``events.unsaved`` gives the message of each :meth:`save` ("" once all are saved)."""

    def __init__(self) -> None:
        self.waiting: list[AttemptOutcome] = []
        self.events = AttemptsToSaveEvents()

    def keep(self, outcome: AttemptOutcome) -> None:
        """Save ``outcome`` with the next :meth:`save`, when it has a score."""
        if outcome.score is not None:
            self.waiting.append(outcome)

    def save(self, context: AppContext, closing: bool = False) -> str:
        """Try each attempt waiting, oldest first, on its own; each saved is announced (``attempt_added``).
        Returns "" when all are saved, else the message for the learner: those whose problem may clear still
        wait, unless the database is ``closing`` (their last try: the app closes, or another database is
        chosen)."""
        waiting, self.waiting = self.waiting, []
        unsaved_because: list[str] = []
        sign_deleted = not_writable = 0  # attempts that could never be saved, and why
        for outcome in waiting:
            try:
                attempt_id = save_attempt(context.database, outcome)
            except PassingDatabaseError as error:
                log.warning("attempt not saved (%s): %s", "lost" if closing else "kept to try again", error)
                self.waiting.append(outcome)
                unsaved_because.append(error.cause)
                continue
            except InputError as error:  # its sign deleted since, a read-only database: no use waiting
                log.warning("attempt not saved (lost): %s", error)
                if isinstance(error, NoSuchSignError):
                    sign_deleted += 1
                else:
                    not_writable += 1
                continue
            if attempt_id is not None and outcome.sign_id is not None:
                context.notify_attempt_added(outcome.sign_id, attempt_id)
        said = []
        if sign_deleted:
            at = (
                "An attempt at a sign"
                if sign_deleted == 1
                else f"{counted(sign_deleted, 'attempt')} at signs"
            )
            said.append(f"{at} you have deleted could not be saved.")
        if not_writable:
            attempts = "An attempt" if not_writable == 1 else counted(not_writable, "attempt")
            said.append(f"{attempts} could not be saved: your sign database cannot be written to.")
        if unsaved_because:
            said.append(self._unsaved_words(unsaved_because[-1], len(unsaved_because), closing))
        if closing:
            self.waiting = []
        message = " ".join(said)
        self.events.unsaved.emit(message)
        return message

    @staticmethod
    def _unsaved_words(cause: str, count: int, closing: bool) -> str:
        """Why ``count`` attempts are not saved, and, unless the app is ``closing``, that they wait."""
        because, remedy = _UNSAVED_BECAUSE[cause]
        if count == 1:
            attempts = "your last attempt" if closing else "this attempt"
        else:
            attempts = f"your last {count} attempts"
        if closing:
            return f"{because}: {attempts} could not be saved."
        is_, it = ("is", "it") if count == 1 else ("are", "they")
        return (
            f"{because}, so {attempts} {is_} not saved yet. {remedy}: {it} will be saved with your next"
            " attempt or when you close the app."
        )
