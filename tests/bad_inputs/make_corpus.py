"""Rebuild the bad-input corpus: ``python -m tests.bad_inputs.make_corpus`` (same bytes on every run).

Every file here is something a learner could feed the app or the trainer by mistake or bad luck. The corpus
is laid out as a sign folder (``bad_inputs/<kind>/<file>``), so it can also be given whole to
``python -m trainer evaluate`` and to the database's sign-folder import:

=================================  ===============================================================
file                               what is wrong with it
=================================  ===============================================================
videos/empty.mp4                   0 bytes
videos/truncated.mp4               the signing video cut after its first 40 %
videos/corrupt.mp4                 the signing video's first 4 KiB, then random bytes
videos/text.mp4                    a text file named .mp4
videos/no_person.mp4               20 synthetic frames (moving shapes), nobody in them
videos/one_frame.mp4               a single frame of the signing video
videos/huge.mp4                    4000 x 3000 pixels, 2 frames
pose/empty.pose                    0 bytes
pose/truncated.pose                a real MediaPipe .pose cut in the middle of its body
pose/garbage.pose                  random bytes
pose/face_only.pose                a real OpenPose .pose (5 frames), its face points only: no body, no hands
pose/zero_size.pose                a MediaPipe-layout .pose whose header says the image is 0 x 0
csv/dgs_missing_columns.csv        DGS header with one hand's columns missing
csv/dgs_nan.csv                    DGS values with a NaN
csv/dgs_wrong_length.csv           a DGS row with 10 values
csv/spoter_missing_columns.csv     SPOTER CSV without the hands' columns
csv/spoter_nan.csv                 SPOTER coordinate list with a NaN
csv/spoter_wrong_length.csv        SPOTER columns of different lengths in one row
csv/unknown_header.csv             a CSV that is neither format
onnx/wrong_inputs.onnx             a valid ONNX model taking one input ``x``
onnx/wrong_layout.onnx             an encoder-shaped model made for landmark layout version 999
onnx/truncated.onnx                the first half of wrong_layout.onnx
onnx/wrong_size.onnx               right inputs and layout, metadata promises 64-value embeddings, gives 1
settings/not_json.json             a settings file cut short in the middle of its JSON
settings/not_an_object.json        a settings file holding a JSON list
settings/wrong_types.json          a settings file whose camera number is text
=================================  ===============================================================

Sources: the signing video is tests/data/pose_format_test_video.mp4 (pose-format, MIT); the .pose files
are cut from tests/data/pose (pose-format, MIT); the DGS rows from tests/data/dgs (Apache-2.0); the SPOTER
rows from tests/data/spoter (traduttore, MIT). Everything else is generated here.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path

import cv2
import numpy as np
import onnx
from onnx import TensorProto, helper
from pose_format import Pose

from signcore.contract import INPUTS, METADATA_KEYS, OUTPUT_NAME
from signcore.layout import LAYOUT_VERSION
from tests.support import SIGNING_VIDEO, TEST_DATA

CORPUS = Path(__file__).resolve().parent
SEED = 20261123


def _write_video(path: Path, frames: list[np.ndarray], fps: float = 25.0, codec: str = "mp4v") -> None:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*codec), fps, (width, height))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    for frame in frames:
        writer.write(frame)
    writer.release()


def _first_frame(video: Path) -> np.ndarray:
    capture = cv2.VideoCapture(str(video))
    ok, frame = capture.read()
    capture.release()
    if not ok:
        raise RuntimeError(f"cannot read a frame of {video}")
    return frame


def make_videos(folder: Path, rng: np.random.Generator) -> None:
    video = SIGNING_VIDEO.read_bytes()
    (folder / "empty.mp4").write_bytes(b"")
    (folder / "truncated.mp4").write_bytes(video[: len(video) * 2 // 5])
    (folder / "corrupt.mp4").write_bytes(video[:4096] + rng.integers(0, 256, 16_000, np.uint8).tobytes())
    (folder / "text.mp4").write_text("This is a shopping list, not a video.\nmilk\nbread\n")
    shapes = []
    for index in range(20):  # a grey room with a ball crossing it: something moves, nobody is there
        frame = np.full((240, 320, 3), 90, np.uint8)
        cv2.circle(frame, (20 + 14 * index, 120 + int(40 * math.sin(index / 3))), 18, (40, 160, 220), -1)
        cv2.rectangle(frame, (230, 30), (300, 200), (60, 60, 60), -1)
        shapes.append(frame)
    _write_video(folder / "no_person.mp4", shapes)
    _write_video(folder / "one_frame.mp4", [_first_frame(SIGNING_VIDEO)])
    huge = np.full((3000, 4000, 3), 200, np.uint8)  # flat colour: huge in pixels, small on disk (VP9)
    cv2.rectangle(huge, (1500, 1000), (2500, 2000), (30, 30, 30), -1)
    _write_video(folder / "huge.mp4", [huge, huge], codec="VP90")


def _pose_bytes(pose: Pose) -> bytes:
    buffer = io.BytesIO()
    pose.write(buffer)
    return buffer.getvalue()


def make_pose_files(folder: Path, rng: np.random.Generator) -> None:
    mediapipe = (TEST_DATA / "pose" / "mediapipe.pose").read_bytes()
    (folder / "empty.pose").write_bytes(b"")
    (folder / "truncated.pose").write_bytes(mediapipe[:20_000])
    (folder / "garbage.pose").write_bytes(rng.integers(0, 256, 3000, np.uint8).tobytes())
    openpose = Pose.read((TEST_DATA / "pose" / "openpose.pose").read_bytes())
    face_only = openpose.get_components(["face_keypoints_2d"])
    face_only.body = face_only.body[:5]
    (folder / "face_only.pose").write_bytes(_pose_bytes(face_only))
    zero_size = Pose.read(mediapipe)
    zero_size.body = zero_size.body[:3]
    zero_size.header.dimensions.width = zero_size.header.dimensions.height = 0
    (folder / "zero_size.pose").write_bytes(_pose_bytes(zero_size))


def make_csv_files(folder: Path) -> None:
    dgs_lines = next((TEST_DATA / "dgs" / "3D_full" / "Bier").glob("*.csv")).read_text().splitlines()
    header, rows = dgs_lines[0], dgs_lines[1:4]
    one_hand_header = ";".join(header.split(";")[: 2 + 21 * 3])
    (folder / "dgs_missing_columns.csv").write_text("\n".join([one_hand_header, *rows]) + "\n")
    cells = rows[1].split(";")
    cells[5] = "NaN"
    (folder / "dgs_nan.csv").write_text("\n".join([header, rows[0], ";".join(cells), rows[2]]) + "\n")
    short_row = ";".join(rows[1].split(";")[:10])
    (folder / "dgs_wrong_length.csv").write_text("\n".join([header, rows[0], short_row, rows[2]]) + "\n")

    spoter_lines = (TEST_DATA / "spoter" / "traduttore_spoter.csv").read_text().splitlines()
    spoter_header, spoter_row = spoter_lines[0], spoter_lines[1]
    columns, values = csv.reader([spoter_header, spoter_row])
    keep = [i for i, name in enumerate(columns) if "_left_" not in name and "_right_" not in name]
    _write_csv(folder / "spoter_missing_columns.csv", [columns[i] for i in keep], [[values[i] for i in keep]])
    first_list = next(i for i, value in enumerate(values) if value.startswith("["))
    with_nan = list(values)
    with_nan[first_list] = with_nan[first_list].replace("[", "[NaN,", 1)
    _write_csv(folder / "spoter_nan.csv", columns, [with_nan])
    shorter = list(values)
    shorter[first_list] = "[" + ",".join(values[first_list][1:-1].split(",")[:-3]) + "]"
    _write_csv(folder / "spoter_wrong_length.csv", columns, [shorter])
    (folder / "unknown_header.csv").write_text("name,age\nAda,36\n")


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _model_bytes(graph: onnx.GraphProto, metadata: dict[str, str]) -> bytes:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], producer_name="bad_inputs")
    model.ir_version = 8
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model)
    return model.SerializeToString(deterministic=True)


def make_onnx_files(folder: Path) -> None:
    wrong_inputs = helper.make_graph(
        [helper.make_node("Identity", ["x"], [OUTPUT_NAME])],
        "wrong_inputs",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, ["batch", 4])],
    )
    (folder / "wrong_inputs.onnx").write_bytes(_model_bytes(wrong_inputs, {}))

    # The encoder's exact signature (the share of valid frames as a 1-wide "embedding"), for another layout.
    inputs = [
        helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", "frames", *tail])
        for name, tail in INPUTS.items()
    ]
    frames_axis = helper.make_tensor("frames_axis", TensorProto.INT64, [1], [1])
    graph = helper.make_graph(
        [helper.make_node("ReduceMean", ["valid", "frames_axis"], [OUTPUT_NAME], keepdims=1)],
        "wrong_layout",
        inputs,
        [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, ["batch", 1])],
        initializer=[frames_axis],
    )
    metadata = dict.fromkeys(METADATA_KEYS, "{}")
    metadata.update(layout_version="999", embedding_size="1", distance="euclidean")
    model = _model_bytes(graph, metadata)
    (folder / "wrong_layout.onnx").write_bytes(model)
    (folder / "truncated.onnx").write_bytes(model[: len(model) // 2])
    metadata.update(layout_version=str(LAYOUT_VERSION), embedding_size="64")  # promises 64, gives 1
    (folder / "wrong_size.onnx").write_bytes(_model_bytes(graph, metadata))


def make_settings_files(folder: Path) -> None:
    (folder / "not_json.json").write_text('{"camera_index": 0, "mirror_display": tr')
    (folder / "not_an_object.json").write_text('["camera_index", 0]')
    (folder / "wrong_types.json").write_text('{"camera_index": "the webcam", "left_handed": false}')


def main() -> None:
    rng = np.random.default_rng(SEED)
    for kind, make in (
        ("videos", lambda f: make_videos(f, rng)),
        ("pose", lambda f: make_pose_files(f, rng)),
        ("csv", make_csv_files),
        ("onnx", make_onnx_files),
        ("settings", make_settings_files),
    ):
        folder = CORPUS / kind
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        make(folder)
    total = sum(path.stat().st_size for path in CORPUS.rglob("*") if path.is_file())
    print(f"bad-input corpus rebuilt in {CORPUS} ({total / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
