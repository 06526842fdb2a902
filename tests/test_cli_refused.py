"""Django's commands that lose data or print secrets are refused by the `barometre` console
script, in French, unless the operator sets BAROMETRE_DJANGO_COMMANDS=1."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from barometre.cli import main
from barometre.core.django_commands import REFUSED, masked_settings
from tests.cli import barometre_piped, barometre_run

SECRET_KEY = "production-secret-key-that-must-never-be-printed-0123456789abcdef"
DATABASE_URL = "postgres://barometre:db-pass-w0rd@127.0.0.1:5432/barometre_hops3"


@pytest.mark.parametrize(
    ("argv", "instead"),
    [
        (["flush", "--noinput"], "pg_restore"),
        (["sqlflush"], "docs/deployment.md, «\u00a0Backups\u00a0»"),
        (["loaddata", "rows.json"], "«\u00a0barometre assessments\u00a0»"),
        (["createsuperuser", "--noinput"], "«\u00a0barometre users create\u00a0»"),
        (["changepassword", "coordinateur-demo"], "«\u00a0barometre users password\u00a0»"),
        (["diffsettings"], ".env.example"),
        (["dumpdata", "auth"], "«\u00a0barometre opendata export\u00a0»"),
        (["remove_stale_contenttypes", "--noinput"], "«\u00a0barometre init\u00a0»"),
    ],
)
def test_a_dangerous_django_command_is_refused_in_french(
    argv: list[str],
    instead: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BAROMETRE_DJANGO_COMMANDS", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err, name = captured.err, argv[0]
    assert err.startswith(f"Erreur\u00a0: La commande de Django «\u00a0{name}\u00a0» est refusée")
    assert instead in err and "BAROMETRE_DJANGO_COMMANDS=1" in err, err


def test_every_refused_command_is_django_s_and_named_in_the_full_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from django.core.management import get_commands

    commands = get_commands()
    assert all(not commands[name].startswith("barometre") for name in REFUSED)
    main(["help", "--all"])
    full = " ".join(capsys.readouterr().out.split())
    assert "Refusées sauf si BAROMETRE_DJANGO_COMMANDS=1" in full
    assert all(name in full.split("Refusées", 1)[1] for name in REFUSED)


def test_flush_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """The operator's walk: `barometre flush` emptied every table after an English « yes »
    (none with --noinput). Refused, the accounts are still there."""
    assert barometre_run(tmp_path, "migrate", "-v0").returncode == 0
    created = barometre_run(
        tmp_path,
        "users",
        "create",
        "coordinatrice",
        "--role",
        "coordinateur",
        BAROMETRE_USER_PASSWORD="un-mot-de-passe-assez-long-42",
    )
    assert created.returncode == 0, created.stderr
    flushed = barometre_run(tmp_path, "flush", "--noinput")
    assert flushed.returncode == 2 and "est refusée" in flushed.stderr, flushed.stderr
    listed = barometre_run(tmp_path, "users", "list")
    assert "coordinatrice" in listed.stdout, listed.stdout + listed.stderr


def test_the_switch_lets_a_command_run(tmp_path: Path) -> None:
    """BAROMETRE_DJANGO_COMMANDS=1: the operator takes the command for what it is."""
    run = barometre_run(tmp_path, "sqlflush", BAROMETRE_DJANGO_COMMANDS="1")
    assert run.returncode == 0, run.stderr
    assert "No tables found" in run.stderr and "Erreur" not in run.stderr  # Django's, empty home


@pytest.mark.parametrize("output", ["hash", "unified"])
def test_allowed_diffsettings_masks_the_secrets(tmp_path: Path, output: str) -> None:
    run = barometre_run(
        tmp_path,
        "diffsettings",
        "--all",
        "--output",
        output,
        BAROMETRE_DJANGO_COMMANDS="1",
        BAROMETRE_SECRET_KEY=SECRET_KEY,
        DATABASE_URL=DATABASE_URL,
    )
    assert run.returncode == 0, run.stderr
    assert SECRET_KEY not in run.stdout and "db-pass-w0rd" not in run.stdout
    assert "SECRET_KEY = '********'" in run.stdout
    assert "'USER': 'barometre', 'PASSWORD': '********'" in run.stdout
    assert "PASSWORD_RESET_TIMEOUT = 259200" in run.stdout  # not a secret: shown


def test_masking_reaches_urls_and_nested_secrets() -> None:
    text = "\n".join(
        [
            "CELERY_BROKER_URL = 'redis://:r3d1s-pass@10.0.0.5:6379/0'  ###",
            "OTHER = {'default': {'LOCATION': 'rediss://user:pw@h:6380/1', 'TOKEN': 'abc'}}",
            "### SECRET_KEY_FALLBACKS = []",
            "+ EMAIL_HOST_PASSWORD = 'mail-pass'",
            "- SECRET_KEY = ''",
            "LANGUAGE_CODE = 'fr'",
        ]
    )
    assert masked_settings(text).split("\n") == [
        "CELERY_BROKER_URL = 'redis://:********@10.0.0.5:6379/0'  ###",
        "OTHER = {'default': {'LOCATION': 'rediss://user:********@h:6380/1', 'TOKEN': '********'}}",
        "### SECRET_KEY_FALLBACKS = []",
        "+ EMAIL_HOST_PASSWORD = '********'",
        "- SECRET_KEY = ''",
        "LANGUAGE_CODE = 'fr'",
    ]


def _joined(text: str) -> str:
    """The text with argparse's line breaks undone (its no-break spaces kept)."""
    return re.sub(r"[ \n]+", " ", text)


