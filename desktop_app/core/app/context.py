"""The app's shared state: settings, the sign database, the encoder, and events announcing changes.

One :class:`AppContext` is created at start-up and handed to every page (``Page(context, parent=None)``).
It is plain Python (no Qt), so the practice logic and its tests run without a display.

How widgets use it::

    class MyPage(QWidget):
        def __init__(self, context: AppContext, parent=None):
            super().__init__(parent)
            self.context = context
            context.events.sign_selected.connect(self._on_sign_selected)   # sign_id: int
            context.events.model_changed.connect(self._on_model_changed)   # encoder: Encoder | None
            context.events.database_changed.connect(self._reload)         # no arguments
            context.events.settings_changed.connect(self._on_settings)     # settings: Settings
            context.events.attempt_added.connect(self._on_attempt)         # sign_id: int, attempt_id: int
            context.events.camera_changed.connect(self._restart_camera)    # camera: CameraInUse

        def closeEvent(self, event):
            self.context.events.sign_selected.disconnect(self._on_sign_selected)   # etc.

To change state, call the context's methods (they emit the events), never assign the attributes directly:
``context.select_sign(sign_id)``, ``context.apply_settings(model_path=...)``,
``context.notify_database_changed()`` after editing the database,
``context.update_settings(mirror_display=False)``, ``context.use_camera(0, False, remember=True)`` (the one
way to change the camera: the settings' camera fields are only what it saved).
Library edits (with undo) go through ``context.library``
(:class:`~desktop_app.core.collection.library.Library`). Views never write settings or open a database
themselves.

Everything here is called on the GUI thread. Background jobs (re-embedding, import, purging) are plain
callables (:mod:`desktop_app.core.shared.jobs`) made here and run by the views' one thread adapter; their
results come back to the context on the GUI thread.

The in-memory gallery (:meth:`AppContext.gallery`) holds every clip's embedding for the current model, read
once from the database's cache; scoring and search-by-signing use it so that an answer takes milliseconds
even with 10,000 reference clips. It is dropped whenever the model or the database changes. Its fusion
(how the nearest signs weigh the encoder against DTW) is chosen on its own clips by a background job
(:meth:`AppContext.fusion_job`); until that ends, the default fusion ranks.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.app import models_switch
from desktop_app.core.collection.library import Library
from desktop_app.core.judging.attempts import AttemptsToSave
from desktop_app.core.shared.events import EventEmitter, EventGroup
from desktop_app.core.shared.jobs import JOB_STOP_WAIT_S, Job, JobControl, stop_jobs_using
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import SELFIE_ANSWERS_FILE_NAME, CameraChoice, SelfieAnswers
from desktop_app.core.signing.upright import turns_as_seen
from desktop_app.core.signing.view import ClipHands, reference_clip
from signcore.database import DATABASE_NAME, DatabaseError, set_aside
from signcore.errors import InputError, ModelError, os_problem
from signcore.files import require_file
from signcore.paths import user_data_dir

if TYPE_CHECKING:
    from desktop_app.core.judging.scoring import Gallery
    from signcore.database import ClipInfo, SignDatabase
    from signcore.encoder import Encoder
    from signcore.layout import PoseSequence
    from signcore.retrieval import Fusion

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraInUse:
    """The camera every live view opens: a camera's index, or a video file played as if it were the camera
    (``video_is_selfie``: that video was recorded mirrored)."""

    source: int | str
    video_is_selfie: bool  # always False for a camera: its picture is mirrored by the view, not the source
    # Clockwise quarter turns of its own picture (a camera mounted on its side), made where its frames are
    # captured, before anything tracks or shows them. Its own picture's, not as seen: the mirror setting
    # changes how a turn is seen, not how the camera is mounted.
    turns: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.source, str):
            object.__setattr__(self, "video_is_selfie", False)
        object.__setattr__(self, "turns", self.turns % 4)

    @classmethod
    def saved(cls, settings: Settings) -> CameraInUse:
        source = settings.camera_source()
        return cls(source, settings.video_is_selfie, settings.camera_turn(source))

    def shown_flipped(self, mirror_display: bool) -> bool:
        """Whether its picture is shown flipped: a camera's in the mirror view, a selfie recording's (itself
        a mirror image) without it."""
        return mirror_display != self.video_is_selfie

    def turns_seen(self, mirror_display: bool) -> int:
        """Its turns as the learner sees them on screen (the camera chooser names them so)."""
        return turns_as_seen(self.turns, self.shown_flipped(mirror_display))

    def turned_as_seen(self, turns_seen: int, mirror_display: bool) -> CameraInUse:
        """This camera with its picture turned so that the learner sees it turned ``turns_seen`` times
        clockwise on screen."""
        return replace(self, turns=turns_as_seen(turns_seen, self.shown_flipped(mirror_display)))

    def turned_upright(self, tracked_turns: int) -> CameraInUse:
        """This camera turned ``tracked_turns`` more, the clockwise quarter turns that bring the head up in
        the picture as tracked: unmirrored, so a selfie recording's own picture turns the other way."""
        return replace(self, turns=self.turns + turns_as_seen(tracked_turns, self.video_is_selfie))

    def words(self, *, sentence_start: bool = False) -> str:
        """The camera as the learner knows it: "camera 1", "the video hello.mp4" (at a sentence's start:
        "Camera 1", "The video hello.mp4")."""
        if isinstance(self.source, str):
            words = f"the video {Path(self.source).name}"
        else:
            words = f"camera {self.source}"
        return words[:1].upper() + words[1:] if sentence_start else words


