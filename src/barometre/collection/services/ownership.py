"""Which campaign a Redis board belongs to (docs/crawler.md, "Distributed mode").

The board is keyed by the campaign's name and records the campaign's database id
(`campaign_id`). A board left by a deleted campaign of the same name is cleared; one of another
campaign of the database is refused. A board left by a version of barometre that recorded no id
is this campaign's when a site of its run is stored for this campaign (it is then marked as
such); otherwise nothing of it was stored for this campaign, and it is cleared as a deleted
namesake's would be: the launch queues again every site not audited, so nothing is lost.
A worker whose campaign is deleted while it runs stops, and says so (`campaign_deleted`).
"""

from __future__ import annotations

from dataclasses import dataclass

from barometre.collection.board import CampaignBoard
from barometre.collection.models import SiteAudit
from barometre.collection.services.database_identity import check_same_database
from barometre.collection.services.redis_link import redis_url_shown
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.referential.models import Campaign


@dataclass(frozen=True, slots=True)
class BoardClaim:
    """What claiming the board did: how many pending sites of a board not this campaign's were
    dropped with it, and whether that board was one of an earlier version (no campaign id)."""

    dropped: int = 0
    earlier: bool = False

    @property
    def cleared(self) -> bool:
        return self.dropped > 0 or self.earlier


def board_claim(*, campaign: Campaign, board: CampaignBoard) -> BoardClaim:
    """Make sure the board is `campaign`'s: a deleted namesake's board, or an earlier version's
    of which no site is stored for this campaign, is cleared (returns what it had pending); a
    board of another campaign of this database is refused, not cleared (one
    `BAROMETRE_QUEUE_NAMESPACE` per database)."""
    meta = board.meta()
    check_same_database(board, meta)  # never read nor cleared from another database
    owner = meta.get("campaign_id", "")
    if not owner:
        return _claim_unmarked(campaign, board, meta.get("run", ""))
    if owner == str(campaign.pk):
        return BoardClaim()
    if Campaign.objects.filter(pk=int(owner)).exists():
        raise BarometreError(
            f"La file Redis de «\u00a0{campaign.name}\u00a0» ({redis_url_shown(board.url)}, "
            f"espace de noms «\u00a0{board.namespace}\u00a0») appartient à une autre campagne "
            f"(n°\u00a0{owner})\u00a0: donnez à chaque base de données son propre "
            "BAROMETRE_QUEUE_NAMESPACE. Rien n'a été fait."
        )
    pending = board.pending_count()
    board.clear()
    return BoardClaim(dropped=pending)


def _claim_unmarked(campaign: Campaign, board: CampaignBoard, run: str) -> BoardClaim:
    """A board without campaign id: empty, or left by an earlier version. Its run is this
    campaign's when a site of it is stored for this campaign: it is marked so and kept (its
    sites wait for the workers); else it is cleared, its pending sites counted."""
    if not run and not board.pending_count() and not board.queued_messages():
        return BoardClaim()
    if run and SiteAudit.objects.filter(campaign=campaign, run=run).exists():
        board.set_meta(campaign_id=str(campaign.pk))
        return BoardClaim()
    pending = board.pending_count()
    board.clear()
    return BoardClaim(dropped=pending, earlier=True)


def _earlier_board(campaign: str, dropped: int) -> str:
    return (
        f"La file Redis de «\u00a0{campaign}\u00a0» laissée par une version antérieure de "
        "barometre (sans numéro de campagne), dont aucun site n'est enregistré pour cette "
        f"campagne, est effacée\u00a0: {counted(dropped, 'site', 'sites')} en attente"
    )


def earlier_board_dropped(campaign: str, dropped: int) -> str:
    """What a launch says of an earlier version's board it cleared (French)."""
    return (
        f"{_earlier_board(campaign, dropped)}, remis en file par ce lancement s'ils ne sont "
        "pas audités."
    )


def earlier_board_status(campaign: str, dropped: int) -> str:
    """What `audit status` says of an earlier version's board it cleared (French)."""
    return (
        f"{_earlier_board(campaign, dropped)}, non audités. Remettez en file les sites non "
        f"audités avec «\u00a0barometre audit --campaign {campaign} --distributed\u00a0»."
    )


def earlier_board_refused(campaign: str, dropped: int) -> BarometreError:
    """A worker that met an earlier version's board: cleared, nothing to take (French)."""
    return BarometreError(
        f"{earlier_board_status(campaign, dropped)[:-1]}, puis relancez ce robot\u00a0; rien "
        "n'a été audité."
    )


def campaign_deleted(
    *, campaign: str, board: CampaignBoard, campaign_id: int, abandoned: list[str], done: int
) -> str:
    """What a worker says when its campaign was deleted while it ran (French): it stops, stores
    nothing more, and clears the campaign's board unless a new campaign of that name took it."""
    cleared = ""
    if board.meta().get("campaign_id") == str(campaign_id):
        pending = board.pending_count()
        board.clear()
        cleared = f" Sa file Redis est effacée ({counted(pending, 'site', 'sites')} en attente)."
    held = ""
    if abandoned:
        codes = ", ".join(abandoned[:10]) + ("…" if len(abandoned) > 10 else "")
        words = ("site en cours abandonné", "sites en cours abandonnés")
        held = f" {counted(len(abandoned), *words)}\u00a0: {codes}."
    return (
        f"La campagne «\u00a0{campaign}\u00a0» a été supprimée («\u00a0barometre campaign "
        "delete\u00a0») pendant que ce robot l'auditait\u00a0: il s'arrête sans rien "
        "enregistrer de plus pour elle "
        f"({counted(done, 'site audité', 'sites audités')} avant, supprimés avec elle)."
        f"{held}{cleared} Ne relancez pas ce robot pour elle\u00a0; une campagne recréée "
        f"sous ce nom se met en file avec «\u00a0barometre audit --campaign {campaign} "
        "--distributed\u00a0»."
    )
