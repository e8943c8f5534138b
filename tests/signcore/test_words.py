"""Numbers and names in the learner's words."""

from datetime import datetime, timedelta

import pytest

from signcore.words import (
    EXACT,
    INSIDE,
    NAME_STARTS,
    NO_BREAK_HYPHEN,
    WORD_STARTS,
    breakable,
    counted,
    joined_with_and,
    language_name,
    name_order,
    names_sign,
    search_rank,
    sign_names,
    when_in_words,
    wraps_between_parts,
)


def test_counted_says_one_and_many():
    assert (counted(1, "clip"), counted(3, "clip"), counted(2, "was", "were")) == (
        "1 clip",
        "3 clips",
        "2 were",
    )


def test_names_are_ordered_without_case_or_accents():
    """Capitalised (and accented) names came first, or last: "Bier", "Foto" before "can"."""
    names = ["Foto", "can", "Ärger", "bier", "zwei"]
    ordered = ["Ärger", "bier", "can", "Foto", "zwei"]
    assert sorted(names, key=lambda gloss: name_order(gloss, "DGS")) == ordered


def test_a_few_names_are_joined_with_commas_and_a_last_and():
    assert [joined_with_and(names) for names in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_a_list_names_each_sign_with_its_language_and_tells_signs_of_one_name_apart():
    signs = [("hallo", "DGS"), ("Hallo", ""), ("winken", ""), ("hello", "ASL")]
    assert sign_names(signs) == ["hallo (DGS)", "Hallo (no language)", "winken", "hello (ASL)"]


def test_a_sign_without_a_language_is_said_to_have_no_language():
    assert (language_name("DGS"), language_name("")) == ("DGS", "no language")


def test_a_fingerspelled_letter_is_named_as_a_letter_in_capitals():
    """In "which sign is this?" the letter sign "l" read as a capital "I" beside "i (ASL)"."""
    signs = [("l", "ASL"), ("i", "ASL"), ("ä", "DGS"), ("b", ""), ("no", "ASL"), ("ß", "DGS")]
    assert sign_names(signs) == [
        "letter L (ASL)",
        "letter I (ASL)",
        "letter Ä (DGS)",
        "letter B",
        "no (ASL)",
        "letter ß (DGS)",  # its capital is two letters ("SS"): as it is
    ]


def test_a_search_matches_what_the_learner_sees_of_a_sign_and_its_gloss():
    """THE sign search: the name shown ("letter Z"), the gloss ("z"), the name as listed."""
    assert search_rank("letter", "z", "ASL") == search_rank("hallo (D", "hallo", "DGS") == NAME_STARTS
    assert search_rank("z", "z", "ASL") == search_rank("letter Z (ASL)", "z", "ASL") == EXACT
    assert search_rank("thank you", "thank-you", "ASL") == search_rank("", "hallo", "DGS") == EXACT
    assert search_rank("asl", "hallo", "ASL") is None  # the language alone is not a sign's name
    assert search_rank("letter", "hallo", "DGS") is None


def test_a_short_search_finds_signs_where_their_words_start_not_inside_letter():
    """A walk-through: "t" listed all 26 letter signs in the Library, since "letter" has a "t"."""
    assert search_rank("t", "t", "ASL") == EXACT
    assert search_rank("t", "Tag", "DGS") == NAME_STARTS
    assert search_rank("T", "x", "ASL") is None  # "le-t-ter X"
    assert search_rank("you", "thank-you", "ASL") == search_rank("morn", "good_morning", "") == WORD_STARTS
    assert search_rank("et", "Wetter", "DGS") is None  # two letters: too few to look inside a word
    assert search_rank("ett", "Wetter", "DGS") == search_rank("land", "deutschland", "DGS") == INSIDE
    assert search_rank("ett", "x", "ASL") is None  # never inside the word "letter" the app adds


def test_a_sign_named_must_be_named_whole():
    assert names_sign("letter Z", "z", "ASL") and names_sign("Z", "z", "ASL")
    assert names_sign("hallo (no language)", "hallo", "")
    assert not names_sign("hallo", "hallowelt", "DGS")
    assert not names_sign("", "hallo", "DGS")


def test_days_are_named_by_the_apps_own_words():
    """Not strftime's, which follow the system's locale (Qt sets it from the environment): "Montag" in an
    English page. (This machine has no other locale to try it under.)"""
    from datetime import date

    from signcore.words import day_and_month, weekday

    monday = date(2026, 11, 30)
    said = (weekday(monday), weekday(monday, short=True), day_and_month(monday))
    assert said == ("Monday", "Mon", "30 Nov")


@pytest.mark.parametrize(
    "ago, said",
    [
        (timedelta(seconds=-5), "just now"),  # the clock set back a little
        (timedelta(seconds=40), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=2), "earlier today"),
        (timedelta(hours=10), "yesterday"),  # 23:30 the evening before
        (timedelta(days=3), "on Thursday"),
        (timedelta(days=6), "on Monday"),
        (timedelta(days=7), "on 29 Nov"),
    ],
)
def test_a_recent_moment_is_said_as_a_learner_says_it(ago, said):
    """Something deleted seconds before was "earlier today"."""
    now = datetime(2026, 12, 6, 9, 30)  # a Sunday morning
    assert when_in_words(now - ago, now) == said


def test_a_few_minutes_ago_is_said_so_across_midnight():
    assert when_in_words(datetime(2026, 12, 5, 23, 58), datetime(2026, 12, 6, 0, 3)) == "5 minutes ago"


def test_a_long_word_gets_places_to_break_and_a_hyphenated_name_none_at_its_hyphen():
    assert breakable("a" * 20) == "a" * 16 + "\u200b" + "a" * 4
    assert breakable("short words stay") == "short words stay"
    assert breakable("thank-you - a") == f"thank{NO_BREAK_HYPHEN}you - a"  # a dash between words stays one


def test_a_summary_of_parts_wraps_only_between_them_and_a_sentence_as_ever():
    """Progress's first line wrapped inside a part ("… · practised on 1" / "day"): each part, and the
    separator after it, is held together by no-break spaces. A text of one part may be a sentence: it is
    left to wrap."""
    assert (
        wraps_between_parts("5 due today · practised on 1 day")
        == "5\xa0due\xa0today\xa0· practised\xa0on\xa01\xa0day"
    )
    sentence = "Nothing learnt yet: start a lesson or today's review on the home screen."
    assert wraps_between_parts(sentence) == sentence