@dataclass(frozen=True)
class Launch:
    """What this run uses: the command line's choices, else the saved settings' (they stay unchanged)."""

    camera: int | str
    video_is_selfie: bool
    database_path: str | Path | None  # None: the learner's default database
    model_path: str | Path | None  # None: the shipped model


NO_CAMERA_FOUND = "No camera found"

DATABASE_FALLBACK = (
    "The sign database chosen in Settings cannot be opened, so your own database is used for now; choose "
    "another one in Settings."
)
MODEL_FALLBACK = (
    "The sign model chosen in Settings cannot be used, so the model that comes with the app is used for now; "
    "choose another one in Settings."
)


def _chosen_in_settings(path: str | Path | None, saved: str | Path | None) -> bool:
    return path is not None and saved is not None and str(path) == str(saved)


DAMAGED_OWN_DATABASE = (
    "Your sign database is damaged, so SignPractice cannot open it.\n\n{error}\n\nSignPractice can keep "
    "the damaged file under another name in the same folder (nothing is deleted) and start again with the "
    "starter signs. Your own signs, recordings and progress stay in the kept file, as a backup."
)
# The first line is said beside the tabs too, where a 1000 px window has room for about 75 characters:
# "Your damaged sign database was kept as… started again…" lost what was kept and where
SET_ASIDE_DONE = (
    "Started again with the starter signs; your damaged database was kept.\n\nIt is kept as {name} in"
    " {folder}, with your own signs, recordings and progress, as a backup."
)


def is_learners_own_database(error: DatabaseError) -> bool:
    """Is the database ``error`` is about the learner's own, which the app may set aside and start again?"""
    own = user_data_dir() / DATABASE_NAME
    return error.source is not None and Path(error.source).resolve() == own.resolve()


