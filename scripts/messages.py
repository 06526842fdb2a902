"""Extract the interface's French strings into the English catalogue, then compile it.

    python scripts/messages.py [--package DIR] [--no-compile]

Django's makemessages (gettext's xgettext and msgmerge), with one more keyword: the nouns
barometre counts with, listed in `barometre.web.nouns` as `nouns("nombre", "cellule",
"cellules")`, become plural messages in the context « nombre ». DIR (default: this checkout's
src/barometre) is the package whose strings are read and whose `locale/` is written:
tests/test_catalogue.py runs this on a copy to check that the catalogue is up to date. Run by
`make messages`; new messages arrive untranslated (msgmerge may mark a near match fuzzy), to be
translated in src/barometre/locale/en/LC_MESSAGES/django.po before the catalogue test passes.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "barometre"
LANGUAGES = ["en"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, default=PACKAGE)
    parser.add_argument("--no-compile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.commands import makemessages

    django.setup()

    class Extract(makemessages.Command):
        xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=nouns:1c,2,3"]

    package = args.package.resolve()
    settings.LOCALE_PATHS = [str(package / "locale")]
    os.chdir(package)
    call_command(
        Extract(),
        locale=LANGUAGES,
        verbosity=1,
        no_obsolete=True,
        add_location="file",
        ignore_patterns=["migrations/*"],
    )
    if not args.no_compile:
        call_command("compilemessages", locale=LANGUAGES, verbosity=1)


if __name__ == "__main__":
    main()
