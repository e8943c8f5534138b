"""Frame sources: an attached camera, or a video file used as the camera (looping).

Qt-free; the pipeline worker reads from a source on its own thread. Every source gives BGR frames with
strictly increasing timestamps in seconds, and says whether its frames are a mirror image (a selfie
recording) so the extractor can un-mirror them (see signcore.layout: coordinates are always those of the
non-mirrored view). Webcam frames as delivered by the driver are NOT mirrored; the mirror a learner expects
to see is applied at display time only.

Errors: a source that cannot be opened raises :class:`CameraError` (an InputError: the message names the
device or file); a camera that stops delivering frames mid-session raises :class:`CameraLost`, after which the
pipeline closes it and polls :meth:`FrameSource.open` until it is back.
"""

from __future__ import annotations

import glob
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from desktop_app.core.shared.jobs import JobCancelled, JobControl
from signcore.errors import InputError
from signcore.files import FileAsItIs, file_as_it_is, require_file, write_text_atomically
from signcore.words import counted

if TYPE_CHECKING:  # importing it imports MediaPipe: over a second the window need not wait
    from signcore.extract import VideoInfo

log = logging.getLogger(__name__)

CAMERA_SIZE = (640, 480)  # asked of cameras: MediaPipe's cost grows with pixels, and this is plenty for hands
MAX_CAMERA_INDEX = 4  # cameras probed where the OS cannot list them
MIN_FRAME_SIDE = 32  # a "frame" smaller than this is a driver glitch, not a picture
CATCH_UP_FRAMES = 1  # how far behind a paced video file's frames may fall and catch up: a camera's one frame


SELFIE_ANSWERS_FILE_NAME = "selfie_answers.json"  # beside the settings
MAX_SELFIE_ANSWERS = 2000  # the oldest answers go beyond this many (a few dozen bytes each)


class SelfieAnswers:
    """THE learner's answers to "is this video a selfie recording?", each for its file as it is (path, size,
    time modified), wherever it was asked (an import, a search with a file, a video used as the camera): a
    video imported with "Yes" and then searched with was asked again, and so was every video after a
    restart. A file changed since is asked about afresh. Kept in the file ``kept_in`` (None: in this
    run only), written whole at each answer; one that cannot be read starts empty and one that cannot be
    written keeps the answers of this run (logged: the worst is a question asked again).

    A dialog that Cancel takes back (the camera chooser, the Settings) answers into a :meth:`draft` of the
    store, which reads the store's answers where it holds none and gives its own to the store on
    :meth:`keep` (its OK): a tick changed and cancelled stayed the file's answer everywhere."""

    def __init__(self, kept_in: Path | None = None, behind: SelfieAnswers | None = None) -> None:
        self._answers: dict[FileAsItIs, bool] = {}
        self.kept_in = kept_in
        self.behind = behind  # a draft's store (draft)
        if kept_in is not None:
            self._read(kept_in)

    def draft(self) -> SelfieAnswers:
        """Answers for a dialog that may be cancelled: this store's, until :meth:`keep` gives it its own."""
        return SelfieAnswers(behind=self)

    def keep(self) -> None:
        """A draft's answers given to the store behind it (the dialog's OK), written once."""
        if self.behind is not None:
            self.behind._take(self._answers)
            self._answers = {}

    def _read(self, path: Path) -> None:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))["answers"]
            for video, size, modified_ns, is_selfie in rows:
                self._answers[FileAsItIs(str(video), int(size), int(modified_ns))] = bool(is_selfie)
        except FileNotFoundError:
            pass  # none given yet
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("could not read the selfie answers in %s: %s", path, error)

    def remember(self, video: str | Path, is_selfie: bool) -> None:
        key = file_as_it_is(video)
        if key is not None and self._answer_for(key) != is_selfie:
            self._take({key: is_selfie})

    def _take(self, answers: dict[FileAsItIs, bool]) -> None:
        """``answers`` kept, the latest last (the oldest go first), and written once."""
        for key, is_selfie in answers.items():
            self._answers.pop(key, None)
            self._answers[key] = is_selfie
        for oldest in list(self._answers)[:-MAX_SELFIE_ANSWERS]:
            del self._answers[oldest]
        if self.kept_in is not None and answers:
            rows = [[*file, answer] for file, answer in self._answers.items()]
            try:
                write_text_atomically(self.kept_in, json.dumps({"answers": rows}))
            except InputError as error:
                log.warning("could not keep the selfie answers: %s", error)

    def answer(self, video: str | Path) -> bool | None:
        """The answer given for ``video`` as it is now, None if not asked (or changed since)."""
        key = file_as_it_is(video)
        return None if key is None else self._answer_for(key)

    def _answer_for(self, key: FileAsItIs) -> bool | None:
        answer = self._answers.get(key)
        return answer if answer is not None or self.behind is None else self.behind._answer_for(key)


