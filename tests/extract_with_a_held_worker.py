"""``python -m tests.extract_with_a_held_worker HELD PID_FILE INPUT --out DIR --workers N``:
``python -m trainer extract`` in which the worker extracting the video HELD (its name relative to INPUT) stops
the moment before its .pose would be put in place, the temporary file fully written: it writes its pid to
PID_FILE and waits.

So the extraction fault test (test_faults.py) can SIGKILL a worker at a known point of its work, whatever the
load on the machine, instead of at whatever moment the test process got to run.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from pathlib import Path

from signcore import files
from signcore.formats import posefile
from trainer import __main__ as trainer_main
from trainer import extract

_extract_one = extract.extract_one  # the real one: main() puts the held version in its place


def _announce_and_wait(pid_file: str, temporary: str, target: Path) -> None:
    """Instead of moving ``temporary`` onto ``target``: say which process this is, then wait to be killed."""
    files.write_text_atomically(pid_file, str(os.getpid()))
    while True:
        signal.pause()


def extract_one_held(job: extract.Job, mirrored: bool, held: str, pid_file: str) -> extract.Outcome:
    if job.name == held:
        publish = functools.partial(_announce_and_wait, pid_file)
        posefile.write_atomically = functools.partial(files.write_atomically, publish=publish)
    return _extract_one(job, mirrored)


def main(held: str, pid_file: str, extract_args: list[str]) -> int:
    extract.extract_one = functools.partial(extract_one_held, held=held, pid_file=pid_file)
    return trainer_main.main(["extract", *extract_args])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
