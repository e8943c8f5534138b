"""Numbers and names in the learner's words, for every message and page."""

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

NO_LANGUAGE = "no language"  # THE words for a sign without a language, wherever a language is shown
LETTER = "letter"  # before a fingerspelled letter's capital: "letter L"
LONG_WORD = 16  # characters: a word longer than this gets places to break it (breakable)
NO_BREAK_HYPHEN = "\u2011"  # looks as "-" does; a line never wraps after it


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 sign", "3 signs"; ``plural`` for nouns without a plain one ("1 was", "2 were")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


# The app's words are English: the system's locale (Qt sets it from the environment) named a day "Montag"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def weekday(day: date, short: bool = False) -> str:
    """ "Monday", or "Mon" ``short``, whatever the system's locale."""
    name = WEEKDAYS[day.weekday()]
    return name[:3] if short else name


def day_and_month(day: date) -> str:
    """ "29 Nov", whatever the system's locale."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def when_in_words(moment: datetime, now: datetime) -> str:
    """How long ago ``moment`` was, as a learner says it: "just now", "5 minutes ago" (within the hour),
    "earlier today", "yesterday", "on Monday" (this week), "on 3 Nov". Something deleted seconds ago was
    "earlier today"."""
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return "just now"  # a clock set back a little, too
    if minutes < 60:
        return f"{counted(minutes, 'minute')} ago"
    days = (now.date() - moment.date()).days
    if days <= 0:
        return "earlier today"
    if days == 1:
        return "yesterday"
    return f"on {weekday(moment)}" if days < 7 else f"on {day_and_month(moment)}"


def joined_with_and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def language_name(language: str) -> str:
    """A sign's language as the learner reads it: "DGS", or "no language" for a sign without one (a
    table's column, a sign's details, a map's colour key, a name shared with another sign)."""
    return language or NO_LANGUAGE


def language_named(name: str) -> str:
    """The language a learner named: :func:`language_name` read back ("no language" is the empty one)."""
    return "" if name.strip().casefold() == NO_LANGUAGE else name.strip()


def letter_name(gloss: str) -> str:
    """A sign's name without its language: its gloss, or for a fingerspelled letter (a gloss of one letter)
    "letter L": the capital and the word, since the bare "l" read as a capital "I" beside "i"."""
    if not (gloss.isalpha() and len(gloss) == 1):
        return gloss
    capital = gloss.upper()
    return f"{LETTER} {capital if len(capital) == 1 else gloss}"  # "ß": its capital is "SS"


def sign_name(gloss: str, language: str, name_shared: bool = False) -> str:
    """A sign as lists and titles name it: "hallo (DGS)", "letter L (ASL)" (:func:`letter_name`); a sign
    without a language by its name alone, or "hallo (no language)" when another sign has that name
    (``name_shared``), so the two are told apart."""
    name = letter_name(gloss)
    return f"{name} ({language_name(language)})" if language or name_shared else name


def name_order(gloss: str, language: str) -> tuple[str, str]:
    """THE key of every list of signs in the order of their names: the name the learner is shown
    (:func:`sign_name`) in any case, so "letter V (ASL)" is among the "l"s, not at "v" among the "u"s as its
    stored name "v" put it; the signs of one name by their language as shown. Accents aside too, so "Ärger"
    is among the "a"s, not after "zwei"."""
    return _plain_letters(letter_name(gloss)), _plain_letters(language_name(language))


SEARCH_IGNORES = str.maketrans("", "", " -_")


def search_key(text: str) -> str:
    """What a search for a sign compares: the text without case, accents, spaces, hyphens and underscores,
    so that "thank you" finds "thank-you" and "arger" finds "Ärger"."""
    return _plain_letters(text).translate(SEARCH_IGNORES)