class CameraError(InputError):
    """A camera or video file that cannot be used as the camera."""


class CameraLost(CameraError):
    """The camera stopped delivering frames (unplugged, taken by another program)."""


@dataclass
class CapturedFrame:
    image: np.ndarray  # BGR
    timestamp_s: float
    turns: int = 0  # the clockwise quarter turns ``image`` was given where it was read (turned_picture)
    # How long after it was due a paced video file's frame was read: a camera's frame would have waited that
    # long for the busy tracker, so its time to the screen counts from then (VideoFileSource)
    late_s: float = 0.0


class FrameSource:
    """Base of the sources. ``frames_are_mirrored``: True for selfie recordings."""

    description = ""
    frames_are_mirrored = False
    is_live = True

    def open(self) -> None:
        raise NotImplementedError

    def read(self) -> CapturedFrame:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class CameraSource(FrameSource):
    """A camera by index (0 = the first one)."""

    def __init__(self, index: int):
        self.index = index
        self.description = f"camera {index}"
        self._capture: cv2.VideoCapture | None = None
        # One clock for the source's whole life: after a re-open, time goes on instead of restarting at 0.
        self._started = time.monotonic()

    def open(self) -> None:
        self.close()
        capture = cv2.VideoCapture(self.index, _camera_backend())
        if not capture.isOpened():
            capture.release()
            raise CameraError(self.description, "no camera found (plugged in? not in use by another app?)")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, CAMERA_SIZE[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, CAMERA_SIZE[1])
        self._capture = capture

    def read(self) -> CapturedFrame:
        if self._capture is None:
            raise CameraLost(self.description, "the camera is not open")
        ok, image = self._capture.read()
        picture = as_bgr(image) if ok else None
        if picture is None:
            raise CameraLost(self.description, "the camera stopped sending pictures (unplugged?)")
        # Driver timestamps are unreliable across backends; the time of arrival is what the learner lived.
        return CapturedFrame(picture, time.monotonic() - self._started)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class VideoFileSource(FrameSource):
    """A video file played as if it were a camera: looped, and by default paced at its own frame rate.

    Unlike a camera it never drops frames: on a machine too slow for the video's frame rate it plays slower
    than real time, and every frame still reaches the tracker (its timestamps are the video's own), so an
    attempt read from a file is the same however busy the computer is. Like a camera, whose newest frame waits
    for a tracker that took longer than a frame's interval, it lets the frames after a late one catch up, up
    to :data:`CATCH_UP_FRAMES` intervals behind: a tracker as fast as the video on average keeps its pace.

    ``realtime=False`` delivers frames as fast as they are read (the benchmark uses it to find the
    pipeline's own limit). Timestamps continue across loops, so the stream never goes back in time.
    """

    is_live = False

    def __init__(self, path: str | Path, selfie: bool, realtime: bool = True, loop: bool = True):
        self.path = Path(path)
        self.description = self.path.name
        self.frames_are_mirrored = selfie
        self.realtime, self.loop = realtime, loop
        self._capture: cv2.VideoCapture | None = None
        self._frame_interval = 1 / 30
        self._loop_offset = 0.0
        self._last_timestamp = -1.0
        self._started = 0.0
        self._info: VideoInfo | None = None
        self._frames_this_pass = 0
        # A pass that ended short: the file as it was then, and why it is lost
        self._short_pass: tuple[FileAsItIs, str] | None = None

    def open(self) -> None:
        self.close()
        info = self._info = self._whole_video_info()
        if self._short_pass is not None and self._short_pass[0] == file_as_it_is(self.path):
            raise CameraError(self.path, self._short_pass[1])  # damaged within: the quick check cannot see it
        self._frames_this_pass = 0
        self._frame_interval = info.frame_interval
        self._capture = cv2.VideoCapture(str(self.path))
        if not self._capture.isOpened():
            raise CameraError(self.path, "cannot be opened as a video")
        # A re-open after a lost stream continues the clock, like a camera's: time never goes back (the
        # tracker would squeeze every later frame 1 ms after the last one seen, until the video caught up).
        self._loop_offset = 0.0 if self._last_timestamp < 0 else self._last_timestamp + self._frame_interval
        self._started = time.monotonic() - self._loop_offset

    def _whole_video_info(self) -> VideoInfo:
        """The video's :func:`~signcore.extract.probe_video`; :class:`InputError` naming the file when it is
        missing, empty, no video, or damaged or cut short (its few readable frames looped were no camera)."""
        # Imported here: importing MediaPipe takes over a second, and the window should not wait for it.
        from signcore.extract import probe_video, require_whole_video

        info = probe_video(self.path)
        require_whole_video(self.path, info)
        return info

    def _lost_if_cut_short(self) -> None:
        """:class:`CameraLost`, saying how much of it plays, when the pass just played ended short of the
        video (cut while it played, or damaged within, past where the quick check of :meth:`open` looks): its
        first 0.2 s looped as if live, and the learner's attempts were "hardly seen". Opened again, the file
        is refused until it changes."""
        from signcore.extract import Decoded, cut_short, cut_short_words  # imported by open() already

        played_s = self._last_timestamp - self._loop_offset + self._frame_interval
        played = Decoded(self._frames_this_pass, played_s)
        if self._info is None or not cut_short(self._info, played):
            return
        words = cut_short_words(self._info, played)
        played_file = file_as_it_is(self.path)
        if played_file is not None:  # gone: the next open says so
            self._short_pass = (played_file, words)
        raise CameraLost(self.path, words)

    def read(self) -> CapturedFrame:
        if self._capture is None:
            raise CameraLost(self.path, "the video is not open")
        ok, image = self._capture.read()
        if not ok:
            if not self.loop or self._last_timestamp < 0:  # the end, or a video with no readable frame
                raise CameraLost(self.path, "no more frames can be read")
            self._lost_if_cut_short()
            # Start again, continuing the clock one frame after the last frame shown.
            self._frames_this_pass = 0
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            self._loop_offset = self._last_timestamp + self._frame_interval
            ok, image = self._capture.read()
            if not ok:  # FFmpeg cannot seek back in some files (a one-frame video): open it afresh
                self._capture.release()
                self._capture = cv2.VideoCapture(str(self.path))
                ok, image = self._capture.read()
            if not ok:
                raise CameraLost(self.path, "the video cannot be read again from the start")
        self._frames_this_pass += 1
        position = self._capture.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
        timestamp = max(self._loop_offset + position, self._last_timestamp + 1e-3)
        self._last_timestamp = timestamp
        late = 0.0
        if self.realtime:
            delay = self._started + timestamp - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                # Running late: the next frames catch up while it is by no more than CATCH_UP_FRAMES
                # intervals. Paced from the late frame on, they lost the time of every frame tracked slower
                # than the video: a stand-in tracker taking 32.5 ms a frame on average (15% spread) got
                # 26.5-28.1 frames/s of the 30 fps video, 28.4-29.5 with the catch-up. Further behind, paced
                # from that lateness on, rather than rushing to catch up later.
                late = min(-delay, CATCH_UP_FRAMES * self._frame_interval)
                self._started -= delay + late
        picture = as_bgr(image)
        if picture is None:
            raise CameraLost(self.path, "a frame could not be decoded as a picture")
        return CapturedFrame(picture, timestamp, late_s=late)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def as_bgr(image: np.ndarray | None) -> np.ndarray | None:
    """A frame as the 8-bit, 3-channel BGR picture every source promises, or None when it is no picture
    (empty, a few pixels, another pixel type: a driver glitch). Grey and BGRA frames (some virtual cameras)
    are converted. Anything else would stop the pipeline (OpenCV and MediaPipe reject it), so a source
    treats it as a lost camera, which the pipeline re-opens."""
    if image is None or image.dtype != np.uint8 or image.ndim not in (2, 3):
        return None
    if min(image.shape[:2]) < MIN_FRAME_SIDE:
        return None
    channels = 1 if image.ndim == 2 else image.shape[2]
    if channels == 1:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if channels == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image if channels == 3 else None


