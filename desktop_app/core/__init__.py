"""The app model: the app's state and use cases in plain Python, with events; it never imports Qt.

The Qt views in desktop_app.ui watch it and call it; --selftest, the benchmark and the soak use it the same
way, without a window.

Its subpackages, top to bottom: each imports only those below it (pyproject.toml's import contracts).

* :mod:`.app`         AppContext, the one state every view holds, and what acts on all of it
* :mod:`.learning`    the learning path: lessons, FSRS scheduling, the review session, its pages' words
* :mod:`.importing`   bringing signs in from files
* :mod:`.judging`     signing compared with the sign's reference clips, and what the learner is told of it
* :mod:`.collection`  the learner's signs as the Library and the Sign map show them
* :mod:`.signing`     the learner's signing taken in and shown, before anything judges it
* :mod:`.shared`      what every part uses, knowing nothing of signs: events, jobs, settings, colours
"""
