"""Which way a change goes, for the customer and for compliance: one table per field type.

A schema marks a field with ``x-change`` naming its type (``"x-change": "period"`` on the
common deadline); a list of items names the type of its entries, which decides what adding
or removing an item does. A field without a mark takes its nearest marked parent's type, and
wording (text, names, notes) is neutral. Each type below lists its rules: a rule's code, its
direction and what it means. ``handbook diff --rules`` prints the tables; README.md embeds
them.

Directions: **tightened** (a shorter deadline, a higher target, a heavier tier, a narrower
exception, a new duty), **relaxed** (the reverse), **neutral** (wording, an owner moved
between posts of equal standing). A change a rule cannot place, such as a deadline now
counted from an unrelated event, is **relaxed**: it is never let through unread, and a
reviewer looks at it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n import N_, _

if TYPE_CHECKING:
    from ..model import Model


class Direction(str, enum.Enum):
    TIGHTENED = "tightened"
    RELAXED = "relaxed"
    NEUTRAL = "neutral"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    @property
    def label(self) -> str:
        return {Direction.TIGHTENED: _("tightened"), Direction.RELAXED: _("relaxed"),
                Direction.NEUTRAL: _("neutral")}[self]


T, R, N = Direction.TIGHTENED, Direction.RELAXED, Direction.NEUTRAL


@dataclass(frozen=True)
class DirectionRule:
    code: str  # "period.shorter": stable, in the JSON output and in the docs
    direction: Direction
    doc: str  # English, the msgid of its translation
    # what the change did in the staff manual's words (Chinese, like every staff page): the 延长 of
    # "时限延长（15 日 → 20 日）"
    staff: str

    @property
    def text(self) -> str:
        return _(self.doc)


@dataclass(frozen=True)
class Shift:
    """One rule that a changed field set off."""

    rule: DirectionRule
    field: str  # the field, dotted from the item ("deadline", "target.value")
    old: Any
    new: Any
    note: str = ""  # what the rule measured ("ends up to 3 days later, from 2026-02-06")


@dataclass
class Context:
    """What a comparison may ask of the two models: the holders of the field on each side (a
    metric's comparison, a limit's other fields) and the schema's words about the field."""

    old: Model
    new: Model
    old_holder: dict[str, Any]
    new_holder: dict[str, Any]
    schema: dict[str, Any] = field(default_factory=dict)  # the field's merged schema keywords
    # the headers of the files that hold the item: a field left out may default to one of their
    # fields (``x-default-from``: an item's effective_from is its file's effective_date)
    old_file: dict[str, Any] = field(default_factory=dict)
    new_file: dict[str, Any] = field(default_factory=dict)

    def defaults(self, old: Any, new: Any) -> tuple[Any, Any]:
        """The two values with what the schema says a value left out means."""
        source = self.schema.get("x-default-from")
        if source is not None:
            return (self.old_file.get(source) if old is None else old,
                    self.new_file.get(source) if new is None else new)
        default = self.schema.get("default")
        return (default if old is None else old, default if new is None else new)


Compare = Callable[[Any, Any, Context], list[tuple[DirectionRule, str]]]


@dataclass(frozen=True)
class FieldType:
    name: str
    doc: str
    rules: tuple[DirectionRule, ...]
    compare: Compare
    # whether the field holds items or entries whose adding and removing has a direction
    entries: bool = False

    def rule(self, suffix: str) -> DirectionRule:
        return next(r for r in self.rules if r.code == f"{self.name}.{suffix}")


def _rules(name: str, *rows: tuple[str, Direction, str, str]) -> tuple[DirectionRule, ...]:
    return tuple(DirectionRule(f"{name}.{suffix}", d, doc, staff) for suffix, d, doc, staff in rows)


