"""The built manual in a real headless Chromium, served from 127.0.0.1 under a sub-path."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from datetime import datetime, time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import PluginError

from handbook.calendar import WorkCalendar
from handbook.engine import run
from handbook.mkdocs_plugin import CDN_GUARDS, MERMAID_SCRIPT, PATCHED_CDN_URL, HandbookPlugin
from handbook.resources import shipped_policies

from browser import OPEN_SHADOW, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The manual of the shipped policies, served; yields its URL and the list of every URL requested."""
    with serve(shipped_site) as url:
        yield url, []


@pytest.fixture
def page(browser: Any, site: tuple[str, list[str]]) -> Iterator[Any]:
    _url, requests = site
    pg = browser.new_page()
    pg.add_init_script(OPEN_SHADOW)
    pg.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert errors == [], errors


def test_each_role_page_shows_its_deadlines(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    model = run(shipped_policies()).model
    assert model is not None
    checked = 0
    for stage in model.of("stage"):
        role = stage.get("role")
        if not stage.get("deadline"):
            continue
        page.goto(f"{url}roles/{role}/")
        table = page.locator("xpath=//h2[contains(., '我处理的投诉环节与时限')]/following::table[1]")
        text = table.inner_text()
        assert stage.title in text
        amount = str(stage.get("deadline")["amount"])
        row = table.locator("tr", has_text=stage.title).first.inner_text()
        assert amount in row and "内" in row, row
        checked += 1
    assert checked >= 3


def test_diagrams_render_as_svg(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    for path in ("complaints/",):
        page.goto(url + path)
        page.wait_for_function(
            "() => [...document.querySelectorAll('div.mermaid')].some(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
            timeout=20000)
        n_nodes = page.evaluate(
            "() => document.querySelector('div.mermaid').shadowRoot.querySelectorAll('svg .node').length")
        assert n_nodes >= 3


def _fill_start(calc: Any, day: str, clock: str = "") -> None:
    """The event's day and time of day: two inputs (the time may be left empty)."""
    calc.locator(".hb-calc-start").fill(day)
    calc.locator(".hb-calc-time").fill(clock)


def test_calculator_across_national_day(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    page.goto(url + "complaints/")
    calc = page.locator(".hb-calc").last
    _fill_start(calc, "2026-09-30", "10:00")
    calc.locator(".hb-calc-amount").fill("10")
    calc.locator(".hb-calc-unit").select_option("working_days")
    calc.locator(".hb-calc-go").click()
    assert calc.locator(".hb-calc-due").inner_text() == "截止：2026-10-20（周二）17:30"
    assert "调休上班" in calc.locator(".hb-calc-detail").inner_text()


def test_calculator_agrees_with_handbook_deadline(page: Any, site: tuple[str, list[str]]) -> None:
    """The page's script and the Python calendar give the same due date for many inputs:
    every unit, both roll rules (and none named: the default), starts on and off the minute."""
    url, _ = site
    page.goto(url + "complaints/")
    cal = WorkCalendar()
    cases = []
    for start in ("2026-09-30T10:00", "2026-01-30T17:00", "2026-02-13T12:30", "2025-12-31T08:00", "2026-04-30T16:45",
                  "2024-09-13T09:15", "2026-10-09T18:00", "2026-09-28T10:00", "2026-09-30T23:59:50",
                  "2026-03-06T17:29:45"):
        for amount, unit in ((1, "calendar_days"), (3, "calendar_days"), (5, "working_days"), (10, "working_days"),
                             (15, "calendar_days"), (8, "working_hours"), (20, "working_hours"), (24, "hours"),
                             (20, "seconds"), (86401, "seconds"), (90, "minutes"), (1441, "minutes")):
            for roll in (None, "next_working_day", "none"):
                cases.append((start, amount, unit, roll))
    got = page.evaluate("cases => cases.map(c => window.handbookDeadline(c[0], c[1], c[2], c[3]).due)", cases)
    for (start, amount, unit, roll), js in zip(cases, got, strict=True):
        dl = cal.add(datetime.fromisoformat(start), amount, unit) if roll is None else \
            cal.add(datetime.fromisoformat(start), amount, unit, roll=roll)
        due = dl.due
        if due.time() == time.max:
            clock = "24:00"
        elif unit == "seconds" or due.second:  # to the second for seconds, or off the minute
            clock = due.strftime("%H:%M:%S")
        else:
            clock = due.strftime("%H:%M")
        assert js == due.strftime("%Y-%m-%d ") + clock, (start, amount, unit, roll)
    # the rule matters: across National Day, no roll ends on the holiday itself
    assert page.evaluate("() => window.handbookDeadline('2026-09-28T10:00', 3, 'calendar_days', 'none')") == {
        "due": "2026-10-01 24:00", "skipped": 0, "makeup": 0, "restEnd": True}
    assert page.evaluate("() => window.handbookDeadline('2026-09-28T10:00', 3, 'calendar_days').due") == \
        "2026-10-08 24:00"
    # issue 12.10: no roll needs no holiday data, so it counts into a year the calendar does not cover
    assert page.evaluate("() => window.handbookDeadline('2026-12-20', 20, 'calendar_days', 'none').due") == \
        "2027-01-09 24:00"
    error = page.evaluate("() => { try { window.handbookDeadline('2026-09-28', 3, 'calendar_days', 'later'); }"
                          " catch (e) { return e.message; } }")
    assert error == "unknown roll later; expected one of next_working_day, none"


_BOXES = ('<div class="hb-calc" id="strict" data-amount="3" data-unit="calendar_days" data-roll="none"></div>'
          '<div class="hb-calc" id="bad" data-amount="3" data-unit="calendar_days" data-roll="later"></div>'
          '<div class="hb-calc" id="plain"></div>')


def test_calculator_box_reads_data_roll_and_counts_seconds(page: Any, site: tuple[str, list[str]]) -> None:
    """Boxes as the manual writes them (added to the served page): one whose period does not roll,
    one with a roll the table does not know (it says so, and the page goes on), one plain."""
    url, _ = site

    def with_boxes(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        assert "</article>" in body
        route.fulfill(response=response, body=body.replace("</article>", _BOXES + "</article>", 1))

    page.route(url + "complaints/", with_boxes)
    page.goto(url + "complaints/")
    strict = page.locator("#strict")
    _fill_start(strict, "2026-09-28", "10:00")
    strict.locator(".hb-calc-go").click()
    assert strict.locator(".hb-calc-due").inner_text() == "截止：2026-10-01（周四）24:00"
    detail = strict.locator(".hb-calc-detail").inner_text()
    assert "不顺延" in detail and "2026-10-01（周四）法定节假日：国庆节" in detail and "跳过" not in detail
    assert "unknown roll later" in page.locator("#bad").inner_text()
    plain = page.locator("#plain")  # the default roll: past the holiday to the first working day
    plain.locator(".hb-calc-unit").select_option("calendar_days")
    _fill_start(plain, "2026-09-28", "10:00")
    plain.locator(".hb-calc-amount").fill("3")
    plain.locator(".hb-calc-go").click()
    assert plain.locator(".hb-calc-due").inner_text() == "截止：2026-10-08（周四）24:00"
    assert "跳过 2026-10-01（周四）" in plain.locator(".hb-calc-detail").inner_text()
    # seconds: the start can be typed to the second, and the due time is shown to the second
    assert plain.locator(".hb-calc-time").get_attribute("step") == "60"
    plain.locator(".hb-calc-unit").select_option("seconds")
    assert plain.locator(".hb-calc-time").get_attribute("step") == "1"
    _fill_start(plain, "2026-09-30", "23:59:50")
    plain.locator(".hb-calc-amount").fill("20")
    plain.locator(".hb-calc-go").click()
    assert plain.locator(".hb-calc-due").inner_text() == "截止：2026-10-01（周四）00:00:10"
    plain.locator(".hb-calc-unit").select_option("minutes")
    _fill_start(plain, "2026-09-30", "23:00")
    plain.locator(".hb-calc-amount").fill("90")
    plain.locator(".hb-calc-go").click()
    assert plain.locator(".hb-calc-due").inner_text() == "截止：2026-10-01（周四）00:30"


def test_every_request_stays_on_127_0_0_1(browser: Any, site: tuple[str, list[str]]) -> None:
    url, requests = site
    pg = browser.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    for path in ("", "org/", "complaints/", "roles/cs-agent/", "standards/", "glossary/", "regulations/", "rules/"):
        pg.goto(url + path)
        pg.wait_for_load_state("networkidle")
    pg.close()
    assert requests
    outside = [u for u in requests if not u.startswith("http://127.0.0.1:") and not u.startswith("data:")]
    assert outside == []


PAGES = ("", "org/", "complaints/", "roles/cs-agent/", "standards/", "glossary/", "regulations/", "rules/")
SHOW_SVG = "() => [...document.querySelectorAll('div.mermaid')].filter(d => d.shadowRoot?.querySelector('svg')).length"


def _material_bundle() -> Path:
    import material

    bundles = sorted((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles  # the plugin checks (and patches) the one bundle Material ships
    return bundles[0]


def test_material_bundle_fetches_cdn_scripts_only_behind_the_known_tests() -> None:
    """Fails when an upgrade of mkdocs-material changes what the plugin relies on: the bundle
    fetches Mermaid only while `mermaid` is undefined, the ResizeObserver polyfill only while
    `ResizeObserver` is, and the polyfill's URL is the exact string _localise_cdn replaces."""
    text = _material_bundle().read_text(encoding="utf-8")
    assert text.count(json.dumps(PATCHED_CDN_URL)) == 1
    for url, guard in CDN_GUARDS.items():
        assert text.count(json.dumps(url)) == 1, url
        assert len(re.findall(guard + re.escape(json.dumps(url)) + r"\)", text)) == 1, url


@pytest.mark.parametrize(("old", "new"), [
    ('"https://unpkg.com/resize-observer-polyfill"', '"https://esm.sh/resize-observer-polyfill"'),  # another CDN
    ('typeof mermaid=="undefined"||mermaid instanceof Element?', "!0?"),  # Mermaid fetched even when defined
    ("mermaid@11", "mermaid@12"),  # a new major version: the vendored copy would be the wrong one
    ("mermaid.initialize(", 'mermaid.initialize("https://cdn.example.com/x",'),  # any new absolute URL
    ('typeof ResizeObserver=="undefined"?', "!0?"),  # the polyfill fetched in every browser
])
def test_a_changed_theme_bundle_fails_the_build(tmp_path: Path, old: str, new: str) -> None:
    bundle = _material_bundle()
    text = bundle.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / "assets" / "javascripts" / bundle.name
    out.parent.mkdir(parents=True)
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PluginError, match="the theme changed"):
        HandbookPlugin._localise_cdn(tmp_path)


def test_built_bundle_is_materials_with_only_the_polyfill_url_replaced(site: tuple[str, list[str]]) -> None:
    url, _ = site
    material = _material_bundle()
    with urllib.request.urlopen(url + "assets/javascripts/" + material.name) as r:
        built = r.read().decode("utf-8")
    before, after = material.read_text(encoding="utf-8").split(json.dumps(PATCHED_CDN_URL))
    assert built.startswith(before) and built.endswith(after)
    assert "assets/handbook/vendor/resize-observer.js" in built[len(before):len(built) - len(after)]


class _Scripts(HTMLParser):
    """Diagrams (Material draws every pre.mermaid) and script sources, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "pre" and "mermaid" in (a.get("class") or "").split():
            self.events.append(("diagram", ""))
        elif tag == "script" and a.get("src"):
            self.events.append(("script", a["src"] or ""))


def test_vendored_mermaid_is_loaded_before_the_bundle_on_exactly_the_pages_with_a_diagram(
        site: tuple[str, list[str]]) -> None:
    url, _ = site
    with_diagrams = []
    for path in PAGES:
        with urllib.request.urlopen(url + path) as r:
            parser = _Scripts()
            parser.feed(r.read().decode("utf-8"))
        scripts = [urljoin(url + path, src) for kind, src in parser.events if kind == "script"]
        mermaid = [i for i, s in enumerate(scripts) if s == url + MERMAID_SCRIPT]
        if ("diagram", "") in parser.events:
            with_diagrams.append(path)
            bundle = next(i for i, s in enumerate(scripts) if "/assets/javascripts/bundle." in s)
            assert len(mermaid) == 1 and mermaid[0] < bundle, (path, scripts)
        else:
            assert mermaid == [], path
    assert "complaints/" in with_diagrams and "org/" not in with_diagrams  # the org chart is a tree of links


def test_diagrams_are_drawn_once_by_material_with_the_vendored_mermaid(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for path in ("org/", "complaints/", "glossary/"):
        seen.clear()
        with urllib.request.urlopen(url + path) as r:
            parser = _Scripts()
            parser.feed(r.read().decode("utf-8"))
        diagrams = parser.events.count(("diagram", ""))
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert (url + MERMAID_SCRIPT in seen) == (diagrams > 0), path
        if diagrams:
            page.wait_for_function(f"() => ({SHOW_SVG})() === {diagrams}", timeout=20000)
            # Mermaid's own startOnLoad (it marks what it draws data-processed) never ran as well
            assert page.evaluate("() => document.querySelectorAll('[data-processed]').length") == 0
            assert page.evaluate("() => document.querySelectorAll('div.mermaid').length") == diagrams


def test_no_outside_request_without_a_native_resize_observer(browser: Any, site: tuple[str, list[str]]) -> None:
    """Browsers that run Material's ES2015 bundle but lack ResizeObserver get the vendored polyfill."""
    url, _ = site
    pg = browser.new_page()
    pg.add_init_script(OPEN_SHADOW)
    pg.add_init_script("delete window.ResizeObserver")
    requests: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    for path in PAGES:
        pg.goto(url + path)
        pg.wait_for_load_state("networkidle")
    pg.goto(url + "complaints/")
    pg.wait_for_function(f"() => ({SHOW_SVG})() > 0", timeout=20000)
    pg.close()
    assert url + "assets/handbook/vendor/resize-observer.js" in requests
    outside = [u for u in requests if not u.startswith("http://127.0.0.1:") and not u.startswith("data:")]
    assert outside == [] and errors == []
