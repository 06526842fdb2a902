"""Mutation fuzzing of barometre's file inputs, through the command line, in one process.

    python scripts/fuzz/fuzz_inputs.py OUT SECONDS [TARGET ...]

Builds the demonstration in a temporary BAROMETRE_HOME (`quickstart --no-serve`, SQLite, no
network), exports seeds from it, then feeds each command a valid seed with 1 to 6 random
changes (bytes flipped; control characters, marks, unicode digits, huge numbers inserted; lines
repeated or shuffled; the file cut; its encoding changed; separators added) until SECONDS have
passed. A crash is any exception but SystemExit, or a "Traceback" on stderr: its input goes to
OUT/crash-<target>-<n>.<ext>, its trace beside it, one per distinct trace. SEED=N in the
environment picks the random sequence. Targets: the names of `seeds()` (all by default).
A refused input is the expected outcome; the database of the temporary home is thrown away.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import barometre
from barometre.cli import main

# Set by _setup(), in the main process only: the programme readers' worker processes import
# this module again, and must not make homes or folders of their own.
OUT = WORK = Path()
BUDGET = 0.0
ONLY: set[str] = set()
SRC = Path(barometre.__file__).parent
Target = tuple[str, list[bytes], Callable[[Path], list[str]]]

SPECIAL = [
    "\x00",
    "\ufeff",
    "\u00a0",
    "\u202e",
    "\ud800",
    "é",
    "²",
    "٣",
    "1e999",
    "-0",
    "NaN",
    "\r",
    "\n",
    "\t",
    ",",
    ";",
    '"',
    "'",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "9" * 400,
    "\u2028",
    "𝟚",
    "ﬁ",
    "<",
    ">",
    "&",
    "%s",
    "{0}",
    "../",
    "/etc/passwd",
    "*",
    "~",
    "http://[::1",
    "javascript:",
    "Ǆ",
    "İ",
    "\x85",
    "\x1b[31m",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            token = rng.choice(SPECIAL).encode("utf-8", "surrogatepass")
            buf[pos:pos] = token
        elif op == 2 and buf:
            end = min(len(buf), pos + rng.randint(1, 40))
            del buf[pos:end]
        elif op == 3:
            buf = buf[:pos]
        elif op == 4 and buf:
            lines = bytes(buf).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
            buf = bytearray(b"\n".join(lines))
        elif op == 5 and buf:
            lines = bytes(buf).split(b"\n")
            rng.shuffle(lines)
            buf = bytearray(b"\n".join(lines))
        elif op == 6:
            try:
                text = bytes(buf).decode("utf-8")
                buf = bytearray(text.encode(rng.choice(["latin-1", "utf-16", "cp1252"]), "replace"))
            except UnicodeDecodeError:
                pass
        elif op == 7 and buf:
            end = min(len(buf), pos + rng.randint(1, 20))
            buf[pos:end] = bytes(buf[pos:end]) * rng.randint(2, 50)
        elif op == 8:
            buf[pos:pos] = rng.choice([b",", b";", b"|", b"\t", b'"', b"\n"]) * rng.randint(1, 5)
    return bytes(buf)


def run(args: list[str]) -> tuple[str, str | None]:
    err = io.StringIO()
    out = io.StringIO()
    crash = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            main(args)
        except SystemExit:
            pass
        except BaseException:  # noqa: BLE001
            crash = traceback.format_exc()
    text = err.getvalue()
    if crash is None and "Traceback" in text:
        crash = text
    return text, crash


def _args(*words: str) -> Callable[[Path], list[str]]:
    """The command line of a target: "@" stands for the mutated file."""
    return lambda path: [str(path) if word == "@" else word for word in words]


def _jsonl(records: list[dict[str, str]]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


PAGE_HTML = (
    "<html><body><h1>Actes d'état civil</h1><p>Demandez votre acte de naissance en ligne sur "
    "<a href='https://www.service-public.fr/particuliers/vosdroits/R1406'>service-public.fr</a>"
    ".</p><form action='/x'><input name='n'><button>Envoyer</button></form></body></html>"
)
PAGE_TEXT = (
    "Inscription à la cantine : connectez-vous au portail famille pour réserver et payer en "
    "ligne par carte."
)
PROGRAMME = (
    "Programme de la liste Ensemble pour Angers\n\nNous ouvrirons un guichet numérique unique."
    "\nNous développerons la vidéoprotection.\nNous publierons les données de la ville.\n"
)
PROGRAMME_HTML = (
    "<html><head><title>Programme</title></head><body><h1>Nos engagements</h1><ul><li>Un "
    "portail famille pour payer la cantine en ligne</li><li>La fibre partout</li></ul></body>"
    "</html>"
)
MANIFEST = (
    "file,commune,election,list,head,round,won\nprog.txt,49007,2026,Ensemble,Jeanne Martin,1,true\n"
)


def _answers() -> bytes:
    from barometre.survey.questionnaire import default_questionnaire

    ids = default_questionnaire().statement_ids
    rows = [["role", "collectivite", *ids]]
    for i, role in enumerate(["agent", "elu", "direction", "agent"]):
        rows.append([role, "49007", *[str(1 + (i + j) % 4) for j in range(len(ids))]])
    return "".join(",".join(row) + "\n" for row in rows).encode()


def _programme_files() -> dict[str, bytes]:
    from barometre.programmes.synthetic import SyntheticPage, docx_bytes, pdf_bytes

    page = SyntheticPage(
        "Une mairie ouverte",
        ("Nous créerons un guichet unique en ligne.", "Les données publiques seront ouvertes."),
    )
    return {
        "txt": PROGRAMME.encode(),
        "html": PROGRAMME_HTML.encode(),
        "pdf": pdf_bytes([page, page]),
        "docx": docx_bytes([page]),
    }


def seeds() -> dict[str, Target]:
    """Each target: the extension of its file, its seeds, its command line."""
    pages = _jsonl(
        [
            {"id": "a", "url": "http://127.0.0.1/etat-civil", "html": PAGE_HTML},
            {"id": "b", "url": "http://127.0.0.1/cantine", "text": PAGE_TEXT},
        ]
    )
    passages = _jsonl(
        [
            {"id": "p1", "text": "Nous créerons un portail pour toutes vos démarches en ligne."},
            {"id": "p2", "text": "Nous installerons la fibre et des bornes wifi gratuites."},
        ]
    )
    (WORK / "pages.jsonl").write_bytes(pages)
    (WORK / "prog.txt").write_text(PROGRAMME, encoding="utf-8")
    catalogue = (SRC / "referential/data/catalogues/services-2026.1.yaml").read_bytes()
    platforms = (SRC / "detection/data/platforms.yaml").read_bytes()
    questionnaire = (SRC / "survey/data/questionnaires/questionnaire-2026.1.yaml").read_bytes()
    out, pages_in = str(WORK / "out.jsonl"), str(WORK / "pages.jsonl")
    targets: dict[str, Target] = {
        "classify": ("jsonl", [pages], _args("classify", "--input", "@", "--output", out)),
        "classify-strict": (
            "jsonl",
            [pages],
            _args("classify", "--strict", "--input", "@", "--output", out),
        ),
        "classify-catalogue": (
            "yaml",
            [catalogue],
            _args("classify", "--catalogue", "@", "--input", pages_in, "--output", out),
        ),
        "classify-platforms": (
            "yaml",
            [platforms],
            _args("classify", "--platforms", "@", "--input", pages_in, "--output", out),
        ),
        "pclassify": (
            "jsonl",
            [passages],
            _args("programmes", "classify", "--input", "@", "--output", out),
        ),
        "questionnaire": ("yaml", [questionnaire], _args("survey", "questionnaire", "load", "@")),
        "answers": (
            "csv",
            [_answers()],
            _args("survey", "import-answers", "@", "--campaign", "fuzz-enquete"),
        ),
        "pmanifest": (
            "csv",
            [MANIFEST.encode()],
            _args("programmes", "import", "--manifest", "@", "--folder", str(WORK)),
        ),
        "campaign-communes": (
            "txt",
            [b"49007\n75056\n13055\n"],
            lambda p: ["campaign", "create", f"fz-{random.randrange(10**9)}", "--communes", str(p)],
        ),
        "campaign-catalogue": (
            "yaml",
            [catalogue],
            lambda p: [
                "campaign",
                "create",
                f"fzc-{random.randrange(10**9)}",
                "--communes",
                "49007",
                "--catalogue",
                str(p),
            ],  # fmt: skip
        ),
        "websites": (
            "csv",
            [_head(WORK / "seed-websites.csv", 30)],
            _args("websites", "import", "@"),
        ),
        "websites-dry": (
            "csv",
            [_head(WORK / "seed-websites.csv", 30)],
            _args("websites", "import", "--dry-run", "@"),
        ),
    }
    for fmt, seed in _programme_files().items():
        targets[f"pimport-{fmt}"] = (
            fmt,
            [seed],
            _args(
                "programmes",
                "import",
                "@",
                "--commune",
                "49007",
                "--election",
                "2026",
                "--list",
                "Ensemble",
                "--replace",
                "--max-seconds",
                "5",
                "--no-ocr",
            ),  # fmt: skip
        )
    for name, seed in (("assess", "seed-assessments.csv"), ("assess-wide", "seed-wide.csv")):
        targets[name] = (
            "csv",
            [(WORK / seed).read_bytes()],
            _args(
                "assessments",
                "import",
                "@",
                "--campaign",
                "demo-2026",
                "--author",
                "fuzz",
                "--force",
            ),  # fmt: skip
        )
    return targets


def _head(path: Path, lines: int) -> bytes:
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def prepare() -> None:
    """The demonstration's data, seeds exported from it, and a survey campaign open to answers."""
    for args in (
        ["quickstart", "--no-serve", "-v", "0"],
        ["assessments", "export", "--campaign", "demo-2026", "--out", str(WORK / "seed-a.csv")],
        ["assessments", "export", "--campaign", "demo-2026", "--wide",
         "--out", str(WORK / "seed-wide.csv")],
        ["websites", "export", str(WORK / "seed-websites.csv")],
    ):  # fmt: skip
        _, crash = run(args)
        if crash:
            sys.exit(f"setup failed: {args}\n{crash}")
    (WORK / "seed-assessments.csv").write_bytes(_head(WORK / "seed-a.csv", 40))
    run(["survey", "campaign", "create", "fuzz-enquete", "--collectivites", "49007,75056"])
    run(["survey", "campaign", "open", "fuzz-enquete"])


