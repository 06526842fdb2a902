"""Functions stay under about 40 lines (STYLE.md, « Size budgets »): a ratchet.

Every function and method of src/barometre is measured from the AST: its length is the number of
lines from its `def` line to the last line of its body, both included. Decorators are not counted
(they sit above the `def` line); the docstring, comments and blank lines inside the body are. A
nested function counts in its own right (`outer.<locals>.inner`) and inside its parent's length.

The functions still longer than LIMIT lines are listed in function_size.yaml beside this file, one
`module:qualname: lines` entry each. The test fails when a function not listed is longer than
LIMIT, when a listed one grew beyond its recorded length, and when a listed one is now LIMIT
lines or fewer, no longer exists, or is shorter than recorded: the list only shrinks, and always
says exactly what remains. After cutting a listed function, lower or remove its entry."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "barometre"
ALLOWED = Path(__file__).with_name("function_size.yaml")
LIMIT = 40


def _measure(node: ast.AST, prefix: str, out: dict[str, int]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            out[name] = (child.end_lineno or child.lineno) - child.lineno + 1
            _measure(child, name + ".<locals>.", out)
        elif isinstance(child, ast.ClassDef):
            _measure(child, prefix + child.name + ".", out)
        else:
            _measure(child, prefix, out)


def function_lengths(package: Path) -> dict[str, int]:
    """`module:qualname` -> length in lines of every function and method under package."""
    lengths: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        found: dict[str, int] = {}
        _measure(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), "", found)
        lengths.update({f"{module}:{name}": n for name, n in found.items()})
    return lengths


def ratchet_problems(lengths: dict[str, int], allowed: dict[str, int]) -> list[str]:
    """What breaks the ratchet, one sentence each; empty when the allow-list is exact."""
    problems = []
    for name, n in sorted(lengths.items()):
        if n > LIMIT and name not in allowed:
            problems.append(f"{name} has {n} lines (> {LIMIT}): cut it")
        elif name in allowed and n > allowed[name]:
            problems.append(f"{name} grew to {n} lines (allowed {allowed[name]}): cut it")
        elif name in allowed and n <= LIMIT:
            problems.append(f"{name} is now {n} lines: remove it from {ALLOWED.name}")
        elif name in allowed and n < allowed[name]:
            problems.append(f"{name} shrank to {n} lines: record {n} in {ALLOWED.name}")
    gone = [name for name in sorted(allowed) if name not in lengths]
    problems += [f"{name} no longer exists: remove it from {ALLOWED.name}" for name in gone]
    return problems


def test_no_function_is_longer_than_the_budget_or_its_allowance() -> None:
    allowed = yaml.safe_load(ALLOWED.read_text(encoding="utf-8")) or {}
    assert ratchet_problems(function_lengths(PACKAGE), allowed) == []


def test_the_scan_counts_from_the_def_line_to_the_end_of_the_body(tmp_path: Path) -> None:
    package = tmp_path / "barometre"
    (package / "sub").mkdir(parents=True)
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    inner = "\n".join(f"            x{i} = {i}" for i in range(LIMIT))
    (package / "sub" / "mod.py").write_text(
        "import functools\n\n\n@functools.cache\n@functools.cache\n"
        f"def long():\n{body}\n\n\nclass Thing:\n    def short(self):\n        return 1\n\n"
        f"    async def method(self):\n        def inner():\n{inner}\n\n        return inner\n",
        encoding="utf-8",
    )
    (package / "__init__.py").write_text("def top():\n    pass\n", encoding="utf-8")
    assert function_lengths(package) == {
        "barometre.sub.mod:long": LIMIT + 1,
        "barometre.sub.mod:Thing.short": 2,
        "barometre.sub.mod:Thing.method": LIMIT + 4,
        "barometre.sub.mod:Thing.method.<locals>.inner": LIMIT + 1,
        "barometre:top": 2,
    }


def test_the_ratchet_only_lets_the_list_shrink() -> None:
    lengths = {"m:new": LIMIT + 1, "m:grew": 50, "m:fixed": LIMIT, "m:kept": 45, "m:smaller": 44}
    allowed = {"m:grew": 49, "m:fixed": 41, "m:kept": 45, "m:smaller": 46, "m:gone": 60}
    assert ratchet_problems(lengths, allowed) == [
        f"m:fixed is now {LIMIT} lines: remove it from function_size.yaml",
        "m:grew grew to 50 lines (allowed 49): cut it",
        f"m:new has {LIMIT + 1} lines (> {LIMIT}): cut it",
        "m:smaller shrank to 44 lines: record 44 in function_size.yaml",
        "m:gone no longer exists: remove it from function_size.yaml",
    ]
