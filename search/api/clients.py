"""Who the client of a request is: the connection's address, or behind trusted reverse proxies the address they
name in X-Forwarded-For — only a well-formed one — and the key the rate limit counts it under.

An address is hostile input like any other: `2001:DB8::1`, `2001:0db8:0:0:0:0:0:0001`, `2001:db8::1%eth0` and
`::ffff:192.0.2.1` are spellings of addresses a client controls, and an IPv6 client holds at least a /64. So the
rate limit keys on `client_bucket`: the IPv4 address, or the IPv6 /64, in one canonical spelling.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_FORWARDED_HOPS = 16  # X-Forwarded-For entries looked at, from the right (the nearest proxy) leftwards
MAX_ADDRESS_LENGTH = 64  # longer is no address: not even looked at
MAX_OTHER_LENGTH = 64  # a peer that is not an IP address (a Unix socket, a test client), as it is kept
MAX_REMEMBERED_PEERS = 4096  # peers whose trust `ProxyHeadersMiddleware` remembers (then it starts afresh)


def parse_address(text: str) -> IPAddress | None:
    """The address in `text` — a bare IPv4 or IPv6 address, `a.b.c.d:port` or `[v6]:port`, an IPv6 zone id
    dropped, an IPv4-mapped IPv6 address as its IPv4 address — or None when `text` is anything else."""
    text = text.strip()
    if not text or len(text) > MAX_ADDRESS_LENGTH:
        return None
    if text.startswith("["):
        host, bracket, port = text[1:].partition("]")
        if not bracket or (port and not (port.startswith(":") and port[1:].isdigit())):
            return None
        text = host
    elif text.count(":") == 1:  # IPv4 with a port
        text, _, port = text.partition(":")
        if not port.isdigit():
            return None
    text = text.split("%", 1)[0]  # the zone id names the server's interface, not the client
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_bucket(host: str) -> str:
    """The rate-limit key of a client address: the IPv4 address, or the IPv6 /64, canonical. A peer that is not
    an IP address (a Unix socket, a test client) is kept as it is, cut to MAX_OTHER_LENGTH characters."""
    address = parse_address(host)
    if address is None:
        return "other:" + host[:MAX_OTHER_LENGTH]
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class TrustedProxies:
    """Addresses and networks (CIDR) whose X-Forwarded-For is believed; other entries are names (`testclient`)."""

    def __init__(self, entries: list[str]) -> None:
        self.everyone = "*" in entries
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.names: set[str] = set()
        for entry in entries:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                self.names.add(entry.strip())

    def trusts(self, host: str) -> bool:
        if self.everyone or host in self.names:
            return True
        address = parse_address(host)
        return address is not None and any(address in network for network in self.networks)

    def client(self, peer: str, forwarded_for: str) -> str:
        """The client a request from `peer` is for: the first address not of a trusted proxy, from the right of
        X-Forwarded-For. An entry that is not a well-formed address stops the walk: the last trusted hop is then
        the client (whatever it forwarded is unknown, so all such requests share its budget)."""
        client = peer
        if not self.trusts(peer):
            return client
        for entry in reversed(forwarded_for.split(",")[-MAX_FORWARDED_HOPS:]):
            address = parse_address(entry)
            if address is None:
                return client
            client = str(address)
            if not self.trusts(client):
                return client
        return client


class ProxyHeadersMiddleware:
    """Behind trusted proxies: the request's client is the address they forward (`TrustedProxies.client`), its
    scheme the X-Forwarded-Proto they set (http or https only). Requests from anyone else pass unchanged."""

    def __init__(self, app: ASGIApp, trusted: list[str]) -> None:
        self.app = app
        self.trusted = TrustedProxies(trusted)
        self.peers: dict[str, bool] = {}  # whether each recent peer is trusted: one address parse per peer, not request

    def _trusts(self, peer: str) -> bool:
        trusted = self.peers.get(peer)
        if trusted is None:
            if len(self.peers) >= MAX_REMEMBERED_PEERS:
                self.peers.clear()
            trusted = self.peers[peer] = self.trusted.trusts(peer)
        return trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            peer = scope["client"][0]
            if self._trusts(peer):
                forwarded = [v.decode("latin-1") for k, v in scope["headers"] if k == b"x-forwarded-for"]
                if forwarded:
                    scope["client"] = (self.trusted.client(peer, ",".join(forwarded)), 0)
                proto = next((v for k, v in scope["headers"] if k == b"x-forwarded-proto"), None)
                if proto is not None and proto.strip() in (b"http", b"https"):
                    scope["scheme"] = proto.strip().decode("ascii")
        await self.app(scope, receive, send)