def turned_picture(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    """``image`` turned ``quarter_turns`` times clockwise (a W x H picture becomes H x W), as
    :func:`desktop_app.core.signing.upright.turned` turns points: a camera mounted on its side stood upright
    before anything tracks or shows it. Laid out anew in memory (OpenCV and MediaPipe want that); not copied
    when there is nothing to turn."""
    if quarter_turns % 4 == 0:
        return image
    return np.ascontiguousarray(np.rot90(image, -(quarter_turns % 4)))


def _camera_backend() -> int:
    """The platform's native capture API: faster to open, and fails cleanly where there is no camera."""
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    if sys.platform == "win32":
        return cv2.CAP_DSHOW
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    return cv2.CAP_ANY


def list_cameras(showing: int | None = None) -> list[int]:
    """Indexes of the cameras that open and deliver a frame (opens each: call it off the GUI thread).
    ``showing``: a camera whose pictures are shown now, counted without being opened again (a driver with
    one reader refuses a second one)."""
    if sys.platform.startswith("linux"):
        candidates = sorted(int(path[len("/dev/video") :]) for path in glob.glob("/dev/video[0-9]*"))
    else:
        candidates = list(range(MAX_CAMERA_INDEX + 1))
    found = [] if showing is None else [showing]
    for index in (candidate for candidate in candidates if candidate != showing):
        capture = cv2.VideoCapture(index, _camera_backend())
        try:
            if capture.isOpened() and capture.read()[0]:
                found.append(index)
        finally:
            capture.release()
    return sorted(found)


def cameras_found(indexes: list[int]) -> str:
    """What the camera dialog says once the cameras were looked for."""
    if not indexes:
        return "No camera found. Plug one in and reopen this dialog, or use a video file below."
    return f"{counted(len(indexes), 'camera')} found."


CHECKING_THE_VIDEO = "Checking the video…"
NO_VIDEO_FILE_THERE = "There is no video file there. Check its name and folder, or find it with Browse…"
VIDEO_CAN_BE_USED = "This video can be played as the camera."
VIDEO_PICTURE_SIDE = 512  # the longest side of a video's first picture, kept for the camera chooser's preview


@dataclass(frozen=True)
class VideoVerdict:
    """What reading the video file at ``path`` as the camera found (:func:`check_video_as_camera`): why it
    cannot be used, in the learner's words, said of the file named beside them ("" when it can), and its
    first picture (BGR, at most
    :data:`VIDEO_PICTURE_SIDE` a side) for the camera chooser's preview, None when it has none; and the file
    as it was when its reading began (:func:`file_as_it_is`), what the verdict holds for (None: not read)."""

    path: str
    problem: str
    first_picture: np.ndarray | None = field(default=None, repr=False, compare=False)
    file_read: FileAsItIs | None = field(default=None, repr=False, compare=False)


def check_video_as_camera(path: str, control: JobControl) -> VideoVerdict:
    """Read the video file at ``path`` as the camera would (a video damaged or cut short refused:
    :func:`~signcore.extract.require_whole_video`). A job, for a thread other than the GUI's: a video that
    cannot seek is decoded to its end to find how much of it can be read (seconds for a long one), until
    ``control`` is cancelled (another video chosen, the chooser closed)."""
    # MediaPipe takes a second to import: not before it is needed
    from signcore.extract import ExtractionCancelled, iter_video_frames, probe_video, require_whole_video

    # Taken before reading: a file still being copied may be whole by the time the verdict arrives
    file_read = file_as_it_is(path)

    def refused(error: InputError, picture: np.ndarray | None = None) -> VideoVerdict:
        # Said under the path (or of the file just picked): naming it again, a long path took the lines
        why = error.problem[:1].upper() + error.problem[1:]
        return VideoVerdict(path, f"{why}. Choose another video file.", picture, file_read)

    try:
        info = probe_video(path)
    except InputError as error:
        return refused(error)
    first = next(iter_video_frames(path, max_side=VIDEO_PICTURE_SIDE), None)
    picture = None if first is None else first.image  # shown even when refused: it is the video chosen
    try:
        require_whole_video(path, info, cancel=lambda: control.cancel_requested)
    except ExtractionCancelled:
        raise JobCancelled from None
    except InputError as error:
        return refused(error, picture)
    return VideoVerdict(path, "", picture, file_read)


@dataclass
class CameraChoice:
    """The camera dialog's answer while it is open: a camera attached to the computer (``camera_index``
    among the ``cameras`` found), or a video file played in a loop as if it were the camera.

    A video file is read off the GUI thread (:func:`check_video_as_camera`: a long one that cannot seek is
    decoded whole), once the learner settled on it (:meth:`look_at_video`: their typing paused, Browse…, OK);
    what it found is kept for the file as it is, and :meth:`line` says it under the path."""

    use_video: bool
    video_path: str
    camera_index: int
    video_is_selfie: bool
    cameras: tuple[int, ...] = ()  # none until they were looked for
    # What reading each video file found, by the file as it is (file_as_it_is): a file is read once however
    # often the choice is looked at (typing, Browse…, OK), and again once it changed
    _verdicts: dict[FileAsItIs, VideoVerdict] = field(default_factory=dict, repr=False, compare=False)
    # The video the learner settled on (look_at_video), which the line speaks of, and the one being read now
    # (one at a time: a newer one supersedes it, whose verdict comes too late to be said)
    _looked_at: str | None = field(default=None, repr=False, compare=False)
    checking: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, camera: int | str, video_is_selfie: bool) -> CameraChoice:
        """The choice as it stands: ``camera`` is an index, or a video file's path."""
        if isinstance(camera, str):
            return cls(True, camera, 0, video_is_selfie)
        return cls(False, "", camera, video_is_selfie)

    def found(self, indexes: list[int]) -> str:
        """The cameras were looked for: the one chosen stays if it is there, else the first does; with no
        camera a video file is the only choice. Returns what to say about it."""
        self.cameras = tuple(indexes)
        if self.cameras and self.camera_index not in self.cameras:
            self.camera_index = self.cameras[0]
        if not self.cameras:
            self.use_video = True
        return cameras_found(indexes)

    @property
    def complete(self) -> bool:
        """Whether the choice can be used: a video file named, or a camera found."""
        return bool(self.video_path.strip()) if self.use_video else bool(self.cameras)

    @property
    def camera(self) -> int | str:
        return self.video_path.strip() if self.use_video else self.camera_index

    def verdict(self, path: str | None = None) -> VideoVerdict | None:
        """What is known of the video file at ``path`` (default: the one chosen): a file that is not there at
        once (nothing to read), else what reading it found; None until it was read (:meth:`look_at_video`)."""
        path = (self.video_path if path is None else path).strip()
        if not Path(path).is_file():
            return VideoVerdict(path, NO_VIDEO_FILE_THERE)
        key = file_as_it_is(path)
        return None if key is None else self._verdicts.get(key)

    def look_at_video(self) -> str | None:
        """The learner settled on the video chosen (their typing paused, Browse…, OK): :meth:`line` speaks of
        it from now on. Returns its path when it is to be read (:func:`check_video_as_camera`, off the GUI
        thread; its verdict handed to :meth:`checked`), None when it is known or being read already. The
        reading of another video is given up (:attr:`checking` None: no reading wanted)."""
        path = self.video_path.strip()
        self._looked_at = path
        if self.checking != path:
            self.checking = None  # another video's reading is not wanted now: the dialog stops it
        if not self.use_video or not path or self.verdict(path) is not None or path == self.checking:
            return None
        self.checking = path
        return path

    def checked(self, verdict: VideoVerdict) -> None:
        """What reading a video found; one superseded since is kept for its file as it was read (one that
        changed since is read again), and said if chosen again. One not read (its reading failed) is kept for
        the file as it is now, not to be read again at each look."""
        key = verdict.file_read or file_as_it_is(verdict.path)
        if key is not None:
            self._verdicts[key] = verdict
        if verdict.path == self.checking:
            self.checking = None

    @property
    def waiting(self) -> bool:
        """Whether the video chosen is being read: OK waits for what it finds."""
        return self.use_video and self.checking is not None and self.checking == self.video_path.strip()

    def problem(self) -> str | None:
        """Why the choice cannot be used, in the learner's words: "" when it can (a camera, or a video read
        whole), None while the video chosen is not read yet. Saved, a missing file or one that is no video
        only failed later, on every start."""
        if not self.use_video:
            return ""
        verdict = self.verdict()
        return None if verdict is None else verdict.problem

    def line(self) -> tuple[str, bool]:
        """What the dialog says under the video chosen once the learner settled on it, and whether it is a
        problem: that it is being read, why it cannot be used, or that it can be; nothing while a path is
        being typed, nor for a camera."""
        path = self.video_path.strip()
        if not self.use_video or not path or path != self._looked_at:
            return "", False
        if self.waiting:
            return CHECKING_THE_VIDEO, False
        verdict = self.verdict(path)
        if verdict is None:  # changed since it was read: OK reads it again
            return "", False
        return (verdict.problem, True) if verdict.problem else (VIDEO_CAN_BE_USED, False)


