"""Load a script of `bench/` (or `scripts/`) as a module, for the tests of its pure parts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench(name: str) -> ModuleType:
    """`bench/<name>.py` as a module (registered, so that its dataclasses find it)."""
    return load_script(BENCH / f"{name}.py")


def load_script(path: Path) -> ModuleType:
    """Any script of the repository as a module, registered under its file name."""
    name = path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
