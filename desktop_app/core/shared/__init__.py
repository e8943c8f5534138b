"""What every part of the app model uses, knowing nothing of signs. Qt-free.

* :mod:`.events`       EventEmitter / EventGroup: how the model tells its views what changed
* :mod:`.jobs`         background jobs as plain callables (progress, cancel), and the jobs using a database
* :mod:`.settings`     the learner's settings (JSON in the data folder), and the ones an export carries
* :mod:`.file_places`  where every file picker opens
* :mod:`.palette`      THE colours of meaning on every page
* :mod:`.memory`       this process's peak memory (the benchmark, the soak, the cold-start report)

The bottom layer: it imports nothing else of the app.
"""
