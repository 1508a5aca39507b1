"""Which kind each day is: China's statutory calendar with a company calendar over it.

Where the data comes from
-------------------------
* Statutory holidays and make-up working days (调休) come from the
  ``chinese-calendar`` package (years 2004-2026 in 1.11.0). It is imported the
  first time a calendar is consulted, not when this module is imported, so the
  CLI starts fast when no deadline is computed.
* A *company calendar* is laid over it, given as plain data (normally the
  ``calendar`` mapping of a YAML policy file, parsed by someone else and handed to
  :meth:`CompanyCalendar.from_dict`).
* A date in a year that neither source covers raises :class:`OutsideCoverage`.
  It is never treated as an ordinary Monday-to-Friday week: China moves its
  holidays every year, so a guess is wrong by up to a week around Spring Festival
  and National Day.

Company calendar data (the dict given to ``CompanyCalendar.from_dict``)
-----------------------------------------------------------------------
Every key is optional; ``None`` or ``{}`` means "no overlay, default hours"::

    {
      "business_hours": {                 # default: 08:30-17:30, lunch 12:00-13:00
        "start": "08:30",                 # str "HH:MM", 24-hour clock, quoted
        "end": "17:30",                   # str "HH:MM", later than start
        "lunch": {"start": "12:00",       # optional; omit or null = no lunch break
                  "end": "13:00"}         # (only when business_hours is given)
      },
      "closures": [                       # company rest days (not working days)
        "2026-12-31",                     # a date: str "YYYY-MM-DD" ...
        {"date": "2026-12-30",            # ... or a mapping with an optional name
         "name": "年终盘点 year-end stocktake"}
      ],
      "extra_workdays": [ ... ],          # company working days, same item shapes
      "years": {                          # full schedules for years the package
        "2027": {                         # lacks (or replaces for a year it has).
          "holidays": [ ... ],            # every rest day of the holiday blocks,
                                          # weekends inside them included
          "makeup_workdays": [ ... ],     # Saturdays/Sundays worked (调休上班)
          "source": "国办发明电〔2026〕NN号"  # optional str, shown in explanations
        }
      }
    }

* Dates are ``"YYYY-MM-DD"`` strings (``datetime.date`` objects from a YAML
  loader are accepted too). A ``years`` key is the year as a string ``"2027"``
  or an int; each date listed under it must fall in that calendar year (a make-up
  Saturday on 2026-12-26 for the 2027 New Year belongs under ``"2026"``).
* Times must be quoted strings: YAML 1.1 reads an unquoted ``17:30`` as the
  sexagesimal integer 1050, which is rejected with a message saying so.
* A definition under ``years`` makes that year covered and replaces the
  package's data for it; weekdays it does not list are working days, weekend
  days it does not list are rest days.
* A closure only changes a day that would otherwise be a working day, and an
  extra working day only a rest day; a date may not be in both lists.
* Unknown keys raise ``ValueError`` (a misspelt key must not be ignored).

Company closures count as rest days everywhere, so a calendar with closures
gives *internal* deadlines. For a deadline owed to a customer or a regulator,
use a calendar without closures (a closure gives the company no extra time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from ..i18n import _

__all__ = ["KINDS", "CompanyCalendar", "DayCalendar", "OutsideCoverage", "YearSchedule"]

# Kinds of a day the data does not list: Monday to Friday, Saturday and Sunday.
PLAIN_KINDS: tuple[str, str] = ("workday", "weekend")
WORKING_KINDS = frozenset({"workday", "makeup_workday", "company_workday"})
# Days that are working days only by exception: reported as "make-up days counted".
MAKEUP_KINDS = frozenset({"makeup_workday", "company_workday"})

ONE_DAY = timedelta(days=1)

# kind -> (Chinese, English); the CLI shows both, the browser calculator the Chinese.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "workday": ("工作日", "workday"),
    "weekend": ("周末", "weekend"),
    "holiday": ("法定节假日", "public holiday"),
    "makeup_workday": ("调休上班", "make-up working day"),
    "company_closure": ("公司停业", "company closure"),
    "company_workday": ("公司工作日", "company working day"),
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)
WEEKDAYS = ("周一 Mon", "周二 Tue", "周三 Wed", "周四 Thu", "周五 Fri", "周六 Sat", "周日 Sun")

# Corrections to the package's data, each checked against the State Council notice.
# Applied only while the package still disagrees, so an upstream fix makes them no-ops.
# 2005-12-31 (Sat) was worked for the 2006 New Year (国办发明电〔2005〕35号:
# "12月31日（星期六）上班"); chinese-calendar 1.11.0 has it as a rest day
# (github.com/LKI/chinese-calendar issue #125, open); holidays' CN calendar agrees with the notice.
_PACKAGE_ERRATA_MAKEUP: dict[date, str] = {date(2005, 12, 31): "元旦 New Year's Day"}


class OutsideCoverage(Exception):
    """A date falls in a year for which no holiday schedule is known."""

    def __init__(self, year: int, covered: Iterable[int] = (), detail: str = "") -> None:
        super().__init__(year)  # args == (year,) so the exception pickles
        self.year: int = year
        self.covered: tuple[int, ...] = tuple(covered)
        self.detail: str = detail

    def __str__(self) -> str:
        if self.covered:
            msg = _("year {year} is outside the working-day calendar (it covers {years}): which days of {year} are "
                    "working days is unknown until the State Council's {year} schedule (国务院办公厅关于{year}年部分"
                    "节假日安排的通知) is loaded. Add it to the company calendar file (calendar.years.\"{year}\": "
                    "holidays, makeup_workdays, and the notice as its source), or upgrade chinese-calendar once a "
                    "release carries it. A calendar-day period that does not roll (roll: none) needs no holiday "
                    "data.")
        else:
            msg = _("year {year} is outside the working-day calendar: the calendar covers no year at all. Add the "
                    "State Council's {year} schedule to the company calendar (calendar.years.\"{year}\": holidays "
                    "and makeup_workdays) or upgrade chinese-calendar.")
        msg = msg.format(year=self.year, years=describe_years(self.covered))
        return f"{msg} {self.detail}" if self.detail else msg


@dataclass(frozen=True)
class YearSchedule:
    """A full holiday schedule for one year: the State Council notice as data."""

    holidays: dict[date, str] = field(default_factory=dict)
    makeup_workdays: dict[date, str] = field(default_factory=dict)
    source: str | None = None


@dataclass(frozen=True)
class CompanyCalendar:
    """Company overlay: business hours, closures, extra working days, per-year schedules."""

    opens: time = time(8, 30)
    closes: time = time(17, 30)
    lunch: tuple[time, time] | None = (time(12, 0), time(13, 0))
    closures: dict[date, str] = field(default_factory=dict)
    extra_workdays: dict[date, str] = field(default_factory=dict)
    years: dict[int, YearSchedule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Checked here too so that a directly constructed calendar is as safe as a parsed one.
        if not self.opens < self.closes:
            raise ValueError(_("business_hours: start {start} must be before end {end}").format(
                start=f"{self.opens:%H:%M}", end=f"{self.closes:%H:%M}"))
        if self.lunch is not None:
            ls, le = self.lunch
            if not (self.opens < ls < le < self.closes):
                raise ValueError(_("business_hours.lunch {lunch} must lie strictly inside {hours}").format(
                    lunch=f"{ls:%H:%M}-{le:%H:%M}", hours=f"{self.opens:%H:%M}-{self.closes:%H:%M}"))
        both = sorted(set(self.closures) & set(self.extra_workdays))
        if both:
            raise ValueError(_("dates listed both as closures and as extra_workdays: {dates}").format(
                dates=", ".join(map(str, both))))

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CompanyCalendar:
        """Build from the plain dict described in the module docstring; ValueError if malformed."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError(_("company calendar: expected a mapping, got {type}").format(type=type(data).__name__))
        _no_unknown_keys(data, {"business_hours", "closures", "extra_workdays", "years"}, "calendar")
        kwargs: dict[str, Any] = {}
        hours = data.get("business_hours")
        if hours is not None:
            if not isinstance(hours, Mapping):
                raise ValueError(_("calendar.business_hours: expected a mapping with start and end"))
            _no_unknown_keys(hours, {"start", "end", "lunch"}, "calendar.business_hours")
            for key in ("start", "end"):
                if key not in hours:
                    raise ValueError(_("{where} is required (\"HH:MM\")").format(
                        where=f"calendar.business_hours.{key}"))
            kwargs["opens"] = _parse_time(hours["start"], "calendar.business_hours.start")
            kwargs["closes"] = _parse_time(hours["end"], "calendar.business_hours.end")
            lunch = hours.get("lunch")
            if lunch is None:
                kwargs["lunch"] = None  # business hours given without lunch: no break
            else:
                if not isinstance(lunch, Mapping):
                    raise ValueError(_("calendar.business_hours.lunch: expected a mapping with start and end"))
                _no_unknown_keys(lunch, {"start", "end"}, "calendar.business_hours.lunch")
                for key in ("start", "end"):
                    if key not in lunch:
                        raise ValueError(_("{where} is required (\"HH:MM\")").format(
                            where=f"calendar.business_hours.lunch.{key}"))
                kwargs["lunch"] = (
                    _parse_time(lunch["start"], "calendar.business_hours.lunch.start"),
                    _parse_time(lunch["end"], "calendar.business_hours.lunch.end"),
                )
        kwargs["closures"] = _parse_date_list(data.get("closures"), "calendar.closures")
        kwargs["extra_workdays"] = _parse_date_list(data.get("extra_workdays"), "calendar.extra_workdays")
        years_raw = data.get("years")
        years: dict[int, YearSchedule] = {}
        if years_raw is not None:
            if not isinstance(years_raw, Mapping):
                raise ValueError(_("calendar.years: expected a mapping from year (\"2027\") to a schedule"))
            for key, spec in years_raw.items():
                year = _parse_year_key(key)
                where = f"calendar.years.{key}"
                if year in years:
                    raise ValueError(_("{where}: year {year} is defined twice").format(where=where, year=year))
                if not isinstance(spec, Mapping):
                    raise ValueError(_("{where}: expected a mapping with holidays and makeup_workdays").format(
                        where=where))
                _no_unknown_keys(spec, {"holidays", "makeup_workdays", "source"}, where)
                hol = _parse_date_list(spec.get("holidays"), f"{where}.holidays")
                mk = _parse_date_list(spec.get("makeup_workdays"), f"{where}.makeup_workdays")
                for d in (*hol, *mk):
                    if d.year != year:
                        raise ValueError(_("{where}: {date} is not in {year}; list it under the year it falls "
                                           "in").format(where=where, date=d, year=year))
                for d in mk:
                    if d.weekday() < 5:
                        raise ValueError(_("{where}: {date} is a {weekday}, make-up working days are Saturdays or "
                                           "Sundays").format(where=f"{where}.makeup_workdays", date=d,
                                                             weekday=WEEKDAYS[d.weekday()]))
                clash = sorted(set(hol) & set(mk))
                if clash:
                    raise ValueError(_("{where}: dates both holiday and make-up working day: {dates}").format(
                        where=where, dates=clash))
                source = spec.get("source")
                if source is not None and not isinstance(source, str):
                    raise ValueError(_("{where}: expected text").format(where=f"{where}.source"))
                years[year] = YearSchedule(holidays=hol, makeup_workdays=mk, source=source)
        kwargs["years"] = years
        return cls(**kwargs)

    def business_segments(self) -> tuple[tuple[time, time], ...]:
        """Open periods of a working day, in order (lunch removed)."""
        if self.lunch is None:
            return ((self.opens, self.closes),)
        return ((self.opens, self.lunch[0]), (self.lunch[1], self.closes))

    def business_minutes(self) -> int:
        """Minutes of business time in one working day."""
        return sum(minutes(b) - minutes(a) for a, b in self.business_segments())


