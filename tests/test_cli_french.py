"""The CLI speaks French throughout, argparse's and Django's own strings included."""

from __future__ import annotations

import argparse

import pytest
from django.core.management import get_commands, load_command_class

from barometre.cli import APPS, GROUPS, command_files, main, own_commands
from barometre.core.plural import counted

ENGLISH = (
    "usage:",
    "positional arguments",
    "show this help message and exit",
    "Verbosity level",
    "Display a full stack trace",
    "Skip system checks",
    "the following arguments are required",
    "invalid choice",
)


def _helps(parser: argparse.ArgumentParser) -> list[str]:
    texts = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                texts += _helps(sub)
    return texts


@pytest.mark.parametrize("name", sorted(command_files()))
def test_every_help_is_french(name: str) -> None:
    command = load_command_class(get_commands()[name], name)
    for text in _helps(command.create_parser("barometre", name)):
        assert "usage : " in text
        assert not [e for e in ENGLISH if e in text], text
        # the section headings (« options : », « arguments positionnels : », « actions : »)
        headings = [line for line in text.splitlines() if line.endswith(":") and line[:1] != " "]
        assert headings and all(line.endswith("\u00a0:") for line in headings), headings


@pytest.mark.parametrize("name", sorted(command_files()))
def test_an_actions_help_says_what_it_does(name: str) -> None:
    """`barometre survey report --help` gave the usage and the options, not what the action
    does (24 of 34 actions): each action's help now opens with the line its group lists."""
    command = load_command_class(get_commands()[name], name)
    for text in _helps(command.create_parser("barometre", name))[1:]:
        said = text.split("\n\n")[1]  # after the usage
        assert not said.startswith(("options\u00a0:", "arguments positionnels")), text


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _options(sub)
        else:
            found.append(action)
    return found


@pytest.mark.parametrize("name", sorted(command_files()))
def test_an_options_help_says_its_default(name: str) -> None:
    """`barometre worker --help` gave « --window N  Sites explorés en même temps », silent on
    what the robot does without it (0: the launch's value), and `assessments import --author`
    never said that its values are recorded as « import »: an option that has a value when it
    is not given says which."""
    command = load_command_class(get_commands()[name], name)
    silent = [
        (action.option_strings, action.default)
        for action in _options(command.create_parser("barometre", name))
        if action.default not in (None, False, argparse.SUPPRESS, [])
        and action.dest not in {"verbosity", "help"}
        and "défaut" not in (action.help or "")
        and str(action.default) not in (action.help or "")
    ]
    assert not silent, silent


