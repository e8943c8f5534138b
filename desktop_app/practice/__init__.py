"""Qt-free practice state: attempt segmentation, scoring, feedback."""
