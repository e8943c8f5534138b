"""The settings dialog: camera, mirror, left-handed mode, starting when the hands come up, playback speed, new
signs per day, model, database.

Nothing changes until OK. The camera shown is the one in use (the cameras attached are looked for as the
dialog opens, so that it says whether it is there), chosen in the one camera chooser
(:mod:`desktop_app.ui.camera_dialog`, as in File → Camera…); on OK a camera chosen here is used and saved. A
model or database that cannot be used is refused with a message and the dialog stays open, so the learner can
pick another; the current one keeps working meanwhile. A new model becomes
current at once and the database is re-embedded for it in the background (see
:mod:`desktop_app.core.app.models_switch`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app import models_switch
from desktop_app.core.app.context import AppContext, CameraInUse
from desktop_app.core.shared.settings import MAX_NEW_SIGNS_PER_DAY, PLAYBACK_SPEEDS
from desktop_app.ui.background_jobs import start_embedding_missing
from desktop_app.ui.camera_dialog import ask_for_camera, look_for_cameras
from desktop_app.ui.file_pickers import open_file
from desktop_app.ui.panes import RoomForWords, grow_to_fit_its_words, ok_and_cancel
from desktop_app.ui.workers import Worker
from signcore.errors import InputError

# It opens a database that exists (a backup, one on a stick) or starts one under a new name
DATABASE_PICKER_CAPTION = "Open a sign database, or type a new name to start one"


class PathField(QWidget):
    """A path box with Browse… and an optional "use default" button; empty text means the default."""

    def __init__(self, value: str | None, placeholder: str, browse, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(value or "")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        browse_button = QPushButton("Browse…")
        browse_button.clicked.connect(lambda: self._browse(browse))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse_button)

    def _browse(self, browse) -> None:
        chosen = browse(self, self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> str | None:
        text = self.edit.text().strip()
        return text or None


def _open_file(context: AppContext, caption: str, file_filter: str, may_create: bool = False):
    def browse(parent: QWidget, current: str) -> str | None:
        return open_file(
            parent, context, caption, file_filter, current=current or None, may_create=may_create
        )

    return browse


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        settings = context.settings

        self.chosen_camera: CameraInUse | None = None  # chosen here: used and saved on OK
        self.selfie_answers = context.selfie_answers.draft()  # given in the camera chooser: kept on OK
        self.camera_label = QLabel()
        change_camera = QPushButton("Change…")
        change_camera.clicked.connect(self._choose_camera)
        camera_row = QHBoxLayout()
        camera_row.addWidget(self.camera_label, 1)
        camera_row.addWidget(change_camera)
        self.camera_note = QLabel()
        self.camera_note.setWordWrap(True)
        self.camera_note.setStyleSheet("color: palette(placeholder-text);")
        self.mirror_display = QCheckBox("Mirror view: show the camera and every skeleton as in a mirror")
        self.mirror_display.setChecked(settings.mirror_display)
        self.left_handed = QCheckBox("Left-handed: show every sign made with the left hand")
        self.left_handed.setChecked(settings.left_handed)
        # The Practice page's checkbox too (the same setting): it is there beside the attempt's buttons, and
        # here for a learner told it is "in Settings": it applies to lessons, search and recording clips too
        self.auto_start = QCheckBox("Start when my hands come up")
        self.auto_start.setChecked(settings.auto_start)
        self.auto_start.setToolTip(
            "Raise your hands to start an attempt and lower them to finish, without pressing Space."
        )
        self.playback_speed = QComboBox()
        for speed in PLAYBACK_SPEEDS:
            self.playback_speed.addItem(f"{speed:g}×", speed)
        self.playback_speed.setCurrentIndex(PLAYBACK_SPEEDS.index(settings.playback_speed))
        self.new_signs_per_day = QSpinBox()
        self.new_signs_per_day.setRange(0, MAX_NEW_SIGNS_PER_DAY)
        self.new_signs_per_day.setValue(settings.new_signs_per_day)
        self.new_signs_per_day.setToolTip(
            "How many signs you have never seen a review may bring in each day."
        )
        self.model_path = PathField(
            settings.model_path,
            models_switch.SHIPPED_MODEL,
            _open_file(context, "Choose a sign model", "Sign models (*.onnx);;All files (*)"),
        )
        self.model_status = QLabel(models_switch.current_model(context.encoder))
        self.model_status.setWordWrap(True)
        self.model_status.setStyleSheet("color: palette(placeholder-text);")
        self.database_path = PathField(
            settings.database_path,
            "default database in your data folder",
            _open_file(
                context,
                DATABASE_PICKER_CAPTION,
                "Sign databases (*.sqlite *.db);;All files (*)",
                may_create=True,
            ),
        )
        # Said before OK: a name no file has yet starts an empty database. Its room kept while it is not
        # said: a note that came as a path was typed and went as it was finished left a blank band, OK
        # ~47 px lower than before
        self.database_note = RoomForWords(models_switch.NEW_DATABASE_NOTE)
        self.database_path.edit.textChanged.connect(self._say_what_the_database_choice_does)

        form = QFormLayout()
        form.addRow("Camera", camera_row)
        form.addRow("", self.camera_note)
        form.addRow("", self.mirror_display)
        form.addRow("", self.left_handed)
        form.addRow("", self.auto_start)
        form.addRow("Reference playback speed", self.playback_speed)
        form.addRow("New signs per day", self.new_signs_per_day)
        form.addRow("Sign model", self.model_path)
        form.addRow("", self.model_status)
        form.addRow("Sign database", self.database_path)
        form.addRow("", self.database_note)

        buttons = ok_and_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_camera()  # once in the layout: shown, the note would be a window of its own
        self._say_what_the_database_choice_does()  # so too
        # Said as last looked for, then again once looked for now: the note and the camera's name depend on
        # which cameras are attached (said before any look, it would promise camera 0 for next time)
        look_for_cameras(context).looked.connect(self._show_camera)
        self.reembed_worker: Worker | None = None  # the re-embedding started by a model change, if any

    def _choose_camera(self) -> None:
        chosen = ask_for_camera(self.context, self, self.chosen_camera, self.selfie_answers)
        if chosen is not None:
            self.chosen_camera = chosen
            self._show_camera()

    def _show_camera(self) -> None:
        self.camera_label.setText(self.context.camera_words(self.chosen_camera))
        note = (
            self.context.camera_note() if self.chosen_camera is None else "Used and saved when you press OK."
        )
        self.camera_note.setText(note)
        self.camera_note.setVisible(bool(note))
        if self.isVisible():  # said again once the cameras were looked for: it may take more lines
            grow_to_fit_its_words(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        grow_to_fit_its_words(self)

    def _say_what_the_database_choice_does(self) -> None:
        note = models_switch.database_note(self.database_path.value())
        self.database_note.setText(note)  # "": nothing, in the room it keeps

    def accept(self) -> None:
        """Apply everything, or nothing if the chosen model or database cannot be used."""
        try:
            switched = self.context.apply_settings(
                mirror_display=self.mirror_display.isChecked(),
                left_handed=self.left_handed.isChecked(),
                auto_start=self.auto_start.isChecked(),
                signing_hand_asked=True,  # chosen here: Home need not ask it
                playback_speed=self.playback_speed.currentData(),
                new_signs_per_day=self.new_signs_per_day.value(),
                model_path=self.model_path.value(),
                database_path=self.database_path.value(),
            )
        except InputError as error:
            QMessageBox.warning(self, "Cannot use this file", str(error))
            return
        self.selfie_answers.keep()
        if self.chosen_camera is not None:
            self.context.use_chosen_camera(self.chosen_camera)
        if switched:  # the progress and a failure are shown over the window: this dialog closes now
            parent = self.parentWidget()
            self.reembed_worker = start_embedding_missing(
                self.context,
                parent,
                on_failed=lambda message: QMessageBox.warning(parent, "Preparing the signs failed", message),
            )
        super().accept()
