"""Whether a server could listen on an address and port, said in French before the long work
that precedes serving (`serve`, `quickstart`)."""

from __future__ import annotations

import errno
import socket

from barometre.core.errors import BarometreError


def port_check(addr: str, port: int) -> None:
    """Refuse, in French, an address the server could not listen on, before the database is
    prepared: Django's development server says it in English once everything else is done."""
    if not 0 < port < 65536:
        raise BarometreError(f"Port {port} impossible : choisissez un nombre de 1 à 65535.")
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((addr.strip("[]"), port))
        except OSError as error:
            raise BarometreError(_bind_refusal(addr, port, error)) from error


def _bind_refusal(addr: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Le port {port} est déjà utilisé sur {addr} (un autre serveur, peut-être un "
            "« barometre serve » déjà lancé) : arrêtez-le ou choisissez un autre port avec "
            "--port."
        )
    if error.errno == errno.EACCES:
        return f"Pas le droit d'écouter sur le port {port} : choisissez un port au-delà de 1023."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"L'adresse {addr} n'est pas une adresse de cette machine : essayez 127.0.0.1."
    return f"Impossible d'écouter sur {addr}:{port} : {error.strerror or error}."
