"""Which URLs and addresses the crawler may contact. Pure: no network.

A commune's website is public: a URL that points to a private, loopback, link-local or reserved
address is refused (server-side request forgery through a crafted link or DNS record), unless
the operator explicitly allows it (the local farm and the tests do).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})


def address_refusal(address: str, *, allow_private: bool) -> str | None:
    """Why this IP address may not be contacted (French), or None when it may."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return f"adresse IP illisible « {address} »"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_private:
        return None
    kinds = (
        (ip.is_loopback, "de bouclage (loopback)"),
        (ip.is_link_local, "lien-local"),
        (ip.is_private, "privée"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "réservée"),
        (ip.is_unspecified, "non spécifiée"),
    )
    for flagged, kind in kinds:
        if flagged:
            return (
                f"adresse {kind} {ip} refusée (option --allow-private-addresses pour l'autoriser)"
            )
    return None


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def url_refusal(url: str, *, allow_private: bool) -> str | None:
    """Why this URL may not be fetched, judged without DNS (French), or None.

    Host names are judged again after resolution by the crawler's resolver.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return f"URL illisible « {url[:200]} »"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"schéma « {parts.scheme} » refusé (http et https seulement)"
    if not host:
        return "URL sans hôte"
    if is_ip_literal(host):
        return address_refusal(host, allow_private=allow_private)
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        return f"hôte local « {host} » refusé (option --allow-private-addresses pour l'autoriser)"
    return None
