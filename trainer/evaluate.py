"""``python -m trainer evaluate``: retrieval accuracy of an encoder (or of the DTW baseline) on sign folders.

    python -m trainer evaluate DATA                       # leave-one-out within one sign folder
    python -m trainer evaluate DATA --gallery REFERENCES  # DATA's clips as queries against another folder
    python -m trainer evaluate --protocol dgs             # the fixed DGS split: seen and zero-shot rows
    python -m trainer evaluate ... --idle-frames 40       # every clip as an untrimmed recording of it
    python -m trainer evaluate ... --rest-frames 40       # the same, with the hands in view, hanging
    python -m trainer evaluate ... --mirror-half          # half of the clips as left-handers sign them

Every number is the same retrieval rule as the app's (:mod:`signcore.retrieval`): a query ranks the
gallery's DISTINCT glosses by their nearest clip; top-k = the true gloss is among the first k. Leave-one-out
queries every clip whose gloss has at least two clips against every other clip (glosses with one clip stay
in the gallery as distractors). The silhouette is that of the query clips among themselves (embeddings
under Euclidean distance, or the DTW distance matrix), with their glosses as labels.

Without ``--method`` (or with ``--method hybrid``) the ranking is the app's, through the same function as
its practice and search pages (:func:`signcore.retrieval.rank_labels`): the encoder's shortlist of glosses
re-ranked by the encoder's and DTW's distances together, calibrated as the query's gallery chooses
(:func:`signcore.retrieval.gallery_fusion`: each method's spread on the gallery, and the encoder weight by
leave-one-out among its own clips), as the app's database does (never with the query; the JSON's
``encoder_weights`` counts the queries per weight). ``--method hybrid-fixed`` ranks with the default
weight and each query's own spreads always; ``embedding`` / ``dtw`` measure either part alone; the
JSON's ``method`` says which ranked.
``--mirror-half`` mirrors a seeded half of the clips.

Runs on onnxruntime alone: nothing here imports torch.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeGuard

import numpy as np
from tqdm import tqdm

from signcore import dtw, retrieval
from signcore.encoder import Encoder
from signcore.errors import InputError
from signcore.files import write_text_atomically
from signcore.formats import LabeledClip, load_dgs
from signcore.layout import PoseSequence
from signcore.paths import shared_dir
from signcore.signfolder import cache_sign_folder_videos, load_sign_folder
from signcore.words import counted
from trainer.augment import with_idle_frames, with_resting_hands

DEFAULT_DGS_ROOT = shared_dir() / "data" / "dgs"
# The DGS protocol's rows: name -> (query split, gallery split) in split.json.
DGS_PROTOCOL = {"DGS seen": ("test", "train"), "DGS zero-shot": ("zs_query", "zs_gallery")}
TOP_K = (1, 5)


@dataclass
class RetrievalResult:
    """One row of an evaluation table (also the JSON written by ``--json``)."""

    name: str
    method: str
    top1: float
    top5: float
    silhouette: float | None  # None when the queries have fewer than two glosses
    n_queries: int
    n_glosses: int  # distinct glosses in the gallery, i.e. the candidates of each ranking
    # {"path": ..., "error": ...} per file that could not be used
    failed: list[dict] = field(default_factory=list)
    # hybrid only: the encoder weights its queries were ranked with (chosen on their galleries) -> queries
    encoder_weights: dict[str, int] | None = None


class DistanceMethod(Protocol):
    """How two sets of clips are compared: a name for the tables and a distance matrix, or for the hybrid
    the stack of the encoder's and DTW's matrices (ranked by ``retrieval.rank_labels``)."""

    name: str

    def distances(self, queries: list[LabeledClip], gallery: list[LabeledClip] | None = None) -> np.ndarray:
        """(queries x gallery) distances, or (methods x queries x gallery); without a gallery, the queries
        against themselves."""
        ...


class EmbeddingMethod:
    """Distances between clips = Euclidean distances between their encoder embeddings."""

    name = "embedding"

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        # id(pose) -> (pose, embedding): clips used as query and gallery are embedded once. Holding the pose
        # keeps its id from being reused by another object while the entry exists.
        self._cache: dict[int, tuple[object, np.ndarray]] = {}

    def embed(self, clips: list[LabeledClip]) -> np.ndarray:
        missing = list(
            {id(clip.pose): clip.pose for clip in clips if id(clip.pose) not in self._cache}.values()
        )
        if missing:
            for pose, vector in zip(missing, self.encoder.embed_many(missing), strict=True):
                self._cache[id(pose)] = (pose, vector)
        return np.stack([self._cache[id(clip.pose)][1] for clip in clips])

    def distances(self, queries: list[LabeledClip], gallery: list[LabeledClip] | None = None) -> np.ndarray:
        """(queries x gallery) distances; without a gallery, among the queries."""
        embedded = self.embed(queries)
        return retrieval.pairwise_distances(embedded, embedded if gallery is None else self.embed(gallery))


class DtwMethod:
    """Distances between clips = the DTW baseline's distances (:mod:`signcore.dtw`).

    Both orientations' matrices (:func:`signcore.dtw.orientation_distances`) are what is computed, kept and
    cached; the distances are :func:`signcore.dtw.prefer_same_side` of them, so a change of that rule's
    setting needs no new dynamic programmes."""

    name = "dtw"

    # Results kept: a table's DTW column and its hybrid ask for the same matrices of a row (queries against
    # the gallery, among themselves for the silhouette, and the hybrid's gallery among itself).
    REMEMBERED = 3

    def __init__(self, cache_dir: Path | None = None):
        self._recent: list[tuple[list, list | None, np.ndarray]] = []  # (queries, gallery, orientations)
        self.cache_dir = cache_dir  # matrices of these very clips computed before (benchmark runs)

    def distances(self, queries: list[LabeledClip], gallery: list[LabeledClip] | None = None) -> np.ndarray:
        """(queries x gallery) distances; without a gallery, among the queries (each pair computed once)."""
        return dtw.prefer_same_side(*self.orientations(queries, gallery))

    def orientations(
        self, queries: list[LabeledClip], gallery: list[LabeledClip] | None = None
    ) -> np.ndarray:
        """(2 x queries x gallery): the distances of each query as it is and mirrored (read-only)."""
        for known_queries, known_gallery, orientations in self._recent:
            if _same_clips(known_queries, queries) and _same_clips(known_gallery, gallery):
                return orientations
        cached = (
            None if self.cache_dir is None else self.cache_dir / f"dtw_{_clips_key(queries, gallery)}.npy"
        )
        if cached is not None and cached.is_file():
            orientations = np.load(cached)
        else:
            with tqdm(total=len(queries), desc="DTW", unit="query", leave=False, disable=None) as bar:
                orientations = dtw.orientation_distances(
                    [clip.pose for clip in queries],
                    None if gallery is None else [clip.pose for clip in gallery],
                    progress=lambda done, _: bar.update(done - bar.n),
                )
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                np.save(cached, orientations)
        orientations.flags.writeable = False
        entry = (list(queries), None if gallery is None else list(gallery), orientations)
        self._recent = [entry, *self._recent][: self.REMEMBERED]
        return orientations


def _clips_key(queries: list[LabeledClip], gallery: list[LabeledClip] | None) -> str:
    """A name for one pair of DTW orientation matrices: the DTW settings and every clip's frames, detections
    and times."""
    settings = f"{dtw.orientation_fingerprint()} both orientations symmetric={gallery is None}"
    key = hashlib.sha256(settings.encode())
    for clip in [*queries, *(gallery or [])]:
        for array in (clip.pose.points, clip.pose.mask, clip.pose.timestamps):
            key.update(np.ascontiguousarray(array).tobytes())
    return key.hexdigest()[:20]


def _same_clips(a: list[LabeledClip] | None, b: list[LabeledClip] | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


class HybridMethod:
    """The app's ranking: for every query, ``retrieval.rank_labels`` on the encoder's and DTW's gloss
    distances (through ``retrieval.hybrid_gloss_distances``). DTW runs on every pair here, so that the DTW
    column of a table can reuse it.

    With ``fusion_from_gallery`` (the app's; "hybrid-fixed" without: the default weight, each query's own
    spreads) each query is ranked with the fusion its gallery chooses: the methods' spreads on its clips and
    the encoder weight by leave-one-out among them (``retrieval.clip_gallery_fusion``), never with the
    query's own ranking."""

    def __init__(self, embedding: EmbeddingMethod, dtw_method: DtwMethod, fusion_from_gallery: bool = True):
        self.parts = (embedding, dtw_method)
        self.fusion_from_gallery = fusion_from_gallery
        self.name = "hybrid" if fusion_from_gallery else "hybrid-fixed"

    def distances(self, queries: list[LabeledClip], gallery: list[LabeledClip] | None = None) -> np.ndarray:
        """(2 x queries x gallery): the encoder's distances, then DTW's."""
        return np.stack([part.distances(queries, gallery) for part in self.parts])

    def gallery_fusion(self, gallery: list[LabeledClip]) -> retrieval.Fusion:
        """The fusion chosen on ``gallery`` alone."""
        encoder, dtw_distances = self.distances(gallery)
        return retrieval.clip_gallery_fusion(encoder, dtw_distances, [c.gloss for c in gallery])

    def leave_one_out_fusions(self, clips: list[LabeledClip], groups: list) -> list[retrieval.Fusion]:
        """Per clip, the fusion chosen on its leave-one-out gallery: the clips outside its group (with one
        clip per group: every other clip, the weight exactly and all at once; the spreads those of all the
        clips, the clip's own row one of the median's, with its own sign left out), never with the clip's
        own ranking."""
        matrices = self.distances(clips)
        glosses = [c.gloss for c in clips]
        if len(set(groups)) == len(groups):
            spreads = retrieval.clip_gallery_spreads(matrices[0], matrices[1], glosses)
            weights = retrieval.encoder_weights_without_each(matrices[0], matrices[1], glosses, spreads)
            return [retrieval.Fusion(float(weight), spreads) for weight in weights]
        group_of = np.asarray(groups)
        chosen = {
            group: _fusion_among(matrices, np.flatnonzero(group_of != group), glosses)
            for group in set(groups)
        }
        return [chosen[group] for group in groups]


