"""The pipeline's end-of-attempt scoring (``PipelineWorker.score``, called on its thread; here directly):
an attempt is only compared with references embedded by the same model."""

import pytest

from desktop_app.core.judging.practice import ScoringTarget
from desktop_app.ui.pipeline import PipelineWorker
from signcore.encoder import Encoder
from tests.desktop_app.ui.test_model_switch import retagged_copy_of_shipped_model
from tests.support import embedded_dgs_samples, scoring_target


@pytest.fixture
def hallo_target(tmp_path):
    """(target for the DGS sign "hallo" whose references the shipped model embedded, that model)."""
    encoder = Encoder()
    with embedded_dgs_samples(tmp_path / "signs.db", encoder) as database:
        yield scoring_target(database, encoder, "hallo"), encoder


def score_with(encoder: Encoder, target: ScoringTarget):
    worker = PipelineWorker(source=None, encoder=encoder)  # never started: scoring needs no camera
    attempt = next(iter(target.references.values()))
    return worker.score(attempt, ended_at=0.0, target=target)


def test_an_attempt_is_scored_against_references_of_its_own_model(hallo_target):
    target, encoder = hallo_target
    outcome = score_with(encoder, target)
    assert outcome.message == "" and outcome.score is not None
    assert outcome.score.distance == pytest.approx(0.0, abs=1e-4)  # the attempt is one of the references
    # the nearest signs are the hybrid ranking (encoder shortlist re-ranked with DTW on the attempt's pose)
    hybrid = target.gallery.hybrid_ranking(encoder.embed(outcome.pose), outcome.pose, include=target.sign_id)
    assert [n.sign_id for n in outcome.score.nearest] == [n.sign_id for n in hybrid.signs][
        : len(outcome.score.nearest)
    ]
    assert outcome.score.nearest[0].sign_id == target.sign_id


def test_references_of_another_model_give_a_message_never_a_score(hallo_target, tmp_path):
    target, _ = hallo_target
    # The same weights in another file: the embeddings even agree, but nothing proves that in general.
    other = Encoder(retagged_copy_of_shipped_model(tmp_path / "other.onnx"))
    outcome = score_with(other, target)
    assert outcome.score is None and outcome.feedback is None and outcome.reference is None
    assert outcome.message.startswith("This attempt was not scored")
    assert "another sign model" in outcome.message and "other.onnx" in outcome.message
