"""The data set readers (DGS CSV, traduttore, SPOTER CSV): committed samples always, the full shared sets
where ../shared exists."""

from pathlib import Path

import numpy as np
import pytest

from signcore import layout
from signcore.errors import InputError
from signcore.formats import dgs, spoter, traduttore
from tests.support import TEST_DATA, shared_path

DGS_SAMPLES = TEST_DATA / "dgs" / "3D_full"
DGS_2D_SAMPLES = TEST_DATA / "dgs" / "2D_unknown"
TRADUTTORE_SAMPLE = TEST_DATA / "traduttore" / "traduttore_sample.npz"
SPOTER_SAMPLE = TEST_DATA / "spoter" / "traduttore_spoter.csv"
HEADER_2D = "face_x;face_y;" + ";".join(f"landmark_x_{i};landmark_y_{i}" for i in range(1, 43)) + "\n"


def _centroid(hand: np.ndarray) -> np.ndarray:
    return hand[:, :2].mean(axis=0)


def _swapped(a0, b0, a1, b1) -> bool:
    """Do hands a and b exchange places between two frames (each nearer the other's previous position)?"""
    dist = np.linalg.norm
    same = dist(_centroid(a0) - _centroid(a1)) + dist(_centroid(b0) - _centroid(b1))
    crossed = dist(_centroid(a0) - _centroid(b1)) + dist(_centroid(b0) - _centroid(a1))
    return bool(crossed < same)


def _apart(blocks, hand_lengths: float) -> bool:
    """Two hand blocks further apart than ``hand_lengths`` (wrist to middle-finger knuckle)?"""
    length = np.mean([np.linalg.norm(h[layout.MIDDLE_FINGER_MCP, :2] - h[layout.WRIST, :2]) for h in blocks])
    return bool(np.linalg.norm(_centroid(blocks[0]) - _centroid(blocks[1])) > hand_lengths * length)


def hand_assignment_stats(files) -> dict[str, float]:
    """Identity swaps between consecutive two-hand frames, raw blocks vs assigned sides (only where both
    frames show two distinct hands: the detector sometimes reports one hand twice), and how often the
    assigned right hand is on the image's left when the hands are clearly apart (non-mirrored camera)."""
    pairs = raw_swaps = assigned_swaps = apart = right_on_left = 0
    for path in files:
        faces, blocks = dgs._read_dgs_rows(path)
        hands = dgs._assign_hands(faces, blocks)
        distinct = [len(found) == 2 and _apart(found, 1) for found in blocks]
        for frame, found in enumerate(blocks):
            if len(found) == 2 and _apart(found, 2):
                apart += 1
                right_on_left += _centroid(hands[frame]["right"])[0] < _centroid(hands[frame]["left"])[0]
        for frame in range(len(blocks) - 1):
            if distinct[frame] and distinct[frame + 1]:
                pairs += 1
                raw_swaps += _swapped(*blocks[frame], *blocks[frame + 1])
                before, after = hands[frame], hands[frame + 1]
                assigned_swaps += _swapped(before["left"], before["right"], after["left"], after["right"])
    return {
        "pairs": pairs,
        "raw_swaps": raw_swaps,
        "assigned_swaps": assigned_swaps,
        "right_on_image_left": round(right_on_left / max(apart, 1), 4),
    }


def test_dgs_3d_sample_maps_face_to_nose_and_hands_to_sides():
    clips = dgs.load_dgs(DGS_SAMPLES)
    assert [clip.gloss for clip in clips] == ["Bier", "du", "hallo", "hallo"]
    assert {clip.language for clip in clips} == {"DGS"}
    nothing_seen = False  # a hand block of nothing (COLLAPSED_HAND), left out
    for clip in clips:
        pose = clip.pose
        assert (pose.width, pose.height) == (1, 1)
        assert pose.mask[:, layout.NOSE].all()
        body_without_nose = np.delete(np.arange(layout.POSE.start, layout.POSE.stop), layout.NOSE)
        assert not pose.mask[:, body_without_nose].any()
        hands_per_frame = pose.present("LEFT_HAND_LANDMARKS") * 1 + pose.present("RIGHT_HAND_LANDMARKS")
        rows = [line for line in Path(clip.source).read_text().splitlines()[1:] if line]
        blocks = [np.array(row.split(";")[2:], float).reshape(-1, 21, 3) for row in rows]
        expected = [
            sum(np.ptp(hand[:, :2], axis=0).max() > dgs.COLLAPSED_HAND for hand in row) for row in blocks
        ]
        nothing_seen |= expected != [len(row) for row in blocks]
        assert hands_per_frame.tolist() == expected
        assert np.allclose(np.diff(pose.timestamps), 1 / 30)
        assert np.abs(pose.points[pose.mask][:, 2]).max() > 0  # 3-D files keep the hands' depth
    assert nothing_seen


