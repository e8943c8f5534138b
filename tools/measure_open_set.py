"""Is a sign praised only when it is the one asked for? A table (and JSON) of true and wrong attempts' scores.

    python tools/measure_open_set.py [--data ../shared/data] [--per-sign 10] [--json open_set.json] [--db DB]

The gallery is the database's (the shipped starter database unless --db, read from a copy) with the fusion it
chooses, as the app runs it. Every attempt is scored as the app scores one: ``score_attempt`` with the
attempt's pose (the hybrid ranking), the pose cut to its sign (``view.sign_only``, as ``--score`` cuts a
file). The feedback's cap on a two-handed sign signed with one hand is not applied (it only lowers scores).

Sets (``part``: "tune", the database's own clips, on which a threshold may be chosen; "test", clips of the
shared data that are not in the database, only reported):

* true, held out (tune): each clip of the database, left out of the gallery, against its own sign;
* wrong, sign left out (tune): each sign's clips with the whole sign left out of the gallery, against the sign
  of its language they are ranked nearest to: a sign the database does not know, practised as the known sign
  nearest to it (ASL "abdomen" practised as "please" was praised);
* true, shared (test): up to --per-sign clips of each sign from the shared data (traduttore for the ASL
  signs, DGS 3D_full for the DGS ones; seeded) that are not its database clips, against their own sign;
* wrong, shared sign left out (test): the same clips with their sign left out, against the nearest sign;
* wrong, real other signing (test), full gallery, against the nearest sign: the WLASL "abdomen" videos
  (tracked, not mirrored) and traduttore's idle ("-") clips at the nearest ASL sign, --unknown DGS 2D_unknown
  words at the nearest DGS sign, and the shared clips at the nearest sign of the OTHER language.

Per set: the number of attempts, the share praised (score >= ``GOOD_SCORE``), the share "recognised" and the
median score. ``--json`` writes every attempt (its set, file, sign, sign scored against, score, recognised,
and ``curve``: the sign's calibrated score of its distance alone, before any recognition).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages, not an installed copy's

from desktop_app.core.app.models_switch import load_encoder  # noqa: E402
from desktop_app.core.judging.scoring import GOOD_SCORE, Gallery, score_attempt  # noqa: E402
from desktop_app.core.signing.view import sign_only  # noqa: E402
from signcore.database import SignDatabase, opened_copy, shipped_database_path  # noqa: E402
from signcore.encoder import Encoder  # noqa: E402
from signcore.errors import InputError, ends_plainly  # noqa: E402
from signcore.files import write_text_atomically  # noqa: E402
from signcore.formats import LabeledClip, load_dgs, load_dgs_unknown, load_traduttore  # noqa: E402
from signcore.formats.traduttore import TRADUTTORE_IDLE  # noqa: E402
from signcore.ingest import read_signing  # noqa: E402
from signcore.layout import PoseSequence  # noqa: E402
from signcore.paths import shared_dir  # noqa: E402

SEED = 7
IDLE_CLIPS = 60

SETS = (
    ("tune", "true, held out"),
    ("tune", "wrong, sign left out"),
    ("test", "true, shared"),
    ("test", "wrong, shared sign left out"),
    ("test", "wrong, WLASL abdomen"),
    ("test", "wrong, traduttore idle"),
    ("test", "wrong, DGS unknown words"),
    ("test", "wrong, other language"),
)


@dataclass
class Attempt:
    source: str
    sign: str  # the sign signed ("" where not a sign of the database)
    language: str
    pose: PoseSequence
    embedding: np.ndarray


def _attempt(encoder: Encoder, source: str, sign: str, language: str, pose: PoseSequence) -> Attempt:
    cut = sign_only(pose)
    return Attempt(source, sign, language, cut, encoder.embed(cut))


def _nearest_sign(gallery: Gallery, attempt: Attempt, language: str) -> int | None:
    """The sign of ``language`` the attempt is ranked nearest to (the ranking among that language's signs);
    None where the gallery has no sign of it."""
    some_sign = next(
        (s for s, lang in gallery.languages.items() if lang == language and gallery.has_sign(s)), None
    )
    if some_sign is None:
        return None
    ranking = gallery.hybrid_ranking(attempt.embedding, attempt.pose, include=some_sign)
    return next(n.sign_id for n in ranking.signs if gallery.languages.get(n.sign_id) == language)


def _row(name: str, gallery: Gallery, attempt: Attempt, sign_id: int | None) -> list[dict[str, object]]:
    """The attempt's row, scored against ``sign_id`` (none where there is no sign to score it against)."""
    if sign_id is None:
        return []
    score = score_attempt(gallery, sign_id, attempt.embedding, attempt.pose)
    return [
        {
            "set": name,
            "source": attempt.source,
            "sign": attempt.sign,
            "scored_as": score.gloss,
            "score": round(score.score, 2),
            "recognised": score.recognised,
            "curve": round(score.calibration.score(score.distance), 2),
        }
    ]


def _traduttore(data: Path) -> list[LabeledClip]:
    """traduttore's clips, where the data holds them (none in the tests' small copy)."""
    archive = data / "traduttore" / "traduttore_MP_Data.npz"
    return load_traduttore(archive) if archive.is_file() else []


def _shared_clips(data: Path, database: SignDatabase, per_sign: int) -> list[LabeledClip]:
    """Up to ``per_sign`` clips of each database sign from the shared data that are not database clips."""
    in_database = {source for (source,) in database.query("SELECT source FROM clips")}
    glosses = {(sign.gloss, sign.language) for sign in database.signs()}
    read = _traduttore(data) + load_dgs(data / "dgs" / "3D_full")
    rng = np.random.default_rng(SEED)
    chosen = []
    for gloss, language in sorted(glosses):
        candidates = [
            clip
            for clip in read
            if (clip.gloss, clip.language) == (gloss, language)
            and Path(clip.source).relative_to(data).as_posix() not in in_database
        ]
        picked = rng.permutation(len(candidates))[:per_sign]
        chosen += [candidates[i] for i in sorted(picked)]
    return chosen


def _other_signing(data: Path, encoder: Encoder, unknown: int) -> Iterator[tuple[str, Attempt]]:
    """(set, attempt) of signing that is no sign of the database, with the language it is scored in."""
    for video in sorted((data / "videos" / "wlasl-abdomen").glob("*.mp4")):
        try:
            pose = read_signing(video, video_is_selfie=False)
        except InputError as error:
            print(f"left out: {error}", file=sys.stderr)
            continue
        yield "wrong, WLASL abdomen", _attempt(encoder, str(video), "", "ASL", pose)
    idle = [clip for clip in _traduttore(data) if clip.gloss == TRADUTTORE_IDLE]
    rng = np.random.default_rng(SEED)
    for i in sorted(rng.permutation(len(idle))[:IDLE_CLIPS]):
        yield "wrong, traduttore idle", _attempt(encoder, idle[i].source, "", "ASL", idle[i].pose)
    words = load_dgs_unknown(data / "dgs" / "2D_unknown")
    for i in sorted(rng.permutation(len(words))[:unknown]):
        yield "wrong, DGS unknown words", _attempt(encoder, words[i].source, "", "DGS", words[i].pose)


def measure(database: SignDatabase, data: Path, per_sign: int, unknown: int) -> list[dict[str, object]]:
    encoder = load_encoder(None)
    gallery = Gallery.from_database(database, encoder.model_hash)
    gallery.chosen_fusion = gallery.choose_fusion()  # as the app does, in the background, before attempts
    sign_of_gloss = {(sign.gloss, sign.language): sign.id for sign in database.signs()}
    rows = []
    by_sign: dict[int, list[Attempt]] = {}
    for sign in database.signs():
        for clip in database.clips(sign.id):
            attempt = _attempt(
                encoder, f"database clip {clip.id}", sign.gloss, sign.language, database.clip_pose(clip.id)
            )
            if len(gallery.sign_rows(sign.id)) >= 2:  # one clip left out leaves nothing to score against
                rows += _row("true, held out", gallery.without_clips([clip.id]), attempt, sign.id)
            by_sign.setdefault(sign.id, []).append(attempt)
    shared: dict[int, list[Attempt]] = {}
    for clip in _shared_clips(data, database, per_sign):
        sign_id = sign_of_gloss[(clip.gloss, clip.language or "")]
        attempt = _attempt(encoder, clip.source, clip.gloss, clip.language or "", clip.pose)
        rows += _row("true, shared", gallery, attempt, sign_id)
        shared.setdefault(sign_id, []).append(attempt)
    for sign_id in by_sign:
        left_out = gallery.without_clips(gallery.clip_ids[gallery.sign_rows(sign_id)].tolist())
        language = gallery.languages.get(sign_id, "")
        for name, attempts in (
            ("wrong, sign left out", by_sign[sign_id]),
            ("wrong, shared sign left out", shared.get(sign_id, [])),
        ):
            for attempt in attempts:
                rows += _row(name, left_out, attempt, _nearest_sign(left_out, attempt, language))
    other_language = {"ASL": "DGS", "DGS": "ASL"}
    for attempts in shared.values():
        for attempt in attempts:
            nearest = _nearest_sign(gallery, attempt, other_language[attempt.language])
            rows += _row("wrong, other language", gallery, attempt, nearest)
    for name, attempt in _other_signing(data, encoder, unknown):
        rows += _row(name, gallery, attempt, _nearest_sign(gallery, attempt, attempt.language))
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        f"| part | set | attempts | praised (score >= {GOOD_SCORE:.0f}) | recognised | median score |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for part, name in SETS:
        scores = np.array([row["score"] for row in rows if row["set"] == name], float)
        recognised = [bool(row["recognised"]) for row in rows if row["set"] == name]
        if not len(scores):
            continue
        praised = 100.0 * float(np.mean(scores >= GOOD_SCORE))
        lines.append(
            f"| {part} | {name} | {len(scores)} | {praised:.1f}% | {100.0 * np.mean(recognised):.1f}% "
            f"| {np.median(scores):.1f} |"
        )
    return "\n".join(lines)


@ends_plainly  # a --db or --data that cannot be read: said on one line, exit code 2
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_dir() / "data", help="the shared data folder")
    parser.add_argument("--db", type=Path, default=shipped_database_path(), help="the sign database")
    parser.add_argument("--per-sign", type=int, default=10, help="shared clips per sign (seeded sample)")
    parser.add_argument("--unknown", type=int, default=200, help="DGS 2D_unknown words (seeded sample)")
    parser.add_argument("--json", type=Path, help="also write every attempt's row here")
    args = parser.parse_args(argv)
    with opened_copy(args.db) as database:  # never opened in place: the shipped file is only copied
        rows = measure(database, args.data.resolve(), args.per_sign, args.unknown)
    print(table(rows))
    if args.json is not None:
        write_text_atomically(args.json, json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
