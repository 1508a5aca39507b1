"""Write a valid synthetic policy set: python benchmarks/make_corpus.py N OUTDIR [--seed S]

About N items (roles, units, sources, articles, limits, standards, stages, events,
conditions, clock rules, terms, violations, follow-up kinds, ...) in files of about
200 items each, with Chinese titles and requirements, every reference resolving, ids
unique across files, one organisation file whose reporting lines form a tree rooted
at `head`, and every date quoted. `handbook check OUTDIR` prints "no problems" for it.

The mix follows the shipped policies: most items are articles, standards and
glossary terms. The policy model is v2:

- events, conditions and clock rules live in `kind: events` files: one with the
  shared conditions and the service events (claims, policy changes, ...), and one
  beside each complaints file with the events of its processes and their pauses,
  restarts and stops;
- every complaint process is a small stage graph with alternatives: register →
  [request material → the complainant supplies it (a `party`) → accept after
  material] or accept → [commission an outside appraisal → the appraisal (a
  pause)] → investigate → decide simple | complex [| extended] (conditions of one
  group), then close; some have a side branch (report to a referring regulator)
  or a transfer branch;
- regulatory limits run `from` the received event `to` the decision event, one per
  complexity condition (`when`), and allow the process's appraisal pause; others
  bound the request for material, the acceptance after material, the transfer
  (and one in three processes has a customer-bound limit for asking a review).
  So TML001 enumerates up to four paths per limit and counts each on every start
  date of the calendar's years;
- service limits (from a service event to another) bound standards' deadlines
  counted from the same event; one standard in 200 has a working-day deadline
  under a calendar-day limit, which makes LIM001 compare start date by start date;
- follow-up methods form fallback chains that end in a `last_resort` method;
- penalty tiers give points, with thresholds and a floor for breaches of
  regulatory limits; standards have `when`, percentile and rate targets.

A calendar file is included with synthetic (not official) 2027 and 2028 holiday
schedules, so that CAL001 stays quiet until late 2028.

Deterministic: the same N and seed give the same files byte for byte.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
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


SERVICES = [("理赔", "赔偿或给付保险金的请求", "理赔核定"), ("保全", "保全变更申请", "保全变更办理"),
            ("退保", "退保申请", "退保款支付"), ("续期", "续期缴费变更申请", "续期变更办理"),
            ("保单", "保单补发申请", "保单补发"), ("客户信息", "客户信息查询申请", "查询结果告知"),
            ("犹豫期", "犹豫期撤单申请", "撤单退费"), ("咨询", "书面咨询", "书面答复")]
LIMIT_AMOUNTS = [3, 10, 15, 30, 60]  # calendar days of the service limits, in turn


@dataclass
class Process:
    """One complaint process: which branches its stage graph has, and its limits' ids."""

    p: str  # "c3-7": complaints file 3, process 7
    materials: bool  # request material -> the complainant supplies it -> accept after material
    appraisal: bool  # commission an outside appraisal -> the appraisal (a pause the limits allow)
    extended: bool  # a third decision branch, cond-extended
    referred: bool  # a side branch: report to the referring regulator
    transfer: bool  # a branch for complaints that are not ours, with its own limit
    request_limit: bool  # a limit from receipt to the request for material
    accept_limit: bool  # a limit from complete material to the acceptance notice
    review: bool  # a customer-bound limit for asking a review
    limits: dict[str, str] = field(default_factory=dict)  # key -> limit id

    def ev(self, key: str) -> str:
        return f"ev-{self.p}-{key}"

    @property
    def pause(self) -> str:
        return f"pause-{self.p}-appraisal"