class DayCalendar:
    """China's working-day calendar (chinese-calendar) with a company overlay, day by day.

    Counting periods on it is :class:`handbook.calendar.counting.WorkCalendar`'s job.
    """

    def __init__(self, company: CompanyCalendar | None = None) -> None:
        self.company: CompanyCalendar = company if company is not None else CompanyCalendar()
        # Everything below is built on first use: constructing a calendar must stay cheap.
        self._covered: tuple[int, ...] | None = None
        self._covered_set: frozenset[int] = frozenset()
        self._special: dict[date, tuple[str, str]] = {}  # days that are not plain Mon-Fri / Sat-Sun
        self._source: str = ""
        self._package_note: str = ""
        self._runs: list[tuple[int, int, list[int]]] | None = None  # see working_runs()
        # first ordinal of a run -> how many working days precede each of its days (tables.py)
        self.working_before: dict[int, list[int]] = {}

    def _load(self) -> None:
        if self._covered is not None:
            return
        pkg = _package_data()
        company = self.company
        years = set(pkg.years) | set(company.years)
        special: dict[date, tuple[str, str]] = {}
        # Package data for the years the company does not redefine.
        for d, name in pkg.holidays.items():
            if d.year not in company.years:
                special[d] = ("holiday", name)
        for d, name in pkg.makeup.items():
            if d.year not in company.years:
                special[d] = ("makeup_workday", name)
        for sched in company.years.values():
            for d, name in sched.holidays.items():
                special[d] = ("holiday", name)
            for d, name in sched.makeup_workdays.items():
                special[d] = ("makeup_workday", name)
        # Company overlay: only where it changes whether the day is worked.
        for d, name in company.closures.items():
            base = special.get(d, (_plain_kind(d), ""))[0]
            if base in WORKING_KINDS:
                special[d] = ("company_closure", name)
        for d, name in company.extra_workdays.items():
            base = special.get(d, (_plain_kind(d), ""))[0]
            if base not in WORKING_KINDS:
                special[d] = ("company_workday", name)
        self._special = special
        self._covered = tuple(sorted(years))
        self._covered_set = frozenset(years)
        self._package_note = pkg.note
        parts = []
        pkg_years = [y for y in pkg.years if y not in company.years]
        if pkg_years:
            parts.append(f"{pkg.label} ({describe_years(pkg_years)})")
        for y in sorted(company.years):
            src = company.years[y].source
            parts.append(f"公司日历 company calendar {y}" + (f" ({src})" if src else ""))
        if company.closures or company.extra_workdays:
            parts.append("公司停业/加班日 company closures and working days")
        self._source = "; ".join(parts)

    def export(self) -> dict[str, Any]:
        """Plain data for the manual's offline calculator: the same calendar, day by day.

        ``days`` lists every day that is not a plain Mon-Fri workday / Sat-Sun
        weekend, as kind and name; ``business`` the open periods in minutes.
        """
        self._load()
        return {
            "years": list(self._covered or ()),
            "days": {d.isoformat(): [k, n] for d, (k, n) in sorted(self._special.items())},
            "business": [[minutes(a), minutes(b)] for a, b in self.company.business_segments()],
            "source": self._source,
        }

    def covered_years(self) -> range | list[int]:
        """Years with a known schedule: a range when contiguous, else a sorted list."""
        self._load()
        assert self._covered is not None
        ys = list(self._covered)
        if ys and ys[-1] - ys[0] + 1 == len(ys):
            return range(ys[0], ys[-1] + 1)
        return ys

    def _check(self, d: date) -> None:
        if d.year not in self._covered_set:
            raise OutsideCoverage(d.year, self._covered or (), self._package_note)

    def _kind_name(self, d: date) -> tuple[str, str]:
        self._load()
        self._check(d)
        hit = self._special.get(d)
        if hit is not None:
            return hit
        return _plain_kind(d), ""

    def day_kind(self, d: date) -> str:
        """One of KINDS; raises OutsideCoverage for a year with no schedule."""
        if isinstance(d, datetime):
            d = d.date()
        return self._kind_name(d)[0]

    def day_name(self, d: date) -> str:
        """Holiday / make-up / company name of the day ("" for an ordinary day)."""
        if isinstance(d, datetime):
            d = d.date()
        return self._kind_name(d)[1]

    def is_working_day(self, d: date) -> bool:
        return self.day_kind(d) in WORKING_KINDS

    # -- the calendar as working-day ordinals ------------------------------------------

    def working_runs(self) -> list[tuple[int, int, list[int]]]:
        """Per run of consecutive covered years: first/last ordinal and sorted working-day ordinals."""
        if self._runs is not None:
            return self._runs
        self._load()
        runs: list[tuple[int, int, list[int]]] = []
        years = list(self._covered or ())
        # Ordinal-keyed so the loop below never builds a date object.
        special = {d.toordinal(): kind for d, (kind, _name) in self._special.items()}
        i = 0
        while i < len(years):
            j = i
            while j + 1 < len(years) and years[j + 1] == years[j] + 1:
                j += 1
            first = date(years[i], 1, 1).toordinal()
            last = date(years[j], 12, 31).toordinal()
            work: list[int] = []
            # Ordinal 1 (0001-01-01) is a Monday, so (o - 1) % 7 is the weekday.
            for o in range(first, last + 1):
                hit = special.get(o)
                if hit is not None:
                    if hit in WORKING_KINDS:
                        work.append(o)
                elif (o - 1) % 7 < 5:
                    work.append(o)
            runs.append((first, last, work))
            i = j + 1
        self._runs = runs
        return runs


