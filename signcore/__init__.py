"""The core shared by the app and the trainer: landmark layout, pose I/O, extraction, the sign database.

Plain Python: this package imports neither Qt nor torch.
"""
