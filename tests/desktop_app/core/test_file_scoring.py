"""Headless scoring of a recorded attempt: the JSON the app would show, from a .pose file or a video."""

import json

import numpy as np
import pytest

from desktop_app.__main__ import main
from desktop_app.core.app.file_scoring import score_file
from desktop_app.core.judging.search import load_query
from desktop_app.core.signing.upright import turned
from signcore.database import SignDatabase
from signcore.encoder import Encoder
from signcore.errors import InputError
from signcore.formats import load_dgs, load_traduttore
from signcore.formats.posefile import write_pose
from signcore.ingest import import_clips
from signcore.layout import LEFT_SHOULDER, N_POINTS, RIGHT_HAND, RIGHT_SHOULDER, PoseSequence
from tests.support import BAD_INPUTS, SIGNING_VIDEO, TEST_DATA

PARAMETERS = {"handshape", "location", "movement", "orientation", "tracking", "both hands"}


@pytest.fixture(scope="module")
def encoder():
    return Encoder()


@pytest.fixture(scope="module")
def setup(tmp_path_factory, encoder):
    """A database of the committed DGS and ASL samples without one "thank-you" clip, which is the attempt."""
    folder = tmp_path_factory.mktemp("scoring")
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    attempt = [clip for clip in clips if clip.gloss == "thank-you"][1]
    with SignDatabase(folder / "signs.db") as database:
        import_clips(database, load_dgs(TEST_DATA / "dgs" / "3D_full"), language="DGS")
        import_clips(database, [clip for clip in clips if clip is not attempt], language="ASL")
    write_pose(attempt.pose, folder / "attempt.pose")
    return folder, attempt.pose


def moved_down(pose: PoseSequence) -> PoseSequence:
    shoulders = pose.points[:, LEFT_SHOULDER, :2] - pose.points[:, RIGHT_SHOULDER, :2]
    points = pose.points.copy()
    points[:, RIGHT_HAND, 1] += 0.5 * float(np.linalg.norm(shoulders, axis=1).mean())
    return PoseSequence(points, pose.mask, pose.timestamps, pose.width, pose.height)


def check_report(report: dict) -> None:
    assert 0 <= report["score"] <= 100
    assert report["nearest"] and {"gloss", "sign_id", "distance"} == set(report["nearest"][0])
    for item in report["feedback"]:
        assert item["parameter"] in PARAMETERS and item["hand"] in ("left", "right")
        assert item["start_s"] <= item["end_s"] and item["message"]
    assert report["main"] is None or report["main"] in report["feedback"]


def test_the_command_prints_and_writes_the_report(setup, capsys):
    folder, _ = setup
    out = folder / "report.json"
    code = main(
        [
            "--score",
            str(folder / "attempt.pose"),
            "--sign",
            "Thank-You",
            "--json",
            str(out),
            "--db",
            str(folder / "signs.db"),
        ]
    )
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(out.read_text())
    assert printed["sign"] == "thank-you" and printed["language"] == "ASL"
    assert printed["nearest"][0]["gloss"] == "thank-you"
    check_report(printed)


def test_a_changed_attempt_scores_lower_and_is_told_where(setup, encoder, tmp_path):
    folder, attempt = setup
    write_pose(moved_down(attempt), tmp_path / "lower.pose")
    with SignDatabase(folder / "signs.db") as database:
        untouched = score_file(folder / "attempt.pose", "thank-you", database, encoder, video_is_selfie=False)
        lower = score_file(tmp_path / "lower.pose", "thank-you", database, encoder, video_is_selfie=False)
    assert lower["score"] < untouched["score"]
    assert (lower["main"]["parameter"], lower["main"]["hand"]) == ("location", "right")


def test_a_mirrored_attempt_in_left_handed_mode_scores_like_the_original(setup, encoder, tmp_path):
    folder, attempt = setup
    write_pose(attempt.mirrored(), tmp_path / "left.pose")
    with SignDatabase(folder / "signs.db") as database:
        right = score_file(folder / "attempt.pose", "thank-you", database, encoder, False)
        left = score_file(tmp_path / "left.pose", "thank-you", database, encoder, False, left_handed=True)
    assert left["score"] == pytest.approx(right["score"], abs=0.1)  # rounded to 0.1 in the JSON
    assert left["nearest"] == right["nearest"]
    other = {"left": "right", "right": "left"}
    assert [(i["parameter"], other[i["hand"]], i["score"]) for i in left["feedback"]] == [
        (i["parameter"], i["hand"], i["score"]) for i in right["feedback"]
    ]


