"""Name lookups and outside connections for tests: names answer from a table, nothing leaves 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

REAL_GETADDRINFO = socket.getaddrinfo
REAL_CREATE_CONNECTION = socket.create_connection


@dataclass
class Names:
    """`answers[name]` gives each lookup of `name` its addresses in turn (the last one repeats)."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)
    refused_connections: list[str] = field(default_factory=list)
    default: list[str] | None = None  # the answer for a name not in the table; None: it does not resolve

    def add(self, name: str, *answers: list[str]) -> None:
        self.answers[name.lower()] = list(answers)

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if _is_loopback(name):
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        self.lookups.append(name)
        queue = self.answers.get(name.lower().rstrip(".")) or ([self.default] if self.default else None)
        if not queue:
            raise socket.gaierror(socket.EAI_NONAME, f"{name} is not in the test's name table")
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        number = int(port) if port else 0
        return [_info(address, number) for address in addresses]

    def create_connection(self, address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        host = str(address[0])
        if not _is_loopback(host):
            self.refused_connections.append(host)
            raise ConnectionRefusedError(f"tests connect only to 127.0.0.1, not {host}")
        return REAL_CREATE_CONNECTION(address, *args, **kwargs)


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "", "None"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _info(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))


def installed(names: Names, setattr_: Callable[[object, str, object], None]) -> Iterator[Names]:
    setattr_(socket, "getaddrinfo", names.getaddrinfo)
    setattr_(socket, "create_connection", names.create_connection)
    yield names
