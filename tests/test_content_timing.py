"""Issue 12.8: the incomplete-material path the audit found unchecked is now held to the 2020 rule's
15 days from receipt, with the audit's own dates, and every calendar-day limit states its roll rule
on the regulations page."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.config import Config
from handbook.engine import run
from handbook.render.manual import Manual
from handbook.resources import shipped_policies
from handbook.timeline import results

from conftest import run_cli


def test_the_audits_dates_the_notice_then_the_limit() -> None:
    # received 2026-02-13, a Friday before the Spring Festival: the notice to supply material is due
    # 02-27, the regulator's 15 days end 02-28 (a make-up working day, so it does not roll)
    notice = run_cli("deadline", "--from", "2026-02-13", "--item", "stage-request-materials")
    assert notice.returncode == 0 and "截止 Due: 2026-02-27" in notice.stdout, notice.stdout
    limit = run_cli("deadline", "--from", "2026-02-13", "--within", "15 calendar_days")
    assert "截止 Due: 2026-02-28" in limit.stdout


def test_the_incomplete_material_path_is_checked_against_15_days_from_receipt() -> None:
    model = run(shipped_policies(), Config()).model
    simple = next(r for r in results(model) if r.limit.id == "lim-2020-simple-15d")
    incomplete = [p for p in simple.paths if any(s.id == "stage-request-materials" for s in p.stages)]
    assert incomplete, [p.describe(model) for p in simple.paths]
    assert all("cond-incomplete" in p.conditions for p in incomplete)
    assert not simple.overruns and not simple.unbounded


def test_a_decision_counted_from_complete_material_fails_on_that_path(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root)
    f = root / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    stage = text.index("  - id: stage-decide\n")
    head, tail = text[:stage], text[stage:]
    f.write_text(head + tail.replace("      from: ev-received\n", "      from: ev-materials-complete\n", 1),
                 encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    found = [line for line in r.stdout.splitlines() if " TML002 " in line and "lim-2020-simple-15d" in line]
    # the path through the complainant's material: the decision's clock now waits on them
    assert any("stage-request-materials → stage-supply-materials" in x and "outside the company" in x for x in found), \
        r.stdout


def test_every_calendar_day_limit_states_its_roll_rule() -> None:
    model = run(shipped_policies(), Config()).model
    page = next(p for p in Manual(model).pages() if p.src == "regulations.md").markdown
    for limit in model.of("limit"):
        if limit.get("unit") == "calendar_days":
            line = next(x for x in page.splitlines() if f'id="{limit.id}"' in x)
            assert "最后一日为休息日时：" in line, line
