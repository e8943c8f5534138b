"""What every data set reader returns, and the conventions they share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from signcore import layout
from signcore.layout import PoseSequence

# A recording without timing is placed at a webcam's usual rate (the DGS CSVs, a SPOTER CSV without an fps
# column); the traduttore arrays have their own (signcore.formats.traduttore.TRADUTTORE_FPS).
ASSUMED_FPS = 30.0


@dataclass(frozen=True)
class SignDetails:
    """What an export notes of a clip's sign beside its files (:mod:`signcore.signfolder`), which a .pose file
    cannot hold; an import uses each where the learner gives none. "": not noted. ``tags``: the sign's tags
    (the starter signs' mark never among them), which an import adds to the sign its clips join."""

    language: str = ""
    licence: str = ""  # the licence all the sign's clips share
    tags: tuple[str, ...] = ()
    # (file name, licence) of each clip whose licence is not ``licence`` (a sign's clips of many sources)
    clip_licences: tuple[tuple[str, str], ...] = ()
    # The sign's name where its folder is not named as it: "hallo (ASL)" beside "hallo (DGS)", "a_b" for a/b
    gloss: str = ""

    def licence_of(self, file_name: str) -> str:
        """The licence noted for the clip file ``file_name`` of the sign's folder ("": none)."""
        return dict(self.clip_licences).get(file_name, self.licence)


@dataclass
class LabeledClip:
    """One recorded sign: its gloss (class label), its landmarks and where it came from."""

    gloss: str
    pose: PoseSequence
    source: str
    signer: str | None = None
    language: str | None = None  # "DGS", "ASL", ...
    kept_despite: str | None = None  # why the learner was warned against it (ClipOrigin.kept_despite)
    noted: SignDetails = SignDetails()  # its sign's, as an export noted them beside its file


# Normalised image coordinates lie near [0, 1]; values far outside come from a broken file (and would
# overflow float32 once scaled to pixels).
MAX_NORMALISED = 1000.0


def first_unusable(values: np.ndarray) -> int | None:
    """Index of the first value that is NaN, infinite or far outside normalised image coordinates."""
    bad = np.flatnonzero(~(np.abs(values) <= MAX_NORMALISED))
    return int(bad[0]) if bad.size else None


def regular_timestamps(n_frames: int, fps: float = ASSUMED_FPS) -> np.ndarray:
    """Frame times of a recording at ``fps`` (without timing: :data:`ASSUMED_FPS`). A frame rate that gives
    times no recording has raises ValueError saying why (:func:`signcore.layout.timestamps_problem`); a
    reader names its file."""
    timestamps = np.arange(n_frames) / fps
    problem = layout.timestamps_problem(timestamps)
    if problem is not None:
        raise ValueError(f"{fps:g} frames a second is not usable: {problem}")
    return timestamps


HAND_SIZE = len(layout.HAND_POINTS)  # points per hand
