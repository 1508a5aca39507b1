"""Issue 9.6: waivers follow a policy kept as data, and the manual shows who approved what until when."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_set, run_cli

STAGE = "{amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}"
HEADER = 'kind: waivers\ntitle: 豁免\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\nowner: cs-head\n'


def _breach(root: Path) -> None:
    f = root / "complaints.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(STAGE, STAGE.replace("15", "20", 1), 1), encoding="utf-8")


def test_a_waiver_cannot_silence_a_regulatory_limit(tmp_path: Path) -> None:
    """The issue's case: added in the same change, until 2999, a free-text approver."""
    root = make_set(tmp_path / "policies")
    _breach(root)
    (root / "waivers.yaml").write_text(HEADER + "waivers:\n  - id: wv-late\n    check: LIM001\n    item: stage-decide\n"
                                       "    approved_by: 张三（总经理）\n    reason: 人手不足\n    granted: \"2026-05-01\"\n"
                                       "    until: \"2999-12-31\"\n", encoding="utf-8")
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 1
    assert re.search(r"complaints\.yaml:\d+:\d+: LIM001 'stage-decide': 20 calendar_days", r.stdout), r.stdout
    assert "LIM001 waived" not in r.stdout
    assert "waivers.yaml:11:18: SCH004 waivers.0.approved_by: '张三（总经理）' is not in the required form" in r.stdout
    assert ("waivers.yaml:9:12: WVR003 waiver 'wv-late': LIM001 may never be waived: it is a breach of a "
            "regulatory limit") in r.stdout, r.stdout


def test_an_approver_needs_authority_and_a_waiver_has_a_maximum_length(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"),
                   encoding="utf-8")
    waiver = ("waivers:\n  - id: wv-duties\n    check: OWN002\n    item: cs-agent\n    approved_by: cs-agent\n"
              "    reason: 修订中\n    granted: \"2026-05-01\"\n    until: \"2026-12-31\"\n")
    (root / "waivers.yaml").write_text(HEADER + "authority:\n  - role: cs-head\n    checks: [OWN002]\nmax_days: 60\n"
                                       + waiver, encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert ("waivers.yaml:15:18: WVR003 waiver 'wv-duties': 'cs-agent' has no authority to waive OWN002 under "
            "authority; it may be approved by: cs-head") in r.stdout, r.stdout
    assert ("waivers.yaml:18:12: WVR003 waiver 'wv-duties': runs 244 days from 2026-05-01 to 2026-12-31, over the "
            "maximum of 60 (max_days)") in r.stdout
    assert "OWN002 waived" not in r.stdout and " OWN002 " in r.stdout  # the problem is not hidden
    # the same waiver, approved by the role with authority and within 60 days, applies
    (root / "waivers.yaml").write_text(HEADER + "authority:\n  - role: cs-head\n    checks: [OWN002]\nmax_days: 60\n"
                                       + waiver.replace("approved_by: cs-agent", "approved_by: cs-head")
                                       .replace("2026-12-31", "2026-06-30"), encoding="utf-8")
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 0, r.stdout
    assert "OWN002 waived" in r.stdout


def test_without_an_authority_list_only_the_head_may_approve(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    (root / "waivers.yaml").write_text(HEADER + "waivers:\n  - id: wv-a\n    check: OWN002\n    item: cs-agent\n"
                                       "    approved_by: cs-head\n    reason: 修订中\n    granted: \"2026-05-01\"\n"
                                       "    until: \"2026-06-30\"\n", encoding="utf-8")
    r = run_cli("check", str(root))
    assert "WVR003 waiver 'wv-a': 'cs-head' has no authority to waive OWN002 under the default (only the " \
           "organisation's head); it may be approved by: general-manager" in r.stdout, r.stdout


@pytest.mark.slow
def test_the_manual_lists_each_waiver_with_its_approver_reason_and_dates(tmp_path: Path) -> None:
    site = tmp_path / "site"
    r = run_cli("build", "-d", str(site), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    page = (site / "editors" / "waivers" / "index.html").read_text(encoding="utf-8")  # the editors' 豁免记录
    row = page[page.index('id="wv-calendar-2027"'):]
    row = row[:row.index("</tr>")]
    assert "运营管理部负责人" in row and 'href="../../roles/ops-dept-head/"' in row  # the approving role, linked
    assert "2026-11-29" in row and "2026-12-31" in row  # granted and until
    assert "2027年节假日安排尚未录入" in row  # the reason


def test_a_second_waivers_file_cannot_grant_authority(tmp_path: Path) -> None:
    """Found in review: authority was merged across files, so any new file could grant it."""
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"),
                   encoding="utf-8")
    (root / "waivers.yaml").write_text(HEADER + "authority:\n  - role: general-manager\n    checks: [\"*\"]\n"
                                       "waivers:\n  - id: wv-self\n    check: OWN002\n    item: cs-agent\n"
                                       "    approved_by: cs-agent\n    reason: 自己批准\n    granted: \"2026-05-01\"\n"
                                       "    until: \"2026-06-30\"\n", encoding="utf-8")
    (root / "waivers-extra.yaml").write_text(HEADER.replace("owner: cs-head", "owner: cs-agent")
                                             + "authority:\n  - role: cs-agent\n    checks: [\"*\"]\nwaivers: []\n",
                                             encoding="utf-8")
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 1
    assert "OWN002 waived" not in r.stdout
    assert ("waivers-extra.yaml:8:3: WVR003 more than one waivers file declares a waiver policy "
            "(waivers-extra.yaml, waivers.yaml): none applies" in r.stdout), r.stdout
    assert "WVR003 waiver 'wv-self': 'cs-agent' has no authority to waive OWN002" in r.stdout


def test_a_waiver_whose_date_is_not_a_date_does_not_apply(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"),
                   encoding="utf-8")
    (root / "waivers.yaml").write_text(HEADER + "waivers:\n  - id: wv-a\n    check: OWN002\n    item: cs-agent\n"
                                       "    approved_by: general-manager\n    reason: 修订中\n"
                                       "    granted: \"2026-05-01\"\n    until: |\n      2026-06-30\n", encoding="utf-8")
    r = run_cli("check", str(root))
    assert "OWN002 waived" not in r.stdout and " OWN002 " in r.stdout, r.stdout
    assert "WVR003 waiver 'wv-a': until is not a date written \"YYYY-MM-DD\": the waiver does not apply" in r.stdout
