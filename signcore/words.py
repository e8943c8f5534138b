"""Numbers and names in the learner's words, for every message and page."""

from collections import Counter
from collections.abc import Sequence

NO_LANGUAGE = "no language"  # THE words for a sign without a language, wherever a language is shown


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 sign", "3 signs"; ``plural`` for nouns without a plain one ("1 was", "2 were")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def language_name(language: str) -> str:
    """A sign's language as the learner reads it: "DGS", or "no language" for a sign without one (a
    table's column, a sign's details, a map's colour key, a name shared with another sign)."""
    return language or NO_LANGUAGE


def sign_name(gloss: str, language: str, name_shared: bool = False) -> str:
    """A sign as lists and titles name it: "hallo (DGS)"; a sign without a language by its name alone, or
    "hallo (no language)" when another sign has that name (``name_shared``), so the two are told apart."""
    return f"{gloss} ({language_name(language)})" if language or name_shared else gloss


def sign_names(signs: Sequence[tuple[str, str]]) -> list[str]:
    """The :func:`sign_name` of each (gloss, language) of a list, a name shared when the list has it twice
    (ignoring case, as the database does). Two signs of one name are always listed together: a search
    finds both, and a language filter shows neither sign without a language."""
    names = Counter(gloss.casefold() for gloss, _ in signs)
    return [sign_name(gloss, language, names[gloss.casefold()] > 1) for gloss, language in signs]
