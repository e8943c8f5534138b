"""What the Help menu says: how to practise, and About (the app, where the learner's data stays, and whose
work it ships with).

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


# Help → How to practise: the steps of one attempt, then the two settings a learner looks for first.
PRACTICE_STEPS = (
    "Pick a sign: on the Practice page, choose it in the list on the left (or start a lesson on the Home "
    "page).",
    "Watch: its reference plays on the right. Slow it down with Speed, or press “Show reference” to see it "
    "again.",
    "Sign: press Space (or 3-2-1 for a countdown), sign in front of the camera, and press Space again. With "
    "“Start when my hands come up” ticked, just raise your hands to start and lower them to finish.",
    "Read the one correction under your score, and try again with it in mind. “Replay my attempt with the "
    "reference” plays your attempt drawn over the reference, shown faint, the two in step.",
)
PRACTICE_SETTINGS = (
    "Left-handed? Tick “Left-handed” in File → Settings…: every sign is then shown made with the left hand.",
    "No camera, or a recording to practise with? In File → Camera…, choose “A video file”: it plays in a "
    "loop as if it were the camera.",
)
