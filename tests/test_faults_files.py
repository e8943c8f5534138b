"""Files a learner opens are untrusted: a .pose file, a database's landmark blobs and an "Import my data"
archive may announce sizes they do not hold (a few bytes announcing gigabytes), hold the same name twice or
be damaged in a way that only shows while they are used. Each is refused with a message naming the file,
before anything large is allocated or unpacked, and the learner's own data stays as it was."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
from collections import namedtuple
from hashlib import sha256

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper
from onnx.external_data_helper import set_external_data
from pose_format.pose_header import PoseHeader, PoseHeaderComponent, PoseHeaderDimensions

from desktop_app.core.app import portable
from signcore import contract
from signcore.database import DatabaseError, SignDatabase
from signcore.encoder import MAX_MODEL_BYTES, Encoder
from signcore.errors import InputError, ModelError, readable
from signcore.files import write_text_atomically
from signcore.formats import posefile
from signcore.ingest import import_sign_folder, read_signing
from signcore.layout import LAYOUT_VERSION, PoseSequence
from signcore.posecodec import decode_pose, encode_pose
from tests.db_writer_process import seeded_pose
from tests.support import REPO, TEST_DATA, answering_file_pickers

A_BILLION = 10**9
POSE_DATA = TEST_DATA / "pose" / "mediapipe.pose"
NO_POINTS = PoseHeader(
    0.2, PoseHeaderDimensions(640, 480, 0), [PoseHeaderComponent("POSE_LANDMARKS", [], [], [], "XYZC")]
)


# -- .pose files announcing more frames than they hold -------------------------------------------------------


def _pose_file_announcing(frames: int, people: int, header: PoseHeader) -> bytes:
    """A pose-format v0.2 file whose body announces ``frames`` frames of ``people`` people and holds no
    values: enough when there are no people, or no points, to place."""
    buffer = io.BytesIO()
    header.write(buffer)
    return buffer.getvalue() + struct.pack("<fIH", 25.0, frames, people)


@pytest.mark.parametrize(
    "people, header",
    [(0, posefile._header(640, 480)), (1, NO_POINTS)],  # Holistic's points and nobody, or no points at all
    ids=["no people", "no points"],
)
def test_a_pose_file_announcing_a_billion_frames_is_refused_before_allocating_them(tmp_path, people, header):
    path = tmp_path / "bomb.pose"
    path.write_bytes(_pose_file_announcing(A_BILLION, people, header))
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:  # was numpy's MemoryError: 838 GiB for the layout's points
        posefile.read_pose(path)
    assert str(path) in str(caught.value) and f"announces {A_BILLION} frames" in str(caught.value)
    assert time.perf_counter() - started < 5.0


def test_a_pose_file_of_many_empty_frames_within_the_limit_still_reads(tmp_path):
    path = tmp_path / "empty_room.pose"
    path.write_bytes(_pose_file_announcing(1000, 0, posefile._header(640, 480)))
    pose = posefile.read_pose(path)
    assert len(pose) == 1000 and not pose.mask.any()


# -- landmark blobs in a database from elsewhere ----------------------------------------------------------


def _blob_with_points_header(shape: tuple[int, ...]) -> bytes:
    """An encoded clip whose points array announces ``shape`` but holds no values."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False, "shape": shape})
    original, rewritten = zipfile.ZipFile(io.BytesIO(encode_pose(seeded_pose(1)))), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as blob:
        for info in original.infolist():
            data = header.getvalue() if info.filename == "points.npy" else original.read(info)
            blob.writestr(info.filename, data)
    return rewritten.getvalue()


@pytest.mark.parametrize("shape", [(A_BILLION, 75, 3), (2**40,), (-5, 75, 3)])
def test_a_landmark_blob_announcing_what_it_does_not_hold_is_damaged_not_allocated(tmp_path, shape):
    with pytest.raises(ValueError, match="damaged landmark data"):  # was MemoryError for 838 GiB
        decode_pose(_blob_with_points_header(shape))

    with SignDatabase(tmp_path / "signs.db") as database:
        clip = database.add_clip(database.add_sign("hallo", "DGS"), seeded_pose(1))
        with database.transaction() as conn:
            blob = _blob_with_points_header(shape)
            conn.execute("UPDATE clips SET landmarks = ? WHERE id = ?", (blob, clip))
        with pytest.raises(DatabaseError) as caught:
            database.clip_pose(clip)
        assert str(database.path) in str(caught.value)


