"""The traduttore ASL data: MediaPipe Holistic arrays of webcam recordings (``traduttore_MP_Data.npz``)."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from pathlib import Path

import numpy as np

from signcore import layout
from signcore.errors import InputError
from signcore.formats.clip import HAND_SIZE, MAX_NORMALISED, LabeledClip, regular_timestamps
from signcore.layout import PoseSequence

# The traduttore recordings came from a webcam; MediaPipe's normalised coordinates are turned into pixels of
# this assumed frame size (the usual default webcam mode).
TRADUTTORE_FRAME_SIZE = (640, 480)
# The arrays record no time. Their recording loop ran MediaPipe Holistic on each webcam frame (traduttore's
# DataCollection.py), slower than the camera's 30 fps: `PYTHONPATH=. python tools/measure_capture_rate.py`
# puts the word signs at 9.4 frames a second by the length of their movement, 14.6 and 20.1 by wrist speed
# (geometric mean 14.0). At 30 they played as a flick (hello in 0.3 s). models/MODEL_CARD.md, "traduttore's
# frame rate": the ranking's rows stay within a point; a learner's attempt twice as slow as its reference
# loses "Well done" in about one attempt in ten.
TRADUTTORE_FPS = 15.0
# The recording script takes a sequence's first frame, then shows "STARTING COLLECTION" for 2 s
# (cv2.waitKey(2000)) before the rest: that frame is the pose the previous sequence ended in, not part of this
# sign, so it is left out. Over the 4,634 clips (models/MODEL_CARD.md, "traduttore's first frame") it lies a
# median 0.004 shoulder widths from the previous sequence's last frame (closer to it than to its own next
# frame in 96% of clips), and the wrist's step from it is 0.26 shoulder widths (median) against 0.015 between
# later frames: the largest step of its clip in 86% of clips (tools/measure_traduttore_first_frame.py).
TRADUTTORE_STALE_FIRST_FRAMES = 1
# The gloss of its "no sign" (idle) footage: no sign to learn, so trainers and tools leave it out
TRADUTTORE_IDLE = "-"
_TRADUTTORE_POSE_VALUES = len(layout.POSE_POINTS) * 4
_TRADUTTORE_HAND_VALUES = HAND_SIZE * 3
_TRADUTTORE_FRAME_VALUES = _TRADUTTORE_POSE_VALUES + 2 * _TRADUTTORE_HAND_VALUES


# What numpy raises for a file that is not an npz, is truncated or holds pickled objects.
_ARCHIVE_ERRORS = (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error)


def _traduttore_sequence(values: np.ndarray, fps: float) -> PoseSequence:
    """One ``(frames, 258)`` traduttore sequence as a clip in pixels of a 640 x 480 frame, ``fps`` frames a
    second."""
    width, height = TRADUTTORE_FRAME_SIZE
    n_frames = len(values)
    scale = np.array([width, height, width], np.float32)  # z is on the scale of x (MediaPipe)
    body = values[:, :_TRADUTTORE_POSE_VALUES].reshape(n_frames, len(layout.POSE_POINTS), 4)
    left = values[:, _TRADUTTORE_POSE_VALUES : _TRADUTTORE_POSE_VALUES + _TRADUTTORE_HAND_VALUES]
    right = values[:, _TRADUTTORE_POSE_VALUES + _TRADUTTORE_HAND_VALUES :]

    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    body_found = np.asarray(body.any(axis=(1, 2)))
    points[:, layout.POSE] = body[..., :3] * scale
    mask[:, layout.POSE] = body_found[:, None] & (body[..., 3] >= layout.POSE_VISIBILITY_THRESHOLD)
    # Holistic's left/right hands are the physical ones here (checked in load_traduttore's docstring).
    for hand_slice, hand in ((layout.LEFT_HAND, left), (layout.RIGHT_HAND, right)):
        hand = hand.reshape(n_frames, HAND_SIZE, 3)
        points[:, hand_slice] = hand * scale
        mask[:, hand_slice] = np.asarray(hand.any(axis=(1, 2)))[:, None]
    return PoseSequence(
        points, mask, regular_timestamps(n_frames, fps), width, height, {"source_format": "traduttore"}
    )


def load_traduttore(
    npz_path: str | Path, fps: float = TRADUTTORE_FPS, with_stale_first_frame: bool = False
) -> list[LabeledClip]:
    """The traduttore ASL data: MediaPipe Holistic landmarks of webcam recordings, 20 frames per sequence, of
    which the first (recorded 2 s before the others: :data:`TRADUTTORE_STALE_FIRST_FRAMES`) is left out unless
    ``with_stale_first_frame`` (to measure it: tools/measure_traduttore_first_frame.py).

    Arrays: ``X`` (N, 20, 258) = body 33 x (x, y, z, visibility), left hand 21 x 3, right hand 21 x 3, with
    all-zero meaning "not detected"; ``labels`` (N,) glosses; ``seq`` (N,) the sequence's number within its
    gloss (0, 1, 2, ... per label: it does not identify signers, so ``signer`` is None; it is kept in
    ``pose.meta["seq"]``).

    * Coordinates are MediaPipe-normalised; they are converted to pixels of an assumed 640 x 480 webcam frame.
    * Body points with visibility below ``layout.POSE_VISIBILITY_THRESHOLD`` are masked.
    * Holistic's "left hand" is the signer's physical left here, so the hands are taken as they are. Its
      wrist lies at the body's LEFT_WRIST in 99% of the frames where it is found (Holistic crops hands
      around the body's wrists), and the "right" hand is the dominant one: it does the one-handed
      fingerspelled letters (present in 99.4% of their frames, the left in 0.4%). A mirrored (selfie)
      capture would have made all of the (at least three) signers left-handed.
    * 59 sequences duplicate another one exactly (they are 60 all-zero "-" sequences); only the first of each
      set of identical sequences is kept (4,634 of 4,693 clips).
    * The "-" class is "no sign" (idle) footage, kept with gloss "-" (:data:`TRADUTTORE_IDLE`); trainers may
      want to drop it.
    * Frames are placed at ``fps`` a second (the file has no timing; default :data:`TRADUTTORE_FPS`).
    """
    npz_path = Path(npz_path)
    try:
        with np.load(npz_path, allow_pickle=False) as archive:
            missing = {"X", "labels"} - set(archive.files)
            if missing:
                raise InputError(npz_path, f"not a traduttore archive: no array {', '.join(sorted(missing))}")
            values = archive["X"]
            labels = archive["labels"]
            seq = archive["seq"] if "seq" in archive.files else np.arange(len(labels))
    except InputError:
        raise
    except _ARCHIVE_ERRORS as error:
        raise InputError(npz_path, f"cannot read the traduttore archive: {error}") from error
    if values.ndim != 3 or values.shape[2] != _TRADUTTORE_FRAME_VALUES:
        raise InputError(
            npz_path, f"X has shape {values.shape}; expected (N, frames, {_TRADUTTORE_FRAME_VALUES})"
        )
    if not with_stale_first_frame:
        if values.shape[1] <= TRADUTTORE_STALE_FIRST_FRAMES:
            raise InputError(
                npz_path, f"sequences of {values.shape[1]} frames: nothing after the stale first frame"
            )
        values = values[:, TRADUTTORE_STALE_FIRST_FRAMES:]
    if not (len(labels) == len(seq) == len(values)):
        counts = f"{len(values)}, {len(labels)}, {len(seq)}"
        raise InputError(npz_path, f"X, labels and seq disagree on the number of sequences: {counts}")
    if not np.issubdtype(values.dtype, np.floating) or not np.abs(values).max(initial=0) <= MAX_NORMALISED:
        raise InputError(npz_path, "X must hold finite floating-point numbers (normalised coordinates)")

    clips, seen = [], set()
    for index, (sequence, label, number) in enumerate(zip(values, labels, seq, strict=True)):
        digest = hashlib.sha1(np.ascontiguousarray(sequence, dtype=np.float32).tobytes()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        pose = _traduttore_sequence(sequence.astype(np.float32), fps)
        pose.meta["seq"] = int(number)
        clips.append(LabeledClip(str(label), pose, f"{npz_path}#{index}", language="ASL"))
    return clips