def fuzz() -> None:
    prepare()
    targets = seeds()
    names = [n for n in targets if not ONLY or n in ONLY]
    rng = random.Random(int(os.environ.get("SEED", "1")))
    end = time.time() + BUDGET
    counts = dict.fromkeys(names, 0)
    crashes: dict[str, int] = {}
    signatures: set[str] = set()
    while time.time() < end:
        name = rng.choice(names)
        ext, seedlist, build = targets[name]
        data = mutate(rng.choice(seedlist), rng)
        path = WORK / f"input.{ext}"
        if name == "pmanifest":  # beside prog.txt, which it names
            path = WORK / "manifest.csv"
        path.write_bytes(data)
        _, crash = run(build(path))
        counts[name] += 1
        if crash:
            last = [line for line in crash.strip().splitlines() if line.strip()]
            sig = name + "|" + (last[-1][:120] if last else "?")
            frames = [line for line in last if line.strip().startswith("File")]
            sig += "|" + (frames[-1] if frames else "")
            if sig in signatures:
                continue
            signatures.add(sig)
            n = crashes.get(name, 0) + 1
            crashes[name] = n
            (OUT / f"crash-{name}-{n}.{ext}").write_bytes(data)
            (OUT / f"crash-{name}-{n}.txt").write_text(crash)
            print("CRASH", name, n, last[-1][:200] if last else "", flush=True)
    print("runs", counts, "unique crashes", crashes, flush=True)


def _setup(argv: list[str]) -> None:
    global OUT, WORK, BUDGET, ONLY
    if len(argv) < 2:
        sys.exit(__doc__)
    # read by the settings when the first command sets Django up
    os.environ["BAROMETRE_HOME"] = tempfile.mkdtemp(prefix="barometre-fuzz-")
    os.environ.pop("DATABASE_URL", None)  # the embedded SQLite database of that home only
    OUT, BUDGET, ONLY = Path(argv[0]), float(argv[1]), set(argv[2:])
    WORK = OUT / "work"
    WORK.mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":
    _setup(sys.argv[1:])
    try:
        fuzz()
    finally:
        shutil.rmtree(os.environ["BAROMETRE_HOME"], ignore_errors=True)
