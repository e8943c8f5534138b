"""PySide6 widgets and thread adapters: thin views over the Qt-free app model in desktop_app.core."""