def test_decoding_gives_back_exactly_what_was_encoded_in_writable_arrays():
    for seed in range(20):
        pose = seeded_pose(seed)
        decoded = decode_pose(encode_pose(pose))
        assert decoded.equals(pose) and decoded.meta == pose.meta
        assert decoded.points.flags.writeable and decoded.timestamps.dtype == np.float64


# -- "Import my data" archives ------------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path):
    """An archive exported from a database with one sign and one clip: (archive, its manifest, database)."""
    with SignDatabase(tmp_path / "theirs.db") as theirs:
        theirs.add_clip(theirs.add_sign("hallo", "DGS"), seeded_pose(3))
        portable.export_data(theirs, tmp_path / "export.zip")
    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        return tmp_path / "export.zip", json.loads(archive.read("manifest.json")), archive.read("signs.db")


@pytest.fixture
def mine(tmp_path):
    """The learner's own database: one sign with one attempt."""
    with SignDatabase(tmp_path / "mine.db") as database:
        database.add_attempt(database.add_sign("danke", "DGS"), 70.0, seeded_pose(4))
        yield database


def _state(database: SignDatabase) -> tuple:
    return [s.gloss for s in database.signs()], len(database.clips()), [a.score for a in database.attempts()]


def _refused(database: SignDatabase, archive, reason: str, signs_added: tuple[str, ...] = ()) -> str:
    signs, clips, attempts = _state(database)
    with pytest.raises(InputError) as caught:
        portable.import_data(database, archive)
    assert str(archive) in str(caught.value) and reason in str(caught.value), caught.value
    assert _state(database) == ([*signs, *signs_added], clips, attempts)
    assert database.integrity_check() == "ok"
    return str(caught.value)


def test_an_archive_holding_a_name_twice_is_refused(exported, mine, tmp_path):
    archive, manifest, database = exported
    doubled = tmp_path / "doubled.zip"
    with zipfile.ZipFile(doubled, "w") as bundle, pytest.warns(UserWarning, match="Duplicate name"):
        bundle.writestr("manifest.json", json.dumps(manifest))
        bundle.writestr("signs.db", database)
        bundle.writestr("signs.db", b"another database, which some tools would show instead")
    _refused(mine, doubled, "two entries named 'signs.db'")  # was: the last one imported silently


def test_a_zip_bomb_is_refused_before_it_is_unpacked(exported, mine, tmp_path):
    archive, manifest, _ = exported
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("manifest.json", json.dumps(manifest))
        bundle.writestr("signs.db", bytes(80 * 2**20))  # packs into ~80 kB
    started = time.perf_counter()
    message = _refused(mine, bomb, "would unpack to 80.0 MB from")  # was: unpacked, then "does not match"
    assert "no export of SignPractice does" in message
    assert time.perf_counter() - started < 2.0


def test_an_archive_larger_than_the_free_space_is_refused_before_it_is_unpacked(exported, mine, monkeypatch):
    archive, _, _ = exported
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(portable.shutil, "disk_usage", lambda folder: usage(10**9, 10**9 - 1000, 1000))
    message = _refused(mine, archive, "only 0.0 MB are free")
    assert "make room on that disk" in message


def test_an_archive_whose_landmarks_do_not_decode_is_refused_by_name(mine, tmp_path):
    with SignDatabase(tmp_path / "theirs.db") as theirs:
        theirs.add_clip(theirs.add_sign("hallo", "DGS"), seeded_pose(3))
    with sqlite3.connect(tmp_path / "theirs.db") as conn:  # SQLite finds nothing wrong: the blob is a blob
        conn.execute("UPDATE clips SET landmarks = ?", (_blob_with_points_header((A_BILLION, 75, 3)),))
    conn.close()
    with SignDatabase(tmp_path / "theirs.db") as theirs:
        portable.export_data(theirs, tmp_path / "damaged.zip")
    # was: the temporary copy's path (/tmp/signpractice-import-…/signs.db) and not the archive's. The merge
    # had added the sign before meeting its clip, as a cancelled import keeps what it merged.
    _refused(mine, tmp_path / "damaged.zip", "its database is damaged (clip", signs_added=("hallo",))


