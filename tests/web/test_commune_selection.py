"""The campaign's selection of communes as the methodology page gives it (`commune_selection`):
a list of codes is cut after a whole code, never inside one."""

from __future__ import annotations

from barometre.web.templatetags.web_tags import commune_selection


def test_a_long_list_of_codes_is_cut_after_a_whole_code() -> None:
    """`truncatechars:80` cut « 75056,13055,… » inside its 14th code (« 10013,1… »): a code
    no commune has, read as part of the selection."""
    codes = [str(10000 + i) for i in range(30)]
    shown = commune_selection(",".join(codes))
    assert len(shown) <= 100 and shown.endswith(", …"), shown
    assert all(code in codes for code in shown.removesuffix(", …").split(", ")), shown


def test_a_short_list_is_whole_with_a_space_after_each_comma() -> None:
    assert commune_selection("44109,35238") == "44109, 35238"
    assert commune_selection("top:100") == "top:100"
    assert commune_selection("") == ""
