"""``python -m desktop_app.benchmark``: its arithmetic, its JSON and its arguments (a real run takes minutes
and measures the machine: not part of the suite)."""

import json
import math

import pytest

from desktop_app import benchmark


def test_frame_rate_is_counted_in_whole_one_second_windows():
    arrivals = [i / 30 for i in range(95)]  # 30 fps for a little over three seconds
    assert benchmark.windowed_fps(arrivals) == [30.0, 30.0, 30.0]  # the cut-short fourth window is left out
    slow_then_fast = [i / 10 for i in range(10)] + [1 + i / 40 for i in range(40)] + [2.0]
    assert benchmark.windowed_fps(slow_then_fast) == [10.0, 40.0]
    assert benchmark.windowed_fps([0.5]) == []


def test_percentiles_and_json_say_plainly_what_was_not_measured():
    assert benchmark.percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert math.isnan(benchmark.percentile([], 95))
    safe = benchmark.json_safe({"score_ms_worst": float("nan"), "fps_median": 29.5, "stages": {"read": 1.0}})
    assert json.loads(json.dumps(safe)) == {
        "score_ms_worst": None,
        "fps_median": 29.5,
        "stages": {"read": 1.0},
    }


def test_the_summary_has_every_key_the_issue_asks_for_and_the_table_judges_the_targets():
    pipeline = {"fps": 33.0, "stages_ms": {"read": 3.0, "landmarks": 28.0, "handover": 1.0}}
    window = {
        "stall_ms": 12.0,
        "idle_stall_ms": 2.0,
        "latencies_ms": [20.0, 45.0],
        "score_stages_ms": [
            {"wait": 1.0, "embed": 2.0, "rank": 6.0, "feedback": 3.0, "show": 8.0, "cpu": 10.0},
            {"wait": 3.0, "embed": 2.0, "rank": 9.0, "feedback": 5.0, "show": 26.0, "cpu": 12.0},
        ],
        "fps_windows": [29.0, 30.0, 30.0],
        "frame_to_screen_ms": [40.0] * 19 + [120.0],
        "peak_memory_mb": 480.0,
    }
    results = benchmark.summarise(35.0, pipeline, window, [1.5, 1.7, 1.6], 300.0)
    expected = {"fps_median", "frame_to_screen_ms_median", "frame_to_screen_ms_p95", "score_ms_worst"}
    expected |= {"rss_mb_peak", "cold_start_s", "mediapipe_only_fps"}
    assert expected <= set(results)
    assert (
        results["fps_median"] == 30.0 and results["score_ms_worst"] == 45.0 and results["cold_start_s"] == 1.6
    )
    assert results["frame_to_screen_ms_median"] == 40.0
    assert results["frame_to_screen_ms_p95"] == pytest.approx(44.0)
    table = benchmark.format_table(results, pipeline, window, [1.5, 1.7, 1.6])
    assert "| live frame rate" in table and "30.0 fps (median) | ≥ 30 fps | yes |" in table
    assert "0.86× MediaPipe alone" in table
    assert "40 ms median, 44 ms p95 | p95 ≤ 100 ms | yes |" in table
    # the steps of scoring: their medians, and those of the attempt that took longest to show
    assert results["score_stages_ms_median"] == {
        "wait": 2.0,
        "embed": 2.0,
        "rank": 7.5,
        "feedback": 4.0,
        "show": 17.0,
        "cpu": 11.0,
    }
    assert results["score_stages_ms_worst"]["show"] == 26.0
    slowest = "wait 3.0, embed 2.0, rank 9.0, feedback 5.0, show 26.0 (the scoring thread's CPU 12.0)"
    assert f"slowest attempt: {slowest}" in table


@pytest.mark.parametrize("arguments", [["--seconds", "0"], ["--starts", "-1"]])
def test_impossible_arguments_are_refused_with_a_message(arguments, capsys):
    with pytest.raises(SystemExit) as exit_info:
        benchmark.main(arguments)
    assert exit_info.value.code == 2 and "--seconds must be above 0" in capsys.readouterr().err


def test_runs_in_turns_are_pooled_and_the_other_set_up_is_compared_in_the_table():
    run = {
        "stall_ms": 12.0,
        "idle_stall_ms": 2.0,
        "latencies_ms": [20.0],
        "score_stages_ms": [{"wait": 1.0, "embed": 2.0, "rank": 9.0, "feedback": 3.0, "show": 5.0}],
        "fps_windows": [30.0, 29.0],
        "tracked_fps_windows": [30.0, 30.0],
        "frame_to_screen_ms": [40.0],
        "peak_memory_mb": 480.0,
    }
    window = benchmark.pooled([run, {**run, "stall_ms": 30.0, "fps_windows": [28.0], "peak_memory_mb": None}])
    assert window["fps_windows"] == [30.0, 29.0, 28.0] and window["frame_to_screen_ms"] == [40.0, 40.0]
    assert window["stall_ms"] == 30.0 and window["peak_memory_mb"] == 480.0
    assert len(window["score_stages_ms"]) == len(window["latencies_ms"]) == 2  # each attempt with its steps
    compared = {**run, "fps_windows": [19.0, 20.0, 21.0], "frame_to_screen_ms": [90.0, 110.0]}
    pipeline = {"fps": 40.0, "stages_ms": {"read": 3.0, "landmarks": 45.0, "handover": 1.0}}
    results = benchmark.summarise(28.0, pipeline, window, [1.0], 300.0, 42.0, compared=compared)
    assert results["fps_median"] == 29.0 and results["tracked_fps_median"] == 30.0
    assert results["mediapipe_two_graphs_fps"] == 42.0 and results["compared_fps_median"] == 20.0
    assert results["compared_frame_to_screen_ms_p95"] == pytest.approx(109.0)
    assert results["compared_graphs"] == benchmark.OTHER_GRAPHS != results["tracking_graphs"]
    table = benchmark.format_table(results, pipeline, window, [1.0])
    assert "28.0 fps one graph, 42.0 fps two" in table
    other = benchmark.OTHER_GRAPHS
    assert f"| the same window with {other} graph(s), in turns with the above | 20.0 fps" in table
    assert "the app's set-up: 1.45× its frame rate" in table


def test_the_window_set_ups_are_measured_in_turns(monkeypatch, tmp_path):
    measured = []
    monkeypatch.setattr(
        benchmark,
        "measure_window_process",
        lambda _video, _database, _model, _seconds, graphs: measured.append(graphs) or {"run": len(measured)},
    )
    windows = benchmark.measure_windows_in_turns(tmp_path, tmp_path, tmp_path, 1.0, (1, 2), rounds=2)
    assert measured == [1, 2, 1, 2]  # the machine's load changes alike for both
    assert windows == {1: [{"run": 1}, {"run": 3}], 2: [{"run": 2}, {"run": 4}]}


def test_a_video_that_cannot_be_read_ends_with_one_line_and_code_2(tmp_path, capsys):
    """The benchmark ends as every command-line entry point does (signcore.errors.ends_plainly), naming the
    video given: the message named the empty 640×480 copy it made in a temporary folder."""
    not_a_video = tmp_path / "signing.mp4"
    not_a_video.write_text("not a video", encoding="utf-8")
    assert benchmark.main(["--video", str(not_a_video), "--seconds", "1"]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"error: {not_a_video}: not a video") and said.count("\n") == 1
