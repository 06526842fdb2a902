"""Cache keys change with the code, so an upgrade never serves what the old code computed."""

from __future__ import annotations

from pathlib import Path

from django.core.cache import cache

from barometre.core.cachekey import code_fingerprint, fingerprint_of, make_key


def test_the_fingerprint_follows_code_and_templates_not_bytecode(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "page.html").write_text("<p>avant</p>")
    (tmp_path / "views.py").write_text("X = 1\n")
    first = fingerprint_of(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint_of(tmp_path) == first
    (tmp_path / "web" / "page.html").write_text("<p>après</p>")
    assert fingerprint_of(tmp_path) != first


def test_the_fingerprint_follows_the_compiled_translations_and_data_files(tmp_path: Path) -> None:
    """A release that changed only a translation (the .mo that pages are rendered with) kept
    serving the pages cached in the old wording until the data changed."""
    catalogue = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(b"\xde\x12\x04\x95 old")
    (tmp_path / "regions.csv").write_text("code,nom\n11,Île-de-France\n")
    first = fingerprint_of(tmp_path)
    catalogue.write_bytes(b"\xde\x12\x04\x95 new")
    second = fingerprint_of(tmp_path)
    assert second != first
    (tmp_path / "regions.csv").write_text("code,nom\n11,Ile-de-France\n")
    assert fingerprint_of(tmp_path) != second


def test_the_cache_keys_carry_the_code_fingerprint() -> None:
    assert make_key("web:x", "", 1) == f"{code_fingerprint()}::1:web:x"
    assert cache.make_key("web:x").startswith(code_fingerprint() + ":")