def test_argparse_errors_are_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["campaign", "show"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "barometre campaign show : erreur : arguments obligatoires manquants : NOM" in err
    with pytest.raises(SystemExit):
        main(["report", "--campaign", "x", "--format", "pdf", "--out", "x"])
    assert (
        "choix invalide : «\u00a0pdf\u00a0» (choix possibles : «\u00a0html\u00a0»"
        in capsys.readouterr().err
    )


def test_argparse_quotes_what_was_typed_in_guillemets(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse quoted values as Python does ('abc', 'pdf'), the rest of the French messages in
    « » with no-break spaces: a value typed, a choice, a value given to an option that takes
    none, now in « »; a number among choices as it is; a character that prints nothing made
    visible."""
    from barometre.core.argparse_fr import argparse_install, french

    argparse_install()
    parser = argparse.ArgumentParser(prog="barometre")
    parser.add_argument("--format", choices=["html", "pdf"])
    parser.add_argument("-v", type=int, choices=[0, 1])
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--when", type=lambda text: int(text, 16))
    for argv, said in [
        (
            ["--format", "a\nb"],
            "choix invalide\u00a0: «\u00a0a\\nb\u00a0» (choix possibles\u00a0: "
            "«\u00a0html\u00a0», «\u00a0pdf\u00a0»)",
        ),
        (["-v", "7"], "choix invalide\u00a0: 7 (choix possibles\u00a0: 0, 1)"),
        (["--force=oui"], "valeur «\u00a0oui\u00a0» ignorée\u00a0: cette option n'en prend pas"),
        (["--when", "z"], "valeur invalide\u00a0: «\u00a0z\u00a0» (<lambda> attendu)"),
    ]:
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
        assert said in capsys.readouterr().err
    unknown = french("unknown parser %(parser_name)r (choices: %(choices)s)")
    assert unknown % {"parser_name": "lst", "choices": "list, show"} == (
        "action inconnue «\u00a0lst\u00a0» (choix possibles\u00a0: list, show)"
    )


def test_unknown_command_is_a_french_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["campain", "list"])
    assert exit_info.value.code == 2
    assert "Commande inconnue « campain ». Vouliez-vous dire « campaign » ?" in (
        capsys.readouterr().err
    )


def test_overview_lists_commands_without_importing_them(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    out = capsys.readouterr().out
    assert "Mise en place\u00a0:" in out and "campaign     Crée, liste, décrit" in out
    assert own_commands()["report"].startswith("Écrit le rapport d'une campagne")


def _printed(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["help"], ["--help"], ["-h"], ["help", "--all"]])
def test_help_lists_barometre_s_commands_in_french_by_group(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`barometre help --all` printed Django's English list (« Available subcommands: »,
    [auth], [django]… first); every help lists barometre's commands grouped, in French, one
    line each taken from the command's help, and says how to get one command's help."""
    out = _printed(capsys, *argv)
    assert "Available subcommands" not in out and "Type 'barometre help" not in out
    lines = out.splitlines()
    titles = [line for line in lines if line.endswith("\u00a0:") and not line.startswith(" ")]
    assert titles[:3] == ["Mise en place\u00a0:", "Mesure des sites\u00a0:", "Publication\u00a0:"]
    for name, purpose in own_commands().items():
        assert [line for line in lines if line.split()[:1] == [name]] == [
            f"  {name.ljust(11)}  {purpose}"
        ]
    assert "Aide d'une commande\u00a0: «\u00a0barometre COMMANDE --help\u00a0»" in out
    assert max(map(len, lines)) <= 100


def test_django_s_commands_come_after_barometre_s_and_stay_reachable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    short = _printed(capsys, "--help")
    assert "createsuperuser" not in short
    assert "Django (migrate, shell…)\u00a0: «\u00a0barometre help --all\u00a0»." in short
    full = _printed(capsys, "help", "--all")
    django = full.index("Commandes d'administration de Django et de ses bibliothèques")
    assert full.index("quickstart") < django < full.index("createsuperuser")
    assert "migrate, optimizemigration" in full[django:]
    assert full.rstrip().endswith("«\u00a0barometre help migrate\u00a0».")
    assert "report" not in full[django:] and "[django]" not in full


def test_every_command_has_its_group() -> None:
    grouped = [name for names in GROUPS.values() for name in names]
    assert sorted(grouped) == sorted(own_commands())


def test_cli_apps_are_the_installed_barometre_apps() -> None:
    from django.conf import settings

    assert tuple(a for a in settings.INSTALLED_APPS if a.startswith("barometre")) == APPS


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0 commune"), (1, "1 commune"), (2, "2 communes"), (35_000, "35\u00a0000 communes")],
)
def test_plural_agreement(n: int, text: str) -> None:
    assert counted(n, "commune", "communes") == text


def test_import_help_describes_formats_and_the_evidence_rule() -> None:
    command = load_command_class(get_commands()["assessments"], "assessments")
    text = "\n".join(_helps(command.create_parser("barometre", "assessments")))
    assert "forme longue" in text and "forme large" in text
    assert "commune_code,service_id,level,evidence_url,note" in text
    assert "à partir du niveau 1, evidence_url est obligatoire" in text
    assert "http:// ou https://" in text


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`barometre campaign list | head -1`: the pipe is closed when the command writes; it stops
    without a traceback (exit 141, as a shell reports a command cut by its pipe)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "barometre"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, capture_output=True)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line
    try:
        run = subprocess.run(
            [*cli, "campaign", "list"],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)
    errors = run.stderr.decode()
    assert run.returncode == 141, errors
    assert "Traceback" not in errors and "BrokenPipeError" not in errors


def _help_texts(parser: argparse.ArgumentParser) -> list[tuple[str, str, str | None]]:
    """(where, kind, text) of every help of `parser` and its subparsers: "description" for a
    command's, "help" for an option's, an argument's or an action's line in a list."""
    texts: list[tuple[str, str, str | None]] = []
    if parser.description is not None:
        texts.append((parser.prog, "description", parser.description))
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            texts += [(f"{parser.prog} {a.dest}", "help", a.help) for a in action._choices_actions]
            for sub in dict.fromkeys(action.choices.values()):
                texts += _help_texts(sub)
        else:
            where = f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
            texts.append((where, "help", action.help))
    return texts


