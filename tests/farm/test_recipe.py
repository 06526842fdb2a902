"""The farm recipe of docs/crawler.md runs as written (ports and folders made private)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.models import SiteAudit

DOCS = Path(__file__).resolve().parents[2] / "docs" / "crawler.md"


def recipe() -> list[str]:
    section = DOCS.read_text(encoding="utf-8").split("## Farm mode", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# a polite crawl of 5 farm sites (about 80 s): the audit's storage is tested on both engines
# elsewhere (tests/collection), so the recipe runs once (`make test`: in the PostgreSQL pass,
# which is shorter without it)
@pytest.mark.engine_independent(run_in="postgres")
@pytest.mark.django_db
def test_the_farm_recipe_runs_as_written(tmp_path: Path, settings: object) -> None:
    settings.WARC_ROOT = tmp_path / "warc"  # type: ignore[attr-defined]
    port = str(free_port())
    lines = [
        line.replace("8800", port).replace("/tmp/ferme", str(tmp_path / "ferme"))
        for line in recipe()
    ]
    assert lines[0].startswith("export BAROMETRE_HOME=")  # the test has its own data folder
    # and its own database: with DATABASE_URL set (an operator's production environment) the
    # farm's sites became the primary websites of real communes in the observatory's database
    assert lines[1] == "unset DATABASE_URL"
    farm: subprocess.Popen[str] | None = None
    out = StringIO()
    try:
        for line in lines[2:]:
            words = shlex.split(line.rstrip("&"))
            if words[:3] == ["python", "-m", "barometre.farm"]:
                farm = subprocess.Popen(
                    [sys.executable, *words[1:], "--duration", "300"],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                assert farm.stdout is not None
                assert farm.stdout.readline().strip() == f"port {port}"
            else:
                assert words[0] == "barometre"
                call_command(*words[1:], stdout=out)
    finally:
        if farm is not None:
            farm.terminate()
            farm.communicate()
    text = out.getvalue()
    assert "5 sites audités, 0 en échec" in text, text
    audits = SiteAudit.objects.filter(campaign__name="essai")
    assert audits.count() == 5 and not audits.exclude(status="done").exists()
    truth = (tmp_path / "ferme" / "truth.csv").read_text(encoding="utf-8")
    assert all(code in truth for code in audits.values_list("commune_id", flat=True))
