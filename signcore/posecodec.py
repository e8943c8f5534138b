"""Landmarks as bytes, exactly: how the sign database stores a :class:`~signcore.layout.PoseSequence`.

A compressed npz blob of float32 points, the bit-packed mask, float64 timestamps, the frame size and the
JSON of ``meta``; :func:`decode_pose` gives back exactly what went into :func:`encode_pose`.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import numpy as np

from signcore.layout import N_POINTS, PoseSequence


def encode_pose(pose: PoseSequence) -> bytes:
    """A PoseSequence as a compressed npz blob (exact: float32 points, packed mask, float64 timestamps)."""
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        points=pose.points,
        mask=np.packbits(pose.mask),
        timestamps=pose.timestamps,
        size=np.array([pose.width, pose.height], np.int64),
        meta=np.array(json.dumps(pose.meta, default=str)),
    )
    return buffer.getvalue()


def decode_pose(blob: bytes) -> PoseSequence:
    """The inverse of :func:`encode_pose`; raises ValueError if the blob is damaged."""
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
            points = arrays["points"]
            frames = points.shape[0]
            mask = np.unpackbits(arrays["mask"], count=frames * N_POINTS).reshape(frames, N_POINTS)
            width, height = (int(v) for v in arrays["size"])
            meta = json.loads(str(arrays["meta"]))
            return PoseSequence(points, mask, arrays["timestamps"], width, height, meta)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:  # JSONDecodeError is a ValueError
        raise ValueError(f"damaged landmark data ({error})") from error


def pose_digest(pose: PoseSequence) -> str:
    """sha256 of a clip's landmarks (points, mask, timestamps): equal digests = the same clip."""
    digest = hashlib.sha256()
    for array in (pose.points, pose.mask, pose.timestamps):
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()