def test_an_attempt_whose_hand_was_not_seen_has_no_score_as_in_the_app(setup, encoder, tmp_path):
    folder, attempt = setup
    mask = attempt.mask.copy()
    mask[:, RIGHT_HAND] = False
    unseen = PoseSequence(attempt.points, mask, attempt.timestamps, attempt.width, attempt.height)
    write_pose(unseen, tmp_path / "unseen.pose")
    with SignDatabase(folder / "signs.db") as database:
        report = score_file(tmp_path / "unseen.pose", "thank-you", database, encoder, video_is_selfie=False)
    assert report["score"] is None
    assert report["main"]["parameter"] == "tracking" and "not seen" in report["main"]["message"]


def test_a_one_handed_attempt_at_a_two_handed_sign_is_scored_and_told_to_use_both_hands(
    setup, encoder, monkeypatch
):
    """ "thank-you" (the right hand only, the left hanging out of the picture) scored as "coffee" (both
    hands): it had no score ("Your left hand was not seen"), as if the camera had missed the hand. However
    close the encoder finds it, it is given at most half and not "recognised", as the practice page gives it
    (feedback.Feedback.given: --score capped it with its own copy of the rule, untested)."""
    from dataclasses import replace

    from desktop_app.core.app import file_scoring
    from desktop_app.core.judging.feedback import ONE_HAND_OF_TWO_SCORE

    folder, _ = setup
    with SignDatabase(folder / "signs.db") as database:
        report = score_file(folder / "attempt.pose", "coffee", database, encoder, video_is_selfie=False)
        check_report(report)
        assert report["score"] <= ONE_HAND_OF_TWO_SCORE
        assert (report["main"]["parameter"], report["main"]["hand"]) == ("both hands", "left")
        assert report["main"]["message"].startswith("Both hands: ")

        scored = file_scoring.score_attempt
        monkeypatch.setattr(
            file_scoring, "score_attempt", lambda *args: replace(scored(*args), score=90.0, recognised=True)
        )
        close = score_file(folder / "attempt.pose", "coffee", database, encoder, video_is_selfie=False)
    assert (close["score"], close["recognised"]) == (ONE_HAND_OF_TWO_SCORE, False)


def test_a_file_is_scored_on_its_sign_without_the_frames_around_it(setup, encoder, tmp_path):
    """A second before and after the sign with the hands out of view, as a recorded video has: judged as the
    practice page judges the live attempt it cuts out (that file was 'not scored': the hand counted as
    hardly seen)."""
    folder, attempt = setup
    idle = np.repeat(attempt.mask[:1], 30, axis=0)
    idle[:, RIGHT_HAND.start :] = False
    idle[:, RIGHT_HAND.start - 21 : RIGHT_HAND.start] = False  # and the left hand
    step = float(np.median(np.diff(attempt.timestamps)))
    times = np.concatenate(
        [
            attempt.timestamps[0] - step * np.arange(30, 0, -1),
            attempt.timestamps,
            attempt.timestamps[-1] + step * np.arange(1, 31),
        ]
    )
    points = np.concatenate(
        [np.repeat(attempt.points[:1], 30, 0), attempt.points, np.repeat(attempt.points[-1:], 30, 0)]
    )
    padded = PoseSequence(
        points, np.concatenate([idle, attempt.mask, idle]), times - times[0], attempt.width, attempt.height
    )
    write_pose(padded, tmp_path / "padded.pose")
    with SignDatabase(folder / "signs.db") as database:
        bare = score_file(folder / "attempt.pose", "thank-you", database, encoder, video_is_selfie=False)
        report = score_file(tmp_path / "padded.pose", "thank-you", database, encoder, video_is_selfie=False)
    assert report["score"] is not None and report["score"] == pytest.approx(bare["score"], abs=2.0)
    assert (report["main"] or {}).get("parameter") == (bare["main"] or {}).get("parameter")


@pytest.mark.slow
def test_a_video_is_scored_through_mediapipe(setup, capsys):
    folder, _ = setup
    code = main(
        [
            "--score",
            str(SIGNING_VIDEO),
            "--video-mirrored",
            "--sign",
            "hallo",
            "--db",
            str(folder / "signs.db"),
        ]
    )
    assert code == 0
    printed = capsys.readouterr()
    report = json.loads(printed.out)
    check_report(report)
    assert report["cut_short"] is None and "cut short" not in printed.err


def test_a_video_cut_short_is_scored_on_the_part_that_can_be_read_and_said_so(setup, capsys):
    """A video cut at 60 %: --score scored its first part and said nothing of the rest (import warns of the
    same file, the camera refuses it). Its score stands, said to be of the part that could be read."""
    folder, _ = setup
    video = BAD_INPUTS / "videos" / "truncated.mp4"
    arguments = [
        "--score",
        str(video),
        "--video-mirrored",
        "--sign",
        "hallo",
        "--db",
        str(folder / "signs.db"),
    ]
    assert main(arguments) == 0
    printed = capsys.readouterr()
    report = json.loads(printed.out)
    note = report["cut_short"]
    assert note.startswith("truncated.mp4: this video is damaged or cut short: only the first ")
    assert note.endswith(" can be read; only that part was scored")
    assert f"note: {note}\n" in printed.err


