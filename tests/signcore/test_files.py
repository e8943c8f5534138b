"""Which file a path names, as it is now (signcore.files.file_as_it_is): what is learnt of a file holds until
it changes."""

from __future__ import annotations

import os

from signcore.files import file_as_it_is, sha256_of_file_as_it_is


def test_a_file_written_again_is_another_file_as_it_is_and_a_missing_one_none(tmp_path, monkeypatch):
    video = tmp_path / "wave.mp4"
    video.write_bytes(b"first take")
    os.utime(video, ns=(0, 10**9))
    first = file_as_it_is(video)
    assert first is not None and first == (str(video.resolve()), 10, 10**9)
    monkeypatch.chdir(tmp_path)
    assert file_as_it_is("wave.mp4") == first  # the same file named another way
    video.write_bytes(b"second, longer take")
    os.utime(video, ns=(0, 2 * 10**9))
    second = file_as_it_is(video)
    assert second is not None and second != first and (second.size, second.modified_ns) == (19, 2 * 10**9)
    video.unlink()
    assert file_as_it_is(video) is None


def test_the_digest_remembered_for_a_file_is_not_that_of_its_contents_before(tmp_path):
    video = tmp_path / "wave.mp4"
    video.write_bytes(b"first take")
    os.utime(video, ns=(0, 10**9))
    first = sha256_of_file_as_it_is(video)
    video.write_bytes(b"other take")  # the same size: its time modified tells it apart
    os.utime(video, ns=(0, 2 * 10**9))
    assert sha256_of_file_as_it_is(video) != first
