"""Issue 16.6: a page too long for a phone is split into one page per group, the page itself their
index. Built through the real CLI from the base set with a regulation of long articles added."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from browser import build, write_mkdocs_yml
from conftest import BASE, run_cli

ARTICLE = ("      - id: reg-long.a{n}\n        number: 第{n}条\n        title: 长条款{n}\n        binding: false\n"
           "        confidence: confirmed\n        text: {text}\n")


def test_a_long_regulations_page_is_split_by_regulation(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    articles = "".join(ARTICLE.format(n=n, text="保险公司应当依法处理投诉。" * 400) for n in range(1, 41))
    regs = policies / "regulations.yaml"
    regs.write_text(regs.read_text(encoding="utf-8") + "  - id: reg-long\n    title: 很长的监管办法\n"
                    "    type: regulation\n    status: current\n    articles:\n" + articles, encoding="utf-8")
    site = build(tmp_path, policies)
    index = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    # the page lists its parts, and holds no article itself
    assert 'href="reg-x/"' in index and 'href="reg-long/"' in index and 'id="reg-x.a1"' not in index
    long_page = (site / "regulations" / "reg-long" / "index.html").read_text(encoding="utf-8")
    assert "法规依据：很长的监管办法" in long_page and 'id="reg-long.a40"' in long_page
    assert 'id="reg-x.a1"' in (site / "regulations" / "reg-x" / "index.html").read_text(encoding="utf-8")
    # a link from another page reaches the article on its regulation's page
    standards = (site / "standards" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./regulations/(reg-x|int-reg)/#', standards), standards[:3000]
    # the editors' coverage page splits the same way; its list of gaps stays on the index
    coverage = (site / "editors" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert 'href="reg-long/"' in coverage and 'id="gaps"' in coverage and "长条款40" not in coverage
    assert "长条款40" in (site / "editors" / "coverage" / "reg-long" / "index.html").read_text(encoding="utf-8")
    # and so does the editors' sources page: what is unsure stays on its index, and a regulation
    # listed there links to its own page
    sources = (site / "editors" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="unsure"' in sources and 'href="reg-long/"' in sources and "长条款40" not in sources
    assert re.search(r'href="reg-[a-z-]+/#src-reg-[a-z-]+"', sources), sources
    long_sources = (site / "editors" / "sources" / "reg-long" / "index.html").read_text(encoding="utf-8")
    assert "法规来源说明：很长的监管办法" in long_sources and "长条款40" in long_sources
    assert 'id="src-reg-long"' in long_sources
    assert max(p.stat().st_size for p in site.rglob("*.html")) < 1_000_000
    # the parts sit under their page in the navigation: the tabs are the unsplit manual's (a review
    # counted 164 tabs at 10,000 items, one per part)
    tabs = re.findall(r'class="md-tabs__item', index)
    (tmp_path / "unsplit").mkdir()
    plain = (build(tmp_path / "unsplit", BASE) / "regulations" / "index.html").read_text(encoding="utf-8")
    assert len(tabs) == len(re.findall(r'class="md-tabs__item', plain)) > 0


def test_a_group_is_never_the_index_page(tmp_path: Path) -> None:
    """A review found a regulation with the id "index" written over the split page's index."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    articles = "".join(ARTICLE.format(n=n, text="保险公司应当依法处理投诉。" * 400).replace("reg-long", "index")
                       for n in range(1, 41))
    regs = policies / "regulations.yaml"
    regs.write_text(regs.read_text(encoding="utf-8") + "  - id: index\n    title: 很长的监管办法\n"
                    "    type: regulation\n    status: current\n    articles:\n" + articles, encoding="utf-8")
    site = build(tmp_path, policies)
    index = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    assert 'href="reg-x/"' in index and 'href="index-2/"' in index
    assert 'id="index.a40"' in (site / "regulations" / "index-2" / "index.html").read_text(encoding="utf-8")


