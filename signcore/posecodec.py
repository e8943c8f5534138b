"""Landmarks as bytes, exactly: how the sign database stores a :class:`~signcore.layout.PoseSequence`.

A compressed npz blob of float32 points, the bit-packed mask, float64 timestamps, the frame size and the
JSON of ``meta``; :func:`decode_pose` gives back exactly what went into :func:`encode_pose`.

A database can come from elsewhere (an imported archive, a file chosen in the settings), so decoding trusts no
size in the blob: numpy's own loader allocates an array by the shape its header announces before reading a
byte of it (a header of a few bytes can announce terabytes), so :func:`_arrays` checks every announced size
first and reads only what is there.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile

import numpy as np

from signcore.layout import MAX_CLIP_FRAMES, N_DIMS, N_POINTS, PoseSequence

# All the arrays of one clip together, unpacked: float32 points, float64 timestamps, the packed mask, and
# room for the meta's JSON.
MAX_BYTES = MAX_CLIP_FRAMES * (N_POINTS * N_DIMS * 4 + 8 + N_POINTS // 8 + 1) + 2**20
_HEADER_READERS = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}


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
        arrays = _arrays(blob)
        points = arrays["points"]
        frames = points.shape[0]
        mask = np.unpackbits(arrays["mask"], count=frames * N_POINTS).reshape(frames, N_POINTS)
        width, height = (int(v) for v in arrays["size"])
        meta = json.loads(str(arrays["meta"]))
        return PoseSequence(points, mask, arrays["timestamps"], width, height, meta)
    # JSONDecodeError is a ValueError; RecursionError: a meta nested thousands deep
    except (OSError, KeyError, ValueError, RecursionError, zipfile.BadZipFile) as error:
        raise ValueError(f"damaged landmark data ({error})") from error


def decode_meta(blob: bytes) -> dict[str, object]:
    """The ``meta`` of an :func:`encode_pose` blob alone, its points left packed; raises ValueError as
    :func:`decode_pose` does."""
    try:
        meta = json.loads(str(_arrays(blob, only="meta.npy")["meta"]))
    except (OSError, KeyError, ValueError, RecursionError, zipfile.BadZipFile) as error:
        raise ValueError(f"damaged landmark data ({error})") from error
    if not isinstance(meta, dict):
        raise ValueError("damaged landmark data (its meta is not a mapping)")
    return meta


def _arrays(blob: bytes, only: str | None = None) -> dict[str, np.ndarray]:
    """The arrays of an npz blob by name (``only``: that entry alone), each read only after its announced
    size was checked (ValueError for more than MAX_BYTES together, or fewer bytes than announced)."""
    arrays, total = {}, 0
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for info in archive.infolist() if only is None else [archive.getinfo(only)]:
            with archive.open(info) as entry:
                read_header = _HEADER_READERS.get(np.lib.format.read_magic(entry))
                if read_header is None:
                    raise ValueError(f"{info.filename} is in an unknown array format")
                shape, fortran_order, dtype = read_header(entry)
                if fortran_order or dtype.hasobject or min(shape, default=0) < 0:
                    raise ValueError(f"{info.filename} is not an array encode_pose writes")
                size = dtype.itemsize * math.prod(shape)
                total += size
                if total > MAX_BYTES:
                    raise ValueError(f"the arrays announce more than {MAX_BYTES} bytes")
                data = entry.read(size)  # never more than the entry holds, whatever it announces
            if len(data) != size:
                raise ValueError(f"{info.filename} holds {len(data)} of the {size} bytes it announces")
            arrays[info.filename.removesuffix(".npy")] = np.frombuffer(data, dtype).reshape(shape).copy()
    return arrays


def pose_digest(pose: PoseSequence) -> str:
    """sha256 of a clip's landmarks (points, mask, timestamps): equal digests = the same clip."""
    digest = hashlib.sha256()
    for array in (pose.points, pose.mask, pose.timestamps):
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()
