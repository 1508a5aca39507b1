"""Issue 13 (items 4, 5 and 12): the organisation chart is readable on a phone and every post in it
is a link to the post's page; the deadline calculator sits next to each deadline on a role page,
agrees with `handbook deadline`, takes a day without a time as the start of that day and names the
days it skips in Chinese only. Checked in the built manual (served under /manual/) in Chromium,
for the shipped policies and for the second company (examples/huaxin), whose organisation has
another shape (post templates, three branches)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from handbook.calendar import WorkCalendar
from handbook.config import Config
from handbook.engine import run
from handbook.model import Item, Model
from handbook.orgtree import is_template
from handbook.render.calendar_data import calculator_data, chinese_name
from handbook.resources import shipped_policies

from browser import serve
from conftest import HUAXIN, run_cli

POLICIES = {"shipped": shipped_policies(), "huaxin": HUAXIN / "policies"}
LATIN = re.compile(r"[A-Za-z]")


def _model(name: str) -> Model:
    model = run(POLICIES[name], Config()).model
    assert model is not None
    return model


def _posts(model: Model) -> list[Item]:
    """Every post: the roles written as single posts and one per unit for each post template."""
    return [r for r in model.of("role") if not is_template(r)] + list(model.instances)


# -- without a browser ---------------------------------------------------------------------------

def test_the_calculator_data_names_days_in_chinese_only() -> None:
    cal = WorkCalendar()
    # the CLI's calendar keeps its bilingual names; the manual's script carries the Chinese part
    assert cal.day_name(date(2026, 10, 1)) == "国庆节 National Day"
    days = calculator_data(cal)["days"]
    assert days["2026-10-01"] == ["holiday", "国庆节"] and days["2026-10-10"] == ["makeup_workday", "国庆节"]
    named = {name for _kind, name in days.values() if name}
    assert len(named) >= 7 and not [n for n in named if LATIN.search(n)], named


@pytest.mark.parametrize(("name", "shown"), [
    ("元旦 New Year's Day", "元旦"),
    ("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 Anti-Fascist 70th Day",
     "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
    ("年终盘点 year-end stocktake", "年终盘点"),
    ("618大促 618 sale", "618大促"),  # a number in the Chinese name stays
    ("年终盘点", "年终盘点"),
    ("stocktake", "stocktake"),  # no Chinese at all: the only name the day has
    ("", ""),
])
def test_chinese_name(name: str, shown: str) -> None:
    assert chinese_name(name) == shown


# -- in the built manual -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(shipped_site: Path, huaxin_site: Path) -> dict[str, Path]:
    """The shipped manual (with the repository's mkdocs.yml) and the second company's, as its
    project builds it (its own mkdocs.yml, docs and site name)."""
    return {"shipped": shipped_site, "huaxin": huaxin_site}


@pytest.fixture(params=["shipped", "huaxin"])
def served(request: pytest.FixtureRequest, sites: dict[str, Path]) -> Iterator[tuple[str, str]]:
    with serve(sites[request.param]) as url:
        yield request.param, url


def _page(browser: Any, width: int) -> tuple[Any, list[str]]:
    """A page of that width, and the list its script errors go to."""
    pg = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    return pg, errors


def _head(model: Model) -> Item:
    org = next(f for f in model.files if f.kind == "organisation")
    head = model.get(org.data["head"], "role")
    assert head is not None
    return head


NODES = """() => [...document.querySelectorAll('.hb-org a')].map(a => ({href: a.href, text: a.textContent.trim()}))"""


@pytest.mark.browser
def test_every_post_is_a_node_of_the_chart_linking_to_its_page(browser: Any, served: tuple[str, str]) -> None:
    name, url = served
    assert url.endswith("/manual/")
    model = _model(name)
    posts = _posts(model)
    pg, errors = _page(browser, 1280)
    pg.goto(url + "org/")
    nodes = pg.evaluate(NODES)
    # each post once, as a link to its own page, named by its title
    assert sorted((n["href"], n["text"]) for n in nodes) == sorted(
        (f"{url}roles/{p.id.lower()}/", " ".join(p.title.split())) for p in posts)
    # one tree: every post but the top ones sits under its boss's node
    tops = pg.evaluate("() => [...document.querySelectorAll('.hb-org > ul > li > a')].map(a => a.textContent.trim())")
    assert tops == [_head(model).title]
    # click a post far down the tree and land on its page, under the sub-path
    post = next(p for p in posts if p.template is not None) if name == "huaxin" else \
        next(p for p in posts if p.id == "cs-agent")
    pg.locator(".hb-org").get_by_role("link", name=post.title, exact=True).click()
    pg.wait_for_url(f"{url}roles/{post.id.lower()}/")
    assert pg.locator("h1").inner_text().strip().removesuffix("¶") == post.title  # (¶: the heading's anchor)
    assert errors == []
    pg.close()


FONT_SIZES = """() => [...document.querySelectorAll('.hb-org a, .hb-org .hb-org-unit')].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent.trim(), size: parseFloat(getComputedStyle(e).fontSize), left: r.left, right: r.right,
          width: r.width};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_are_readable_on_a_phone_and_a_desktop(browser: Any, served: tuple[str, str],
                                                             width: int) -> None:
    _name, url = served
    pg, _errors = _page(browser, width)
    pg.goto(url + "org/")
    labels = pg.evaluate(FONT_SIZES)
    assert len(labels) >= 10
    small = [x for x in labels if x["size"] < 12]
    assert small == [], small
    # nothing is cut off or pushed out of the page: every label lies inside the window
    outside = [x for x in labels if x["left"] < 0 or x["right"] > width or x["width"] <= 0]
    assert outside == [], outside
    assert pg.evaluate("() => { const o = document.querySelector('.hb-org'); return o.scrollWidth <= o.clientWidth; }")
    pg.close()


