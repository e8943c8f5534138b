"""A new reference clip compared with its sign's other clips before it is kept. Qt-free.

A learner recorded "hello (ASL)" with the hand at the chest (it is made at the forehead, as its 8 other clips
show) and the clip was kept without a word. Their attempts at the chest then came closest to their own clip,
and the score, which takes the sign's nearest clip, rated the wrong sign "Good" (67-82) in lessons and
Practice: one wrong clip outweighed eight right ones. So a clip recorded or imported into a sign that has
clips of other signers is first judged as an attempt at the sign is (:func:`.attempts.score_pose`: its score,
and the one correction against the sign's clip nearest to it), against those clips only (the learner's own
recordings are what is checked, not the standard), compared as it is signed (the clips shown signed with
its hand, so that the correction names the hand the learner used). It looks unlike them
(:meth:`ClipCheck.unlike`) when:

* it could not be judged: a hand the other clips sign with was hardly seen in it, or it holds no signing to
  judge by the rule a search refuses one by (:func:`.session.no_signing`), or its signing lasts under
  ``TOO_SHORT_TO_JUDGE`` of the other clips' usual (median) length: a 0.4 s fragment of another video,
  recorded for DGS "Bier" (its clips last 1.1-1.5 s), was told "It looks like the other clips";
* it leaves out a hand of a two-handed sign;
* it scores below ``CONFUSABLE_SCORE`` (as near to another sign as to this one) and below what the sign's
  own clips tolerate (:meth:`ClipCheck._tolerated`: the second lowest score of the sign's clips, each judged
  so against the rest, less ``SIBLING_MARGIN``): DGS "lieben" has 3 clips of 8 under 40 against the rest;
* its one correction is its hand clearly elsewhere (feedback's ``CLEARLY_ELSEWHERE``, told before the rest),
  measured from the shoulders. Not against clips without a body (the DGS starter clips), where the place is
  measured from a guide placed by the face and the hand's size: so measured, even at 0.7 shoulder widths,
  the hands of 29 of those 240 clips were in another place than in their own sign's other clips.

Not when another sign merely ranks first: 38 of the 240 DGS starter clips do against their own sign's other
clips. Measured with tools/measure_clip_check.py on the starter database, each clip left out of the gallery
and checked as a new clip: of the 256 ASL clips 1 looks unlike its own sign's other 7 (a hand not seen), of
the 240 DGS clips (cut from running signing, by many signers, they differ more) 14 (17 at a fixed 40; 4 a
hand not seen, 10 scoring 3-39 against the rest; 9 of the 14 the DGS reader's sides of the hands, in them or
in their sign's other clips, not the check's rule: tools/measure_hand_sides.py); as a clip of another
sign of its language, 251 of 256 ASL and 221 of 240 DGS clips (222 at a fixed 40); an ASL clip with its
hands a shoulder width lower, 255 of 256, half a shoulder width lower, 101 (models/MODEL_CARD.md, "The new
reference clip check").

A learner may keep such a clip all the same (a regional variant), having been told that their attempts
will then count as right when they match it (``AS_A_VARIANT``). Judging a clip takes a second or so (the
sign's clips are prepared for feedback, the ranking reads its shortlist's clips); the first scoring under
``CONFUSABLE_SCORE`` a third of a second more (what the sign tolerates, each of its clips judged against the
rest by the check's own target without it: ScoringTarget.without; 0.28 s for DGS "lieben"'s 8 where a target
built anew for each took 1.0 s, 5 s at a load of 9), which the record window judges while the learner
records (:meth:`ClipCheck.prepare`): off the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop_app.core.collection.library import recorded_hand, recorded_in_the_app
from desktop_app.core.judging.attempts import AttemptOutcome, score_pose
from desktop_app.core.judging.feedback import (
    ANOTHER_SIGNER,
    BOTH_HANDS,
    YOU,
    FeedbackItem,
    Signer,
    clearly_elsewhere,
)
from desktop_app.core.judging.practice import scoring_target
from desktop_app.core.judging.scoring import CONFUSABLE_SCORE
from desktop_app.core.signing.session import no_signing, signed_seconds, signing_frames
from desktop_app.core.signing.view import ViewConvention, as_a_reference, reference_clip
from signcore import normalize
from signcore.layout import LEFT_SHOULDER, RIGHT_SHOULDER, PoseSequence

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging.practice import ScoringTarget
    from desktop_app.core.judging.scoring import Gallery

# How far under the second lowest score of a sign's own clips a new clip's score must be to look unlike them
# (ClipCheck._tolerated), chosen on the starter signs with even ids (models/MODEL_CARD.md, the clip check)
SIBLING_MARGIN = 10.0
# The share of its sign's other clips' usual (median) length under which a new clip's signing is too short to
# judge: the starter clips are all above it (the shortest, 0.38 of its sign's other clips, DGS "computer")
TOO_SHORT_TO_JUDGE = 1 / 3
# Why a clip that looks unlike is kept only on purpose, after how (each window's own choice: keep, import)
AS_A_VARIANT = "(a regional variant, say): your attempts will then count as right when they match it."


@dataclass(frozen=True)
class UnlikeClip:
    """A new clip of the sign ``name`` that looks unlike its other clips: why, in words, the new clip as it
    was compared, and the clip of them it came nearest to (the one its correction compares it with), both
    signed with ``hand``."""

    name: str
    why: str  # without the sign's name: what a clip kept all the same keeps (ClipOrigin.kept_despite)
    clip: PoseSequence
    nearest: PoseSequence | None
    hand: str

    @property
    def words(self) -> str:
        """What the learner is told before keeping it."""
        return f"This clip looks unlike the other clips of “{self.name}”. {self.why}"


class ClipCheck:
    """New clips of the context's signs judged against each sign's clips of other signers (module
    docstring). Made on the GUI thread (it takes the context's gallery); :meth:`unlike` may run on another
    thread, and prepares each sign's clips once."""

    def __init__(
        self,
        context: AppContext,
        gallery: Gallery | None = None,
        clip_scores: dict[int, float | None] | None = None,
    ):
        """``gallery``: the clips compared with (default: the context's; tools/measure_clip_check.py leaves
        out the clip it checks as new). ``clip_scores``: the scores of the gallery's clips, each judged as a
        new clip against the rest (:meth:`_tolerated`), as far as known (default: none yet, judged when
        needed; the tool shares them between its checks: leaving out one clip changes them little)."""
        self.context = context
        if gallery is None and context.encoder is not None:
            gallery = context.gallery()
        self.gallery = gallery
        self._targets: dict[tuple[int, str], ScoringTarget | None] = {}
        # The clips its targets read (view.reference_clip): each of them is judged against the rest too
        self._read: dict[int, PoseSequence] = {}
        self._clip_scores = {} if clip_scores is None else clip_scores
        # Held while a target is built, and while a sign's clips are judged against the rest (in that order
        # when both): a judgement meanwhile on another thread (prepare runs beside the recording's) waits for
        # that result rather than computing it again
        self._building = threading.Lock()
        self._tolerating = threading.Lock()

    def prepare(self, sign_id: int, progress: Callable[[int, int], None] = lambda done, total: None) -> None:
        """What judging a new clip of ``sign_id`` takes before the clip is known, done now: the sign's clips
        of other signers prepared for the learner's hand, and what the sign tolerates (:meth:`_tolerated`),
        so that a new clip waits for its own judgement only (the record window does this in the background
        while the learner records). ``progress(done, total)`` after each clip judged may raise to stop."""
        hand = ViewConvention.from_settings(self.context.settings).learners_hand
        target = self._target(sign_id, hand)
        if target is not None:
            target.sign_hands()  # prepared: its clips alone, and each with its leeway
            self._tolerated(sign_id, progress)

    def compares(self, sign_id: int) -> bool:
        """Whether a new clip of ``sign_id`` is compared with anything: the sign has clips of other signers,
        embedded by the model in use (not a new sign, nor one of the learner's own recordings only)."""
        return bool(self._others_of(sign_id)[1])

    def _others_of(self, sign_id: int) -> tuple[set[int], list[int]]:
        """The sign's own recordings of the learner, and its other clips in the gallery."""
        if self.gallery is None or not self.gallery.has_sign(sign_id):
            return set(), []
        own = {clip.id for clip in self.context.database.clips(sign_id) if recorded_in_the_app(clip)}
        in_gallery = self.gallery.clip_ids[self.gallery.sign_rows(sign_id)].tolist()
        return own, [clip_id for clip_id in in_gallery if clip_id not in own]

    def unlike(self, sign_id: int, pose: PoseSequence, reference: bool = False) -> UnlikeClip | None:
        """How ``pose``, a new clip of ``sign_id`` as it will be kept, looks unlike the sign's other clips
        (None: it looks like them, or there is nothing to compare it with). Compared as the learner is shown
        it: as their own recording, signed with the hand they used; ``reference``, a clip of other signers
        not stored yet (imported), as the players show one (SkeletonPlayer.set_clip): signed with the
        learner's hand, and its correction spoken of as the signer's ("the signer's right hand"), not the
        learner's."""
        # As it is shown and compared with once kept (view.reference_clip)
        pose = as_a_reference(pose)
        judged = self._judged(sign_id, pose, reference)
        if judged is None:
            return None
        outcome, hand, name = judged
        score = outcome.score
        far = score is not None and score.score < CONFUSABLE_SCORE and score.score < self._tolerated(sign_id)
        # Too little signing to judge is said before any correction: a fragment of anything may score as the
        # sign does (and be told it looks like its clips), or get a correction that is beside the point
        why = self._cannot_judge(sign_id, pose) or unlike_reason(
            outcome, far, ANOTHER_SIGNER if reference else YOU
        )
        return UnlikeClip(name, why, outcome.pose, outcome.reference, hand) if why else None

    def _cannot_judge(self, sign_id: int, pose: PoseSequence) -> str:
        """Why ``pose`` holds too little signing to be judged against the sign's other clips (module
        docstring), in words; "" when it can be."""
        why = no_signing(pose)
        if why:
            return f"It cannot be compared with them: {why}."
        signed = signed_seconds(pose, signing_frames(pose))
        lengths = [
            signed_seconds(other, signing_frames(other))
            for clip_id in self._others_of(sign_id)[1]
            if (other := self._read.get(clip_id)) is not None
        ]
        usual = float(np.median(lengths)) if lengths else 0.0
        if signed < TOO_SHORT_TO_JUDGE * usual:
            them, they_last = (
                ("the sign's other clip", "it lasts") if len(lengths) == 1 else ("them", "they last")
            )
            signing, usually = f"{seconds(signed)} of signing", f"{they_last} about {seconds(usual)}"
            return f"It is too short to be compared with {them}: {signing}, where {usually}."
        return ""

    def _judged(
        self, sign_id: int, pose: PoseSequence, reference: bool, left_out: int | None = None
    ) -> tuple[AttemptOutcome, str, str] | None:
        """``pose`` (without its tracker's glitches) judged as an attempt at ``sign_id`` (:meth:`unlike`), the
        hand it was compared as signed with, and the sign's name; None: nothing to compare it with.
        ``left_out``: a clip of the gallery left out of it (:meth:`_clip_score`)."""
        convention = ViewConvention.from_settings(self.context.settings)
        if reference:
            pose = convention.reference(pose, normalize.signing_hand(pose))
        hand = recorded_hand(pose, convention)
        target = self._target(sign_id, hand)
        if target is not None and left_out is not None:  # its gallery is already without the learner's own
            target = target.without(target.gallery.without_clips([left_out]))
        if target is None or self.context.encoder is None:
            return None
        signer = ANOTHER_SIGNER if reference else YOU
        # Judged by the lead as before the motion check of a practice attempt's lead: this check's tolerance
        # was measured so (models/MODEL_CARD.md), and with the motion check it held back a true clip of
        # hello read from a SPOTER CSV (test_clip_check)
        outcome = score_pose(
            self.context.encoder, target, pose, time.perf_counter(), signer, check_motion=False
        )
        return outcome, hand, target.gallery.name(sign_id)

    def _tolerated(
        self, sign_id: int, progress: Callable[[int, int], None] = lambda done, total: None
    ) -> float:
        """The score under which a new clip of ``sign_id`` is as near to other signs as to it: below
        ``CONFUSABLE_SCORE``, and below the second lowest score of the sign's clips of other signers, each
        judged as a new clip against the rest, by ``SIBLING_MARGIN``. A sign whose own clips score low
        against each other (DGS "lieben": 6, 24 and 34 of its 8) tolerates as low a new clip; the second
        lowest, not the lowest: one clip unlike the rest (a wrong one) would tolerate any. Judged when a
        clip scores under ``CONFUSABLE_SCORE``, or beforehand (:meth:`prepare`). ``progress(done, total)``
        after each of the sign's clips may raise to stop."""
        with self._tolerating:
            others = self._others_of(sign_id)[1]
            scores = []
            for done, clip_id in enumerate(others, start=1):
                if (score := self._clip_score(sign_id, clip_id)) is not None:
                    scores.append(score)
                progress(done, len(others))
        scores.sort()
        return CONFUSABLE_SCORE if len(scores) < 2 else min(CONFUSABLE_SCORE, scores[1] - SIBLING_MARGIN)

    def _clip_score(self, sign_id: int, clip_id: int) -> float | None:
        """The score of the sign's clip ``clip_id`` judged as a new clip (an imported one: other signers')
        against the rest, as a check of the gallery without it judges it; None: it could not be scored. Its
        target is this check's without the clip (ScoringTarget.without): the sign's clips are read and
        prepared once for all of them, not once for each (1.0 s for DGS "lieben"'s 8, 5 s under load); the
        clip itself as its target read it."""
        if clip_id not in self._clip_scores and self.gallery is not None:
            pose = self._read.get(clip_id)
            if pose is None:  # no target read it (none could be built)
                pose = reference_clip(self.context.database, clip_id)
            judged = self._judged(sign_id, pose, reference=True, left_out=clip_id)
            score = None if judged is None else judged[0].score
            self._clip_scores[clip_id] = None if score is None else score.score
        return self._clip_scores.get(clip_id)

    def _target(self, sign_id: int, hand: str) -> ScoringTarget | None:
        """The sign's clips of other signers, signed with ``hand``, as an attempt is scored against them."""
        with self._building:
            if (sign_id, hand) not in self._targets:
                own, others = self._others_of(sign_id)
                target = None
                if others and self.gallery is not None:
                    convention = ViewConvention.from_settings(self.context.settings)
                    target = scoring_target(
                        self.context,
                        sign_id,
                        self.gallery.gloss(sign_id),
                        gallery=self.gallery.without_clips(own),
                        convention=ViewConvention(convention.mirror, left_handed=hand == "left"),
                        read=self._read,
                        # a clip unlike its sign is said so in the check's own words (unlike_reason), not
                        # what tells its sign from another: no other sign's clip read for each clip judged
                        look_alikes=False,
                    )
                self._targets[sign_id, hand] = target
        return self._targets[sign_id, hand]


def other_hand_words(recording: PoseSequence, convention: ViewConvention, others: int) -> str:
    """One line saying that the learner's ``recording`` is signed with the other hand than the sign's
    ``others`` other clips, which are shown (and compared) signed with the learner's hand; "" when it is not,
    or when the sign has none (a new sign takes the hand of its first clip). The check compares it with them
    turned to its hand, and said nothing: the Library listed it "left-handed" only once kept."""
    hand = recorded_hand(recording, convention)
    if not others or hand == convention.learners_hand:
        return ""
    # Whoever signed them: "your right" spoke of clips of other signers as the learner's
    clips_are = "the sign's other clip is" if others == 1 else "the sign's other clips are"
    return (
        f"You signed it with your {hand} hand; {clips_are} signed with the {convention.learners_hand} hand."
    )


def seconds(duration: float) -> str:
    """``duration`` in seconds as a learner reads it: "0.8 s", "6 s" (not "6.0 s")."""
    return f"{duration:.1f}".removesuffix(".0") + " s"


def unlike_reason(outcome: AttemptOutcome, far: bool, signer: Signer) -> str | None:
    """Why a new clip judged as an attempt (``outcome``; ``far``: it scored as near to other signs as to
    its own) looks unlike its sign's other clips (module docstring), in words; None when it does not, or
    when it could not be compared at all (no model, the references changed model: nothing said against it).
    ``signer``: whose signing the clip is. The correction keeps its moment: "at the start of the sign" is
    read without a clock, as "at 0.3 s" was not."""
    feedback = outcome.feedback
    if feedback is None:
        return None
    main = feedback.main
    if not feedback.judged and main is not None:
        hand = f"{signer.whose.capitalize()} {main.hand} hand"
        return f"{hand} was hardly seen in it, so it cannot be compared with them."
    if main is not None and (far or main.parameter == BOTH_HANDS or _in_another_place(main, outcome)):
        return main.message
    return "As a whole, it is as near to other signs as to them." if far else None


def _in_another_place(main: FeedbackItem, outcome: AttemptOutcome) -> bool:
    """Whether the one correction ``main`` is the hand clearly elsewhere (feedback.CLEARLY_ELSEWHERE),
    measured from the shoulders of both clips (without them, from a guide placed by the face and the hand's
    size: normalize.body_frame)."""
    compared = (outcome.pose, outcome.reference)
    return clearly_elsewhere(main) and all(pose is not None and _shows_shoulders(pose) for pose in compared)


def _shows_shoulders(pose: PoseSequence) -> bool:
    return bool((pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER]).any())
