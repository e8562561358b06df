"""A news page reduced to its article: headline and body, without menus, share bars or comments."""

from __future__ import annotations

import re

from lxml import html as lxml_html

HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<div|<article|<p[ >])", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text[:2000]))


def html_to_text(page: str) -> str:
    """trafilatura's main text with the page's headline first; plain text of the page if it finds none."""
    import trafilatura  # a tenth of a second to import: only when a page is read

    body = trafilatura.extract(page, include_comments=False, include_tables=True, favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(page)
    title = (metadata.title or "").strip() if metadata else ""
    if not body.strip():
        try:
            body = lxml_html.fromstring(page).text_content()
        except (ValueError, lxml_html.etree.ParserError):
            body = ""
    if title and not body.lstrip().startswith(title[:30]):
        return f"{title}\n\n{body.strip()}"
    return body.strip()