def _plain_letters(text: str) -> str:
    """``text`` without case and accents: "Ärger" as "arger"."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in letters if not unicodedata.combining(c))


# How well a search finds a sign, best first: every list of signs found shows them in this order.
EXACT, NAME_STARTS, WORD_STARTS, INSIDE = range(4)
# A search this short finds a sign only where one of its words starts with it: "t" was in "letter" and
# listed all 26 letter signs, "er" half of the German ones. Longer, it also finds a gloss's middle, as
# German compounds want ("land" finds "Deutschland").
INSIDE_MIN_LETTERS = 3


def search_rank(search: str, gloss: str, language: str) -> int | None:
    """THE sign search (the Practice and Library lists, the Sign map): how well ``search`` finds the sign
    of ``gloss`` in ``language``, as :func:`search_key` compares them, or None when it does not. Best first:
    :data:`EXACT`, its name as shown ("letter T", "thank you"), its gloss ("t") or its name as listed
    ("letter T (ASL)"); :data:`NAME_STARTS`, that name begins with it ("tha", "hallo (D");
    :data:`WORD_STARTS`, a later word of it does ("you", "T" of "letter T"); :data:`INSIDE`, a search of
    :data:`INSIDE_MIN_LETTERS` or more within the gloss ("land": "Deutschland"), never within the word
    "letter" the app adds. A blank search finds every sign, all alike."""
    wanted = search_key(search)
    if not wanted or names_sign(search, gloss, language):
        return EXACT
    shown, listed = letter_name(gloss), search_key(sign_name(gloss, language, name_shared=True))
    if listed.startswith(wanted):  # the name shown, or more of it as listed: "hallo (D"
        return NAME_STARTS
    word_starts = (i for i, c in enumerate(shown) if c.isalnum() and (i == 0 or not shown[i - 1].isalnum()))
    if any(search_key(shown[start:]).startswith(wanted) for start in word_starts):
        return WORD_STARTS
    if len(wanted) >= INSIDE_MIN_LETTERS and wanted in search_key(gloss):
        return INSIDE
    return None


def names_sign(text: str, gloss: str, language: str) -> bool:
    """Whether ``text`` names the sign of ``gloss`` in ``language`` whole (--score --sign, the Sign map's
    find box), as :func:`search_key` compares them: its name as shown ("letter Z"), its gloss ("z") or its
    name as listed ("letter Z (ASL)", "hallo (no language)"); "hallo" names "hallo" and not "hallowelt"."""
    wanted = search_key(text)
    named = (letter_name(gloss), gloss, sign_name(gloss, language, name_shared=True))
    return bool(wanted) and wanted in map(search_key, named)


def sign_names(signs: Sequence[tuple[str, str]]) -> list[str]:
    """The :func:`sign_name` of each (gloss, language) of a list, a name shared when the list has it twice
    (ignoring case, as the database does). Two signs of one name are always listed together: a search
    finds both, and a language filter shows neither sign without a language."""
    names = Counter(gloss.casefold() for gloss, _ in signs)
    return [sign_name(gloss, language, names[gloss.casefold()] > 1) for gloss, language in signs]


def wraps_between_parts(text: str, separator: str = " · ") -> str:
    """``text`` of short parts between ``separator`` s (a page's summary line), each part and the separator
    after it kept on one line by no-break spaces: a narrow label wraps it between two parts ("… · 5 due
    today ·" / "practised on 1 day"), never inside one (it left "day" alone on the second line). One part
    alone is left as it is: it may be a sentence, which must wrap."""
    parts = text.split(separator)
    if len(parts) == 1:
        return text
    return f"\u00a0{separator.lstrip()}".join(part.replace(" ", "\u00a0") for part in parts)


def breakable(text: str) -> str:
    """``text`` with a place to break the line (a zero-width space) after every LONG_WORD characters of a
    longer word: a label wraps at spaces only, and a long unbroken name in a sentence (a file's, kept as a
    sign's name) was cut where it could be wrapped. A word breaks only there: its hyphens are no-break ones,
    as a line that wrapped at one split a sign's name ("Nearest signs: … thank-" / "you (ASL)")."""
    whole_words = re.sub(r"(?<=\S)-(?=\S)", NO_BREAK_HYPHEN, text)
    return re.sub(rf"\S{{{LONG_WORD}}}(?=\S)", lambda word: word.group() + "\u200b", whole_words)
