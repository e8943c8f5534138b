"""Every file of the bad-input corpus (tests/bad_inputs) through every entry point that could be fed it.

The rule checked everywhere: the learner gets a message that names the file and says what is wrong, never a
traceback; a command exits non-zero only when nothing could be done; data already stored stays as it was.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pose_format import Pose
from pose_format.numpy import NumPyPoseBody
from pose_format.pose_header import PoseHeader, PoseHeaderComponent, PoseHeaderDimensions

from desktop_app.core.app.models_switch import embed_missing
from desktop_app.core.importing.imports import POSE_FILES, ImportRequest, run_import
from desktop_app.core.signing.capture import VideoFileSource
from signcore import formats
from signcore.database import DatabaseError, SignDatabase
from signcore.encoder import Encoder
from signcore.errors import InputError, ModelError, UnsupportedLayoutError
from signcore.formats.posefile import read_pose
from signcore.ingest import import_clips, import_sign_folder, import_spoter_csv
from signcore.posecodec import pose_digest
from tests.support import REPO, TEST_DATA, read_or_named_error

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
VIDEOS, POSES, CSVS, MODELS, SETTINGS = (
    CORPUS / kind for kind in ("videos", "pose", "csv", "onnx", "settings")
)

# file -> words its message must contain
UNREADABLE_VIDEOS = {"empty.mp4": "empty", "corrupt.mp4": "corrupt", "text.mp4": "not a video"}
READABLE_VIDEOS = ("truncated.mp4", "no_person.mp4", "one_frame.mp4", "huge.mp4")
BAD_POSE_FILES = {
    "empty.pose": "the file is empty",
    "truncated.pose": "truncated",
    "garbage.pose": "not a valid .pose file",
    "face_only.pose": "unsupported layout",
    "zero_size.pose": "image size 0 x 0",
}
BAD_DGS = {
    "dgs_missing_columns.csv": "65 columns",
    "dgs_nan.csv": "'NaN' is not a usable coordinate",
    "dgs_wrong_length.csv": "row 3 has 10 values",
}
BAD_SPOTER = {
    "spoter_missing_columns.csv": "84 columns are missing: wrist_left_X",
    "spoter_nan.csv": "NaN",
    "spoter_wrong_length.csv": "16 frames where the other columns have 19",
    "unknown_header.csv": "SPOTER format",  # alone, or in a sign folder (neither a DGS table nor …)
}
BAD_MODELS = {
    "wrong_inputs.onnx": "the model's inputs are ['x']",
    "wrong_layout.onnx": "layout version 999",
    "truncated.onnx": "not a usable ONNX model",
    "wrong_size.onnx": "embeddings of shape (1,), but its metadata says 64",
    "missing.onnx": "not found",
}
BAD_SETTINGS = {
    "not_json.json": "cannot read the settings",
    "not_an_object.json": "does not hold a JSON object",
    "wrong_types.json": "setting 'camera_index' has the invalid value 'the webcam'",
}
APP_TIMEOUT_S = 240


def assert_clear(text: str, path: Path | str, problem: str) -> None:
    """One message names the file and the problem, and no traceback leaked out."""
    assert "Traceback" not in text, text[-3000:]
    lines = [line for line in text.splitlines() if str(Path(path).name) in line]
    assert any(problem in line for line in lines), (
        f"no line names {path} with {problem!r} in:\n{text[-3000:]}"
    )


def run_module(*args: str, timeout: float = APP_TIMEOUT_S) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO,
        env=dict(os.environ),  # keeps the test's isolated SIGNPRACTICE_DATA_DIR
    )  # fmt: skip


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    """One landmark cache (in a user data folder) for the module: each video goes through MediaPipe once."""
    return tmp_path_factory.mktemp("userdata") / ".pose_cache"


@pytest.fixture(scope="module")
def reference_database(tmp_path_factory) -> Path:
    """A real database: the DGS sample clips, embedded with the shipped encoder."""
    path = tmp_path_factory.mktemp("reference") / "signs.db"
    encoder = Encoder()
    with SignDatabase(path) as database:
        import_clips(database, formats.load_dgs(TEST_DATA / "dgs" / "3D_full"))
        import_clips(database, formats.load_dgs_unknown(TEST_DATA / "dgs" / "2D_unknown"))
        embed_missing(database, encoder)
    return path


@pytest.fixture
def database(reference_database, tmp_path):
    copy = tmp_path / "signs.db"
    shutil.copyfile(reference_database, copy)
    with SignDatabase(copy) as opened:
        yield opened


def stored_state(database: SignDatabase) -> dict:
    """Everything a learner could lose: clips with their landmarks, signs, attempts."""
    clips = {c.id: (c.sign_id, c.source, pose_digest(database.clip_pose(c.id))) for c in database.clips()}
    signs = [(sign.id, sign.gloss, sign.clip_count) for sign in database.signs()]
    return {
        "clips": clips,
        "signs": signs,
        "attempts": [(a.id, a.sign_id, a.score) for a in database.attempts()],
    }


# -- python -m trainer extract ---------------------------------------------------------------------------


@pytest.mark.slow
def test_extract_names_each_unreadable_video_and_extracts_the_rest(tmp_path):
    result = run_module("trainer", "extract", str(VIDEOS), "--out", str(tmp_path), "--workers", "1")
    assert result.returncode == 0, result.stderr[-3000:]  # some videos could be extracted
    for name, problem in UNREADABLE_VIDEOS.items():
        assert_clear(result.stderr, name, problem)
        assert not (tmp_path / name).with_suffix(".pose").exists()
    for name in READABLE_VIDEOS:
        pose = read_pose((tmp_path / name).with_suffix(".pose"))
        assert len(pose) >= 1
    assert read_pose(tmp_path / "huge.pose").width == 4000  # the original pixels, though decoded smaller
    assert read_pose(tmp_path / "no_person.pose").detection_counts()["body"] == 0
    assert "3 failed" in result.stdout
    assert "moov atom" not in result.stderr and "NAL unit" not in result.stderr  # FFmpeg kept quiet


@pytest.mark.slow
def test_extract_fails_only_when_nothing_could_be_extracted(tmp_path):
    folder = tmp_path / "videos"
    folder.mkdir()
    for name in UNREADABLE_VIDEOS:
        shutil.copyfile(VIDEOS / name, folder / name)
    result = run_module("trainer", "extract", str(folder), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 1
    for name, problem in UNREADABLE_VIDEOS.items():
        assert_clear(result.stderr, name, problem)

    missing = tmp_path / "no such folder"
    result = run_module("trainer", "extract", str(missing), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_clear(result.stderr, missing, "no such video or folder")

    a_file = VIDEOS / "text.mp4"  # --out where a file is in the way
    result = run_module("trainer", "extract", str(VIDEOS / "one_frame.mp4"), "--out", str(a_file))
    assert result.returncode == 2
    assert_clear(result.stderr, a_file, "cannot make the output folder")


# -- file readers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BAD_POSE_FILES)
def test_pose_reader_names_the_file_and_the_problem(name):
    expected = UnsupportedLayoutError if name == "face_only.pose" else InputError
    with pytest.raises(expected) as caught:
        read_pose(POSES / name)
    assert_clear(str(caught.value), POSES / name, BAD_POSE_FILES[name])
    assert "buffer" not in str(caught.value), "the reader's own words (struct, buffers) reach the learner"


@pytest.mark.parametrize("name", BAD_DGS)
def test_dgs_reader_names_the_file_and_the_problem(name):
    with pytest.raises(InputError) as caught:
        formats.read_dgs_csv(CSVS / name)
    assert_clear(str(caught.value), CSVS / name, BAD_DGS[name])


@pytest.mark.parametrize("name", BAD_SPOTER)
def test_spoter_reader_names_the_file_and_the_problem(name):
    with pytest.raises(InputError) as caught:
        formats.read_spoter_csv(CSVS / name)
    assert_clear(str(caught.value), CSVS / name, BAD_SPOTER[name])


# -- the sign database -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_database_imports_list_every_bad_file_and_keep_the_stored_clips(database, shared_cache, monkeypatch):
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(shared_cache.parent))  # where the folder import caches
    before = stored_state(database)

    paths = [str(path) for path in sorted(POSES.iterdir())]
    report = run_import(database, ImportRequest(POSE_FILES, paths, gloss="hallo"))
    assert (report.added, report.skipped) == (0, 0)
    assert len(report.failures) == len(BAD_POSE_FILES)
    for name, problem in BAD_POSE_FILES.items():
        assert_clear("\n".join(report.failures), name, problem)

    for name, problem in BAD_SPOTER.items():
        with pytest.raises(InputError) as caught:
            import_spoter_csv(database, CSVS / name)
        assert_clear(str(caught.value), name, problem)
    assert stored_state(database) == before

    report = import_sign_folder(database, CORPUS)
    failures = "\n".join(report.failures)
    unusable = {**UNREADABLE_VIDEOS, **BAD_POSE_FILES, **BAD_DGS, **BAD_SPOTER}
    for name, problem in unusable.items():
        assert_clear(failures, name, problem)
    for other in [*MODELS.iterdir(), *SETTINGS.iterdir()]:
        assert_clear(failures, other.name, "not a clip file")
    assert "make_corpus.py: not inside a sign's folder" in failures
    for name in ("no_person.mp4", "huge.mp4"):  # readable, but a reference clip of an empty room is no use
        assert_clear(failures, name, "nobody was found in any frame")
    # one_frame.mp4 shows the signer with the hands down, in one frame: no sign to practise against either
    assert_clear(failures, "one_frame.mp4", "no hands were found in any frame")
    assert report.added == 1  # truncated.mp4: a hand is seen in a frame of it

    after = stored_state(database)
    assert {i: after["clips"][i] for i in before["clips"]} == before["clips"]  # untouched, and still there
    assert after["attempts"] == before["attempts"]
    assert database.integrity_check() == "ok"


def test_full_disk_stops_the_import_with_a_clear_message_and_keeps_every_clip(database):
    before = stored_state(database)
    # A disk with no room left: the file may not grow by a single page (set on the database's own connection).
    pages = database._read("PRAGMA page_count")[0][0]
    database._read(f"PRAGMA max_page_count = {pages}")
    clips = formats.load_dgs(TEST_DATA / "dgs" / "3D_full")
    renamed = [formats.LabeledClip(f"NEW-{clip.gloss}", clip.pose, clip.source) for clip in clips]
    with pytest.raises(DatabaseError) as caught:
        import_clips(database, renamed * 30)
    assert_clear(str(caught.value), database.path, "disk is full")
    sign_id = before["signs"][0][0]
    with pytest.raises(DatabaseError):
        database.add_attempt(sign_id, 50.0, clips[0].pose)
    assert stored_state(database) == before
    assert database.integrity_check() == "ok"


@pytest.mark.parametrize(
    "location, problem",
    [
        ("/proc/signs.db", "cannot open or create the database here"),  # read-only even for root
        (VIDEOS / "text.mp4" / "signs.db", "cannot create its folder"),  # the "folder" is a file
        (VIDEOS / "text.mp4", "not a sign database"),
    ],
)
def test_unusable_database_locations_are_refused_by_name(location, problem):
    text_before = (VIDEOS / "text.mp4").read_bytes()
    with pytest.raises(DatabaseError) as caught:
        SignDatabase(location)
    assert_clear(str(caught.value), location, problem)
    assert (VIDEOS / "text.mp4").read_bytes() == text_before


# -- python -m trainer evaluate -----------------------------------------------------------------------------


@pytest.mark.slow
def test_evaluate_lists_every_unusable_file(tmp_path, shared_cache):
    report = tmp_path / "report.json"
    args = ("trainer", "evaluate", str(CORPUS), "--cache-dir", str(shared_cache), "--json", str(report))
    result = run_module(*args)
    assert result.returncode == 0, result.stderr[-3000:]  # the readable videos make a small evaluation
    assert "could not be used" in result.stdout and "Traceback" not in result.stderr
    failed = "\n".join(
        f"{entry['path']}: {entry['error']}" for entry in json.loads(report.read_text())["failed"]
    )
    for name, problem in {**UNREADABLE_VIDEOS, **BAD_POSE_FILES, **BAD_DGS, **BAD_SPOTER}.items():
        assert_clear(failed, name, problem)
    for name in ("no_person.mp4", "huge.mp4"):
        assert_clear(failed, name, "nobody was found in any frame")


@pytest.mark.slow
def test_evaluate_with_nothing_usable_or_a_bad_model_says_why(tmp_path):
    only_bad = tmp_path / "signs"
    shutil.copytree(POSES, only_bad / "hallo")
    result = run_module("trainer", "evaluate", str(only_bad))
    assert result.returncode == 2
    assert_clear(result.stderr, only_bad, "no usable clips")
    for name, problem in BAD_POSE_FILES.items():
        assert_clear(result.stderr, name, problem)

    model = MODELS / "wrong_layout.onnx"
    result = run_module("trainer", "evaluate", str(only_bad), "--model", str(model))
    assert result.returncode == 2
    assert_clear(result.stderr, model, BAD_MODELS[model.name])

    report = VIDEOS / "text.mp4" / "report.json"  # a file where the report's folder should be
    result = run_module("trainer", "evaluate", str(TEST_DATA / "dgs" / "3D_full"), "--json", str(report))
    assert result.returncode == 2 and "| top-1 |" in result.stdout  # the table is printed before
    assert_clear(result.stderr, report, "cannot write here")


# -- the app: camera source, self-test, practice page, model switch ------------------------------------------


# Read whole by an import (with a warning) or a search, but no camera: its readable frames looped as if live
NO_CAMERA_VIDEOS = {**UNREADABLE_VIDEOS, "truncated.mp4": "damaged or cut short"}


@pytest.mark.parametrize("name", NO_CAMERA_VIDEOS)
def test_unreadable_video_as_camera_is_refused_by_name(name):
    source = VideoFileSource(VIDEOS / name, selfie=False, realtime=False)
    with pytest.raises(InputError) as caught:
        source.open()
    assert_clear(str(caught.value), name, NO_CAMERA_VIDEOS[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in READABLE_VIDEOS if name not in NO_CAMERA_VIDEOS])
def test_readable_odd_videos_loop_as_a_camera(name):
    source = VideoFileSource(VIDEOS / name, selfie=False, realtime=False)
    source.open()
    try:
        frames = [source.read() for _ in range(5)]  # more than one_frame and huge hold: they loop
    finally:
        source.close()
    assert np.all(np.diff([frame.timestamp_s for frame in frames]) > 0)
    if name == "huge.mp4":
        assert frames[0].image.shape[:2] == (3000, 4000)


@pytest.mark.slow
def test_selftest_on_bad_videos_and_databases_says_what_is_wrong(reference_database, tmp_path):
    copy = tmp_path / "signs.db"
    shutil.copyfile(reference_database, copy)
    result = run_module(
        "desktop_app", "--selftest", "--camera", str(VIDEOS / "no_person.mp4"), "--db", str(copy)
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert_clear(result.stderr, "self-test failed", "no body was found")
    assert json.loads(result.stdout)["source"] == "no_person.mp4"
    cases = [
        (("--camera", str(VIDEOS / "text.mp4"), "--db", str(copy)), 1, VIDEOS / "text.mp4", "not a video"),
        (("--db", "/proc/signs.db"), 2, "/proc/signs.db", "cannot open or create"),
    ]
    for args, code, named, problem in cases:
        result = run_module("desktop_app", "--selftest", *args)
        assert result.returncode == code, (args, result.stderr[-2000:])
        assert_clear(result.stderr, named, problem)


@pytest.mark.slow
def test_practice_page_shows_why_a_video_cannot_be_the_camera(qtbot, database):
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from desktop_app.ui.main_window import MainWindow

    context = AppContext(Settings(), database, Encoder(), database.path.parent / "settings.json")
    context.use_camera(str(VIDEOS / "corrupt.mp4"), False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.practice_page)  # the window opens on the home screen
    window.show()
    page = window.practice_page
    qtbot.waitUntil(lambda: page.camera_stack.currentIndex() == 1, timeout=60_000)
    assert_clear(page.no_camera.message.text(), "corrupt.mp4", "corrupt")
    assert page.worker is None
    window.close()


@pytest.mark.slow
def test_practice_page_says_to_check_a_missing_video_files_name_not_to_plug_in_a_camera(qtbot, database):
    """``--camera nope.mp4``, a mistyped name: the page said "Plug in a camera and press Try again"."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from desktop_app.core.signing.capture import CHECK_THE_VIDEO_FILE, PLUG_IN_A_CAMERA
    from desktop_app.ui.main_window import MainWindow

    context = AppContext(Settings(), database, Encoder(), database.path.parent / "settings.json")
    context.use_camera(str(database.path.parent / "nope.mp4"), False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.practice_page)
    window.show()
    page = window.practice_page
    qtbot.waitUntil(lambda: page.camera_stack.currentIndex() == 1, timeout=60_000)
    said = page.no_camera.message.text()
    assert_clear(said, "nope.mp4", "no such file")
    assert CHECK_THE_VIDEO_FILE in said and PLUG_IN_A_CAMERA not in said and "Plug in" not in said
    window.close()


