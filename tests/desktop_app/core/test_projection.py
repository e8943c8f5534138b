import numpy as np
import pytest

from desktop_app.core.collection.projection import pca_2d


def test_pca_recovers_the_plane_the_points_lie_in():
    rng = np.random.default_rng(0)
    plane = rng.normal(size=(200, 2)) * [5.0, 1.0]  # most variance along the first axis
    basis = np.linalg.qr(rng.normal(size=(16, 2)))[0].T  # two orthonormal directions in 16-D
    embeddings = plane @ basis + 3.0
    projection = pca_2d(embeddings)
    assert projection.coords.shape == (200, 2)
    assert projection.explained.sum() == pytest.approx(1.0)
    assert projection.explained[0] > projection.explained[1]
    # Distances in the plane are preserved exactly (a rotation/reflection of the original 2-D points).
    original = np.linalg.norm(plane[:, None] - plane[None], axis=-1)
    projected = np.linalg.norm(projection.coords[:, None] - projection.coords[None], axis=-1)
    np.testing.assert_allclose(projected, original, atol=1e-8)


def test_new_points_land_where_their_twins_are():
    rng = np.random.default_rng(1)
    embeddings = rng.normal(size=(30, 8))
    projection = pca_2d(embeddings)
    np.testing.assert_allclose(projection.transform(embeddings[:3]), projection.coords[:3], atol=1e-10)


def test_projection_is_deterministic_in_sign():
    rng = np.random.default_rng(2)
    embeddings = rng.normal(size=(40, 8))
    first, second = pca_2d(embeddings), pca_2d(embeddings[::-1].copy())
    np.testing.assert_allclose(first.coords, second.coords[::-1], atol=1e-8)


@pytest.mark.parametrize("n_points", [1, 2])
def test_tiny_databases_still_give_a_map(n_points):
    embeddings = np.arange(n_points * 4, dtype=float).reshape(n_points, 4)
    coords = pca_2d(embeddings).coords
    assert coords.shape == (n_points, 2)
    assert np.isfinite(coords).all()


@pytest.mark.parametrize("bad", [np.zeros((0, 4)), np.zeros(4), np.array([[np.nan, 1.0]])])
def test_bad_input_is_refused(bad):
    with pytest.raises(ValueError):
        pca_2d(bad)


@pytest.mark.slow
def test_the_map_content_names_what_is_missing_and_labels_each_cloud(tmp_path):
    from desktop_app.core.collection.projection import embedding_map
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder
    from signcore.paths import models_dir
    from tests.support import embedded_dgs_samples, moving_clip

    path = models_dir() / "encoder.onnx"
    if not path.exists():
        pytest.skip(f"needs the shipped encoder {path}")
    encoder = Encoder(path)
    with SignDatabase(tmp_path / "empty.db") as empty:
        assert embedding_map(empty, None).status.startswith("No sign model is loaded")
        # w31 #7: why it is empty and what to do, in the learner's words
        assert embedding_map(empty, encoder).status.startswith(
            "There are no signs yet. Add some in the Library"
        )
        empty.add_sign("hello", "ASL")
        assert embedding_map(empty, encoder).status.startswith("None of your signs has a clip yet.")
        empty.add_clip(empty.signs()[0].id, moving_clip())  # not prepared yet
        assert embedding_map(empty, encoder, preparing=True).status == (
            "The map appears once your signs' clips are ready: 1 clip is being prepared."
        )
        # no job preparing it (a preparation stopped, or a damaged clip): no promise of progress
        assert embedding_map(empty, encoder).status == (
            "The map appears once your signs' clips are ready: 1 clip is not ready. What is not ready is"
            " prepared the next time you open the app, unless it is damaged."
        )
    with embedded_dgs_samples(tmp_path / "signs.db", encoder) as database:
        database.add_clip(database.signs()[0].id, moving_clip())  # not embedded yet
        database.update_sign(database.signs()[-1].id, language="")
        content = embedding_map(database, encoder, preparing=True)
        signs = database.signs()
    assert content.projection is not None and len(content.clip_ids) == content.projection.coords.shape[0]
    assert content.sign_count == len(signs) == len(content.labels)
    # each cloud named as the lists name its sign: "Bier (DGS)", and the sign without a language by its name
    assert {name for name, _x, _y in content.labels} == {f"{s.gloss} ({s.language})" for s in signs[:-1]} | {
        signs[-1].gloss
    }
    assert content.status.endswith("1 more clip is still being prepared for the sign model.")
    assert set(content.language_colours()) == {"DGS", "no language"}  # was "other"
    first = content.labels[0]
    rows = content.sign_index == 0
    assert (first[1], first[2]) == pytest.approx(tuple(content.projection.coords[rows].mean(axis=0)))


