"""A reverse proxy in front of the web app (nginx or Caddy for HTTPS): what it says about
the client is believed only from the addresses ``serve --trusted-proxy`` names.

From such an address, werkzeug's ProxyFix takes the client's address, scheme and host from
the last entry of X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host (the entry that
proxy added: one a client typed comes before it), so that the sign-in throttle counts each
computer, the session cookie is Secure over HTTPS and the Host check sees the name the
browser used. From any other address these headers are removed before the app sees them:
a computer on the clinic's network that sends them itself is counted as itself.

Why not waitress's own ``trusted_proxy``: it takes one address, compared as text, where a
proxy on this computer may come from 127.0.0.1 or ::1 (nginx's ``proxy_pass
http://localhost:8000`` tries both) and a clinic may run two; and it is waitress's, where
the app's own check works under the Flask test client and any WSGI server alike.
"""

from __future__ import annotations

import ipaddress
from typing import Iterable

from werkzeug.middleware.proxy_fix import ProxyFix

from handouts.errors import HandoutError

OPTION = "--trusted-proxy"
PROXIED = "handouts.proxied"  # in the WSGI environ: the request came through a trusted proxy
# what a client could say about itself through a proxy, as WSGI names the headers
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX", "HTTP_FORWARDED")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(values: Iterable[str]) -> tuple[Network, ...]:
    """The addresses (``127.0.0.1``, ``::1``) or networks (``10.0.0.0/24``) given, as
    networks; a value that is neither is the user's mistake, said in one line."""
    found = []
    for value in values:
        try:
            found.append(_as_ipv4(ipaddress.ip_network(value.strip().strip("[]"), strict=False)))
        except ValueError:
            raise HandoutError(
                f"{OPTION} {value}: not an IP address or network; give the proxy's "
                "address as this computer sees it (127.0.0.1 for one on this computer, "
                "::1, or a network such as 10.0.0.0/24)") from None
    return tuple(found)


def _as_ipv4(network: Network) -> Network:
    """An IPv4 network written as IPv6 (``::ffff:10.0.0.5``, as a server listening on ``::``
    logs a proxy's address) as IPv4: ``trusted`` reads each address so, and the network as
    given contained none of them."""
    mapped = getattr(network.network_address, "ipv4_mapped", None)
    if mapped is None or network.prefixlen < 96:
        return network
    return ipaddress.ip_network(f"{mapped}/{network.prefixlen - 96}")


def said(proxies: tuple[Network, ...]) -> str:
    """``127.0.0.1, 10.0.0.0/24``: an address alone without its ``/32``."""
    return ", ".join(str(n.network_address) if n.prefixlen == n.max_prefixlen else str(n)
                     for n in proxies)


def trusted(address: str | None, proxies: tuple[Network, ...]) -> bool:
    """Whether a connection from ``address`` is one of the ``proxies``. An IPv4 address
    given as IPv6 (``::ffff:10.0.0.5``, a server listening on ``::``) is its IPv4 one."""
    try:
        ip = ipaddress.ip_address((address or "").partition("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in proxies)


class TrustedProxies:
    """WSGI middleware: ProxyFix for a request from one of ``proxies``, and no forwarding
    headers at all for any other."""

    def __init__(self, app, proxies: tuple[Network, ...]):
        self.app = app
        self.proxies = proxies
        # one proxy in front: the last entry of each header is the one it wrote
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=1, x_port=1)

    def __call__(self, environ, start_response):
        if trusted(environ.get("REMOTE_ADDR"), self.proxies):
            environ[PROXIED] = True
            return self.fixed(environ, start_response)
        for header in FORWARDED_HEADERS:
            environ.pop(header, None)
        return self.app(environ, start_response)


def install(app, proxies: tuple[Network, ...]) -> None:
    """Behind ``proxies``, if any; with none the app is as it was (waitress removes the
    forwarding headers of every request before the app sees them)."""
    if proxies:
        app.wsgi_app = TrustedProxies(app.wsgi_app, proxies)