# -- names that are not UTF-8, links that lead nowhere ----------------------------------------------------


@pytest.fixture
def odd_sign_folder(tmp_path):
    """A sign folder as a learner's disk may have it: a sign folder and a file named in Latin-1 (not UTF-8),
    a damaged file with such a name, and links that lead nowhere (to themselves, round in a loop)."""
    if sys.platform != "linux":
        pytest.skip("only Linux file systems take names that are not UTF-8")
    root = os.fsencode(tmp_path / "signs")
    good = POSE_DATA.read_bytes()
    for name, data in [
        (b"hallo/a.pose", good),
        (b"hallo/b\xff.pose", good),  # the same clip again: skipped as already there
        (b"hallo/bad\xff.pose", b"garbage"),
        (b"caf\xe9/a.pose", good),
    ]:
        os.makedirs(os.path.dirname(os.path.join(root, name)), exist_ok=True)
        with open(os.path.join(root, name), "wb") as file:
            file.write(data)
    os.symlink(b"loop2.pose", os.path.join(root, b"hallo/loop1.pose"))
    os.symlink(b"loop1.pose", os.path.join(root, b"hallo/loop2.pose"))
    os.symlink(b"itself", os.path.join(root, b"hallo/itself"))
    return tmp_path / "signs"


ODD_FAILURES = {
    "hallo/badÿ.pose": "not a valid .pose file",
    "hallo/loop1.pose": "a link that leads to no file (broken, or a loop)",
    "hallo/loop2.pose": "a link that leads to no file (broken, or a loop)",
    "hallo/itself": "a link that leads to no file (broken, or a loop)",  # was: "not a clip file"
}


def test_a_sign_folder_with_names_that_are_not_utf8_imports_under_readable_names(odd_sign_folder, tmp_path):
    with SignDatabase(tmp_path / "signs.db") as database:
        report = import_sign_folder(database, odd_sign_folder)  # was: UnicodeEncodeError from SQLite
        assert sorted(sign.gloss for sign in database.signs()) == ["café", "hallo"]
        assert {clip.source for clip in database.clips()} == {
            f"{odd_sign_folder}/café/a.pose",
            f"{odd_sign_folder}/hallo/a.pose",
        }
        assert database.integrity_check() == "ok"
    assert (report.added, report.skipped) == (2, 1)
    assert sorted(report.failures) == sorted(f"{odd_sign_folder}/{name}: {problem}" for name, problem in (
        (name, problem + (" (truncated or corrupt)" if name.endswith("badÿ.pose") else ""))
        for name, problem in ODD_FAILURES.items()
    ))  # fmt: skip


@pytest.mark.slow
def test_evaluate_names_every_odd_file_and_writes_its_json(odd_sign_folder, tmp_path):
    report = tmp_path / "report.json"
    command = ["-m", "trainer", "evaluate", str(odd_sign_folder), "--method", "dtw", "--json", str(report)]
    result = subprocess.run([sys.executable, *command], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]  # was: JSON
    failed = {entry["path"]: entry["error"] for entry in json.loads(report.read_text("utf-8"))["failed"]}
    for name, problem in ODD_FAILURES.items():
        assert problem in failed[f"{odd_sign_folder}/{name}"]
        assert f"{odd_sign_folder}/{name}: {problem}" in result.stdout


def test_text_with_a_name_that_is_not_utf8_is_written_as_its_escape(tmp_path):
    name = os.fsdecode(b"bad\xff.pose")  # as Python lists such a file
    write_text_atomically(tmp_path / "report.json", json.dumps({"path": name}, ensure_ascii=False))
    assert json.loads((tmp_path / "report.json").read_text("utf-8")) == {"path": name}
    assert readable(name) == "badÿ.pose" and readable("x\ud800") == "x\ufffd"
    assert str(InputError(name, "damaged")) == "badÿ.pose: damaged"


# -- coordinates that are finite but absurd, models that are not what they claim -----------------------------


