"""The desktop practice app (PySide6). Never imports torch: the encoder runs with onnxruntime."""
