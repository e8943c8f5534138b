"""The landmark file formats, each read into (and some written from) the canonical layout.

Readers return :class:`LabeledClip` objects holding a :class:`signcore.layout.PoseSequence` (or, for one
clip, the PoseSequence itself) and raise :class:`signcore.errors.InputError` naming the file (and the row or
column where it helps) for what they cannot use.

* :mod:`~signcore.formats.posefile`: ``.pose`` files (pose-format), MediaPipe Holistic and OpenPose
* :mod:`~signcore.formats.dgs`: the DGS CSVs (German Sign Language)
* :mod:`~signcore.formats.traduttore`: the traduttore MediaPipe Holistic arrays (ASL, ``MP_Data.npz``)
* :mod:`~signcore.formats.spoter`: SPOTER CSVs (spoter-embeddings), read and written

Folders of such files (and videos) are :mod:`signcore.signfolder`.
"""

from signcore.formats.clip import LabeledClip
from signcore.formats.dgs import load_dgs, load_dgs_unknown, read_dgs_csv
from signcore.formats.posefile import read_pose, write_pose
from signcore.formats.spoter import read_spoter_csv, write_spoter_csv
from signcore.formats.traduttore import TRADUTTORE_IDLE, load_traduttore

__all__ = [
    "TRADUTTORE_IDLE",
    "LabeledClip",
    "load_dgs",
    "load_dgs_unknown",
    "load_traduttore",
    "read_dgs_csv",
    "read_pose",
    "read_spoter_csv",
    "write_pose",
    "write_spoter_csv",
]
