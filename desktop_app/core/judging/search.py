"""Search by signing without Qt: what is searched, and the words said with the results.

The learner signs one sign in front of the camera, or picks a video or .pose file. A file may hold more than
one sign (a lesson's video): compared whole with single signs, it matched none of them and the results said
nothing about it. Such a file is cut at the pauses between its signs, as an import is
(:mod:`desktop_app.core.signing.video_clips`), and its first sign is searched, which the results then say.
Signing in which no hand is seen, or hardly, is not searched with, by the rule practice throws an attempt out
by (:meth:`SearchQuery.refused`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.shared.jobs import JobControl
from desktop_app.core.signing.capture import video_problem
from desktop_app.core.signing.session import longest_signing, no_signing, sign_seconds
from desktop_app.core.signing.upright import quarter_turns_to_upright, stood_upright, turned
from desktop_app.core.signing.video_clips import MAX_SIGN_S, needs_splitting, split_at_pauses
from signcore.errors import InputError
from signcore.ingest import Progress, read_signing
from signcore.layout import PoseSequence
from signcore.signfolder import VIDEO_SUFFIXES
from signcore.words import counted

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging.scoring import Gallery

# Said after the results of signing whose picture was turned on its side
SIGNED_TURNED = (
    "Your camera's picture looked turned, so your signing was stood upright to search with: turn the picture "
    "upright (File → Camera…) to practise."
)

# Why the last results were cleared, in the words after "as" (search_page.RESULTS_CLEARED)
SIGNS_CHANGED = "signs were added, changed or deleted"
DATABASE_SWITCHED = "another sign database was opened"  # in Settings (said as signs changed)
MORE_CLIPS = "more clips are now ready to search among"

# Why there is nothing to search among (nothing_to_search_among): said in place of offering a search that
# could find no sign ("No sign is prepared for this sign model yet: try again in a moment.")
NO_SIGNS_TO_SEARCH = "There are no signs to search among yet: add some in the Library."
NO_CLIPS_TO_SEARCH = (
    "None of your signs has a clip to search among yet: record or import some in the Library."
)
CLIPS_BEING_PREPARED = "Your signs' clips are still being made ready to search among: try again in a moment."
CLIPS_NOT_READY = (
    "Your signs' clips are not ready to search among: what is not ready is made ready the next time you open "
    "the app, unless it is damaged."
)


def nothing_to_search_among(context: AppContext) -> str:
    """Why a search would find no sign in the context's database, in the learner's words; "" when it has
    clips ready to search among, or when no sign model is loaded (the search says that). Its clips are said
    to be made ready only while a job does so (:attr:`AppContext.preparing`)."""
    encoder = context.encoder
    gallery = context.gallery()
    if encoder is None or (gallery is not None and len(gallery) > 0):
        return ""
    if context.database.clips_missing_embedding(encoder.model_hash):
        return CLIPS_BEING_PREPARED if context.preparing else CLIPS_NOT_READY
    return NO_CLIPS_TO_SEARCH if context.database.signs() else NO_SIGNS_TO_SEARCH


@dataclass(frozen=True)
class RankedOn:
    """What a search's results were ranked on: the model, the gallery's clips, each with its sign and its
    embedding, and the names of their signs. Only a change to these makes the results stale: they were
    cleared after any change to the database, a tag edit too, or the background job embedding new clips."""

    model_hash: str
    clips: dict[int, tuple[int, bytes]]  # clip id -> (its sign's id, a digest of its embedding)
    names: dict[int, tuple[str, str]]  # sign id -> (gloss, language), of the gallery's signs

    @classmethod
    def of(cls, gallery: Gallery) -> RankedOn:
        clips = {
            int(clip_id): (int(sign_id), hashlib.blake2b(embedding.tobytes(), digest_size=16).digest())
            for clip_id, sign_id, embedding in zip(
                gallery.clip_ids, gallery.sign_ids, gallery.embeddings, strict=True
            )
        }
        names = {
            int(sign_id): (gloss, gallery.languages.get(int(sign_id), ""))
            for sign_id, gloss in zip(gallery.sign_ids, gallery.glosses, strict=True)
        }
        return cls(gallery.model_hash, clips, names)

    def stale_in(self, gallery: Gallery | None) -> str | None:
        """Why results ranked on this are stale in ``gallery`` (in :data:`SIGNS_CHANGED`'s or
        :data:`MORE_CLIPS`' words); None when they are not: it holds what they were ranked on, unchanged."""
        if gallery is None:
            return SIGNS_CHANGED
        now = RankedOn.of(gallery)
        if now == self:
            return None
        kept = all(now.clips.get(clip_id) == clip for clip_id, clip in self.clips.items())
        named_alike = all(now.names.get(sign_id) == name for sign_id, name in self.names.items())
        if now.model_hash == self.model_hash and kept and named_alike:
            return MORE_CLIPS  # clips embedded since (new recordings and imports): they may rank higher
        return SIGNS_CHANGED


@dataclass(frozen=True)
class SearchQuery:
    """The signing a search looks for, and how the results name it."""

    pose: PoseSequence
    searched: str  # what was searched, in the results' words: "your 0.9 s of signing"
    note: str = ""  # said after the results: what of a file longer than one sign was searched
    file_name: str = ""  # the file searched with; "": the learner's signing in front of the camera
    # The clockwise quarter turns that bring a .pose file's signer upright: one filmed on its side is asked
    # about, as an import asks (0: upright, or no .pose file)
    turns_to_upright: int = 0

    @property
    def signer(self) -> str:
        """Whose signing it is, as its figure is titled: "You", or the file's name (someone else's video was
        titled "You")."""
        return self.file_name or "You"

    @classmethod
    def signed(cls, pose: PoseSequence) -> SearchQuery:
        """The learner's signing in front of the camera, cut to its longest stretch between pauses, as a
        recording is (:func:`~desktop_app.core.signing.session.longest_signing`: started and stopped by Space,
        the "You" replay held seconds of hands lowered before and after); signed on their side (a camera
        mounted so, the turned-picture note put off or not yet said), stood upright first, as a recording
        is, and said so: searched as filmed, it matched none of the upright signs."""
        upright, turns = stood_upright(pose)
        signing = upright.frames(longest_signing(upright))
        return cls(signing, f"your {_signing(signing)}", SIGNED_TURNED if turns else "")

    def refused(self) -> str:
        """Why this is not searched with, in the learner's words ("" when it is): no signing in it, by the
        rule practice refuses an attempt by (:func:`~desktop_app.core.signing.session.no_signing`): a video
        whose hand was never seen was given the 10 nearest signs as confidently as any signing."""
        why = no_signing(self.pose)
        if not why:
            return ""
        damage = self.pose.meta.get("cut_short")  # the file's damage, not its signer, is the likelier cause
        if isinstance(damage, str) and damage:
            why += f". {damage[0].upper()}{damage[1:]}"
        return f"No signing found in {self.file_name or 'your recording'}: {why}."

    def turned_upright(self) -> SearchQuery:
        """This query with its signer turned upright (a turn moves points only: the sign cut out of the
        file, if it was, is the same)."""
        return replace(self, pose=turned(self.pose, self.turns_to_upright), turns_to_upright=0)

    def heading(self, shown: int, total: int) -> str:
        """The results' heading: "The 10 nearest of 62 signs to your 0.9 s of signing, most alike first."."""
        heading = f"The {shown} nearest of {total} signs to {self.searched}, most alike first."
        return f"{heading} {self.note}" if self.note else heading


def _signing(pose: PoseSequence) -> str:
    """ "0.8 s of signing": the sign's length as its player shows it (the recording's said 1.9 s above it)."""
    return f"{sign_seconds(pose):.1f} s of signing"


SEARCH_AS_FILMED = "Search as filmed"  # the answer that leaves a .pose file on its side as it is


def file_query(pose: PoseSequence, file_name: str) -> SearchQuery:
    """The query of a file's landmarks: the whole file when it holds one sign, else its first sign."""
    whole = SearchQuery(pose, f"the {_signing(pose)} in {file_name}", file_name=file_name)
    if not needs_splitting(pose):
        return whole
    try:
        signs = split_at_pauses(pose, file_name)
    except InputError:  # one stretch of signing too long to be a sign, or none found
        note = (
            f"That is more than one sign (at most {MAX_SIGN_S:.0f} s) with no pause to cut it at, so the "
            "results may fit none of its signs: cut the file to one sign to search it."
        )
        return SearchQuery(pose, whole.searched, note, file_name)
    first = signs[0]
    if len(signs) == 1:  # the file's one sign, between long stretches of hands resting
        return SearchQuery(first.pose, f"the {_signing(first.pose)} in {file_name}", "", file_name)
    note = (
        f"The file holds {counted(len(signs), 'sign')}; this one is at {first.start_s:.1f}–{first.end_s:.1f} "
        "s. To search another, cut the file to that sign."
    )
    return SearchQuery(first.pose, f"the first sign in {file_name}", note, file_name)


def asks_if_selfie(path: str | Path) -> bool:
    """Whether the learner is asked if the file is a selfie recording before it is searched with, as an
    import asks it: a video is (a .pose file holds landmarks, already as a camera facing the signer sees
    them). A video file only: its first frame is shown, and a pipe named like one would wait for a writer for
    ever (the reading refuses it by name)."""
    path = Path(path)
    return path.suffix.lower() in VIDEO_SUFFIXES and path.is_file()


def refused_file(path: str | Path) -> str:
    """Why a chosen file cannot be searched with, said when it is chosen: a video that cannot be read, in the
    words an import and File → Camera… use (asked the selfie question first, it had no picture to show and
    was refused only after the answer); "" otherwise (the reading says what else is wrong)."""
    return video_problem(path) if asks_if_selfie(path) else ""


def load_query(path: str | Path, video_is_selfie: bool, control: JobControl | None = None) -> SearchQuery:
    """The query of a file (a background job): a .pose file is read, and told whether its signer lies on
    their side, a video has its landmarks extracted (``video_is_selfie``: the learner's answer, as an import
    asks it)."""
    path = Path(path)
    progress = None if control is None else _named_progress(control, path.name)
    pose = read_signing(path, video_is_selfie, progress)
    turns = quarter_turns_to_upright(pose) if path.suffix.lower() == ".pose" else 0
    return replace(file_query(pose, path.name), turns_to_upright=turns)


def _named_progress(control: JobControl, file_name: str) -> Progress:
    """Progress said with the file's name, as an import says it: "hallo.mp4: finding the signer in ...";
    a cancel stops the reading at the next frame (closing the window waits for the job to end)."""
    return lambda done, total, message: control.progress(done, total, f"{file_name}: {message}")