def test_absurd_coordinates_in_a_pose_file_are_no_detection_and_embed_to_numbers(tmp_path):
    clip = posefile.read_pose(POSE_DATA)
    points = clip.points.copy()
    points[::2, :, :2] *= 1e30  # finite, but squared in the encoder's normalisation: inf, then NaN
    path = tmp_path / "damaged.pose"
    posefile.write_pose(PoseSequence(points, clip.mask, clip.timestamps, clip.width, clip.height), path)
    pose = posefile.read_pose(path)
    assert not pose.mask[::2].any() and np.array_equal(pose.mask[1::2], clip.mask[1::2])
    assert np.isfinite(Encoder().embed(pose)).all()  # was NaN: as a reference clip, every score became NaN


def _encoder_model(nodes, initializers=()) -> bytes:
    """An ONNX model with the encoder's inputs and metadata whose 1-value 'embedding' ``nodes`` compute."""
    inputs = [
        helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", "frames", *tail])
        for name, tail in contract.INPUTS.items()
    ]
    output = helper.make_tensor_value_info(contract.OUTPUT_NAME, TensorProto.FLOAT, ["batch", 1])
    graph = helper.make_graph(nodes, "encoder_like", inputs, [output], initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    metadata = dict.fromkeys(contract.METADATA_KEYS, "{}")
    metadata.update(layout_version=str(LAYOUT_VERSION), embedding_size="1", distance=contract.DISTANCE)
    helper.set_model_props(model, metadata)
    return model.SerializeToString()


def test_a_model_whose_embeddings_are_not_numbers_is_refused_by_name(tmp_path):
    frames_axis = helper.make_tensor("frames_axis", TensorProto.INT64, [1], [1])
    zero_by_zero = [  # mean(valid) - mean(valid), divided by itself
        helper.make_node("ReduceMean", ["valid", "frames_axis"], ["share"], keepdims=1),
        helper.make_node("Sub", ["share", "share"], ["zero"]),
        helper.make_node("Div", ["zero", "zero"], [contract.OUTPUT_NAME]),
    ]
    path = tmp_path / "nan.onnx"
    path.write_bytes(_encoder_model(zero_by_zero, [frames_axis]))
    with pytest.raises(ModelError) as caught:  # was accepted: every distance and score NaN
        Encoder(path)
    assert str(caught.value) == f"{path}: the model gives embeddings that are not numbers (NaN or infinite)"


def test_a_model_whose_weights_point_at_another_file_is_refused_silently(tmp_path, capfd):
    frames_axis = helper.make_tensor("frames_axis", TensorProto.INT64, [1], [1])
    weight = numpy_helper.from_array(np.ones((1, 1), np.float32), "weight")
    set_external_data(weight, location="../../../../etc/passwd", offset=0, length=4)  # ONNX's external data
    weight.ClearField("raw_data")
    weight.data_location = TensorProto.EXTERNAL
    nodes = [
        helper.make_node("ReduceMean", ["valid", "frames_axis"], ["share"], keepdims=1),
        helper.make_node("MatMul", ["share", "weight"], [contract.OUTPUT_NAME]),
    ]
    path = tmp_path / "models" / "outside.onnx"
    path.parent.mkdir()
    path.write_bytes(_encoder_model(nodes, [frames_axis, weight]))
    with pytest.raises(ModelError, match="not a usable ONNX model"):  # loaded from bytes: no path to follow
        Encoder(path)
    assert capfd.readouterr().err == ""  # was ONNX Runtime's own error lines on the terminal


def test_a_file_too_large_to_be_a_model_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "holiday.onnx"  # a video chosen by mistake; sparse, so it takes no disk space
    with open(path, "wb") as file:
        file.truncate(MAX_MODEL_BYTES + 1)
    started = time.perf_counter()
    with pytest.raises(ModelError, match="larger than any ONNX model can be"):  # was: 2 GiB read into memory
        Encoder(path)
    assert time.perf_counter() - started < 2.0


def test_a_folder_given_where_a_file_is_wanted_says_so(tmp_path):
    from signcore.extract import probe_video

    with pytest.raises(DatabaseError) as caught:  # was "cannot read it (Is a directory)"
        SignDatabase(tmp_path)
    assert str(caught.value) == f"{tmp_path}: this is a folder; choose the database file in it"
    for read in (lambda path: read_signing(path, False), probe_video):
        with pytest.raises(InputError) as caught:  # was "no such file"
            read(tmp_path)
        assert str(caught.value) == f"{tmp_path}: this is a folder; choose a file"


def test_one_clip_whose_landmarks_do_not_decode_leaves_the_others_practisable(tmp_path, caplog):
    from desktop_app.core.app.models_switch import embed_missing
    from desktop_app.core.judging.scoring import Gallery

    encoder = Encoder()
    with SignDatabase(tmp_path / "signs.db") as database:
        sign = database.add_sign("hallo", "DGS")
        clips = [database.add_clip(sign, seeded_pose(seed)) for seed in range(3)]
        with database.transaction() as conn:  # bit rot inside a blob: SQLite's own checks find nothing
            conn.execute("UPDATE clips SET landmarks = ? WHERE id = ?", (b"garbage", clips[1]))
        assert embed_missing(database, encoder) == 2  # was: DatabaseError, and no clip embedded at all
        assert Gallery.from_database(database, encoder.model_hash).clip_ids.tolist() == [clips[0], clips[2]]
    assert f"clip {clips[1]}: damaged landmark data" in caplog.text


def test_an_archive_entry_that_is_a_link_is_read_as_data_never_followed(exported, mine, tmp_path):
    archive, manifest, _ = exported
    linked = tmp_path / "linked.zip"
    target = b"/etc/passwd"
    link = zipfile.ZipInfo("signs.db")
    link.external_attr = 0o120777 << 16  # a symbolic link, as Unix zip tools store one
    with zipfile.ZipFile(linked, "w") as bundle:
        bundle.writestr(
            "manifest.json", json.dumps(dict(manifest, database_sha256=sha256(target).hexdigest()))
        )
        bundle.writestr(link, target)
    _refused(mine, linked, "its database is not a sign database")


def test_importing_a_bad_archive_from_the_menu_shows_why_and_changes_nothing(
    qtbot, exported, mine, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from desktop_app.ui import main_window

    _, manifest, _ = exported
    bomb = exported[0].parent / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("manifest.json", json.dumps(manifest))
        bundle.writestr("signs.db", bytes(80 * 2**20))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    answering_file_pickers(monkeypatch, str(bomb))
    before = _state(mine)
    window = main_window.MainWindow(AppContext(Settings(), mine, None, mine.path.parent / "settings.json"))
    qtbot.addWidget(window)
    window.import_data()
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert f"{bomb}: cannot import this archive: its database would unpack to 80.0 MB" in warnings[0]
    assert _state(mine) == before
    window.close()


@pytest.mark.parametrize("made", ["missing", "a file"])
def test_evaluate_on_a_missing_folder_or_a_file_says_which(tmp_path, made):
    data = tmp_path / "signs"
    if made == "a file":
        data.write_text("not a folder")
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "evaluate", str(data)], cwd=REPO, capture_output=True, text=True
    )
    what = "no such folder" if made == "missing" else "not a folder"  # was "not a folder" for both
    assert result.returncode == 2 and result.stderr == (
        f"error: {data}: {what}; expected a sign folder with one subfolder per sign\n"
    )


