"""The learning path, Qt-free: lessons, FSRS scheduling, the review queue, the exercises and the progress.

* :mod:`.clock`       the time, injectable (a manual clock in tests): every "now" and "today" comes from it
* :mod:`.lessons`     lessons = signs grouped by ``lesson: …`` tags (:mod:`signcore.lessons`)
* :mod:`.scheduling`  exercise results -> FSRS ratings (thresholds the learner sees), the FSRS scheduler
* :mod:`.store`       the learning tables in the sign database: one card per sign and exercise kind, the
                      review log, the session in progress; every answer is one durable transaction
* :mod:`.quiz`        the recognition question: four names, the others those of the signs the model finds
                      most alike but not look-alikes; which exercises can be done for a sign
* :mod:`.review`      what to do today and the review session that walks through it
* :mod:`.history`     signs known over time, practice days, lessons' progress, the CSV export
* :mod:`.session_screen` what the session page shows and does: the step on screen, the question, the answer
                      rated and worded
* :mod:`.summary`     the end of a session in words: the signs met, how the answers went, when they come back
* :mod:`.overview`    Home and the Progress page's panel in words and numbers

Scheduling is the maintained ``fsrs`` package (FSRS-6), not a scheduler of our own.
"""
