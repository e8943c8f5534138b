"""Numbers and names in the learner's words."""

from signcore.words import counted, joined_with_and, language_name, sign_matches, sign_names


def test_counted_says_one_and_many():
    assert (counted(1, "clip"), counted(3, "clip"), counted(2, "was", "were")) == (
        "1 clip",
        "3 clips",
        "2 were",
    )


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
    """THE test of every sign search: the name shown ("letter Z"), the gloss ("z"), the name as listed."""
    assert sign_matches("letter", "z", "ASL") and sign_matches("ETTER z", "z", "ASL")
    assert sign_matches("z", "z", "ASL") and sign_matches("letter Z (ASL)", "z", "ASL")
    assert sign_matches("thank you", "thank-you", "ASL") and sign_matches("", "hallo", "DGS")
    assert not sign_matches("asl", "hallo", "ASL")  # the language alone is not a sign's name
    assert not sign_matches("letter", "hallo", "DGS")


def test_a_sign_named_must_be_named_whole():
    assert sign_matches("letter Z", "z", "ASL", whole=True) and sign_matches("Z", "z", "ASL", whole=True)
    assert sign_matches("hallo (no language)", "hallo", "", whole=True)
    assert not sign_matches("hallo", "hallowelt", "DGS", whole=True)
    assert not sign_matches("", "hallo", "DGS", whole=True)
