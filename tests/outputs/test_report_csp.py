"""The standalone HTML reports (campaign, programmes, maturity survey) carry their own
Content-Security-Policy in a <meta>: they run only the inline scripts and styles they wrote
(by the hash of their exact text), reach no network, and a script that a failed escape let into
the page does not run. Checked in one Chromium for the three reports."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from barometre.outputs.services import report_write
from barometre.outputs.standalone import source_hash
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Campaign
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
from tests.a11y import CHROMIUM, needs_chromium
from tests.factories import CommuneFactory
from tests.programmes.test_report_phone import election_with_follow_up

NOW = datetime(2026, 3, 1, tzinfo=UTC)
TODAY = date(2026, 12, 3)
# what a failed escape would let in: an inline script of the page's body, not the report's own
INJECTED = "<script>document.documentElement.dataset.injected = 'ran';</script>"
# every violation of the page's policy, and whether the injected script ran
LISTEN = """document.addEventListener('securitypolicyviolation', e => (window.violations ??= [])
  .push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));"""


def _reports(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """The three standalone reports written, each with the selector of its charts."""
    (campaign,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    election_with_follow_up()
    programmes = tmp_path / "programmes.html"
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    programmes.write_text(render(report, "html"), encoding="utf-8")
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=TODAY)
    data = survey_report_data(campaign=SurveyCampaign.objects.get(name=DEMO_SURVEY), today=TODAY)
    survey = tmp_path / "enquete.html"
    survey.write_text(html_render(data), encoding="utf-8")
    return {
        "campagne": (campaign, ".vega"),
        "programmes": (programmes, "#chart-themes, #chart-brackets"),
        "enquête": (survey, ".radar"),
    }


def _policy(page: str) -> dict[str, list[str]]:
    tree = LexborHTMLParser(page)
    meta = tree.css_first('head meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None
    directives = [d.split() for d in (meta.attributes["content"] or "").split(";")]
    return {d[0]: d[1:] for d in directives}


def _inline(page: str, element: str) -> list[str]:
    """The hashes of the page's inline scripts (not its JSON data) or styles."""
    tree = LexborHTMLParser(page)
    return [
        source_hash(node.text(deep=True))
        for node in tree.css(element)
        if element != "script" or "type" not in node.attributes
    ]


@pytest.mark.django_db
def test_each_report_allows_its_own_inline_scripts_and_styles_and_nothing_else(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    for name, (path, _) in _reports(tmp_path).items():
        page = path.read_text(encoding="utf-8")
        policy = _policy(page)
        assert policy["default-src"] == ["'none'"], name
        assert policy["connect-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], name
        assert policy["form-action"] == ["'none'"], name
        scripts = [s for s in policy["script-src"] if s != "'unsafe-eval'"]
        assert sorted(scripts) == sorted(set(_inline(page, "script"))), name
        assert len(scripts) == 3, name  # Vega, charts.js, tables.js
        assert set(_inline(page, "style")) < set(policy["style-src"]), name
        assert "'unsafe-inline'" not in " ".join(policy["script-src"] + policy["style-src"])
        # the policy comes before any inline element it rules
        assert page.index("Content-Security-Policy") < page.index("<style>"), name


def _seen(browser: Any, path: Path, selector: str) -> tuple[list[str], list[str], str | None]:
    """The policy's violations, the console's errors and whether the injected script ran."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(LISTEN)
    page.goto(path.as_uri())
    page.wait_for_function(
        "(s) => [...document.querySelectorAll(s)].every(t => t.querySelector('svg'))",
        arg=selector,
    )
    page.wait_for_timeout(300)
    violations = page.evaluate("window.violations ?? []")
    ran = page.evaluate("document.documentElement.dataset.injected ?? null")
    page.close()
    return violations, errors, ran


@needs_chromium
# a browser's behaviour, the same on every engine: run once, in the PostgreSQL pass (the
# SQLite pass holds the other browser tests)
@pytest.mark.engine_independent(run_in="postgres")
@pytest.mark.django_db
def test_the_reports_draw_their_charts_and_refuse_an_injected_script(
    after: Campaign, before: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import sync_playwright

    reports = _reports(tmp_path)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, (path, selector) in reports.items():
            assert _seen(browser, path, selector) == ([], [], None), name
            injected = path.with_name("injected-" + path.name)
            page = path.read_text(encoding="utf-8")
            at = page.rindex("</body>")
            injected.write_text(page[:at] + INJECTED + page[at:], encoding="utf-8")
            violations, errors, ran = _seen(browser, injected, selector)
            assert ran is None, name
            assert [v for v in violations if re.match(r"script-src(-elem)? inline", v)], name
        browser.close()


def test_an_inline_element_is_written_only_in_a_standalone_report() -> None:
    """Its hash must reach the policy: outside `standalone_render` the tag refuses to render, and
    a report template without the policy's place is refused."""
    from django.template import Context, Template, TemplateSyntaxError

    from barometre.outputs.standalone import standalone_render

    script = Template("{% load report_csp %}{% inline_script %}x(){% endinline_script %}")
    with pytest.raises(TemplateSyntaxError):
        script.render(Context({}))
    with pytest.raises(ValueError, match="csp_meta"):
        standalone_render("web/_origins.html", {})