@pytest.mark.parametrize(
    ("flags", "mirrored"), [([], False), (["--video-mirrored"], True), (["--video-not-mirrored"], False)]
)
def test_a_video_is_read_as_the_command_line_says_it_was_filmed_not_by_the_camera_setting(
    setup, capsys, monkeypatch, flags, mirrored
):
    """--score read a video by the saved camera's selfie setting (File → Camera…): a video filmed by a camera
    facing the signer was scored with the signer's hands swapped, and nothing said so. Import and search
    ask; --score takes the flags, and with neither reads a video as not mirrored, saying so."""
    from desktop_app.core.app import file_scoring
    from desktop_app.core.shared.settings import Settings

    folder, attempt = setup
    Settings(video_is_selfie=not mirrored).save()  # the camera's setting says the opposite
    read_as = []

    def read_signing(path, video_is_selfie):  # the landmarks MediaPipe would find, without its minute
        read_as.append(video_is_selfie)
        return attempt

    monkeypatch.setattr(file_scoring, "read_signing", read_signing)

    def score(path, *flags):
        arguments = ["--score", str(path), "--sign", "thank-you", "--db", str(folder / "signs.db"), *flags]
        assert main(arguments) == 0
        printed = capsys.readouterr()
        return json.loads(printed.out), printed.err

    report, said = score(folder / "attempt.mp4", *flags)
    assert read_as == [mirrored] and report["video_mirrored"] is mirrored
    note = (
        "attempt.mp4 was read as not mirrored (filmed by a camera facing the signer), as a video is unless"
        " said; if it is a selfie recording, score it with --video-mirrored"
    )
    assert (note in said) is (flags == []), "said when the default was taken, only then"

    report, said = score(folder / "attempt.pose")
    assert report["video_mirrored"] is None and said == ""  # landmarks: nothing to un-mirror


@pytest.mark.parametrize("quarter_turns", [1, 2])
def test_a_pose_file_of_a_signer_on_their_side_is_scored_upright_and_said_so(
    setup, capsys, tmp_path, quarter_turns
):
    """--score scored a .pose file lying on its side as filmed, against upright references, where import and
    search ask and suggest turning it upright: an attempt scored 75 scored 24 on its side and 39 upside down,
    corrected for a hand "higher than in the reference" and fingers "pointed down". It is stood upright, as
    import and search would, and said so."""
    folder, attempt = setup
    write_pose(turned(attempt, quarter_turns), tmp_path / "sideways.pose")

    def score(path):
        assert main(["--score", str(path), "--sign", "thank-you", "--db", str(folder / "signs.db")]) == 0
        printed = capsys.readouterr()
        return json.loads(printed.out), printed.err

    upright, said_of_upright = score(folder / "attempt.pose")
    sideways, said = score(tmp_path / "sideways.pose")
    assert sideways["score"] == pytest.approx(upright["score"], abs=0.1)
    assert [n["gloss"] for n in sideways["nearest"]] == [n["gloss"] for n in upright["nearest"]]
    assert sideways["main"] == upright["main"]
    assert upright["turned_upright"] is False and said_of_upright == ""
    assert sideways["turned_upright"] is True
    assert said == (
        "note: sideways.pose shows the signer on their side or upside down, so it was scored turned upright, "
        "as the app imports and searches with it\n"
    )


def test_a_video_tracked_upright_is_said_to_be(setup, capsys, monkeypatch):
    """A video on its side is tracked turned upright (signcore.extract.extract_video): --score says so too."""
    from desktop_app.core.app import file_scoring

    folder, attempt = setup
    tracked = PoseSequence(
        attempt.points,
        attempt.mask,
        attempt.timestamps,
        attempt.width,
        attempt.height,
        {"turned_degrees": 270},
    )
    monkeypatch.setattr(file_scoring, "read_signing", lambda path, video_is_selfie: tracked)
    arguments = ["--score", str(folder / "sideways.mp4"), "--video-not-mirrored", "--sign", "thank-you"]
    assert main([*arguments, "--db", str(folder / "signs.db")]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["turned_upright"] is True
    assert "note: sideways.mp4 shows the signer on their side or upside down" in printed.err


def test_the_help_states_how_a_video_is_read_when_no_option_says(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    words = " ".join(capsys.readouterr().out.split())
    assert "a video counts as not mirrored unless --video-mirrored is given" in words


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--sign", "no-such-sign"], "there is no sign 'no-such-sign'"),
        ([], "--score needs --sign"),
    ],
)
def test_bad_requests_get_a_message_not_a_traceback(setup, capsys, arguments, words):
    folder, _ = setup
    code = main(["--score", str(folder / "attempt.pose"), "--db", str(folder / "signs.db"), *arguments])
    assert code == 2
    assert words in capsys.readouterr().err


