"""The learner's selfie answers, one store for every place that asks (an import, a search with a file, a video
used as the camera), kept across runs: w31 imported a video as "not a selfie", and searching with it after
a restart asked again."""

import os
import shutil

from desktop_app.core.signing.capture import SelfieAnswers


def test_an_answer_holds_for_the_file_as_it_is_in_the_next_run_too(tmp_path):
    video = tmp_path / "abdomen.mp4"
    video.write_bytes(b"frames")
    kept = tmp_path / "answers.json"
    SelfieAnswers(kept).remember(video, False)
    next_run = SelfieAnswers(kept)
    assert next_run.answer(video) is False and next_run.answer(tmp_path / "other.mp4") is None
    shutil.copy(video, tmp_path / "copy.mp4")  # another file: asked about in its own right
    assert next_run.answer(tmp_path / "copy.mp4") is None
    stat = os.stat(video)
    os.utime(video, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # written again since
    assert SelfieAnswers(kept).answer(video) is None


def test_answers_that_cannot_be_read_or_kept_cost_a_question_never_a_failure(tmp_path):
    video = tmp_path / "wave.mp4"
    video.write_bytes(b"frames")
    damaged = tmp_path / "answers.json"
    damaged.write_text('{"answers": [["wave.mp4", "big"')
    answers = SelfieAnswers(damaged)
    assert answers.answer(video) is None
    answers.remember(video, True)  # written over, whole
    assert SelfieAnswers(damaged).answer(video) is True
    blocked = tmp_path / "a file" / "answers.json"
    (tmp_path / "a file").write_text("where the folder should be")
    unkept = SelfieAnswers(blocked)
    unkept.remember(video, True)
    assert unkept.answer(video) is True  # kept for this run


def test_a_drafts_answers_are_read_over_the_stores_and_kept_by_it_only_when_kept(tmp_path):
    """A dialog that Cancel takes back (the camera chooser, the Settings) answers into a draft: read there
    first, then the store's; nothing reaches the store, nor its file, until the draft is kept; a draft of a
    draft (the chooser opened from the Settings) keeps into the draft behind it."""
    in_use, other = tmp_path / "in_use.mp4", tmp_path / "other.mp4"
    for video in (in_use, other):
        video.write_bytes(b"frames")
    kept = tmp_path / "answers.json"
    store = SelfieAnswers(kept)
    store.remember(in_use, False)
    settings = store.draft()
    chooser = settings.draft()
    assert chooser.answer(in_use) is False and chooser.answer(other) is None  # the store's, read through
    chooser.remember(in_use, True)
    chooser.remember(other, False)
    assert (chooser.answer(in_use), chooser.answer(other)) == (True, False)
    assert (store.answer(in_use), store.answer(other)) == (False, None)  # cancelled: as they were
    chooser.keep()  # the chooser's OK
    assert settings.answer(in_use) is True and SelfieAnswers(kept).answer(in_use) is False
    settings.keep()  # the Settings' OK
    for answers in (store, SelfieAnswers(kept)):
        assert (answers.answer(in_use), answers.answer(other)) == (True, False)
