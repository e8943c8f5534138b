"""Scoring an attempt against the database: a 0-100 score calibrated per sign, and the nearest signs.

The score works on embeddings held in memory (:class:`Gallery`), so an attempt is embedded once and
compared with every reference clip in a few milliseconds, even with 10,000 clips. Distance to a sign =
distance to its NEAREST reference clip (the rule of signcore.retrieval).

The nearest signs are THE ranking of signcore.retrieval (:func:`signcore.retrieval.rank_labels`, the very
function ``python -m trainer evaluate`` measures by default) when the gallery can read its clips' poses
(:meth:`Gallery.from_database`): the encoder's shortlist of signs re-ranked by the encoder's and DTW's
distances together, which recognises signs the encoder never trained on better than either alone. DTW then
runs on the shortlisted signs' clips only, their features read from the database once per gallery.
Without poses, the encoder alone ranks.

How a distance becomes a score (:class:`Calibration`). Embedding distances have no absolute meaning: one
model spreads every sign wider than another, and a sign performed in many ways has looser clips than a
stiff one. So each sign is calibrated from its own reference clips, with two distances measured exactly
as an attempt's distance is (nearest clip):

* ``typical``: how far a correct performance usually lands from the sign's nearest OTHER reference clip
  (leave-one-out over the sign's clips, median). A distance like this scores 75.
* ``confusable``: how far the sign's clips usually are from the nearest clip of ANOTHER sign (median over
  its clips). Landing this far away is as close to a different sign as to this one: it scores 40.

Between and beyond, a logistic curve through those two points: ``score(d) = 100 / (1 + exp(k (d - m)))``,
falling smoothly towards 0 for distances far beyond ``confusable`` and rising towards 100 (about 93 when
``confusable`` is twice ``typical``) for a near-perfect copy of a reference.

Signs with one clip have no leave-one-out distance: their ``typical`` is their ``confusable`` times the
ratio typical/confusable measured on the gallery's signs that do have several clips (a property of the
model). A sign that sits closer to a neighbour than its own clips sit to each other gets a minimum gap
(``confusable`` >= 1.25 x ``typical``) so the curve stays monotone and meaningful.

Recognised attempts. A sign's reference clips often come from few signers in one session, so they sit much
closer to each other than a new signer's correct attempt does, and the curve alone would give that attempt
a low score although the app recognises it: the nearest signs list puts it first. So the score is the
higher of the curve and a recognition score, which grows with the chosen sign's lead in the ranking over
the best other sign, measured in standard deviations of the ranking's values over the shortlisted signs
(:meth:`Ranking.lead`): a lead of 0 (a tie) scores ``RECOGNISED_SCORE``, one standard deviation ahead 75,
as far behind 25; recognition alone never scores above ``TYPICAL_SCORE`` (beyond that only closeness to
the references counts). An attempt ranked first with a measurable lead (another sign to compare it with) is
marked ``recognised``.

But the ranking only chooses among the signs the database knows: a sign it does not know is ranked nearest
to the known sign most like it, with a lead (ASL "abdomen" practised as "please" scored 75, "recognised").
So where the gallery can read its clips, recognition also needs the attempt's motion to be like the sign's:
its DTW distance to the sign's nearest reference clip at most ``MOTION_SPREADS`` times the sign's
``motion typical`` (:meth:`Gallery.motion_typical`: how far, by DTW, its clips usually are from its nearest
other clip; leave-one-out, as ``typical``). Beyond it the score is the curve's alone. A new signer's correct
attempt lies further from tight references by DTW too, but less than another sign usually does: a sign left
out of the starter database is praised as its nearest known sign a quarter less often, a new signer's true
attempt about as often (tools/measure_open_set.py; models/MODEL_CARD.md, "A sign the database does not know").
Not every such sign: abdomen's motion is near enough to please's that it is still praised.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

import numpy as np

from signcore import dtw
from signcore.database import SignDatabase
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.retrieval import (
    HYBRID_SHORTLIST,
    Fusion,
    GlossGallery,
    clip_to_gloss_distances,
    gallery_fusion,
    pairwise_distances,
    rank_glosses,
    rank_labels,
)
from signcore.words import sign_names

TYPICAL_SCORE = 75.0
GOOD_SCORE = 70.0  # from here on an attempt is praised ("Well done"): no correction may contradict that
CONFUSABLE_SCORE = 40.0
MIN_GAP_FACTOR = 1.25
DEFAULT_TYPICAL_RATIO = 0.6  # typical/confusable when no sign in the gallery has two clips
RATIO_SAMPLE_SIGNS = 60  # signs used to measure the gallery's typical/confusable ratio (bounded cost)
NEAREST_COUNT = 5
# Reference clips whose DTW features a gallery keeps (~16 kB each as float32; DTW computes in float64): the
# shortlists of ~10 different signs' attempts in a database of 10 clips per sign.
MOTION_CACHE_CLIPS = 1000
MOTION_DTYPE = np.float32
# Clips read in advance when a sign is chosen (half the cache, ~1 s in the background): the neighbourhood in
# which its attempts' shortlists fall. With 10,000 clips (the benchmark's gallery), 50 signs around the sign
# held all but a few signs of 15 attempts' shortlists where the 10 nearest held half of them.
PREFETCH_CLIPS = MOTION_CACHE_CLIPS // 2
# Clips of a gallery asked by leave-one-out when it chooses its fusion (seeded sample; ~5 s on one core):
# bounds the cost of a 10,000-clip gallery, and a near-tie is then 3 asks (signcore.retrieval).
WEIGHT_QUERIES = 300
RECOGNISED_SCORE = 50.0  # the recognition score at a lead of 0 (module docstring)
RECOGNITION_SCALE = 1.0 / math.log(3.0)  # a lead of one standard deviation scores 75 (module docstring)
# How many of the sign's motion typicals (DTW) an attempt may lie from its nearest reference clip and still be
# recognised (module docstring): the strictest that kept a new signer's praise within a point, chosen on
# clips of the starter signs from the shared data (not the starter clips held out of their sign: one
# recording session, so too alike by DTW; 3 looked fine there but cost new signers 6 points of praise).
MOTION_SPREADS = 5.0
# Clips of a sign whose DTW distances to each other give its motion typical: bounds its cost (12 x 11 DTW
# pairs) for a sign the learner recorded many times.
MOTION_TYPICAL_CLIPS = 12

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Neighbour:
    sign_id: int
    gloss: str
    name: str  # as the learner is shown it: "hallo (DGS)" (Gallery.name)
    distance: float


@dataclass(frozen=True)
class Calibration:
    """The two reference distances of one sign (see the module docstring) and the curve through them."""

    typical: float
    confusable: float
    from_single_clip: bool = False

    @property
    def _slope_and_midpoint(self) -> tuple[float, float]:
        confusable = max(self.confusable, MIN_GAP_FACTOR * self.typical, self.typical + 1e-9)
        # Solve 100/(1+exp(k(d-m))) = 75 at typical and 40 at confusable:
        # k(typical - m) = ln(100/75 - 1) = -ln 3,  k(confusable - m) = ln(100/40 - 1) = ln 1.5.
        low = math.log(100.0 / TYPICAL_SCORE - 1.0)
        high = math.log(100.0 / CONFUSABLE_SCORE - 1.0)
        slope = (high - low) / (confusable - self.typical)
        return slope, self.typical - low / slope

    def score(self, distance: float) -> float:
        slope, midpoint = self._slope_and_midpoint
        exponent = min(slope * (distance - midpoint), 700.0)  # math.exp overflows beyond ~709
        return 100.0 / (1.0 + math.exp(exponent))


@dataclass(frozen=True)
class AttemptScore:
    sign_id: int
    gloss: str
    name: str  # as the learner is shown it: "hallo (DGS)" (Gallery.name)
    score: float  # 0-100
    distance: float  # to the sign's nearest reference clip
    # Both name only signs of the chosen sign's language (Gallery.same_language)
    nearest: list[Neighbour]  # the NEAREST_COUNT first signs of the ranking (each at its encoder distance)
    closer_signs: list[Neighbour]  # signs ranked before the chosen one
    calibration: Calibration
    best_clip_id: int  # the reference clip the attempt came closest to (used for feedback and replay)
    recognised: bool = False  # ranked first with a measurable lead (the score is then >= RECOGNISED_SCORE)
    # The clip of the sign it looked most like (closer_signs[0]) nearest to it, by the encoder as best_clip_id
    # is: what tells the two signs apart is measured with it (feedback.tell_apart)
    looked_like_clip_id: int | None = None

    @property
    def looked_like_sign(self) -> Neighbour | None:
        """The sign the attempt looked most like of those ranked before the chosen one, as its result names
        it (the verdict, a lesson's rating, the Compare offered); None where none was, or where the attempt
        is praised (GOOD_SCORE), which nothing said beside it contradicts: "Well done … It looks closer to
        letter W" came with no Compare, and the learner could not tell whether they had done well."""
        return self.closer_signs[0] if self.closer_signs and self.score < GOOD_SCORE else None

    @property
    def looked_like(self) -> str | None:
        """The name of :attr:`looked_like_sign`."""
        sign = self.looked_like_sign
        return None if sign is None else sign.name

    def to_json(self) -> dict[str, object]:
        """For the attempt's details in the database."""
        return {
            "score": round(self.score, 1),
            "distance": self.distance,
            "nearest": [
                {"sign_id": n.sign_id, "gloss": n.gloss, "distance": n.distance} for n in self.nearest
            ],
            "closer_signs": [n.gloss for n in self.closer_signs],
            "calibration": {"typical": self.calibration.typical, "confusable": self.calibration.confusable},
            "best_clip_id": self.best_clip_id,
            "recognised": self.recognised,
        }


@dataclass(frozen=True)
class Ranking:
    """Signs in ranking order with their ranking values (lower = nearer; log distances centred over the
    candidates, in the gallery's typical spreads once chosen, so they have no unit and compare across
    attempts)."""

    signs: list[Neighbour]
    values: np.ndarray  # (len(signs),) ascending; inf: a sign none of whose clips could be compared
    # sign id -> DTW distance to its nearest clip (inf: none readable), for the signs DTW ranked (hybrid only)
    motion_distances: dict[int, float] = field(default_factory=dict)

    def position(self, sign_id: int) -> int:
        return next(i for i, n in enumerate(self.signs) if n.sign_id == sign_id)

    def lead(self, sign_id: int) -> float | None:
        """How far ``sign_id`` is ahead of the best other sign (negative: behind), in standard deviations of
        the finite values; None when there is no other sign to compare it with."""
        finite = np.isfinite(self.values)
        mine = self.position(sign_id)
        others = finite & (np.arange(len(self.values)) != mine)
        if not finite[mine] or not others.any():
            return None
        spread = float(np.std(self.values[finite]))
        gap = float(self.values[others].min() - self.values[mine])
        return gap / spread if spread > 0 else 0.0


def recognition_score(lead: float) -> float:
    """The score earned by being recognised: RECOGNISED_SCORE at a lead of 0, capped at TYPICAL_SCORE."""
    exponent = min(-lead / RECOGNITION_SCALE, 700.0)
    return min(2.0 * RECOGNISED_SCORE / (1.0 + math.exp(exponent)), TYPICAL_SCORE)


@dataclass
class Gallery:
    """Every reference clip's embedding for one model, in memory."""

    clip_ids: np.ndarray  # (N,) int
    sign_ids: np.ndarray  # (N,) int
    glosses: list[str]  # (N,) the gloss of each clip's sign
    embeddings: np.ndarray  # (N, D) float32
    model_hash: str = ""  # the encoder that made the embeddings: only its embeddings may be compared
    read_pose: Callable[[int], PoseSequence] | None = None  # clip id -> pose: enables the hybrid ranking
    languages: dict[int, str] = field(default_factory=dict)  # sign id -> its language ("" or absent: none)
    # What choose_fusion chose for this gallery, once the app has run it in the background.
    chosen_fusion: Fusion | None = None
    _calibrations: dict[int, Calibration] = field(default_factory=dict, repr=False)
    _motion_typicals: dict[int, float | None] = field(default_factory=dict, repr=False)
    # sign id -> set once its motion typical is measured: the signs a thread is measuring now, which another
    # thread asking meanwhile waits for rather than measures again (guarded by _motion_lock)
    _measuring: dict[int, threading.Event] = field(default_factory=dict, repr=False)
    _typical_ratio: float | None = field(default=None, repr=False)
    # clip id -> DTW features (None: the clip could not be read), filled as rankings need them
    _motion: dict[int, dtw.DtwFeatures | None] = field(default_factory=dict, repr=False)
    _motion_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # (id of the cache, clip id) -> set once that clip is read into that cache: the clips a thread is reading
    # now, which another thread asking for them meanwhile waits for rather than reads again
    _reading: dict[tuple[int, int], threading.Event] = field(default_factory=dict, repr=False)

    @classmethod
    def from_database(cls, database: SignDatabase, model_hash: str) -> Gallery:
        """The clips' cached embeddings; clips without a cached embedding are left out. Their poses are read
        from ``database`` when a hybrid ranking first needs them."""
        clip_ids, sign_ids, glosses, matrix = database.embeddings_for(model_hash)
        matrix = np.asarray(matrix, np.float32)
        return cls(
            np.asarray(clip_ids),
            np.asarray(sign_ids),
            list(glosses),
            matrix,
            model_hash,
            read_pose=database.clip_pose,
            languages={sign.id: sign.language for sign in database.signs()},
        )

    def __len__(self) -> int:
        return len(self.clip_ids)

    def without_clips(self, clip_ids: Collection[int]) -> Gallery:
        """This gallery without the clips ``clip_ids``: an attempt is scored and ranked as if they were not
        references (a new clip judged against its sign's clips not recorded by the learner,
        :mod:`desktop_app.core.judging.clip_check`). Its fusion and the DTW features read so far are this
        gallery's (the clips kept are the same clips); its calibrations are its own."""
        kept = ~np.isin(self.clip_ids, list(clip_ids))
        smaller = Gallery(
            self.clip_ids[kept],
            self.sign_ids[kept],
            [gloss for gloss, keep in zip(self.glosses, kept, strict=True) if keep],
            self.embeddings[kept],
            self.model_hash,
            self.read_pose,
            self.languages,
            self.chosen_fusion,
        )
        # One cache and one read of each clip for both: a clip either one is reading is waited for
        smaller._motion, smaller._motion_lock = self._motion, self._motion_lock
        smaller._reading = self._reading
        return smaller

    def __post_init__(self) -> None:
        self._gloss_of_sign: dict[int, str] = dict(zip(self.sign_ids.tolist(), self.glosses, strict=True))
        # Each sign as the learner is shown it, told apart from the gallery's other signs of its name.
        names = sign_names(
            [(gloss, self.languages.get(sign_id, "")) for sign_id, gloss in self._gloss_of_sign.items()]
        )
        self._name_of_sign = dict(zip(self._gloss_of_sign, names, strict=True))
        # signcore.retrieval ranks distinct labels by their nearest clip; here the label is the sign id.
        # Built once up front (~15 ms for 10,000 clips), so that scoring an attempt takes well under 1 ms.
        self._by_sign = GlossGallery(self.embeddings, [str(s) for s in self.sign_ids]) if len(self) else None
        # The sign id of each of its labels (they are the sign ids as text), in its order.
        self._label_signs = [] if self._by_sign is None else [int(label) for label in self._by_sign.glosses]

    @property
    def fusion(self) -> Fusion:
        """How the hybrid ranking fuses the encoder and DTW: the chosen fusion; until then the default
        weight and each attempt's own spreads."""
        return Fusion() if self.chosen_fusion is None else self.chosen_fusion

    def _sign_gallery(self) -> GlossGallery:
        if self._by_sign is None:
            raise ValueError("the gallery holds no clip, so it ranks no sign")
        return self._by_sign

    def gloss(self, sign_id: int) -> str:
        return self._gloss_of_sign[sign_id]

    def name(self, sign_id: int) -> str:
        """The sign as lists and titles name it ("hallo (DGS)"; :func:`signcore.words.sign_names`)."""
        return self._name_of_sign[sign_id]

    def has_sign(self, sign_id: int) -> bool:
        return sign_id in self._gloss_of_sign

    def sign_rows(self, sign_id: int) -> np.ndarray:
        return np.flatnonzero(self.sign_ids == sign_id)

    def sign_distance(self, embedding: np.ndarray, sign_id: int) -> tuple[float, int]:
        """Encoder distance from ``embedding`` to the sign's nearest reference clip, and that clip's row."""
        rows = self.sign_rows(sign_id)
        to_references = pairwise_distances(np.asarray(embedding)[None, :], self.embeddings[rows])[0]
        best = int(np.argmin(to_references))
        return float(to_references[best]), int(rows[best])

    def encoder_ranking(self, embedding: np.ndarray, include: int | None = None) -> Ranking:
        """The encoder's shortlist ordered by the encoder alone (a gallery that cannot read its clips)."""
        return self._ranking(embedding, None, include)

    def hybrid_ranking(
        self, embedding: np.ndarray, pose: PoseSequence | dtw.DtwFeatures, include: int | None = None
    ) -> Ranking:
        """THE ranking (:func:`signcore.retrieval.rank_labels`, the one ``trainer evaluate`` measures): the
        encoder's shortlist ordered by the encoder's and DTW's distances fused. Needs ``read_pose``;
        ``pose`` may be given as its DTW features, when computed already."""
        if self.read_pose is None:
            raise ValueError("this gallery cannot read its clips' poses, so it cannot rank with DTW")
        measured: dict[int, float] = {}  # kept for the motion check (moves_like), not measured again there

        def dtw_distances(sign_ids: list[int]) -> np.ndarray:
            distances = self._dtw_sign_distances(pose, sign_ids)
            measured.update(zip(sign_ids, distances.tolist(), strict=True))
            return distances

        return replace(self._ranking(embedding, dtw_distances, include), motion_distances=measured)

    def _ranking(
        self,
        embedding: np.ndarray,
        dtw_distances: Callable[[list[int]], np.ndarray] | None,
        include: int | None,
    ) -> Ranking:
        encoder = self._sign_gallery().gloss_distances(np.asarray(embedding)[None, :])[0]
        rows = self._rival_rows(include)
        sign_ids = [self._label_signs[row] for row in rows]
        order, values = rank_labels(
            encoder[rows],
            None if dtw_distances is None else lambda among: dtw_distances([sign_ids[i] for i in among]),
            None if include is None else sign_ids.index(include),
            self.fusion,
        )
        signs = [
            Neighbour(sign_ids[i], self.gloss(sign_ids[i]), self.name(sign_ids[i]), float(encoder[rows[i]]))
            for i in order
        ]
        return Ranking(signs, values)

    def same_language(self, sign_id: int, other_id: int) -> bool:
        """Whether an attempt at ``sign_id`` may name ``other_id``: only signs of its language, since a
        learner of one language does not know another's signs ("closer to du than to a" meant nothing to a
        learner of ASL), nor a sign imported without one ("looked more like testpose" in an ASL lesson);
        a sign without a language names those without one."""
        return self.languages.get(sign_id, "") == self.languages.get(other_id, "")

    def _rival_rows(self, practised: int | None) -> np.ndarray:
        """The signs (rows of the sign gallery) an attempt at ``practised`` is ranked among: those of its
        language (:meth:`same_language`). Every sign for a search, or for the only sign of its language,
        which has nothing to be told apart from but still needs rivals for a lead (score_attempt then
        names none of them)."""
        every = np.arange(len(self._label_signs))
        if practised is None:
            return every
        rivals = every[[self.same_language(practised, sign_id) for sign_id in self._label_signs]]
        return rivals if len(rivals) > 1 else every

    def choose_fusion(
        self, progress: Callable[[int, int], None] = lambda done, total: None, queries: int = WEIGHT_QUERIES
    ) -> Fusion:
        """The fusion this gallery's own clips choose (:func:`signcore.retrieval.gallery_fusion`): up to
        ``queries`` clips (a seeded sample) of signs with another clip (without such signs: of all signs,
        which give the spreads but no weight), each ranked against the other clips, DTW at its shortlist
        only, as an attempt is. Takes seconds (DTW): run it in the background; ``progress(done, total)``
        after each clip may raise to stop it."""
        if self.read_pose is None:
            return Fusion()  # the encoder ranks alone anyway
        _, sign_index, sizes = np.unique(self.sign_ids, return_inverse=True, return_counts=True)
        repeated = np.flatnonzero(sizes[sign_index] >= 2)
        asked = repeated if len(repeated) else np.arange(len(self))
        rows = np.sort(np.random.default_rng(0).permutation(asked)[:queries])
        to_clips = pairwise_distances(self.embeddings[rows], self.embeddings)
        to_clips[np.arange(len(rows)), rows] = np.inf  # a clip never finds itself
        labels, encoder = clip_to_gloss_distances(to_clips, [str(s) for s in self.sign_ids])
        dtw_distances = np.full(encoder.shape, np.nan)  # needed at the shortlists only
        readable = np.zeros(len(rows), bool)
        # When the whole gallery does not fit in the motion cache, this job reads into its own, so that the
        # clips prefetched for the sign being practised stay. Its reads claim no clip: it runs at a lower
        # priority than the scoring thread, which would then wait for it (claim in _motion_features).
        cache: dict[int, dtw.DtwFeatures | None] | None = None if len(self) <= MOTION_CACHE_CLIPS else {}
        for done, (row, shortlist) in enumerate(
            zip(rows, rank_glosses(encoder, HYBRID_SHORTLIST), strict=True)
        ):
            clip_id = int(self.clip_ids[row])
            query = self._motion_features([clip_id], cache, claim=False)[0]
            if query is not None:
                signs = [int(labels[label]) for label in shortlist]
                dtw_distances[done, shortlist] = self._dtw_sign_distances(
                    query, signs, clip_id, cache, claim=False
                )
                readable[done] = True
            progress(done + 1, len(rows))
        own = np.searchsorted(labels, [str(s) for s in self.sign_ids[rows]])
        return gallery_fusion(encoder[readable], dtw_distances[readable], own[readable])

    def prefetch_motion(
        self, sign_id: int, cancelled: Callable[[], bool] = lambda: False, clips: int = PREFETCH_CLIPS
    ) -> None:
        """Read the DTW features an attempt at ``sign_id`` will most likely be ranked with: those of the signs
        nearest to its reference clips (each sign at its clip nearest to any of them, as the encoder sees
        it), nearest first, up to ``clips`` clips, and the sign's motion typical its attempts are judged by.
        Reading a clip from the database is most of a ranking's cost, so the app does this when the sign is
        chosen, not when the attempt ends. Stops early once ``cancelled()`` (another sign was chosen
        meanwhile)."""
        if self.read_pose is None:
            return
        self.motion_typical(sign_id)  # reads the sign's own clips, which come first below anyway
        by_sign = self._sign_gallery()
        nearness = by_sign.gloss_distances(self.embeddings[self.sign_rows(sign_id)]).min(axis=0)
        read = 0
        for row in np.argsort(nearness, kind="stable"):  # ties by label, as the ranking breaks them
            for clip_id in self.clip_ids[self.sign_rows(self._label_signs[row])].tolist():
                if read == clips or cancelled():
                    return
                self._motion_features([clip_id])
                read += 1

    def _motion_features(
        self, clip_ids: list[int], cache: dict[int, dtw.DtwFeatures | None] | None = None, claim: bool = True
    ) -> list[dtw.DtwFeatures | None]:
        """The clips' DTW features, each read and computed once; None for a clip that cannot be read
        (damaged, or deleted since the gallery was built), which then never matches.

        Kept in ``cache`` (default: the gallery's own), at most ``MOTION_CACHE_CLIPS`` (the oldest go
        first), so a long session over a large database holds a bounded amount. Thread-safe: the pages
        prefetch in the background while an attempt may be ranked. ``claim``: other threads wait for the
        clips this call is reading rather than read them too (:meth:`_clip_motion`); a low-priority job
        does not claim, so that no thread waits for it."""
        cache = self._motion if cache is None else cache
        features = [self._clip_motion(clip_id, cache, claim) for clip_id in clip_ids]
        with self._motion_lock:  # after the whole batch, which then never pushes out a clip of its own
            while len(cache) > MOTION_CACHE_CLIPS:
                del cache[next(iter(cache))]
        return features

    def _clip_motion(
        self, clip_id: int, cache: dict[int, dtw.DtwFeatures | None], claim: bool
    ) -> dtw.DtwFeatures | None:
        """One clip's features from ``cache``, read into it unless there. A clip another thread is reading is
        waited for, not read again: an attempt ending while the prefetch read the nearest signs' clips read
        two dozen of them a second time, beside it on the other core. Unless ``claim``, this read is not
        waited for: another thread asking for the clip meanwhile reads it too."""
        key = (id(cache), clip_id)
        while True:
            with self._motion_lock:
                if clip_id in cache:
                    return cache[clip_id]
                reading = self._reading.get(key)
                if reading is None:
                    if claim:
                        reading = self._reading[key] = threading.Event()
                    break
            reading.wait()  # then in the cache, unless pushed out again meanwhile: asked again
        try:
            feature = self._read_motion(clip_id)
            with self._motion_lock:
                cache[clip_id] = feature
        finally:
            if reading is not None:
                with self._motion_lock:
                    del self._reading[key]
                reading.set()
        return feature

    def _read_motion(self, clip_id: int) -> dtw.DtwFeatures | None:
        if self.read_pose is None:
            return None
        try:
            reference = self.read_pose(clip_id)
        except InputError as error:
            log.warning("reference clip %s left out of the nearest-signs ranking: %s", clip_id, error)
            return None
        motion = dtw.dtw_features(reference)
        # Half the memory of float64; the distances computed from them differ in the last digits only.
        return replace(motion, features=motion.features.astype(MOTION_DTYPE))

    def _dtw_sign_distances(
        self,
        pose: PoseSequence | dtw.DtwFeatures,
        sign_ids: list[int],
        left_out: int | None = None,
        cache: dict[int, dtw.DtwFeatures | None] | None = None,
        claim: bool = True,
    ) -> np.ndarray:
        """DTW distance from ``pose`` to the nearest reference clip of each sign (inf: none readable), the
        clip ``left_out`` not counted; features kept in ``cache``, read claiming them or not
        (:meth:`_motion_features`)."""
        rows_per_sign = [self.sign_rows(sign_id) for sign_id in sign_ids]
        clip_ids = [int(self.clip_ids[row]) for rows in rows_per_sign for row in rows]
        features = self._motion_features(clip_ids, cache, claim)
        readable = [i for i, f in enumerate(features) if f is not None and clip_ids[i] != left_out]
        distances = np.full(len(clip_ids), np.inf)
        if readable:
            gallery = [feature for i in readable if (feature := features[i]) is not None]
            distances[readable] = dtw.dtw_distance_matrix([pose], gallery)[0]
        ends = np.cumsum([len(rows) for rows in rows_per_sign])
        return np.array([part.min() for part in np.split(distances, ends[:-1])])

    def calibration(self, sign_id: int) -> Calibration:
        """The sign's calibration (computed on first use, then cached: one (clips x N) distance block)."""
        if sign_id not in self._calibrations:
            self._calibrations[sign_id] = self._calibrate(sign_id)
        return self._calibrations[sign_id]

    def motion_typical(self, sign_id: int) -> float | None:
        """How far by DTW the sign's reference clips usually are from its nearest other clip (median over
        its first ``MOTION_TYPICAL_CLIPS`` clips); None where it has fewer than two readable clips or the
        gallery cannot read its clips. Computed on first use, then cached. Measured once: the prefetch
        (:meth:`prefetch_motion`) and an attempt's scoring may ask together, and the one asking second waits
        for the other's rather than measures it again beside it on the other core."""
        while True:
            with self._motion_lock:
                if sign_id in self._motion_typicals:
                    return self._motion_typicals[sign_id]
                measuring = self._measuring.get(sign_id)
                if measuring is None:
                    measuring = self._measuring[sign_id] = threading.Event()
                    break
            measuring.wait()  # then cached, unless that measurement failed: asked again
        try:
            typical = self._measure_motion_typical(sign_id)
            with self._motion_lock:
                self._motion_typicals[sign_id] = typical
        finally:
            with self._motion_lock:
                del self._measuring[sign_id]
            measuring.set()
        return typical

    def _measure_motion_typical(self, sign_id: int) -> float | None:
        if self.read_pose is None:
            return None
        clip_ids = self.clip_ids[self.sign_rows(sign_id)][:MOTION_TYPICAL_CLIPS].tolist()
        features = [f for f in self._motion_features(clip_ids) if f is not None]
        if len(features) < 2:
            return None
        between = dtw.dtw_distance_matrix(features, features)
        np.fill_diagonal(between, np.inf)
        return float(np.median(between.min(axis=1)))

    def moves_like(
        self, pose: PoseSequence | dtw.DtwFeatures, sign_id: int, distance: float | None = None
    ) -> bool:
        """Whether ``pose`` is within ``MOTION_SPREADS`` motion typicals of the sign's nearest reference
        clip by DTW (module docstring); True where the sign has no motion typical to judge by.
        ``distance``: that DTW distance, where the attempt's ranking measured it already
        (:attr:`Ranking.motion_distances`), not measured again."""
        typical = self.motion_typical(sign_id)
        if typical is None:
            return True
        if distance is None:
            distance = float(self._dtw_sign_distances(pose, [sign_id])[0])
        return distance <= MOTION_SPREADS * typical

    def _sign_distances(self, sign_id: int) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Per clip of the sign: distance to its nearest other clip of the sign, and to the nearest clip
        of another sign (None where there is no such clip)."""
        rows = self.sign_rows(sign_id)
        distances = pairwise_distances(self.embeddings[rows], self.embeddings)
        own = self.sign_ids == sign_id
        same = None
        if len(rows) >= 2:
            within = distances[:, own].copy()
            np.fill_diagonal(within, np.inf)  # rows and own-columns list the sign's clips in the same order
            same = within.min(axis=1)
        other = distances[:, ~own].min(axis=1) if (~own).any() else None
        return same, other

    def _calibrate(self, sign_id: int) -> Calibration:
        same, other = self._sign_distances(sign_id)
        if same is not None and other is not None:
            return Calibration(float(np.median(same)), float(np.median(other)))
        if same is not None:  # the only sign in the gallery: nothing to confuse it with
            typical = float(np.median(same))
            return Calibration(typical, typical / DEFAULT_TYPICAL_RATIO)
        if other is not None:
            confusable = float(np.median(other))
            return Calibration(confusable * self.typical_ratio(), confusable, from_single_clip=True)
        # Said to the learner after "This attempt could not be scored:" (attempts.score_pose): no "gallery"
        raise ValueError("the library holds a single reference clip, and a score needs at least two")

    def typical_ratio(self) -> float:
        """Median typical/confusable over (a deterministic sample of) signs with several clips."""
        if self._typical_ratio is None:
            sign_ids, counts = np.unique(self.sign_ids, return_counts=True)
            multi = sign_ids[counts >= 2][:RATIO_SAMPLE_SIGNS]
            ratios = []
            for sign_id in multi.tolist():
                same, other = self._sign_distances(sign_id)
                if same is not None and other is not None and np.median(other) > 0:
                    ratios.append(float(np.median(same) / np.median(other)))
            self._typical_ratio = float(np.median(ratios)) if ratios else DEFAULT_TYPICAL_RATIO
        return self._typical_ratio


def score_attempt(
    gallery: Gallery,
    sign_id: int,
    embedding: np.ndarray,
    pose: PoseSequence | dtw.DtwFeatures | None = None,
    check_motion: bool = True,
) -> AttemptScore:
    """Score an attempt's embedding against sign ``sign_id``, with the gallery's model's embeddings.

    With the attempt's ``pose`` (or its DTW features) and a gallery that can read its clips, the nearest
    signs are the hybrid ranking (see the module docstring); otherwise the encoder's. A left-handed attempt
    needs no other gallery: the encoder and DTW both compare a clip and its mirror image alike.
    ``check_motion``: the lead counts only where the attempt moves like the sign (module docstring).
    """
    if not gallery.has_sign(sign_id):
        raise KeyError(f"sign {sign_id} has no reference clips with embeddings for this model")
    distance, best_row = gallery.sign_distance(embedding, sign_id)
    if pose is not None and gallery.read_pose is not None:
        ranking = gallery.hybrid_ranking(embedding, pose, include=sign_id)
    else:
        ranking = gallery.encoder_ranking(embedding, include=sign_id)
    ranked_before = ranking.signs[: ranking.position(sign_id)]
    # A sign alone in its language was ranked among every sign: its result still names none of them
    closer_signs = [n for n in ranked_before if gallery.same_language(sign_id, n.sign_id)]
    nearest = [n for n in ranking.signs if gallery.same_language(sign_id, n.sign_id)][:NEAREST_COUNT]
    calibration = gallery.calibration(sign_id)
    lead = ranking.lead(sign_id)
    score = calibration.score(distance)
    # The sign's lead among the known signs counts only if the attempt moves like it (module docstring)
    if (
        lead is not None
        and check_motion
        and pose is not None
        and not gallery.moves_like(pose, sign_id, ranking.motion_distances.get(sign_id))
    ):
        lead = None
    if lead is not None:
        score = max(score, recognition_score(lead))
    return AttemptScore(
        sign_id=sign_id,
        gloss=gallery.gloss(sign_id),
        name=gallery.name(sign_id),
        score=score,
        distance=distance,
        nearest=nearest,
        closer_signs=closer_signs,
        calibration=calibration,
        best_clip_id=int(gallery.clip_ids[best_row]),
        recognised=lead is not None and not ranked_before,  # then the score is >= RECOGNISED_SCORE
        looked_like_clip_id=(
            int(gallery.clip_ids[gallery.sign_distance(embedding, closer_signs[0].sign_id)[1]])
            if closer_signs
            else None
        ),
    )
