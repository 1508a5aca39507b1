"""Processes as timelines: every path of the stage graph held against every regulatory limit.

Stages are the edges of a graph whose nodes are events: a stage starts after one
event (``starts``, or one of several alternatives; by default its deadline's
``from``) and produces another (``produces``). Several stages may produce one
event, so a process branches; conditions (``when``) select the branches, and two
conditions of one ``group`` never hold together.

For a limit that runs from event A to event B, every path from A to B whose
conditions agree with the limit's own is laid out as a timeline: each stage's
deadline is counted from its own ``from`` event on that path, one after another,
so an event's due date is known when every deadline it depends on is. The path
must bring B about within the limit, and no stage on it may be due after the
limit ends, on every start date of the calendar's covered years.

Clock rules are data: between a pause's ``from`` and ``to`` the clock stops for
limits that allow that pause (``pauses`` on the limit) and for deadlines that
declare it; a deadline that pauses where its limit does not can run without
bound. An event reached only through a stage without a deadline, or through
someone outside the company (``party``), has no bound either; a deadline counted
from it cannot be held to a limit counted from before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .calendar.units import UNITS
from .i18n import _
from .periods import Undecidable, by_clock, fits_by_amount, rolled, uncompared, worst_of

if TYPE_CHECKING:
    from .calendar.counting import WorkCalendar
    from .model import Item, Model

# Enumeration stops here: a process with more paths than this between two events, or whose
# search takes more steps than MAX_STEPS (dead ends count too), is reported (TML004) rather
# than checked for minutes.
MAX_PATHS = 2000
MAX_STEPS = 200_000
# Passes over a limit's table of start dates (one per period of a chain not seen before),
# for the whole policy set: about a second of counting
MAX_WORK = 4000


class TooManyPaths(Exception):
    pass


def listed(value: Any) -> list[Any]:
    """A field that holds one value or a list of them, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def starts_of(stage: Item) -> list[Any]:
    """The events after which a stage starts: ``starts`` (one or alternatives), else its deadline's ``from``."""
    starts = listed(stage.get("starts"))
    if starts:
        return starts
    deadline = stage.get("deadline")
    return [deadline.get("from")] if isinstance(deadline, dict) and deadline.get("from") is not None else []


@dataclass(frozen=True)
class Path:
    start: str
    stages: tuple[Item, ...]
    conditions: frozenset[str]

    def describe(self, model: Model) -> str:
        """'ev-received → stage-register → … → ev-decided [when: cond-simple]' for messages."""
        parts = [self.start]
        for s in self.stages:
            parts.append(s.id)
        text = " → ".join(parts)
        if self.conditions:
            text += " " + _("[when: {conditions}]").format(conditions=", ".join(sorted(self.conditions)))
        return text


@dataclass(frozen=True)
class Unbounded:
    """Why an event on a path has no latest date: the stage at fault and what it lacks."""

    stage: Item
    reason: str


@dataclass
class Result:
    """What one limit's paths came to: overruns (worst start date per stage) and unbounded ends."""

    limit: Item
    paths: list[Path] = field(default_factory=list)
    overruns: dict[str, tuple[Path, Item, date, date, date]] = field(default_factory=dict)  # stage id -> worst
    unbounded: list[tuple[Path, Unbounded]] = field(default_factory=list)
    # a limit counted by the clock: stage id -> (path, stage, its chain of periods, seconds over)
    exceeds: dict[str, tuple[Path, Item, tuple[tuple[int, str, str], ...], int]] = field(default_factory=dict)
    # stage id -> (path, stage, why its time cannot be compared with the limit's)
    incomparable: dict[str, tuple[Path, Item, str]] = field(default_factory=dict)
    undecidable: str | None = None
    too_many: bool = False