def test_a_long_complaints_page_is_split_by_file(tmp_path: Path) -> None:
    """At 10,000 items the complaints page passed 1 MB (issue 16.6): its stages split into one page
    per policy file, the channels, triage and calculator staying on the page itself."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    base = policies / "complaints.yaml"
    long = "\n".join(["      " + "对收到的投诉进行登记。" * 20] * 400)  # in lines: a line is at most 10,000 characters
    base.write_text(base.read_text(encoding="utf-8").replace(
        "action: 对收到的投诉进行登记。", "action: >-\n" + long), encoding="utf-8")
    (policies / "complaints-review.yaml").write_text(
        "kind: complaints\ntitle: 复核流程\nversion: \"1\"\neffective_date: \"2026-01-01\"\n"
        "review_by: \"2099-12-31\"\nowner: cs-head\nstages:\n"
        "  - id: stage-review\n    name: 复核\n    role: cs-head\n    action: >-\n" + "\n".join(["      " + "复核处理决定。" * 30] * 400) + "\n"
        "    starts: ev-decided\n    implements: [int-reg.a1]\n"
        # another way in to the first file's process: its event is where that part is entered too
        "  - id: stage-quick\n    name: 快速登记\n    role: cs-agent\n    action: 当场登记。\n"
        "    starts: ev-received\n    produces: ev-registered\n    implements: [int-reg.a1]\n", encoding="utf-8")
    site = build(tmp_path, policies)
    index = (site / "complaints" / "index.html").read_text(encoding="utf-8")
    # the page lists the two files' parts; channels stay, no stage is on it
    assert 'href="complaints/"' in index and 'href="complaints-review/"' in index
    assert 'id="ch-hotline"' in index and 'id="stage-register"' not in index and "时限计算器" in index
    review = (site / "complaints" / "complaints-review" / "index.html").read_text(encoding="utf-8")
    assert "投诉处理：复核流程" in review and 'id="stage-review"' in review and 'id="ch-hotline"' not in review
    assert "复核流程" in review and 'class="mermaid"' in review
    first = (site / "complaints" / "complaints" / "index.html").read_text(encoding="utf-8")
    assert 'id="stage-decide"' in first and 'id="stage-review"' not in first
    # a group page's links reach the other pages (a review found events.md left relative to the index)
    assert 'href="../../events/"' in review and 'href="events.md"' not in review
    # 登记完成 is produced on the other page too: drawn as an event the first part is entered at
    flow = first[first.index('<pre class="mermaid">'):first.index("</pre>", first.index('<pre class="mermaid">'))]
    assert "登记完成" in flow, flow
    # the editors' list of policy files links each complaints file to its own part
    files = (site / "editors" / "files" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../complaints/complaints-review/"' in files, files[:3000]
    # a post's page links to its stage on the stage's page, and to a channel on the index
    agent = (site / "roles" / "cs-head" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./complaints/complaints-review/#stage-review"', agent), agent[:2000]
    assert max(p.stat().st_size for p in site.rglob("*.html")) < 1_000_000


def test_a_branch_offices_override_of_a_stage_stays_in_its_process(tmp_path: Path) -> None:
    """A review found a branch's override of a head-office stage moved to a page of the branch's
    own file, out of the process it belongs to."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    base = policies / "complaints.yaml"
    long = "\n".join(["      " + "对收到的投诉进行登记。" * 20] * 800)
    base.write_text(base.read_text(encoding="utf-8").replace(
        "action: 对收到的投诉进行登记。", "action: >-\n" + long), encoding="utf-8")
    branch = tmp_path / "branches" / "unit-cs"
    branch.mkdir(parents=True)
    (branch / "complaints.yaml").write_text(
        "kind: complaints\ntitle: 客服处补充规定\nversion: \"1\"\neffective_date: \"2026-01-01\"\n"
        "review_by: \"2099-12-31\"\nowner: cs-head\nstages:\n  - overrides: stage-decide\n"
        "    deadline: {amount: 10, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}\n",
        encoding="utf-8")
    cfg = write_mkdocs_yml(tmp_path, policies)
    site = tmp_path / "site"
    r = run_cli("build", "--branch", "unit-cs", "-f", str(cfg), "-d", str(site), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    pages = sorted(p.parent.name for p in (site / "complaints").glob("*/index.html"))
    assert pages == ["complaints"], pages  # one process, one page: no page for the branch's file
    first = (site / "complaints" / "complaints" / "index.html").read_text(encoding="utf-8")
    assert 'id="stage-decide"' in first and "10 日" in first
    assert "投诉处理：投诉处理（测试最小集）" in first and "客服处补充规定" not in first  # the head office's part


def test_only_a_large_manual_gets_the_pruned_navigation(tmp_path: Path) -> None:
    """navigation.prune makes a section open its page instead of unfolding on a phone (a review):
    a manual of more than PRUNE_AT pages gets it, for its size; a small one keeps the whole
    navigation."""
    (tmp_path / "small").mkdir()
    small = build(tmp_path / "small", BASE)
    glossary = (small / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../roles/cs-agent/"' in glossary  # every post is in every page's navigation
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    org = policies / "organisation.yaml"
    posts = "".join(f"  - id: post-{n}\n    name: 岗位{n}\n    unit: unit-cs\n    reports_to: cs-head\n"
                    f"    duties: [受理咨询]\n" for n in range(210))
    org.write_text(org.read_text(encoding="utf-8").replace("roles:\n", "roles:\n" + posts, 1), encoding="utf-8")
    (tmp_path / "large").mkdir()
    large = build(tmp_path / "large", policies)
    glossary = (large / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../roles/cs-agent/"' not in glossary and 'href="../roles/post-7/"' not in glossary
    assert 'href="../post-7/"' in (large / "roles" / "post-8" / "index.html").read_text(encoding="utf-8")  # its section


def test_a_complaints_parts_page_is_named_after_its_file_wherever_the_build_runs(tmp_path: Path) -> None:
    """A review found a part's page named by the order of the other files (a Chinese file name was
    other-2, then other-3 once another file came)."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    long = "\n".join(["      " + "复核处理决定。" * 30] * 400)
    for name, sid in (("投诉复核.yaml", "stage-review"), ("sub/complaints.yaml", "stage-sub")):
        (policies / name).parent.mkdir(exist_ok=True)
        (policies / name).write_text(
            "kind: complaints\ntitle: 复核\nversion: \"1\"\neffective_date: \"2026-01-01\"\nreview_by: \"2099-12-31\"\n"
            f"owner: cs-head\nstages:\n  - id: {sid}\n    name: 复核\n    role: cs-head\n    action: >-\n{long}\n"
            "    starts: ev-decided\n    implements: [int-reg.a1]\n", encoding="utf-8")
    cfg = write_mkdocs_yml(tmp_path, policies)
    parts = []
    for cwd in (tmp_path, policies):  # shown paths differ: policies/x.yaml, x.yaml
        site = tmp_path / f"site-{len(parts)}"
        r = run_cli("build", "-f", str(cfg), "-d", str(site), cwd=cwd, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        parts.append(sorted(p.parent.name for p in (site / "complaints").glob("*/index.html")))
    chinese = "part-" + hashlib.sha1("投诉复核".encode()).hexdigest()[:6]
    assert parts[0] == parts[1] == sorted(["complaints", "sub-complaints", chinese])
