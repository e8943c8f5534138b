"""The recognition question, and which exercises can be done for a sign right now.

A recognition question plays one of the sign's reference clips without its name and offers ``CHOICES``
names: the sign's and those of the signs of the same language the sign model finds most alike (the
smallest distance between any clip of the sign and any clip of the other, in the gallery of the current
model's embeddings), but none that looks like it: a sign as near as the asked sign's nearest neighbours
usually are (``LOOK_ALIKE`` times its calibration's ``confusable`` distance,
:mod:`desktop_app.core.judging.scoring`) is left out, since from a short clip a viewer could not tell the two
apart ("get" and "coffee", both stacked fists). Without a model the other names are drawn at random from the
same language. The other names are those of signs the learner has met when there are enough of them: a name
never met gave the answer away ("letter W" beside the three signs of the lesson). The order of the names is
drawn with the given random generator, so a test can fix it; the clip played is the caller's
(:func:`clips_of_the_sitting`).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop_app.core.learning.store import ExerciseKind
from signcore.database import Sign
from signcore.retrieval import pairwise_distances

if TYPE_CHECKING:
    from desktop_app.core.judging.scoring import Gallery

CHOICES = 4
# A sign within this many times the asked sign's usual distance to its nearest other sign looks alike
LOOK_ALIKE = 1.25


@dataclass(frozen=True)
class RecognitionQuestion:
    sign_id: int  # the right answer
    clip_id: int  # the reference clip to play
    options: tuple[Sign, ...]  # CHOICES signs (fewer when the language has fewer), shuffled

    def is_right(self, sign_id: int) -> bool:
        return sign_id == self.sign_id


def _other_signs(sign: Sign, signs: Sequence[Sign]) -> list[Sign]:
    return [
        other
        for other in signs
        if other.language == sign.language and other.id != sign.id and other.clip_count
    ]


def _nearness(sign_id: int, gallery: Gallery) -> tuple[dict[int, float], float]:
    """Each sign of the gallery: the distance between its clips and sign ``sign_id``'s nearest each other;
    and the distance within which a sign looks like it (module docstring; 0 when the gallery holds no other
    sign). One (clips x N) distance block, the one the sign's calibration reads ``confusable`` from."""
    to_clips = pairwise_distances(gallery.embeddings[gallery.sign_rows(sign_id)], gallery.embeddings)
    gallery_signs, sign_of_clip = np.unique(gallery.sign_ids, return_inverse=True)
    per_sign = np.full(len(gallery_signs), np.inf)
    np.minimum.at(per_sign, sign_of_clip, to_clips.min(axis=0))
    others = gallery.sign_ids != sign_id
    # Calibration's confusable (desktop_app.core.judging.scoring), without its need of two clips in the
    # gallery
    confusable = float(np.median(to_clips[:, others].min(axis=1))) if others.any() else 0.0
    return dict(zip(gallery_signs.tolist(), per_sign.tolist(), strict=True)), LOOK_ALIKE * confusable


def distractors(sign_id: int, candidates: Sequence[Sign], gallery: Gallery | None) -> list[Sign]:
    """``candidates`` to offer beside sign ``sign_id``: most alike first by the gallery's embeddings, without
    those that look like it (module docstring), unless all do: then the least alike, so that there is still a
    choice. Candidates the gallery has no embedding of come last, in the order given."""
    if gallery is None or not gallery.has_sign(sign_id):
        return list(candidates)
    distances, too_near = _nearness(sign_id, gallery)
    ordered = sorted(candidates, key=lambda candidate: distances.get(candidate.id, np.inf))
    different = [candidate for candidate in ordered if distances.get(candidate.id, np.inf) > too_near]
    return different or ordered[-1:]


def clips_of_the_sitting(
    sign: Sign,
    clip_ids: Sequence[int],
    sitting: str,
    gallery: Gallery | None = None,
    kept_despite: Collection[int] = (),
) -> tuple[int, int]:
    """The clip of ``sign`` (``clip_ids``: its clips) that shows it as a new sign in a sitting, drawn from
    ``sitting`` (which session, and the sign: the same after "Stop for now" or a restart) among those not
    kept despite the clip check's warning (``kept_despite``) while it has any: a lesson introduced a sign
    by a clip the learner kept although it looked like another sign. And the one its "Which sign is this?"
    plays: another clip, not one kept despite a warning while the sign has another, chosen by the
    ``gallery``'s stored embeddings (no clip read, so it costs nothing on the GUI thread): the clip just
    shown as new was matched by its picture, not recalled; a near copy of it was no better (please (ASL) has
    8 clips of one signer); and the clip least like it was often the sign's worst, badly tracked or
    mirrored. Without the gallery, or its embeddings of these clips, another clip drawn."""
    if not clip_ids:
        raise ValueError(f"{sign.gloss!r} has no reference clip to play")
    draw, ordered = random.Random(sitting), sorted(clip_ids)
    shown_new = draw.choice([clip for clip in ordered if clip not in kept_despite] or ordered)
    others = [clip for clip in ordered if clip != shown_new]
    if not others:
        return shown_new, shown_new
    others = [clip for clip in others if clip not in kept_despite] or others
    rows = {} if gallery is None else {int(gallery.clip_ids[row]): row for row in gallery.sign_rows(sign.id)}
    embedded = [clip for clip in others if clip in rows]
    if gallery is not None and shown_new in rows and embedded:
        # The rule: the clip whose distance from the one shown new is nearest the sign's typical distance
        # between two of its clips (the median over these clips' pairs), neither a near copy nor the outlier
        compared = [shown_new, *embedded]
        vectors = gallery.embeddings[[rows[clip] for clip in compared]]
        apart = pairwise_distances(vectors, vectors)
        typical = float(np.median(apart[np.triu_indices(len(compared), 1)]))
        return shown_new, embedded[int(np.argmin(np.abs(apart[0, 1:] - typical)))]
    return shown_new, draw.choice(others)


def recognition_question(
    sign: Sign,
    signs: Sequence[Sign],
    clip_id: int,
    gallery: Gallery | None,
    rng: random.Random,
    met: Collection[int] = (),
) -> RecognitionQuestion:
    """A question about ``sign`` playing its clip ``clip_id`` (``signs``: every sign of the database;
    ``met``: the ids of the signs the learner has met, offered first)."""
    others = _other_signs(sign, signs)
    rng.shuffle(others)  # without a model, and among equally alike signs, any may be chosen
    offered = sorted(distractors(sign.id, others, gallery), key=lambda other: other.id not in met)  # stable
    options = [sign, *offered[: CHOICES - 1]]
    rng.shuffle(options)
    return RecognitionQuestion(sign.id, clip_id, tuple(options))


class ExerciseAbility:
    """Which exercises can be done now: ``ability(sign_id, kind)``.

    Recognition needs the sign's clips and another sign of its language to choose from; production needs a
    sign model whose gallery holds the sign's clips (to score the attempt)."""

    def __init__(self, signs: Sequence[Sign], gallery: Gallery | None):
        self._signs = {sign.id: sign for sign in signs}
        playable = Counter(sign.language for sign in signs if sign.clip_count)
        self._languages_with_choice = {language for language, count in playable.items() if count >= 2}
        self._gallery = gallery

    def __call__(self, sign_id: int, kind: ExerciseKind) -> bool:
        sign = self._signs.get(sign_id)
        if sign is None or not sign.clip_count:
            return False
        if kind is ExerciseKind.RECOGNITION:
            return sign.language in self._languages_with_choice
        return self._gallery is not None and self._gallery.has_sign(sign_id)