def video_problem(path: str | Path) -> str:
    """Why the video file at ``path`` cannot be read, in the words the practice page uses when it cannot
    play it (:func:`signcore.extract.probe_video`'s, naming the file); "" when it can. A video damaged or cut
    short is not refused: an import or a search keeps the frames that can be read (the camera refuses it:
    :func:`check_video_as_camera`)."""
    # MediaPipe takes a second to import: not before it is needed
    from signcore.extract import probe_video

    try:
        probe_video(path)
    except InputError as error:
        return str(error)
    return ""


def make_source(camera: int | str, video_is_selfie: bool, realtime: bool = True) -> FrameSource:
    """A camera index, or a path to a video file used as the camera."""
    if isinstance(camera, int):
        return CameraSource(camera)
    return VideoFileSource(camera, selfie=video_is_selfie, realtime=realtime)


# What to do when the camera in use cannot be started, said under why (the practice page and the record
# window, which both offer "Try again" and "Choose camera…")
PLUG_IN_A_CAMERA = "Plug in a camera and press Try again, or choose another camera."
CHECK_THE_VIDEO_FILE = "Check the video file's name and folder, or choose the video again with Choose camera…"
CHOOSE_ANOTHER_VIDEO = "Choose another video file, or a camera, with Choose camera…"


