"""Jobs are plain callables: progress, cancel at the next report, and the result, all without Qt."""

import pytest

from desktop_app.core.shared.jobs import JobCancelled, JobControl, run_job


def counting_job(control: JobControl) -> int:
    for done in range(3):
        control.progress(done, 3, f"item {done}")
    return 3


def test_run_job_returns_the_result_and_passes_the_reports_on():
    reports = []
    assert run_job(counting_job, lambda *args: reports.append(args)) == 3
    assert reports == [(0, 3, "item 0"), (1, 3, "item 1"), (2, 3, "item 2")]


def test_a_cancel_stops_the_job_at_its_next_progress_report():
    reports = []
    control = JobControl(lambda done, total, message: reports.append(done) or control.cancel())
    with pytest.raises(JobCancelled):
        counting_job(control)
    assert reports == [0] and control.cancel_requested


def test_report_alone_never_raises_so_signcore_callbacks_decide_when_to_stop():
    control = JobControl()
    control.cancel()
    control.report(1, 2, "still reported")
    with pytest.raises(JobCancelled):
        control.check_cancelled()