# -- helpers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PackageData:
    label: str
    years: tuple[int, ...]
    holidays: dict[date, str]
    makeup: dict[date, str]
    note: str = ""


_PACKAGE: _PackageData | None = None


def _package_data() -> _PackageData:
    """chinese-calendar's data as {date: "中文 English"}, loaded once per process."""
    global _PACKAGE
    if _PACKAGE is not None:
        return _PACKAGE
    try:
        # Imported here, not at module top: ~3 ms, paid only when a calendar is consulted.
        import chinese_calendar
        from chinese_calendar.constants import Holiday, holidays, workdays
    except ImportError:
        _PACKAGE = _PackageData(
            label="chinese-calendar (not installed)",
            years=(),
            holidays={},
            makeup={},
            note=_("(chinese-calendar is not installed: pip install chinese-calendar)"),
        )
        return _PACKAGE
    zh = {h.value: h.chinese for h in Holiday}

    def both(name: str) -> str:
        return f"{zh[name]} {name}" if name in zh else name

    hol = {d: both(n) for d, n in holidays.items()}
    mk = {d: both(n) for d, n in workdays.items()}
    first_year, last_year = min(hol).year, max(hol).year
    for d, name in _PACKAGE_ERRATA_MAKEUP.items():
        if first_year <= d.year <= last_year and d not in mk:
            hol.pop(d, None)
            mk[d] = name
    years = tuple(range(min(hol).year, max(hol).year + 1))
    version = getattr(chinese_calendar, "__version__", "?")
    _PACKAGE = _PackageData(label=f"chinese-calendar {version}", years=years, holidays=hol, makeup=mk)
    return _PACKAGE