@pytest.mark.parametrize("name", sorted(command_files()))
def test_every_help_follows_one_convention(name: str) -> None:
    """One convention for every help a user reads, argparse's own included: a capital first
    letter; no final period on the lines of a list (options, arguments, actions), as in
    « Afficher cette aide et quitter »; a final period on a command's description, a sentence
    of its own. A help that starts with a sign (« status », --communes, {…}) has no letter to
    capitalise."""
    command = load_command_class(get_commands()[name], name)
    wrong = []
    for where, kind, text in _help_texts(command.create_parser("barometre", name)):
        if not text or not text.strip():
            wrong.append(f"{where}: no help")
            continue
        text = text.strip()
        if text[0].isalpha() and not text[0].isupper():
            wrong.append(f"{where}: starts with a small letter: {text[:40]!r}")
        if kind == "help" and text.endswith(".") and not text.endswith("..."):
            wrong.append(f"{where}: ends with a period: {text[-40:]!r}")
        if kind == "description" and not text.endswith("."):
            wrong.append(f"{where}: a description ends with a period: {text[-40:]!r}")
    assert not wrong, "\n".join(wrong)


def _placeholder_missing(action: argparse.Action) -> bool:
    """An option or argument shown with a value but no placeholder of its own, nor choices."""
    shown = action.help != argparse.SUPPRESS and action.nargs != 0
    return shown and action.metavar is None and action.choices is None


@pytest.mark.parametrize("name", sorted(command_files()))
def test_every_value_has_a_french_placeholder(name: str) -> None:
    """No placeholder argparse derives from an English option name (« --max-rows MAX_ROWS »,
    « PASSWORD_FILE »): each option that takes a value shows a French one, or its choices; the
    actions of a command are listed under « actions » as ACTION."""
    command = load_command_class(get_commands()[name], name)
    wrong = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                group = next(g for g in parser._action_groups if action in g._group_actions)
                if action.metavar != "ACTION" or group.title != "actions":
                    wrong.append(f"{parser.prog}: actions {action.metavar} in {group.title}")
                for sub in dict.fromkeys(action.choices.values()):
                    walk(sub)
            elif _placeholder_missing(action):
                wrong.append(f"{parser.prog} {action.dest}")

    walk(command.create_parser("barometre", name))
    assert not wrong, wrong


