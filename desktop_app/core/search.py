"""Search by signing without Qt: what is searched, and the words said with the results.

The learner signs one sign in front of the camera, or picks a video or .pose file. A file may hold more than
one sign (a lesson's video): compared whole with single signs, it matched none of them and the results said
nothing about it. Such a file is cut at the pauses between its signs, as an import is
(:mod:`desktop_app.core.video_clips`), and its first sign is searched, which the results then say.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.jobs import JobControl
from desktop_app.core.video_clips import MAX_SIGN_S, needs_splitting, split_at_pauses
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.signfolder import VIDEO_SUFFIXES
from signcore.words import counted


@dataclass(frozen=True)
class SearchQuery:
    """The signing a search looks for, and how the results name it."""

    pose: PoseSequence
    searched: str  # what was searched, in the results' words: "your 0.9 s of signing"
    note: str = ""  # said after the results: what of a file longer than one sign was searched

    @classmethod
    def signed(cls, pose: PoseSequence) -> SearchQuery:
        """The learner's signing in front of the camera."""
        return cls(pose, f"your {pose.duration:.1f} s of signing")

    def heading(self, shown: int, total: int) -> str:
        """The results' heading: "The 10 nearest of 62 signs to your 0.9 s of signing, most alike first."."""
        heading = f"The {shown} nearest of {total} signs to {self.searched}, most alike first."
        return f"{heading} {self.note}" if self.note else heading


def file_query(pose: PoseSequence, file_name: str) -> SearchQuery:
    """The query of a file's landmarks: the whole file when it holds one sign, else its first sign."""
    whole = SearchQuery(pose, f"the {pose.duration:.1f} s of signing in {file_name}")
    if not needs_splitting(pose):
        return whole
    try:
        signs = split_at_pauses(pose, file_name)
    except InputError:  # one stretch of signing too long to be a sign, or none found
        note = (
            f"That is more than one sign (at most {MAX_SIGN_S:.0f} s) with no pause to cut it at, so the "
            "results may fit none of its signs: cut the file to one sign to search it."
        )
        return SearchQuery(pose, whole.searched, note)
    first = signs[0]
    if len(signs) == 1:  # the file's one sign, between long stretches of hands resting
        return SearchQuery(first.pose, f"the {first.pose.duration:.1f} s of signing in {file_name}")
    note = (
        f"The file holds {counted(len(signs), 'sign')}; this one is at {first.start_s:.1f}–{first.end_s:.1f} "
        "s. To search another, cut the file to that sign."
    )
    return SearchQuery(first.pose, f"the first sign in {file_name}", note)


def load_query(path: str | Path, selfie_video: bool, control: JobControl | None = None) -> SearchQuery:
    """The query of a file (a background job): a .pose file is read, a video has its landmarks extracted."""
    path = Path(path)
    if path.suffix.lower() == ".pose":
        from signcore.formats.posefile import read_pose

        return file_query(read_pose(path), path.name)
    if path.suffix.lower() not in VIDEO_SUFFIXES:
        raise InputError(path, f"choose a .pose file or a video ({', '.join(VIDEO_SUFFIXES)})")
    from signcore.extract import extract_video

    def progress(done: int, total: int) -> None:
        if control is not None:
            control.report(done, total, f"Finding the signer in frame {done} of {total}…")

    try:
        pose = extract_video(path, mirrored=selfie_video, progress=progress)
    except (RuntimeError, ValueError, OSError) as error:  # what OpenCV / MediaPipe raise on a bad video
        raise InputError(path, f"landmark extraction failed: {error}") from error
    return file_query(pose, path.name)
