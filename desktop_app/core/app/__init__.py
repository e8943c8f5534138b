"""The app as a whole: the one state every view holds, and what acts on all of it. Qt-free.

* :mod:`.context`        AppContext: settings, database, encoder, camera in use, the gallery, their events;
                         the one switch of databases (stopping the jobs that use the old one)
* :mod:`.models_switch`  a new encoder model or database checked before the app uses it
* :mod:`.portable`       "Export my data" / "Import my data": the learner's database and settings, one zip
* :mod:`.file_scoring`   ``--score FILE --sign GLOSS``: what the practice page would show, as JSON
* :mod:`.about`          the Help menu's words and About

The top layer of the model: it uses every other subpackage, and none of them imports it at run time (they
name AppContext in annotations only).
"""
