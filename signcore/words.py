"""Numbers in the learner's words, for every message and page."""


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 sign", "3 signs"; ``plural`` for nouns without a plain one ("1 was", "2 were")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
