"""Invariants of the project: migrations present, commands documented, settings listed."""

import re
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.mark.django_db
def test_every_model_change_has_its_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_cli_reference_is_current() -> None:
    from cli_reference import reference

    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(), "run: python scripts/cli_reference.py > docs/cli.md"


def test_every_barometre_command_has_a_french_one_line_purpose() -> None:
    from barometre.cli import own_commands

    commands = own_commands()
    assert {"init", "campaign", "websites", "assessments"} <= set(commands)
    for name, purpose in commands.items():
        assert purpose and purpose.endswith("."), name


def test_every_environment_variable_is_in_env_example() -> None:
    used = set()
    for path in (ROOT / "src" / "barometre").rglob("*.py"):
        used |= set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", path.read_text("utf-8")))
        used |= set(re.findall(r"os\.environ\[\"([A-Z_]+)\"\]", path.read_text("utf-8")))
        # the settings' readers (barometre.core.environment): env_int("NAME", …) and the like
        used |= set(re.findall(r"\benv_[a-z]+\(\s*\"([A-Z_]+)\"", path.read_text("utf-8")))
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text("utf-8"), re.M))
    assert used - {"DJANGO_SETTINGS_MODULE"} <= listed, sorted(used - listed)


def test_the_deployment_guide_says_what_to_back_up_and_how_to_upgrade() -> None:
    """The database and the WARC folder hold what no command makes again; every `barometre`
    command the backup and upgrade steps give exists."""
    from django.core.management import get_commands

    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    backups = guide.split("\n## Backups\n", 1)[1].split("\n## Capacity\n", 1)[0]
    assert "## Upgrading" in backups
    for named in ("pg_dump", "pg_restore", "BAROMETRE_WARC_ROOT", "barometre init"):
        assert named in backups, named
    typed = set(re.findall(r"^barometre ([a-z]+)", backups, re.M))
    assert typed and typed <= set(get_commands()), typed - set(get_commands())


_CONFLICT = re.compile(r"^(?:<{7}|>{7}) ", re.MULTILINE)


def test_no_file_holds_a_merge_conflict_s_markers() -> None:
    """A merge once committed a template with both sides of its conflict between the markers:
    the page drew two rows of figures and scrolled sideways on a phone, and only a browser test
    saw it, as a layout fault. Every text file of the project is read for the markers."""
    suffixes = {".py", ".html", ".css", ".js", ".md", ".po", ".yaml", ".yml", ".toml", ".txt"}
    folders = ("src", "tests", "docs", "bench", "scripts")
    files = [p for f in folders for p in (ROOT / f).rglob("*") if p.suffix in suffixes]
    found = [
        str(p.relative_to(ROOT))
        for p in files
        if p.is_file() and _CONFLICT.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert len(files) > 500 and found == []