class Graph:
    """The stage graph of a model: stages by the event they start after, condition groups, pauses."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.by_start: dict[str, list[Item]] = defaultdict(list)
        self.producers: dict[str, list[Item]] = defaultdict(list)
        for stage in model.of("stage"):
            for ev in starts_of(stage):
                if isinstance(ev, str):
                    self.by_start[ev].append(stage)
            produced = stage.get("produces")
            if isinstance(produced, str):
                self.producers[produced].append(stage)
        self.group: dict[str, str] = {}
        for cond in model.of("condition"):
            g = cond.get("group")
            if isinstance(g, str):
                self.group[cond.id] = g
        self.pauses: dict[str, Item] = {c.id: c for c in model.of("clock") if c.get("type") == "pause"}
        self.pauses_to: dict[str, list[Item]] = defaultdict(list)  # pauses by the event that ends them
        for pz in self.pauses.values():
            if isinstance(pz.get("to"), str):
                self.pauses_to[pz.get("to")].append(pz)
        # (id of a limit's due table, chain of periods from the limit's start) -> the worst overrun
        # (days, start, due, compared) over the limit's start dates (periods.worst_of): a chain
        # held against one limit table comes out the same on every path of every process, so it
        # is counted once
        self.worst: dict[tuple[int, tuple[tuple[int, str, str], ...]], tuple[int, int, int, bool]] = {}
        # passes over a whole table left before the check gives up (TML004): the cost of a
        # process grows with its distinct chains of periods, which alternatives multiply
        self.budget = MAX_WORK

    def outside(self, stage: Item) -> str | None:
        """Who outside the company does a stage: its ``party``, or that of the event it produces."""
        if stage.get("party") is not None:
            return str(stage.get("party"))
        event = self.model.get(stage.get("produces"), "event")
        return str(event.get("party")) if event is not None and event.get("party") is not None else None

    def may_pause(self, pause: Item, passed: dict[str, int]) -> bool:
        """Whether a pause can stop the clock on a path: its start is on the path, or is an outside
        event no stage produces (it may then happen at any time)."""
        start = pause.get("from")
        return start in passed or (isinstance(start, str) and not self.producers.get(start))

    def consistent(self, conditions: frozenset[str]) -> bool:
        seen: dict[str, str] = {}
        for c in conditions:
            g = self.group.get(c)
            if g is None:
                continue
            if seen.setdefault(g, c) != c:
                return False
        return True

    def paths(self, start: str, end: str, when: frozenset[str] = frozenset()) -> list[Path]:
        """Every simple path of stages from ``start`` to ``end`` whose conditions agree with ``when``."""
        out: list[Path] = []
        stack: list[tuple[str, tuple[Item, ...], frozenset[str], frozenset[str]]] = [
            (start, (), frozenset(when), frozenset({start}))]
        steps = 0
        while stack:
            event, stages, conds, visited = stack.pop()
            steps += 1
            if steps > MAX_STEPS:
                raise TooManyPaths
            for stage in self.by_start.get(event, ()):
                nxt = stage.get("produces")
                if not isinstance(nxt, str) or nxt in visited:
                    continue
                c = conds | frozenset(x for x in listed(stage.get("when")) if isinstance(x, str))
                if not self.consistent(c):
                    continue
                if nxt == end:
                    out.append(Path(start, (*stages, stage), c - when))
                    if len(out) > MAX_PATHS:
                        raise TooManyPaths
                else:
                    stack.append((nxt, (*stages, stage), c, visited | {nxt}))
        out.reverse()  # in the order the stages are written
        return out

    def ancestors(self, event: str) -> set[str]:
        """Events from which ``event`` can be reached through stages (itself aside)."""
        seen: set[str] = set()
        todo = [event]
        while todo:
            e = todo.pop()
            for stage in self.producers.get(e, ()):
                for s in starts_of(stage):
                    if isinstance(s, str) and s not in seen:
                        seen.add(s)
                        todo.append(s)
        return seen


def check_limit(model: Model, graph: Graph, limit: Item, cal: WorkCalendar,
                limit_cal: WorkCalendar | None = None) -> Result:
    """Lay out every path of ``limit`` as a timeline (see the module docstring)."""
    result = Result(limit)
    start, end = limit.get("from"), limit.get("to")
    lp = rolled(limit.data)
    if not isinstance(start, str) or not isinstance(end, str) or lp is None:
        return result
    when = frozenset(x for x in listed(limit.get("when")) if isinstance(x, str))
    try:
        result.paths = graph.paths(start, end, when)
    except TooManyPaths:
        result.too_many = True
        return result
    allowed = {p for p in listed(limit.get("pauses")) if isinstance(p, str)}
    limit_table = (limit_cal or cal).due_table(*lp)
    compared = False
    for path in result.paths:
        plan = _plan(graph, path, allowed)
        if isinstance(plan, tuple):  # (the stage whose end is unbounded, why)
            result.unbounded.append((path, Unbounded(*plan)))
            continue
        # The date of each event on the path is a chain of periods from the start (a deadline counted
        # from an event whose own deadline is counted from ...). Its worst overrun of the limit over
        # every start date depends on that chain and the limit's table only, so Graph.worst keeps it
        # for every path and process that has the same chain under a limit of the same period.
        chains: list[tuple[tuple[int, str, str], ...] | None] = [()]  # per index of plan.steps' sources
        worst: dict[str, tuple[Item, int, int]] = {}  # stage id -> (the stage, worst start, its due)
        for stage, src, p in plan.steps:
            base = chains[src] if src is not None and src >= 0 else None
            if base is None:
                chains.append(None)  # no deadline, or counted from an event with no bound: no date
                continue
            chain = (*base, p)
            chains.append(chain)
            try:
                over = by_clock(chain, lp)
            except Undecidable as exc:
                result.incomparable.setdefault(stage.id, (path, stage, str(exc)))
                continue
            if over is not None:  # a limit counted by the clock: added up exactly, on any start
                if over > 0:
                    result.exceeds.setdefault(stage.id, (path, stage, chain, over))
                continue
            if fits_by_amount(chain, lp, cal, limit_cal):
                # it fits on every start date the limit itself can be counted from
                compared = compared or bool(limit_table)
                continue
            key = (id(limit_table), chain)
            found = graph.worst.get(key)
            if found is None:
                graph.budget -= len(chain) + 1
                if graph.budget < 0:
                    result.too_many = True
                    return result
                found = graph.worst[key] = worst_of(cal, chain, limit_table)
            compared = compared or found[3]
            if found[0] > 0:
                worst[stage.id] = (stage, found[1], found[2])
        if UNITS[lp[1]].seconds is not None or all(c is None for c in chains[1:]):
            compared = True  # counted by the clock, or no dated stage: nothing needs the calendar
        for stage_id, (late, s, t) in worst.items():
            known = result.overruns.get(stage_id)
            if known is None or t - limit_table[s] > (known[3] - known[4]).days:
                result.overruns[stage_id] = (path, late, date.fromordinal(s), date.fromordinal(t),
                                             date.fromordinal(limit_table[s]))
    if result.paths and not compared and not result.unbounded:
        result.undecidable = uncompared(cal)
    return result


@dataclass
class _Plan:
    # (stage, index into the times list of the event its deadline counts from (None: no deadline;
    #  -1: an event with no bound on this path), period)
    steps: list[tuple[Item, int | None, tuple[int, str, str]]]


def _plan(graph: Graph, path: Path, allowed: set[str]) -> _Plan | tuple[Item, str]:
    """Resolve a path symbolically: which earlier event each deadline counts from, and whether the
    end event has a bound at all. Returns the plan, or (stage, reason) when the end is unbounded."""
    # index of each event's time in the numeric pass: 0 is the start; stage i produces index i + 1
    index: dict[str, int] = {path.start: 0}
    bounded: dict[str, tuple[Item, str] | None] = {path.start: None}  # event -> None or why it is unbounded
    steps: list[tuple[Item, int | None, tuple[int, str, str]]] = []
    for n, stage in enumerate(path.stages):
        produced = stage.get("produces")
        deadline = stage.get("deadline")
        p = rolled(deadline) if isinstance(deadline, dict) else None
        why: tuple[Item, str] | None
        src: int | None
        pause_to = [pz.id for pz in graph.pauses_to.get(produced, ()) if pz.get("from") in index]
        if pause_to and any(pid in allowed for pid in pause_to):
            # the clock stops between the pause's events: the end of the pause is, in clock time,
            # its start (the limit does not run meanwhile, whatever the stage's own deadline says)
            pz = graph.pauses[next(pid for pid in pause_to if pid in allowed)]
            src_event = pz.get("from")
            why = bounded.get(src_event)
            index[produced] = index[src_event]
            bounded[produced] = why
            steps.append((stage, None, (1, "calendar_days", "none")))
            continue
        outside = graph.outside(stage)
        if outside is not None:
            # someone outside the company brings the event about: no deadline of the company's binds
            # them, so the event has no latest date (a later deadline counted from it inherits this)
            why = (stage, _("stage '{stage}' is done by {party}, outside the company, whom no deadline of the "
                            "company binds").format(stage=stage.id, party=outside))
            steps.append((stage, None, p or (1, "calendar_days", "none")))
            index[produced] = n + 1
            bounded[produced] = why
            continue
        if p is None and isinstance(deadline, dict):
            # a deadline the schema has rejected (reported there): nothing can be said of this path
            why = (stage, _("the deadline of '{stage}' cannot be read (see its schema problem)").format(
                stage=stage.id))
            src = -1
        elif p is None:
            # no deadline: its event has no bound of its own (a later deadline counted from it
            # inherits this, and the path's end is reported at that deadline)
            why = (stage, _("stage '{stage}' has no deadline").format(stage=stage.id))
            src = None
        else:
            f = deadline.get("from")
            if f not in index:
                why = (stage, _("'{stage}' counts from '{event}', which this path does not pass before it").format(
                    stage=stage.id, event=f))
                src = -1
            elif bounded.get(f) is not None:
                origin = bounded[f]
                assert origin is not None
                why = (stage, _("'{stage}' counts from '{event}', which has no latest date ({origin})").format(
                    stage=stage.id, event=f, origin=origin[1]) if origin[0] is not stage else origin[1])
                src = -1
            else:
                why = None
                src = index[f]
                for pid in listed(deadline.get("pauses")):
                    rule = graph.pauses.get(pid)
                    if rule is None or not graph.may_pause(rule, index):
                        continue  # this pause cannot happen on the path: it changes nothing
                    if pid not in allowed:
                        why = (stage, _("'{stage}' stops its clock for '{pause}', which the limit does not "
                                        "allow").format(stage=stage.id, pause=pid))
                        src = -1
                        break
        if p is not None and stage.file.overlay:
            own = graph.model.calendar_for(stage)
            if own is not graph.model.head_calendar():  # a branch's closures extend its own stages' deadlines
                p = (*p, own)  # type: ignore[assignment]
        steps.append((stage, src, p or (1, "calendar_days", "none")))
        index[produced] = n + 1
        bounded[produced] = why
    end = path.stages[-1].get("produces")
    if bounded.get(end) is not None:
        return bounded[end]  # type: ignore[return-value]
    return _Plan(steps)


def graph(model: Model) -> Graph:
    """The model's stage graph, built once for every check and page that reads it."""
    found = model.derived.get("graph")
    if not isinstance(found, Graph):
        found = model.derived["graph"] = Graph(model)
    return found


