"""Practising one sign: what its attempts are scored against, and which sign to start with. Qt-free.

The practice page asks :func:`practice_sign` when a sign is chosen: what to show of it, and the
:func:`scoring_target` it hands to the capture worker, which scores every attempt against it. The learner's
hand (the left-handed setting) changes only what the learner sees and copies: every reference clip is shown
signed with the learner's hand, a clip signed with the other hand mirrored
(:meth:`desktop_app.core.signing.view.ViewConvention.mirrors`), and feedback compares the attempt with them as
shown, so it names the learner's own hands either way. The score and the nearest signs
come from the one gallery, since the encoder and DTW compare a clip and its mirror image alike.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.collection.library import KEPT_DESPITE, KEPT_DESPITE_MARK, recorded_in_the_app
from desktop_app.core.judging.feedback import (
    YOU,
    Feedback,
    LookAlike,
    PreparedReference,
    PreparedWhenAsked,
    ReferencesPrepared,
    Signer,
    compare_with_reference,
    hands_signing,
    prepare_references,
)
from desktop_app.core.judging.scoring import GOOD_SCORE
from desktop_app.core.shared.palette import GREEN, ORANGE, RED
from desktop_app.core.signing.view import ViewConvention, reference_clip
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.words import breakable, counted

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.judging.scoring import AttemptScore, Gallery
    from desktop_app.core.shared.jobs import JobControl
    from signcore.database import ClipInfo, Sign, SignDatabase
    from signcore.dtw import DtwFeatures

log = logging.getLogger(__name__)

# A score's bands: from GOOD_SCORE (scoring) it looks like the reference, from FAIR_SCORE it is close
FAIR_SCORE = 40
# The nearest signs' line of a result (result_words), as a page shortens it to fit (rich text)
NEAREST_SIGNS, BETWEEN_NEAREST = "Nearest signs: ", " &nbsp; "


@dataclass
class ScoringTarget:
    """What an attempt is scored against (built on the GUI thread when a sign is chosen)."""

    sign_id: int
    gloss: str
    gallery: Gallery
    references: dict[int, PoseSequence]  # clip id -> the reference as shown (reference_as_shown)
    left_handed: bool = False  # the learner's setting, for feedback that suggests changing it
    # clip id -> the reference prepared for feedback, filled by prefetch() or by the first attempt needing it
    _prepared: Mapping[int, PreparedReference] = field(default_factory=dict, repr=False)
    _hands: tuple[str, ...] = field(default=(), repr=False)  # hands_signing of the references, once known
    # Each reference prepared alone and each pair's costs, shared with the targets made from it (without)
    _known: ReferencesPrepared = field(default_factory=ReferencesPrepared, repr=False)
    # Held while the references are prepared: the background prefetch and the scoring thread may both ask
    _preparing: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)
    # clip id -> another sign's clip as shown (reference_as_shown), read when an attempt looked more like that
    # sign (feedback.tell_apart); None: the look-alike is only named
    read_look_alike: Callable[[int], PoseSequence] | None = field(default=None, repr=False, compare=False)
    # sign id -> the hands another sign is made with, by its clips (hands_signing), once an attempt looked
    # more like it: read once, not with every attempt
    _look_alike_hands: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def prepared_reference(self, clip_id: int) -> PreparedReference:
        """The reference clip ``clip_id`` prepared for feedback: all of them at once, each compared with the
        others (feedback.prepare_references). Computed once, by whichever thread asks first: one asking
        meanwhile waits for that result rather than computing it again."""
        with self._preparing:
            return self._prepare()[clip_id]

    def sign_hands(self) -> tuple[str, ...]:
        """The hands the sign is made with, by its references (feedback.hands_signing; computed once, with
        the references prepared)."""
        with self._preparing:
            self._prepare()
            return self._hands

    def _prepare(
        self, progress: Callable[[int, int], None] = lambda done, total: None
    ) -> Mapping[int, PreparedReference]:
        """The references prepared, computed now unless done before (hold ``_preparing``). ``progress`` may
        raise to stop (see prepare_references): nothing half-prepared is kept then (the clips prepared alone
        so far are, in ``_known``), and the next to ask computes the rest."""
        if not self._prepared:
            prepared = prepare_references(self.references, progress, self._known)
            self._hands = hands_signing(list(prepared.values()))
            self._prepared = prepared
        return self._prepared

    def without(self, gallery: Gallery) -> ScoringTarget | None:
        """This target as :func:`scoring_target` builds it over ``gallery``, this one's without some clips
        (the clip check judges each of a sign's clips against the rest so), from what this target read and
        prepared: no reference read again, none prepared alone again, no pair aligned again, and each
        prepared with its leeway only when an attempt's feedback asks for it. None where scoring_target gives
        none: no reference left, or nothing to calibrate a score against."""
        kept = set(gallery.clip_ids[gallery.sign_rows(self.sign_id)].tolist())
        references = {clip_id: pose for clip_id, pose in self.references.items() if clip_id in kept}
        if not references:
            return None
        if not _calibrates(gallery, self.sign_id):  # as scoring_target
            return None
        prepared = PreparedWhenAsked(references, self._known)
        # The hands by the references' tracks: alike prepared with a leeway or without
        hands = hands_signing(list(prepared.alone.values()))
        return ScoringTarget(
            self.sign_id,
            self.gloss,
            gallery,
            references,
            self.left_handed,
            prepared,
            hands,
            self._known,
            read_look_alike=self.read_look_alike,
        )

    def feedback(
        self,
        attempt: PoseSequence,
        clip_id: int,
        motion: DtwFeatures | None = None,
        score: AttemptScore | None = None,
        signer: Signer = YOU,
    ) -> Feedback:
        """Feedback on ``attempt`` against the reference clip ``clip_id`` as shown, for the learner's hand and
        the hands the sign is made with (``motion`` and ``signer``: see compare_with_reference), given its
        ``score``: its value and the sign it looked more like, as the verdict names it, with that sign's clip
        nearest the attempt when it can be read (:meth:`look_alike`)."""
        return compare_with_reference(
            attempt,
            self.prepared_reference(clip_id),
            motion,
            self.left_handed,
            None if score is None else score.score,
            self.sign_hands(),
            signer,
            looked_like=None if score is None else self.look_alike(score),
        )

    def look_alike(self, score: AttemptScore) -> LookAlike | None:
        """The sign ``score`` ranked before the sign practised, with its clip nearest the attempt as shown and
        prepared for feedback (only named when this target reads no other sign's clips, or that clip cannot
        be read: a clip damaged or deleted since is no reason to leave the attempt without feedback). Read
        for a praised score too: the feedback keeps it where the score it gives is not praised (a hand left
        out), as the verdict names it then (:attr:`AttemptScore.looked_like_sign`)."""
        if not score.closer_signs:
            return None
        sign, clip_id = score.closer_signs[0], score.looked_like_clip_id
        name = sign.name
        if clip_id is None or self.read_look_alike is None:
            return LookAlike(name)
        try:
            reference = self._prepared_other(clip_id, self.read_look_alike)
        except InputError as error:
            log.warning("the clip of %s the attempt looked like was not compared: %s", name, error)
            return LookAlike(name)
        sign_hands = self._hands_of_look_alike(sign.sign_id, self.read_look_alike)
        return LookAlike(name, clip_id, reference, sign_hands)

    def _prepared_other(self, clip_id: int, read: Callable[[int], PoseSequence]) -> PreparedReference:
        """Another sign's clip ``clip_id`` prepared alone, read by ``read`` only the first time it is asked
        for (it was read again with every attempt that looked like its sign)."""
        known = self._known.alone.get(clip_id)
        return known if known is not None else self._known.prepared_alone(clip_id, read(clip_id))

    def _hands_of_look_alike(self, sign_id: int, read: Callable[[int], PoseSequence]) -> tuple[str, ...]:
        """The hands the sign ``sign_id`` is made with, by those of its clips that can be read (each read by
        ``read`` and prepared alone once)."""
        if sign_id not in self._look_alike_hands:
            prepared = []
            for clip_id in self.gallery.clip_ids[self.gallery.sign_rows(sign_id)].tolist():
                try:
                    prepared.append(self._prepared_other(clip_id, read))
                except InputError as error:
                    log.warning("a clip of the sign the attempt looked like was not read: %s", error)
            self._look_alike_hands[sign_id] = hands_signing(prepared)
        return self._look_alike_hands[sign_id]

    def prefetch(self, control: JobControl) -> None:
        """A job (desktop_app.core.shared.jobs): what the end of an attempt would otherwise compute, done in
        the background when the sign is chosen: the sign's motion typical (scoring.Gallery.motion_typical),
        its own references prepared for feedback, then the DTW features of the references its nearest signs
        are ranked with. In that order: every attempt needs the first two, and the last take a second or
        more, which an attempt signed at once spent preparing the references itself. The motion typical
        first (a few hundredths of a second): an attempt's ranking waits for the prefetch's, while an attempt
        needing the references before the prefetch prepares them prepares them itself, so an attempt ending
        half a second after the sign was chosen waited in its ranking for the references to be prepared
        first. Stops early once cancelled (another sign was chosen), without keeping anything half-prepared.

        The sign's own clips are among those the ranking reads, and their features are computed again
        here: not the same numbers, since the ranking compares each clip as stored (as ``trainer
        evaluate`` does) and feedback the clip as shown (mirrored to the learner's hand, without its tracker
        glitches)."""
        self.gallery.motion_typical(self.sign_id)
        # Not while an attempt's scoring prepares them (it asked first): waiting for it would hold up a cancel
        if self._preparing.acquire(blocking=False):
            try:
                self._prepare(control.progress)
            finally:
                self._preparing.release()
        self.gallery.prefetch_motion(self.sign_id, lambda: control.cancel_requested)
        control.check_cancelled()


def reference_as_shown(
    context: AppContext,
    clip: ClipInfo,
    sign_clips: Sequence[ClipInfo] | None = None,
    poses: Mapping[int, PoseSequence] | None = None,
    convention: ViewConvention | None = None,
) -> PoseSequence:
    """A reference clip as the learner sees it, by the one view convention (signed with the learner's hand:
    mirrored when signed with the other). ``sign_clips`` and ``poses`` (as
    :func:`~desktop_app.core.signing.view.reference_clip` reads them): those of its sign the caller has read
    already (:meth:`desktop_app.core.signing.view.ClipHands.of`). ``convention``: another than the settings'
    (signed with another hand)."""
    if poses is None or clip.id not in poses:
        poses = {**(poses or {}), clip.id: reference_clip(context.database, clip.id)}
    hand = context.clip_hands.of(clip, sign_clips, poses)
    convention = ViewConvention.from_settings(context.settings) if convention is None else convention
    return convention.reference(poses[clip.id], hand)


def _calibrates(gallery: Gallery, sign_id: int) -> bool:
    """Whether ``gallery`` can calibrate a score of ``sign_id``: not with a single reference clip."""
    try:
        gallery.calibration(sign_id)
    except ValueError:
        return False
    return True


def scoring_target(
    context: AppContext,
    sign_id: int,
    gloss: str,
    sign_clips: Sequence[ClipInfo] | None = None,
    gallery: Gallery | None = None,
    convention: ViewConvention | None = None,
    read: dict[int, PoseSequence] | None = None,
    look_alikes: bool = True,
) -> ScoringTarget | None:
    """The target for practising ``sign_id``, or None when it cannot be scored: no model, the sign's
    reference clips have no embedding for this model yet (they are being prepared), or the database holds
    too few clips to calibrate a score. Everything the end of an attempt needs is computed now.
    ``sign_clips``: the sign's clips, when the caller has read them. ``gallery``: the references to score
    against (default: the context's, every clip; :meth:`Gallery.without_clips`). ``convention``: the
    references shown signed with another hand than the settings' learner's (:func:`reference_as_shown`).
    ``read``: clips as :func:`~desktop_app.core.signing.view.reference_clip` reads them, those the caller has
    read; the references read now are added to it (the clip check judges each of them too). ``look_alikes``:
    an attempt that looked more like another sign is told what tells the two apart, that sign's clip read then
    (:meth:`ScoringTarget.look_alike`); else the sign is only named."""
    gallery = context.gallery() if gallery is None else gallery
    convention = ViewConvention.from_settings(context.settings) if convention is None else convention
    if gallery is None or not gallery.has_sign(sign_id):
        return None
    clip_ids = [int(clip_id) for clip_id in gallery.clip_ids[gallery.sign_rows(sign_id)]]
    if not _calibrates(gallery, sign_id):
        return None
    if sign_clips is None:
        sign_clips = context.database.clips(sign_id)
    clips = {clip.id: clip for clip in sign_clips}
    # Read once: the hands of the sign's clips are read from them too, when not known yet
    read = {} if read is None else read
    shown = [clip_id for clip_id in clip_ids if clip_id in clips]
    for clip_id in shown:
        if clip_id not in read:
            read[clip_id] = reference_clip(context.database, clip_id)
    references = {
        clip_id: reference_as_shown(context, clips[clip_id], sign_clips, read, convention)
        for clip_id in shown
    }
    if not references:
        return None

    def read_look_alike(clip_id: int) -> PoseSequence:
        return reference_as_shown(context, context.database.clip(clip_id), convention=convention)

    return ScoringTarget(
        sign_id,
        gloss,
        gallery,
        references,
        convention.left_handed,
        read_look_alike=read_look_alike if look_alikes else None,
    )


def initial_sign_id(context: AppContext) -> int | None:
    """The sign to show at start-up: the one practised last, by its id while it has the name and language
    remembered with it (another database has other signs under the same ids); else, deleted and made anew or
    in a rebuilt database, the sign of that name and language. Settings of older versions have the name
    alone: of the signs so named, the one practised last (the first of that name was the wrong "hallo"
    beside a starter sign of that name). With none remembered (a first run), the sign signed last (in a
    lesson); None when there is none such: the page asks to choose one (it opened on the first sign listed,
    one the learner had never met, and scored attempts at it)."""
    settings = context.settings
    if settings.last_sign is None:
        return signed_last(context)
    try:
        same = [
            sign
            for sign in context.database.signs(search=settings.last_sign)
            if sign.gloss == settings.last_sign and settings.last_sign_language in (None, sign.language)
        ]
        if not same:
            return None
        if any(sign.id == settings.last_sign_id for sign in same):
            return settings.last_sign_id
        practised = {
            summary.sign_id: summary.last_practised or 0.0 for summary in context.database.practice_summary()
        }
    except InputError:  # the page then says what is wrong with the database
        return None
    return max(same, key=lambda sign: practised.get(sign.id, 0.0)).id


def signed_last(context: AppContext) -> int | None:
    """The sign of the learner's last attempt (in practice or a lesson), if any."""
    try:
        summaries = [summary for summary in context.database.practice_summary() if summary.last_practised]
    except InputError:
        return None
    if not summaries:
        return None
    return max(summaries, key=lambda summary: summary.last_practised or 0.0).sign_id


def remember_sign(context: AppContext, sign: Sign) -> None:
    """Note ``sign`` as the one practised last, for the next start."""
    context.remember(last_sign=sign.gloss, last_sign_id=sign.id, last_sign_language=sign.language)


def list_filter_showing(
    database: SignDatabase, sign_id: int | None, search: str, language: str | None
) -> tuple[str, str | None]:
    """The sign list's filter (search text, language or None for all) once ``sign_id`` is chosen elsewhere
    (the library, a lesson, the map): kept while it lists the sign, else cleared, the search first and then
    the language, so the list shows and highlights the sign being practised rather than another one."""

    def lists(search: str, language: str | None) -> bool:
        return any(sign.id == sign_id for sign in database.signs(search, language))

    if sign_id is None or lists(search, language):
        return search, language
    if lists("", language):
        return "", language
    return "", None


RESULT_OF_CHANGED_CLIPS = (
    "Your last result was cleared: the reference clips of this sign were changed in the Library. Sign it "
    "again to be scored against them."
)
RESULT_OF_DELETED_SIGN = "Your last result was cleared: {name} was deleted in the Library."
RESULT_BEFORE_SCORING = "This sign can be scored now: sign it again for your score."
# Said of the setting, not of a hand: "it was for signing with your right hand" stood right under "You signed
# with your left hand" (walk-through w33), and an attempt with the other hand is judged mirrored anyway
RESULT_FOR_THE_OTHER_HAND = (
    "Your last result was cleared: it was judged with left-handed mode {before}, and left-handed mode is now "
    "{now}. Sign it again for your score."
)

REFERENCE_CAPTION = "Reference"
CLOSEST_CLIP_CAPTION = "Closest reference clip"  # another clip of the sign than the one played before
# A recording the learner kept (maybe "anyway", unlike the sign's other clips): said, not passed off as theirs
OWN_CLOSEST_CLIP_CAPTION = "Closest reference clip: your own recording"
# Said under the clip played when it was kept despite the clip check's warning (ClipOrigin.kept_despite): the
# library marked it, but a learner judged against it in Practice was given no hint why they were judged oddly
PLAYED_KEPT_DESPITE = (
    f"{KEPT_DESPITE_MARK} {KEPT_DESPITE} If you are judged oddly, it may be why: in the Library, delete it or"
    " clear its warning."
)
# The sign a result looked more like, its clip nearest the attempt (PlayedClips.look_alike): the
# button that plays it, and the player's caption while it plays
COMPARE_WITH = "Compare with “{name}”"
LOOK_ALIKE_CAPTION = "Yours looked like: {name}"


@dataclass(frozen=True)
class PlayedReference:
    """What the reference player plays: a reference clip as shown (the player plays its sign,
    :func:`desktop_app.core.signing.view.sign_only`) and the caption naming it. Equal when the same clip is
    played under the same caption."""

    clip_id: int | None
    pose: PoseSequence = field(compare=False)
    caption: str  # marked first (KEPT_DESPITE_MARK) when the clip was kept despite a warning
    note: str = ""  # PLAYED_KEPT_DESPITE, or nothing to say

    @classmethod
    def of(cls, clip_id: int | None, pose: PoseSequence, caption: str, kept_despite: bool) -> PlayedReference:
        """The clip ``clip_id`` played under ``caption``, marked and said when it was ``kept_despite`` a
        warning, as the Library marks it."""
        if kept_despite:
            return cls(clip_id, pose, f"{KEPT_DESPITE_MARK} {caption}", PLAYED_KEPT_DESPITE)
        return cls(clip_id, pose, caption)


@dataclass(frozen=True)
class PlayedClips:
    """What a reference player says of the clips it plays, beyond their captions: which are the learner's
    own recordings (their caption says so) and which, of any sign, were kept despite the clip check's
    warning (marked and said: :meth:`PlayedReference.of`). Practice's player and a lesson's result play by
    it alike: the sign's clip a result compares the attempt with, and the clip of the sign it looked more
    like."""

    own: frozenset[int] = frozenset()
    kept_despite: frozenset[int] = frozenset()

    @classmethod
    def read(cls, database: SignDatabase, sign_clips: Sequence[ClipInfo]) -> PlayedClips:
        """Of the sign whose clips are ``sign_clips``, read from ``database`` (the kept-despite clips of
        every sign: a player may play another's)."""
        own = frozenset(clip.id for clip in sign_clips if recorded_in_the_app(clip))
        return cls(own, database.clips_kept_despite())

    def played(self, clip_id: int | None, pose: PoseSequence, caption: str) -> PlayedReference:
        """The clip ``clip_id`` played under ``caption``, marked and said when kept despite a warning."""
        return PlayedReference.of(clip_id, pose, caption, clip_id in self.kept_despite)

    def compared_with(self, result: AttemptOutcome, caption: str) -> PlayedReference | None:
        """The clip ``result``'s correction, its picture and its replay compare the attempt with (the sign's
        clip nearest it) under ``caption``, or under one that says it is the learner's own recording. None:
        the result compared with no clip."""
        if result.reference is None:
            return None
        clip_id = result.reference_clip_id
        # As the setting shows it: one compared mirrored (signed with the other hand) was played so, its
        # close-up of the setting's hand "not seen" beside a figure signing with the other
        mirrored = result.feedback is not None and result.feedback.mirrored_reference is not None
        pose = result.reference.mirrored() if mirrored else result.reference
        return self.played(clip_id, pose, OWN_CLOSEST_CLIP_CAPTION if clip_id in self.own else caption)

    def look_alike(self, result: AttemptOutcome | None) -> PlayedReference | None:
        """What the player plays when the learner asks to compare with the sign ``result`` (the result
        shown) looked more like: that sign's clip nearest the attempt, as shown (signed with the learner's
        hand), the one its correction tells this sign from (:attr:`.Feedback.contrast`). None: no scored
        result looked like another sign, or its clip was not read (the sign is only named)."""
        feedback = None if result is None or result.score is None else result.feedback
        look_alike = None if feedback is None else feedback.look_alike
        if look_alike is None or look_alike.reference is None:
            return None
        caption = LOOK_ALIKE_CAPTION.format(name=look_alike.name)
        return self.played(look_alike.clip_id, look_alike.reference.pose, caption)


@dataclass(frozen=True)
class PracticeSign:
    """The sign being practised as the practice page shows it: its title, a note in plain words, the
    reference clip played (as shown) and its id, and the scoring target (None: attempts cannot be scored
    now); the sign's id and the ids of all its clips, read from ``database``, tell whether a result still
    holds (:meth:`result_after`). ``clips_played``: what the player says of the clips it plays (the
    learner's own, those kept despite the clip check's warning)."""

    title: str
    note: str
    reference: PoseSequence | None = None
    target: ScoringTarget | None = None
    clip_id: int | None = None
    sign_id: int | None = None
    clip_ids: tuple[int, ...] = ()
    clips_played: PlayedClips = PlayedClips()
    database: SignDatabase | None = field(default=None, compare=False, repr=False)
    gloss: str = ""  # the sign's own name in the title: shortened first, its language kept, where it is long

    def result_after(self, now: PracticeSign) -> str | None:
        """What becomes of the result of an attempt at this sign once ``now`` is loaded in its place (after
        a Library edit, another sign chosen): None, it still holds (the same sign with the same clips, as
        scorable as before: renaming, tagging or giving a clip to another sign changes nothing of it); else
        why it goes, in the learner's words ("" when that needs no word: another sign was chosen, or the
        sign can no longer be scored, which its note says). An attempt made while the sign could not be
        scored goes once it can: its "cannot be scored yet" was said of the sign before; one for the other
        hand, once the left-handed setting changed, goes with a word (it vanished unsaid)."""
        if self.sign_id is None:
            return ""
        if now.sign_id == self.sign_id:
            if now.clip_ids != self.clip_ids:
                return RESULT_OF_CHANGED_CLIPS
            if (now.target is None) != (self.target is None):
                return "" if now.target is None else RESULT_BEFORE_SCORING
            if (
                now.target is not None
                and self.target is not None
                and now.target.left_handed != self.target.left_handed
            ):
                # its correction and pictures compare with the reference signed with the other hand
                modes = ("on", "off") if self.target.left_handed else ("off", "on")
                return RESULT_FOR_THE_OTHER_HAND.format(before=modes[0], now=modes[1])
            return None
        if now.sign_id is None and self.database is not None and self.database is now.database:
            try:
                self.database.sign(self.sign_id)
            except InputError:
                return RESULT_OF_DELETED_SIGN.format(name=self.title)
        return ""

    def reference_played(self, result: AttemptOutcome | None) -> PlayedReference | None:
        """What the reference player plays while ``result`` (the result shown, or None) is on screen: the
        clip the result's correction, its picture and its replay compare the attempt with (the sign's clip
        nearest to it) when that is another clip than the sign's reference, so that the moment a correction
        names is found in the player; else the sign's reference. None: nothing to play. Either, kept despite
        the clip check's warning, is marked and said so (:meth:`PlayedReference.of`)."""
        if result is not None and result.reference is not None and result.reference_clip_id != self.clip_id:
            return self.clips_played.compared_with(result, CLOSEST_CLIP_CAPTION)
        if self.reference is None:
            return None
        return self.clips_played.played(self.clip_id, self.reference, REFERENCE_CAPTION)


def practice_sign(context: AppContext, sign_id: int | None) -> PracticeSign:
    """Load ``sign_id`` for practice (None: no sign chosen) and remember it as the sign practised last."""
    database = context.database
    convention = ViewConvention.from_settings(context.settings)
    if sign_id is None:
        if database.signs():
            return PracticeSign("Choose a sign", "", database=database)
        return PracticeSign("No signs yet", "Import or record signs in the Library first.", database=database)
    try:
        sign = database.sign(sign_id)
        clips = database.clips(sign_id)
        clips_played = PlayedClips.read(database, clips)
        target = scoring_target(context, sign_id, sign.gloss, clips)
        # The clip played: the target's first reference when the sign can be scored, else its first clip.
        first = next(iter(target.references)) if target is not None else None
        shown = next((clip for clip in clips if first is None or clip.id == first), None)
        reference, mirrored_note = None, ""
        if shown is not None:
            # Read here, inside the guard where a damaged clip is said (the target has read its references)
            reference = (
                target.references[shown.id]
                if target is not None
                else reference_as_shown(context, shown, clips)
            )
            mirrored_note = convention.mirrored_note(context.clip_hand(shown))
        title = database.sign_name(sign)
    except InputError as error:
        return PracticeSign("This sign cannot be shown", str(error), sign_id=sign_id, database=database)
    remember_sign(context, sign)
    note = _reference_note(context, sign, clips, shown, target, mirrored_note)
    return PracticeSign(
        title,
        note,
        reference,
        target,
        shown.id if shown is not None else None,
        sign_id,
        tuple(clip.id for clip in clips),
        clips_played,
        database,
        sign.gloss,
    )


def _reference_note(
    context: AppContext,
    sign: Sign,
    clips: list[ClipInfo],
    shown: ClipInfo | None,
    target: ScoringTarget | None,
    mirrored_note: str,
) -> str:
    """``mirrored_note``: that the reference is shown mirrored (:meth:`ViewConvention.mirrored_note`)."""
    if not clips or shown is None:
        return "This sign has no reference clip yet: record or import one in the Library."
    # The hands swapped first: a short page shows the note's first two lines only (the rest in its tooltip)
    notes = [*([mirrored_note] if mirrored_note else []), f"{counted(len(clips), 'reference clip')}."]
    if context.encoder is None:
        notes.append("No sign model is loaded: attempts cannot be scored.")
    elif target is None:
        notes.append(
            "Scoring is not ready: the reference clips are still being prepared for this model, "
            "or the database has too few clips to compare with."
        )
    if sign.notes:
        notes.append(sign.notes)
    return " ".join(notes)


def score_colour(score: float) -> str:
    """The colour a score is shown in, by its band: good, fair (close), or not yet."""
    if score >= GOOD_SCORE:
        return GREEN
    return ORANGE if score >= FAIR_SCORE else RED


def verdict(score: float) -> str:
    """What a score says to the learner, by the same bands as its colour."""
    if score >= GOOD_SCORE:
        return "Well done: that looks like the reference."
    if score >= FAIR_SCORE:
        return "Close. Watch the reference again and repeat."
    return "Not quite yet. Watch the reference slowly, then try again."


def result_words(score: AttemptScore, names: Mapping[int, str]) -> tuple[str, str]:
    """The verdict and the nearest signs of a scored attempt, as rich text, each sign named as lists and
    titles name it now (``names``, by sign id: a sign renamed since the attempt kept its old name until the
    next one), else as it was scored (a sign deleted since); the names are escaped (a sign may be called
    "I <3 you", which rich text would otherwise cut to "I "), a long one breakable, each nearest sign kept
    on one line."""

    def named(sign_id: int, scored_as: str) -> str:
        return html.escape(breakable(names.get(sign_id, scored_as)))

    name = named(score.sign_id, score.name)
    words = verdict(score.score)
    if score.recognised and score.score < GOOD_SCORE:
        words = f"Recognised as <b>{name}</b>. {words}"
    closer = score.looked_like_sign
    if closer is not None:
        words += f" It looks closer to <b>{named(closer.sign_id, closer.name)}</b> than to {name}."
    rows = []
    for rank, neighbour in enumerate(score.nearest, 1):  # ranked by the encoder and DTW together
        # Each "4. heute (DGS)" on one line (no-break spaces): wrapped, "4." ended one line and "heute
        # (DGS)" began the next. A long name still breaks where breakable() lets it.
        text = f"{rank}. {named(neighbour.sign_id, neighbour.name)}".replace(" ", "\u00a0")
        rows.append(f"<b>{text}</b>" if neighbour.sign_id == score.sign_id else text)
    return words, NEAREST_SIGNS + BETWEEN_NEAREST.join(rows)
