"""2-D projection of embeddings for the embedding map: plain PCA in numpy, and the map's content.

PCA keeps the two directions of largest variance, so clips that the encoder puts far apart stay far apart
on the map (up to what two dimensions can show). It is deterministic: the same embeddings give the same map,
with signs fixed so that the picture does not flip between runs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from desktop_app.core.signing.view import colour_key
from signcore.words import counted, language_name, language_named, name_order, names_sign, search_rank

if TYPE_CHECKING:
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder


@dataclass(frozen=True)
class Projection:
    """A fitted 2-D PCA: ``coords`` for the fitted points, ``explained`` the share of variance per axis."""

    coords: np.ndarray  # (N, 2)
    mean: np.ndarray  # (D,)
    axes: np.ndarray  # (2, D), orthonormal rows
    explained: np.ndarray  # (2,), fractions of the total variance

    def transform(self, embeddings: np.ndarray) -> np.ndarray:
        """Place new embeddings (e.g. a learner's attempt) on the same map."""
        coords: np.ndarray = (np.asarray(embeddings, dtype=np.float64) - self.mean) @ self.axes.T
        return coords


def pca_2d(embeddings: np.ndarray) -> Projection:
    """Project ``(N, D)`` embeddings onto their two principal axes.

    Works for any N >= 1: with fewer than three distinct points, coordinates along an axis without
    variance are zero (all points on a line, or a single point) rather than an error, because a database
    may hold only one or two clips.
    """
    data = np.asarray(embeddings, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError(f"expected a non-empty (N, D) array of embeddings, got shape {data.shape}")
    if not np.isfinite(data).all():
        raise ValueError("embeddings contain NaN or infinite values")
    mean = data.mean(axis=0)
    centred = data - mean
    # Eigenvectors of the (D, D) scatter matrix are the principal axes. This costs O(N D^2) and never builds
    # an (N, D) factor like an SVD of the data would: ~30 ms for 10,000 clips, where LAPACK's SVD took ~1 s
    # on a busy 2-core machine (measured), long enough to freeze the GUI.
    variances, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(variances)[::-1][:2]
    axes = np.zeros((2, data.shape[1]))
    axes[: len(order)] = vectors[:, order].T
    variance = np.zeros(2)
    variance[: len(order)] = np.maximum(variances[order], 0.0)
    for i in range(len(order)):
        # Sign convention: the largest-magnitude component of each axis is positive.
        if axes[i, np.argmax(np.abs(axes[i]))] < 0:
            axes[i] = -axes[i]
    total = float(np.maximum(variances, 0.0).sum())
    explained = variance / total if total > 0 else np.zeros(2)
    return Projection(coords=centred @ axes.T, mean=mean, axes=axes, explained=explained)


MAX_LABELLED_SIGNS = 40  # beyond this, gloss labels at the cloud centres only clutter the map
LANGUAGE_COLOURS = ("#2e9d6a", "#8e5cc7", "#c9a227", "#d04f6a", "#4a9fb5", "#8a8a8a")  # not the hand colours
NOTHING_CHOSEN = "Click a point to preview its clip"


@dataclass
class EmbeddingMap:
    """What the embedding map page draws: one point per reference clip of the current model, and what to
    say about it. ``projection`` is None when there is nothing to draw (``status`` says why)."""

    status: str
    clip_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sign_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    glosses: list[str] = field(default_factory=list)
    names: list[str] = field(
        default_factory=list
    )  # per clip: its sign as the learner is shown it ("hallo (DGS)")
    projection: Projection | None = None
    sign_index: np.ndarray = field(
        default_factory=lambda: np.zeros(0, np.int64)
    )  # per clip: its sign's number
    labels: list[tuple[str, float, float]] = field(
        default_factory=list
    )  # a sign's name at its cloud's centre
    languages: list[str] = field(default_factory=list)  # per clip: its sign's language as shown (the colour)

    @property
    def sign_count(self) -> int:
        return int(self.sign_index.max()) + 1 if len(self.sign_index) else 0

    def language_colours(self) -> dict[str, str]:
        """Each language's dot colour, in the order the languages first appear."""
        order = dict.fromkeys(self.languages)
        return {language: LANGUAGE_COLOURS[i % len(LANGUAGE_COLOURS)] for i, language in enumerate(order)}

    def legend(self) -> str:
        """The colours' meaning (rich text)."""
        colours = self.language_colours().items()
        key = colour_key((colour, "●", html.escape(language)) for language, colour in colours)
        return key + " &nbsp; · one dot per reference clip"

    def sign_names(self) -> list[str]:
        """The signs' names once each, as the learner is shown them, in their order
        (:func:`signcore.words.name_order`, as every list of signs)."""
        named = {
            name: name_order(gloss, language)
            for name, gloss, language in zip(self.names, self.glosses, self.languages, strict=True)
        }
        return sorted(named, key=named.__getitem__)

    def rows_named(self, text: str) -> list[int]:
        """The points of the sign called ``text`` (:func:`signcore.words.names_sign`): named as
        shown ("hallo (DGS)", "letter A"), by its name alone ("hallo": of every language) or its gloss; any
        case, spaces around ignored; none for blank text."""
        return [
            row
            for row, (gloss, language) in enumerate(zip(self.glosses, self.languages, strict=True))
            if names_sign(text, gloss, language_named(language))
        ]

    def names_found(self, text: str) -> list[str]:
        """The sign names the find box offers for ``text``: those every list's search finds
        (:func:`signcore.words.search_rank`: "t" offers "letter T (ASL)", then "Tag (DGS)"…), best first and
        alike ones in name order; none for blank text."""
        if not text.strip():
            return []
        signs = {
            name: (gloss, language_named(language))
            for name, gloss, language in zip(self.names, self.glosses, self.languages, strict=True)
        }
        ranked = ((search_rank(text, *signs[name]), name) for name in self.sign_names())
        found = {name: rank for rank, name in ranked if rank is not None}
        return sorted(found, key=found.__getitem__)  # a stable sort: in name order within a rank

    def first_name_found(self, text: str) -> str | None:
        """What Enter on a name begun finds: the first name the find box offers (:meth:`names_found`: "Wett"
        finds "Wetter (DGS)", "you" finds "thank-you (ASL)"), or None."""
        return next(iter(self.names_found(text)), None)

    def point_title(self, row: int) -> str:
        """Which sign point ``row`` is, and which of its clips (counted as the learner can: "clip 2 of 3",
        not the database's number)."""
        same_sign = np.flatnonzero(self.sign_ids == self.sign_ids[row])
        number = int(np.searchsorted(same_sign, row)) + 1
        return f"“{self.names[row]}” — clip {number} of {len(same_sign)}"


# Clips without an embedding while no job prepares them: a preparation stopped (the app resumes it as it
# opens) or clips whose landmarks cannot be read (never prepared); which, only reading them would tell
NOT_PREPARED = "What is not ready is prepared the next time you open the app, unless it is damaged."


def embedding_map(database: SignDatabase, encoder: Encoder | None, preparing: bool = False) -> EmbeddingMap:
    """Every reference clip's cached embedding for ``encoder``, projected by :func:`pca_2d` (raises
    InputError when the database cannot be read). ``preparing``: a job embeds the missing clips now, so
    only then are they said to be "being prepared" (said of damaged clips and a stopped preparation,
    it promised what would not come)."""
    if encoder is None:
        return EmbeddingMap("No sign model is loaded, so there is no map to show.")
    clip_ids, sign_ids, glosses, matrix = database.embeddings_for(encoder.model_hash)
    missing = len(database.clips_missing_embedding(encoder.model_hash))
    if not missing:
        waiting = ""
    elif preparing:
        waiting = (
            f" {counted(missing, 'more clip is', 'more clips are')} still being prepared for the sign model."
        )
    else:
        waiting = f" {counted(missing, 'more clip is', 'more clips are')} not on the map yet. {NOT_PREPARED}"
    if len(clip_ids) == 0:
        # Why the map is empty, and what to do, in the learner's words ("no clip is prepared for this
        # sign model" over an empty database, whose reason was that it has no signs)
        if missing:
            clips = counted(missing, "clip is", "clips are")
            state = "being prepared." if preparing else f"not ready. {NOT_PREPARED}"
            return EmbeddingMap(f"The map appears once your signs' clips are ready: {clips} {state}")
        if not database.signs():
            return EmbeddingMap(
                "There are no signs yet. Add some in the Library (New sign… or Import…) and their map appears"
                " here."
            )
        return EmbeddingMap(
            "None of your signs has a clip yet. Record or import clips in the Library and their map appears"
            " here."
        )
    projection = pca_2d(matrix)
    every_sign = database.signs()
    shown_names = database.sign_names(every_sign)
    names = [shown_names[int(sign_id)] for sign_id in sign_ids]
    signs, sign_index = np.unique(sign_ids, return_inverse=True)
    labels = []
    if len(signs) <= MAX_LABELLED_SIGNS:
        for number in range(len(signs)):
            rows = np.flatnonzero(sign_index == number)
            x, y = projection.coords[rows].mean(axis=0)
            labels.append((names[rows[0]], float(x), float(y)))
    # In the learner's words: no "PCA" or "variance" (the two axes keep only part of the model's view).
    status = (
        f"{len(clip_ids)} clips of {len(signs)} signs. Clips the sign model finds alike lie close together:"
        " a sign's clips in a tight group are easy to recognise; signs whose dots mix may be confused (the"
        " map flattens the model's view: some that mix here are still told apart)." + waiting
    )
    language_of = {sign.id: language_name(sign.language) for sign in every_sign}
    languages = [language_of[int(sign_id)] for sign_id in sign_ids]
    return EmbeddingMap(
        status, clip_ids, sign_ids, list(glosses), names, projection, sign_index, labels, languages
    )
