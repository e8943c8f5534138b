"""Choose the camera: any attached camera, or a video file used as the camera.

The one camera chooser: File → Camera…, the Settings' camera and every "Choose camera…" button open it over
the context's camera in use (:meth:`AppContext.camera_choice`). Cameras are probed on a worker thread
(opening each one takes a moment), so the dialog opens at once and fills its list when the probe is done;
one probe at a time (:func:`look_for_cameras`: opened from the Settings, it joins theirs).
With no camera attached it says so and offers the video-file option. A video file is read on a worker thread
(:func:`~desktop_app.core.signing.capture.check_video_as_camera`: one damaged or that cannot seek is decoded
whole, a frozen window for a long one) once the learner settled on it: their typing paused
(:data:`TYPING_PAUSE_MS`), Browse…, OK; what it found is said under the path in a line of its own room
(nothing moves when it comes), :meth:`~desktop_app.core.signing.capture.CameraChoice.line`. OK is greyed while
it is read, and pressed before that waits for it; Cancel drops it. One that is not there, or cannot be read,
or is damaged or cut short, is refused; one that can be is asked whether it is a selfie recording
(:func:`ask_if_selfie_for_camera`, as the practice page's "Use a video file…" asks): with Browse… once it was
read, a path typed by hand on OK. The answers given here (asked, or the selfie tick changed) are kept on OK
only: Cancel leaves them as they were.

Beside the choice, a preview of the camera in use (:class:`CameraPreview`) and how the camera chosen is
turned (a camera mounted on its side; each camera its own turn, as saved), named as the learner sees the
turn on screen: a turn chosen for the camera in use turns it at once (:meth:`AppContext.turn_camera`, not
saved), and is turned back when the dialog closes; the turn chosen goes with the camera chosen
(:attr:`CameraDialog.chosen`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext, CameraInUse
from desktop_app.core.importing.imports import VIDEOS, file_filter
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.capture import SelfieAnswers, VideoVerdict, check_video_as_camera, list_cameras
from desktop_app.core.signing.upright import SUGGESTED, TURN_CHOICES, suggested_turn_words
from desktop_app.ui.file_pickers import open_file
from desktop_app.ui.live_camera import CAMERA_AWAITED, LiveCameraView, live_pictures
from desktop_app.ui.panes import in_a_steady_box, ok_and_cancel
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.selfie_question import ask_if_selfie, question_picture
from desktop_app.ui.skeleton.camera_frame import bgr_to_qimage
from desktop_app.ui.workers import Worker
from signcore.words import breakable

VIDEO_FILTER = file_filter(VIDEOS)
ANSWER_FIRST = "Answer this question to use the video as the camera."
CAMERA_VIDEO_TITLE = "Use {name} as the camera"
USE_IT = "Use it"
TYPING_PAUSE_MS = 400  # a path typed is read once the typing pauses this long: not a file opened each letter
VERDICT_LINES = 2  # the room kept under the path for what reading the video found (more lines scroll)


def choose_video_file(parent: QWidget | None, context: AppContext, current: str | None = None) -> str | None:
    return open_file(parent, context, "Use a video file as the camera", VIDEO_FILTER, current)


def ask_if_selfie_for_camera(
    parent: QWidget | None,
    answers: SelfieAnswers,
    video: VideoVerdict,
    title: str,
    accept_words: str,
    waiting_words: str,
) -> bool | None:
    """Whether the video file ``video`` (read as the camera reads it, off the GUI thread) is a selfie
    recording (:func:`ask_if_selfie`, ``title`` naming it by ``{name}``), beside the first picture its
    reading found: the learner's answer for this very file, wherever given (``answers``: the context's
    store, or a dialog's draft of it), else asked; never taken from the camera's or the last file's answer,
    which is no answer for this file. None: cancelled."""
    path = Path(video.path)
    frame = None if video.first_picture is None else question_picture(video.first_picture)
    title = title.format(name=path.name)
    return ask_if_selfie(path, title, accept_words, waiting_words, parent, answers=answers, frame=frame)


class CameraProbe(Worker):
    """A look for the cameras attached (opening each takes a moment: off the GUI thread). When it ends, the
    context's :attr:`~AppContext.cameras_found` holds them (None when they could not be listed), and then
    ``looked`` says so, with why they could not be ("" when they could). The camera a live view shows is
    not opened again: it is there."""

    looked = Signal(str)

    def __init__(self, context: AppContext):
        camera = context.camera.source
        showing = camera if context.camera_showing and isinstance(camera, int) else None
        super().__init__(lambda _control: list_cameras(showing))
        self.context = context
        self.finished_with.connect(self._found)
        self.failed.connect(self._not_found)

    def _found(self, cameras: list[int]) -> None:
        self._looked(cameras, "")

    def _not_found(self, problem: str) -> None:
        self._looked(None, problem)

    def _looked(self, cameras: list[int] | None, problem: str) -> None:
        global _looking
        if _looking is self:
            _looking = None
        self.context.cameras_found = cameras
        self.looked.emit(problem)


# The look for cameras under way: the Settings' and the camera chooser opened from them share it, or two
# threads opened the same cameras at once (a driver with one reader refuses the second) and the one that
# ended last said which were found.
_looking: CameraProbe | None = None


def look_for_cameras(context: AppContext) -> CameraProbe:
    """The look for ``context``'s cameras under way, else a new one, started: connect to its ``looked``
    (said on the GUI thread, so a slot connected now does not miss it)."""
    global _looking
    if _looking is None or _looking.context is not context:
        _looking = CameraProbe(context)
        _looking.start()
    return _looking


def ask_for_camera(
    context: AppContext,
    parent: QWidget | None,
    start: CameraInUse | None = None,
    answers: SelfieAnswers | None = None,
) -> CameraInUse | None:
    """The camera the learner chose, starting from ``start`` (default: the one in use); None if cancelled.
    ``answers``: where the selfie answers given are kept on OK (default: the context's store; the Settings'
    draft of it, kept on their OK)."""
    dialog = CameraDialog(context, start, parent, answers)
    try:
        return dialog.chosen if dialog.exec() else None
    finally:
        dialog.deleteLater()  # kept by its parent, each chooser's preview stayed subscribed to the camera


def choose_camera(context: AppContext, parent: QWidget | None) -> None:
    """File → Camera… and the "Choose camera…" buttons: the camera chosen is used at once and saved."""
    chosen = ask_for_camera(context, parent)
    if chosen is not None:
        context.use_chosen_camera(chosen)


PREVIEW_SIZE = (256, 192)


class CameraPreview(LiveCameraView):
    """The camera dialog's picture of the camera in use, as it is turned: the pictures of the live view
    behind the dialog while one shows the camera (:attr:`AppContext.camera_showing`: a camera may refuse
    a second reader, and its tracking would start again), else its own camera's, once the look for cameras
    is over (:meth:`cameras_looked_for`: it opens every camera not shown, this one too)."""

    watches_upright = False  # the dialog is where the turn is chosen

    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.camera_off_words = ""
        self._cameras_looked_for = False
        self._chosen_elsewhere = False  # another camera than the one in use is chosen: shown still (follow)
        self.video_label.setMinimumSize(*PREVIEW_SIZE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video_label)
        live_pictures().shown.connect(self._show_views_picture)

    def wants_camera(self) -> bool:
        return self._cameras_looked_for and not self.context.camera_showing and not self._chosen_elsewhere

    def follow(
        self, camera: int | str | None, is_selfie: bool, first_picture: np.ndarray | None = None
    ) -> None:
        """Show ``camera``, the one chosen: the camera in use live, as before (also while none is chosen
        yet, the cameras not found); a video file chosen instead by its ``first_picture`` (read with its
        check; None until then), still, mirrored as it will be shown (``is_selfie``: the tick), since it
        plays only once chosen (a path typed or browsed kept the old video's picture, as if it were the one
        chosen); another camera attached, said so."""
        self._chosen_elsewhere = camera is not None and camera != self.context.camera.source
        if not self._chosen_elsewhere:
            self._start_if_shown()
            return
        self.stop_camera()
        if isinstance(camera, int):
            self.video_label.setText(f"Camera {camera}'s picture shows once it is chosen (OK).")
            return
        if first_picture is None:
            self.video_label.setText("The video chosen is shown here.")
        else:
            flip = self.context.settings.mirror_display != is_selfie
            self._show_still(QPixmap.fromImage(bgr_to_qimage(first_picture, flip)))

    def cameras_looked_for(self) -> None:
        """The look for cameras is over: the camera in use may be opened."""
        self._cameras_looked_for = True
        self._start_if_shown()

    def scores_attempts(self) -> bool:
        return False

    def connect_worker(self, worker: PipelineWorker) -> None:
        worker.frame_ready.connect(self._show_frame)
        worker.failed.connect(self.video_label.setText)
        worker.camera_state.connect(self._camera_state)

    def _camera_state(self, problem: str) -> None:
        if problem:  # lost: said over the picture; back: its next picture replaces the words
            self.video_label.setText(f"{problem}\n{CAMERA_AWAITED}")

    def _show_frame(self, report: FrameReport) -> None:
        self.show_frame_picture(report)
        if self.worker is not None:
            self.worker.frame_shown(report)

    def _show_views_picture(self, picture: QPixmap) -> None:
        # Not its own (they are shown by show_picture), nor while another camera is chosen
        if self.worker is None and self.isVisible() and not self._chosen_elsewhere:
            self._show_still(picture)

    def _show_still(self, picture: QPixmap) -> None:
        self.video_label.setPixmap(
            picture.scaled(
                self.video_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class CameraDialog(QDialog):
    """Returns the choice in :attr:`chosen`; a view over
    :class:`~desktop_app.core.signing.capture.CameraChoice`."""

    def __init__(
        self,
        context: AppContext,
        start: CameraInUse | None = None,
        parent=None,
        answers: SelfieAnswers | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.choice = context.camera_choice(start)
        self.setWindowTitle("Camera")
        # As wide as its layout needs, no least width set over it: a set 760 px held the dialog narrower than
        # that when a turn is suggested ("(suggested)" widens the turn's choice), and cut the selfie tick
        self.camera_button = QRadioButton("A camera attached to this computer")
        self.video_button = QRadioButton("A video file, played in a loop as if it were the camera")
        group = QButtonGroup(self)
        group.addButton(self.camera_button)
        group.addButton(self.video_button)
        self.camera_box = QComboBox()
        self.camera_status = QLabel("Looking for cameras…")
        self.camera_status.setWordWrap(True)  # beside the preview: "No camera found…" was cut
        self.video_path = QLineEdit(self.choice.video_path)
        self.video_path.setPlaceholderText("Choose a video file…")
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._browse)
        self.selfie_box = QCheckBox(
            "The video is a selfie (mirror-image) recording, e.g. a phone's front camera"
        )
        self.selfie_box.setChecked(self.choice.video_is_selfie)
        # The file the tick answers for: the video chosen before, one asked about, or the one the learner
        # ticked or unticked the box for; none ("") once typing took the tick away. Any other (a path typed
        # by hand) is asked about on OK.
        self._answered_for = self.choice.video_path.strip()
        # Each file answered for, here or anywhere, with its answer: a path edited back to one (or naming it
        # another way) gets its tick back (typing a letter and deleting it asked the question already
        # answered again). Those given elsewhere too (an import, a search); those given here are kept on
        # OK only (into ``answers``, default the context's store): Cancel leaves every answer as it was.
        self._answers = (context.selfie_answers if answers is None else answers).draft()
        if self._answered_for and self._answers.answer(self._answered_for) is None:
            self._answers.remember(self._answered_for, self.choice.video_is_selfie)
        self.note = QLabel()  # a camera given for this run only, and the saved one
        self.note.setWordWrap(True)
        self._show_note()  # as last looked for, until looked for again
        # What reading the video chosen found, in room kept for it: the buttons moved down when it came
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # a path is shown as written, never as markup
        verdict_box = in_a_steady_box(self.verdict, VERDICT_LINES)
        self.buttons = ok_and_cancel(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # The reading of the video on its worker thread, and what waits for its verdict (Browse…'s question,
        # OK): the path it waits for and the step, dropped when another path is chosen or the dialog closes
        self.checking: Worker | None = None
        self._when_read: tuple[str, Callable[[], None]] | None = None
        # The video chosen before Browse… (path, tick, answered for, a video chosen), back if not answered
        self._before_browse: tuple[str, bool, str, bool] | None = None
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._look_at_video)
        # The turn: the camera in use's is turned back on closing; the one chosen goes with the choice
        start = start or context.camera
        self._turns_before = context.camera.turns
        self._turn_shown_for = start.source  # the camera whose turn the turn box shows
        self.preview = CameraPreview(context)
        self.turn_box = QComboBox()
        self.turn_box.addItems(TURN_CHOICES)
        self.turn_box.setCurrentIndex(start.turns_seen(context.settings.mirror_display))
        self.turn_box.setToolTip("For a camera mounted on its side or upside down: how to turn its picture")
        # The turn the live tracking suggests for the camera in use, told now (trying a turn forgets it)
        self._tracked_turns = context.looks_turned if start.source == context.camera.source else None
        self._suggested = context.suggested_turn_seen() if self._tracked_turns else None
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setMaximumWidth(PREVIEW_SIZE[0])  # under the preview: it does not widen the dialog
        if self._suggested is not None:
            self.turn_box.setCurrentIndex(self._suggested)  # shown at once on the preview (_try_turn below)

        video_row = QHBoxLayout()
        video_row.addWidget(self.video_path, 1)
        video_row.addWidget(self.browse_button)
        choices = QVBoxLayout()
        choices.addWidget(self.camera_button)
        choices.addWidget(self.camera_box)
        choices.addWidget(self.camera_status)
        choices.addSpacing(8)
        choices.addWidget(self.video_button)
        choices.addLayout(video_row)
        choices.addWidget(verdict_box)
        choices.addWidget(self.selfie_box)
        choices.addStretch(1)
        turn_label = QLabel("Turn the picture:")  # above its choice: beside it, it narrowed the choices
        turn_label.setBuddy(self.turn_box)
        preview_column = QVBoxLayout()
        preview_column.addWidget(self.preview)
        preview_column.addWidget(turn_label)
        preview_column.addWidget(self.turn_box)
        preview_column.addWidget(self.suggestion)
        preview_column.addStretch(1)
        choices_and_preview = QHBoxLayout()
        choices_and_preview.addLayout(choices, 1)
        choices_and_preview.addLayout(preview_column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(choices_and_preview)
        layout.addWidget(self.buttons)

        (self.video_button if self.choice.use_video else self.camera_button).setChecked(True)
        for button in (self.camera_button, self.video_button):
            button.toggled.connect(self._update)
        self.video_button.toggled.connect(self._look_at_video)  # a path there already is settled on
        self.video_path.textChanged.connect(self._update)
        self.video_path.textEdited.connect(self._path_typed)
        self.selfie_box.clicked.connect(self._answered_by_tick)
        self.selfie_box.toggled.connect(self._update)
        self.camera_box.currentIndexChanged.connect(self._update)
        self.camera_box.setEnabled(False)
        self.turn_box.currentIndexChanged.connect(self._try_turn)
        look_for_cameras(context).looked.connect(self._cameras_looked)
        self._update()
        self._look_at_video()  # the video chosen before is read as any other
        self._show_suggestion()
        self._try_turn()  # a start turned otherwise (none yet) is shown at once

    def _try_turn(self, *_args) -> None:
        """Show the turn chosen on the camera in use, at once (not saved), when it is the camera chosen; the
        preview of another shows it as it was."""
        camera = self.context.camera
        if self.choice.camera == camera.source:
            mirror = self.context.settings.mirror_display
            self.context.turn_camera(camera.turned_as_seen(self.turn_box.currentIndex(), mirror).turns)
        else:
            self.context.turn_camera(self._turns_before)

    def _show_turn_of_chosen(self) -> None:
        """Another camera chosen: the turn box shows its turn (the camera in use's as it was, another's as
        saved), not the turn of the camera chosen before."""
        source = self.choice.camera
        if source == self._turn_shown_for:
            return
        self._turn_shown_for = source
        in_use = self.context.camera
        turns = self._turns_before if source == in_use.source else self.context.settings.camera_turn(source)
        camera = CameraInUse(source, self.choice.video_is_selfie, turns)
        self.turn_box.blockSignals(True)  # tried below, once
        self.turn_box.setCurrentIndex(camera.turns_seen(self.context.settings.mirror_display))
        self.turn_box.blockSignals(False)
        self._try_turn()
        self._show_suggestion()

    def _show_suggestion(self) -> None:
        """The turn the live tracking suggests, said and marked in the turn box while the camera chosen is
        the camera in use (another camera's picture was not tracked)."""
        suggested = self._suggested if self.choice.camera == self.context.camera.source else None
        for index, words in enumerate(TURN_CHOICES):
            self.turn_box.setItemText(index, words + SUGGESTED if index == suggested else words)
        if suggested is not None and self._tracked_turns:
            self.suggestion.setText(suggested_turn_words(self._tracked_turns, suggested))
        self.suggestion.setVisible(suggested is not None)

    def done(self, result: int) -> None:
        """Closed: the camera in use is turned as it was (the caller uses the camera chosen, turn and all); a
        video still being read is dropped, nobody waits for it."""
        self.context.turn_camera(self._turns_before)
        self._typing.stop()
        self._when_read = None
        self._stop_checking()
        super().done(result)

    def _show_note(self) -> None:
        """The note about the camera of this run only, said again once the cameras were looked for."""
        self.note.setText(self.context.camera_note())
        self.note.setVisible(bool(self.note.text()))

    def _show_cameras(self, indexes: list[int]) -> None:
        self.camera_status.setText(self.choice.found(indexes))
        self._show_note()
        self.camera_box.blockSignals(True)  # filled from the choice, not a choice of the learner's
        self.camera_box.clear()
        for index in indexes:
            self.camera_box.addItem(f"Camera {index}", index)
        self.camera_box.setCurrentIndex(max(self.camera_box.findData(self.choice.camera_index), 0))
        self.camera_box.blockSignals(False)
        self.camera_box.setEnabled(bool(indexes))
        self.video_button.setChecked(self.choice.use_video)
        self.camera_button.setChecked(not self.choice.use_video)
        self._update()

    def _cameras_looked(self, problem: str) -> None:
        self._show_cameras(self.context.cameras_found or [])
        if problem:
            self.camera_status.setText(f"Cameras could not be listed: {problem}")
        self.preview.cameras_looked_for()

    def _browse(self) -> None:
        """A video file chosen is asked about as "Use a video file…" asks, once it was read (one that cannot
        be used is said so, not asked about): the tick was kept, the last file's answer (or the saved one's),
        no answer for this file. The question cancelled, the video before comes back with its answer."""
        path = choose_video_file(self, self.context, self.video_path.text().strip() or None)
        if not path:
            return
        self._before_browse = (
            self.video_path.text(),
            self.selfie_box.isChecked(),
            self._answered_for,
            self.video_button.isChecked(),
        )
        self._answered_for = ""
        self.selfie_box.setChecked(False)  # no answer for this file yet
        self.video_path.setText(path)
        self.video_button.setChecked(True)
        self._wait_for_verdict(self._ask_about_browsed)

    def _ask_about_browsed(self) -> None:
        verdict = self.choice.verdict()
        if verdict is None or verdict.problem:  # said in the line: not asked about
            return
        before, self._before_browse = self._before_browse, None
        is_selfie = ask_if_selfie_for_camera(
            self, self._answers, verdict, CAMERA_VIDEO_TITLE, USE_IT, ANSWER_FIRST
        )
        if is_selfie is not None:
            self._answer(verdict.path, is_selfie)
        elif before is not None:
            text, was_selfie, self._answered_for, video_chosen = before
            self.video_path.setText(text)
            self.selfie_box.setChecked(was_selfie)
            (self.video_button if video_chosen else self.camera_button).setChecked(True)
            self._look_at_video()

    def _path_typed(self, text: str) -> None:
        """A path typed by hand: the tick was the answer for another file, so it goes until this one is
        answered (on OK, as Browse… asks); a path typed back to a file answered for in this dialog has its
        answer back. It is read once the typing pauses."""
        path = text.strip()
        answer = self._answers.answer(path) if path else None
        if answer is not None:
            self._answered_for = path
            self.selfie_box.setChecked(answer)
        elif self._answered_for:
            self.selfie_box.setChecked(False)
            self._answered_for = ""
        self._when_read = None  # OK or Browse… waited for another path
        self._typing.start()

    def _answered_by_tick(self) -> None:
        self._answer(self.video_path.text().strip(), self.selfie_box.isChecked())

    def _answer(self, path: str, is_selfie: bool) -> None:
        """``is_selfie`` is the answer for the video at ``path``: ticked so, and kept for it."""
        self._answered_for = path
        if path:
            self._answers.remember(path, is_selfie)
        self.selfie_box.setChecked(is_selfie)

    def _update(self, *_args) -> None:
        """Hand the widgets' state to the choice, and enable what it allows."""
        choice = self.choice
        choice.use_video = self.video_button.isChecked()
        choice.video_path = self.video_path.text()
        choice.video_is_selfie = self.selfie_box.isChecked()
        if self.camera_box.currentData() is not None:
            choice.camera_index = int(self.camera_box.currentData())
        self.selfie_box.setEnabled(choice.use_video)
        self._show_turn_of_chosen()
        self._show_verdict()

    def _look_at_video(self, *_args) -> None:
        """The learner settled on the video chosen: read it on a worker thread unless what it holds is known
        (a reading of another video stops: it is not wanted)."""
        self._typing.stop()
        path = self.choice.look_at_video()
        if path is not None or self.choice.checking is None:
            self._stop_checking()  # another video's reading: not wanted now
        if path is not None:
            self.checking = Worker(lambda control: check_video_as_camera(path, control))
            self.checking.finished_with.connect(self._read)
            self.checking.failed.connect(self._read_failed)
            self.checking.start()
        self._show_verdict()

    def _stop_checking(self) -> None:
        if self.checking is not None:
            self.checking.cancel()
            self.checking = None

    def _read(self, verdict: VideoVerdict) -> None:
        """A video was read: kept for its file even when another was chosen since (said if chosen again)."""
        if self.sender() is self.checking:
            self.checking = None
        self.choice.checked(verdict)
        self._show_verdict()

    def _read_failed(self, message: str) -> None:
        if self.sender() is self.checking:
            self.checking = None
            self._read(VideoVerdict(self.choice.checking or "", message))

    def _wait_for_verdict(self, then: Callable[[], None]) -> None:
        """Do ``then`` once the video chosen was read (at once when it is known)."""
        self._when_read = (self.choice.video_path.strip(), then)
        self._look_at_video()

    def _show_verdict(self) -> None:
        """Say what is known of the video chosen, grey OK while it is read, show it in the preview, and go on
        with what waited for it."""
        choice = self.choice
        words, is_problem = choice.line()
        self.verdict.setText(breakable(words))
        self.verdict.setStyleSheet(f"color: {PROBLEM_COLOUR};" if is_problem else "")
        self.ok_button.setEnabled(choice.complete and not choice.waiting)
        verdict = choice.verdict() if choice.use_video and choice.complete else None
        picture = None if verdict is None else verdict.first_picture
        self.preview.follow(choice.camera if choice.complete else None, choice.video_is_selfie, picture)
        waiting = self._when_read
        if waiting is None or choice.waiting:
            return
        self._when_read = None  # done now, or given up: a camera or another video was chosen meanwhile
        if choice.use_video and waiting[0] == choice.video_path.strip():
            waiting[1]()

    def accept(self) -> None:
        """Take the choice once the video chosen was read (OK waits for it), unless it cannot be used: then
        the line says why and the dialog stays open. A path typed by hand is asked about first."""
        problem = self.choice.problem()
        if problem is None:
            self._wait_for_verdict(self.accept)
            return
        if problem:
            self._look_at_video()  # said in the line, typed just now or not
            return
        path = self.choice.video_path.strip()
        verdict = self.choice.verdict()  # read: its problem is known
        if self.choice.use_video and path != self._answered_for and verdict is not None:  # typed by hand
            is_selfie = ask_if_selfie_for_camera(
                self, self._answers, verdict, CAMERA_VIDEO_TITLE, USE_IT, ANSWER_FIRST
            )
            if is_selfie is None:
                return
            self._answer(path, is_selfie)
        self._answers.keep()
        super().accept()

    @property
    def chosen(self) -> CameraInUse:
        """The camera chosen, turned as the learner chose to see it."""
        camera = CameraInUse(self.choice.camera, self.choice.video_is_selfie)
        return camera.turned_as_seen(self.turn_box.currentIndex(), self.context.settings.mirror_display)
