"""Issue 9.16: a stored URL or contact may only use http(s), mailto or tel."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_set, run_cli

CONTACT = 'contact: {phone: "95500"}'


@pytest.mark.parametrize(("field", "value", "code", "words"), [
    ("url", "javascript:alert(10)", "SCH004", "'javascript:alert(10)' is not in the required form"),
    ("url", "data:text/html,x", "SCH004", "is not in the required form"),
    ("url", "//evil.example/x", "SCH004", "is not in the required form"),
    ("email", "mailto:javascript:alert(1)", "SCH004", "is not in the required form"),
    ("phone", " JavaScript:alert(1)", "SCH004", "is not allowed here"),
    ("address", "vbscript:msgbox(1)", "SCH004", "is not allowed here"),
])
def test_scripts_in_contacts_are_refused(tmp_path: Path, field: str, value: str, code: str, words: str) -> None:
    root = make_set(tmp_path / "policies")
    f = root / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if CONTACT in ln)
    new = f'contact: {{{field}: "{value}"}}'
    f.write_text(text.replace(CONTACT, new), encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    col = text.splitlines()[line - 1].index(CONTACT) + len("contact: {") + len(field) + 3
    assert f"complaints.yaml:{line}:{col}: {code} channels.0.contact.{field}: " in r.stdout, r.stdout
    assert words in r.stdout


@pytest.mark.parametrize(("field", "value"), [
    # a company domain: example.com and the reserved .test are placeholders a published channel may not show (CHN003)
    ("url", "https://www.huaxin-ins.cn/service"), ("email", "service@huaxin-ins.cn"),
    ("phone", "400-888-8888 转 2"), ("hours", "工作日 08:30-17:30"), ("phone", "tel:95500")])
def test_ordinary_contacts_pass(tmp_path: Path, field: str, value: str) -> None:
    root = make_set(tmp_path / "policies")
    f = root / "complaints.yaml"
    extra = "" if field == "phone" else ', phone: "95500"'  # a hotline must keep its phone (CHN001)
    f.write_text(f.read_text(encoding="utf-8").replace(CONTACT, f'contact: {{{field}: "{value}"{extra}}}'),
                 encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 0, r.stdout
