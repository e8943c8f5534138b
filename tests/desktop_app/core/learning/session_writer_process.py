"""A process answering a learning session's steps forever, for the kill test (test_review.py).

``python -m tests.desktop_app.core.learning.session_writer_process DB`` resumes the saved session (or starts
today's review, with every sign new), answers step after step (recognition right and wrong in turn,
production with a score of 70) and prints the session's count of steps done once the answer has returned,
i.e. its transaction has committed: every printed line is a promise the database must keep after a SIGKILL.
"""

from __future__ import annotations

import sys
import time


def main(database_path: str) -> None:
    from desktop_app.core.learning.review import LearningPath
    from desktop_app.core.learning.store import StepKind
    from signcore.database import SignDatabase

    path = LearningPath(SignDatabase(database_path))
    every_exercise = lambda _sign_id, _kind: True  # noqa: E731
    session = path.resume(100_000, every_exercise) or path.start_review(100_000, every_exercise)
    # Ready once the session is saved: said before it, a kill on a busy machine could land while the
    # first round was still building it, and "the session was lost" was the test's own timing
    print("ready", flush=True)
    while session is not None and session.current is not None:
        step = session.current
        if step.kind is StepKind.INTRODUCE:
            session.introduced()
        elif step.kind is StepKind.RECOGNITION:
            session.answer_recognition(step.sign_id if session.done % 2 else -1, 1.0, 1.0)
        else:
            session.answer_production(70.0)
        print(session.done, flush=True)
    time.sleep(3600)  # the test kills the process; the session must be long enough to be cut


if __name__ == "__main__":
    main(sys.argv[1])
