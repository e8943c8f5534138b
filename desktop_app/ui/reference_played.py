"""A result's reference player and the clips it names, alike on the practice page and a lesson's result: the
button that plays the clip of the sign the attempt looked more like ("Compare with “X”", with its own key),
the clips played under their captions, and the note under the player of a clip kept despite the clip check's
warning (what to play, and what to say of it: :class:`~desktop_app.core.judging.practice.PlayedClips`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.judging.practice import COMPARE_WITH, REFERENCE_CAPTION, PlayedClips, PlayedReference
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.view import ViewConvention, sign_only
from desktop_app.ui.panes import WrapsOrShortens, never_widens
from desktop_app.ui.shortcuts import COMPARE_WITH_LOOK_ALIKE
from desktop_app.ui.skeleton.canvas import Track
from desktop_app.ui.skeleton.player import SkeletonPlayer
from signcore.layout import PoseSequence

# The widest the name of the sign a result looked like takes on its button (the rest is "…", whole in its
# tooltip): a long name widened the reference column
COMPARE_NAME_MOST_WIDTH = 180
SHOW_REFERENCE = "Show reference"  # Practice's: the sign's own reference alone
# The lesson's result again (the attempt over the sign's own reference), after another sign's clip: "Show
# reference", as Practice's button for the reference alone, would promise what it does not bring
BACK_TO_THE_ATTEMPT = "Back to my attempt"


class CompareButton(QPushButton):
    """ "Compare with “X”", shown while the result on screen looked more like a sign X whose clip can be
    played (:meth:`PlayedClips.look_alike`): beside the correction that tells the two apart, it plays X's
    clip in one click (or its key, in its tooltip)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(COMPARE_WITH.format(name="…"), parent)  # as tall from the start as when offered
        self._offered = (self.text(), "")  # the offer's text and tooltip, said again once back from the clip
        self.hide()

    def offer(self, result: AttemptOutcome | None, clips_played: PlayedClips) -> None:
        """Shown, naming the sign, when ``result`` offers another sign's clip to play; else hidden."""
        feedback = result.feedback if result is not None else None
        look_alike = feedback.look_alike if feedback is not None else None
        offered = look_alike is not None and clips_played.look_alike(result) is not None
        if look_alike is not None and offered:
            name = self.fontMetrics().elidedText(
                look_alike.name, Qt.TextElideMode.ElideRight, COMPARE_NAME_MOST_WIDTH
            )
            keys = COMPARE_WITH_LOOK_ALIKE.key_names()
            self._offered = (
                COMPARE_WITH.format(name=name).replace("&", "&&"),
                f"{COMPARE_WITH.format(name=look_alike.name)} ({keys})",
            )
        self.show_comparing(False)
        self.setVisible(offered)

    def show_comparing(self, comparing: bool) -> None:
        """While the other sign's clip plays (``comparing``) where the result's own was, the way back to it,
        in the same place, on a lesson's result and in Practice alike (never an offer of the clip playing);
        else the offer again."""
        keys = COMPARE_WITH_LOOK_ALIKE.key_names()
        text, tooltip = (
            (BACK_TO_THE_ATTEMPT, f"{BACK_TO_THE_ATTEMPT} ({keys})") if comparing else self._offered
        )
        self.setText(text)
        self.setToolTip(tooltip)


class PlayedNote(WrapsOrShortens):
    """Under the player, what the learner should know of the clip it plays (:attr:`PlayedReference.note`: it
    was kept despite the clip check's warning), in the warning's colour, as the Library says it under the
    clip; wrapped on as many lines as it takes, in Practice and beside a lesson result's pictures alike (on
    one line ending in "…" there, what to do about the clip was only in its tooltip)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(1, parent)
        never_widens(self)
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.hide()

    def say(self, played: PlayedReference | None) -> None:
        note = played.note if played is not None else ""
        self.setText(note)
        self.setVisible(bool(note))


def play_reference(player: SkeletonPlayer, played: PlayedReference, settings: Settings) -> None:
    """Loop ``played`` (a clip as shown: signed with the learner's hand) in ``player``, its sign only, under
    its caption."""
    hand = ViewConvention.from_settings(settings).learners_hand
    player.play_clip(sign_only(played.pose), played.caption, hand)


def over_the_reference(
    reference: PoseSequence, attempt: PoseSequence, caption: str = REFERENCE_CAPTION
) -> list[Track]:
    """The attempt drawn over the reference (named ``caption``), faint, for one player: as Help says. Side by
    side, the lesson's replay contradicted Help and its figures were framed apart (cut off at the bottom, the
    attempt without its torso)."""
    return [Track(reference, caption, faded=True), Track(attempt, "You", yours=True)]


def replay_the_attempt(player: SkeletonPlayer, outcome: AttemptOutcome, caption: str) -> None:
    """``outcome``'s attempt over the reference it was compared with (named ``caption``), in step along their
    alignment, the close-up on the hand the correction names (it showed the other): Practice's replay and a
    lesson's result. The outcome has feedback and a reference."""
    if outcome.feedback is None or outcome.reference is None:
        return
    replay = outcome.feedback.replay()
    tracks = over_the_reference(outcome.reference, outcome.pose, caption)
    player.play(tracks, replay.times, replay.frames, replay.clock, closeup_hand=outcome.corrected_hand)
