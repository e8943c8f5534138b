"""tools/measure_one_clip_weights.py (the one-clip encoder weight on its two validation rows) applies the rule
fixed beforehand: within a point of the better part on every row, then the most right, a near-tie toward 0.5;
none within: the smallest largest shortfall."""

import pytest

from tests.test_platform_support import load_tool


@pytest.fixture(scope="module")
def tool():
    return load_tool("measure_one_clip_weights")


def _row(asks, draws, encoder, dtw, hybrid):
    """A measured row from top-1 values (hybrid: one per candidate weight, 0.5 first)."""
    weights = ("0.5", "0.6", "0.7", "0.8", "0.9", "1")
    columns = {"encoder": encoder, "DTW": dtw, **dict(zip(weights, hybrid, strict=True))}
    row = {
        name: {"top1": top1, "right": round(top1 * asks / 100), "asks": asks}
        for name, top1 in columns.items()
    }
    return {**row, "draws": draws}


def test_the_weight_re_chosen_with_the_new_dtw_is_chosen_again_from_its_rows(tool):
    # models/MODEL_CARD.md, "One clip per sign, re-chosen with the new DTW": 0.5, 0.6 within; 0.5 most right
    rows = {
        "DGS": _row(5720, 60, 78.6, 74.6, (77.9, 78.3, 78.8, 79.0, 78.9, 78.6)),
        "traduttore": _row(18300, 60, 91.7, 96.2, (97.4, 95.7, 94.9, 94.0, 92.9, 91.7)),
    }
    weight, why = tool.chosen_weight(rows)
    assert weight == 0.5 and "within 1 point on every row: 0.5, 0.6;" in why


def test_a_weight_right_more_often_by_more_than_a_near_tie_wins_and_a_near_tie_goes_nearer_half(tool):
    # 10 draws in all: a near-tie is under 5 asks; 1,000 asks a row, so 0.1 point is one ask
    rows = {
        "a": _row(1000, 5, 80.0, 70.0, (79.5, 79.6, 80.0, 80.3, 70.0, 70.0)),
        "b": _row(1000, 5, 90.0, 89.0, (90.0, 90.0, 90.2, 90.5, 90.0, 80.0)),
    }
    assert tool.chosen_weight(rows)[0] == 0.8  # 0.8 is 7 asks ahead of 0.5, 0.7 is 2 behind 0.8
    rows["b"] = _row(1000, 5, 90.0, 89.0, (90.0, 90.0, 90.2, 90.1, 90.0, 80.0))
    assert tool.chosen_weight(rows)[0] == 0.7  # 0.8 now 2 ahead of 0.7 only: 0.7 is nearer 0.5


def test_with_no_weight_within_a_point_the_smallest_largest_shortfall_is_taken(tool):
    rows = {
        "a": _row(1000, 5, 80.0, 70.0, (75.0, 77.0, 78.5, 79.5, 80.0, 80.0)),
        "b": _row(1000, 5, 80.0, 90.0, (88.5, 87.0, 88.0, 85.0, 82.0, 80.0)),
    }
    weight, why = tool.chosen_weight(rows)
    assert weight == 0.7 and "0.6 3.00, 0.7 2.00, 0.8 5.00" in why and "the smallest largest" in why
