"""What the Help menu says: how to practise, and About (the app, where the learner's data stays, and whose
work it ships with).

The starter signs said their data set's licence on the practice page ("Reference clips from the ASL data
(MIT)."); the credits belong here, in plain words, and the licence texts beside the app (NOTICE.md)."""

from __future__ import annotations

from desktop_app.core.app.portable import app_version
from desktop_app.core.learning.overview import LESSONS_KEEP_THEIR_SIGNS

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
    "Watch: its reference plays on the right. Slow it down (0.5×), step through it with ◀ ▶ or drag its bar, "
    "or press “Show reference” to see it again.",
    "Sign: press Space, sign in front of the camera, and press Space again. Or press 3-2-1: after “Go!”, "
    "sign, then lower your hands (or press Space) to finish. With “Start when my hands come up” ticked, "
    "just raise your hands to start and lower them to finish; after a result it waits a few seconds, for "
    "you to read it.",
    "Read the one correction under your score, and try again with it in mind. “Replay my attempt with the "
    "reference” plays your attempt drawn over the reference, shown faint, the two in step. If your sign "
    "looked more like another sign, “Compare with …” plays that sign.",
)
# Help → How to practise, after the Practice page's steps: each other page in a few plain words (it covered
# the Practice page only)
PAGE_GUIDES = (
    (
        "Home: lessons and reviews",
        "Start a lesson from the list, or today's review. A new sign is shown first: watch it a few times. "
        "Then you are asked to tell signs apart (“Which sign is this?”: press 1-4) and to sign them from "
        "memory to the camera (forgotten how it goes? “Show me the sign” plays it, and it comes back soon: "
        "it counts as forgotten once, not each time you watch): "
        "if yours looked more like another sign, “Compare with …” plays that sign. "
        "Signs you find hard come back sooner; one missed twice in a session waits for the next day. "
        "“Skip this one” leaves that exercise for your next review. “Stop for now” keeps your place: "
        f"continue it later from Home. {LESSONS_KEEP_THEIR_SIGNS}",
    ),
    (
        "Library: your signs",
        "Every sign and its reference clips. “New sign…” adds a sign, “Record a clip…” records one with your "
        "camera, “Import clips…” adds videos or .pose files to it, and “Import…” adds videos or files of any "
        "signs. Say whether a video is a selfie recording when "
        "asked, so that its hands are not swapped.",
    ),
    (
        "Search by signing",
        "Forgot a sign's name? Press “Sign to search” and sign it, or search with a video or .pose file: the "
        "signs most like it are listed. “Practise this sign” takes you to it.",
    ),
    (
        "Sign map",
        "Every reference clip as a dot: signs that look alike lie close together. Click a dot to see its "
        "clip, or type a sign's name to find it.",
    ),
    (
        "Progress",
        "The signs to practise next, each with the reason why, and a sign's scores attempt by attempt. "
        "Double-click a sign, or "
        "press “Practise now”, to practise it.",
    ),
)
PRACTICE_SETTINGS = (
    "Left-handed? Tick “Left-handed” in File → Settings…: every sign is then shown made with the left hand.",
    "No camera, or a recording to practise with? In File → Camera…, choose “A video file”: it plays in a "
    "loop as if it were the camera.",
    "Camera on its side or upside down? Choose “Turn the picture” in File → Camera…, watching the preview "
    "until you are upright (or press “Turn it upright” when the live picture says it looks turned).",
)
