"""The learner's collection of signs as the Library and the Sign map show it. Qt-free.

* :mod:`.library`     library edits with undo (deletions kept 30 days), recorded clips and what a clip's notes
                      say, the export and purge jobs, the language filter
* :mod:`.projection`  the Sign map's content: the embeddings in 2-D, colours, names found

Over :mod:`desktop_app.core.signing` and :mod:`desktop_app.core.shared`.
"""