class Corpus:
    def __init__(self, n: int, seed: int, dense: bool = False) -> None:
        self.n = n
        # --shape dense: more to each item, as an independent corpus of issue 16 has (about 1.6 YAML
        # nodes per item more): articles say whether they prohibit, terms give their English name,
        # standards list a detail; derived from what is there, so the default shape is unchanged
        self.dense = dense
        self.r = random.Random(seed)
        self.t = Text(self.r)
        self.files: list[tuple[str, dict[str, Any]]] = []
        self.items = 0
        self.prefix = ""  # before the ids of standards and terms: a branch's own ("b01-std-000001")
        self.branches: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []  # (unit id, its files)

    # pools filled as files are generated, used by later kinds
    roles: list[str]
    staffed: list[str]
    articles: list[str]  # current articles any rule may implement
    limits: dict[int, list[str]]  # calendar-day amount -> service limit ids
    limit_from: dict[str, str]  # service limit id -> the event it counts from
    violations: list[str]
    heavy: list[str]  # violations of tier rank 2 or more (the floor for breaches of a limit)
    processes: list[list[Process]]  # by complaints file
    start_events: list[str]  # events standards and follow-ups may count from (no stage counts from them)
    hotlines: list[str]

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
        plan["regulations"] = max(m - used, 60)  # sources + articles + limits + service events
        return plan

    def add(self, name: str, doc: dict[str, Any], items: int) -> None:
        self.files.append((name, doc))
        self.items += items

    def build(self) -> None:
        p = self.plan()
        self.organisation(p["roles"], p["units"])
        self.calendar()
        groups = self.plan_processes(p["complaints"])
        before = self.items
        groups += self.service_events(max(4, self.n // 400))
        service = self.items - before  # the service events and the shared conditions
        n_limits = sum(len(g) for g in groups)
        self.regulations(max(p["regulations"] - n_limits - service, 60), groups)
        self.penalties(p["violations"])
        self.complaints(p["complaints"])
        self.followups(p["followups"])
        self.standards(p["standards"])
        # the glossary takes up what the processes (whole graphs) left over or took beyond their share
        self.glossary(max(self.n - self.items, p["terms"] // 2))

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
        # a generated company: its contacts (kefu@example.com) are placeholders, allowed for a sample (CHN003)
        doc = header("organisation", "组织架构与岗位职责", HEAD, sample=True, head=HEAD, units=units, roles=roles)
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

    # complaint processes are planned first: their limits sit on articles of the regulations
    def plan_processes(self, total: int) -> list[list[dict[str, Any]]]:
        """Decide every process's branches; return the limit groups (the limits of one article each)."""
        t, r = self.t, self.r
        self.processes = []
        groups: list[list[dict[str, Any]]] = []

        def limit(lid: str, bounds: str, start: str, end: str, amount: int, unit: str, **extra: Any) -> dict[str, Any]:
            lim: dict[str, Any] = {"id": lid, "bounds": bounds, "from": start, "to": end}
            lim.update(extra)
            lim.update({"amount": amount, "unit": unit,
                        "confidence": "confirmed" if r.random() < 0.8 else "likely"})
            return lim

        for f, budget in enumerate(chunks(total), 1):
            extra = max(6, budget // 5)
            procs = []
            for q in range(1, max(1, (budget - extra) // 18) + 1):
                materials = r.random() < 0.7
                pr = Process(p=f"c{f}-{q}", materials=materials, appraisal=r.random() < 0.3,
                             extended=r.random() < 0.3, referred=r.random() < 0.3, transfer=r.random() < 0.2,
                             request_limit=materials and r.random() < 0.5,
                             accept_limit=materials and r.random() < 0.5, review=r.random() < 0.3)
                pauses = {"pauses": [pr.pause]} if pr.appraisal else {}
                decision = []
                for key, cond, amount, what in (("simple", "cond-simple", 15, "事实清楚、争议情况简单的"),
                                                ("complex", "cond-complex", 30, "情况复杂的"),
                                                ("extended", "cond-extended", 60, "情况特别复杂、经审批再延长的")):
                    if key == "extended" and not pr.extended:
                        continue
                    pr.limits[key] = f"lim-{pr.p}-{key}-{amount}d"
                    decision.append(limit(pr.limits[key], what + t.name() + "投诉作出处理决定并告知投诉人",
                                          pr.ev("received"), pr.ev("decided"), amount, "calendar_days",
                                          when=[cond], **pauses))
                groups.append(decision)
                if pr.request_limit:
                    pr.limits["request"] = f"lim-{pr.p}-request-5wd"
                    groups.append([limit(pr.limits["request"], "一次性通知投诉人补充材料", pr.ev("received"),
                                         pr.ev("requested"), 5, "working_days", when=["cond-incomplete"])])
                if pr.accept_limit:
                    pr.limits["accept"] = f"lim-{pr.p}-accept-7wd"
                    groups.append([limit(pr.limits["accept"], "收到完整材料后告知投诉人是否受理", pr.ev("complete"),
                                         pr.ev("accepted"), 7, "working_days")])
                if pr.transfer:
                    pr.limits["transfer"] = f"lim-{pr.p}-transfer-5wd"
                    groups.append([limit(pr.limits["transfer"], "转送不属于本公司处理的投诉", pr.ev("received"),
                                         pr.ev("transferred"), 5, "working_days", when=["cond-not-ours"])])
                if pr.review:
                    pr.limits["review"] = f"lim-{pr.p}-review-30d"
                    groups.append([limit(pr.limits["review"], "投诉人申请上级机构核查", pr.ev("decided"),
                                         pr.ev("review-requested"), 30, "calendar_days", binds="customer")])
                procs.append(pr)
            self.processes.append(procs)
        return groups

    def service_events(self, pairs: int) -> list[list[dict[str, Any]]]:
        """Service events (claims, policy changes, ...) in pairs, a limit between each pair, the shared
        conditions; return the limit groups."""
        t, r = self.t, self.r
        events: list[dict[str, Any]] = []
        groups: list[list[dict[str, Any]]] = []
        self.limits = {a: [] for a in LIMIT_AMOUNTS}
        self.limit_from = {}
        self.start_events = []
        for k in range(1, pairs + 1):
            topic, request, done = SERVICES[k % len(SERVICES)]
            received, finished = f"ev-svc-{k}-received", f"ev-svc-{k}-done"
            events += [{"id": received, "name": f"收到{request}（{k}）", "party": "投保人、被保险人或受益人"},
                       {"id": finished, "name": f"{done}完成（{k}）"}]
            amount = LIMIT_AMOUNTS[(k - 1) % len(LIMIT_AMOUNTS)]
            lid = f"lim-svc-{k}-{amount}d"
            groups.append([{"id": lid, "bounds": f"{topic}{t.name()}：{done}", "from": received, "to": finished,
                            "amount": amount, "unit": "calendar_days",
                            "confidence": "confirmed" if r.random() < 0.8 else "likely"}])
            self.limits[amount].append(lid)
            self.limit_from[lid] = received
            self.start_events += [received, finished]
        conditions = [
            {"id": "cond-incomplete", "name": "投诉材料不完整"},
            {"id": "cond-referred", "name": "投诉由监管单位转办"},
            {"id": "cond-not-ours", "name": "不属于本公司负责处理的消费投诉"},
            {"id": "cond-appraisal", "name": "需要外部机构鉴定、检测、评估"},
            {"id": "cond-simple", "name": "事实清楚、争议情况简单", "group": "complexity"},
            {"id": "cond-complex", "name": "情况复杂", "group": "complexity"},
            {"id": "cond-extended", "name": "情况特别复杂或者有其他特殊原因，经审批再延长", "group": "complexity"},
            {"id": "cond-small-claim", "name": "5000元以下的小额案件", "group": "claim-size"},
            {"id": "cond-large-claim", "name": "5000元以上的案件", "group": "claim-size"},
            {"id": "cond-docs-complete", "name": "理赔资料齐全"},
            {"id": "cond-vip", "name": "贵宾客户"},
        ]
        self.conditions = [c["id"] for c in conditions]
        doc = header("events", "服务事件与适用条件", HEAD, events=events, conditions=conditions)
        self.add("events-service.yaml", doc, len(events) + len(conditions))
        return groups

    # regulations: external sources with binding articles and limits, internal rules citing them
    def regulations(self, total: int, groups: list[list[dict[str, Any]]]) -> None:
        t, r = self.t, self.r
        self.articles = []
        holders: list[dict[str, Any]] = []  # current binding external articles: where the limits go
        src_no = 0
        counts: list[int] = []
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
                    if self.dense:
                        art["prohibition"] = False
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
                            holders.append(art)
                        self.articles.append(aid)
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
            counts.append(len(self.files) - 1)
        # the limits, one group (one process's decision limits, say) per article, spread evenly over the
        # binding articles (_cover may have made some non-binding: those are skipped)
        holders = [a for a in holders if a.get("binding")]
        assert holders, "no binding article to hold the limits"
        for i, group in enumerate(groups):
            art = holders[i * len(holders) // len(groups)]
            art.setdefault("limits", []).extend(group)
            self.items += len(group)

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

    # penalties: tiers ranked 1.. across all files in file order, every tier used, points and thresholds
    def penalties(self, total: int) -> None:
        t, r = self.t, self.r
        self.violations, self.heavy = [], []
        rank = 0
        for f, budget in enumerate(chunks(total), 1):
            names = ["轻", "中", "重"] if f == 1 else [f"加重{f - 1}级"]
            tiers: list[dict[str, Any]] = []
            for nm in names:
                rank += 1
                tiers.append({"id": f"tier-{rank}", "name": nm, "rank": rank,
                              # each tier its own sanction, heavier with rank (PEN007)
                              "sanctions": [["批评教育", "通报批评", "扣减绩效", "取消评优资格", "调离岗位"][rank - 1]
                                            if rank <= 5 else f"调离岗位并扣减第{rank}级绩效"],
                              "points": [1, 3, 6][rank - 1] if rank <= 3 else 6 * (rank - 2)})
            n_rewards = max(1, budget // 40)
            n_viol = max(len(tiers), budget - len(tiers) - n_rewards)
            viols = []
            for v in range(n_viol):
                vid = f"viol-{f:04d}-{v + 1:04d}"
                tier = tiers[v % len(tiers)]
                viol: dict[str, Any] = {"id": vid, "title": t.title(12, 30), "tier": tier["id"]}
                if r.random() < 0.3:
                    viol["description"] = t.sentence(20, 60)
                if r.random() < 0.05 and tier["rank"] < 2:  # a count never on what a floor holds (PEN003)
                    viol["count"] = {"times": r.choice([2, 3]), "within": r.choice(["month", "quarter", "year"])}
                viols.append(viol)
                self.violations.append(vid)
                if tier["rank"] >= 2:
                    self.heavy.append(vid)
            rewards = [{"id": f"reward-{f:04d}-{k + 1}", "name": t.name() + "表彰", "basis": t.sentence(20, 50)}
                       for k in range(n_rewards)]
            extra: dict[str, Any] = {}
            if f == 1:
                extra["thresholds"] = [{"id": "th-6-year", "points": 6, "within": "year", "tier": "tier-2"},
                                       {"id": "th-12-year", "points": 12, "within": "year", "tier": "tier-3"}]
                extra["floors"] = [{"id": "floor-limits", "name": "违反监管时限至少为中等处罚", "covers":
                                    "regulatory_limit", "at_least": "tier-2", "implements": self.implements(1)}]
            doc = header("penalties", f"服务质量奖惩（第{f}册）", HEAD, judged_by=[HEAD, "inspector"], tiers=tiers,
                         violations=viols, rewards=rewards, **extra)
            self.add(f"penalties-{f:04d}.yaml", doc, len(tiers) + len(viols) + len(rewards)
                     + sum(len(x) for x in extra.values()))
        self._breach = self._heavy = 0

    def breach(self) -> str:
        """Violations in turn, so that every one is the breach of something."""
        v = self.violations[self._breach % len(self.violations)]
        self._breach += 1
        return v

    def breach_heavy(self) -> str:
        """For what a regulatory limit holds: a violation at or above the floor's tier."""
        v = self.heavy[self._heavy % len(self.heavy)]
        self._heavy += 1
        return v

    def role(self) -> str:
        return self.r.choice(self.staffed)

    # complaints: per file, an events file (the processes' events and clock rules) and the complaints file
    def complaints(self, total: int) -> None:
        t, r = self.t, self.r
        self.hotlines = []
        contact = {"hotline": {"phone": "95500"}, "fax": {"fax": "010-12345678"},
                   "letter": {"address": "北京市某区某路1号"},
                   "reception": {"address": "各营业职场客户服务中心"}, "email": {"email": "kefu@example.com"},
                   "online": {"url": "https://www.example.com/kefu"}}
        hours = {"hotline": {"open": "24x7"}, "online": {"open": "24x7"},
                 "reception": {"open": "working_days", "start": "08:30", "end": "17:30"}}
        for f, budget in enumerate(chunks(total), 1):
            pre = f"c{f}"
            extra = max(6, budget // 5)
            few = max(1, extra // 6)
            items = 0

            def lst(kind: str, n: int, make: Any) -> list[dict[str, Any]]:
                nonlocal items
                items += n
                return [make(f"{kind}-{pre}-{k + 1}") for k in range(n)]

            principles = lst("pr", few, lambda i: {"id": i, "name": t.name(), "description": t.sentence(20, 60),
                                                   "implements": self.implements()})
            types = list(contact)

            def channel(i: str) -> dict[str, Any]:
                ty = r.choice(types)
                ch: dict[str, Any] = {"id": i, "name": t.name() + "渠道", "type": ty, "contact": dict(contact[ty]),
                                      "published": True, "required_by": self.implements(1)}
                if ty in hours:
                    ch["hours"] = dict(hours[ty])
                if ty == "hotline":
                    self.hotlines.append(i)
                return ch

            channels = lst("ch", few, channel)
            events: list[dict[str, Any]] = []
            clock: list[dict[str, Any]] = []
            stages: list[dict[str, Any]] = []
            for pr in self.processes[f - 1]:
                ev, st = self.process(pr)
                events += ev
                stages += st
                if pr.appraisal:
                    clock.append({"id": pr.pause, "name": "外部鉴定、检测、评估期间", "type": "pause",
                                  "from": pr.ev("appraisal-started"), "to": pr.ev("appraisal-finished"),
                                  "notify": True, "rule": t.sentence(30, 70), "implements": self.implements(1)})
                self.start_events += [pr.ev("received"), pr.ev("decided")]
            events += [{"id": f"ev-{pre}-new-facts", "name": "收到同一投诉的新的事实和理由", "party": "投诉人"},
                       {"id": f"ev-{pre}-withdrawn", "name": "收到投诉人的撤回申请", "party": "投诉人"}]
            clock += [{"id": f"restart-{pre}-new-facts", "name": "有新的事实和理由的，处理期限重新计算",
                       "type": "restart", "on": f"ev-{pre}-new-facts", "rule": t.sentence(30, 70),
                       "implements": self.implements(1)},
                      {"id": f"stop-{pre}-withdrawn", "name": "投诉人撤回投诉的，处理程序终止", "type": "stop",
                       "on": f"ev-{pre}-withdrawn", "rule": t.sentence(30, 70), "implements": self.implements(1)}]
            doc = header("events", f"投诉处理事件与计时规则（第{f}册）", HEAD, events=events, clock=clock)
            self.add(f"events-complaints-{f:04d}.yaml", doc, len(events) + len(clock))
            items += len(stages)
            triage = lst("tri", few, lambda i: {"id": i, "name": t.name(), "condition": t.sentence(20, 50),
                                                "outcome": r.choice(["accept", "reject", "transfer",
                                                                     "reject_may_transfer"]),
                                                "implements": self.implements()})
            grounds = lst("gr", few, lambda i: {"id": i, "ground": t.sentence(20, 60), "implements": self.implements()})
            reports = lst("rep", max(1, few // 2), lambda i: {"id": i, "name": t.name() + "报告", "to": "监管机构",
                                                               "role": self.role(), "contents": [t.title(8, 20)],
                                                               "frequency": "每季度", "implements": self.implements(1)})
            doc = header("complaints", f"客户投诉处理（第{f}册）", HEAD, principles=principles, channels=channels,
                         stages=stages, triage=triage, non_acceptance=grounds, reports=reports)
            self.add(f"complaints-{f:04d}.yaml", doc, items)

    def process(self, pr: Process) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The events and stages of one process (see the module docstring for its graph)."""
        t, r = self.t, self.r
        events: list[dict[str, Any]] = []
        stages: list[dict[str, Any]] = []
        pauses = {"pauses": [pr.pause]} if pr.appraisal else {}

        def event(key: str, name: str, party: str | None = None) -> None:
            e = {"id": pr.ev(key), "name": name}
            if party:
                e["party"] = party
            events.append(e)

        def stage(key: str, name: str, starts: str | list[str], produces: str, deadline: dict[str, Any] | None,
                  when: list[str] | None = None, party: str | None = None, heavy: bool = False,
                  bounded: str | None = None) -> None:
            s: dict[str, Any] = {"id": f"stage-{pr.p}-{key}", "name": name}
            if party:
                s["party"] = party
            else:
                s["role"] = self.role()
                if r.random() < 0.15:
                    s["also"] = [self.role()]
            s["action"] = t.sentence(30, 80)
            if when:
                s["when"] = when
            s["starts"] = [pr.ev(x) for x in starts] if isinstance(starts, list) else pr.ev(starts)
            s["produces"] = pr.ev(produces)
            if party is None and r.random() < 0.3:
                s["details"] = [t.sentence(20, 50) for _ in range(2)]
            if deadline is not None:
                dl = dict(deadline)
                dl["from"] = pr.ev(dl["from"])
                if bounded and bounded in pr.limits and r.random() < 0.5:
                    dl["bounded_by"] = [pr.limits[bounded]]
                s["deadline"] = dl
            if party is None:
                s["implements"] = self.implements()
                s["breach"] = self.breach_heavy() if heavy else self.breach()
            stages.append(s)

        event("received", "收到投诉" + t.name(), "投诉人")
        event("registered", "投诉登记完成")
        stage("register", "投诉登记", "received", "registered",
              r.choice([{"amount": 1, "unit": "calendar_days", "from": "received", "roll": "none"},
                        {"amount": 24, "unit": "hours", "from": "received"}]))
        if pr.referred:
            event("reported", "已向转办的监管单位书面报告")
            # as the referring regulator asks: no limit of ours holds it, so no deadline of ours (TML003)
            stage("report", "监管转办投诉书面报告", "registered", "reported", None, when=["cond-referred"])
        if pr.transfer:
            event("transferred", "已转相关单位处理")
            stage("transfer", "转送相关单位", "registered", "transferred",
                  {"amount": r.choice([3, 5]), "unit": "working_days", "from": "received"}, when=["cond-not-ours"],
                  heavy=True, bounded="transfer")
        event("accepted", "告知投诉人是否受理")
        stage("accept", "审查受理并告知", "registered", "accepted",
              {"amount": r.choice([3, 5]), "unit": "calendar_days", "from": "received"}, heavy=pr.accept_limit)
        if pr.materials:
            event("requested", "已一次性通知投诉人补充材料")
            event("complete", "收到完整投诉材料", "投诉人")
            stage("request", "通知补充材料", "registered", "requested",
                  {"amount": r.choice([2, 3]), "unit": "working_days", "from": "received"}, when=["cond-incomplete"],
                  heavy=pr.request_limit, bounded="request")
            stage("supply", "投诉人补充材料", "requested", "complete", None, when=["cond-incomplete"], party="投诉人")
            stage("accept-after", "补充材料后审查受理并告知", "complete", "accepted",
                  {"amount": 5, "unit": "calendar_days", "from": "complete"}, when=["cond-incomplete"],
                  heavy=pr.accept_limit, bounded="accept")
        investigate_starts: str | list[str] = "accepted"
        if pr.appraisal:
            event("appraisal-started", "已委托外部机构鉴定并告知投诉人")
            event("appraisal-finished", "收到外部鉴定结论", "外部鉴定、检测、评估机构")
            stage("commission", "委托外部鉴定并告知投诉人", "accepted", "appraisal-started", None,
                  when=["cond-appraisal"])
            stage("appraisal", "外部鉴定、检测、评估", "appraisal-started", "appraisal-finished", None,
                  when=["cond-appraisal"], party="外部鉴定、检测、评估机构")
            investigate_starts = ["accepted", "appraisal-finished"]
        event("investigated", "调查核实完成")
        stage("investigate", "调查核实", investigate_starts, "investigated",
              {"amount": 10, "unit": "calendar_days", "from": "received", **pauses} if r.random() < 0.5 else None)
        event("decided", "处理决定及救济途径已告知投诉人")
        for key, cond, amounts in (("simple", "cond-simple", [10, 12, 15]), ("complex", "cond-complex", [20, 25, 30]),
                                   ("extended", "cond-extended", [45, 60])):
            if key == "extended" and not pr.extended:
                continue
            dl: dict[str, Any] = {"amount": r.choice(amounts), "unit": "calendar_days", "from": "received", **pauses}
            if r.random() < 0.2:
                dl["roll"] = "none"
            stage(f"decide-{key}", "作出处理决定并告知", "investigated", "decided", dl, when=[cond], heavy=True,
                  bounded=key)
        event("closed", "结案归档")
        stage("close", "结案归档", "decided", "closed", {"amount": 5, "unit": "working_days", "from": "decided"})
        if pr.review:
            event("review-requested", "收到投诉人的核查申请", "投诉人")
        return events, stages

    def followups(self, total: int) -> None:
        t, r = self.t, self.r
        for f, budget in enumerate(chunks(total), 1):
            n_methods = max(2, budget // 7)
            n_kinds = max(1, budget * 35 // 100)
            n_reqs = max(1, budget - n_methods - n_kinds)
            # fallback chains of 2-4 methods (phone -> sms -> ... -> letter), each ending in a last resort
            methods: list[dict[str, Any]] = []
            heads: list[str] = []
            k = 0
            while k < n_methods:
                size = min(n_methods - k, r.choice([2, 3, 4]))
                if n_methods - k - size == 1:
                    size += 1
                chain = [f"fum-{f:04d}-{k + j + 1}" for j in range(size)]
                heads.append(chain[0])
                for j, mid in enumerate(chain):
                    how = "电话" if j == 0 else "信函" if j == size - 1 else r.choice(["短信", "上门", "问卷", "视频"])
                    m: dict[str, Any] = {"id": mid, "name": how + "回访" + t.name(), "owner": self.role(),
                                         "record": t.title(8, 20)}
                    if j == 0:
                        m["retry"] = {"attempts": 3, "distinct_days": 2, "spacing": {"amount": 4, "unit": "hours"}}
                    if j < size - 1:
                        m["fallback"] = chain[j + 1]
                    else:
                        m["last_resort"] = True
                    m["implements"] = self.implements(1)
                    methods.append(m)
                k += size
            mids = [m["id"] for m in methods]
            kinds = []
            for k in range(n_kinds):
                kind: dict[str, Any] = {"id": f"fu-{f:04d}-{k + 1}", "name": t.name() + "回访",
                                        "methods": sorted({r.choice(heads), r.choice(mids)}),
                                        "owner": self.role(), "record": t.title(10, 30), "fallback": t.sentence(20, 40),
                                        "timing": "承保后15日内", "line": r.choice(["general", "life"]),
                                        "implements": self.implements()}
                if r.random() < 0.1:
                    kind["when"] = [r.choice(["cond-vip", "cond-small-claim", "cond-large-claim"])]
                if r.random() < 0.3:
                    kind["deadline"] = {"amount": 15, "unit": "calendar_days", "from": r.choice(self.start_events)}
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
        uncovered = [lid for a in LIMIT_AMOUNTS for lid in self.limits[a]]  # each named by some bounded_by
        uncovered.sort(key=lambda lid: int(lid.split("-")[2]))
        k = 0
        for f, budget in enumerate(chunks(total), 1):
            stds = []
            for _ in range(budget):
                k += 1
                std: dict[str, Any] = {"id": f"{self.prefix}std-{k:06d}", "title": t.title(20, 40),
                                       "category": r.choice(cats), "requirement": t.sentence(30, 80)}
                if r.random() < 0.1:
                    std["when"] = sorted({r.choice(["cond-small-claim", "cond-large-claim"]),
                                          r.choice(["cond-docs-complete", "cond-vip"])})
                if r.random() < 0.3:
                    std["details"] = [t.sentence(20, 50) for _ in range(r.randint(1, 3))]
                elif self.dense:
                    std["details"] = [std["requirement"][:20]]
                heavy = False
                x = r.random()
                if x < 0.35:
                    dl: dict[str, Any] = {"amount": r.choice([1, 2, 3, 5, 10]), "unit": "working_days",
                                          "from": r.choice(self.start_events)}
                    if k % 200 == 0 and self.limits[15]:  # the mixed-unit case: 3 working days within 15 days
                        lid = r.choice(self.limits[15])
                        dl.update(amount=3, bounded_by=[lid], **{"from": self.limit_from[lid]})
                        heavy = True
                    elif uncovered or r.random() < 0.2:
                        lid = uncovered.pop(0) if uncovered else r.choice(sorted(self.limit_from))
                        cap = int(lid.rsplit("-", 1)[1].rstrip("d"))
                        dl.update(amount=min(r.choice([3, 10, 15, 30]), cap), unit="calendar_days",
                                  bounded_by=[lid], **{"from": self.limit_from[lid]})
                        heavy = True
                    std["target"] = {"type": "deadline", "deadline": dl}
                elif x < 0.45:
                    std["target"] = {"type": "availability", "hours_per_day": 24, "days_per_week": 7}
                elif x < 0.60:
                    std["target"] = {"type": "metric", "metric": t.name() + "达标率", "comparison": ">=",
                                     "value": r.choice([90, 95, 98.5]), "unit": "%"}
                elif x < 0.67 and self.hotlines:
                    std["channels"] = [r.choice(self.hotlines)]
                    std["target"] = {"type": "percentile", "share": r.choice([80, 90, 95]),
                                     "within": {"amount": r.choice([15, 20, 30]), "unit": "seconds"},
                                     "of": "来电接通", "per": r.choice(["day", "month"])}
                elif x < 0.72:
                    std["target"] = {"type": "rate", "metric": t.name() + "放弃率", "comparison": "<",
                                     "value": r.choice([3, 5, 8]), "per": "month"}
                std["owner"] = self.role()
                std["applies_to"] = sorted(set(r.sample(self.roles, 2)))
                std["implements"] = self.implements(r.randint(1, 3))
                std["breach"] = self.breach_heavy() if heavy else self.breach()
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
                term: dict[str, Any] = {"id": f"{self.prefix}term-{k:06d}", "term": t.term(k),
                                        "definition": t.sentence(20, 80)}
                if self.dense:
                    term["en"] = f"term {k}"
                if r.random() < 0.2:
                    term["aliases"] = [t.term(k) + "别称"]
                if r.random() < 0.15:
                    term["see"] = sorted(set(r.sample(see_pool, 2)))
                terms.append(term)
            doc = header("glossary", f"术语表（第{f}册）", HEAD, terms=terms)
            self.add(f"glossary-{f:04d}.yaml", doc, len(terms))

    def branch_offices(self, count: int, items: int) -> None:
        """``count`` branch offices (二级机构) of about ``items`` items each: a unit of the head office's
        organisation, their own standards (60%) and glossary terms, and overrides that tighten one head-office
        standard's deadline in twenty (README: Branch offices)."""
        org = next(doc for name, doc in self.files if name == "organisation.yaml")
        head_files, head_items = self.files, self.items
        deadlines = [std for name, doc in head_files if name.startswith("standards-") for std in doc["standards"]
                     if std.get("target", {}).get("type") == "deadline"
                     and std["target"]["deadline"]["amount"] > 1]
        for b in range(1, count + 1):
            unit = f"unit-b{b:02d}"
            org["units"].append({"id": unit, "name": f"第{cn_number(b)}分公司", "type": "branch", "parent": "unit-gm",
                                 "duties": [self.t.sentence(20, 50)]})
            self.files, self.prefix = [], f"b{b:02d}-"
            self.standards(round(items * 0.6))
            self.glossary(items - round(items * 0.6))
            overrides = []
            for std in deadlines[b::20][:max(1, items // 100)]:
                dl = dict(std["target"]["deadline"], amount=std["target"]["deadline"]["amount"] - 1)
                overrides.append({"overrides": std["id"], "target": {"type": "deadline", "deadline": dl}})
            self.files.append(("standards-overrides.yaml",
                               header("standards", f"第{cn_number(b)}分公司从严规定", HEAD, standards=overrides)))
            self.branches.append((unit, self.files))
        self.files, self.prefix, self.items = head_files, "", head_items

    def write(self, out: Path) -> None:
        if out.exists():
            for old in out.glob("*.yaml"):
                old.unlink()
        out.mkdir(parents=True, exist_ok=True)
        self._write(out, self.files)
        for unit, files in self.branches:  # branches/<unit>/ beside the policy folder
            folder = out.parent / "branches" / unit
            if folder.exists():
                for old in folder.glob("*.yaml"):
                    old.unlink()
            folder.mkdir(parents=True, exist_ok=True)
            self._write(folder, files)

    @staticmethod
    def _write(out: Path, files: list[tuple[str, dict[str, Any]]]) -> None:
        for name, doc in files:
            text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                             default_flow_style=False)
            (out / name).write_text(f"# synthetic benchmark policy set (benchmarks/make_corpus.py)\n{text}",
                                    encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="about how many items")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--branches", type=int, default=0, help="branch offices, in OUTDIR/../branches/<unit>/")
    ap.add_argument("--branch-items", type=int, default=3000, help="about how many items each branch adds")
    ap.add_argument("--shape", choices=["ours", "dense"], default="ours",
                    help="dense: about 1.6 more YAML nodes per item (issue 16's independent corpus)")
    args = ap.parse_args(argv)
    if args.n < 100:
        ap.error("N must be at least 100")
    c = Corpus(args.n, args.seed, dense=args.shape == "dense")
    c.build()
    c.branch_offices(args.branches, args.branch_items)
    c.write(args.outdir)
    print(f"{c.items} items in {len(c.files)} files -> {args.outdir}"
          + (f"; {args.branches} branches of about {args.branch_items} items" if args.branches else ""))


if __name__ == "__main__":
    sys.exit(main())
