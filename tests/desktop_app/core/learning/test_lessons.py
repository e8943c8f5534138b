"""Lessons: small groups of signs made from ``lesson: …`` tags, in order; the starter signs' groups."""

from desktop_app.core.learning.lessons import LESSON_SIZE, assign_starter_lessons, lessons_of
from signcore.lessons import STARTER_LESSONS, lesson_name, lesson_tag, starter_lesson_tag
from tests.desktop_app.core.learning.helpers import add_signs, open_path


def test_lessons_come_from_lesson_tags_in_natural_order(database):
    ten = add_signs(database, "DGS", ["zehn"], tags=[lesson_tag("Numbers 10"), "hard"])
    two = add_signs(database, "DGS", ["zwei", "drei"], tags=[lesson_tag("Numbers 2")])
    add_signs(database, "ASL", ["tea"], tags=["ASL", "default"])  # no lesson
    lessons = lessons_of(database.signs())
    assert [lesson.name for lesson in lessons] == ["Numbers 2", "Numbers 10"]
    assert set(lessons[0].sign_ids) == set(two) and lessons[1].sign_ids == tuple(ten)


def test_a_big_group_is_split_into_small_lessons(database):
    glosses = [f"sign {i:02d}" for i in range(LESSON_SIZE + 3)]
    add_signs(database, "DGS", glosses, tags=[lesson_tag("Everything")])
    lessons = lessons_of(database.signs())
    assert [lesson.name for lesson in lessons] == ["Everything (1)", "Everything (2)"]
    assert [len(lesson.sign_ids) for lesson in lessons] == [LESSON_SIZE, 3]


def test_retagging_a_sign_in_the_library_moves_it_to_another_lesson(database):
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"], tags=[lesson_tag("Greetings")])
    database.update_sign(ich, tags=["Lesson:People"])  # any spelling of the prefix
    assert {lesson.name: lesson.sign_ids for lesson in lessons_of(database.signs())} == {
        "Greetings": (hallo,),
        "People": (ich,),
    }


def test_lesson_tags_read_and_written():
    assert lesson_name(lesson_tag(" Food and drink ")) == "Food and drink"
    assert lesson_name("LESSON:  Food") == "Food"
    assert lesson_name("lesson:") is None and lesson_name("DGS") is None


def test_the_starter_lessons_are_small_and_name_each_sign_once():
    glosses = [(language, gloss) for (language, _), names in STARTER_LESSONS.items() for gloss in names]
    assert len(glosses) == len(set(glosses)) == 62
    assert all(1 < len(names) <= LESSON_SIZE for names in STARTER_LESSONS.values())
    assert starter_lesson_tag("DGS", "Bier") == lesson_tag("DGS 3 · Food and drink")
    assert starter_lesson_tag("ASL", "Bier") is None


def test_an_older_starter_database_gets_its_lessons_once(database, clock):
    add_signs(database, "DGS", ["hallo", "ich", "Bier"], tags=["DGS", "default"])
    mine = add_signs(database, "DGS", ["Katze"], tags=["DGS"])  # added by the learner: no lesson
    path = open_path(database, clock)
    assert [lesson.name for lesson in path.lessons()] == [
        "DGS 1 · People and greetings",
        "DGS 3 · Food and drink",
    ]
    assert all(lesson_name(tag) is None for tag in database.sign(mine[0]).tags)
    for sign in database.signs():  # the learner removes every lesson: they are not put back
        database.update_sign(sign.id, tags=[tag for tag in sign.tags if lesson_name(tag) is None])
    assert open_path(database, clock).lessons() == []


def test_a_database_with_lessons_is_left_as_it_is(database):
    add_signs(database, "DGS", ["hallo"], tags=["default", lesson_tag("My own")])
    add_signs(database, "DGS", ["ich"], tags=["default"])
    assert assign_starter_lessons(database) == 0
    assert [lesson.name for lesson in lessons_of(database.signs())] == ["My own"]


def test_a_lesson_of_the_learners_signs_is_in_the_order_of_the_names_shown(database):
    """ "letter V" among the "l"s, as every list of signs has it; it came after "umbrella" ("v")."""
    signs = add_signs(
        database, "BSL", ["v", "umbrella", "large"], tags=[lesson_tag("Mine")]
    )  # no starter signs
    (lesson,) = lessons_of(database.signs())
    assert lesson.sign_ids == (signs[2], signs[0], signs[1])
