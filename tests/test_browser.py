"""The built manual in a real headless Chromium, served from 127.0.0.1 under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from browser import ARGS, CHROMIUM, OPEN_SHADOW, build, require_chromium, serve
from handbook.engine import run
from handbook.resources import shipped_policies
from handbook.workdays import WorkCalendar

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The manual of the shipped policies; yields its URL and the list of every URL requested."""
    dest = tmp_path_factory.mktemp("shipped")
    built = build(dest, shipped_policies())
    with serve(built) as url:
        yield url, []


@pytest.fixture
def page(browser: Any, site: tuple[str, list[str]]) -> Iterator[Any]:
    url, requests = site
    pg = browser.new_page()
    pg.add_init_script(OPEN_SHADOW)
    pg.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert errors == [], errors


def _search(page: Any, url: str, query: str) -> list[str]:
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material answers a query typed before its search worker has loaded the index
    # with nothing; wait until the worker says it is ready, as a person would.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !/初始化|Initializing/.test(m.textContent); }",
        timeout=60000)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone (like an IME commit) may not trigger it
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def test_search_for_complaint_lists_the_complaint_page_first(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    hrefs = _search(page, url, "投诉")
    assert hrefs and "/complaints/" in hrefs[0], hrefs


@pytest.mark.parametrize(("query", "path"), [("回访", "/followups/"), ("理赔", "/standards/")])
def test_two_character_words_find_their_pages(page: Any, site: tuple[str, list[str]], query: str, path: str) -> None:
    url, _ = site
    hrefs = _search(page, url, query)
    assert any(path in h for h in hrefs[:3]), hrefs


def test_search_for_a_role_name_finds_its_page(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    model = run(shipped_policies()).model
    assert model is not None
    for role_id in ("cs-agent", "cs-qa-inspector"):
        role = model.get(role_id, "role")
        assert role is not None
        hrefs = _search(page, url, role.title)
        assert any(f"/roles/{role_id}/" in h for h in hrefs[:3]), (role.title, hrefs)


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
    for path in ("org/", "complaints/"):
        page.goto(url + path)
        page.wait_for_function(
            "() => [...document.querySelectorAll('div.mermaid')].some(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
            timeout=20000)
        n_nodes = page.evaluate(
            "() => document.querySelector('div.mermaid').shadowRoot.querySelectorAll('svg .node').length")
        assert n_nodes >= 3


def test_calculator_across_national_day(page: Any, site: tuple[str, list[str]]) -> None:
    url, _ = site
    page.goto(url + "complaints/")
    calc = page.locator(".hb-calc").last
    calc.locator(".hb-calc-start").fill("2026-09-30T10:00")
    calc.locator(".hb-calc-amount").fill("10")
    calc.locator(".hb-calc-unit").select_option("working_days")
    calc.locator(".hb-calc-go").click()
    assert calc.locator(".hb-calc-due").inner_text() == "截止：2026-10-20（周二）17:30"
    assert "调休上班" in calc.locator(".hb-calc-detail").inner_text()


def test_calculator_agrees_with_handbook_deadline(page: Any, site: tuple[str, list[str]]) -> None:
    """The page's script and the Python calendar give the same due date for many inputs."""
    url, _ = site
    page.goto(url + "complaints/")
    cal = WorkCalendar()
    cases = []
    for start in ("2026-09-30T10:00", "2026-01-30T17:00", "2026-02-13T12:30", "2025-12-31T08:00", "2026-04-30T16:45",
                  "2024-09-13T09:15", "2026-10-09T18:00"):
        for amount, unit in ((1, "calendar_days"), (5, "working_days"), (10, "working_days"), (15, "calendar_days"),
                             (8, "working_hours"), (20, "working_hours"), (24, "hours")):
            cases.append((start, amount, unit))
    got = page.evaluate("cases => cases.map(c => window.handbookDeadline(c[0], c[1], c[2]).due)", cases)
    for (start, amount, unit), js in zip(cases, got, strict=True):
        due = cal.add(datetime.fromisoformat(start), amount, unit).due
        want = due.strftime("%Y-%m-%d ") + ("24:00" if unit == "calendar_days" else due.strftime("%H:%M"))
        assert js == want, (start, amount, unit)


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