def test_a_dgs_hand_block_of_nothing_is_no_hand(tmp_path):
    """In 363 of the 1,755 3D_full clips a hand block holds every coordinate at about 1e-38 (often the first
    frame): nothing was recorded. It read as a hand at the image's corner (drawn as a dot there, and fed to
    the encoder and DTW as a hand that jumped across the picture)."""
    sample = next(path for path in sorted(DGS_SAMPLES.rglob("*.csv")))
    header, first, *rest = [line for line in sample.read_text().splitlines() if line]
    cells = first.split(";")
    nothing = ";".join(cells[:2] + ["1.1e-38"] * (len(cells) - 2))
    damaged = tmp_path / "damaged.csv"
    damaged.write_text("\n".join([header, nothing, first, *rest]) + "\n")
    pose = dgs.read_dgs_csv(damaged)
    hands = pose.mask[:, layout.LEFT_HAND.start :]
    assert not hands[0].any() and hands[1:].any(axis=1).all()
    assert pose.mask[0, layout.NOSE]  # the frame stays, with its face point
    as_recorded = dgs.read_dgs_csv(sample)
    np.testing.assert_array_equal(pose.points[2:], as_recorded.points[1:])


def test_dgs_words_filter_and_unknown_word():
    assert {clip.gloss for clip in dgs.load_dgs(DGS_SAMPLES, words=["du"])} == {"du"}
    with pytest.raises(InputError, match="Haus"):
        dgs.load_dgs(DGS_SAMPLES, words=["du", "Haus"])


def test_dgs_2d_unknown_sample_has_no_depth():
    clips = dgs.load_dgs_unknown(DGS_2D_SAMPLES)
    assert [clip.gloss for clip in clips] == ["0", "1"]
    for clip in clips:
        assert len(clip.pose) > 10
        assert not clip.pose.points[..., 2].any()


def test_hand_assignment_follows_continuity_when_blocks_swap():
    """Two hands far apart, the detector swaps its blocks, then the left one drops out: identities stay."""
    hand = np.zeros((21, 3))
    right = hand + [0.2, 0.7, 0]  # image left of the face = signer's right (non-mirrored camera)
    left = hand + [0.8, 0.7, 0]
    faces = np.tile([0.5, 0.2], (4, 1))
    blocks = [[right, left], [left + 0.01, right + 0.01], [right + 0.02], [right + 0.03]]
    hands = dgs._assign_hands(faces, blocks)
    assert [sorted(frame) for frame in hands] == [["left", "right"], ["left", "right"], ["right"], ["right"]]
    assert np.allclose(hands[1]["right"], right + 0.01)
    assert np.allclose(hands[3]["right"], right + 0.03)


def test_a_hand_that_goes_on_alone_where_it_was_keeps_its_side():
    """The moving hand goes on alone after the other drops out, and drifts across the face line: it keeps
    one side all through (which one the whole clip decides), never handed to the other side mid-sign."""
    hand = np.zeros((21, 3))
    faces = np.tile([0.5, 0.2], (40, 1))
    resting = hand + [0.2, 0.8, 0]
    path = [hand + [0.55 - 0.01 * frame, 0.3, 0] for frame in range(40)]  # drifts to the image's left
    blocks = [[resting, path[frame]] for frame in range(5)] + [[path[frame]] for frame in range(5, 40)]
    hands = dgs._assign_hands(faces, blocks)
    moving = next(side for side, found in hands[0].items() if np.allclose(found, path[0]))
    assert all(np.allclose(frame[moving], step) for frame, step in zip(hands, path, strict=True))