@dataclass
class StageLimits:
    """For each stage (by id()), the limits in the order of the timeline's results: those with a path
    through it, and those of whose paths it is the last stage (it brings about the limit's end)."""

    on_path: dict[int, list[Item]]
    ended: dict[int, list[Item]]


def limits_by_stage(model: Model) -> StageLimits:
    """The stages' limits, indexed once per model for every page and rule that asks per stage."""
    found = model.derived.get("stage-limits")
    if isinstance(found, StageLimits):
        return found
    on_path: dict[int, dict[str, Item]] = {}
    ended: dict[int, dict[str, Item]] = {}
    for r in results(model):
        for path in r.paths:
            for stage in path.stages:
                on_path.setdefault(id(stage), {}).setdefault(r.limit.id, r.limit)
            ended.setdefault(id(path.stages[-1]), {}).setdefault(r.limit.id, r.limit)
    found = model.derived["stage-limits"] = StageLimits(
        {k: list(v.values()) for k, v in on_path.items()}, {k: list(v.values()) for k, v in ended.items()})
    return found


def binds_company(limit: Item) -> bool:
    return bool(limit.get("binds", "company") == "company")


def results(model: Model) -> list[Result]:
    """Every company-bound limit's timeline result, computed once per model and shared by the
    rules that report them (each filters by its own options)."""
    cached: list[Result] | None = model.derived.get("timeline")
    if cached is not None:
        return cached
    out: list[Result] = []
    # the head office's calendar; a stage a branch writes counts on the branch's (see _plan)
    cal = model.head_calendar()
    if cal is not None:
        g = graph(model)
        for limit in model.of("limit"):
            if binds_company(limit):
                out.append(check_limit(model, g, limit, cal, model.public_calendar()))
    model.derived["timeline"] = out
    return out
