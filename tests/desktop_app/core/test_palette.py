"""One palette: red, orange and green say one thing each, whichever page shows them."""

from fsrs import Rating

from desktop_app.core.judging.practice import FAIR_SCORE, score_colour
from desktop_app.core.judging.scoring import GOOD_SCORE
from desktop_app.core.learning.session_screen import RATING_COLOURS
from desktop_app.core.shared.palette import GREEN, ORANGE, PROBLEM_COLOUR, RED


def test_a_scores_band_and_a_rating_of_the_same_meaning_share_a_colour():
    assert score_colour(GOOD_SCORE) == RATING_COLOURS[Rating.Good] == GREEN
    assert score_colour(FAIR_SCORE) == RATING_COLOURS[Rating.Hard] == ORANGE
    assert score_colour(0.0) == RATING_COLOURS[Rating.Again] == PROBLEM_COLOUR == RED
    assert len({RED, ORANGE, GREEN}) == 3
