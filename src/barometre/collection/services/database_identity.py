"""Which database a distributed run's board belongs to (docs/crawler.md, "Distributed mode").

The board names its campaign by name and database id, and ids are those of one database: a
worker or a launch whose `DATABASE_URL` (or `BAROMETRE_HOME`, for SQLite) is not the
coordinator's found a campaign of the same name there, took the board for a deleted namesake's
and cleared it — the queue of the campaign that the other machines were auditing — or, with the
same id, stored the sites in its own database and took them out of the queue. The board now
records the database it was filled from: the time its first migration was applied, the same for
every machine that shares it (a dump restored elsewhere keeps it), another for any other one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Min

from barometre.collection.board import CampaignBoard
from barometre.core.errors import BarometreError


def database_identity() -> str:
    """ "2026-12-07T17:18:01.123456+00:00": when this database's first migration was applied."""
    first = MigrationRecorder.Migration.objects.aggregate(first=Min("applied"))["first"]
    return first.isoformat() if first is not None else ""


def database_shown() -> str:
    """The database as a message shows it, without its password: `PostgreSQL "barometre" sur
    db.local:5432`, or `SQLite /srv/barometre/barometre.sqlite3`."""
    values = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"SQLite {values['NAME']}"
    where = f"{values.get('HOST') or 'socket local'}:{values.get('PORT') or 'défaut'}"
    return f"{connection.display_name} « {values['NAME']} » sur {where}"


def database_meta() -> dict[str, str]:
    """What a launch records on the board about its database."""
    return {"database": database_identity(), "database_shown": database_shown()}


def check_same_database(board: CampaignBoard, meta: dict[str, str]) -> None:
    """Refuse, before anything is read or cleared, a board filled from another database."""
    recorded = meta.get("database", "")
    if not recorded or recorded == database_identity():
        return
    name = board.campaign
    theirs = meta.get("database_shown", "") or "inconnue"
    raise BarometreError(
        f"La file Redis de « {name} » (espace de noms « {board.namespace} ») a été remplie "
        f"depuis une autre base de données ({theirs}) que celle de cette machine "
        f"({database_shown()}) : ses numéros de campagne et ses sites sont ceux de l'autre "
        "base. Donnez à chaque machine le DATABASE_URL (et le BAROMETRE_HOME) du coordinateur, "
        "ou à chaque base son propre BAROMETRE_QUEUE_NAMESPACE. Rien n'a été fait : la file "
        "est intacte."
    )