def test_a_missing_file_gets_a_message(setup, capsys):
    folder, _ = setup
    assert (
        main(["--score", str(folder / "nothing.mp4"), "--sign", "hallo", "--db", str(folder / "signs.db")])
        == 2
    )
    assert "no such file" in capsys.readouterr().err


def a_file_nobody_is_in(path):
    frames = 5
    nobody = PoseSequence(
        np.zeros((frames, N_POINTS, 3), np.float32),
        np.zeros((frames, N_POINTS), bool),
        np.arange(frames) / 25.0,
        640,
        480,
    )
    write_pose(nobody, path)


REFUSALS = {  # a file of signing chosen by mistake -> what is said, by --score and by search alike
    "notes.txt": "this is neither a video (.mp4, .mov, .avi, .webm, .mkv, .m4v, .mpg, .mpeg, .gif, .flv, "
    ".wmv, .3gp) nor a .pose file",
    "broken.pose": "not a valid .pose file (truncated or corrupt)",
    "broken.mp4": "not a video that can be read (unknown format, or the file is damaged)",
    "nobody.pose": "nobody was found in any frame (no body, no hands)",
    "a folder": "this is a folder; choose a file",
    "missing.mp4": "no such file",
}


@pytest.mark.parametrize("name", REFUSALS)
def test_a_file_to_score_and_a_file_to_search_with_are_refused_in_the_same_words(
    setup, tmp_path, capsys, name
):
    """--score and search read a file of signing with one function; they said it two ways."""
    folder, _ = setup
    path = tmp_path / name
    if name == "nobody.pose":
        a_file_nobody_is_in(path)
    elif name == "a folder":
        path.mkdir()
    elif name != "missing.mp4":
        path.write_text("hallo")
    with pytest.raises(InputError) as refused:
        load_query(path, video_is_selfie=False)
    assert str(refused.value) == f"{path}: {REFUSALS[name]}"
    assert main(["--score", str(path), "--sign", "thank-you", "--db", str(folder / "signs.db")]) == 2
    said = capsys.readouterr().err  # the same words, and the file named once
    assert f"could not score {path}: {REFUSALS[name]}\n" in said


def test_the_sign_to_score_against_is_named_as_the_app_shows_it(tmp_path):
    """A walk-through: --sign "letter Z" answered "there is no sign 'letter Z'": only the gloss "z" was
    accepted, a name the learner never sees."""
    from desktop_app.core.app.file_scoring import find_sign
    from signcore.database import SignDatabase

    with SignDatabase(tmp_path / "signs.db") as database:
        letter = database.add_sign("z", "ASL")
        database.add_sign("zz", "ASL")
        named = ["letter Z", "letter z (ASL)", "z", "Z@asl"]
        assert [find_sign(database, name).id for name in named] == [letter] * len(named)


def test_a_sign_not_named_whole_gets_the_signs_a_search_for_it_finds(tmp_path):
    """--sign "thank" said only "there is no sign 'thank'", beside the sign "thank-you" the lists find."""
    from desktop_app.core.app.file_scoring import find_sign

    with SignDatabase(tmp_path / "signs.db") as database:
        database.add_sign("thank-you", "ASL")
        database.add_sign("t", "ASL")
        database.add_sign("tea", "ASL")
        with pytest.raises(InputError, match=r"'th'[^;]*; a search for it finds thank-you@ASL$"):
            find_sign(database, "th")
        with pytest.raises(InputError, match=r"finds t@ASL, tea@ASL, thank-you@ASL$"):
            find_sign(database, "t@DGS")  # the one named "t" is in another language: the learner sees so


def test_a_file_that_looked_like_another_sign_is_told_how_the_two_differ_as_this_clip(setup, encoder):
    """--score said "your sign looked more like ..." of any file, another signer's video too: the file is
    "this clip", and the report names the sign it looked more like and what tells the two apart."""
    folder, _attempt = setup
    with SignDatabase(folder / "signs.db") as database:
        report = score_file(folder / "attempt.pose", "please", database, encoder, video_is_selfie=False)
    looked_like = report["looked_like"]
    assert looked_like is not None and looked_like["sign"] == "thank-you (ASL)"
    differs = looked_like["differs_most"]
    assert differs["parameter"] in PARAMETERS | {"hands used"}
    said = [report["overall"], report["also"], differs["message"]]
    assert differs["message"].startswith("This clip looked more like “thank-you (ASL)”.")
    assert not any("your sign" in words.lower() for words in said if words)
