"""Fetching an article by URL: bounded in time, size and hops, and never into the server's own network."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from bot.inputs import InputError, decode_article
from news.html import html_to_text, looks_like_html

MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "Prachum/0.1 (+https://github.com/prachum) article fetcher"


def fetch_article(url: str, *, max_chars: int, allow_private: bool = False) -> str:
    """The article text at `url`, or an InputError that says what was wrong with it."""
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"user-agent": USER_AGENT}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            check_address(url, allow_private=allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    return _read(url, response, max_chars=max_chars)
            except httpx.TimeoutException as err:
                raise InputError(f"{url}: no answer in time") from err
            except httpx.HTTPError as err:
                raise InputError(f"{url}: cannot be fetched ({type(err).__name__})") from err
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read(url: str, response: httpx.Response, *, max_chars: int) -> str:
    if response.status_code != 200:
        raise InputError(f"{url}: the server answered {response.status_code}")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in TEXT_TYPES:
        raise InputError(f"{url}: {kind or 'no content type'} is not a web page or text")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    data = bytearray()
    for chunk in response.iter_bytes():
        data.extend(chunk)
        if len(data) > MAX_BYTES:
            raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    text = decode_article(bytes(data), source=url, max_chars=max(max_chars, MAX_BYTES))
    if kind != "text/plain" or looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise InputError(f"{url}: no article text on the page")
    return decode_article(text.encode("utf-8"), source=url, max_chars=max_chars)


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse URLs whose host is, or resolves to, a private, loopback, link-local or reserved address."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as err:
        raise InputError(f"{url}: not a valid address ({err})") from err
    if parts.scheme not in ("http", "https") or not host:
        raise InputError(f"{url}: only http and https addresses can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(f"{url}: the host name does not resolve") from err
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise InputError(f"{url}: {host} is a private or local address, which is refused")
