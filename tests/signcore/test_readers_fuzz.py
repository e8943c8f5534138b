"""Fuzzing the file readers: whatever the bytes, a reader returns a clip or raises InputError."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signcore import formats
from signcore.formats.posefile import read_pose
from tests.support import TEST_DATA, read_or_named_error

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
POSE_SAMPLE = (TEST_DATA / "pose" / "hand_estimation__6fb01565da31c5500d1ef2cd2906b06b.pose").read_bytes()
DGS_SAMPLE = next((TEST_DATA / "dgs" / "3D_full" / "Bier").glob("*.csv")).read_bytes()
SPOTER_SAMPLE = (TEST_DATA / "spoter" / "traduttore_spoter.csv").read_bytes()


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` with a few bytes overwritten, cut short, or a chunk inserted or removed."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["overwrite", "truncate", "insert", "delete"]))
        if kind == "overwrite":
            data[position] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[position:]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[position : position + draw(st.integers(1, 64))]
        if not data:
            break
    return bytes(data)


def _loads_or_input_error(read, path, data: bytes) -> None:
    path.write_bytes(data)
    read_or_named_error(read, path)  # every refusal's message names the file


@FUZZ
@given(data=st.binary(max_size=2000))
def test_pose_reader_on_arbitrary_bytes(tmp_path, data):
    _loads_or_input_error(read_pose, tmp_path / "fuzz.pose", data)


@pytest.mark.slow
@FUZZ
@given(data=mutated(POSE_SAMPLE[:4000]) | mutated(POSE_SAMPLE))
def test_pose_reader_on_damaged_files(tmp_path, data):
    _loads_or_input_error(read_pose, tmp_path / "fuzz.pose", data)


@FUZZ
@given(
    data=st.binary(max_size=2000) | st.text(alphabet="0123456789.;-eE\nnaif ", max_size=400).map(str.encode)
)
def test_dgs_reader_on_arbitrary_bytes(tmp_path, data):
    _loads_or_input_error(formats.read_dgs_csv, tmp_path / "fuzz.csv", data)


@FUZZ
@given(data=mutated(DGS_SAMPLE))
def test_dgs_reader_on_damaged_files(tmp_path, data):
    _loads_or_input_error(formats.read_dgs_csv, tmp_path / "fuzz.csv", data)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_spoter_reader_on_arbitrary_bytes(tmp_path, data):
    _loads_or_input_error(formats.read_spoter_csv, tmp_path / "fuzz.csv", data)


@FUZZ
@given(data=mutated(SPOTER_SAMPLE))
def test_spoter_reader_on_damaged_files(tmp_path, data):
    _loads_or_input_error(formats.read_spoter_csv, tmp_path / "fuzz.csv", data)


@FUZZ
@given(values=st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), min_size=1, max_size=8))
def test_spoter_reader_on_odd_numbers(tmp_path, values):
    """Any number in a coordinate list: loads when usable, InputError (not an overflow) otherwise."""
    cell = "[" + ",".join(repr(v) for v in values) + "]"
    lines = SPOTER_SAMPLE.decode().splitlines(keepends=True)
    first_cell_end = lines[1].index("]") + 1
    data = (lines[0] + '"' + cell + '"' + lines[1][first_cell_end:]).encode()
    _loads_or_input_error(formats.read_spoter_csv, tmp_path / "fuzz.csv", data)


def test_traduttore_reader_on_damaged_archives(tmp_path):
    original = (TEST_DATA / "traduttore" / "traduttore_sample.npz").read_bytes()
    rng = np.random.default_rng(0)
    for _ in range(20):
        data = bytearray(original)
        for position in rng.integers(0, len(data), 3):
            data[position] = rng.integers(0, 256)
        _loads_or_input_error(
            formats.load_traduttore, tmp_path / "fuzz.npz", bytes(data[: rng.integers(1, len(data))])
        )
