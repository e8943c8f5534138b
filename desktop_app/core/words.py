"""Numbers in the learner's words, shared by every page's text."""


def counted(count: int, noun: str) -> str:
    """ "1 sign", "3 signs" (nouns with a plain plural)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
