"""THE player of the clip a new reference clip came nearest to, when the new clip looks unlike its sign's
other clips (:mod:`desktop_app.core.judging.clip_check`): played beside the new clip's player, both named, so
that the one correction the learner is told ("lower than in the reference") points at a picture. Used where a
new clip is kept: the record window and the review of an import; so are the words under it
(:func:`verdict_label`, :func:`say_unlike`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.judging.clip_check import AS_A_VARIANT, UnlikeClip
from desktop_app.core.judging.practice import CLOSEST_CLIP_CAPTION
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.view import sign_only
from desktop_app.ui.skeleton.canvas import side_by_side
from desktop_app.ui.skeleton.player import SkeletonPlayer


class ClosestClipPlayer(SkeletonPlayer):
    """Beside the player of the new clip (``beside``); hidden until :meth:`show_for` has a clip that looks
    unlike."""

    def __init__(self, context, beside: SkeletonPlayer, parent=None):
        super().__init__(parent)
        self.follow_settings(context, references=False)  # played as compared: signed with the new clip's hand
        self.beside = beside
        side_by_side(beside.canvas, self.canvas)  # one corner for both close-ups
        self.hide()

    def show_for(self, unlike: UnlikeClip | None, name: str) -> None:
        """Play ``unlike``'s nearest clip, and beside it the new clip as it was compared with it, named
        ``name``; with nothing unlike (None), hide."""
        if unlike is None or unlike.nearest is None:
            self.set_message("")  # stopped while hidden
            self.hide()
            return
        self.beside.play_clip(sign_only(unlike.clip), name, unlike.hand)
        self.play_clip(sign_only(unlike.nearest), CLOSEST_CLIP_CAPTION, unlike.hand)
        self.show()


def verdict_label() -> QLabel:
    """THE label under a new clip saying how it compares with its sign's other clips (:func:`say_unlike`)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as written, never as markup
    return label


def say_unlike(label: QLabel, unlike: UnlikeClip | None, only_if: str, otherwise: str = "") -> None:
    """Say in ``label`` why the new clip looks unlike its sign's clips (``unlike``) and that it is kept only
    on purpose (``only_if``, each window's own choice: "Keep it only if…"), in the warning's colour; with
    nothing unlike (None), ``otherwise`` plainly. The label hides while it has nothing to say."""
    words = otherwise if unlike is None else f"{unlike.words} {only_if} {AS_A_VARIANT}"
    label.setText(words)
    label.setVisible(bool(words))
    label.setStyleSheet("" if unlike is None else f"color: {PROBLEM_COLOUR};")