def test_the_map_colours_languages_finds_signs_and_names_points():
    from desktop_app.core.collection.projection import LANGUAGE_COLOURS, EmbeddingMap

    content = EmbeddingMap(
        "",
        clip_ids=np.array([11, 12, 13, 14]),
        sign_ids=np.array([1, 1, 2, 3]),
        glosses=["Haus", "Haus", "hello", "Baum"],
        names=["Haus (DGS)", "Haus (DGS)", "hello (ASL)", "Baum (DGS)"],
        languages=["DGS", "DGS", "ASL", "DGS"],
    )
    assert content.language_colours() == {"DGS": LANGUAGE_COLOURS[0], "ASL": LANGUAGE_COLOURS[1]}
    assert content.legend() == (
        f"<span style='color:{LANGUAGE_COLOURS[0]}'>●</span> DGS &nbsp; "
        f"<span style='color:{LANGUAGE_COLOURS[1]}'>●</span> ASL &nbsp; · one dot per reference clip"
    )
    assert content.sign_names() == ["Baum (DGS)", "Haus (DGS)", "hello (ASL)"]  # as the lists name them
    assert content.rows_named(" haus ") == [0, 1] and content.rows_named("HELLO") == [2]
    assert content.rows_named("hello (asl)") == [2]  # as the finder offers it
    assert content.rows_named("") == content.rows_named("Hau") == []
    assert content.first_name_found("hau") == "Haus (DGS)"  # what Enter finds for a name begun
    assert content.first_name_found("") is content.first_name_found("Haut") is None
    assert content.point_title(2) == "“hello (ASL)” — clip 1 of 1"
    assert content.point_title(1) == "“Haus (DGS)” — clip 2 of 2"  # not the database's clip number
    assert "Deaf &lt;3" in EmbeddingMap("", languages=["Deaf <3"]).legend()  # rich text: escaped
    many = EmbeddingMap("", languages=[f"L{n}" for n in range(len(LANGUAGE_COLOURS) + 1)])
    assert list(many.language_colours().values())[-1] == LANGUAGE_COLOURS[0]  # more languages cycle


def test_the_map_finds_a_sign_as_every_list_search_does():
    """The map's find box and the lists' searches found different signs for one text; one test now."""
    from desktop_app.core.collection.projection import EmbeddingMap

    content = EmbeddingMap(
        "",
        clip_ids=np.array([11, 12, 13, 14]),
        sign_ids=np.array([1, 2, 3, 4]),
        glosses=["z", "thank-you", "a", "Wetter"],
        names=["letter Z (ASL)", "thank-you (ASL)", "letter A (ASL)", "Wetter (DGS)"],
        languages=["ASL", "ASL", "ASL", "DGS"],
    )
    assert content.rows_named("letter z") == content.rows_named("Z") == [0]
    assert content.first_name_found("thank you") == "thank-you (ASL)"  # no name starts so: found as searched
    assert content.first_name_found("you") == "thank-you (ASL)"
    assert content.first_name_found("etter") == "Wetter (DGS)"  # was "letter A": inside the word "letter"
    assert content.names_found("a") == ["letter A (ASL)"]
    assert content.names_found("T") == ["thank-you (ASL)"]  # not every letter sign, "letter" having a t
    assert content.names_found("letter") == ["letter A (ASL)", "letter Z (ASL)"]
    assert content.names_found("ett") == ["Wetter (DGS)"] and content.names_found(" ") == []
    assert content.first_name_found("letter Z (A") == "letter Z (ASL)"  # a name begun, with its language
