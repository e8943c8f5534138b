"""The app's colours of meaning, the same on every page: a problem, a warning, all is well. Qt-free (colours
as "#rrggbb" for style sheets and rich text). A score's band, a rating and a tracking status share them, so
that red, orange and green say one thing each across the app. The hands' colours are part of how a figure
is drawn: :mod:`desktop_app.core.signing.view`."""

RED = "#c8412c"  # a problem the learner should act on, a score not yet close, Again, recording
ORANGE = "#d08a14"  # a warning: a close score, tracking in trouble, a note to read, Hard
GREEN = "#2e9d4f"  # all is well: a good score, both hands seen, a sign known, Good
DARK_GREEN = "#1f7a3a"  # better than well: Easy
BLUE = "#3c78d8"  # the countdown before an attempt records

PROBLEM_COLOUR = RED  # THE colour of every line that says a problem (library, import, camera, search, …)
