"""The learner's signing as the app takes it in and shows it, before anything judges it. Qt-free.

* :mod:`.capture`      frame sources (a camera, or a video file used as the camera), the selfie answers
* :mod:`.handover`     frames from the capture worker's reading thread to its tracking threads, and back
* :mod:`.upright`      clips and a live camera filmed on their side, told and turned upright
* :mod:`.session`      where an attempt starts and ends in the live stream (AttemptSegmenter), tracking check
* :mod:`.video_clips`  long videos cut at the pauses between signs (an import's review, search)
* :mod:`.view`         THE display convention of every skeleton, and a stored clip as shown (reference_clip)

Over :mod:`desktop_app.core.shared` only.
"""