def test_the_cheapest_path_is_the_whole_sequence_cheapest_not_each_frames():
    """Frame 0's cheaper option leads only to dear steps: the path takes the dearer one there."""
    frames = [[{"at": (0.0, 0.0)}, {"at": (1.0, 0.0)}]] * 3
    own = {(0, 0): 0.0, (0, 1): 1.0}  # frame 0: the first option is cheaper on its own

    def cost_at(frame, option):
        return own.get((frame, int(option["at"][0])), 0.0)

    def cost_between(before, after):
        return 10.0 if before["at"][0] == 0.0 else float(after["at"][0] == 0.0)

    assert dgs._cheapest_path(frames, cost_at, cost_between) == [1, 1, 1]
    assert dgs._cheapest_path(frames[:1], cost_at, cost_between) == [0]  # one frame: its own cost alone


def test_hand_assignment_places_a_lone_hand_by_image_side():
    hand = np.zeros((21, 3))
    faces = np.tile([0.5, 0.2], (3, 1))
    blocks = [[hand + [0.85, 0.6, 0]]] * 3
    assert all(sorted(frame) == ["left"] for frame in dgs._assign_hands(faces, blocks))


def test_hand_assignment_beats_raw_blocks_on_the_samples():
    stats = hand_assignment_stats(sorted(DGS_SAMPLES.glob("*/*.csv")))
    assert stats["assigned_swaps"] <= stats["raw_swaps"]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("", "empty"),
        ("a;b;c\n1;2;3\n", "not a DGS landmark CSV"),
        ("face_x;face_y;landmark_x_1;landmark_y_1\n", "header has 4 columns"),
        (HEADER_2D, "no frames"),
        (HEADER_2D + "1;2;3\n", "row 2 has 3 values"),
        (HEADER_2D + ";".join(["0.5"] * 5 + ["oops"] + ["0.5"] * 38) + "\n", "row 2, column 6: 'oops'"),
        (HEADER_2D + ";".join(["0.5"] * 43 + ["nan"]) + "\n", "row 2, column 44"),
    ],
)
def test_bad_dgs_csv_names_file_and_problem(tmp_path, content, problem):
    path = tmp_path / "clip.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=problem) as caught:
        dgs.read_dgs_csv(path)
    assert str(path) in str(caught.value)


def test_traduttore_sample_drops_duplicates_and_maps_pixels():
    clips = traduttore.load_traduttore(TRADUTTORE_SAMPLE)
    assert len(clips) == 19  # rows 390 and 391 of the full set are the same all-zero sequence
    assert {clip.language for clip in clips} == {"ASL"}
    assert clips[0].gloss == "-" and "hello" in {clip.gloss for clip in clips}
    with np.load(TRADUTTORE_SAMPLE) as archive:
        raw = archive["X"][3, 1:]  # a "hello" sequence without its stale first frame
    pose = clips[2].pose
    assert clips[2].gloss == "hello" and (pose.width, pose.height) == (640, 480)
    body = raw[:, :132].reshape(19, 33, 4)
    visible = body[..., 3] >= layout.POSE_VISIBILITY_THRESHOLD
    assert np.array_equal(pose.mask[:, layout.POSE], visible)
    assert np.allclose(pose.points[:, layout.NOSE, :2], body[:, 0, :2] * [640, 480], atol=1e-3)
    right = raw[:, 195:].reshape(19, 21, 3)
    assert np.array_equal(pose.present("RIGHT_HAND_LANDMARKS"), right.any(axis=(1, 2)))
    assert np.allclose(np.diff(pose.timestamps), 1 / traduttore.TRADUTTORE_FPS)  # the file has no timing
    slower = traduttore.load_traduttore(TRADUTTORE_SAMPLE, fps=12.5)[2].pose
    assert np.allclose(np.diff(slower.timestamps), 1 / 12.5) and np.array_equal(slower.points, pose.points)


def test_traduttore_sequences_last_as_long_as_they_were_signed():
    """Recorded at about 15 frames a second (tools/measure_capture_rate.py), not a webcam's 30: the 19 frames
    after the stale first one last 1.2 s, not a flick of 0.6 s."""
    hello = next(clip for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE) if clip.gloss == "hello")
    assert len(hello.pose) == 19 and hello.pose.duration == pytest.approx(18 / 15)