def set_aside_learners_database() -> str:
    """Keep the learner's damaged database under another name (:func:`signcore.database.set_aside`), so the
    next open starts from the starter signs; what to tell the learner."""
    kept = set_aside(user_data_dir() / DATABASE_NAME)
    return SET_ASIDE_DONE.format(name=kept.name, folder=kept.parent)


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings, or defaults and the reason when the file is unreadable."""
    try:
        return Settings.load(), None
    except InputError as error:
        return Settings(), f"Your settings could not be read, so the defaults are used. {error}"


def unsaved_settings_words(error: InputError, closing: bool) -> str:
    """Why the settings could not be saved (``error``: what saving them raised), in the learner's words, and
    that they wait to be saved, unless the app is ``closing`` (its last try)."""
    why = os_problem(error.__cause__) if isinstance(error.__cause__, OSError) else error.problem
    if closing:
        return f"Your settings could not be saved: {why}. SignPractice will start with your earlier settings."
    return (
        f"Your settings are not saved yet: {why}. They stay as you set them, and will be saved when you next"
        " change a setting or when you close the app."
    )


class ContextEvents(EventGroup):
    model_changed: EventEmitter  # (encoder: Encoder | None)
    database_changed: EventEmitter  # no arguments
    # No arguments: a job preparing clips for the sign model started, or failed (AppContext.preparing); one
    # that finished or was stopped announces database_changed instead (what it prepared stays)
    preparing_changed: EventEmitter
    sign_selected: EventEmitter  # (sign_id: int | None)
    settings_changed: EventEmitter  # (settings: Settings)
    attempt_added: EventEmitter  # (sign_id: int, attempt_id: int)
    camera_changed: EventEmitter  # (camera: CameraInUse)
    # (message: str): the settings could not be saved (a full disk), said once until they are saved again
    settings_unsaved: EventEmitter


class AppContext:
    """Settings + database + encoder, and the events that announce their changes."""

    def __init__(
        self,
        settings: Settings,
        database: SignDatabase,
        encoder: Encoder | None,
        settings_path: str | Path | None = None,
        camera: CameraInUse | None = None,
    ):
        self.settings = settings
        self.settings_path = settings_path  # None: the user data folder
        self.database = database
        self.encoder = encoder  # None when no usable model was found: the app explains and disables scoring
        self.selected_sign_id: int | None = None
        # The camera in use is the saved one unless the command line gave another for this run (``--camera``);
        # a camera the learner chooses (use_camera) replaces it and is saved.
        self.camera = camera if camera is not None else self.saved_camera
        # The cameras attached when the camera chooser or the Settings last looked (None: not looked for, or
        # the looking failed), so that every view of the camera says the same about the saved one.
        self.cameras_found: list[int] | None = None
        # A live view shows the camera in use's pictures now (not lost since): it is there, and neither
        # looking for cameras nor the camera chooser's preview opens it again (a driver with one reader
        # refuses a second, and it was then "not found"). THE record of who has the camera.
        self.camera_showing = False
        # Why the camera in use could not be started, as the last live view that tried it was told ("": not
        # known to fail): a page that opens the camera only when asked says so before it is asked
        self.camera_failure = ""
        # The cameras whose "looks turned" note the learner put off ("Not now"): not said again this run,
        # although every page switch starts the camera again
        self._turned_note_put_off: set[int | str] = set()
        # The clockwise quarter turns of the camera in use's tracked picture that would stand the learner
        # upright, as a live view's watch last told them (UprightWatch.suggestion; kept when its note is put
        # off), None while it looks upright or is not known: the camera chooser suggests that turn
        self.looks_turned: int | None = None
        self.events = ContextEvents()
        self._gallery: Gallery | None = None  # of the current model, read when first asked for
        self._clip_hands: ClipHands | None = None  # read sign by sign when first asked for
        self.library = Library(self)
        # Asked once per video file (import, search, the camera), kept beside the settings
        settings_folder = Path(settings_path).parent if settings_path is not None else user_data_dir()
        self.selfie_answers = SelfieAnswers(settings_folder / SELFIE_ANSWERS_FILE_NAME)
        # Attempts scored on any page, on their way into the database: one queue, so that one kept through a
        # full disk is saved with the next attempt wherever it is made, and closing says so once
        self.attempts_to_save = AttemptsToSave()
        self._settings_unsaved_said = False  # since they were last saved (save_settings)
        # The jobs preparing the missing clips (missing_embeddings_job) while they run, per database and sign
        # model, each as whoever runs it (the thread adapter's worker): asked again, that one is the answer
        self._preparing: dict[tuple[int, str], object] = {}

    @classmethod
    def open(cls, settings: Settings, launch: Launch) -> tuple[AppContext, str | None]:
        """The context of one run: its database (InputError if that cannot be opened: nothing works
        without it) and its model; a model that cannot be used leaves scoring off. The second value says
        what went wrong, for the learner.

        A database or model chosen in the SETTINGS that cannot be used (a stick not plugged in, a damaged
        file) gives way to the learner's own database and the shipped model for this run, so that the
        window opens and the Settings can be changed; one given for this run only (``--db``, ``--model``)
        does not."""
        problems = []
        chosen = _chosen_in_settings(launch.database_path, settings.database_path)
        try:
            if chosen and not Path(str(launch.database_path)).exists():
                # Not made anew: on an empty mount point, the learner's practice would go where the drive
                # hides it once plugged in.
                raise InputError(
                    launch.database_path, "not found (was it on a drive that is not plugged in?)"
                )
            database = models_switch.open_database(launch.database_path)
        except InputError as error:
            if not chosen:
                raise
            database = models_switch.open_database(None)
            problems.append(f"{DATABASE_FALLBACK}\n{error}")
        encoder: Encoder | None = None
        try:
            encoder = models_switch.load_encoder(launch.model_path)
        except ModelError as error:
            problem = f"The sign model cannot be used, so attempts will not be scored.\n{error}"
            if _chosen_in_settings(launch.model_path, settings.model_path):
                with contextlib.suppress(ModelError):  # the shipped one may be missing too
                    encoder = models_switch.load_encoder(None)
                    problem = f"{MODEL_FALLBACK}\n{error}"
            problems.append(problem)
        camera = CameraInUse(launch.camera, launch.video_is_selfie, settings.camera_turn(launch.camera))
        return cls(settings, database, encoder, camera=camera), "\n\n".join(problems) or None

    def select_sign(self, sign_id: int | None) -> None:
        """Make ``sign_id`` the sign being practised. Announced even when it already is: choosing a sign
        again (e.g. "Practise" in the library) is a request to practise it, and the window shows it."""
        self.selected_sign_id = sign_id
        self.events.sign_selected.emit(sign_id)

    def set_encoder(self, encoder: Encoder | None) -> None:
        """Switch to another (already validated) encoder; cached embeddings for it may still be missing."""
        self.encoder = encoder
        self._gallery = None
        self.events.model_changed.emit(encoder)

    def set_database(self, database: SignDatabase) -> None:
        """Switch to another database (the old one is closed). The attempts waiting to be saved
        (:attr:`attempts_to_save`) get their last try in the old one first, as when the app closes: their
        signs are that database's, and in another one the same sign ids name other signs, or none."""
        if self.database is not database:
            self.attempts_to_save.save(self, closing=True)
        old, self.database = self.database, database
        if old is not None and old is not database:
            # A job still embedding its clips met it closed ("the database is closed")
            if stop_jobs_using(old):
                log.warning(
                    "a background job did not stop within %s s of its database closing", JOB_STOP_WAIT_S
                )
            old.close()
        self.selected_sign_id = None
        self.library.read_undo_history()
        self.notify_database_changed()

    def notify_database_changed(self) -> None:
        """Call after adding, editing, deleting or re-embedding signs or clips."""
        self._gallery = None
        self._clip_hands = None
        self.events.database_changed.emit()

    def notify_attempt_added(self, sign_id: int, attempt_id: int) -> None:
        """A practice attempt was saved (the gallery stays valid: attempts are not references)."""
        self.events.attempt_added.emit(sign_id, attempt_id)

    def update_settings(self, **changes: Any) -> None:
        """Change settings fields, save them atomically and announce the change."""
        self.remember(**changes)
        self.save_settings()
        self.events.settings_changed.emit(self.settings)

    @property
    def saved_camera(self) -> CameraInUse:
        """The camera the next run starts with (unless its command line gives another)."""
        return CameraInUse.saved(self.settings)

    def camera_choice(self, start: CameraInUse | None = None) -> CameraChoice:
        """What the camera chooser starts from: ``start`` (default: the camera in use). A video chosen
        instead of a camera is taken as a selfie as the video in use is, else as saved; a saved video is
        offered when a camera is in use (one given on the command line)."""
        camera = start or self.camera
        if isinstance(camera.source, str):
            return CameraChoice.of(camera.source, camera.video_is_selfie)
        choice = CameraChoice.of(camera.source, self.settings.video_is_selfie)
        choice.video_path = self.settings.video_path or ""
        return choice

    def camera_words(self, camera: CameraInUse | None = None) -> str:
        """``camera`` (default: the one in use) as the Settings name it: "Camera 1", "The video hello.mp4",
        or, when the last look for cameras (:attr:`cameras_found`) did not find it, "No camera found" or
        "Camera 1: not attached"."""
        camera = camera or self.camera
        words = camera.words(sentence_start=True)
        if self._not_attached(camera):
            return f"{words}: not attached" if self.cameras_found else NO_CAMERA_FOUND
        return words

    def camera_note(self) -> str:
        """What the camera choosers say when the camera in use is not the saved one (``--camera`` gives one
        for a run only): which camera the next start opens. Empty when they are the same. A saved camera
        not among :attr:`cameras_found` is not promised for the next start (File → Camera… said "No camera
        found" while Settings said "Next time it starts with camera 0"). One idea a sentence, this run's
        camera before the next run's: "Only for now: the video a.mp4 … Camera 0, saved for next time, is not
        attached: choose the camera to use next time" mixed the two."""
        saved = self.saved_camera
        if self.camera.source == saved.source:
            return ""
        this_time = f"This time SignPractice was started with {self.camera.words()}."
        if self._not_attached(saved):
            return (
                f"{this_time} Next time it would start with {saved.words()}, but that camera is not "
                "attached. Choose the camera you want here: it is used now and saved for next time."
            )
        return f"{this_time} Next time it starts with {saved.words()}, unless you choose another camera."

    def known_camera_problem(self) -> str:
        """Why the camera in use cannot be started, as far as that is known without opening it: its last
        start's failure (:attr:`camera_failure`), a video file that is not there, a camera the last look for
        cameras did not find; "" when none is known."""
        camera = self.camera
        if self.camera_failure:
            return self.camera_failure
        if isinstance(camera.source, str):
            try:
                require_file(Path(camera.source))
            except InputError as error:
                return str(error)
            return ""
        return self.camera_words() if self._not_attached(camera) else ""

    def _not_attached(self, camera: CameraInUse) -> bool:
        """Whether the last look for cameras (:attr:`cameras_found`) did not find ``camera`` (a video file is
        no attached camera: this is not said of it)."""
        found = self.cameras_found
        return isinstance(camera.source, int) and found is not None and camera.source not in found

    def use_camera(
        self, source: int | str, video_is_selfie: bool, *, turns: int | None = None, remember: bool = False
    ) -> None:
        """Make ``source`` (a camera's index or a video file's path) the camera of every live view, its
        picture turned ``turns`` (None: as saved for that camera; another camera is not turned as this one
        is); the views showing it restart on it, or only turn their picture. ``remember``: also save it, and
        its turn, as the choice for the next runs (the learner's choice; the command line's camera is for
        its run only)."""
        camera = CameraInUse(
            source, video_is_selfie, self.settings.camera_turn(source) if turns is None else turns
        )
        if remember:
            chosen: dict[str, Any] = (
                {"video_path": source, "video_is_selfie": video_is_selfie}
                if isinstance(source, str)
                else {"camera_index": source, "video_path": None}
            )
            self.update_settings(**chosen, camera_turns=self.settings.with_camera_turn(source, camera.turns))
        if camera != self.camera:
            self.camera, self.looks_turned = camera, None  # told of the picture before: not this one's
            self.camera_failure = ""
            self.events.camera_changed.emit(camera)

    def use_chosen_camera(self, camera: CameraInUse) -> None:
        """The camera the learner chose (File → Camera…, the Settings): used now and saved for next time."""
        self.use_camera(camera.source, camera.video_is_selfie, turns=camera.turns, remember=True)

    def turn_camera(self, turns: int, *, remember: bool = False) -> None:
        """Turn the camera in use's picture ``turns`` clockwise quarter turns of its own; ``remember``: save
        the turn for this camera (only it: a camera given for this run stays unsaved as the camera, and is
        turned so when it is used again). Not remembered, the camera chooser shows a turn before it is
        chosen, and turns it back when it is not."""
        source = self.camera.source
        if remember:
            self.update_settings(camera_turns=self.settings.with_camera_turn(source, turns))
        self.use_camera(source, self.camera.video_is_selfie, turns=turns)

    def put_off_turned_note(self) -> None:
        """The learner answered "Not now" to the note that the camera in use's picture looks turned: it is
        not said again of this camera in this run."""
        self._turned_note_put_off.add(self.camera.source)

    @property
    def turned_note_put_off(self) -> bool:
        """Whether :meth:`put_off_turned_note` was asked of the camera in use in this run."""
        return self.camera.source in self._turned_note_put_off

    def suggested_turn_seen(self) -> int | None:
        """The camera chooser's turn (as the learner sees it on screen: its index in TURN_CHOICES) that would
        stand the learner upright in the camera in use's picture, when the live tracking says it looks
        turned (:attr:`looks_turned`); None otherwise. "A quarter turn clockwise", guessed, turned a
        learner upside down."""
        if not self.looks_turned:
            return None
        return self.camera.turned_upright(self.looks_turned).turns_seen(self.settings.mirror_display)

    def remember(self, **changes: Any) -> None:
        """Change settings fields that nothing reacts to (the last sign, a list's filter) without announcing
        it; they are saved with the rest (at the latest when the app closes)."""
        for name, value in changes.items():
            if not hasattr(self.settings, name):
                raise AttributeError(f"Settings has no field {name!r}")
            setattr(self.settings, name, value)

    def apply_settings(self, **changes: Any) -> bool:
        """:meth:`update_settings`, and a change of ``model_path`` or ``database_path`` switches to that model
        or database. Either is opened first: if it cannot be used, :class:`InputError` says why and nothing
        changes. Returns True when the model or the database changed (embeddings may then be missing: see
        :meth:`missing_embeddings_job`)."""
        encoder = database = None
        if "model_path" in changes and changes["model_path"] != self.settings.model_path:
            encoder = models_switch.load_encoder(changes["model_path"])
        if "database_path" in changes and changes["database_path"] != self.settings.database_path:
            database = models_switch.open_database(changes["database_path"])
        self.update_settings(**changes)
        if database is not None:
            self.set_database(database)
        if encoder is not None:
            self.set_encoder(encoder)
        return encoder is not None or database is not None

    def save_settings(self, closing: bool = False) -> str:
        """Save the settings atomically; "" when saved, else why not in the learner's words. A full or
        read-only disk does not take the app down: the settings stay as set for this run and are saved with
        the next change or when the app closes (``closing``: the last try). The first failure since they were
        last saved is announced (``events.settings_unsaved``): the Settings dialog closed as if saved, and
        only a log said otherwise."""
        try:
            self.settings.save(self.settings_path)
        except InputError as error:
            log.warning("could not save the settings: %s", error)
            message = unsaved_settings_words(error, closing)
            if not self._settings_unsaved_said and not closing:
                self._settings_unsaved_said = True
                self.events.settings_unsaved.emit(message)
            return message
        self._settings_unsaved_said = False
        return ""

    def gallery(self) -> Gallery | None:
        """Every clip's cached embedding for the current model, in memory (None without an encoder). One
        gallery serves left- and right-handed learners alike: the encoder and DTW compare a clip and its
        mirror image alike."""
        if self.encoder is None:
            return None
        if self._gallery is None:
            from desktop_app.core.judging.scoring import Gallery

            self._gallery = Gallery.from_database(self.database, self.encoder.model_hash)
        return self._gallery

    @property
    def clip_hands(self) -> ClipHands:
        """The hands of the database's clips (the hands of a sign's clips are read once, until the database
        changes); :meth:`clip_hand` asks it of one clip."""
        if self._clip_hands is None:
            self._clip_hands = ClipHands(self.database)
        return self._clip_hands

    def clip_hand(self, clip: ClipInfo) -> str:
        """The hand ``clip`` of the database is shown signed with in every view (:meth:`ClipHands.of`)."""
        return self.clip_hands.of(clip)

    def reference_clip(self, clip: ClipInfo) -> tuple[PoseSequence, str]:
        """``clip`` of the database as a player is given it
        (:func:`~desktop_app.core.signing.view.reference_clip`: without its tracker glitches) and the hand it
        is signed with (:meth:`clip_hand`), the clip read once for both."""
        pose = reference_clip(self.database, clip.id)
        return pose, self.clip_hands.of(clip, poses={clip.id: pose})

    def fusion_job(self) -> Job | None:
        """THE job that chooses the current gallery's fusion from its own clips
        (:meth:`Gallery.choose_fusion`: seconds of DTW); it returns (gallery, fusion) for
        :meth:`use_fusion`. None when there is no gallery or its fusion is chosen already."""
        gallery = self.gallery()
        if gallery is None or gallery.chosen_fusion is not None:
            return None

        def choose(control: JobControl) -> tuple[Gallery, Fusion]:
            def progress(done: int, total: int) -> None:
                control.progress(done, total, "Comparing the reference clips")

            return gallery, gallery.choose_fusion(progress)

        return choose

    def use_fusion(self, chosen: tuple[Gallery, Fusion]) -> None:
        """Rank with the fusion :meth:`fusion_job` chose, if its gallery is still the current one."""
        gallery, fusion = chosen
        if gallery is self._gallery:
            gallery.chosen_fusion = fusion

    def missing_embeddings_job(self) -> Job | None:
        """THE job that embeds the reference clips the current model has no embedding for yet (new imports
        and recordings, another model). None when there is nothing to do or no model. Call
        :meth:`notify_database_changed` when it ends (also after a cancel: what was embedded stays) so that
        the gallery is read again."""
        if self.encoder is None:
            return None
        return models_switch.missing_embeddings_job(self.database, self.encoder)

    @property
    def preparing(self) -> bool:
        """Whether a job prepares the missing clips of the current database for the current sign model now
        (only then are they said to be "being prepared"); :attr:`ContextEvents.preparing_changed` says when
        this changes."""
        return self.preparing_run_by() is not None

    def preparing_run_by(self) -> object | None:
        """Whoever runs the job preparing the missing clips of the current database for the current sign
        model (as given to :meth:`preparing_started`), None when no job does."""
        if self.encoder is None:
            return None
        return self._preparing.get((id(self.database), self.encoder.model_hash))

    def preparing_started(self, runner: object) -> Callable[[bool], None]:
        """``runner`` has started :meth:`missing_embeddings_job` for the current database and sign model:
        they are being prepared (announced). Returns what to call when the job ends, with whether it
        finished or was stopped (not failed): then the gallery is read again (:meth:`notify_database_changed`:
        what it prepared stays), else only the end of the preparing is announced."""
        assert self.encoder is not None  # there is no job to run without a sign model
        key = (id(self.database), self.encoder.model_hash)
        self._preparing[key] = runner
        self.events.preparing_changed.emit()

        def ended(read_again: bool) -> None:
            self._preparing.pop(key, None)
            if read_again:
                self.notify_database_changed()
            else:
                self.events.preparing_changed.emit()

        return ended

    def close(self) -> None:
        self.save_settings(closing=True)
        if self.database is not None:
            self.database.close()
