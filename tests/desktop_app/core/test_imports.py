"""The import job, without a window: unusable files are named and skipped, a cancel keeps what came before."""

import pytest

from desktop_app.core.context import AppContext
from desktop_app.core.imports import POSE_FILES, SPOTER_CSV, ImportRequest, import_job, run_import, summarise
from desktop_app.core.jobs import run_job
from desktop_app.core.settings import Settings
from signcore.database import SignDatabase
from tests.support import TEST_DATA

SPOTER = TEST_DATA / "spoter" / "traduttore_spoter.csv"
FACE_ONLY_POSE = TEST_DATA.parent / "bad_inputs" / "pose" / "face_only.pose"  # nothing the layout uses


@pytest.fixture
def context(tmp_path):
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.close()


def clip_counts(database):
    return {sign.gloss: sign.clip_count for sign in database.signs()}


def test_pose_files_import_names_the_unusable_file_and_goes_on(context):
    request = ImportRequest(
        POSE_FILES,
        [str(FACE_ONLY_POSE), str(TEST_DATA / "pose" / "mediapipe.pose")],
        language="ASL",
        gloss="hello",
    )
    report = run_import(context.database, request)
    assert (report.added, report.skipped, report.cancelled) == (1, 0, False)
    assert len(report.failures) == 1 and "face_only.pose" in report.failures[0]
    assert clip_counts(context.database) == {"hello": 1}
    assert context.database.signs()[0].language == "ASL"
    again = run_import(context.database, request)
    assert (again.added, again.skipped) == (0, 1)  # re-importing the same clip is skipped
    assert "1 already in the database" in summarise(again)


def test_cancel_keeps_what_was_imported_before_it(context):
    calls = []
    report = run_import(
        context.database,
        ImportRequest(SPOTER_CSV, [str(SPOTER)]),
        progress=lambda *args: calls.append(args),
        cancel=lambda: len(calls) >= 2,
    )
    assert report.cancelled and report.added == 2
    assert sum(clip_counts(context.database).values()) == 2
    assert summarise(report).startswith("Import cancelled. 2 clips imported")


def test_the_import_job_reports_progress_and_stops_when_cancelled(context):
    reports = []
    job = import_job(context.database, ImportRequest(SPOTER_CSV, [str(SPOTER)]))
    report = run_job(job, lambda *args: reports.append(args))
    assert not report.cancelled and report.added == sum(clip_counts(context.database).values()) > 2
    assert reports and all(len(args) == 3 for args in reports)