def test_a_csv_that_is_not_utf8_says_so_in_plain_words(tmp_path):
    from signcore import formats

    dgs = next((TEST_DATA / "dgs" / "3D_full" / "hallo").glob("*.csv")).read_bytes()
    spoter = (TEST_DATA / "spoter" / "traduttore_spoter.csv").read_bytes()
    folder = tmp_path / "signs" / "hallo"
    folder.mkdir(parents=True)
    (folder / "dgs.csv").write_bytes(dgs[:300] + "é".encode("latin-1") + dgs[300:])  # saved as Latin-1
    (folder / "spoter.csv").write_bytes(spoter.replace(b"\n", "\né".encode("latin-1"), 2))
    plain = "it is not UTF-8 text (byte 301 is not UTF-8); save it as UTF-8 and try again"
    with pytest.raises(InputError) as caught:
        formats.read_dgs_csv(folder / "dgs.csv")
    assert (
        str(caught.value) == f"{folder / 'dgs.csv'}: cannot read the DGS CSV: {plain}"
    )  # was: codec's words
    with pytest.raises(InputError, match="cannot read the CSV file: it is not UTF-8 text"):
        formats.read_spoter_csv(folder / "spoter.csv")
    with SignDatabase(tmp_path / "signs.db") as database:
        report = import_sign_folder(database, tmp_path / "signs")
    assert report.added == 0 and all("it is not UTF-8 text" in failure for failure in report.failures)
    assert len(report.failures) == 2


