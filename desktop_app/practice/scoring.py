"""Scoring an attempt against the database: a 0-100 score calibrated per sign, and the nearest signs.

Everything works on embeddings held in memory (:class:`Gallery`), so an attempt is embedded once and
compared with every reference clip in a few milliseconds, even with 10,000 clips.

Distance to a sign = distance to its NEAREST reference clip (the same rule as signcore.retrieval, so the
"nearest signs" list and the score never disagree).

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from signcore.database import embedding_key
from signcore.layout import PoseSequence
from signcore.retrieval import GlossGallery, pairwise_distances

TYPICAL_SCORE = 75.0
CONFUSABLE_SCORE = 40.0
MIN_GAP_FACTOR = 1.25
DEFAULT_TYPICAL_RATIO = 0.6  # typical/confusable when no sign in the gallery has two clips
RATIO_SAMPLE_SIGNS = 60  # signs used to measure the gallery's typical/confusable ratio (bounded cost)
NEAREST_COUNT = 5


@dataclass(frozen=True)
class Neighbour:
    sign_id: int
    gloss: str
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
    score: float  # 0-100
    distance: float  # to the sign's nearest reference clip
    nearest: list[Neighbour]  # the NEAREST_COUNT nearest signs, nearest first
    closer_signs: list[Neighbour]  # signs the attempt is closer to than to the chosen one
    calibration: Calibration
    best_clip_id: int  # the reference clip the attempt came closest to (used for feedback and replay)

    def to_json(self) -> dict:
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
        }


class MirroredReferences:
    """A model that embeds each reference clip MIRRORED, for left-handed mode, where every reference (not
    only those of the sign being practised) is compared mirrored, so that the score and the nearest signs
    come from the same gallery. It passes for an encoder with :func:`desktop_app.models_switch.embed_missing`
    (``path``, ``model_hash``, ``embed_many``), which caches its embeddings under their own key."""

    def __init__(self, encoder):
        self.encoder = encoder
        self.path = encoder.path
        self.model_hash = embedding_key(encoder.model_hash, mirrored=True)

    def embed_many(self, poses: list[PoseSequence]) -> np.ndarray:
        return self.encoder.embed_many([pose.mirrored() for pose in poses])


@dataclass
class Gallery:
    """Every reference clip's embedding for one model, in memory."""

    clip_ids: np.ndarray  # (N,) int
    sign_ids: np.ndarray  # (N,) int
    glosses: list[str]  # (N,) the gloss of each clip's sign
    embeddings: np.ndarray  # (N, D) float32
    model_hash: str = ""  # the encoder that made the embeddings: only its embeddings may be compared
    mirrored: bool = False  # embeddings of the mirrored clips (left-handed mode)
    _calibrations: dict[int, Calibration] = field(default_factory=dict, repr=False)
    _typical_ratio: float | None = field(default=None, repr=False)

    @classmethod
    def from_database(cls, database, model_hash: str, mirrored: bool = False) -> Gallery:
        """The clips' cached embeddings (``mirrored``: those of the mirrored clips, see
        :class:`MirroredReferences`); clips without a cached embedding are left out."""
        clip_ids, sign_ids, glosses, matrix = database.embeddings_for(embedding_key(model_hash, mirrored))
        matrix = np.asarray(matrix, np.float32)
        return cls(np.asarray(clip_ids), np.asarray(sign_ids), list(glosses), matrix, model_hash, mirrored)

    def __len__(self) -> int:
        return len(self.clip_ids)

    def __post_init__(self) -> None:
        self._gloss_of_sign = dict(zip(self.sign_ids.tolist(), self.glosses, strict=True))
        # signcore.retrieval ranks distinct labels by their nearest clip; here the label is the sign id.
        # Built once up front (~15 ms for 10,000 clips), so that scoring an attempt takes well under 1 ms.
        self._by_sign = GlossGallery(self.embeddings, [str(s) for s in self.sign_ids]) if len(self) else None

    def gloss(self, sign_id: int) -> str:
        return self._gloss_of_sign[sign_id]

    def has_sign(self, sign_id: int) -> bool:
        return sign_id in self._gloss_of_sign

    def sign_rows(self, sign_id: int) -> np.ndarray:
        return np.flatnonzero(self.sign_ids == sign_id)

    def nearest_signs(self, embedding: np.ndarray, k: int = NEAREST_COUNT) -> list[Neighbour]:
        """The ``k`` nearest distinct SIGNS (not glosses: two languages may share a gloss)."""
        return [
            Neighbour(int(label), self.gloss(int(label)), distance)
            for label, distance in self._by_sign.nearest(embedding, k)
        ]

    def calibration(self, sign_id: int) -> Calibration:
        """The sign's calibration (computed on first use, then cached: one (clips x N) distance block)."""
        if sign_id not in self._calibrations:
            self._calibrations[sign_id] = self._calibrate(sign_id)
        return self._calibrations[sign_id]

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
        raise ValueError("the gallery holds a single clip: scores need at least two reference clips")

    def typical_ratio(self) -> float:
        """Median typical/confusable over (a deterministic sample of) signs with several clips."""
        if self._typical_ratio is None:
            sign_ids, counts = np.unique(self.sign_ids, return_counts=True)
            multi = sign_ids[counts >= 2][:RATIO_SAMPLE_SIGNS]
            ratios = []
            for sign_id in multi.tolist():
                same, other = self._sign_distances(sign_id)
                if other is not None and np.median(other) > 0:
                    ratios.append(float(np.median(same) / np.median(other)))
            self._typical_ratio = float(np.median(ratios)) if ratios else DEFAULT_TYPICAL_RATIO
        return self._typical_ratio


def score_attempt(gallery: Gallery, sign_id: int, embedding: np.ndarray) -> AttemptScore:
    """Score an attempt's embedding against sign ``sign_id``, with the gallery's model's embeddings.

    Left-handed mode passes a gallery of mirrored clips (``Gallery.from_database(..., mirrored=True)``), so
    that the score and the nearest signs compare the attempt with the same references.
    """
    if not gallery.has_sign(sign_id):
        raise KeyError(f"sign {sign_id} has no reference clips with embeddings for this model")
    rows = gallery.sign_rows(sign_id)
    to_references = pairwise_distances(np.asarray(embedding)[None, :], gallery.embeddings[rows])[0]
    best = int(np.argmin(to_references))
    distance = float(to_references[best])
    gloss = gallery.gloss(sign_id)
    # One more than needed, so the list still has NEAREST_COUNT others when the chosen sign is replaced.
    neighbours = [n for n in gallery.nearest_signs(embedding, NEAREST_COUNT + 1) if n.sign_id != sign_id]
    nearest = sorted([*neighbours, Neighbour(sign_id, gloss, distance)], key=lambda n: n.distance)
    nearest = nearest[:NEAREST_COUNT]
    calibration = gallery.calibration(sign_id)
    return AttemptScore(
        sign_id=sign_id,
        gloss=gloss,
        score=calibration.score(distance),
        distance=distance,
        nearest=nearest,
        closer_signs=[n for n in nearest if n.distance < distance],
        calibration=calibration,
        best_clip_id=int(gallery.clip_ids[rows[best]]),
    )
