"""The app model: the app's state and use cases in plain Python, with events; it never imports Qt.

The Qt views in desktop_app.ui watch it and call it; --selftest, the benchmark and the soak use it the same
way, without a window."""