BROWSER_HISTORY = (
    "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)",
    "INSERT INTO moz_places (url) VALUES ('https://example.org')",
)
# Our tables' names with other columns (was: opened, and the window failed on "no such column: language").
OUR_NAMES_ONLY = tuple(
    f"CREATE TABLE {table} (x)" for table in ("signs", "clips", "clip_videos", "embeddings", "attempts")
)


@pytest.mark.parametrize(
    "user_version, statements",
    [(0, BROWSER_HISTORY), (1, BROWSER_HISTORY), (-1, BROWSER_HISTORY), (1, OUR_NAMES_ONLY)],
)
def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path, user_version, statements):
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as conn:  # e.g. a browser's history, chosen by mistake in the Settings
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:  # was: opened, with our tables and WAL mode added to it
        SignDatabase(path)
    assert str(caught.value) == (
        f"{path}: this is another program's database (its tables are not SignPractice's); it was left as is"
    )
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["places.sqlite"]


@pytest.fixture
def devices(tmp_path):
    """A link to /dev/zero (read for ever) and a named pipe (waits for a writer), with clip names."""
    if not sys.platform.startswith("linux"):
        pytest.skip("needs /dev/zero and named pipes")
    folder = tmp_path / "signs" / "hallo"
    folder.mkdir(parents=True)
    (folder / "zero.pose").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.mp4")
    return folder


NOT_A_FILE = "not a file but a device, a pipe or a socket"


def test_devices_and_pipes_are_never_read(devices, mine, tmp_path):
    from signcore import formats

    zero, pipe = devices / "zero.pose", devices / "pipe.mp4"
    readers = [
        (posefile.read_pose, zero),  # was: /dev/zero read until memory ran out
        (formats.read_dgs_csv, zero),
        (formats.read_spoter_csv, zero),
        (lambda path: read_signing(path, False), pipe),  # was: waiting for ever for the pipe's writer
        (SignDatabase, pipe),
        (lambda path: portable.import_data(mine, path), pipe),
    ]
    for read, path in readers:
        with pytest.raises(InputError) as caught:
            read(path)
        assert str(caught.value) == f"{path}: {NOT_A_FILE}"

    with SignDatabase(tmp_path / "signs.db") as database:
        report = import_sign_folder(database, devices.parent)  # was: never returned
    assert sorted(report.failures) == [f"{pipe}: {NOT_A_FILE}", f"{zero}: {NOT_A_FILE}"]


DEEP_JSON = "[" * 100_000  # parsing it recurses until Python gives up (RecursionError, not a ValueError)


def test_damaged_or_deeply_nested_json_in_a_database_leaves_out_only_that_value(tmp_path, caplog):
    with SignDatabase(tmp_path / "signs.db") as database:
        hallo = database.add_sign("hallo", "DGS", tags=["greeting"])
        danke = database.add_sign("danke", "DGS")
        first = database.add_attempt(hallo, 50.0, None, {"nearest": ["hallo"]})
        second = database.add_attempt(danke, 60.0, None, {"nearest": ["danke"]})
        with database.transaction() as conn:
            conn.execute("UPDATE signs SET tags = ? WHERE id = ?", ('["greet', hallo))
            conn.execute("UPDATE attempts SET details = ? WHERE id = ?", (DEEP_JSON, first))
        # was: JSONDecodeError from signs(), RecursionError from attempts(): no sign or attempt listed at all
        assert [(sign.gloss, sign.tags) for sign in database.signs()] == [("danke", ()), ("hallo", ())]
        assert [(a.id, a.details) for a in database.attempts()] == [
            (first, {}),
            (second, {"nearest": ["danke"]}),
        ]
    assert f"the tags of sign {hallo} are damaged" in caplog.text
    assert f"the details of attempt {first} are damaged" in caplog.text


