"""How fair is the one correction? A table (and JSON) of what the feedback says to attempts it can check.

    python tools/measure_feedback.py [--other-signs 6] [--json feedback.json] [--db DATABASE]

Every reference clip of the database (the shipped starter database unless --db, read from a copy) is an
attempt, as the app shows it (right-handed), against (a) its own sign's other clips, its own clip held out
(the nearest by the encoder is the one compared, as an attempt's score picks it), and (b) the clips of
--other-signs other signs of its language (seeded). Said per language: the main correction's aspect; where in
the reference's sign it falls (its stretch's midpoint by thirds; the stretch reaching the reference's first or
last 3%, and its first 3% alone); each aspect's median score; for attempts at another sign whose signing
hand's median place is over 0.5 shoulder widths from the reference's ("clearly elsewhere"), how often location
is the correction; and the main correction of a one-handed clip at a two-handed sign (by its references:
feedback.hands_signing) and of a two-handed clip at its own two-handed sign. A fair judge: same-sign attempts
get few corrections; corrections fall during the sign, not on the reference's way in or out nor at its first
moment; a hand clearly elsewhere is told so; a two-handed sign signed with one hand is told so ("both
hands"), one signed with both is not; an attempt scored below ``GOOD_SCORE`` (the app's score: the database's
gallery without the attempt's clip, as the app ranks and calibrates) is told something to work on, never that
everything matched well: a part that differs visibly (below feedback's ``VISIBLE_SCORE``), or, with every part
close to the reference, words on the sign as a whole (feedback's ``Feedback.overall``), counted apart with
the lowest part score of the attempts told a part though none is below ``CORRECTION_SCORE``; and of those that
looked more like another sign, how often what tells the two signs apart (by that sign's clip nearest the
attempt: feedback's ``tell_apart``) is said instead of a correction, after one of that part, or not at all
(beside a clear mistake of another part), and which part it is.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages, not an installed copy's

from desktop_app.core.app.models_switch import load_encoder  # noqa: E402
from desktop_app.core.judging import feedback  # noqa: E402
from desktop_app.core.judging.scoring import GOOD_SCORE, Gallery, score_attempt  # noqa: E402
from desktop_app.core.signing import view  # noqa: E402
from signcore import dtw  # noqa: E402
from signcore.database import SignDatabase, opened_copy  # noqa: E402
from signcore.errors import ends_plainly  # noqa: E402
from signcore.files import write_text_atomically  # noqa: E402
from signcore.paths import assets_dir  # noqa: E402

CLEARLY_ELSEWHERE = 0.5  # shoulder widths between the signing hands' median places
AT_AN_END = 0.03  # of the reference's duration: a stretch this near its start or end reaches it
SEED = 7


def _clips(database: SignDatabase, gallery: Gallery) -> dict[int, dict]:
    """Each clip with an embedding: its sign, the clip as shown (right-handed), DTW features, embedding."""
    row_of = {int(clip_id): row for row, clip_id in enumerate(gallery.clip_ids)}
    hands = view.ClipHands(database)
    shown = view.ViewConvention(mirror=True, left_handed=False)
    clips = {}
    for sign in database.signs():
        sign_clips = database.clips(sign.id)
        for clip in sign_clips:
            if clip.id in row_of:
                pose = shown.reference(view.reference_clip(database, clip.id), hands.of(clip, sign_clips))
                clips[clip.id] = {
                    "sign": sign,
                    "pose": pose,
                    "motion": dtw.dtw_features(pose),
                    "embedding": gallery.embeddings[row_of[clip.id]],
                }
    return clips


def _median_place(track) -> np.ndarray | None:
    return np.median(track.place[track.known], axis=0) if track.known.any() else None


def _judge(
    attempt: dict,
    sign_id: int,
    gallery: Gallery,
    prepared: dict,
    alone: Callable[[int], feedback.PreparedReference],
) -> dict:
    """The feedback on ``attempt`` at sign ``sign_id`` as the app gives it: scored in ``gallery`` (without the
    attempt's clip), against the sign's reference nearest it by the encoder (``prepared``: the sign's
    references in ``gallery``), told what tells it from the sign it looked more like by that sign's clip
    nearest it (``alone``: a clip id's clip as shown, prepared alone)."""
    score = score_attempt(gallery, sign_id, attempt["embedding"], attempt["motion"])
    nearest = score.best_clip_id
    sign_hands = feedback.hands_signing(list(prepared.values()))
    look_alike = None
    if score.looked_like is not None and score.looked_like_clip_id is not None:
        clip_id = score.looked_like_clip_id
        look_alike = feedback.LookAlike(score.looked_like, clip_id, alone(clip_id))
    said = feedback.compare_with_reference(
        attempt["pose"],
        prepared[nearest],
        attempt["motion"],
        False,
        score.score,
        sign_hands,
        looked_like=look_alike,
    )
    given = said.given(score)
    duration = max(float(said.reference_times[-1]), 1e-6)
    main = said.main
    row: dict = {
        "aspect": "none" if main is None else main.parameter,
        "compared_with": nearest,
        "score": None if given is None else given.score,
        "all_matched_well": said.message == feedback.ALL_MATCHED_WELL,
        # each part close, told of the sign as a whole without what tells it from another sign
        "whole_sign": said.overall is not None
        and (said.contrast is None or said.contrast.message != said.overall),
        # what tells the sign from the one it looked more like: instead of a correction, after it, or not said
        "told_apart": None
        if said.contrast is None
        else "instead"
        if said.overall == said.contrast.message
        else "after"
        if said.also is not None
        else "not said",
        "told_apart_part": None if said.contrast is None else said.contrast.parameter,
    }
    # a hand not seen, or left out, is no moment of the sign: its stretch is all the reference shows it
    if main is not None and main.parameter not in ("tracking", feedback.BOTH_HANDS):
        middle = (main.start_s + main.end_s) / 2 / duration
        row["third"] = "start" if middle < 1 / 3 else "end" if middle > 2 / 3 else "middle"
        row["reaches_the_start"] = main.start_s <= AT_AN_END * duration
        row["reaches_an_end"] = row["reaches_the_start"] or main.end_s >= (1 - AT_AN_END) * duration
    attempt_tracks = feedback.PreparedReference.of(attempt["pose"]).tracks
    distances = [
        float(np.linalg.norm(mine - theirs))
        for hand in sign_hands
        if (mine := _median_place(attempt_tracks[hand])) is not None
        and (theirs := _median_place(prepared[nearest].tracks[hand])) is not None
    ]
    row["apart"] = max(distances) if distances else None
    row["attempt_hands"] = sum(track.used for track in attempt_tracks.values())
    row["sign_hands"] = len(sign_hands)
    row["scores"] = {item.parameter: item.score for item in said.items if item.score is not None}
    row["lowest"] = min((item.score for item in said.items if item.score is not None), default=None)
    return row


def measure(database: SignDatabase, other_signs: int) -> list[dict]:
    gallery = Gallery.from_database(database, load_encoder(None).model_hash)
    gallery.chosen_fusion = gallery.choose_fusion()  # as the app does, in the background, before attempts
    clips = _clips(database, gallery)
    by_sign: dict[int, list[int]] = defaultdict(list)
    for clip_id, clip in clips.items():
        by_sign[clip["sign"].id].append(clip_id)
    prepared_signs: dict[tuple[int, ...], dict] = {}

    def prepared(ids: list[int]) -> dict:
        if tuple(ids) not in prepared_signs:
            prepared_signs[tuple(ids)] = feedback.prepare_references({i: clips[i]["pose"] for i in ids})
        return prepared_signs[tuple(ids)]

    alone_prepared: dict[int, feedback.PreparedReference] = {}

    def alone(clip_id: int) -> feedback.PreparedReference:
        if clip_id not in alone_prepared:
            alone_prepared[clip_id] = feedback.PreparedReference.of(clips[clip_id]["pose"])
        return alone_prepared[clip_id]

    chooser = random.Random(SEED)
    rows = []
    for clip_id, clip in clips.items():
        sign = clip["sign"]
        own = [i for i in by_sign[sign.id] if i != clip_id]
        without_it = gallery.without_clips(
            [clip_id]
        )  # the attempt is no reference of the signs it is scored at
        if own:
            judged = _judge(clip, sign.id, without_it, prepared(own), alone)
            rows.append({"kind": "same sign", "language": sign.language, "clip": clip_id, **judged})
        others = [
            s for s in by_sign if s != sign.id and clips[by_sign[s][0]]["sign"].language == sign.language
        ]
        for other in chooser.sample(others, min(other_signs, len(others))):
            judged = _judge(clip, other, without_it, prepared(by_sign[other]), alone)
            rows.append({"kind": "another sign", "language": sign.language, "clip": clip_id, **judged})
    return rows


def _shares(values: list[str]) -> str:
    return ", ".join(f"{name} {100 * n / len(values):.0f}%" for name, n in Counter(values).most_common())


def table(rows: list[dict]) -> str:
    lines = [
        "| attempts | n | main correction | where (thirds) | reaches an end | reaches the start "
        "| median scores |",
        "|---|---:|---|---|---:|---:|---|",
    ]
    for kind in ("same sign", "another sign"):
        for language in sorted({row["language"] for row in rows}) + ["all"]:
            chosen = [r for r in rows if r["kind"] == kind and language in ("all", r["language"])]
            if not chosen:
                continue
            placed = [r for r in chosen if "third" in r]
            medians = ", ".join(
                f"{aspect} {np.median(values):.0f}"
                for aspect in feedback.PARAMETERS
                if (values := [r["scores"][aspect] for r in chosen if aspect in r["scores"]])
            )
            ends, starts = (
                f"{100 * np.mean([r[reach] for r in placed]):.0f}%" if placed else "-"
                for reach in ("reaches_an_end", "reaches_the_start")
            )
            where = _shares([r["third"] for r in placed]) if placed else "-"
            lines.append(
                f"| {kind}, {language} | {len(chosen)} | {_shares([r['aspect'] for r in chosen])} "
                f"| {where} | {ends} | {starts} | {medians} |"
            )
    elsewhere = [r for r in rows if r["kind"] == "another sign" and (r["apart"] or 0) > CLEARLY_ELSEWHERE]
    if elsewhere:
        lines.append(
            f"| another sign, hand clearly elsewhere | {len(elsewhere)} "
            f"| {_shares([r['aspect'] for r in elsewhere])} | | | | |"
        )
    low = [r for r in rows if r["score"] is not None and r["score"] < GOOD_SCORE]
    if low:
        told_well = sum(r["all_matched_well"] for r in low)
        lines.append(
            f"| scored below {GOOD_SCORE:.0f}, told all matched well | {told_well} of {len(low)} "
            f"| {_shares([r['aspect'] for r in low])} | | | | |"
        )
        whole_sign = sum(r["whole_sign"] for r in low)
        # told a part though none is below CORRECTION_SCORE: how far the part it names differs
        fallback = [r["lowest"] for r in low if r["aspect"] in feedback.PARAMETERS]
        fallback = [lowest for lowest in fallback if lowest >= feedback.CORRECTION_SCORE]
        named = f"{len(fallback)}, scoring {min(fallback):.0f}-{max(fallback):.0f}" if fallback else "0"
        lines.append(
            f"| scored below {GOOD_SCORE:.0f}, told the sign as a whole (each part close) | {whole_sign} of "
            f"{len(low)} | told a part with none below {feedback.CORRECTION_SCORE:.0f}: {named} | | | | |"
        )
        # looked more like another sign: what tells the two apart, said instead of a correction (no clear
        # mistake), after one of the same part, or not said beside a clear mistake of another part
        apart = [r for r in low if r["told_apart"] is not None]
        ways = Counter(r["told_apart"] for r in apart)
        parts = _shares([r["told_apart_part"] for r in apart if r["told_apart"] != "not said"]) or "-"
        lines.append(
            f"| scored below {GOOD_SCORE:.0f}, looked like another sign: told what tells the two apart "
            f"| {ways['instead'] + ways['after']} of {len(apart)} (instead of a correction "
            f"{ways['instead']}, after one of that part {ways['after']}, not said beside another part's "
            f"{ways['not said']}) "
            f"| {parts} | | | |"
        )
    for name, kind, attempt_hands in (
        ("one hand at a two-handed sign", "another sign", 1),
        ("both hands at their two-handed sign", "same sign", 2),
    ):
        for language in sorted({row["language"] for row in rows}):
            chosen = [
                r
                for r in rows
                if (r["kind"], r["language"], r["sign_hands"], r["attempt_hands"])
                == (kind, language, 2, attempt_hands)
            ]
            if chosen:
                shares = _shares([r["aspect"] for r in chosen])
                lines.append(f"| {name}, {language} | {len(chosen)} | {shares} | | | | |")
    return "\n".join(lines)


@ends_plainly  # a --db that does not exist: said on one line, exit code 2
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=assets_dir() / "default_signs.db")
    parser.add_argument("--other-signs", type=int, default=6, help="other signs per attempt (default 6)")
    parser.add_argument("--json", type=Path, help="also write every attempt's row here")
    args = parser.parse_args(argv)
    with opened_copy(args.db) as database:  # never opened in place: the shipped file is only copied
        rows = measure(database, args.other_signs)
    print(table(rows))
    if args.json is not None:
        write_text_atomically(args.json, json.dumps(rows, default=float, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
