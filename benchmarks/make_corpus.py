"""Write a valid synthetic policy set: python benchmarks/make_corpus.py N OUTDIR [--seed S]

About N items (roles, units, sources, articles, limits, standards, stages, events,
terms, violations, follow-up kinds, ...) in files of about 200 items each, with
Chinese titles and requirements, every reference resolving, ids unique across
files, one organisation file whose reporting lines form a tree rooted at `head`,
and every date quoted. `handbook check OUTDIR` prints "no problems" for it.

The mix follows the shipped policies: most items are articles, standards and
glossary terms. Deadlines bounded by a regulatory limit are mostly in the limit's
own unit (as in the shipped set); one standard in 200 has a working-day deadline
under a calendar-day limit, which makes LIM001 compare start date by start date.

A calendar file is included with synthetic (not official) 2027 and 2028 holiday
schedules, so that CAL001 stays quiet until late 2028.

Deterministic: the same N and seed give the same files byte for byte.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Never write anchors and aliases (YML010 refuses them): shared values are written out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

PER_FILE = 200
HEAD = "general-manager"
REVIEW_BY = "2099-12-31"

# -- Chinese text -------------------------------------------------------------

SUBJECTS = [
    "客户服务人员", "柜面服务人员", "理赔人员", "回访专员", "投诉处理岗", "分支机构", "客户服务中心", "电话中心坐席",
    "督察员", "质检人员", "保全人员", "核保人员", "营销员", "销售管理部门", "运营管理部", "客服处负责人",
    "二级机构负责人", "各营业职场", "信息技术部门", "培训管理岗",
]
VERBS = [
    "应当在规定时限内", "须及时", "应当一次性", "应当如实", "须按照公司规定", "应当主动", "应当在受理后",
    "须在当日", "应当按月", "须严格", "应当在收到材料后", "应当以书面形式", "须通过录音录像",
]
OBJECTS = [
    "告知客户理赔所需的全部材料", "登记客户投诉事项并分派处理", "核实投保人身份和保单信息",
    "记录回访结果并归档保存", "向客户说明保险条款和免责事项", "答复客户的咨询和查询",
    "将处理结果告知投诉人", "对回访中发现的问题进行整改", "审核保全申请并办理变更",
    "向客户提供保单查询服务", "统计分析客户投诉数据", "开展服务质量检查",
    "对新入职人员进行岗前培训", "公示服务承诺和收费标准", "妥善保管客户的个人信息",
    "处理客户提出的退保申请", "核定保险责任并支付保险金", "对营销员的销售行为进行回访",
]
TAILS = [
    "并做好书面记录", "确保客户充分知情", "不得推诿或拖延", "留存相关凭证备查", "按月汇总并上报",
    "发现问题及时整改", "纳入绩效考核", "特殊情况报部门负责人审批", "不得要求客户重复提供材料",
    "处理结果应当告知客户", "对不符合要求的予以退回", "必要时会同相关部门处理",
    "相关记录保存不少于五年", "遇节假日顺延至下一工作日",
]
TOPICS = [
    "理赔", "保全", "回访", "投诉", "咨询", "退保", "续期", "柜面", "电话中心", "贵宾客户", "信息安全", "服务质量",
    "培训", "营销行为", "犹豫期", "保单送达", "客户信息", "服务承诺", "应急处置", "消费者权益保护",
]
SUFFIXES = ["管理", "服务规范", "时效要求", "工作要求", "处理规则", "操作规程", "质量标准", "记录要求"]
TERM_HEADS = ["保单", "投保", "理赔", "保全", "回访", "投诉", "犹豫期", "退保", "受益人", "被保险人", "保险金",
              "宽限期", "复效", "现金价值", "免责条款", "等待期", "核保", "续保", "保费", "客户"]
TERM_TAILS = ["", "申请", "时效", "材料", "通知", "记录", "变更", "确认", "登记", "查询", "核定", "给付"]
NUMERALS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 105 -> 一百零五 (enough for article numbers)."""
    if n < 10:
        return NUMERALS[n]
    if n < 20:
        return "十" + (NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        return NUMERALS[n // 10] + "十" + (NUMERALS[n % 10] if n % 10 else "")
    rest = n % 100
    head = NUMERALS[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + NUMERALS[rest] if rest < 10 else cn_number(rest) if rest >= 20 else "一" + cn_number(rest))


class Text:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def sentence(self, lo: int = 20, hi: int = 80) -> str:
        r = self.r
        target = r.randint(lo, hi)
        s = r.choice(SUBJECTS) + r.choice(VERBS) + r.choice(OBJECTS)
        while len(s) + 1 < target:
            s += "，" + r.choice(TAILS if r.random() < 0.7 else OBJECTS)
        return s[: hi - 1] + "。"

    def title(self, lo: int = 20, hi: int = 40) -> str:
        r = self.r
        target = r.randint(lo, hi)
        s = r.choice(TOPICS) + r.choice(SUFFIXES) + "：" + r.choice(OBJECTS)
        while len(s) < target:
            s += "，" + r.choice(TAILS)
        return s[:hi]

    def name(self) -> str:
        return self.r.choice(TOPICS) + self.r.choice(SUFFIXES)

    def term(self, n: int) -> str:
        return self.r.choice(TERM_HEADS) + self.r.choice(TERM_TAILS) + f"（{n}）"


# -- the generator ---------------------------------------------------------------


def chunks(total: int, per: int = PER_FILE) -> list[int]:
    """Split total into ceil(total/per) nearly equal parts (at least one part of >= 1)."""
    total = max(total, 1)
    n = max(1, math.ceil(total / per))
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def header(kind: str, title: str, owner: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "title": title, "version": "2026.1", "effective_date": "2026-01-01",
            "review_by": REVIEW_BY, "owner": owner, **extra}


class Corpus:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.r = random.Random(seed)
        self.t = Text(self.r)
        self.files: list[tuple[str, dict[str, Any]]] = []
        self.items = 0

    # pools filled as files are generated, used by later kinds
    roles: list[str]
    staffed: list[str]
    articles: list[str]  # current articles any rule may implement
    limits: dict[int, list[str]]  # calendar-day amount -> limit ids
    violations: list[str]
    events: list[str]  # events produced by no stage: any deadline may count from them
    methods: list[str]

    def plan(self) -> dict[str, int]:
        n = self.n
        roles = min(200, max(12, n // 50))
        units = max(4, roles // 6)
        m = max(n - roles - units - 1, 100)
        plan = {
            "roles": roles,
            "units": units,
            "standards": round(m * 0.25),
            "terms": round(m * 0.15),
            "violations": round(m * 0.05),
            "complaints": round(m * 0.12),
            "followups": round(m * 0.06),
        }
        used = sum(plan.values()) - roles - units
        plan["regulations"] = max(m - used, 60)  # sources + articles + limits
        return plan

    def add(self, name: str, doc: dict[str, Any], items: int) -> None:
        self.files.append((name, doc))
        self.items += items

    def build(self) -> None:
        p = self.plan()
        self.organisation(p["roles"], p["units"])
        self.calendar()
        self.regulations(p["regulations"])
        self.penalties(p["violations"])
        self.complaints(p["complaints"])
        self.followups(p["followups"])
        self.standards(p["standards"])
        self.glossary(p["terms"])

    # organisation: one file, reporting lines a tree rooted at HEAD
    def organisation(self, n_roles: int, n_units: int) -> None:
        t, r = self.t, self.r
        units = [{"id": "unit-gm", "name": "总经理室", "type": "executive", "duties": ["对客户服务工作负最终责任"]}]
        depts = max(2, (n_units - 1) // 4)
        for d in range(depts):
            units.append({"id": f"unit-d{d + 1}", "name": f"{TOPICS[d % len(TOPICS)]}管理部", "type": "department",
                          "parent": "unit-gm", "duties": [t.sentence(20, 50)]})
        for k in range(n_units - 1 - depts):
            units.append({"id": f"unit-d{k % depts + 1}-v{k + 1}", "name": t.name() + "处",
                          "type": r.choice(["division", "centre", "branch"]), "parent": f"unit-d{k % depts + 1}",
                          "duties": [t.sentence(20, 50)]})
        roles: list[dict[str, Any]] = [{"id": HEAD, "name": "总经理", "unit": "unit-gm",
                                        "duties": ["对客户服务工作负最终责任"], "headcount": 1,
                                        "leading_group": "leader"},
                                       {"id": "inspector", "name": "督察员", "unit": "unit-gm", "reports_to": HEAD,
                                        "duties": ["认定服务质量问题的处罚等级"], "headcount": 2,
                                        "leading_group": "inspector"}]
        # each later role reports to one already listed: a tree by construction
        heads = {HEAD: "unit-gm"}
        for u in units[1:]:
            if len(roles) >= n_roles:
                break
            boss = HEAD if u["parent"] == "unit-gm" else f"head-{u['parent']}"
            rid = f"head-{u['id']}"
            role = {"id": rid, "name": u["name"] + "负责人", "unit": u["id"], "reports_to": boss,
                    "duties": [t.sentence(20, 60), t.sentence(20, 60)], "headcount": 1}
            if u["type"] == "department":
                role["leading_group"] = "member"
            roles.append(role)
            heads[rid] = u["id"]
        unit_heads = list(heads)[1:] or [HEAD]
        k = 0
        while len(roles) < n_roles:
            boss = unit_heads[k % len(unit_heads)]
            k += 1
            role = {"id": f"post-{k:04d}", "name": t.name() + "岗", "unit": heads[boss], "reports_to": boss,
                    "duties": [t.sentence(20, 60) for _ in range(r.randint(1, 3))], "headcount": r.randint(1, 12)}
            if r.random() < 0.2:
                role["requirements"] = ["经岗前培训并考试合格"]
            roles.append(role)
        self.roles = [x["id"] for x in roles]
        self.staffed = self.roles  # every headcount here is above zero
        doc = header("organisation", "组织架构与岗位职责", HEAD, head=HEAD, units=units, roles=roles)
        self.add("organisation.yaml", doc, len(units) + len(roles))

    def calendar(self) -> None:
        def schedule(year: int, blocks: list[tuple[str, str]], makeup: list[str], source: str) -> dict[str, Any]:
            hol: list[str] = []
            for a, b in blocks:
                d0, d1 = date.fromisoformat(f"{year}-{a}"), date.fromisoformat(f"{year}-{b}")
                hol += [date.fromordinal(o).isoformat() for o in range(d0.toordinal(), d1.toordinal() + 1)]
            mk = [f"{year}-{m}" for m in makeup]
            assert all(date.fromisoformat(m).weekday() >= 5 for m in mk), mk
            return {"source": source, "holidays": hol, "makeup_workdays": mk}

        note = "基准测试用的假定安排，非国务院办公厅通知"
        years = {
            "2027": schedule(2027, [("01-01", "01-03"), ("02-05", "02-13"), ("04-03", "04-05"), ("05-01", "05-05"),
                                    ("06-09", "06-11"), ("09-15", "09-17"), ("10-01", "10-07")],
                             ["01-31", "02-20", "04-25", "05-08", "09-26", "10-09"], note),
            "2028": schedule(2028, [("01-01", "01-03"), ("01-25", "02-01"), ("04-02", "04-04"), ("05-01", "05-05"),
                                    ("05-28", "05-30"), ("10-01", "10-07")],
                             ["01-22", "02-05", "04-30", "05-06", "09-30", "10-08"], note),
        }
        doc = {"kind": "calendar", "id": "company-calendar", "title": "公司工作日历", "version": "2026.1",
               "effective_date": "2026-01-01", "review_by": REVIEW_BY, "owner": HEAD,
               "description": "法定节假日以 chinese-calendar 数据包为准；2027、2028 年为基准测试用的假定安排。",
               "business_hours": {"start": "08:30", "end": "17:30", "lunch": {"start": "12:00", "end": "13:00"}},
               "closures": [], "extra_workdays": [], "years": years}
        self.add("calendar.yaml", doc, 1)

    # regulations: external sources with binding articles and limits, internal rules citing them
    def regulations(self, total: int) -> None:
        t, r = self.t, self.r
        self.articles, self.limits = [], {3: [], 10: [], 15: [], 30: [], 60: []}
        src_no = 0
        for f, budget in enumerate(chunks(total), 1):
            sources: list[dict[str, Any]] = []
            per_source = 24
            n_sources = max(2, round(budget / (per_source + 1.6)))
            arts_left = budget - n_sources
            ext_binding: list[str] = []
            current_ext: str | None = None
            items = n_sources
            for s in range(n_sources):
                src_no += 1
                internal = s % 2 == 1
                repealed = not internal and src_no % 9 == 0 and current_ext is not None
                sid = f"{'int' if internal else 'reg'}-{src_no:05d}"
                n_arts = max(1, min(arts_left - (n_sources - s - 1), round(arts_left / (n_sources - s))))
                arts_left -= n_arts
                src: dict[str, Any] = {"id": sid, "title": t.name() + ("实施细则" if internal else "管理办法"),
                                       "type": "internal" if internal else r.choice(["law", "regulation"]),
                                       "status": "repealed" if repealed else "current"}
                if not internal:
                    src["issuer"] = "国家金融监督管理总局"
                    src["number"] = f"监管令{2000 + src_no % 26}年第{src_no % 30 + 1}号"
                    src["effective_date"] = f"{2000 + src_no % 26}-{src_no % 12 + 1:02d}-01"
                    src["confidence"] = "confirmed"
                if repealed:
                    src["repealed_date"] = "2020-03-01"
                    src["superseded_by"] = current_ext
                arts = []
                for a in range(1, n_arts + 1):
                    aid = f"{sid}.a{a}"
                    art: dict[str, Any] = {"id": aid, "number": f"第{cn_number(a)}条", "title": t.title(20, 40),
                                           "text": t.sentence(30, 80)}
                    if internal:
                        # cite the external binding articles in turn, so each one is implemented
                        cites = [ext_binding[(a - 1) % len(ext_binding)]] if ext_binding else []
                        if ext_binding and r.random() < 0.3:
                            extra_cite = r.choice(ext_binding)
                            if extra_cite not in cites:
                                cites.append(extra_cite)
                        if cites:
                            art["cites"] = cites
                        self.articles.append(aid)
                    elif not repealed:
                        art["binding"] = r.random() < 0.7
                        art["confidence"] = r.choice(["confirmed", "confirmed", "likely"])
                        if art["binding"]:
                            ext_binding.append(aid)
                        self.articles.append(aid)
                        if r.random() < 0.06:
                            amount = r.choice(list(self.limits))
                            lid = f"lim-{sid}-{a}-{amount}d"
                            art["limits"] = [{"id": lid, "bounds": t.title(10, 24), "from": "收到申请",
                                              "amount": amount,
                                              "unit": "calendar_days", "confidence": "confirmed"}]
                            self.limits[amount].append(lid)
                            items += 1
                    else:
                        art["binding"] = True  # a repealed regulation binds nobody any more
                    arts.append(art)
                    items += 1
                src["articles"] = arts
                if not internal:
                    current_ext = None if repealed else sid
                sources.append(src)
            # internal sources are listed after the external ones they cite; make sure
            # the last external sources of the file are covered too
            self._cover(sources, ext_binding)
            doc = header("regulations", f"法规与公司制度（第{f}册）", HEAD, sources=sources)
            self.add(f"regulations-{f:04d}.yaml", doc, items)
        for amount in self.limits:  # a limit of every amount exists, for deadlines to be bounded by
            if not self.limits[amount]:
                self.limits[amount] = []

    def _cover(self, sources: list[dict[str, Any]], binding: list[str]) -> None:
        cited = {c for s in sources if s["type"] == "internal" for a in s["articles"] for c in a.get("cites", [])}
        missing = [b for b in binding if b not in cited]
        internal_arts = [a for s in sources if s["type"] == "internal" for a in s["articles"]]
        if not internal_arts:  # no internal source in this file: turn the articles non-binding
            for s in sources:
                for a in s["articles"]:
                    if a.get("binding"):
                        a["binding"] = False
            return
        for i, b in enumerate(missing):
            art = internal_arts[i % len(internal_arts)]
            art.setdefault("cites", [])
            if b not in art["cites"]:
                art["cites"].append(b)

    def implements(self, k: int = 2) -> list[str]:
        return sorted(set(self.r.sample(self.articles, min(k, len(self.articles)))))

    def bounded(self, max_amount: int) -> tuple[int, list[str]] | None:
        """A calendar-day amount and a limit it fits (same unit, amount <= the limit's)."""
        amounts = [a for a in self.limits if self.limits[a] and a >= max_amount]
        if not amounts:
            return None
        limit_amount = self.r.choice(amounts)
        return min(max_amount, limit_amount), [self.r.choice(self.limits[limit_amount])]

    # penalties: tiers ranked 1.. across all files in file order, every tier used
    def penalties(self, total: int) -> None:
        t, r = self.t, self.r
        self.violations = []
        rank = 0
        for f, budget in enumerate(chunks(total), 1):
            names = ["轻", "中", "重"] if f == 1 else [f"加重{f - 1}级"]
            tiers = []
            for nm in names:
                rank += 1
                tiers.append({"id": f"tier-{rank}", "name": nm, "rank": rank,
                              "sanctions": [r.choice(["批评教育", "通报批评", "扣减绩效", "取消评优资格",
                                                      "调离岗位"])]})
            n_rewards = max(1, budget // 40)
            n_viol = max(len(tiers), budget - len(tiers) - n_rewards)
            viols = []
            for v in range(n_viol):
                vid = f"viol-{f:04d}-{v + 1:04d}"
                viol = {"id": vid, "title": t.title(12, 30), "tier": tiers[v % len(tiers)]["id"]}
                if r.random() < 0.3:
                    viol["description"] = t.sentence(20, 60)
                viols.append(viol)
                self.violations.append(vid)
            rewards = [{"id": f"reward-{f:04d}-{k + 1}", "name": t.name() + "表彰", "basis": t.sentence(20, 50)}
                       for k in range(n_rewards)]
            doc = header("penalties", f"服务质量奖惩（第{f}册）", HEAD, judged_by="inspector", tiers=tiers,
                         violations=viols, rewards=rewards)
            self.add(f"penalties-{f:04d}.yaml", doc, len(tiers) + len(viols) + len(rewards))
        self._breach = 0

    def breach(self) -> str:
        """Violations in turn, so that every one is the breach of something."""
        v = self.violations[self._breach % len(self.violations)]
        self._breach += 1
        return v

    def role(self) -> str:
        return self.r.choice(self.staffed)

    # complaints: processes of 9 events, 7 stages and 2 end-to-end spans, plus the other lists
    def complaints(self, total: int) -> None:
        t, r = self.t, self.r
        self.events = []
        contact = {"hotline": {"phone": "95500"}, "fax": {"fax": "010-12345678"},
                   "letter": {"address": "北京市某区某路1号"},
                   "reception": {"address": "各营业职场客户服务中心"}, "email": {"email": "kefu@example.com"},
                   "online": {"url": "https://www.example.com/kefu"}}
        for f, budget in enumerate(chunks(total), 1):
            pre = f"c{f}"
            extra = max(6, budget // 5)
            n_proc = max(1, (budget - extra) // 18)
            few = max(1, extra // 6)
            items = 0

            def lst(kind: str, n: int, make: Any) -> list[dict[str, Any]]:
                nonlocal items
                items += n
                return [make(f"{kind}-{pre}-{k + 1}") for k in range(n)]

            principles = lst("pr", few, lambda i: {"id": i, "name": t.name(), "description": t.sentence(20, 60),
                                                   "implements": self.implements()})
            types = list(contact)
            channels = lst("ch", few, lambda i: {"id": i, "name": t.name() + "渠道", "type": (ty := r.choice(types)),
                                                 "contact": dict(contact[ty]), "published": True,
                                                 "required_by": self.implements(1)})
            events: list[dict[str, Any]] = []
            stages: list[dict[str, Any]] = []
            spans: list[dict[str, Any]] = []
            for q in range(1, n_proc + 1):
                p = f"{pre}-{q}"
                received, complete = f"ev-{p}-received", f"ev-{p}-complete"
                self.events += [received, complete]
                steps = [  # stage key, counts from, amount, unit, bounded, produced event name
                    ("register", received, 1, "calendar_days", False, "登记完成"),
                    ("material", received, 5, "working_days", False, "通知补充材料"),
                    ("accept", complete, 5, "calendar_days", True, "告知是否受理"),
                    ("investigate", complete, None, None, False, "调查核实完成"),
                    ("simple", received, 15, "calendar_days", True, "简单投诉决定告知"),
                    ("complex", received, 30, "calendar_days", True, "复杂投诉决定告知"),
                    ("close", f"ev-{p}-simple", 5, "working_days", False, "结案归档"),
                ]
                events += [{"id": received, "name": "收到投诉" + t.name()},
                           {"id": complete, "name": "收到完整投诉材料"}]
                for key, start, amount, unit, bounded, ev_name in steps:
                    sid = f"stage-{p}-{key}"
                    stage: dict[str, Any] = {"id": sid, "name": ev_name, "role": self.role(),
                                             "action": t.sentence(30, 80)}
                    if r.random() < 0.3:
                        stage["details"] = [t.sentence(20, 50) for _ in range(2)]
                    if amount is not None:
                        dl: dict[str, Any] = {"amount": amount, "unit": unit, "from": start}
                        if bounded:
                            b = self.bounded(amount)
                            if b is not None:
                                dl["amount"], dl["bounded_by"] = b
                        stage["deadline"] = dl
                    stage["implements"] = self.implements()
                    stage["breach"] = self.breach()
                    stages.append(stage)
                    events.append({"id": f"ev-{p}-{key}", "name": ev_name, "after": sid})
                for key, name in (("simple", "简单投诉全流程"), ("complex", "复杂投诉全流程")):
                    stage = next(s for s in stages if s["id"] == f"stage-{p}-{key}")
                    spans.append({"id": f"span-{p}-{key}", "name": name, "to": f"ev-{p}-{key}",
                                  "deadline": {**stage["deadline"],
                                               "bounded_by": list(stage["deadline"].get("bounded_by", []))}
                                  if stage["deadline"].get("bounded_by") else dict(stage["deadline"]),
                                  "implements": self.implements(1)})
                items += 18  # 9 events, 7 stages, 2 spans
            triage = lst("tri", few, lambda i: {"id": i, "name": t.name(), "condition": t.sentence(20, 50),
                                                "outcome": r.choice(["accept", "reject", "transfer",
                                                                     "reject_may_transfer"]),
                                                "implements": self.implements()})
            grounds = lst("gr", few, lambda i: {"id": i, "ground": t.sentence(20, 60), "implements": self.implements()})
            restart = lst("rs", max(1, few // 2), lambda i: {"id": i, "rule": t.sentence(30, 70),
                                                              "restarts_from": f"ev-{pre}-1-received",
                                                              "implements": self.implements(1)})
            reports = lst("rep", max(1, few // 2), lambda i: {"id": i, "name": t.name() + "报告", "to": "监管机构",
                                                               "role": self.role(), "contents": [t.title(8, 20)],
                                                               "frequency": "每季度", "implements": self.implements(1)})
            doc = header("complaints", f"客户投诉处理（第{f}册）", HEAD, principles=principles, channels=channels,
                         events=events, stages=stages, end_to_end=spans, triage=triage, non_acceptance=grounds,
                         clock_restart=restart, reports=reports)
            self.add(f"complaints-{f:04d}.yaml", doc, items)

    def followups(self, total: int) -> None:
        t, r = self.t, self.r
        for f, budget in enumerate(chunks(total), 1):
            n_methods = max(2, budget // 7)
            n_kinds = max(1, budget * 35 // 100)
            n_reqs = max(1, budget - n_methods - n_kinds)
            mids = [f"fum-{f:04d}-{k + 1}" for k in range(n_methods)]
            methods = [{"id": m, "name": r.choice(["电话", "信函", "短信", "上门", "问卷", "视频"]) + "回访" + t.name(),
                        "owner": self.role(), "record": t.title(8, 20), "fallback": mids[(k + 1) % n_methods],
                        "implements": self.implements(1)} for k, m in enumerate(mids)]
            kinds = []
            for k in range(n_kinds):
                kind: dict[str, Any] = {"id": f"fu-{f:04d}-{k + 1}", "name": t.name() + "回访",
                                        "methods": sorted(set(r.sample(mids, min(2, n_methods)))),
                                        "owner": self.role(), "record": t.title(10, 30), "fallback": t.sentence(20, 40),
                                        "timing": "承保后15日内", "line": r.choice(["general", "life"]),
                                        "implements": self.implements()}
                if self.events and r.random() < 0.3:
                    kind["deadline"] = {"amount": 15, "unit": "calendar_days", "from": r.choice(self.events)}
                kinds.append(kind)
            reqs = []
            for k in range(n_reqs):
                req: dict[str, Any] = {"id": f"fur-{f:04d}-{k + 1}", "title": t.title(20, 40),
                                       "requirement": t.sentence(30, 80), "owner": self.role(),
                                       "implements": self.implements()}
                if r.random() < 0.5:
                    req["breach"] = self.breach()
                reqs.append(req)
            doc = header("followups", f"客户回访（第{f}册）", HEAD, planner=self.role(), methods=methods, kinds=kinds,
                         requirements=reqs)
            self.add(f"followups-{f:04d}.yaml", doc, n_methods + n_kinds + n_reqs)

    def standards(self, total: int) -> None:
        t, r = self.t, self.r
        cats = ["front_desk", "hotline", "claims", "follow_up", "vip", "conduct", "service_centre", "complaints",
                "training", "quality"]
        k = 0
        for f, budget in enumerate(chunks(total), 1):
            stds = []
            for _ in range(budget):
                k += 1
                std: dict[str, Any] = {"id": f"std-{k:06d}", "title": t.title(20, 40), "category": r.choice(cats),
                                       "requirement": t.sentence(30, 80)}
                if r.random() < 0.3:
                    std["details"] = [t.sentence(20, 50) for _ in range(r.randint(1, 3))]
                x = r.random()
                if x < 0.35 and self.events:
                    dl: dict[str, Any] = {"amount": r.choice([1, 2, 3, 5, 10]), "unit": "working_days",
                                          "from": r.choice(self.events)}
                    if k % 200 == 0 and self.limits[15]:  # the mixed-unit case: 3 working days within 15 days
                        dl["amount"], dl["bounded_by"] = 3, [r.choice(self.limits[15])]
                    elif r.random() < 0.2:
                        b = self.bounded(r.choice([3, 10, 15, 30]))
                        if b is not None:
                            dl["amount"], dl["bounded_by"] = b
                            dl["unit"] = "calendar_days"
                    std["target"] = {"type": "deadline", "deadline": dl}
                elif x < 0.45:
                    std["target"] = {"type": "availability", "hours_per_day": 24, "days_per_week": 7}
                elif x < 0.65:
                    std["target"] = {"type": "metric", "metric": t.name() + "达标率", "comparison": ">=",
                                     "value": r.choice([90, 95, 98.5]), "unit": "%"}
                std["owner"] = self.role()
                std["applies_to"] = sorted(set(r.sample(self.roles, 2)))
                std["implements"] = self.implements(r.randint(1, 3))
                std["breach"] = self.breach()
                stds.append(std)
            doc = header("standards", f"服务标准（第{f}册）", HEAD, standards=stds)
            self.add(f"standards-{f:04d}.yaml", doc, len(stds))

    def glossary(self, total: int) -> None:
        t, r = self.t, self.r
        k = 0
        see_pool = self.articles[:2000] + self.violations[:500]
        for f, budget in enumerate(chunks(total), 1):
            terms = []
            for _ in range(budget):
                k += 1
                term: dict[str, Any] = {"id": f"term-{k:06d}", "term": t.term(k), "definition": t.sentence(20, 80)}
                if r.random() < 0.2:
                    term["aliases"] = [t.term(k) + "别称"]
                if r.random() < 0.15:
                    term["see"] = sorted(set(r.sample(see_pool, 2)))
                terms.append(term)
            doc = header("glossary", f"术语表（第{f}册）", HEAD, terms=terms)
            self.add(f"glossary-{f:04d}.yaml", doc, len(terms))

    def write(self, out: Path) -> None:
        if out.exists():
            for old in out.glob("*.yaml"):
                old.unlink()
        out.mkdir(parents=True, exist_ok=True)
        for name, doc in self.files:
            text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                             default_flow_style=False)
            (out / name).write_text(f"# synthetic benchmark policy set (benchmarks/make_corpus.py)\n{text}",
                                    encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="about how many items")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args(argv)
    if args.n < 100:
        ap.error("N must be at least 100")
    c = Corpus(args.n, args.seed)
    c.build()
    c.write(args.outdir)
    print(f"{c.items} items in {len(c.files)} files -> {args.outdir}")


if __name__ == "__main__":
    sys.exit(main())