def _plain_kind(d: date) -> str:
    return PLAIN_KINDS[1] if d.weekday() >= 5 else PLAIN_KINDS[0]


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _no_unknown_keys(data: Mapping[Any, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        raise ValueError(_("{where}: unknown key(s) {keys}; allowed: {allowed}").format(
            where=where, keys=", ".join(unknown), allowed=", ".join(sorted(allowed))))


_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _parse_time(value: Any, where: str) -> time:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 turns unquoted 17:30 into 17*60+30.
        raise ValueError(_("{where}: got the number {value}; write the time as a quoted string like "
                           "\"17:30\"").format(where=where, value=value))
    if not isinstance(value, str):
        raise ValueError(_("{where}: expected a time \"HH:MM\", got {value}").format(where=where, value=repr(value)))
    m = _TIME_RE.match(value.strip())
    if m is None:
        raise ValueError(_("{where}: {value} is not a time \"HH:MM\" (24-hour clock)").format(
            where=where, value=repr(value)))
    return time(int(m.group(1)), int(m.group(2)))


def _parse_date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        raise ValueError(_("{where}: expected a date, got a date-time {value}").format(where=where, value=repr(value)))
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(_("{where}: {value} is not a real date ({reason})").format(
                where=where, value=repr(value), reason=exc)) from None
    raise ValueError(_("{where}: expected a date \"YYYY-MM-DD\", got {value}").format(where=where, value=repr(value)))


def _parse_date_list(value: Any, where: str) -> dict[date, str]:
    """A list of dates or {date, name} mappings -> {date: name}."""
    if value is None:
        return {}
    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        raise ValueError(_("{where}: expected a list of dates").format(where=where))
    out: dict[date, str] = {}
    for n, item in enumerate(value):
        here = f"{where}[{n}]"
        if isinstance(item, Mapping):
            _no_unknown_keys(item, {"date", "name"}, here)
            if "date" not in item:
                raise ValueError(_("{where}: missing key date").format(where=here))
            d = _parse_date(item["date"], f"{here}.date")
            name = item.get("name") or ""
            if not isinstance(name, str):
                raise ValueError(_("{where}: expected text").format(where=f"{here}.name"))
        else:
            d, name = _parse_date(item, here), ""
        if d in out:
            raise ValueError(_("{where}: {date} is listed twice").format(where=where, date=d))
        out[d] = name
    return out


def _parse_year_key(key: Any) -> int:
    if isinstance(key, bool):
        raise ValueError(_("calendar.years: {key} is not a year").format(key=repr(key)))
    if isinstance(key, int):
        year = key
    elif isinstance(key, str) and re.fullmatch(r"\d{4}", key.strip()):
        year = int(key)
    else:
        raise ValueError(_("calendar.years: {key} is not a year like \"2027\"").format(key=repr(key)))
    if not 1900 <= year <= 2200:
        raise ValueError(_("calendar.years: {year} is not a plausible year").format(year=year))
    return year


def describe_years(years: Iterable[int]) -> str:
    """(2004, ..., 2026, 2028) -> "2004-2026, 2028"."""
    ys = sorted(set(years))
    parts: list[str] = []
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        parts.append(str(ys[i]) if i == j else f"{ys[i]}-{ys[j]}")
        i = j + 1
    return ", ".join(parts)

