"""The correction's picture: reference and learner side by side at its moment (FeedbackPicture)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.judging.feedback import Moment, unpictured
from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.skeleton.canvas import (
    CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE,
    SkeletonCanvas,
    Track,
    side_by_side,
)
from desktop_app.ui.skeleton.closeup import FILLED_CLOSEUP_LEAST_SPAN
from signcore.layout import PoseSequence

FEEDBACK_PICTURE_MIN_HEIGHT = 110  # low enough for a practice result and its picture to fit a 640-px window
# The close-up's share of the width in a figure narrower than canvas.NARROW_FIGURE_WIDTH
NARROW_CLOSEUP_SHARE = 0.6


class FeedbackPicture(QWidget):
    """The reference and the learner side by side at one moment (the main correction's), each with a close-up
    of the hand the correction is about, nearly as large as the figure, the hand filling it. It grows with
    the room its page gives it (its expanding direction): at a fixed 110 px high, even on a 2560 px screen, a
    handshape could not be told."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reference = SkeletonCanvas()
        self.attempt = SkeletonCanvas()
        # The figures no taller than the picture: when a small window squeezed it, they spilt over what lies
        # below (the nearest signs).
        self.setMinimumHeight(FEEDBACK_PICTURE_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        for canvas in (self.reference, self.attempt):
            canvas.setMinimumSize(150, FEEDBACK_PICTURE_MIN_HEIGHT)
            canvas.closeup_wide = canvas.closeup_tall = CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE
            canvas.closeup_share_when_narrow = NARROW_CLOSEUP_SHARE
            # Each hand fills its box: drawn at two hand sizes to the box, a reference hand shorter than that
            # (many a DGS hand) was 20-30 px high beside the learner's spread one filling its own.
            canvas.closeup_least_span = FILLED_CLOSEUP_LEAST_SPAN
        # One scale for both: a reference framed over its whole clip was a small figure beside a large "You"
        self.reference.scale_partners, self.attempt.scale_partners = [self.attempt], [self.reference]
        side_by_side(self.reference, self.attempt)
        # Said instead of the figures when the hand corrected is seen at no moment in both (unpictured)
        self.unseen = QLabel()
        self.unseen.setWordWrap(True)
        self.unseen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unseen.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reference)
        layout.addWidget(self.attempt)
        layout.addWidget(self.unseen)

    def show_correction(self, outcome: AttemptOutcome, convention: ViewConvention) -> None:
        """The moment of ``outcome``'s main correction; hidden when there is none to picture (no correction,
        or one about the tracking, not the signing)."""
        feedback, hand = outcome.feedback, outcome.corrected_hand
        if feedback is None or feedback.main is None or hand is None or outcome.reference is None:
            self.hide()
            return
        moment = feedback.moment()
        if moment is None:
            self.unseen.setText(unpictured(feedback.main))
            self._show_figures(False)
        else:
            self.show_moment(outcome.reference, outcome.pose, moment, hand, convention)
        self.show()

    def _show_figures(self, shown: bool) -> None:
        """The two figures, or else the words why there are none."""
        self.reference.setVisible(shown)
        self.attempt.setVisible(shown)
        self.unseen.setVisible(not shown)

    def show_moment(
        self,
        reference: PoseSequence,
        attempt: PoseSequence,
        moment: Moment,
        hand: str,
        convention: ViewConvention,
    ) -> None:
        """Both figures at ``moment`` (e.g. ``Feedback.moment()``), captioned with their names and, when
        known, the moment as the replay's clock reads it: the replay plays beside these stills, and nothing
        said they were one moment of it (a learner took them for a replay that had stopped); "at 1.1 s" as
        its clock beside them reads "1.1 s of 1.2 s" ("… of the replay" took three lines of a narrow still).
        Not the attempt's own time: the correction says when in words, and no learner times their signing.
        Both whole, framed alike (the space around both figures at that moment) and drawn at one scale."""
        at = "" if moment.replay_s is None else f" at {moment.replay_s:.1f} s"
        shown = [
            (self.reference, Track(reference, "Reference" + at), moment.reference_frame),
            (self.attempt, Track(attempt, "You" + at, yours=True), moment.attempt_frame),
        ]
        framing = view.enclosing(
            view.moment_space(track.xy, track.mask, track.body, int(track.drawn[frame]))
            for _canvas, track, frame in shown
        )
        for canvas, track, frame in shown:
            canvas.convention = convention
            canvas.closeup_hand = canvas.highlight_hand = hand
            canvas.framing = framing
            canvas.set_tracks([track])
            canvas.show_moment([(frame, frame)], 0.0)
        self._show_figures(True)
