"""Reading articles from files, folders and standard input, with a clear reason when one is unusable."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from news.html import html_to_text, looks_like_html

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def no_surrogates(text: str) -> str:
    """JSON may carry lone UTF-16 surrogates ("\\ud800") or NUL; no database or encoder accepts them."""
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise ValueError("contains characters that are not valid Unicode (lone surrogates)")
    if "\x00" in text:
        raise ValueError("contains a NUL character")
    return text


PlainText = Annotated[str, AfterValidator(no_surrogates)]


class InputError(Exception):
    """An input cannot be read as an article; the message names it and says why."""


@dataclass(frozen=True)
class ArticleInput:
    source: str
    text: str


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given, folders as their article files in name order, '-' as standard input."""
    expanded: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and not is_url(raw) and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            expanded.extend(str(p) for p in files)
        else:
            expanded.append(raw)
    return expanded


def read_article(source: str, *, max_chars: int, allow_private_urls: bool = False) -> ArticleInput:
    """An article from a URL, a file (HTML reduced to its text) or standard input."""
    if is_url(source):
        from bot.fetch import fetch_article  # bot.fetch reads pages with this module's decoder (and httpx)

        return ArticleInput(
            source, fetch_article(source, max_chars=max_chars, allow_private=allow_private_urls)
        )
    limit = max_bytes(max_chars)
    data = sys.stdin.buffer.read(limit + 1) if source == "-" else read_file(source, limit=limit)
    if len(data) > limit:
        raise InputError(f"{source}: over the limit of {max_chars:,} characters")
    text = decode_article(data, source=source, max_chars=max_chars)
    if source.lower().endswith((".html", ".htm")) or looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{source}: no article text in the page")
    return ArticleInput(source, text)


def max_bytes(max_chars: int) -> int:
    """The most bytes `max_chars` characters take in UTF-8."""
    return 4 * max_chars + 3  # and a byte-order mark


def read_file(source: str, *, limit: int) -> bytes:
    """A regular file's first `limit` + 1 bytes (one more tells it is over); anything else is refused.

    Opened without blocking and checked on the open descriptor: a named pipe would wait for a
    writer for ever, and a device such as /dev/zero never ends.
    """
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source}: is a folder with no article files")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as err:
        raise InputError(f"{source}: cannot be read ({err.strerror})") from err
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{source}: is {_kind(mode)}, not a regular file; only article files are read")
        try:
            return file.read(limit + 1)
        except OSError as err:
            raise InputError(f"{source}: cannot be read ({err.strerror})") from err


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "not a file")


def decode_article(data: bytes, *, source: str, max_chars: int) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary data, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError as err:
            raise InputError(f"{source}: not UTF-8 or Thai (TIS-620) text") from err
    if not text.strip():
        raise InputError(f"{source}: empty")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t") or 0x7F <= ord(ch) < 0xA0)
    if controls > max(3, len(text) // 100):
        raise InputError(f"{source}: binary data, not article text")
    if len(text) > max_chars:
        raise InputError(f"{source}: {len(text):,} characters is over the limit of {max_chars:,}")
    return text