def test_an_error_message_starts_with_a_capital(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """Messages written to follow a colon elsewhere (« refusé : fichier introuvable ») were
    printed « Erreur : fichier d'extraits introuvable » by some commands, « Erreur : Campagne
    inconnue » by others."""
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "programmes",
                "classify",
                "--input",
                str(tmp_path / "absent.jsonl"),
                "--output",
                str(tmp_path / "out.jsonl"),
            ]
        )
    assert exit_info.value.code == 1
    assert "Erreur\u00a0: Fichier d'extraits introuvable" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["help", "nope"], "Erreur\u00a0: Commande inconnue «\u00a0nope\u00a0»."),
        (["help", "campain"], "Vouliez-vous dire «\u00a0campaign\u00a0»\u00a0?"),
        (["-x", "campaign", "list"], "Erreur\u00a0: Option inconnue «\u00a0-x\u00a0» avant"),
        (["--home"], "Erreur\u00a0: --home attend un dossier"),
        (["--home="], "Erreur\u00a0: --home attend un dossier"),
    ],
)
def test_a_bad_command_line_is_refused_in_french(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django's own answers leaked in English: « Unknown command: 'nope' », « Type 'barometre
    help' for usage. », and « --home » alone was taken for a command."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "Unknown" not in err and "Type '" not in err, err


def test_version_is_barometre_s(capsys: pytest.CaptureFixture[str]) -> None:
    """`barometre --version` printed Django's version (5.2.x) as if it were barometre's."""
    from barometre import __version__
    from barometre.collection.version import collection_version
    from barometre.detection.version import detector_version

    main(["--version"])
    said = capsys.readouterr().out
    # the collection code's fingerprint too: a distributed run requires both of every worker
    assert said == (
        f"barometre {__version__} (détecteur {detector_version()}, "
        f"collecte {collection_version()})\n"
    )
    assert detector_version().startswith(f"{__version__}+")


@pytest.mark.parametrize("name", ["campaign", "assessments", "survey"])
def test_verbosity_and_traceback_are_taken_after_the_action(name: str) -> None:
    """`barometre campaign show 2026 -v 2` was refused (« arguments non reconnus : -v 2 »):
    -v and --traceback were understood before the action only."""
    command = load_command_class(get_commands()[name], name)
    action = {"campaign": ["list"], "assessments": ["export", "--campaign", "c", "--out", "x"]}
    argv = action.get(name, ["report", "--campaign", "c", "--out", "x"])
    parser = command.create_parser("barometre", name)
    after = parser.parse_args([*argv, "-v", "2", "--traceback"])
    assert (after.verbosity, after.traceback) == (2, True)
    before = parser.parse_args(["-v", "0", *argv])  # not reset by the action
    assert (before.verbosity, before.traceback) == (0, False)
    assert parser.parse_args(argv).verbosity == 1


@pytest.mark.django_db
@pytest.mark.parametrize("argv", [["worker"], ["audit", "status"]])
def test_an_unknown_campaign_is_said_as_everywhere_else(argv: list[str]) -> None:
    """`worker` and `audit status` said the campaign was not found, where the other commands
    also list the existing campaigns, which helps with a typo."""
    from django.core.management import call_command

    from barometre.core.errors import BarometreError
    from tests.factories import CampaignFactory

    CampaignFactory(name="2026")
    with pytest.raises(BarometreError, match="Campagnes existantes\u00a0: 2026"):
        call_command(*argv, "--campaign", "2062")


def test_ctrl_c_stops_with_a_french_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C during a long command printed the trace of wherever Python was."""
    import barometre.cli

    def interrupted(args: list[str]) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(barometre.cli, "_execute", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        main(["campaign", "list"])
    assert exit_info.value.code == 130
    err = capsys.readouterr().err
    assert "Interrompu (Ctrl+C)\u00a0: la commande s'est arrêtée avant la fin." in err
    assert "Traceback" not in err
    with pytest.raises(KeyboardInterrupt):  # asked for
        main(["campaign", "list", "--traceback"])


def test_one_placeholder_per_kind_of_value() -> None:
    """A campaign was --campaign NOM in some commands and --campaign CAMPAGNE in others; the
    head of a list (a person) was --head N."""
    shown: dict[str, set[str]] = {}

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    walk(sub)
            for option in action.option_strings:
                shown.setdefault(option, set()).add(str(action.metavar))

    for name in command_files():
        walk(load_command_class(get_commands()[name], name).create_parser("barometre", name))
    assert shown["--campaign"] == shown["--campaign-before"] == {"CAMPAGNE"}
    assert shown["--head"] == {"NOM"}


def _on_a_terminal(args: list[str], home: str) -> str:
    """What `barometre ARGS` writes on a terminal (a pseudo-terminal), escapes included."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "BAROMETRE_HOME": home, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    run = subprocess.Popen(
        [sys.executable, "-m", "barometre", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command ended and closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    run.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_only_errors_are_red_on_a_terminal(tmp_path) -> None:
    """Django drew every line written to stderr in red on a terminal: the timing line, the
    workers' progress and « Reprise » lines read as errors. Only « Erreur : » is red now."""
    pages = tmp_path / "pages.jsonl"
    pages.write_text('{"id": "p1", "url": "https://x.test/", "html": "<p>Bonjour</p>"}\n')
    home = str(tmp_path / "home")
    timed = _on_a_terminal(
        ["classify", "--input", str(pages), "--output", str(tmp_path / "out.jsonl"), "-v", "2"],
        home,
    )
    timing = [line for line in timed.splitlines() if line.rstrip("\r").endswith(" s)")]
    assert timing and "\x1b[" not in timing[0], repr(timed)
    failed = _on_a_terminal(
        ["classify", "--input", str(tmp_path / "absent.jsonl"), "--output", str(pages)], home
    )
    error = next(line for line in failed.splitlines() if "Erreur" in line)
    assert error.startswith("\x1b[31"), repr(failed)


def _actions(name: str) -> list[str]:
    """The actions of a command group (`barometre services` → ["list"]); [] for a command."""
    parser = load_command_class(get_commands()[name], name).create_parser("barometre", name)
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [choice for group in groups if group.required for choice in group.choices]


def test_a_group_without_its_action_shows_its_actions_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`barometre services` answered « arguments obligatoires manquants : ACTION » under a usage
    line naming no action: which actions there were, the user had to ask --help."""
    groups = {name: actions for name in command_files() if (actions := _actions(name))}
    assert {"services", "campaign", "assessments", "users", "programmes"} <= set(groups)
    for name, actions in groups.items():
        with pytest.raises(SystemExit) as exit_info:
            main([name])
        said = capsys.readouterr()
        assert exit_info.value.code == 2, name
        assert said.err.startswith(f"usage\u00a0: barometre {name} "), said.err
        assert "actions\u00a0:" in said.err and "Traceback" not in said.err
        listed = [line.split()[0] for line in said.err.splitlines() if line.startswith("  ")]
        assert set(actions) <= set(listed), (name, listed)
        assert (
            f"barometre {name}\u00a0: erreur\u00a0: action manquante\u00a0: donnez l'une des "
            f"actions ci-dessus, par exemple «\u00a0barometre {name} {actions[0]}\u00a0»"
        ) in said.err, said.err
        assert "arguments obligatoires manquants" not in said.err and not said.out
