"""Bringing signs in from files: folders, .pose files, videos and SPOTER CSV, checked before and summed up
after. Qt-free.

* :mod:`.imports`         the import job: what to import, one rule for every video (a copy already there is
                          skipped), long videos cut for review, the summary
* :mod:`.folder_preview`  what importing a sign folder will do, said before the import

Above :mod:`desktop_app.core.judging`: a clip that would join a sign with clips of other signers is judged
first (:mod:`desktop_app.core.judging.clip_check`).
"""