def test_traduttore_leaves_out_the_first_frame_recorded_before_the_pause():
    """The recording script pauses 2 s after a sequence's first frame, so that frame shows the signer before
    they got ready: in the sample's coffee (the file's first), no hand in it and both hands in every frame
    after it. The clip is the frames after it, timed from 0."""
    with np.load(TRADUTTORE_SAMPLE) as archive:
        raw = archive["X"][5]
        assert archive["labels"][5] == "coffee"
    hands_found = raw[:, 132:195].any(axis=1) & raw[:, 195:].any(axis=1)
    assert not raw[0, 132:].any() and hands_found[1:].all()  # the sample is what the docstring says
    coffee, as_recorded = (
        next(
            clip.pose
            for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE, **keep)
            if clip.gloss == "coffee"
        )
        for keep in ({}, {"with_stale_first_frame": True})
    )
    assert len(coffee) == len(raw) - 1 and coffee.timestamps[0] == 0.0
    assert coffee.present("LEFT_HAND_LANDMARKS").all() and coffee.present("RIGHT_HAND_LANDMARKS").all()
    assert len(as_recorded) == len(raw) and np.array_equal(as_recorded.points[1:], coffee.points)


def test_traduttore_hands_are_the_physical_ones():
    """Holistic's left hand sits at the body's LEFT_WRIST: the mapping keeps sides."""
    for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE):
        pose = clip.pose
        both = pose.present("LEFT_HAND_LANDMARKS") & pose.mask[:, layout.LEFT_WRIST_BODY]
        hand_wrist = pose.points[both, layout.LEFT_HAND.start + layout.WRIST, :2]
        to_left = np.linalg.norm(hand_wrist - pose.points[both, layout.LEFT_WRIST_BODY, :2], axis=1)
        to_right = np.linalg.norm(hand_wrist - pose.points[both, layout.RIGHT_WRIST_BODY, :2], axis=1)
        assert (to_left <= to_right).all()


def test_traduttore_rejects_wrong_files(tmp_path):
    not_npz = tmp_path / "x.npz"
    not_npz.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="x.npz"):
        traduttore.load_traduttore(not_npz)
    wrong_shape = tmp_path / "shape.npz"
    np.savez(wrong_shape, X=np.zeros((2, 20, 100), np.float32), labels=np.array(["a", "b"]), seq=np.arange(2))
    with pytest.raises(InputError, match="expected \\(N, frames, 258\\)"):
        traduttore.load_traduttore(wrong_shape)
    one_frame = tmp_path / "oneframe.npz"
    np.savez(one_frame, X=np.zeros((2, 1, 258), np.float32), labels=np.array(["a", "b"]), seq=np.arange(2))
    with pytest.raises(InputError, match="nothing after the stale first frame"):
        traduttore.load_traduttore(one_frame)
    no_labels = tmp_path / "nolabels.npz"
    np.savez(no_labels, X=np.zeros((2, 20, 258), np.float32))
    with pytest.raises(InputError, match="no array labels"):
        traduttore.load_traduttore(no_labels)


def _detection_fractions(clips) -> dict[str, float]:
    counts = np.array([list(clip.pose.detection_counts().values()) for clip in clips]).sum(axis=0)
    return {name: round(counts[i] / counts[0], 3) for i, name in ((1, "body"), (2, "left"), (3, "right"))}


@pytest.mark.slow
def test_full_dgs_3d(capsys):
    root = shared_path("data/dgs/3D_full")
    clips = dgs.load_dgs(root)
    assert len(clips) == 1755
    assert len({clip.gloss for clip in clips}) == 30
    stats = hand_assignment_stats(sorted(root.glob("*/*.csv"))[::4])  # a quarter of the clips keeps it quick
    assert stats["assigned_swaps"] < stats["raw_swaps"]
    assert stats["right_on_image_left"] > 0.9
    with capsys.disabled():
        print(f"\nDGS 3D_full: {stats}; detection {_detection_fractions(clips)}")


@pytest.mark.slow
def test_full_dgs_2d_unknown(capsys):
    clips = dgs.load_dgs_unknown(shared_path("data/dgs/2D_unknown"))
    assert len(clips) == 3012
    with capsys.disabled():
        print(f"\nDGS 2D_unknown: detection {_detection_fractions(clips)}")


@pytest.mark.slow
def test_full_traduttore(capsys):
    clips = traduttore.load_traduttore(shared_path("data/traduttore/traduttore_MP_Data.npz"))
    assert len(clips) == 4693 - 59
    assert len({clip.gloss for clip in clips}) == 33
    # Physical hands: the one-handed fingerspelled letters are signed with the (dominant) right hand.
    letters = [clip.pose for clip in clips if len(clip.gloss) == 1 and clip.gloss != "-"]
    assert np.mean([pose.present("RIGHT_HAND_LANDMARKS").mean() for pose in letters]) > 0.95
    with capsys.disabled():
        print(f"\ntraduttore: detection {_detection_fractions(clips)}")


