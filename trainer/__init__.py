"""Training, evaluation and export of the pose encoder (torch). Never imports Qt."""
