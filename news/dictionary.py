"""pythainlp's Thai dictionary as newmm reads it, without building its trie.

newmm asks its dictionary only which words start at a position of the text. pythainlp answers
from a trie of its 62,000 words that takes a third of a second to build, which a fresh
`prachum ask` would pay for a single label; a set answers the same for a short text at once, and
so gives the very same words (tests/news/test_dictionary.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pythainlp.util import Trie

from news.wordcut import words


class WordSet(Trie):
    """A `Trie` (what word_tokenize takes) that looks words up in a set instead of a tree."""

    def __init__(self, words: frozenset[str]) -> None:  # no super().__init__: the tree is never built
        """`words` as pythainlp's `thai_words()` gives them, each stripped and none empty (as `Trie.add`
        would store them): kept as they are, since copying 62,000 words costs a fresh `prachum ask` time."""
        self.entries = words
        self.lengths = sorted(set(map(len, words)))

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The dictionary words `text` has at `start`, shortest first, as the trie lists them."""
        room = len(text) - start
        found = []
        for length in self.lengths:
            if length > room:
                break
            word = text[start : start + length]
            if word in self.entries:
                found.append(word)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, word: str) -> None:
        raise TypeError("the dictionary is read-only")

    def remove(self, word: str) -> None:
        raise TypeError("the dictionary is read-only")


@cache
def word_set() -> WordSet:
    return WordSet(words()[0])
