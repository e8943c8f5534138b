"""THE player of every clip (SkeletonPlayer): play/pause, steps, position bar, speed, clock, its keys."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpacerItem,
    QStyle,
    QStyleOptionSlider,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.shared.settings import PLAYBACK_SPEEDS
from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention, sign_only
from desktop_app.ui.shortcuts import STEP_BACK, STEP_FORWARD, Shortcut
from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track
from desktop_app.ui.skeleton.colours import legend_html
from desktop_app.ui.subscriptions import connect_while_alive
from signcore import normalize
from signcore.layout import PoseSequence

PLAYBACK_TICK_MS = 33  # ~30 repaints a second while a short clip is interpolated: as smooth as the camera
# picture beside it, at half the GUI thread's cost of 60 (the live picture's frame rate rose ~10% under load)
END_PAUSE_S = 0.4  # a short pause at the end of each loop, so the learner sees where the sign ends
PLAY_BUTTON_PADDING = 20  # px around "Pause" in its button at its narrowest (the style's margins and frame)
CONTROLS_SPACING = (
    4  # px between the controls: at the style's 6 a small window's search page was 16 px too wide
)
# Of a player's width, the least the position bar has in the controls' row; in a narrower player it has a row
# of its own, the player's whole width: beside the buttons, the speed and the clock, the search and sign map
# previews of a 1000 x 520 window had a 30-px bar, too short to find a moment on
BAR_LEAST_SHARE = 0.5


class ScrubBar(QSlider):
    """The player's position along its timeline: a click on the groove goes to that moment (Qt's own slider
    moved a page toward it, and a learner clicking where the handshape changes landed elsewhere)."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setMinimumWidth(30)  # whatever a narrow player's row leaves it: the steps and keys do the rest

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            if not handle.contains(event.position().toPoint()):
                span = groove.width() - handle.width()
                at = round(event.position().x() - groove.left() - handle.width() / 2)
                self.setValue(
                    QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), at, max(span, 1))
                )
        super().mousePressEvent(event)  # then a drag from there moves it on


ARROW_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)
TEXT_BOXES = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)  # where , . are typed