def _cli_due(policies: Path, start: str, *args: str) -> str:
    """`handbook deadline`'s due date and time: '2026-10-12 17:30'."""
    r = run_cli("deadline", "--from", start, *args, "--policies", str(policies))
    assert r.returncode == 0, r.stdout + r.stderr
    line = next(x for x in r.stdout.splitlines() if x.startswith("截止 Due:"))
    m = re.match(r"截止 Due: (\d{4}-\d{2}-\d{2})（[^）]*） (\d{2}:\d{2}(?::\d{2})?)", line)
    assert m, line
    return f"{m[1]} {m[2]}"


def _widget_due(calc: Any) -> str:
    text = calc.locator(".hb-calc-due").inner_text()
    m = re.fullmatch(r"截止：(\d{4}-\d{2}-\d{2})（周.）(\d{2}:\d{2}(?::\d{2})?)", text)
    assert m, text
    return f"{m[1]} {m[2]}"


def _compute(calc: Any, day: str, clock: str = "") -> None:
    calc.locator(".hb-calc-start").fill(day)
    calc.locator(".hb-calc-time").fill(clock)
    calc.locator(".hb-calc-go").click()


@pytest.mark.browser
def test_role_page_calculators_agree_with_handbook_deadline(browser: Any, sites: dict[str, Path]) -> None:
    """Each deadline with a calendar period on the 客服 agent's page has a calculator next to it;
    from a start before National Day (with a time, and a day alone) it gives `handbook deadline
    --item`'s due date, and names the days it skips in Chinese only."""
    model = _model("shipped")
    by_title = {x.title: x for kind in ("stage", "standard", "followup", "method", "fu-rule") for x in model.of(kind)}
    with serve(sites["shipped"]) as url:
        pg, errors = _page(browser, 390)
        pg.goto(url + "roles/cs-agent/")
        pops = pg.locator("details.hb-calc-pop")
        assert pops.count() >= 3
        crossed = 0
        for i in range(pops.count()):
            pop = pops.nth(i)
            calc = pop.locator(".hb-calc")
            assert not calc.is_visible()  # folded until asked for: the table stays compact
            pop.locator("summary").click()
            assert calc.is_visible() and pop.locator("summary").inner_text().strip() == "计算截止日期"
            item = by_title[calc.get_attribute("data-label")]
            # the calculator sits in the row (or the line) of its own deadline
            assert pg.evaluate("e => e.closest('tr, li').textContent", pop.element_handle()).count(item.title) >= 1
            for day, clock in (("2026-09-29", "10:00"), ("2026-09-29", "")):
                _compute(calc, day, clock)
                start = f"{day} {clock}".strip()
                assert _widget_due(calc) == _cli_due(shipped_policies(), start, "--item", item.id), (item.id, start)
                detail = calc.locator(".hb-calc-detail").inner_text()
                assert not LATIN.search(detail), detail
                crossed += "国庆节" in detail
        assert crossed >= 2  # the holiday was skipped, and named, at least once
        assert errors == []
        pg.close()


@pytest.mark.browser
def test_a_day_without_a_time_counts_from_the_start_of_the_working_day(browser: Any, served: tuple[str, str]) -> None:
    """A start with no time of day is 0:00 of that day, as `handbook deadline --from YYYY-MM-DD`
    takes it: working hours are then counted from that day's opening time, which the widget says
    (the opening time is the project's own: 08:30 shipped, 09:00 for the second company)."""
    name, url = served
    cal = _model(name).calendar()
    assert cal is not None
    opening = f"{cal.company.opens:%H:%M}"
    assert opening == {"shipped": "08:30", "huaxin": "09:00"}[name]
    pg, errors = _page(browser, 390)
    pg.goto(url + "complaints/")
    calc = pg.locator(".hb-calc").last
    assert "只填日期即从当日 0:00 起算" in calc.inner_text() and f"上班时 {opening} 起算" in calc.inner_text()
    calc.locator(".hb-calc-unit").select_option("working_hours")
    calc.locator(".hb-calc-amount").fill("3")
    for day in ("2026-09-30", "2026-10-01", "2026-10-10"):  # a working day, a holiday, a make-up working day
        _compute(calc, day)
        date_only = _widget_due(calc)
        assert date_only == _cli_due(POLICIES[name], day, "--within", "3 working_hours"), day
        _compute(calc, day, opening)
        assert _widget_due(calc) == date_only, day  # the same as starting at the opening time
    _compute(calc, "2026-09-30")
    assert _widget_due(calc) == f"2026-09-30 {int(opening[:2]) + 3:02d}:{opening[3:]}"
    # elapsed time counts from 0:00 too, as the CLI does
    calc.locator(".hb-calc-unit").select_option("hours")
    _compute(calc, "2026-09-30")
    assert _widget_due(calc) == _cli_due(POLICIES[name], "2026-09-30", "--within", "3 hours") == "2026-09-30 03:00"
    assert errors == []
    pg.close()
