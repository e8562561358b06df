"""Shortening Thai text for labels, alt texts and lists without cutting a word in half.

Thai has no spaces between words, so a cut at a character count can fall inside a syllable ("ประชุมเชิงปฏ…").
A cut goes at the last space that keeps most of the text, else at the last word boundary that fits
(news.wordcut: pythainlp's dictionary, without importing its tokenizer).
"""

from __future__ import annotations

ELLIPSIS = "…"
# A space this far into the limit keeps enough of the text to be worth cutting at.
SPACE_SHARE = 0.6


def shorten(text: str, limit: int) -> str:
    """`text` when it fits in `limit` characters, else its longest whole-word start that fits, with "…"."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    if room <= 0:
        return ELLIPSIS[:limit]
    space = text.rfind(" ", 0, room + 1)
    if space >= room * SPACE_SHARE:
        return text[:space].rstrip() + ELLIPSIS
    return _by_words(text, room).rstrip() + ELLIPSIS


def _by_words(text: str, room: int) -> str:
    from news.wordcut import boundaries

    fits = [cut for cut in boundaries(text[: room + 40]) if cut <= room]
    return text[: fits[-1]] if fits else text[:room]


def split_words(text: str, *, keep_whitespace: bool = True) -> list[str]:
    """pythainlp's newmm words of a short text, looked up in its dictionary as a set (news.dictionary)."""
    from pythainlp.tokenize import word_tokenize

    from news.dictionary import word_set

    return list(word_tokenize(text, engine="newmm", custom_dict=word_set(), keep_whitespace=keep_whitespace))