class KeysAfterAClick(QObject):
    """A player clicked (its figure, its position bar or a step button) steps on its keys (← → , .) until the
    learner does something else: another click, another key, the keyboard moved on. Without taking the
    keyboard: a live view's controls leave it where it was (Practice's sign list, a lesson's main button:
    keep_focus_on_click), so a click on ◀ ▶ gave the player no keys and a → after it moved something else,
    while a click on the figure took them off the sign list. Meanwhile a text box keeps its typing: , .
    are typed there, and any other key gives it its arrows back."""

    def __init__(self, player: SkeletonPlayer, *clicked: QWidget):
        super().__init__(player)
        self._player, self._clicked = player, clicked
        self.armed = False
        self._arming_click = -1  # the time of the click on the player that gave it its keys
        for part in clicked:
            part.installEventFilter(self)

    def arm(self) -> None:
        """The player was just clicked: its keys step it."""
        app = QApplication.instance()
        if not self.armed and isinstance(app, QApplication):
            app.installEventFilter(self)  # the keys wherever the keyboard is, and the next click anywhere
            app.focusChanged.connect(self._keyboard_moved)
            self.armed = True

    def disarm(self) -> None:
        app = QApplication.instance()
        if self.armed and isinstance(app, QApplication):
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._keyboard_moved)
            self.armed = False

    def _keyboard_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keys go with the keyboard moved on, not with the window made active or left (none has it
        then): the click on ◀ that made the window active gave its keys back to what had them."""
        if old is not None and new is not None:
            self.disarm()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            # A click elsewhere takes the keys (it reaches its window first); the figure leaves its click to
            # its parents, the same press: not another click
            if watched in self._clicked:
                self.arm()
                self._arming_click = event.timestamp()
            elif event.timestamp() != self._arming_click:
                self.disarm()
        elif kind == QEvent.Type.KeyPress and self.armed and isinstance(event, QKeyEvent):
            steps = self._steps(event)
            if steps and self._player.isVisible():
                self._player.step(steps)
                return True
            if event.key() not in MODIFIER_KEYS:
                self.disarm()
        return False

    @staticmethod
    def _steps(event: QKeyEvent) -> int:
        """The steps a key pressed takes the player: -1, 1, or 0 (not its key, or typed in a text box)."""
        key, typing = event.key(), isinstance(QApplication.focusWidget(), TEXT_BOXES)
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return 0
        for steps, shortcut in ((-1, STEP_BACK), (1, STEP_FORWARD)):
            if key in shortcut.keys and not (typing and key not in ARROW_KEYS):
                return steps
        return 0


def _step_button(arrow: Qt.ArrowType, name: str, shortcut: Shortcut) -> QToolButton:
    """A small arrow button that steps the player, named for screen readers, its keys in its tooltip."""
    button = QToolButton()
    button.setArrowType(arrow)
    button.setAccessibleName(name)
    button.setToolTip(f"{name} a moment and pause. Keys, once the player is clicked: {shortcut.key_names()}")
    return button


class SkeletonPlayer(QWidget):
    """Plays tracks in a loop at 0.25x-1x speed, time in seconds, with the colour legend; the learner
    pauses it, steps it a step of its timeline at a time (buttons; ← → or , . once the player has the
    keyboard) or drags its position, to stop on the moment a handshape changes.

    A timeline maps playback time to one frame per track: for a single clip, its own timestamps; for the
    replay, the DTW alignment path (attempt frame i shown with the reference frame it was matched to), so
    the two move in sync even where the learner was faster or slower than the reference, and its clock
    reads the reference's moment (:class:`desktop_app.core.judging.feedback.Replay`).
    """

    def __init__(self, parent=None, one_row: bool = False):
        """``one_row``: the position bar stays in the controls' row however narrow the player, where the
        height is scarcer than the width (_place_the_bar)."""
        super().__init__(parent)
        self.one_row = one_row
        self.canvas = SkeletonCanvas(self)
        self.play_button = QPushButton("Pause")
        self.play_button.clicked.connect(self.toggle_playing)
        # The style's least button width (80 px) only where the row has the room: a small window's search
        # previews (322 px) hold the button, the steps, the position, the speed and the clock in one row
        words = max(self.play_button.fontMetrics().horizontalAdvance(text) for text in ("Pause", "Play"))
        self.play_button.setMinimumWidth(words + PLAY_BUTTON_PADDING)
        # To stop on the moment a handshape changes: a position to drag and single steps, in the controls'
        # row, or on a row of its own in a narrow player (_place_the_bar)
        self.back_button = _step_button(Qt.ArrowType.LeftArrow, "Step back", STEP_BACK)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button = _step_button(Qt.ArrowType.RightArrow, "Step forward", STEP_FORWARD)
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.position = ScrubBar()
        self.position.setAccessibleName("Moment shown")
        self.position.setToolTip("Drag to a moment of the sign: it pauses there")
        self.position.valueChanged.connect(self._scrubbed)
        # A click on the figure, the bar or a step gives the player its keys, wherever the keyboard is
        self.keys_after_a_click = KeysAfterAClick(
            self, self.canvas, self.back_button, self.forward_button, self.position
        )
        STEP_BACK.bind(self, lambda: self.step(-1), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        STEP_FORWARD.bind(self, lambda: self.step(1), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.speed_box = QComboBox()
        for speed in PLAYBACK_SPEEDS:  # those the setting may hold: set_speed finds each
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setToolTip("Playback speed")
        self.speed_box.setAccessibleName("Playback speed")
        self.time_label = QLabel()
        # As wide from the start as the clock of a clip under 10 s (every sign): appearing, it widened the
        # player and the pane it stands in (the sign map's legend wrapped and the map shrank as a point was
        # clicked).
        clock = self.time_label.fontMetrics().horizontalAdvance("0.00 s of 0.00 s")
        self.time_label.setMinimumWidth(clock)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend = QLabel(legend_html(self.canvas.convention))
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # two lines in a narrow player (search previews), never cut
        controls = QHBoxLayout()
        controls.setSpacing(CONTROLS_SPACING)
        controls.addWidget(self.play_button)
        controls.addWidget(self.back_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.forward_button)
        controls.addWidget(self.speed_box)
        controls.addWidget(self.time_label)
        self._controls_row = controls
        self._bar_row = QHBoxLayout()  # the position alone, in a narrow player (_place_the_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.legend)
        layout.addLayout(self._bar_row)
        layout.addLayout(controls)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAYBACK_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()
        self._tracks: list[Track] = []
        self._times = np.zeros(0)
        self._readings = np.zeros(0)  # what the clock reads at each step of the timeline
        self._frame_indices = np.zeros((0, 0), int)
        self._clock = 0.0
        self._shown: tuple[int, float] | None = None
        self._clip: PoseSequence | None = None
        self._signed_with: str | None = None  # the hand of the clip of the sign database shown
        # set_clip shows clips of the sign database, or of other signers (ViewConvention.reference): each
        # signed with the learner's hand; else the learner's own signing, as it is
        self.references = False
        self.message = "Select a clip to preview it"
        self.set_message(self.message)

    @property
    def controls(self) -> tuple[QWidget, ...]:
        """Its controls in the order Tab reaches them."""
        return self.play_button, self.back_button, self.position, self.forward_button, self.speed_box

    # -- settings
    @property
    def speed(self) -> float:
        return float(self.speed_box.currentData())

    @speed.setter
    def speed(self, speed: float) -> None:
        self.set_speed(speed)

    def set_speed(self, speed: float) -> None:
        index = self.speed_box.findData(speed)
        self.speed_box.setCurrentIndex(index if index >= 0 else self.speed_box.count() - 1)

    def set_convention(self, convention: ViewConvention) -> None:
        changed = convention.left_handed != self.canvas.convention.left_handed
        self.canvas.convention = convention
        self.legend.setText(legend_html(convention))
        if changed and self.references and self._clip is not None:
            self.set_clip(self._clip, self.message, self._signed_with)
        self.canvas.update()

    def follow_settings(self, context, references: bool) -> None:
        """Keep the view convention and speed of ``context``'s settings; ``references``: clips given to
        :meth:`set_clip` are clips of the sign database (shown signed with the learner's hand:
        :meth:`ViewConvention.reference`), not the learner's signing just captured. A speed the learner
        chooses on it is saved as the settings' speed, every player's: chosen on a lesson's step, the next
        step plays at it too."""
        self.references = references
        self.set_speed(context.settings.playback_speed)
        self.set_convention(ViewConvention.from_settings(context.settings))

        def apply(settings) -> None:
            self.set_speed(settings.playback_speed)
            self.set_convention(ViewConvention.from_settings(settings))

        def chosen(_index: int) -> None:  # activated: the learner's choice only, not set_speed's
            if self.speed != context.settings.playback_speed:
                context.update_settings(playback_speed=self.speed)

        connect_while_alive(self, context.events.settings_changed, apply)
        self.speed_box.activated.connect(chosen)

    # -- what to play
    @property
    def clip(self) -> PoseSequence | None:
        """The clip given to :meth:`set_clip` (as given)."""
        return self._clip

    @property
    def frame(self) -> int:
        """The frame of the first track on screen now."""
        return self._frame_indices[self._shown[0], 0] if self._shown is not None and self._tracks else 0

    @property
    def seconds(self) -> float:
        """How long what it plays lasts at normal speed (a reference: its sign only; 0: nothing)."""
        return float(self._times[-1]) if len(self._times) else 0.0

    def set_message(self, message: str) -> None:
        self.stop()
        self._times = np.zeros(0)
        self._enable_controls(False)  # nothing to play
        with QSignalBlocker(self.position):  # at the start: part-way along, it said a moment of nothing
            self.position.setRange(0, 0)
        self.canvas.set_tracks([], message)
        self.time_label.clear()

    def _enable_controls(self, enabled: bool) -> None:
        for control in (self.play_button, self.back_button, self.position, self.forward_button):
            control.setEnabled(enabled)

    def set_clip(
        self, clip: PoseSequence | None, message: str | None = None, signed_with: str | None = None
    ) -> None:
        """Loop ``clip``'s sign (:func:`sign_only`, as every clip is played) by its own timestamps (None: show
        ``message`` instead); ``signed_with``: the hand of a clip of the sign database (a clip as
        :meth:`AppContext.reference_clip` reads it, with its hand), None: of one not stored yet (being
        imported, a file searched with), the hand it is seen signing with."""
        self._clip, self._signed_with = clip, signed_with
        self.message = message if message is not None else self.message
        if clip is None:
            self.set_message(self.message)
        elif not clip.mask.any():
            self.set_message("Nothing was detected in this clip")
        elif self.references:
            convention = self.canvas.convention
            shown = convention.reference(clip, signed_with or normalize.signing_hand(clip))
            self.play_clip(sign_only(shown), "", convention.learners_hand)
        else:
            self.play_clip(sign_only(clip), "")

    def play_clip(self, pose: PoseSequence, label: str, signed_with: str | None = None) -> None:
        """Loop one clip by its own timestamps; ``signed_with``: the hand it is shown signed with, if known
        (:class:`Track`)."""
        frames = np.arange(len(pose))[:, None]
        self.play([Track(pose, label, signed_with=signed_with)], pose.timestamps, frames)

    def play(
        self,
        tracks: list[Track],
        times: np.ndarray,
        frame_indices: np.ndarray,
        clock: np.ndarray | None = None,
        closeup_hand: str | None = None,
    ) -> None:
        """Loop ``tracks``: at timeline time ``times[k]`` track j shows frame ``frame_indices[k, j]``, and the
        clock reads ``clock[k]`` (default: ``times[k]``), each counted from its first. ``closeup_hand``: the
        hand the close-up shows (None: the main track's signing hand), e.g. the one a correction names."""
        self.canvas.closeup_hand = closeup_hand
        self._tracks = tracks
        self._times = np.asarray(times, np.float64) - (times[0] if len(times) else 0.0)
        readings = self._times if clock is None else np.asarray(clock, np.float64)
        self._readings = readings - (readings[0] if len(readings) else 0.0)
        self._frame_indices = np.asarray(frame_indices, int)
        self.canvas.set_tracks(tracks)
        self._clock, self._shown = 0.0, None
        with QSignalBlocker(self.position):
            self.position.setRange(0, max(len(self._times) - 1, 0))
        self._show(0.0)
        self._enable_controls(len(self._times) > 1)  # one frame: nothing to pause or step through
        if len(self._times) > 1:
            self._elapsed.start()
            self._timer.start()
            self.play_button.setText("Pause")

    def stop(self) -> None:
        self._timer.stop()
        self._tracks = []

    def toggle_playing(self) -> None:
        if self._timer.isActive():
            self.pause()
        elif self._tracks:
            self._elapsed.start()
            self._timer.start()
            self.play_button.setText("Pause")

    def pause(self) -> None:
        self._timer.stop()
        self.play_button.setText("Play")

    @property
    def step_shown(self) -> int:
        """The step of the timeline on screen (the one it is in, while it plays between two)."""
        return self._shown[0] if self._shown is not None else 0

    def step(self, steps: int) -> None:
        """Pause and show the moment ``steps`` steps of the timeline on (back, when negative): one frame of a
        clip; of a replay, one step of its alignment, each track at its frame there."""
        if len(self._times) > 1 and self._tracks:
            self.show_step(min(max(self.step_shown + steps, 0), len(self._times) - 1))

    def show_step(self, step: int) -> None:
        """Pause on step ``step`` of the timeline, the clock reading its moment."""
        self.pause()
        self._clock = float(self._times[step])
        self._show(self._clock)

    def _scrubbed(self, step: int) -> None:
        """The position dragged (or moved by its keys) by the learner: the figure follows it, paused."""
        if self._tracks and step != self.step_shown:
            self.show_step(step)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_the_bar()

    def _place_the_bar(self) -> None:
        """The position bar in the controls' row while it has BAR_LEAST_SHARE of the player's width there,
        else on a row of its own above them, as wide as the player; only as the player crosses that width."""
        beside = (self.play_button, self.back_button, self.forward_button, self.speed_box, self.time_label)
        others = sum(max(w.sizeHint().width(), w.minimumWidth()) for w in beside)
        room = self.width() - others - len(beside) * CONTROLS_SPACING
        own_row = not self.one_row and room < BAR_LEAST_SHARE * self.width()
        if own_row == (self._bar_row.indexOf(self.position) >= 0):
            return
        row = self._controls_row
        if own_row:
            row.removeWidget(self.position)
            # Room as wide as the bar's least, after the steps: ◀ ▶ side by side (room between them read as a
            # layout fault), the speed and the clock at the row's end, and the player as wide as
            # before (narrower, the sign map's preview cut its title)
            least = self.position.minimumSizeHint().width()
            room_at = row.indexOf(self.forward_button) + 1
            row.insertSpacerItem(room_at, QSpacerItem(least, 0, QSizePolicy.Policy.MinimumExpanding))
            self._bar_row.addWidget(self.position)
        else:
            self._bar_row.removeWidget(self.position)
            row.takeAt(row.indexOf(self.forward_button) + 1)  # the room after the steps
            row.insertWidget(row.indexOf(self.back_button) + 1, self.position, 1)

    def hideEvent(self, event) -> None:  # no animation work for a view nobody sees
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._tracks and len(self._times) > 1 and self.play_button.text() == "Pause":
            self._elapsed.start()
            self._timer.start()

    def _tick(self) -> None:
        loop = self._times[-1] + END_PAUSE_S
        self._clock = (self._clock + self.speed * self._elapsed.restart() / 1000.0) % max(loop, 1e-3)
        self._show(self._clock)

    def _show(self, clock: float) -> None:
        if not self._tracks or not len(self._times):
            return
        last = len(self._times) - 1
        step = max(min(int(np.searchsorted(self._times, clock, side="right")) - 1, last), 0)
        following = min(step + 1, last)
        span = self._times[following] - self._times[step]
        fraction = float(np.clip((clock - self._times[step]) / span, 0.0, 1.0)) if span > 0 else 0.0
        if not any(t.pose.duration <= view.SHORT_CLIP_S for t in self._tracks):
            # Long clips are not interpolated: draw only on a change of frame. The nearer frame is the step
            # shown, so the bar and a step from it say the frame drawn (the next one drawn, the bar said the
            # one before, and the first step forward showed the same frame)
            if fraction >= 0.5:
                step, following = following, min(following + 1, last)
            fraction = 0.0
        if self._shown == (step, round(fraction, 2)):
            return
        self._shown = (step, round(fraction, 2))
        pairs = list(zip(self._frame_indices[step], self._frame_indices[following], strict=True))
        self.canvas.show_moment(pairs, fraction)
        readings = self._readings
        now = readings[step] + fraction * (readings[following] - readings[step])
        # To the hundredth: a step of one frame (a 30th of a second) left "0.5 s of 2.0 s" as it was
        self.time_label.setText(f"{now:.2f} s of {readings[-1]:.2f} s")
        with QSignalBlocker(self.position):  # following the playing, not moved by the learner
            self.position.setValue(step)
