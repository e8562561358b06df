"""Fetching an article by URL: bounded in time, size and hops, and never into the server's own network.

Each hop is checked in three steps: the URL's form (before any name lookup), the addresses its host
resolves to (every one must be public, IPv4 forms embedded in IPv6 judged as their IPv4), and then
the connection goes to the address that was checked, with the Host header and TLS name kept, so a
name that answers differently the second time (DNS rebinding) cannot reach a local service.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from bot.inputs import InputError, decode_article
from news.html import html_to_text, looks_like_html

MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
USER_AGENT = "Prachum/0.1 (+https://github.com/prachum) article fetcher"
LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){LABEL}(?:\.{LABEL})*\.?$")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """A URL whose form was checked: its host as written, and the port it names or implies."""

    url: str
    scheme: str
    host: str
    port: int


@dataclass(frozen=True)
class Page:
    """A feed or listing page as fetched: 304 (unchanged since the validators sent) has no body."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


def fetch_article(
    url: str, *, max_chars: int, allow_private: bool = False, timeout: httpx.Timeout = TIMEOUT
) -> str:
    """The article text at `url`, or an InputError that says what was wrong with it."""
    return _get(url, {}, allow_private, timeout, lambda u, r: _read(u, r, max_chars=max_chars))


def fetch_page(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    timeout: httpx.Timeout = TIMEOUT,
) -> Page:
    """A feed or web page by conditional GET, with the same limits and address checks as an article."""
    headers = {"if-none-match": etag} if etag else {}
    if last_modified:
        headers["if-modified-since"] = last_modified
    return _get(url, headers, allow_private, timeout, _read_page)


def _get(
    url: str,
    headers: dict[str, str],
    allow_private: bool,
    timeout: httpx.Timeout,
    read: Callable[[str, httpx.Response], T],
) -> T:
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"user-agent": USER_AGENT}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            request = pinned_request(client, url, allow_private=allow_private, headers=headers)
            try:
                response = client.send(request, stream=True)
                try:
                    if response.status_code in REDIRECTS and response.headers.get("location"):
                        url = urljoin(url, response.headers["location"])
                        continue
                    return read(url, response)
                finally:
                    response.close()
            except httpx.TimeoutException as err:
                raise InputError(f"{url}: no answer in time") from err
            except httpx.HTTPError as err:
                raise InputError(f"{url}: cannot be fetched ({type(err).__name__})") from err
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def pinned_request(
    client: httpx.Client, url: str, *, allow_private: bool, headers: dict[str, str] | None = None
) -> httpx.Request:
    """A GET to the checked address of `url`'s host, carrying the host's name for HTTP and TLS."""
    target = check_form(url)
    address = checked_address(target, allow_private=allow_private)
    pinned = httpx.URL(url).copy_with(host=str(address))
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    if ":" in target.host:  # an IPv6 literal
        host_header = f"[{target.host}]" + ("" if target.port == default_port else f":{target.port}")
    request = client.build_request("GET", pinned, headers={**(headers or {}), "host": host_header})
    if target.scheme == "https":
        request.extensions["sni_hostname"] = target.host
    return request


def check_form(url: str) -> Target:
    """Refuse a URL that cannot be fetched as written, before its host is looked up."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise InputError(f"{url!r}: not a valid address (it holds spaces or control characters)")
    try:
        parts = urlsplit(url)
        port = parts.port
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as err:
        raise InputError(f"{url}: not a valid address ({err})") from err
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: only http and https addresses can be fetched")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{url}: addresses with a user name or password are refused")
    if port == 0:
        raise InputError(f"{url}: port 0 cannot be fetched")
    host = parts.hostname
    if not _is_literal(host):
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError as err:
            raise InputError(f"{url}: {host!r} is not a valid host name") from err
        if not HOST_NAME.match(ascii_host.lower()):
            raise InputError(f"{url}: {host!r} is not a valid host name")
    return Target(url, parts.scheme, host, port or (443 if parts.scheme == "https" else 80))


def checked_address(target: Target, *, allow_private: bool = False) -> Address:
    """The address to connect to: the first the host resolves to, once every one of them is public."""
    if _is_literal(target.host):
        addresses = [ipaddress.ip_address(target.host)]
    else:
        addresses = resolve(target.host, target.port, url=target.url)
    for address in addresses:
        if is_refused(address) and not allow_private:
            raise InputError(f"{target.url}: {target.host} is a private or local address, which is refused")
    return addresses[0]


def resolve(host: str, port: int, *, url: str) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as err:
        raise InputError(f"{url}: the host name does not resolve") from err
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise InputError(f"{url}: the host name does not resolve")
    return addresses


def is_refused(address: Address) -> bool:
    """Not a public unicast address; IPv4 inside IPv6 (mapped, compatible, NAT64, 6to4) counts as itself."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if embedded is not None:
            return is_refused(embedded)
        if address in NAT64_LOCAL:
            return True
    return not address.is_global or address.is_multicast


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64 or int(address) >> 32 == 0:  # NAT64, or the old "IPv4-compatible" ::a.b.c.d
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _read_page(url: str, response: httpx.Response) -> Page:
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    if response.status_code == 304:
        return Page(url, 304, b"", "", etag, modified)
    kind = _checked_kind(url, response, (*TEXT_TYPES, *FEED_TYPES))
    return Page(url, 200, _body(url, response), kind, etag, modified)


def _checked_kind(url: str, response: httpx.Response, types: tuple[str, ...]) -> str:
    if response.status_code != 200:
        raise InputError(f"{url}: the server answered {response.status_code}")
    kind = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    if kind not in types:
        raise InputError(f"{url}: {kind or 'no content type'} is not a web page or text")
    return kind


def _body(url: str, response: httpx.Response) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    data = bytearray()
    for chunk in response.iter_bytes():
        data.extend(chunk)
        if len(data) > MAX_BYTES:
            raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    return bytes(data)


def _read(url: str, response: httpx.Response, *, max_chars: int) -> str:
    kind = _checked_kind(url, response, TEXT_TYPES)
    data = _body(url, response)
    text = decode_article(data, source=url, max_chars=max(max_chars, MAX_BYTES))
    if kind != "text/plain" or looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise InputError(f"{url}: no article text on the page")
    return decode_article(text.encode("utf-8"), source=url, max_chars=max_chars)