def canonical(value: Any) -> str:
    """A value as one comparable string (list entries and mapping entries alike)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# -- the types -------------------------------------------------------------------------------------

NEUTRAL_RULES = _rules("neutral", ("changed", N, N_("Wording or a reference with no direction of its own changed."),
    "调整"))
UNCLEAR_RULES = _rules("unclear", (
    "changed", R, N_("A change whose direction the tool cannot tell (the form of a target, a clock rule's events): "
                  "listed as a relaxation so that a reviewer decides."),
                      "有变化（方向无法自动判断，按放宽列出，请核对）"))


def _neutral(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    return [(NEUTRAL_RULES[0], "")]


def _unclear(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    return [(UNCLEAR_RULES[0], "")]


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _ordered(name: str) -> Compare:
    """Numbers compared by size; the type's rules say which way is stricter."""

    def compare(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
        a, b = _number(old), _number(new)
        if a is None or b is None:
            return [(UNCLEAR_RULES[0], "")]
        return [(TYPES[name].rule("higher" if b > a else "lower"), "")] if a != b else []

    return compare


MORE_RULES = _rules("more", ("higher", T, N_("A number where more is stricter (a share, hours of service, attempts, "
                                          "points per breach) went up."), "提高"),
                    ("lower", R, N_("A number where more is stricter went down."), "降低"))
LESS_RULES = _rules("less", ("lower", T, N_("A number where less is stricter (points to reach a tier, breaches before "
                                         "a violation counts, a waiver's longest term) went down."), "降低"),
                    ("higher", R, N_("A number where less is stricter went up."), "提高"))

METRIC_RULES = _rules("metric", (
    "stricter", T, N_("A metric's target moved the way its comparison makes harder to meet (up for >=, down for <=)."),
        "目标提高"),
    ("laxer", R, N_("A metric's target moved the way its comparison makes easier to meet."), "目标降低"))


def _metric(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    a, b = _number(old), _number(new)
    op_old, op_new = ctx.old_holder.get("comparison"), ctx.new_holder.get("comparison")
    if a is None or b is None or op_old != op_new or op_new not in (">=", ">", "<=", "<"):
        return [(UNCLEAR_RULES[0], _("the comparison changed or is '='") if op_old != op_new or op_new == "=" else "")]
    if a == b:
        return []
    up_is_stricter = op_new in (">=", ">")
    t = TYPES["metric"]
    return [(t.rule("stricter" if (b > a) == up_is_stricter else "laxer"), "")]


YES_RULES = _rules("yes", ("on", T, N_("A yes/no duty was switched on (adopted, binding, recorded, published)."),
    "改为须执行"),
                   ("off", R, N_("A yes/no duty was switched off: a rule no longer adopted, an article no longer "
                              "binding, a channel no longer recorded."), "改为不再执行"))


def _yes(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    default = ctx.schema.get("default", False)
    a = default if old is None else old
    b = default if new is None else new
    if a == b or not isinstance(a, bool) or not isinstance(b, bool):
        return [] if a == b else [(UNCLEAR_RULES[0], "")]
    return [(TYPES["yes"].rule("on" if b else "off"), "")]


RANKED_RULES = _rules("ranked", (
    "up", T, N_("A value moved up the schema's order of strictness (x-rank): a complaint accepted rather than "
             "referred, a source current again, a longer period for counting breaches."), "改为更严的规定"),
    ("down", R, N_("A value moved down the schema's order of strictness: a source repealed, a ground that "
                "now lets the company decline."), "改为更宽的规定"))


def _ranked(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    order = list(ctx.schema.get("x-rank", ()))
    old = ctx.schema.get("default") if old is None else old  # a value left out is the schema's default
    new = ctx.schema.get("default") if new is None else new
    if old == new:
        return []
    if old not in order or new not in order:
        return [(UNCLEAR_RULES[0], "")]
    return [(TYPES["ranked"].rule("up" if order.index(new) > order.index(old) else "down"), "")]


LATER_RULES = _rules("later-laxer", (
    "later", R, N_("A date moved later where later gives more room (a waiver's end, the day a rule takes effect)."),
        "推迟"),
    ("earlier", T, N_("A date moved earlier where later gives more room."), "提前"))


def _later(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    old, new = ctx.defaults(old, new)
    if old == new:
        return []
    if not isinstance(old, str) or not isinstance(new, str):
        return [(UNCLEAR_RULES[0], "")]
    return [(TYPES["later-laxer"].rule("later" if new > old else "earlier"), "")]


DUTIES_RULES = _rules("duties", (
    "added", T, N_("A duty was added: a stage, a standard, a step of a stage, a channel, a sanction, a limit."),
        "新增"),
    ("removed", R, N_("A duty was removed."), "删除"))
RELIEFS_RULES = _rules("reliefs", (
    "added", R, N_("A relief was added: a ground to decline a complaint, a clock rule (pause, restart, stop), a "
                "waiver, a closure of the company calendar."), "新增"),
    ("removed", T, N_("A relief was removed."), "删除"))


def _entries(name: str) -> Compare:
    def compare(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
        a = {canonical(v): v for v in _as_list(old)}
        b = {canonical(v): v for v in _as_list(new)}
        t = TYPES[name]
        out = []
        added = [b[k] for k in b if k not in a]
        removed = [a[k] for k in a if k not in b]
        if added:
            out.append((t.rule("added"), ", ".join(map(_short, added))))
        if removed:
            out.append((t.rule("removed"), ", ".join(map(_short, removed))))
        return out

    return compare


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _short(v: Any) -> str:
    return v if isinstance(v, str) else canonical(v)


CONDITIONS_RULES = _rules("conditions", (
    "narrower", R, N_("Conditions were added to 'when': the rule applies in fewer cases."),
        "增加适用条件，适用范围缩小"),
    ("wider", T, N_("Conditions were removed from 'when': the rule applies in more cases."),
        "减少适用条件，适用范围扩大"))


def _conditions(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    a, b = set(map(str, _as_list(old))), set(map(str, _as_list(new)))
    t = TYPES["conditions"]
    out = []
    if b - a:
        out.append((t.rule("narrower"), ", ".join(sorted(b - a))))
    if a - b:
        out.append((t.rule("wider"), ", ".join(sorted(a - b))))
    return out


ROLE_RULES = _rules("role", (
    "higher", T, N_("The duty moved to a post of higher standing (fewer steps from the head of the department)."),
        "调整为层级更高的岗位"),
    ("lower", R, N_("The duty moved to a post of lower standing, or a post no longer holds it."),
        "调整为层级较低的岗位"),
    ("equal", N, N_("The duty moved between posts of equal standing."), "调整为同级岗位"),
    ("assigned", T, N_("A post now holds a duty that had none."), "新指定"))


def standing(model: Model, role_id: Any) -> int | None:
    """Steps from a post up its reporting line to the top (0: reports to no one); None for no post."""
    item = model.get(role_id, "role")
    if item is None:
        return None
    steps, seen = 0, {item.id}
    while True:
        boss = item.get("reports_to")
        nxt = model.get(boss, "role") if isinstance(boss, str) else None
        if nxt is None or nxt.id in seen:
            return steps
        seen.add(nxt.id)
        steps, item = steps + 1, nxt


def _role(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    t = TYPES["role"]
    if old is None:
        return [(t.rule("assigned"), "")]
    if new is None:
        return [(t.rule("lower"), "")]
    # several posts (judged_by): the highest of them holds the duty
    sa = [standing(ctx.old, r) for r in _as_list(old)]
    sb = [standing(ctx.new, r) for r in _as_list(new)]
    if not sa or not sb or None in sa or None in sb:
        return [(UNCLEAR_RULES[0], _("a post is not in the organisation"))]
    a, b = min(x for x in sa if x is not None), min(x for x in sb if x is not None)
    if a == b:
        return [(t.rule("equal"), "")]
    return [(t.rule("higher" if b < a else "lower"), _("steps from the top: {old} -> {new}").format(old=a, new=b))]


TIER_RULES = _rules("tier", ("heavier", T, N_("A breach now falls in a heavier tier (a higher rank)."), "加重"),
                    ("lighter", R, N_("A breach now falls in a lighter tier."), "减轻"),
                    ("same", N, N_("The tier changed to one of the same rank."), "调整为同级的另一等级"))


def rank(model: Model, tier_id: Any) -> int | None:
    tier = model.get(tier_id, "tier")
    r = tier.get("rank") if tier is not None else None
    return r if isinstance(r, int) and not isinstance(r, bool) else None


def _by_rank(name: str, a: int | None, b: int | None) -> list[tuple[DirectionRule, str]]:
    t = TYPES[name]
    if a is None or b is None:
        return [(UNCLEAR_RULES[0], _("a tier has no rank"))]
    if a == b:
        return [(t.rule("same"), "")]
    return [(t.rule("heavier" if b > a else "lighter"), _("rank {old} -> {new}").format(old=a, new=b))]


def _tier(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    return _by_rank("tier", rank(ctx.old, old), rank(ctx.new, new))


BREACH_RULES = _rules("breach", ("added", T, N_("Breaking the rule now counts as a violation."), "新设"),
                      ("removed", R, N_("Breaking the rule no longer counts as a violation."), "取消"),
                      ("heavier", T, N_("Breaking the rule now counts as a violation of a heavier tier."),
                          "加重"),
                      ("lighter", R, N_("Breaking the rule now counts as a violation of a lighter tier."),
                          "减轻"),
                      ("same", N, N_("Breaking the rule counts as another violation of the same tier."),
                          "调整为同等级的另一违规行为"))


def _breach(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    t = TYPES["breach"]
    if old is None:
        return [(t.rule("added"), "")]
    if new is None:
        return [(t.rule("removed"), "")]

    def tier_rank(model: Model, violation: Any) -> int | None:
        v = model.get(violation, "violation")
        return rank(model, v.get("tier")) if v is not None else None

    return _by_rank("breach", tier_rank(ctx.old, old), tier_rank(ctx.new, new))


PERIOD_RULES = _rules("period", (
    "shorter", T, N_("The period ends no later on any start date of the calendar's years, and earlier on some."),
        "缩短"),
    ("longer", R, N_("The period ends later on some start date of the calendar's years."), "延长"),
    ("earlier-event", T, N_("The period counts from an event that comes before the old one in the process."),
        "改为自更早的事件起算"),
    ("later-event", R, N_("The period counts from an event that comes after the old one in the process."),
        "改为自更晚的事件起算"),
    ("other-event", R, N_("The period counts from an event neither before nor after the old one: the tool cannot "
                       "tell, so a reviewer decides."), "改为自另一事件起算"),
    ("pause-added", R, N_("The clock now stops for a pause it ran through before."), "新增暂停计时的情形"),
    ("pause-removed", T, N_("The clock no longer stops for a pause."), "取消暂停计时的情形"),
    ("rolls", R, N_("A period in calendar days whose last day is a rest day now moves to the next working day."),
        "最后一日为休息日时改为顺延"),
    ("no-roll", T, N_("A period in calendar days whose last day is a rest day no longer moves to the next "
                   "working day."), "最后一日为休息日时不再顺延"),
    ("added", T, N_("A deadline was set where there was none."), "新设时限"),
    ("removed", R, N_("A deadline was removed."), "取消时限"),
    ("bounded", T, N_("A deadline is now held to a regulatory limit (bounded_by), which the checks enforce."),
        "改为受监管时限约束"),
    ("unbounded", R, N_("A deadline is no longer held to a regulatory limit (bounded_by)."), "不再受监管时限约束"))


HOURS_RULES = _rules("hours", (
    "longer", T, N_("Service hours cover all they covered and more (more days, an earlier start or a later end)."),
    "延长"),
    ("shorter", R, N_("Service hours no longer cover all they did (fewer days, a later start or an earlier end)."),
     "缩短"))

# which days a service-hours form covers, by the forms it covers whole (serviceHours in common.schema.json)
_DAYS_COVERED = {"24x7": {"24x7", "every_day", "weekdays", "working_days"},
                 "every_day": {"every_day", "weekdays", "working_days"},
                 "weekdays": {"weekdays"}, "working_days": {"working_days"}}


def _window(hours: dict[str, Any]) -> tuple[str, str, str]:
    """(days, start, end) of a service-hours mapping; always open is every day, all day."""
    if hours.get("open") == "24x7":
        return "24x7", "00:00", "24:00"
    return str(hours.get("open")), str(hours.get("start")), str(hours.get("end"))


def _covers(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    return b[0] in _DAYS_COVERED.get(a[0], set()) and a[1] <= b[1] and a[2] >= b[2]


def _hours(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    if not isinstance(old, dict) or not isinstance(new, dict) or old.get("open") not in _DAYS_COVERED \
            or new.get("open") not in _DAYS_COVERED:
        return [(UNCLEAR_RULES[0], "")]
    a, b = _window(old), _window(new)
    wider, narrower = _covers(b, a), _covers(a, b)
    if wider and narrower:
        return [(NEUTRAL_RULES[0], "")] if old != new else []  # the same hours, a note reworded
    note = f"{'/'.join(a)} -> {'/'.join(b)}"
    if wider:
        return [(TYPES["hours"].rule("longer"), note)]
    if narrower:
        return [(TYPES["hours"].rule("shorter"), note)]
    return [(UNCLEAR_RULES[0], note)]  # some hours gained, some lost: a reviewer weighs them


def _period(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    from .periods import compare_periods

    return compare_periods(old, new, ctx)


TYPES: dict[str, FieldType] = {t.name: t for t in (
    FieldType("neutral", N_("Wording, names, notes and references with no direction of their own."), NEUTRAL_RULES,
              _neutral),
    FieldType("unclear", N_("Fields whose change the tool cannot place."), UNCLEAR_RULES, _unclear),
    FieldType("period", N_("Deadlines, limits and lengths of time, compared on the working-day calendar."),
              PERIOD_RULES, _period),
    FieldType("more", N_("Numbers where more is stricter."), MORE_RULES, _ordered("more")),
    FieldType("less", N_("Numbers where less is stricter."), LESS_RULES, _ordered("less")),
    FieldType("metric", N_("A metric's target value, read with its comparison."), METRIC_RULES, _metric),
    FieldType("yes", N_("Yes/no fields where yes is the duty."), YES_RULES, _yes),
    FieldType("ranked", N_("Coded values in an order of strictness the schema gives (x-rank)."), RANKED_RULES, _ranked),
    FieldType("later-laxer", N_("Dates where later gives more room."), LATER_RULES, _later),
    FieldType("duties", N_("Lists of duties, and lists of items that are duties."), DUTIES_RULES, _entries("duties"),
              entries=True),
    FieldType("reliefs", N_("Lists of reliefs, and lists of items that are reliefs."), RELIEFS_RULES,
              _entries("reliefs"), entries=True),
    FieldType("conditions", N_("The conditions under which a rule applies (when)."), CONDITIONS_RULES, _conditions),
    FieldType("role", N_("The post that holds a duty."), ROLE_RULES, _role),
    FieldType("tier", N_("A penalty tier."), TIER_RULES, _tier),
    FieldType("breach", N_("The violation that breaking a rule counts as."), BREACH_RULES, _breach),
    FieldType("hours", N_("Service hours: the days and the times a channel or a unit is open."), HOURS_RULES, _hours),
)}


def all_rules() -> list[DirectionRule]:
    return [r for t in TYPES.values() for r in t.rules]


def markdown_rules() -> str:
    """The direction rules as the Markdown table README.md embeds (``handbook diff --rules``)."""
    head = (_("field type"), _("rule"), _("direction"), _("when"))
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    for t in TYPES.values():
        for r in t.rules:
            lines.append(f"| `{t.name}` | `{r.code}` | {r.direction.label} | {r.text} |")
    return "\n".join(lines) + "\n"
