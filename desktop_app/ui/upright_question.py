"""THE question whether .pose files filmed on their side are to be turned upright, asked the same way wherever
a learner's .pose file is read for its signing: the import dialog and search with a file
(:mod:`desktop_app.core.signing.upright` tells which files are on their side)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.importing.imports import TURN_UPRIGHT, sideways_question


def ask_to_turn_upright(parent: QWidget | None, sideways: dict[str, int], as_filmed: str) -> bool:
    """Whether the learner chose to turn the .pose files ``sideways`` (path: quarter turns) upright, all of
    them; ``as_filmed``: the other answer's words ("Import as filmed")."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Filmed on its side?", sideways_question(sideways), parent=parent
    )
    turn = box.addButton(TURN_UPRIGHT, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(as_filmed, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(turn)
    box.exec()
    return box.clickedButton() is turn
