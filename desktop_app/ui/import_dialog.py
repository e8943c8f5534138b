"""The import dialog: choose what to import; the import itself (:mod:`desktop_app.core.imports`) then runs in
the background with a progress dialog that can be cancelled, and its summary is shown when it ends."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from desktop_app.core.context import AppContext
from desktop_app.core.imports import (
    FOLDER,
    KINDS,
    POSE_FILES,
    SPOTER_CSV,
    VIDEOS,
    ImportRequest,
    import_job,
    summarise,
)
from desktop_app.ui.workers import run_with_progress, start_embedding_missing
from signcore.ingest import ImportReport
from signcore.signfolder import VIDEO_SUFFIXES


class ImportDialog(QDialog):
    """Choose what to import; OK starts the import with a progress dialog (see the module docstring)."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import signs")
        self.setMinimumWidth(600)
        self.paths: list[str] = []
        self.worker = None
        self.last_report: ImportReport | None = None

        self.kind_buttons = QButtonGroup(self)
        kinds = QVBoxLayout()
        for kind, text in KINDS:
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button)
            kinds.addWidget(button)
        self.kind_buttons.buttons()[0].setChecked(True)
        self.kind_buttons.buttonToggled.connect(self._kind_changed)

        self.choose_button = QPushButton("Choose…")
        self.choose_button.clicked.connect(self.choose_paths)
        self.chosen_label = QLabel("Nothing chosen yet")
        self.chosen_label.setWordWrap(True)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.choose_button)
        chosen_row.addWidget(self.chosen_label, 1)

        self.gloss = QLineEdit()
        self.gloss.setPlaceholderText("empty: the name of each file's folder")
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems([""] + context.library.languages())
        language_edit = self.language.lineEdit()  # exists: the box is editable
        if language_edit is not None:
            language_edit.setPlaceholderText("e.g. DGS, ASL (optional)")
        self.licence = QLineEdit()
        self.licence.setPlaceholderText("e.g. CC BY 4.0, own recording (optional)")
        self.selfie = QCheckBox("The videos are selfie recordings (mirrored)")

        form = QFormLayout()
        form.addRow("Import", kinds)
        form.addRow("From", chosen_row)
        form.addRow("Sign (gloss)", self.gloss)
        form.addRow("Language", self.language)
        form.addRow("Licence", self.licence)
        form.addRow("", self.selfie)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._kind_changed()

    @property
    def kind(self) -> str:
        checked = self.kind_buttons.checkedButton()  # one always is: the first starts checked
        return str(checked.property("kind")) if checked is not None else FOLDER

    def _kind_changed(self, *_args) -> None:
        self.paths = []
        self._show_paths()
        self.gloss.setEnabled(self.kind in (POSE_FILES, VIDEOS))
        self.selfie.setEnabled(self.kind in (FOLDER, VIDEOS))

    def _show_paths(self) -> None:
        if not self.paths:
            self.chosen_label.setText("Nothing chosen yet")
        elif len(self.paths) == 1:
            self.chosen_label.setText(self.paths[0])
        else:
            self.chosen_label.setText(f"{len(self.paths)} files in {Path(self.paths[0]).parent}")
        self.import_button.setEnabled(bool(self.paths))

    def choose_paths(self) -> None:
        if self.kind == FOLDER:
            folder = QFileDialog.getExistingDirectory(self, "Choose a sign folder")
            chosen = [folder] if folder else []
        else:
            filters = {
                POSE_FILES: "Pose files (*.pose)",
                VIDEOS: "Videos (" + " ".join(f"*{suffix}" for suffix in VIDEO_SUFFIXES) + ")",
                SPOTER_CSV: "SPOTER CSV (*.csv)",
            }
            chosen, _ = QFileDialog.getOpenFileNames(
                self, "Choose files", "", filters[self.kind] + ";;All files (*)"
            )
        if chosen:
            self.set_paths(chosen)

    def set_paths(self, paths: list[str]) -> None:
        self.paths = [str(path) for path in paths]
        self._show_paths()

    def request(self) -> ImportRequest:
        return ImportRequest(
            kind=self.kind,
            paths=list(self.paths),
            language=self.language.currentText().strip(),
            licence=self.licence.text().strip(),
            gloss=(self.gloss.text().strip() or None) if self.gloss.isEnabled() else None,
            selfie_videos=self.selfie.isChecked(),
        )

    def start_import(self):
        """Start importing in the background; the dialog closes and a progress dialog takes over."""
        if not self.paths:
            return None
        parent = self.parentWidget()
        job = import_job(self.context.database, self.request())
        self.worker = run_with_progress(parent, "Importing signs", job)
        self.worker.finished_with.connect(lambda report: self._finished(report, parent))
        self.worker.failed.connect(lambda message: self._failed(message, parent))
        self.accept()
        return self.worker

    def _finished(self, report: ImportReport, parent) -> None:
        self.last_report = report
        self.context.notify_database_changed()
        show = QMessageBox.warning if report.failures or report.warnings else QMessageBox.information
        show(parent, "Import", summarise(report))
        start_embedding_missing(self.context, parent)  # so the new signs can be scored and searched at once

    def _failed(self, message: str, parent) -> None:
        self.context.notify_database_changed()  # what was imported before the failure is in the database
        QMessageBox.warning(parent, "Import failed", message)
