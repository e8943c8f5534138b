"""PySide6 widgets: thin views over the Qt-free state in desktop_app.practice and the AppContext."""