AUDIT = ["audit", "--campaign", "essai"]


@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        ([*AUDIT, "--communes", "1", "2"], "«\u00a0--communes 1,2\u00a0»"),
        ([*AUDIT, "--communes", "75056,", "2A004"], "«\u00a0--communes 75056,2A004\u00a0»"),
        (
            [*AUDIT, "--communes=75056", "69123", "13055"],
            "«\u00a0--communes 75056,69123,13055\u00a0»",
        ),
        (
            ["campaign", "create", "2026", "--communes", "75056", "69123"],
            "«\u00a0--communes 75056,69123\u00a0»",
        ),
        (
            ["campaign", "create", "--communes", "75056", "69123", "2026"],
            "«\u00a0--communes 75056,69123\u00a0»",
        ),
        (
            ["campaign", "create", "--communes", "75056", "69123"],
            "«\u00a0--communes 75056,69123\u00a0»",
        ),
        (
            ["campaign", "create", "2026", "--communes", "75056", "1004"],
            "«\u00a0--communes 75056,1004\u00a0»",
        ),
    ],
)
def test_codes_separated_by_spaces_are_refused_with_the_form_to_type(
    argv: list[str], typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An analyst separates INSEE codes by spaces: `audit --communes 1 2` answered « choix
    invalide : '2' (choix possibles : 'status') », `campaign create --communes 75056 69123`
    created a campaign named « 69123 » for Paris alone. Refused before anything runs, with the
    line to type, made of the user's codes."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert "prend les codes en un seul argument, séparés par des virgules sans espace" in err
    assert typed in err, err


@pytest.mark.parametrize("command", [AUDIT, ["campaign", "create", "2026"]])
def test_a_list_option_given_twice_is_refused(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`--communes 75056 --communes 69123` kept the last code only, silently."""
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--communes", "75056", "--communes", "69123"])
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert "--communes ne se donne qu'une fois (ici 2 fois" in err
    assert "«\u00a0--communes 75056,69123\u00a0»" in err, err


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026", "«\u00a0barometre audit --campaign 2026\u00a0»"),
        ("75056", "«\u00a0--communes 75056\u00a0»"),
    ],
)
def test_audit_says_where_a_campaign_or_codes_go(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`barometre audit 2026` answered « choix invalide : '2026' (choix possibles : 'status') »."""
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", *(["--campaign", "x"] if typed == "75056" else []), typed])
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert f"«\u00a0{typed}\u00a0» n'est pas une action" in err and meant in err, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["campaign", "lst"],
            "action inconnue «\u00a0lst\u00a0»\u00a0; vouliez-vous dire «\u00a0list\u00a0»\u00a0?",
        ),
        (["assessments", "imprt", "x.csv"], "vouliez-vous dire «\u00a0import\u00a0»\u00a0?"),
        (
            ["campaign", "xyz"],
            "action inconnue «\u00a0xyz\u00a0». Actions\u00a0: create, set-date,",
        ),
    ],
)
def test_a_mistyped_action_names_the_one_meant(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`barometre campaign lst` answered « choix invalide : 'lst' (choix possibles : …) »,
    while a mistyped command is told the command meant."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert said in err, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["survey", "questionnaire", "x.yaml"],
            "«\u00a0x.yaml\u00a0» n'est pas une action (la seule est «\u00a0load\u00a0»)"
            "\u00a0; l'action se donne avant le reste, par exemple "
            "«\u00a0barometre survey questionnaire load x.yaml\u00a0»",
        ),
        (
            ["survey", "campaign", "lyon-2026"],
            "«\u00a0lyon-2026\u00a0» n'est pas une action (actions\u00a0: create, open, close)"
            "\u00a0; l'action se donne avant le reste, par exemple "
            "«\u00a0barometre survey campaign create lyon-2026\u00a0»",
        ),
        (
            ["survey", "questionnaire", "lod", "x.yaml"],
            "action inconnue «\u00a0lod\u00a0»\u00a0; vouliez-vous dire «\u00a0load\u00a0»\u00a0?",
        ),
    ],
)
def test_a_forgotten_action_word_says_the_actions_and_the_line_to_type(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`barometre survey questionnaire x.yaml` (load forgotten) answered argparse's « choix
    invalide : 'x.yaml' (choix possibles : 'load') »."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert said in err and "choix invalide" not in err, err


def test_quickstart_without_serving_refuses_a_port_no_server_can_take(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`quickstart --no-serve --port 99999` did all its work, then printed links to
    http://127.0.0.1:99999/; the port is refused first, as `serve` refuses it."""
    with pytest.raises(SystemExit) as exit_info:
        main(["quickstart", "--no-serve", "--port", "99999"])
    assert exit_info.value.code == 2
    assert "nombre entier de 1 à 65535 attendu" in _joined(capsys.readouterr().err)


@pytest.mark.parametrize("action", ["import", "export"])
def test_files_after_a_command_s_one_file_are_refused_as_such(
    action: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`assessments import grilles/*.csv` answered « arguments non reconnus : grilles/b.csv »;
    so does `websites export`, whose FICHIER is written."""
    files = [tmp_path / name for name in ("a.csv", "b.csv", "c.csv")]
    for path in files:
        path.write_text("commune_code,url\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["websites", action, *map(str, files)])
    assert exit_info.value.code == 2
    err = _joined(capsys.readouterr().err)
    assert f"un seul fichier par commande\u00a0: «\u00a0{files[1]}\u00a0» et 1 autre en trop" in err
    assert "lancez la commande une fois par fichier" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["report", "--campaign", "2025", "--campaign", "2026", "--out", "r.json"],
            "--campaign ne se donne qu'une fois\u00a0: «\u00a02025\u00a0» puis «\u00a02026\u00a0»",
        ),
        (  # an action's option, after the action
            ["survey", "report", "--campaign", "a", "--out", "x.html", "--out", "y.html"],
            "--out ne se donne qu'une fois\u00a0: «\u00a0x.html\u00a0» puis «\u00a0y.html\u00a0»",
        ),
    ],
)
def test_an_option_of_one_value_given_twice_is_refused(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse kept the last value silently: `--campaign 2025 … --campaign 2026` reported on
    2026, `--out x.html --out y.html` wrote y.html only."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert said in _joined(capsys.readouterr().err)


def test_an_option_given_twice_with_the_same_value_is_taken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same value twice (a line edited by hand, a script's defaults) changes nothing."""
    with pytest.raises(SystemExit) as exit_info:
        main(["services", "list", "-v", "0", "-v", "0", "--help"])
    assert exit_info.value.code == 0
    assert "ne se donne qu'une fois" not in capsys.readouterr().err


def test_input_dash_is_the_standard_input_for_the_json_lines_commands(tmp_path: Path) -> None:
    """`programmes classify --input -` answered « fichier d'extraits introuvable : - », while
    `websites export -` and `report --out -` take « - » as the standard output; both commands
    that read JSON Lines read the standard input for « - »."""
    excerpt = '{"id": "a", "text": "Un portail pour les démarches en ligne."}\n'.encode()
    out = tmp_path / "extraits.jsonl"
    done = barometre_piped(
        tmp_path, excerpt, "programmes", "classify", "--input", "-", "--output", str(out)
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(out.read_text(encoding="utf-8"))["themes"] == ["e_administration"]
    empty = barometre_piped(
        tmp_path, b"", "programmes", "classify", "--input", "-", "--output", str(out)
    )
    assert "sans aucun extrait\u00a0: l'entrée standard" in empty.stderr.decode()
    page = b'{"id": "p", "url": "https://www.a.fr/", "text": "Rendez-vous en ligne"}\n'
    pages = tmp_path / "pages.jsonl"
    done = barometre_piped(tmp_path, page, "classify", "--input", "-", "--output", str(pages))
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(pages.read_text(encoding="utf-8"))["id"] == "p"


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["websites", "import", "-"], "FICHIER -"),
        (["assessments", "import", "-", "--campaign", "x"], "FICHIER -"),
        (["programmes", "import", "--manifest", "-"], "--manifest -"),
        (["programmes", "import", "-", "--commune", "75056"], "FICHIER -"),
    ],
)
def test_input_dash_is_refused_clearly_where_the_standard_input_is_not_read(
    argv: list[str], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`websites import -` answered « Fichier illisible : - (fichier introuvable) »."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 1
    err = _joined(capsys.readouterr().err)
    assert f"{flag} (l'entrée standard) n'est pas pris en charge par cette commande" in err, err
    assert "introuvable" not in err


def _with_actions(parser: argparse.ArgumentParser, path: list[str]) -> list[list[str]]:
    """The command lines (without `barometre`) of every parser that takes a required action:
    a group of subcommands (`campaign`) or an action word (`survey questionnaire`)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if action.required:
                found.append(path)
            for name, sub in action.choices.items():
                found += _with_actions(sub, [*path, name])
        elif not action.option_strings and action.metavar == "ACTION" and action.choices:
            found.append(path)
    return found


def test_every_command_without_its_action_says_the_actions_and_the_line_to_type(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`barometre survey questionnaire` alone answered argparse's « arguments obligatoires
    manquants : ACTION, FICHIER », under a usage line that named no action."""
    from django.core.management import get_commands, load_command_class

    lines = [
        line
        for name, app in sorted(get_commands().items())
        if app.startswith("barometre")
        for line in _with_actions(
            load_command_class(app, name).create_parser("barometre", name), [name]
        )
    ]
    assert ["survey", "questionnaire"] in lines and ["campaign"] in lines, lines
    for line in lines:
        with pytest.raises(SystemExit) as exit_info:
            main(line)
        assert exit_info.value.code == 2
        err = _joined(capsys.readouterr().err)
        assert "action manquante" in err and "obligatoires manquants" not in err, err
        assert f"par exemple «\u00a0barometre {' '.join(line)} " in err, err