def test_deeply_nested_json_in_settings_archives_and_blobs_is_a_named_problem(exported, mine, tmp_path):
    from desktop_app.core.shared.settings import Settings

    settings = tmp_path / "settings.json"
    settings.write_text(DEEP_JSON)
    with pytest.raises(InputError, match="cannot read the settings"):  # was RecursionError
        Settings.load(settings)

    archive, manifest, database = exported
    deep = tmp_path / "deep.zip"
    with zipfile.ZipFile(deep, "w") as bundle:
        bundle.writestr("manifest.json", DEEP_JSON)
        bundle.writestr("signs.db", database)
    _refused(mine, deep, "its manifest is not readable")  # was RecursionError

    original, rewritten = zipfile.ZipFile(io.BytesIO(encode_pose(seeded_pose(2)))), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as changed:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "meta.npy":
                buffer = io.BytesIO()
                np.save(buffer, np.array(DEEP_JSON))
                data = buffer.getvalue()
            changed.writestr(info.filename, data)
    with pytest.raises(ValueError, match="damaged landmark data"):  # was RecursionError
        decode_pose(rewritten.getvalue())


def test_a_damaged_learning_card_starts_again_and_a_damaged_session_is_dropped(tmp_path, caplog):
    from datetime import UTC, datetime

    from fsrs import Rating

    from desktop_app.core.learning.store import ExerciseKind, LearningStore, SavedSession, Step, StepKind

    with SignDatabase(tmp_path / "signs.db") as database:
        store = LearningStore(database)
        hallo, danke = database.add_sign("hallo", "DGS"), database.add_sign("danke", "DGS")
        for sign in (hallo, danke):
            store.introduce(sign, (ExerciseKind.RECOGNITION,))
            store.review(sign, ExerciseKind.RECOGNITION, Rating.Good)
        kept = store.cards()[(danke, ExerciseKind.RECOGNITION)].card
        steps = (Step(hallo, StepKind.RECOGNITION),)
        store.save_session(SavedSession("Review", None, steps, 0, datetime.now(UTC), datetime.now(UTC)))
        with database.transaction() as conn:
            conn.execute("UPDATE learning_cards SET card = '{\"card_id\": ' WHERE sign_id = ?", (hallo,))
            conn.execute("UPDATE learning_sessions SET steps = ?", (DEEP_JSON,))

        cards = store.cards()  # was: JSONDecodeError, and no card of any sign (the home page could not open)
        assert cards[(danke, ExerciseKind.RECOGNITION)].card.to_json() == kept.to_json()
        assert cards[(hallo, ExerciseKind.RECOGNITION)].card.last_review is None  # new: due, from the start
        store.review(hallo, ExerciseKind.RECOGNITION, Rating.Good)  # a sound card written back
        assert store.cards()[(hallo, ExerciseKind.RECOGNITION)].card.last_review is not None
        assert store.saved_sessions() == []  # was RecursionError
    assert f"the recognition card of sign {hallo} is damaged and starts again" in caplog.text
    assert "the saved review session is damaged and was dropped" in caplog.text


def test_a_gloss_named_on_a_mac_is_the_same_sign_as_one_typed_elsewhere(tmp_path):
    from desktop_app.core.app.file_scoring import find_sign

    decomposed, composed = "cafe\u0301", "caf\u00e9"  # how macOS names a folder "café", and how it is typed
    folder = tmp_path / "signs" / decomposed
    folder.mkdir(parents=True)
    (folder / "a.pose").write_bytes(POSE_DATA.read_bytes())
    with SignDatabase(tmp_path / "signs.db") as database:
        import_sign_folder(database, tmp_path / "signs")
        database.add_clip_by_gloss(composed, seeded_pose(1))
        # was: two signs, 'café' and 'café', and a search for the typed one found only one of them
        assert [(sign.gloss, sign.clip_count) for sign in database.signs()] == [(composed, 2)]
        assert [sign.gloss for sign in database.signs(search=decomposed)] == [composed]
        assert find_sign(database, decomposed.upper()).gloss == composed