def when_it_cannot_start(camera: int | str) -> str:
    """What the learner can do when ``camera`` (an index, or a video file's path) cannot be started: a camera
    is plugged in, a missing video file's name checked, another video chosen in place of a file that is there
    but cannot be played. "Plug in a camera" was said of a mistyped file name too, and "Check the video
    file's name and folder" of a text file named .mp4."""
    if not isinstance(camera, str):
        return PLUG_IN_A_CAMERA
    return CHOOSE_ANOTHER_VIDEO if Path(camera).exists() else CHECK_THE_VIDEO_FILE


def missing_video_note(camera: int | str, given_as: str) -> str:
    """One line for the terminal at start-up when ``camera`` is a video file that is not there (``given_as``:
    where it comes from, "--camera"); "" otherwise. The window opens all the same (the learner can still
    browse): a mistyped ``--camera`` file name was said nowhere until the practice page. Whether a file that
    is there is a video that can be read, the practice page says (telling takes MediaPipe's second)."""
    if not isinstance(camera, str):
        return ""
    try:
        require_file(Path(camera))
    except InputError as error:
        return (
            f"{given_as} {error}. SignPractice opens without a camera picture: check the file's name, or"
            " choose a video or a camera in File → Camera…"
        )
    return ""


def parse_camera_argument(value: str) -> int | str:
    """``--camera``: digits are a camera index, anything else a video file."""
    return int(value) if value.strip().isdigit() else value
