"""The cell page of the auditors' workspace, its evidence, exports of reviewed cells, and the
accounts command."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision
from tests.web.conftest import absent_cell


def test_users_command_creates_roles(db, tmp_path) -> None:
    from django.core.management import call_command

    secret = tmp_path / "pw"
    secret.write_text("un-mot-de-passe-long\n")
    call_command("users", "create", "alice", "--role", "auditor", "--password-file", str(secret))
    alice = User.objects.get(username="alice")
    assert alice.has_perm("assessments.review_cell")
    assert not alice.has_perm("assessments.coordinate_review")
    assert alice.check_password("un-mot-de-passe-long")
    with pytest.raises(Exception, match="Rôle inconnu"):
        user_create(username="bob", role="chef", password="x" * 12)


def test_password_files_and_account_fields_are_checked_in_french(db, tmp_path) -> None:
    from django.core.management import call_command

    from barometre.core.errors import BarometreError

    def create(name: str, content: bytes, *extra: str) -> None:
        secret = tmp_path / "pw"
        secret.write_bytes(content)
        call_command(
            "users", "create", name, "--role", "auditeur", "--password-file", str(secret), *extra
        )

    # a byte-order mark and a CRLF line end are no part of the password
    create("carla", "\ufeffmot-de-passe-été\r\nignoré\n".encode())
    assert User.objects.get(username="carla").check_password("mot-de-passe-été")
    refused = {
        "latin1": ("dora", "mot-de-passe-\xe9t\xe9\n".encode("latin-1"), "UTF-8 attendu"),
        "separator": ("eva", "mot-de-passe\u2028long\n".encode(), "caractère de contrôle"),
        "huge": ("fanny", b"x" * 5000, "plus de 4 Ko"),
        "empty first line": ("gina", b"\nmot-de-passe-long\n", "première ligne est vide"),
        "user name": ("a b/<x>", b"mot-de-passe-long\n", "Nom d'utilisateur"),
    }
    for name, content, message in refused.values():
        with pytest.raises(BarometreError, match=message):
            create(name, content)
    with pytest.raises(BarometreError, match="Adresse électronique invalide"):
        create("hana", b"mot-de-passe-long\n", "--email", "pas-une-adresse")
    with pytest.raises(BarometreError, match="Mot de passe illisible dans"):
        call_command(
            "users", "create", "ines", "--role", "auditeur", "--password-file", str(tmp_path)
        )
    assert set(User.objects.values_list("username", flat=True)) == {"carla"}


def test_a_proposal_of_level_0_reads_0_and_not_not_applicable(client, site, users) -> None:
    client.force_login(users["auditeur"])
    absent = Cell.objects.filter(campaign=site.after, commune_id="44109", level=0).first()
    assert absent is not None
    body = client.get(reverse("web:review-cell", kwargs={"pk": absent.pk})).content.decode()
    assert "Proposition automatique : niveau 0," in " ".join(body.split())
    assert "niveau sans objet" not in body


def test_the_cell_page_quotes_the_words_each_signal_was_read_in_escaped(
    client, site, users
) -> None:
    client.force_login(users["auditeur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})).content
    text = body.decode()
    assert "Remplissez le &lt;b&gt;formulaire&lt;/b&gt; en ligne." in text
    assert "<b>formulaire</b>" not in text


def test_the_cell_page_says_what_the_proposal_confidence_has_meant(client, site, users) -> None:
    from barometre.assessments.services.review import coding_answer
    from barometre.outputs.validity import measured_validity

    client.force_login(users["auditeur"])
    band = measured_validity().band_of(0.41)  # the auto cell's proposal: level 3, confidence 0.41
    assert band is not None
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    reading = client.get(url).context["reading"]
    assert f"confiance inférieure à {str(band.high).replace('.', ',')} étaient" in reading
    assert f"({band.right.n} cellules)" in reading and "double codage" not in reading
    other = Cell.objects.get(campaign=site.after, commune_id="44109", service__position=1)
    absent = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).context["reading"]
    assert absent.startswith("Un service non trouvé porte une confiance fixe de 0,50")
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(
        cells=[site.auto_cell, other], auditors=auditors, size=2, seed=5, now=timezone.now()
    )
    for assignment in created:  # the found cell coded 3 twice, the absent one 0 and 1
        coded_0 = assignment.auditor.username.startswith("auditeur")
        level = 3 if assignment.cell_id == site.auto_cell.pk else (0 if coded_0 else 1)
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    body = client.get(url).content.decode()
    assert (
        "le double codage aveugle retrouve le niveau proposé dans 100\u00a0% des cas (2 réponses)"
        in body
    )
    absent = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).context["reading"]
    assert "confirme le niveau 0 dans 50\u00a0% des cas (2 réponses)" in absent


def test_reviewed_cells_are_exported_as_labelled_archived_pages(site, users, tmp_path) -> None:
    import io
    import json

    from django.core.management import call_command

    from barometre.assessments.services.review import assessment_accept, assessment_override

    cell = site.auto_cell  # proposed 3 on an archived page
    assessment_accept(
        cell=cell, user=users["auditeur"], seen=cell.assessment_id, now=timezone.now()
    )
    other = Cell.objects.get(campaign=site.after, commune_id="44109", service__position=1)
    decision = Decision(
        level=2, not_applicable=False, justification="vu", evidence_url="https://ville.test/autre"
    )
    assessment_override(  # a level without an archived page: left out, counted
        cell=other,
        user=users["auditeur"],
        seen=other.assessment_id,
        decision=decision,
        now=timezone.now(),
    )
    moot = Cell.objects.filter(campaign=site.after).exclude(commune_id="44109").first()
    assessment_override(  # "sans objet": no level to label, counted apart
        cell=moot,
        user=users["auditeur"],
        seen=moot.assessment_id,
        decision=Decision(level=None, not_applicable=True, justification="pas de crèche"),
        now=timezone.now(),
    )
    out = tmp_path / "revus.jsonl"
    said = io.StringIO()
    call_command(
        "evidence", "export-reviewed", "--campaign", "apres", "--out", str(out), stdout=said
    )
    assert "1 page archivée (1 cellule décidée)" in said.getvalue()
    assert "faute de page archivée" in said.getvalue()
    tail = "1 cellule décidée ; faute de niveau (« sans objet ») : 1 cellule décidée."
    assert said.getvalue().rstrip().endswith(tail)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    page = records[0]
    assert page["labels"] == {cell.service.slug: 3} and page["proposals"] == page["labels"]
    assert page["url"] == site.record.url and page["exhaustive"] is False
    assert page["html"] and page["record"] == site.record.pk
    assert not (tmp_path / "revus.jsonl.partiel").exists()
    with pytest.raises(Exception, match="Campagne inconnue"):
        call_command("evidence", "export-reviewed", "--campaign", "nulle", "--out", str(out))


def test_a_reviewed_page_whose_archive_is_gone_is_said_in_french(site, users, tmp_path) -> None:
    """A decided page whose WARC file was moved away was left out with « [Errno 2] No such
    file or directory: '…' »: Python's English in the export's warning."""
    import io

    from django.core.management import call_command

    from barometre.assessments.services.review import assessment_accept

    cell = site.auto_cell  # proposed 3 on an archived page
    assessment_accept(
        cell=cell, user=users["auditeur"], seen=cell.assessment_id, now=timezone.now()
    )
    gone = tmp_path / "deplacee.warc.gz"
    type(site.record).objects.filter(pk=site.record.pk).update(warc_file=str(gone))
    said, warned = io.StringIO(), io.StringIO()
    out = tmp_path / "revus.jsonl"
    call_command(
        "evidence",
        "export-reviewed",
        "--campaign",
        "apres",
        "--out",
        str(out),
        stdout=said,
        stderr=warned,
    )
    warning = warned.getvalue()
    assert f"fichier ou dossier introuvable ({gone})" in warning, warning
    assert "Errno" not in warning and "No such file" not in warning
    assert "0 page archivée" in said.getvalue()


def test_a_value_cached_by_an_earlier_version_is_computed_again(site) -> None:
    import sys
    import types

    from django.core.cache import cache

    from barometre.core import statecache

    module = types.ModuleType("barometre_gone")
    sys.modules["barometre_gone"] = module

    class Old:  # a class of an earlier version, pickled in the shared cache
        pass

    Old.__module__, Old.__qualname__ = "barometre_gone", "Old"
    module.Old = Old  # type: ignore[attr-defined]
    cache.set("web:test:stale:fr", Old())  # `statecache.cached` keys values by language too
    del module.Old  # the upgrade moved it: unpickling now fails
    statecache.MEMO.clear()
    try:
        assert statecache.cached("web:test:stale", lambda: "neuf") == "neuf"
        assert cache.get("web:test:stale:fr") == "neuf"
    finally:
        del sys.modules["barometre_gone"]


def test_raising_a_level_0_needs_its_own_evidence(client, site, users) -> None:
    from barometre.assessments.services.review import coding_answer

    absent = absent_cell(site)
    assert absent.level == 0 and absent.assessment.evidence_record_id == site.record.pk
    client.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": absent.pk})
    decision = {"action": "override", "level": "3", "justification": "Formulaire en ligne vu."}
    response = client.post(url, {**decision, "seen": absent.assessment_id, "evidence_url": ""})
    assert response.status_code == 400
    assert "appuyer sur une preuve" in response.content.decode()
    absent.refresh_from_db()
    assert (absent.level, absent.source) == (0, "auto")
    # the page searched without result is no evidence of a level, even named again
    response = client.post(
        url, {**decision, "seen": absent.assessment_id, "evidence_url": site.record.url}
    )
    assert response.status_code == 302
    absent.refresh_from_db()
    assert absent.level == 3 and absent.assessment.evidence_record_id is None
    # blind coders agreeing on a level do not borrow the "not found" evidence either
    other = absent_cell(site, position=2)
    auditors = [users["auditeur"], users["coordinateur"]]
    created = codings_assign(cells=[other], auditors=auditors, size=1, seed=3, now=timezone.now())
    for assignment in created:
        coding_answer(
            assignment=assignment,
            user=assignment.auditor,
            decision=Decision(level=2, not_applicable=False, justification=""),
            now=timezone.now(),
        )
    other.refresh_from_db()
    assert (other.level, other.source) == (0, "auto")
