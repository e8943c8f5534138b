"""What Help → About says: the app, where the learner's data stays, and whose work it ships with.

The starter signs said their data set's licence on the practice page ("Reference clips from the ASL data
(MIT)."); the credits belong here, in plain words, and the licence texts beside the app (NOTICE.md)."""

from __future__ import annotations

from desktop_app.core.portable import app_version

CREDITS = (
    "German Sign Language (DGS) starter signs: from Tachionstrahl's DGS sign data set (Apache License 2.0).",
    "American Sign Language (ASL) starter signs: from the traduttore project's data (MIT License).",
    "Body and hand tracking: Google MediaPipe and its models (Apache License 2.0).",
)


def about_text() -> str:
    version = app_version()
    heading = "SignPractice" if version == "unknown" else f"SignPractice {version}"
    return "\n\n".join(
        (
            heading,
            "Practise sign language in front of your webcam. Everything stays on this computer: "
            "no account, no internet.",
            "\n".join(CREDITS),
            "SignPractice is free software under the Apache License 2.0. The licence texts come with the "
            "app: NOTICE.md and the licenses folder.",
        )
    )
