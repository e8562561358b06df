"""Fetching by URL never reaches the server's own network, however the address is written or resolved."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bot.fetch import fetch_article, is_refused, pinned_request
from bot.inputs import InputError
from tests.fakes.names import Names

PUBLIC = "93.184.216.34"
PAGE = "<html><body><article><p>ประชุมผู้บริหารสถานศึกษา ณ ห้องประชุมชั้น 2</p></article></body></html>"


@contextmanager
def local_page() -> Iterator[tuple[int, list[str]]]:
    """A page on 127.0.0.1 that records the Host header of each request it answers."""
    hosts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers.get("host", ""))
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hosts
    finally:
        server.shutdown()
        server.server_close()


def test_a_name_that_rebinds_to_loopback_after_the_check_never_reaches_it(names: Names) -> None:
    """The check sees a public address, a second lookup would say 127.0.0.1: the first is connected to."""
    names.add("news.example", [PUBLIC], ["127.0.0.1"])
    with local_page() as (port, hosts), pytest.raises(InputError, match="cannot be fetched"):
        fetch_article(f"http://news.example:{port}/", max_chars=10_000)
    assert hosts == []
    assert names.refused_connections == [PUBLIC]
    assert names.lookups == ["news.example"]


def test_the_pinned_connection_keeps_the_host_name(names: Names) -> None:
    """The page is asked for by its name (Host header), though the connection goes to the checked address."""
    names.add("intranet.example", ["127.0.0.1"])
    with local_page() as (port, hosts):
        text = fetch_article(f"http://intranet.example:{port}/", max_chars=10_000, allow_private=True)
    assert "ประชุมผู้บริหารสถานศึกษา" in text
    assert hosts == [f"intranet.example:{port}"]


def test_https_keeps_the_tls_name_of_the_host(names: Names) -> None:
    names.add("news.example", [PUBLIC])
    with httpx.Client() as client:
        request = pinned_request(client, "https://news.example/a?b=1", allow_private=False)
    assert str(request.url) == f"https://{PUBLIC}/a?b=1"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


@pytest.mark.parametrize(
    "url",
    [
        "http://[::127.0.0.1]/",  # IPv4-compatible
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
        "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",  # NAT64 of 169.254.169.254
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[2002:c0a8:101::1]/",  # 6to4 of 192.168.1.1
        "http://[64:ff9b:1::a00:1]/",  # local-use NAT64
    ],
)
def test_ipv4_inside_ipv6_is_judged_as_its_ipv4(url: str, names: Names) -> None:
    with pytest.raises(InputError, match="private or local"):
        fetch_article(url, max_chars=10_000)
    assert names.refused_connections == []


def test_a_name_resolving_to_nat64_loopback_is_refused(names: Names) -> None:
    names.add("sneaky.example", [PUBLIC, "64:ff9b::7f00:1"])
    with pytest.raises(InputError, match="private or local"):
        fetch_article("http://sneaky.example/", max_chars=10_000)
    assert names.refused_connections == []


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8", PUBLIC])
def test_public_addresses_in_any_form_pass(address: str) -> None:
    assert not is_refused(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://news example/",
        "http://news.example:0/",
        "http://user:secret@news.example/",
        "http://-news-.example/",
        "http://news..example/",
        "http://news.example:99999/",
        "http://news.example\t/",
        "gopher://news.example/",
    ],
)
def test_malformed_urls_are_refused_before_any_lookup(url: str, names: Names) -> None:
    names.add("news.example", [PUBLIC])
    with pytest.raises(InputError):
        fetch_article(url, max_chars=10_000)
    assert names.lookups == []
    assert names.refused_connections == []
