"""Issue 10.12: the rule modules' messages that misled an editor, and their translations.

Each case runs the real CLI on the base set with one change, and asserts the new
message at its file:line:column, with the exit code; the Chinese text is checked
too, since that is what the compliance editors read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import handbook.checks
from handbook.checks.rule_source import OPTIONS as TRC002_OPTIONS
from handbook.checks.rule_source import source_fields
from handbook.i18n import LANGUAGES, LOCALE_DIR

from conftest import make_set, run_cli

# what from_environment() reads, emptied so that LANG alone decides
NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def _edit(root: Path, name: str, *changes: tuple[str, str]) -> None:
    """Replace text in one file of the set; each old text must be there (first occurrence)."""
    f = root / name
    text = f.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    f.write_text(text, encoding="utf-8")


def _lines(out: str, code: str) -> list[str]:
    return [ln for ln in out.splitlines() if f" {code} " in ln]


# -- TRC002: the field that names the source, per kind of item ---------------------------

def test_trc002_names_required_by_for_a_channel_and_implements_for_a_principle(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _edit(root, "complaints.yaml", ("    implements: [int-reg.a1]\nchannels:", "channels:"),
          ("    required_by: [int-reg.a1]\n", ""))
    r = run_cli("check", str(root))
    assert r.returncode == 0, r.stdout  # warnings only
    assert _lines(r.stdout, "TRC002") == [
        "complaints.yaml:8:5: TRC002 warning: principle 'pr-lawful' (依法) names no source: "
        "add implements: [article ids]",
        "complaints.yaml:11:5: TRC002 warning: channel 'ch-hotline' (客服热线) names no source: "
        "add required_by: [article ids]",
    ]
    zh = run_cli("--lang", "zh_CN", "check", str(root))
    assert "complaints.yaml:11:5: TRC002 warning: channel “ch-hotline”（客服热线）未注明依据：请添加 required_by: [条款标识]" \
        in zh.stdout, zh.stdout


def test_trc002_fields_come_from_the_schemas() -> None:
    fields = source_fields()
    assert fields["channel"] == ("required_by",)
    assert fields["stage"] == fields["principle"] == ("implements",)
    # every kind the rule looks at by default has a field to name its source in
    assert [k for k in TRC002_OPTIONS["kinds"] if not fields.get(k)] == []


# -- SEQ002: a stage without a deadline is named ------------------------------------------

def test_tml002_names_the_path_and_the_stage_without_a_deadline(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    # ev-decided <- stage-decide (from ev-registered) <- stage-register, which has no deadline
    _edit(root, "complaints.yaml",
          ("    deadline: {amount: 1, unit: calendar_days, from: ev-received}\n", ""),
          ("deadline: {amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}",
           "deadline: {amount: 15, unit: calendar_days, from: ev-registered}"))
    r = run_cli("check", str(root))
    assert r.returncode == 1, r.stdout
    # pointed at the deadline that counts from the unbounded event, naming the stage at fault
    assert _lines(r.stdout, "TML002") == [
        "complaints.yaml:32:55: TML002 limit lim-x-15d (15 calendar_days, 测试监管办法, from 'ev-received' to "
        "'ev-decided') cannot be guaranteed on the path ev-received → stage-register → stage-decide: "
        "'stage-decide' counts from 'ev-registered', which has no latest date (stage 'stage-register' has no "
        "deadline)"]
    zh = run_cli("--lang", "zh_CN", "check", str(root))
    assert "complaints.yaml:32:55: TML002 路径 ev-received → stage-register → stage-decide 无法保证满足监管时限 " \
           "lim-x-15d（15 日（自然日），测试监管办法，自“ev-received”至“ev-decided”）：“stage-decide”自" \
           "“ev-registered”起算，而该事件没有最晚日期（环节“stage-register”没有时限）" in zh.stdout, zh.stdout


# -- CAL001: with no calendar file, pinned to the organisation file, naming the file to create ---

def test_cal001_without_a_calendar_file_points_at_the_organisation_file(tmp_path: Path) -> None:
    make_set(tmp_path / "policies")  # the base set has no calendar file; complaints.yaml sorts first
    r = run_cli("check", "policies", "--today", "2026-11-29", cwd=tmp_path)
    assert r.returncode == 0, r.stdout  # a warning
    assert _lines(r.stdout, "CAL001") == [
        "policies/organisation.yaml:1:1: CAL001 warning: there is no calendar file, and the holiday package alone "
        "covers 2004-2026: deadlines counted from today (2026-11-29) can run to 2027-01-28; create "
        "policies/calendar.yaml (kind: calendar) in the policy folder, with the State Council's schedule for 2027 "
        "under 'years'"]
    zh = run_cli("check", "policies", "--today", "2026-11-29", cwd=tmp_path, env={**NO_LOCALE, "LANG": "zh_CN.UTF-8"})
    assert "policies/organisation.yaml:1:1: CAL001 warning: 尚无日历文件，仅凭内置节假日数据覆盖的年份为 2004-2026；" \
           "从今天（2026-11-29）起算的时限最晚可到 2027-01-28：请在政策文件夹中新建 policies/calendar.yaml" \
           "（kind: calendar），在 years 下录入国务院办公厅公布的 2027 年节假日安排" in zh.stdout, zh.stdout


def test_cal001_with_a_calendar_file_stays_on_it(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "rules" / "CAL001" / "fail"
    root = make_set(tmp_path / "policies", fixture)
    r = run_cli("check", str(root), "--today", "2026-11-29")
    assert _lines(r.stdout, "CAL001") == [
        "calendar.yaml:1:1: CAL001 warning: deadlines counted from today (2026-11-29) can run to 2027-01-28, but the "
        "working-day calendar covers 2004-2026: add the State Council's schedule for 2027 under 'years' in the "
        "calendar file"]


# -- REF001: a name where an id belongs; field paths with real indexes ---------------------

def test_ref001_suggests_the_id_of_the_post_named(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _edit(root, "complaints.yaml", ("role: cs-head", "role: 客服处负责人"))  # stage-decide, stages.1
    _edit(root, "standards.yaml", ("    owner: cs-agent", "    owner: 客户服务岗"),
          ("applies_to: [cs-agent]", "applies_to: [cs-agent, 客服岗]"))  # a shortened name still finds it
    _edit(root, "glossary.yaml", ("问卷访问。\n", "问卷访问。\n    see: [作出决定并告知]\n"))  # any kind of item
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert _lines(r.stdout, "REF001") == [
        "complaints.yaml:29:11: REF001 stages.1.role: no role with id '客服处负责人'; did you mean 'cs-head' "
        "(客服处负责人)? A reference names an item by its id, not its name",
        "glossary.yaml:11:11: REF001 terms.0.see.0: no item with id '作出决定并告知'; did you mean 'stage-decide' "
        "(作出决定并告知)? A reference names an item by its id, not its name",
        "standards.yaml:15:12: REF001 standards.0.owner: no role with id '客户服务岗'; did you mean 'cs-agent' "
        "(客户服务岗)? A reference names an item by its id, not its name",
        "standards.yaml:16:28: REF001 standards.0.applies_to.1: no role with id '客服岗'; did you mean 'cs-agent' "
        "(客户服务岗)? A reference names an item by its id, not its name",
    ]
    zh = run_cli("--lang", "zh_CN", "check", str(root))
    assert "complaints.yaml:29:11: REF001 stages.1.role：没有标识为“客服处负责人”的 role；是否应为“cs-head”" \
           "（客服处负责人）？引用须写条目的标识，而不是名称" in zh.stdout, zh.stdout


def test_ref001_field_paths_carry_list_indexes(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _edit(root, "organisation.yaml", ("reports_to: general-manager\n    duties: [认定", "reports_to: general-mangaer\n"
                                      "    duties: [认定"))  # inspector, the fourth role
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert _lines(r.stdout, "REF001") == [
        "organisation.yaml:38:17: REF001 roles.3.reports_to: no role with id 'general-mangaer'; "
        "did you mean 'general-manager'?"]
    assert "*" not in r.stdout


# -- the catalogues ---------------------------------------------------------------------------

def _checks_ids() -> set[str]:
    return {m if isinstance(m, str) else m[0] for _f, _l, m, _c, _x in extract_from_dir(
        Path(handbook.checks.__path__[0]), method_map=[("**.py", "python")], keywords={"_": None})}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_message_is_in_checks_po(lang: str) -> None:
    """The rule modules' messages are in the catalogues (checks.po, or the .po of the feature that
    added the rule), each translated."""
    cat: dict[str, str] = {}
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            cat.update({m.id: m.string for m in read_po(f, locale=lang) if m.id})
    ids = _checks_ids()
    assert sorted(ids - set(cat)) == []
    if lang == "en":
        assert [i for i in ids if cat[i] != i] == []
    else:  # a real translation, never the English left in place
        assert [i for i in ids if not cat[i] or cat[i] == i] == []