def test_spoter_csv_maps_points_by_name():
    """The sample's rows are sequences 3, 5 and 9 of the traduttore sample as its reader reads them: without
    the stale first frame (traduttore.TRADUTTORE_STALE_FIRST_FRAMES), so they import as clips of the sign
    alone, as the starter database's ASL clips are."""
    clips = spoter.read_spoter_csv(SPOTER_SAMPLE)
    assert [clip.gloss for clip in clips] == ["hello", "coffee", "thank-you"]
    with np.load(TRADUTTORE_SAMPLE) as archive:
        raw = archive["X"][3, traduttore.TRADUTTORE_STALE_FIRST_FRAMES :]  # the "hello" row's sequence
    read = {
        clip.source.rsplit("#", 1)[1]: clip.pose for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE)
    }
    assert [len(clip.pose) for clip in clips] == [len(read[index]) for index in ("3", "5", "9")]
    pose = clips[0].pose
    assert (len(pose), pose.width, pose.height) == (19, 1, 1)
    assert pose.meta["video_id"] == "traduttore3" and pose.meta["split"] == "train"
    body = raw[:, :132].reshape(19, 33, 4)
    assert np.allclose(pose.points[:, layout.LEFT_SHOULDER, :2], body[:, 11, :2], atol=1e-6)
    right = raw[:, 195:].reshape(19, 21, 3)
    index_tip = layout.RIGHT_HAND.start + layout.HAND_POINTS.index("INDEX_FINGER_TIP")
    assert np.allclose(pose.points[:, index_tip, :2], right[:, 8, :2], atol=1e-6)
    assert np.array_equal(pose.present("RIGHT_HAND_LANDMARKS"), right.any(axis=(1, 2)))
    assert not pose.mask[:, layout.point_index("POSE_LANDMARKS", "LEFT_EYE_INNER")].any()  # not in SPOTER


def test_spoter_round_trip_keeps_what_the_format_holds(tmp_path):
    clips = traduttore.load_traduttore(TRADUTTORE_SAMPLE)[:6]
    path = tmp_path / "out.csv"
    spoter.write_spoter_csv(clips, path)
    back = spoter.read_spoter_csv(path)
    kept = list(spoter.SPOTER_POINTS.values())
    for original, copy in zip(clips, back, strict=True):
        assert copy.gloss == original.gloss
        assert (copy.pose.width, copy.pose.height) == (640, 480)
        assert np.array_equal(copy.pose.mask[:, kept], original.pose.mask[:, kept])
        found = original.pose.mask[:, kept]
        assert np.allclose(
            copy.pose.points[:, kept, :2][found], original.pose.points[:, kept, :2][found], atol=1e-3
        )
        assert np.allclose(copy.pose.timestamps, original.pose.timestamps)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def _spoter_variant(tmp_path, edit) -> Path:
    lines = SPOTER_SAMPLE.read_text().splitlines(keepends=True)
    path = tmp_path / "variant.csv"
    path.write_text(edit(lines))
    return path


@pytest.mark.parametrize(
    "edit, problem",
    [
        (lambda lines: lines[0].replace("leftElbow_Y,", "elbow,"), "1 column is missing: leftElbow_Y"),
        (lambda lines: "".join(lines[:1]), "no clips"),
        (lambda lines: lines[0] + lines[1].replace("[", "[nan,", 1), "row 1, column nose_X: NaN"),
        (
            lambda lines: "".join(lines[:2]) + lines[2].replace("[", "[0.5,", 1),
            "row 2, column nose_X: 20 frames where the other columns have 19",
        ),
        (lambda lines: lines[0] + lines[1].replace("[", "[abc,", 1), "row 1, column nose_X: the list holds"),
        (lambda lines: lines[0] + lines[1][:300] + "\n", "row 1, column .*expected a list"),
        (lambda lines: "a,b\n1,2\n", "not a table of clips in the SPOTER format"),
        (lambda lines: "", r"the file is empty \(a table of clips"),  # was: "it has no columns of …"
    ],
)
def test_bad_spoter_csv_names_row_and_column(tmp_path, edit, problem):
    path = _spoter_variant(tmp_path, edit)
    with pytest.raises(InputError, match=problem) as caught:
        spoter.read_spoter_csv(path)
    assert str(path) in str(caught.value)
