"""Signing compared with the sign's reference clips, and what the learner is told of it. Qt-free.

* :mod:`.scoring`        the in-memory Gallery: an attempt's 0-100 score calibrated per sign, nearest signs
* :mod:`.feedback`       handshape, location, movement and palm orientation along the DTW path: ONE correction
* :mod:`.attempts`       the end of an attempt: scored, saved and announced (one queue for every page)
* :mod:`.live_attempts`  a live view's attempts as the learner sees them: under way, thrown out, last result
* :mod:`.practice`       the practised sign's scoring target, the clips a result plays, a result's words
* :mod:`.clip_check`     a new reference clip judged as an attempt at its sign before it is kept
* :mod:`.search`         search by signing: what is searched with, and the words said with the results
* :mod:`.progress`       the practice records: a sign's scores over time, which signs to sign next

Over :mod:`desktop_app.core.collection` (what a clip's notes say), :mod:`desktop_app.core.signing` and
:mod:`desktop_app.core.shared`.
"""