def _fusion_among(matrices: np.ndarray, gallery: np.ndarray, glosses: list[str]) -> retrieval.Fusion:
    """The fusion the clips ``gallery`` (indices) choose, from a hybrid's (2 x n x n) distances among all n
    clips (``retrieval.clip_gallery_fusion`` on their rows and columns)."""
    encoder, dtw_distances = (matrix[np.ix_(gallery, gallery)] for matrix in matrices)
    return retrieval.clip_gallery_fusion(encoder, dtw_distances, [glosses[i] for i in gallery])


def gloss_distances(
    distances: np.ndarray, gallery_glosses: list[str], fusions: list[retrieval.Fusion] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted gloss names and the (queries x glosses) ranking distances of one method or a hybrid's stack
    (ranked with each query's fusion; without them, the default)."""
    if distances.ndim == 2:
        return retrieval.clip_to_gloss_distances(distances, gallery_glosses)
    (glosses, embedding), (_, dtw_distances) = (
        retrieval.clip_to_gloss_distances(d, gallery_glosses) for d in distances
    )
    return glosses, retrieval.hybrid_gloss_distances(embedding, dtw_distances, fusions or retrieval.Fusion())


def _combined_for_silhouette(query_distances: np.ndarray) -> np.ndarray:
    """A hybrid's (queries x queries) matrices as one: each divided by its median, weighted as the ranking."""
    if query_distances.ndim == 2:
        return query_distances
    scaled = [d / max(float(np.median(d[d > 0])), 1e-12) if (d > 0).any() else d for d in query_distances]
    weights = (retrieval.DEFAULT_ENCODER_WEIGHT, 1.0 - retrieval.DEFAULT_ENCODER_WEIGHT)
    return sum(w * d for w, d in zip(weights, scaled, strict=True))


def score(
    name: str,
    method_name: str,
    distances: np.ndarray,
    query_glosses: list[str],
    gallery_glosses: list[str],
    query_distances: np.ndarray,
    fusions: list[retrieval.Fusion] | None = None,
) -> RetrievalResult:
    """A table row from a (queries x gallery) distance matrix (excluded pairs at ``inf``) and the
    (queries x queries) matrix the silhouette is computed from (for a hybrid: stacks of them, and each
    query's fusion)."""
    glosses, ranking = gloss_distances(distances, gallery_glosses, fusions)
    top1, top5 = (retrieval.top_k_accuracy(ranking, glosses, query_glosses, k) for k in TOP_K)
    labelled = len(set(query_glosses)) >= 2
    silhouette = (
        retrieval.silhouette_from_distances(_combined_for_silhouette(query_distances), query_glosses)
        if labelled
        else None
    )
    result = RetrievalResult(name, method_name, top1, top5, silhouette, len(query_glosses), len(glosses))
    if fusions is not None:
        result.encoder_weights = _weight_counts(fusions)
    return result


def _weight_counts(fusions: list[retrieval.Fusion]) -> dict[str, int]:
    """How many queries were ranked with each encoder weight (the JSON's ``encoder_weights``)."""
    chosen, counts = np.unique([fusion.encoder_weight for fusion in fusions], return_counts=True)
    return {f"{w:g}": int(c) for w, c in zip(chosen, counts, strict=True)}


def leave_one_out(
    name: str,
    clips: list[LabeledClip],
    method: DistanceMethod,
    groups: list | None = None,
    query_glosses: set[str] | None = None,
) -> RetrievalResult:
    """Each clip whose gloss has another clip, against every other clip.

    With ``groups`` (one label per clip, e.g. its signer), a query is compared with the clips of OTHER
    groups only, and asks only when its gloss has a clip there: leave-one-signer-out. ``query_glosses``
    limits the queries to those glosses (the other clips stay as distractors)."""
    groups = list(range(len(clips))) if groups is None else list(groups)
    glosses = [clip.gloss for clip in clips]
    groups_of: dict[str, set[object]] = {}
    for gloss, group in zip(glosses, groups, strict=True):
        groups_of.setdefault(gloss, set()).add(group)
    query_rows = [
        i
        for i, gloss in enumerate(glosses)
        if groups_of[gloss] - {groups[i]} and (query_glosses is None or gloss in query_glosses)
    ]
    if not query_rows:
        raise InputError(
            name,
            "no gloss has two clips or more, so leave-one-out has nothing to ask: add clips or use --gallery",
        )
    queries = [clips[i] for i in query_rows]
    if 2 * len(queries) >= len(clips):  # cheaper as the symmetric matrix among all clips (half of it for DTW)
        distances = method.distances(clips)[..., query_rows, :]
    else:
        distances = method.distances(queries, clips)
    query_distances = distances[..., query_rows].copy()
    own = np.arange(len(query_rows))
    same_group = np.asarray(groups)[query_rows][:, None] == np.asarray(groups)[None, :]
    distances[..., same_group] = np.inf  # a clip may not find itself (nor its own signer's clips)
    query_distances[..., own, own] = 0.0
    fusions = None
    if _chooses_fusion(method):
        every_fusion = method.leave_one_out_fusions(clips, groups)
        fusions = [every_fusion[i] for i in query_rows]
    query_glosses_of_rows = [glosses[i] for i in query_rows]
    return score(name, method.name, distances, query_glosses_of_rows, glosses, query_distances, fusions)


# Galleries drawn per group by few_references: enough for the mean to settle (the 1-reference rows move by
# under half a point between 10 and 20 draws), few enough for a benchmark run.
FEW_REFERENCE_DRAWS = 10


def few_references(
    name: str,
    clips: list[LabeledClip],
    groups: list,
    references: int,
    method: DistanceMethod,
    gallery_groups: set | None = None,
    asking: list[LabeledClip] | None = None,
    draws: int = FEW_REFERENCE_DRAWS,
    encoder_weight: float | None = None,
) -> RetrievalResult:
    """Each clip against a gallery of only ``references`` clips per gloss, all from ONE other group: a sign
    the learner knows from a few reference clips recorded by somebody else.

    For each group of ``gallery_groups`` (default: every group) in turn, ``draws`` galleries are drawn at
    random (seeded) from its clips, among glosses with that many clips there; the clips of the other groups
    whose gloss is in the gallery ask. Top-k is over all those asks; ``n_queries`` counts the distinct clips
    that asked. ``asking``: the clips as they ask, one per clip (e.g. signed at another tempo); the
    galleries are always ``clips``. ``encoder_weight``: a hybrid ranks every draw with this weight instead
    of the one its gallery chooses (its spreads kept), e.g. to try one-clip weights on validation rows."""
    glosses, groups_array = np.array([clip.gloss for clip in clips]), np.asarray(groups)
    everything = method.distances(clips)  # all pairs once; each draw is a slice of it
    asked = everything if asking is None else method.distances(asking, clips)
    rng = np.random.default_rng(0)
    hits, asks, askers, asked_with = np.zeros(len(TOP_K)), 0, set(), []
    for group in sorted(set(groups) if gallery_groups is None else gallery_groups):
        for _ in range(draws):
            gallery = _draw_gallery(rng, glosses, groups_array == group, references)
            queries = np.flatnonzero((groups_array != group) & np.isin(glosses, glosses[gallery]))
            if queries.size == 0:
                continue
            fusions = None
            if _chooses_fusion(method):
                fusion = _fusion_among(everything, gallery, list(glosses))
                if encoder_weight is not None:
                    fusion = replace(fusion, encoder_weight=encoder_weight)
                fusions = [fusion] * queries.size
                asked_with += fusions
            names, ranking = gloss_distances(
                asked[..., queries, :][..., gallery], list(glosses[gallery]), fusions
            )
            ranks = retrieval.true_gloss_ranks(ranking, names, list(glosses[queries]))
            hits += [(ranks < k).sum() for k in TOP_K]
            asks += queries.size
            askers.update(queries.tolist())
    if asks == 0:
        raise InputError(name, f"no group has {references} clips of a gloss that another group also has")
    top1, top5 = hits / asks
    result = RetrievalResult(name, method.name, top1, top5, None, len(askers), len(np.unique(glosses)))
    if asked_with:
        result.encoder_weights = _weight_counts(asked_with)  # per ask
    return result


def _draw_gallery(
    rng: np.random.Generator, glosses: np.ndarray, allowed: np.ndarray, per_gloss: int
) -> np.ndarray:
    """Indices of ``per_gloss`` random clips of each gloss that has that many among the ``allowed`` clips."""
    chosen: list[int] = []
    for gloss in np.unique(glosses):
        members = np.flatnonzero((glosses == gloss) & allowed)
        if members.size >= per_gloss:
            chosen += rng.choice(members, per_gloss, replace=False).tolist()
    return np.array(chosen, dtype=int)


def query_against_gallery(
    name: str, queries: list[LabeledClip], gallery: list[LabeledClip], method: DistanceMethod
) -> RetrievalResult:
    """Every query clip against a separate gallery (a query gloss the gallery lacks counts as a miss)."""
    if not queries or not gallery:
        raise InputError(
            name, f"{len(queries)} query clips and {len(gallery)} gallery clips: both must have some"
        )
    fusions = [method.gallery_fusion(gallery)] * len(queries) if _chooses_fusion(method) else None
    return score(
        name,
        method.name,
        method.distances(queries, gallery),
        [clip.gloss for clip in queries],
        [clip.gloss for clip in gallery],
        method.distances(queries),
        fusions,
    )


def _chooses_fusion(method: DistanceMethod) -> TypeGuard[HybridMethod]:
    return isinstance(method, HybridMethod) and method.fusion_from_gallery


def load_folder(
    root: Path, cache_dir: Path | None = None, mirrored_videos: bool = False, workers: int = 1
) -> tuple[list[LabeledClip], list[dict]]:
    """The usable clips of a sign folder, and a record of each file that could not be used. Videos not yet
    in the landmark cache are first extracted ``workers`` at a time."""
    cache_sign_folder_videos(
        root, cache_dir, mirrored_videos, workers, progress=_progress_bar(f"extracting videos of {root}")
    )
    folder = load_sign_folder(
        root, cache_dir=cache_dir, progress=_progress_bar(f"reading {root}"), mirrored_videos=mirrored_videos
    )
    failed = [{"path": path, "error": problem} for path, problem in folder.failures]
    clips = []
    for clip in folder.clips:
        if len(clip.pose) == 0:
            failed.append({"path": clip.source, "error": "no frames"})
        elif not clip.pose.mask.any():  # e.g. a video of an empty room: its embedding would mean nothing
            failed.append({"path": clip.source, "error": "nobody was found in any frame"})
        else:
            clips.append(clip)
    if not clips:
        raise InputError(
            root, "no usable clips (expected DIR/<gloss>/<clip> files)" + _failure_summary(failed)
        )
    return clips, failed


def dgs_protocol(dgs_root: Path) -> dict[str, tuple[list[LabeledClip], list[LabeledClip]]]:
    """The DGS protocol's rows: name -> (queries, gallery), from ``split.json`` beside ``3D_full``."""
    split_path = dgs_root / "split.json"
    try:
        split = json.loads(split_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(split_path, f"cannot read the DGS split ({error})") from error
    clips_root = dgs_root / "3D_full"
    by_path = {Path(clip.source).relative_to(clips_root).as_posix(): clip for clip in load_dgs(clips_root)}
    rows = {}
    for name, (query_split, gallery_split) in DGS_PROTOCOL.items():
        missing = [p for p in split[query_split] + split[gallery_split] if p not in by_path]
        if missing:
            raise InputError(
                split_path, f"{len(missing)} listed clips are not in {clips_root}, e.g. {missing[0]}"
            )
        rows[name] = ([by_path[p] for p in split[query_split]], [by_path[p] for p in split[gallery_split]])
    return rows


def format_table(results: list[RetrievalResult]) -> str:
    """The rows as a markdown table."""
    lines = [
        "| evaluation | method | queries | glosses | top-1 | top-5 | silhouette |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        silhouette = "n/a" if r.silhouette is None else f"{r.silhouette:.3f}"
        cells = (r.name, r.method, r.n_queries, r.n_glosses, f"{r.top1:.3f}", f"{r.top5:.3f}", silhouette)
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)


def write_json(path: Path, payload: dict) -> None:
    write_text_atomically(path, json.dumps(payload, indent=2, ensure_ascii=False))


def make_method(name: str, model: Path | None) -> DistanceMethod:
    if name == "dtw":
        return DtwMethod()
    embedding = EmbeddingMethod(Encoder(model))
    if name == "embedding":
        return embedding
    return HybridMethod(embedding, DtwMethod(), fusion_from_gallery=name == "hybrid")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data", nargs="?", type=Path, help="sign folder: DATA/<gloss>/[...]/<clip> (videos, .pose, ...)"
    )
    parser.add_argument(
        "--gallery", type=Path, help="a second sign folder as the gallery (DATA gives the queries)"
    )
    parser.add_argument(
        "--model", type=Path, help="encoder ONNX file (default: the shipped models/encoder.onnx)"
    )
    parser.add_argument(
        "--method",
        choices=("embedding", "dtw", "hybrid", "hybrid-fixed"),
        default="hybrid",
        help="hybrid (default): the app's ranking, the encoder's and DTW's fused (signcore.retrieval."
        "rank_labels) with the fusion each query's gallery chooses (each method's spread on the gallery, "
        "the encoder weight by leave-one-out among its own clips); hybrid-fixed: the same with the default "
        "weight and each query's own spreads always; embedding: the encoder alone; dtw: the DTW baseline "
        "alone",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--cache-dir", type=Path, help="where landmarks extracted from videos are cached")
    parser.add_argument(
        "--mirrored-videos", action="store_true", help="the videos are selfie (mirrored) views"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="videos extracted at a time, one process each (default: 2)"
    )
    parser.add_argument(
        "--idle-frames",
        type=int,
        default=0,
        metavar="N",
        help="put 0 to N frames of the signer standing still, hands out of view, before and after every clip "
        "(random, seeded): how the method copes with untrimmed recordings",
    )
    parser.add_argument(
        "--rest-frames",
        type=int,
        default=0,
        metavar="N",
        help="put 0 to N frames of the signer standing still with the hands in view, hanging at the sides, "
        "before and after every clip that shows the shoulders (random, seeded; after any --idle-frames)",
    )
    parser.add_argument(
        "--mirror-half",
        action="store_true",
        help="mirror a random half of the clips (seeded), as if signed by left-handers",
    )
    parser.add_argument("--protocol", choices=("dgs",), help="run a fixed protocol instead of DATA")
    parser.add_argument(
        "--dgs-root", type=Path, default=DEFAULT_DGS_ROOT, help="the DGS folder (with split.json)"
    )


def run(args: argparse.Namespace) -> int:
    if (args.data is None) == (args.protocol is None):
        print("error: give a sign folder DATA or --protocol dgs (not both)", file=sys.stderr)
        return 2
    if args.workers < 1 or min(args.idle_frames, args.rest_frames) < 0:
        print(
            "error: --workers must be at least 1, --idle-frames and --rest-frames at least 0", file=sys.stderr
        )
        return 2
    method = make_method(args.method, args.model)
    idle = functools.partial(add_frames_around, most=args.idle_frames, rng=np.random.default_rng(0))
    rest = functools.partial(
        add_frames_around, most=args.rest_frames, rng=np.random.default_rng(2), frames=with_resting_hands
    )
    mirror_rng = np.random.default_rng(1)

    def untrimmed(clips: list[LabeledClip]) -> list[LabeledClip]:
        clips = rest(idle(clips))
        return mirror_half(clips, mirror_rng) if args.mirror_half else clips

    if args.protocol == "dgs":
        rows = dgs_protocol(args.dgs_root)
        results = [
            query_against_gallery(name, untrimmed(q), untrimmed(g), method) for name, (q, g) in rows.items()
        ]
        payload = {result.name: asdict(result) for result in results}
    else:
        clips, failed = load_folder(args.data, args.cache_dir, args.mirrored_videos, args.workers)
        try:
            if args.gallery is None:
                result = leave_one_out(str(args.data), untrimmed(clips), method)
            else:
                gallery, gallery_failed = load_folder(
                    args.gallery, args.cache_dir, args.mirrored_videos, args.workers
                )
                failed += gallery_failed
                name = f"{args.data} vs {args.gallery}"
                result = query_against_gallery(name, untrimmed(clips), untrimmed(gallery), method)
        except InputError as error:  # e.g. too few clips left: say which files were lost on the way
            raise InputError(error.source, error.problem + _failure_summary(failed)) from error
        result.failed = failed
        results, payload = [result], asdict(result)
    print(format_table(results))
    for result in results:
        if result.failed:
            print(_failure_summary(result.failed))
    if args.json:
        write_json(args.json, payload)
    return 0


def mirror_half(clips: list[LabeledClip], rng: np.random.Generator) -> list[LabeledClip]:
    """The clips with a random half of them (seeded by ``rng``) seen in a mirror, as if signed by
    left-handers: how the method copes with signers of the other hand."""
    chosen = set(rng.permutation(len(clips))[: len(clips) // 2].tolist())
    return [replace(clip, pose=clip.pose.mirrored()) if i in chosen else clip for i, clip in enumerate(clips)]


def add_frames_around(
    clips: list[LabeledClip],
    most: int,
    rng: np.random.Generator,
    frames: Callable[[PoseSequence, int, int], PoseSequence] = with_idle_frames,
) -> list[LabeledClip]:
    """The clips, each with 0 to ``most`` frames before and after it (random), made by ``frames``: idle
    frames without hands (:func:`with_idle_frames`) or hands resting in view (:func:`with_resting_hands`)."""
    if most == 0:
        return clips
    return [replace(clip, pose=frames(clip.pose, *rng.integers(0, most + 1, 2))) for clip in clips]


def _failure_summary(failed: list[dict]) -> str:
    """Every file that could not be used, one a line, with the reason (empty when none failed)."""
    if not failed:
        return ""
    return f"\n{counted(len(failed), 'file')} could not be used:" + "".join(
        f"\n  {f['path']}: {f['error']}" for f in failed
    )


def _progress_bar(description: str):
    """A ``progress(done, total)`` callback drawing a tqdm bar on stderr (silent when not a terminal)."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=description, unit="file", leave=False, disable=None)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return progress