@pytest.mark.parametrize("name", BAD_SETTINGS)
def test_unreadable_settings_give_defaults_and_a_message_naming_the_file(name, tmp_path, monkeypatch):
    from desktop_app.core.app.context import load_settings
    from desktop_app.core.shared.settings import Settings

    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path))
    shutil.copyfile(SETTINGS / name, tmp_path / "settings.json")
    settings, problem = load_settings()
    assert settings == Settings()
    assert_clear(problem, tmp_path / "settings.json", BAD_SETTINGS[name])


@pytest.mark.parametrize("name", BAD_MODELS)
def test_bad_models_raise_model_error_naming_the_file(name):
    with pytest.raises(ModelError) as caught:
        Encoder(MODELS / name)
    assert_clear(str(caught.value), name, BAD_MODELS[name])


def test_settings_refuse_a_bad_model_or_database_and_keep_the_current_ones(qtbot, database, monkeypatch):
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from desktop_app.ui.settings_dialog import SettingsDialog

    current = Encoder()
    context = AppContext(Settings(), database, current, database.path.parent / "settings.json")
    warnings = []
    monkeypatch.setattr(
        "desktop_app.ui.settings_dialog.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    for name, problem in BAD_MODELS.items():
        dialog = SettingsDialog(context)
        qtbot.addWidget(dialog)
        dialog.model_path.edit.setText(str(MODELS / name))
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted
        assert_clear(warnings[-1], name, problem)
        assert context.encoder is current and context.settings.model_path is None
    assert len(warnings) == len(BAD_MODELS)

    dialog = SettingsDialog(context)  # a database location that cannot be used is refused the same way
    qtbot.addWidget(dialog)
    dialog.database_path.edit.setText("/proc/signs.db")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert_clear(warnings[-1], "/proc/signs.db", "cannot open or create")
    assert context.database is database and context.settings.database_path is None


# -- fuzzing: structurally valid files with hostile contents ------------------------------------------------
# tests/signcore/test_readers_fuzz.py throws random and damaged BYTES at the readers. These build files that
# parse, with odd components, sizes and values, and feed them through the database import as well.

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
COMPONENT_NAMES = ("POSE_LANDMARKS", "LEFT_HAND_LANDMARKS", "RIGHT_HAND_LANDMARKS", "FACE_LANDMARKS", "OTHER")
ODD_FLOATS = st.floats(width=32) | st.sampled_from([0.0, 1e30, -1e30, float("nan"), float("inf")])


@st.composite
def pose_files(draw) -> bytes:
    """A pose-format file that pose-format itself writes, with hostile names, sizes and values."""
    fmt = draw(st.sampled_from(["XYZC", "XYC", "XC"]))
    components = []
    for name in draw(st.lists(st.sampled_from(COMPONENT_NAMES), min_size=1, max_size=3, unique=True)):
        points = draw(st.lists(st.sampled_from(["WRIST", "NOSE", "THUMB_TIP", "X"]), min_size=1, max_size=4))
        components.append(PoseHeaderComponent(name, points, [], [], fmt))
    dims = len(fmt) - 1
    size = draw(st.integers(0, 65535))  # all pose-format can write
    header = PoseHeader(0.1, PoseHeaderDimensions(size, draw(st.integers(0, 5000)), 0), components)
    frames, people = draw(st.integers(0, 6)), draw(st.integers(0, 2))
    n_points = sum(len(c.points) for c in components)
    n_values = frames * people * n_points
    values = draw(st.lists(ODD_FLOATS, min_size=n_values * dims, max_size=n_values * dims))
    confidence = draw(st.lists(ODD_FLOATS, min_size=n_values, max_size=n_values))
    fps = draw(st.sampled_from([0.0, 25.0, float("nan"), -3.0]))
    body = NumPyPoseBody(
        fps,
        np.array(values, np.float32).reshape(frames, people, n_points, dims),
        np.array(confidence, np.float32).reshape(frames, people, n_points),
    )
    data = _serialise(Pose(header, body))
    return data[: draw(st.integers(1, len(data)))] if draw(st.booleans()) else data


def _serialise(pose: Pose) -> bytes:
    buffer = io.BytesIO()
    pose.write(buffer)
    return buffer.getvalue()


@pytest.mark.slow
@FUZZ
@given(data=pose_files())
def test_pose_files_that_parse_give_a_sound_clip_or_a_named_error(tmp_path, data):
    path = tmp_path / "fuzz.pose"
    path.write_bytes(data)
    pose = read_or_named_error(read_pose, path)
    if pose is None:
        return
    assert np.isfinite(pose.points[pose.mask]).all()
    assert len(pose) < 2 or np.all(np.diff(pose.timestamps) > 0)
    assert pose.width >= 1 and pose.height >= 1


@FUZZ
@given(cut=st.integers(1, 100_000))
def test_a_cut_pose_file_is_never_read_as_a_shorter_clip(tmp_path, cut):
    original = (TEST_DATA / "pose" / "mediapipe.pose").read_bytes()
    path = tmp_path / "cut.pose"
    path.write_bytes(original[:cut])
    with pytest.raises(InputError):
        read_pose(path)


@st.composite
def dgs_files(draw) -> str:
    """A DGS CSV with the right header and rows of any length holding any number-like text."""
    header = ["face_x", "face_y"] + [f"landmark_{axis}_{i}" for i in range(1, 43) for axis in "xyz"]
    cell = st.sampled_from(["0.5", "0.25", "-0.1", "nan", "inf", "1e400", "", "x", "0.5e-3"])
    lengths = st.sampled_from([65, 128, 64, 129, 2, 1])
    rows = [
        ";".join(draw(st.lists(cell, min_size=n, max_size=n))) for n in draw(st.lists(lengths, max_size=4))
    ]
    return "\n".join([";".join(header), *rows])


@pytest.mark.slow
@FUZZ
@given(text=dgs_files())
def test_dgs_files_with_odd_rows_give_a_clip_or_a_named_error(tmp_path, text):
    path = tmp_path / "fuzz.csv"
    path.write_text(text)
    pose = read_or_named_error(formats.read_dgs_csv, path)
    if pose is None:
        return
    assert len(pose) >= 1 and np.isfinite(pose.points[pose.mask]).all()


@pytest.mark.slow
@FUZZ
@given(data=pose_files())
def test_importing_fuzzed_pose_files_never_harms_the_database(tmp_path, data):
    path = tmp_path / "hallo" / "fuzz.pose"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    with SignDatabase(tmp_path / "fuzz.db") as database:
        before = stored_state(database)
        report = run_import(database, ImportRequest(POSE_FILES, [str(path)]))
        assert report.added + len(report.failures) + report.skipped == 1
        if report.failures:
            assert str(path) in report.failures[0] and stored_state(database) == before
        assert database.integrity_check() == "ok"
    with sqlite3.connect(tmp_path / "fuzz.db") as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("tool_name", ["measure_clip_check", "measure_feedback"])
@pytest.mark.parametrize(
    ("name", "problem"), [("missing.db", "no such file"), ("signs.txt", "is not a sign database")]
)
def test_a_measuring_tools_unusable_db_is_said_on_one_line_with_exit_code_2(
    tool_name, name, problem, tmp_path, capsys
):
    """A --db that does not exist stopped the measuring tools with shutil's traceback; one that is no
    database is named as given, not by the temporary copy the tool opens."""
    from tests.test_platform_support import load_tool

    (tmp_path / "signs.txt").write_text("no database\n")
    tool = load_tool(tool_name)
    assert tool.main(["--db", str(tmp_path / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and captured.err.startswith("error: ")
    assert_clear(captured.err, tmp_path / name, problem)
    assert captured.err.startswith(f"error: {tmp_path / name}: ")
