"""The web layer stands apart (STYLE.md, « Web layer apart »): no package of barometre but
barometre.web itself depends on it. What the pages and another package share (the cached
figures, an election's summary, the accounts, the chart scripts) lives below both.

Read from the sources (AST), so that an import inside a function counts, and so does a dotted
name given as text (`resources.files("barometre.web")`, `import_module`, `include`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "barometre"
WEB = "barometre.web"
# The project's wiring, which names every app by design: the settings (INSTALLED_APPS,
# middleware, error views), the URL configuration, the WSGI entry point and the CLI's list of
# apps (checked against INSTALLED_APPS by tests/test_cli.py).
WIRING = {"settings.py", "settings_production.py", "urls.py", "wsgi.py", "cli.py"}
DOTTED = re.compile(r"barometre\.web(\.[A-Za-z_]\w*)*")


def _is_web(name: str) -> bool:
    return name == WEB or name.startswith(WEB + ".")


def _web_names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every import of barometre.web, or dotted name of it given as a string."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if _is_web(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(node.lineno, name) for name in names[:1] if _is_web(name)]
            if node.module == "barometre":
                found += [(node.lineno, name) for name in names[1:] if _is_web(name)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [(node.lineno, node.value)] if DOTTED.fullmatch(node.value) else []
    return sorted(found)


def web_dependencies(package: Path) -> list[str]:
    """« path:line name » for each place outside barometre.web and the wiring that names it."""
    out = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] == "web" or str(relative) in WIRING:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out += [f"{relative}:{line} {name}" for line, name in _web_names(tree)]
    return out


def test_no_package_but_the_web_depends_on_the_web() -> None:
    assert web_dependencies(PACKAGE) == []


def test_the_scan_sees_every_way_of_naming_the_web(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "web").mkdir()
    (tmp_path / "api" / "views.py").write_text(
        "from barometre.web.selectors import x\n"
        "from barometre import web\n"
        "def f():\n"
        "    import barometre.web.roles\n"
        "    return files('barometre.web')\n"
        "from barometre.webbing import y\n"  # another name, not the web
        "from barometre.core import web_thing\n",
        encoding="utf-8",
    )
    (tmp_path / "web" / "views.py").write_text("from barometre.web import x\n", encoding="utf-8")
    (tmp_path / "urls.py").write_text("from barometre.web import views\n", encoding="utf-8")
    assert web_dependencies(tmp_path) == [
        "api/views.py:1 barometre.web.selectors",
        "api/views.py:2 barometre.web",
        "api/views.py:4 barometre.web.roles",
        "api/views.py:5 barometre.web",
    ]
