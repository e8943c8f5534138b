"""Scoring a recorded attempt without a window: ``python -m desktop_app --score FILE --sign GLOSS``.

For checks, teachers and scripts: FILE (a video or a ``.pose`` file) is scored against the sign GLOSS exactly
as the practice page scores a live attempt (the same gallery, ranking, calibration and feedback), and what
the app would show is printed as JSON (and written to OUT with ``--json OUT``)::

    {"file": ..., "video_mirrored": false, "turned_upright": false, "cut_short": null,
     "sign": "hello", "language": "ASL", "score": 71.3, "recognised": true,
     "nearest": [{"gloss": "hello", "sign_id": 3, "distance": 0.41}, ...],
     "feedback": [{"parameter": "location", "hand": "right", "start_s": 0.4, "end_s": 0.9, "score": 38.0,
                   "message": "Location: in the middle of the sign, your right hand was lower ..."}, ...],
     "main": {...one item of "feedback", or null when there is nothing to correct},
     "note": {...one item of "feedback" said beside praise, not as a correction, or null},
     "overall": "...words on the sign as a whole, said beside a low score with no part to correct, or null",
     "also": "...said after "main": the sign it looked more like differs most from this one there, or null",
     "looked_like": {"sign": "the sign it looked more like, scored below 70", "clip_id": ...,
                     "differs_most": {...what tells the two signs apart, as an item of "feedback"}}}

"score" is null, as the practice page shows none, when the attempt cannot be judged (a hand the sign uses
was hardly seen, not left out of a two-handed sign: then its score is at most 50 and "main" says so).

A video is read as the command line says it was filmed (``--video-mirrored``: a selfie recording, un-mirrored
first; ``--video-not-mirrored``: by a camera facing the signer), as import and search ask the learner. Unsaid,
it is read as not mirrored, and a note on stderr says so; never by the camera's setting (a file is not the
camera). "video_mirrored" says how it was read (null for a ``.pose`` file: its landmarks are read as they
are).

A video damaged or cut short (a truncated download) is scored on the part that can be read, as import keeps
that part, and said so ("cut_short": how much of it could be read, and a note on stderr); scored without a
word, its score looked like one of the whole attempt.

A file whose signer lies on their side or upside down is scored stood upright, as the app imports and searches
with it, and said so ("turned_upright", and a note on stderr): a video is tracked turned upright
(:func:`signcore.extract.extract_video`), a ``.pose`` file's points are turned
(:func:`desktop_app.core.signing.upright.stood_upright`), the answer import and search suggest when they ask
(here there is no one to ask). Scored as filmed, a .pose file on its side was compared with upright
references: an attempt scoring 75 scored 24 on its side, its hand "higher than in the reference". (A live
attempt on its side is not scored instead: there the camera can be turned, and the note over the picture says
how.)

The learner's hand (the saved left-handed setting) gives feedback against the reference as the app shows it:
signed with that hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.app.context import AppContext, Launch
from desktop_app.core.app.models_switch import load_encoder, open_database
from desktop_app.core.judging.feedback import A_FILE
from desktop_app.core.judging.practice import scoring_target
from desktop_app.core.judging.scoring import score_attempt
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.upright import stood_upright
from desktop_app.core.signing.view import sign_only
from signcore.errors import InputError, readable
from signcore.files import write_text_atomically
from signcore.ingest import read_signing
from signcore.layout import PoseSequence
from signcore.signfolder import VIDEO_SUFFIXES
from signcore.words import names_sign

if TYPE_CHECKING:
    from signcore.database import Sign, SignDatabase
    from signcore.encoder import Encoder

# How a video is read when the command line does not say how it was filmed: as recorded (a guess mirrored
# would swap the signer's hands, and nothing in the file tells).
MIRRORED_UNLESS_SAID = False
SIGNS_SUGGESTED = 5  # for a --sign that names none: the signs a search for it finds first


def unsaid_video_note(path: str | Path) -> str:
    """What --score says of a video read as :data:`MIRRORED_UNLESS_SAID`, for the user to check."""
    return (
        f"{Path(path).name} was read as not mirrored (filmed by a camera facing the signer), as a video is "
        "unless said; if it is a selfie recording, score it with --video-mirrored"
    )


def turned_upright_note(path: str | Path) -> str:
    """What --score says of a file whose signer was stood upright to be scored."""
    return (
        f"{Path(path).name} shows the signer on their side or upside down, so it was scored turned upright, "
        "as the app imports and searches with it"
    )


def cut_short_note(path: str | Path, pose: PoseSequence) -> str | None:
    """What --score says of a video damaged or cut short (:func:`signcore.extract.cut_short`), else None."""
    damage = pose.meta.get("cut_short")
    return None if damage is None else f"{Path(path).name}: {damage}; only that part was scored"


def find_sign(database: SignDatabase, gloss: str) -> Sign:
    """The sign called ``gloss``: as the app names it ("letter Z", "letter Z (ASL)") or by its gloss ("z"),
    as :func:`signcore.words.names_sign` names a sign; "GLOSS@LANGUAGE" when several languages have it."""
    name, _, language = gloss.partition("@")
    matches = [
        sign
        for sign in database.signs()
        if names_sign(name, sign.gloss, sign.language)
        and (not language or sign.language.casefold() == language.strip().casefold())
    ]
    if not matches:
        found = [f"{sign.gloss}@{sign.language}" for sign in database.signs(name)[:SIGNS_SUGGESTED]]
        suggested = f"; a search for it finds {', '.join(found)}" if found else ""
        raise InputError(database.path, f"there is no sign {gloss!r} in the database{suggested}")
    if len(matches) > 1:
        choices = ", ".join(f"{sign.gloss}@{sign.language}" for sign in matches)
        raise InputError(database.path, f"{gloss!r} is a sign in several languages: say which ({choices})")
    return matches[0]


def assess(
    database: SignDatabase, encoder: Encoder, pose: PoseSequence, sign_id: int, left_handed: bool = False
) -> dict[str, object]:
    """What the practice page shows for ``pose`` as an attempt at ``sign_id``, as a JSON-ready dict: through
    the app model the practice page uses (the same embedding jobs, gallery and scoring target), on the sign
    without the frames before and after it, as the practice page cuts a live attempt (a recording's hands
    down or out of view there would count as a hand hardly seen in the sign)."""
    pose = sign_only(pose)
    context = AppContext(Settings(left_handed=left_handed), database, encoder)  # never saved
    job = context.missing_embeddings_job()  # e.g. a database built with another model
    if job is not None:
        run_job(job)
    fusion_job = context.fusion_job()  # the nearest signs as the app ranks them once it has run
    if fusion_job is not None:
        context.use_fusion(run_job(fusion_job))
    sign = database.sign(sign_id)
    target = scoring_target(context, sign_id, sign.gloss)
    if target is None:
        raise InputError(
            database.path, f"{sign.gloss!r} cannot be scored: it needs reference clips to compare"
        )
    score = score_attempt(target.gallery, sign_id, encoder.embed(pose), pose)
    # As the practice page's, but the file may be anyone's recording: its sign as a whole is "this clip"
    feedback = target.feedback(pose, score.best_clip_id, score=score, signer=A_FILE)
    given = feedback.given(score)
    return {
        "sign": sign.gloss,
        "language": sign.language,
        "score": None if given is None else round(given.score, 1),
        "recognised": given is not None and given.recognised,
        "nearest": [
            {"gloss": n.gloss, "sign_id": n.sign_id, "distance": round(n.distance, 4)} for n in score.nearest
        ],
        **feedback.to_json(),
    }


def score_file(
    path: str | Path,
    gloss: str,
    database: SignDatabase,
    encoder: Encoder,
    video_is_selfie: bool,
    left_handed: bool = False,
) -> dict[str, object]:
    """The report of ``path`` as an attempt at ``gloss`` (``video_is_selfie``: a video is a selfie
    recording)."""
    sign = find_sign(database, gloss)
    pose = read_signing(path, video_is_selfie)
    upright, turns = stood_upright(pose)
    is_video = Path(path).suffix.lower() in VIDEO_SUFFIXES
    return {
        "file": str(path),
        "video_mirrored": video_is_selfie if is_video else None,
        # a video on its side was tracked upright already (its tracking's turn)
        "turned_upright": bool(turns or pose.meta.get("turned_degrees")),
        "cut_short": cut_short_note(path, pose),
        **assess(database, encoder, upright, sign.id, left_handed),
    }


def main(
    path: Path,
    gloss: str | None,
    json_out: Path | None,
    launch: Launch,
    left_handed: bool,
    video_is_selfie: bool | None,
) -> int:
    """Print the JSON (and write it to ``json_out``); exit status 0, or 2 with a message on bad input.
    ``video_is_selfie``: how the command line says a video was filmed (None: unsaid, read as
    :data:`MIRRORED_UNLESS_SAID` with a note on stderr)."""
    if not gloss:
        print("--score needs --sign GLOSS: the sign the attempt was meant to be", file=sys.stderr)
        return 2
    try:
        encoder = load_encoder(launch.model_path)
        with open_database(launch.database_path, learning=False) as database:
            mirrored = MIRRORED_UNLESS_SAID if video_is_selfie is None else video_is_selfie
            report = score_file(path, gloss, database, encoder, mirrored, left_handed)
        text = json.dumps(report, indent=2, ensure_ascii=False)
        if json_out is not None:
            write_text_atomically(json_out, text + "\n")
    except InputError as error:  # a ModelError too
        said = error.problem if error.source == readable(str(path)) else str(error)  # the file named once
        print(f"could not score {path}: {said}", file=sys.stderr)
        return 2
    print(text)
    if video_is_selfie is None and report["video_mirrored"] is not None:
        print(f"note: {unsaid_video_note(path)}", file=sys.stderr)
    if report["turned_upright"]:
        print(f"note: {turned_upright_note(path)}", file=sys.stderr)
    if report["cut_short"]:
        print(f"note: {report['cut_short']}", file=sys.stderr)
    return 0
