"""Tests for handbook.calendar: China's working-day calendar, deadline counting and due-date tables."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import handbook.calendar.data as cal_data
from handbook.calendar import (
    UNITS,
    CompanyCalendar,
    OutsideCoverage,
    WorkCalendar,
    parse_duration,
)
from handbook.calendar.tables import due_table
from handbook.calendar.units import ROLLS

REPO = Path(__file__).resolve().parents[1]
D = date
ONE = timedelta(days=1)

# A made-up 2027 schedule for tests only (NOT the State Council's): New Year
# 01-01..01-03 off, Saturday 01-09 worked.
FAKE_2027 = {
    "holidays": ["2027-01-01", {"date": "2027-01-02", "name": "元旦 New Year's Day"}, "2027-01-03"],
    "makeup_workdays": [{"date": "2027-01-09", "name": "元旦 New Year's Day"}],
    "source": "test data, not official",
}


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def days(first: date, last: date) -> list[date]:
    out = []
    while first <= last:
        out.append(first)
        first += ONE
    return out


# -- the calendar itself --------------------------------------------------------------------


def test_2026_national_day_and_mid_autumn_kinds(cal: WorkCalendar) -> None:
    assert cal.day_kind(D(2026, 9, 20)) == "makeup_workday"  # Sunday worked
    assert cal.day_kind(D(2026, 10, 10)) == "makeup_workday"  # Saturday worked
    for d in days(D(2026, 9, 25), D(2026, 9, 27)):
        assert cal.day_kind(d) == "holiday", d
    for d in days(D(2026, 10, 1), D(2026, 10, 7)):
        assert cal.day_kind(d) == "holiday", d
        assert not cal.is_working_day(d)
    assert cal.day_kind(D(2026, 10, 8)) == "workday"
    assert cal.day_kind(D(2026, 10, 11)) == "weekend"
    assert cal.day_kind(D(2026, 9, 19)) == "weekend"
    assert cal.is_working_day(D(2026, 9, 20)) and cal.is_working_day(D(2026, 10, 10))
    assert "国庆节" in cal.day_name(D(2026, 10, 3)) and "National Day" in cal.day_name(D(2026, 10, 3))
    # A datetime is read as its date.
    assert cal.day_kind(datetime(2026, 10, 10, 23, 0)) == "makeup_workday"


def test_package_erratum_2005_12_31_is_a_makeup_workday(cal: WorkCalendar) -> None:
    # 国办发明电〔2005〕35号: "12月31日（星期六）上班"; chinese-calendar 1.11.0 has it off.
    assert cal.day_kind(D(2005, 12, 31)) == "makeup_workday"


def test_covered_years_default(cal: WorkCalendar) -> None:
    assert cal.covered_years() == range(2004, 2027)


def test_agrees_with_holidays_cn_for_every_day_2004_2026(cal: WorkCalendar) -> None:
    holidays = pytest.importorskip("holidays")
    cn = holidays.country_holidays("CN", years=range(2004, 2027))
    diffs = [
        d
        for d in days(D(2004, 1, 1), D(2026, 12, 31))
        if cal.is_working_day(d) != cn.is_working_day(d)
    ]
    assert diffs == []


# -- coverage -------------------------------------------------------------------------------


def test_outside_coverage_raises_not_a_plain_week(cal: WorkCalendar) -> None:
    with pytest.raises(OutsideCoverage) as err:
        cal.day_kind(D(2027, 1, 4))  # a Monday: must not be guessed to be a workday
    assert err.value.year == 2027
    msg = str(err.value)
    assert "2027" in msg and "2004-2026" in msg and "calendar.years" in msg
    with pytest.raises(OutsideCoverage):
        cal.is_working_day(D(2003, 12, 31))
    # The exception survives pickling (multiprocessing runners).
    again = pickle.loads(pickle.dumps(err.value))
    assert again.year == 2027


def test_period_running_into_uncovered_year_raises(cal: WorkCalendar) -> None:
    with pytest.raises(OutsideCoverage) as err:
        cal.add(datetime(2026, 12, 28, 10), 10, "working_days")
    assert err.value.year == 2027
    with pytest.raises(OutsideCoverage):
        cal.add(datetime(2026, 12, 20), 15, "calendar_days")
    with pytest.raises(OutsideCoverage):
        cal.add(datetime(2026, 12, 31, 17), 8, "working_hours")
    with pytest.raises(OutsideCoverage):
        cal.add(datetime(2003, 12, 30), 1, "working_days")  # event day itself uncovered


def test_without_package_only_company_years_are_covered(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = cal_data._PackageData(label="none", years=(), holidays={}, makeup={}, note="(no package)")
    monkeypatch.setattr(cal_data, "_PACKAGE", empty)
    bare = WorkCalendar()
    assert list(bare.covered_years()) == []
    with pytest.raises(OutsideCoverage) as err:
        bare.day_kind(D(2026, 10, 8))
    assert "no year" in str(err.value) and "(no package)" in str(err.value)
    only27 = WorkCalendar(CompanyCalendar.from_dict({"years": {"2027": FAKE_2027}}))
    assert only27.covered_years() == range(2027, 2028)
    assert only27.day_kind(D(2027, 1, 2)) == "holiday"


# -- counting: working days -----------------------------------------------------------------


@pytest.mark.parametrize("at", [time(0, 0), time(9, 15), time(17, 30), time(23, 59)])
def test_10_working_days_from_2026_09_30(cal: WorkCalendar, at: time) -> None:
    dl = cal.add(datetime.combine(D(2026, 9, 30), at), 10, "working_days")
    assert dl.due == datetime(2026, 10, 20, 17, 30)  # closing time of the default hours
    assert dl.makeup_days == [D(2026, 10, 10)]
    assert [d for d, _ in dl.skipped] == [
        *days(D(2026, 10, 1), D(2026, 10, 7)),
        D(2026, 10, 11),
        D(2026, 10, 17),
        D(2026, 10, 18),
    ]
    assert {k for d, k in dl.skipped if d.day <= 7} == {"holiday"}
    assert {k for d, k in dl.skipped if d.day > 7} == {"weekend"}
    assert (dl.due.date() - dl.start.date()).days == 20


def test_working_days_across_mid_autumn_and_national_day(cal: WorkCalendar) -> None:
    # 09-25..27 off; 28, 29, 30; 10-01..07 off; 8, 9, 10 (Sat, worked), 12, 13, 14, 15.
    dl = cal.add(datetime(2026, 9, 24, 11), 10, "working_days")
    assert dl.due.date() == D(2026, 10, 15)
    assert dl.makeup_days == [D(2026, 10, 10)]
    # The Sunday 09-20 is counted when the period starts before it.
    dl = cal.add(datetime(2026, 9, 18, 11), 1, "working_days")
    assert dl.due.date() == D(2026, 9, 20) and dl.makeup_days == [D(2026, 9, 20)]


def test_working_days_uses_company_closing_time(cal: WorkCalendar) -> None:
    company = CompanyCalendar.from_dict({"business_hours": {"start": "09:00", "end": "18:00"}})
    dl = WorkCalendar(company).add(datetime(2026, 9, 30, 10), 10, "working_days")
    assert dl.due == datetime(2026, 10, 20, 18, 0)


def test_timezone_is_kept() -> None:
    tz = timezone(timedelta(hours=8))
    dl = WorkCalendar().add(datetime(2026, 9, 30, 10, tzinfo=tz), 10, "working_days")
    assert dl.due == datetime(2026, 10, 20, 17, 30, tzinfo=tz)


# -- counting: calendar days ----------------------------------------------------------------


def test_calendar_days_ending_in_a_holiday_move_to_next_working_day(cal: WorkCalendar) -> None:
    # 09-20 + 15 days = 10-05, inside National Day: the period ends on 10-08 at 24:00.
    dl = cal.add(datetime(2026, 9, 20, 14), 15, "calendar_days")
    assert dl.due.date() == D(2026, 10, 8)
    assert dl.due.time() == time.max
    assert dl.skipped == [(D(2026, 10, 5), "holiday"), (D(2026, 10, 6), "holiday"), (D(2026, 10, 7), "holiday")]
    assert "24:00" in dl.explain()


def test_calendar_days_ending_on_weekend_or_workday(cal: WorkCalendar) -> None:
    # Last day Sunday 2026-03-15 -> Monday 03-16.
    dl = cal.add(datetime(2026, 2, 28, 9), 15, "calendar_days")
    assert dl.due.date() == D(2026, 3, 16) and dl.skipped == [(D(2026, 3, 15), "weekend")]
    # Last day an ordinary Tuesday: no change.
    dl = cal.add(datetime(2026, 3, 2, 9), 15, "calendar_days")
    assert dl.due.date() == D(2026, 3, 17) and dl.skipped == [] and dl.makeup_days == []
    # Last day a make-up Saturday: that Saturday is a working day, so it stays.
    dl = cal.add(datetime(2026, 9, 25, 9), 15, "calendar_days")
    assert dl.due.date() == D(2026, 10, 10) and dl.skipped == [] and dl.makeup_days == [D(2026, 10, 10)]
    # Holidays in the middle of the period do not extend it.
    dl = cal.add(datetime(2026, 9, 30, 9), 15, "calendar_days")
    assert dl.due.date() == D(2026, 10, 15)


# -- counting: the roll rule of calendar days -----------------------------------------------


def test_roll_none_ends_on_the_rest_day_roll_next_working_day_after_it(cal: WorkCalendar) -> None:
    # 2026-09-28 (Mon) + 3 days = 10-01, the first day of National Day (10-01..07 off).
    start = datetime(2026, 9, 28, 10)
    rolled = cal.add(start, 3, "calendar_days")
    assert rolled == cal.add(start, 3, "calendar_days", roll="next_working_day")
    assert rolled.due == datetime(2026, 10, 8, 23, 59, 59, 999999) and rolled.roll == "next_working_day"
    assert [d for d, _ in rolled.skipped] == days(D(2026, 10, 1), D(2026, 10, 7)) and rolled.rest_end == ""
    strict = cal.add(start, 3, "calendar_days", roll="none")
    assert strict.due == datetime(2026, 10, 1, 23, 59, 59, 999999)
    assert strict.skipped == [] and strict.makeup_days == [] and strict.roll == "none"
    assert strict.rest_end == "holiday"


def test_roll_none_on_a_weekend_a_workday_and_a_makeup_saturday(cal: WorkCalendar) -> None:
    # Last day Sunday 2026-03-15: kept with roll none, Monday 03-16 with the default.
    assert cal.add(datetime(2026, 2, 28, 9), 15, "calendar_days", roll="none").due.date() == D(2026, 3, 15)
    assert cal.add(datetime(2026, 2, 28, 9), 15, "calendar_days").due.date() == D(2026, 3, 16)
    # Last day a working day (an ordinary Tuesday, a make-up Saturday): both rules agree.
    for start, last in ((datetime(2026, 3, 2, 9), D(2026, 3, 17)), (datetime(2026, 9, 25, 9), D(2026, 10, 10))):
        strict = cal.add(start, 15, "calendar_days", roll="none")
        assert strict.due.date() == last and strict.rest_end == ""
        assert strict.due == cal.add(start, 15, "calendar_days").due
    assert cal.add(datetime(2026, 9, 25, 9), 15, "calendar_days", roll="none").makeup_days == [D(2026, 10, 10)]


def test_roll_changes_calendar_days_only(cal: WorkCalendar) -> None:
    start = datetime(2026, 9, 28, 10)
    for unit in UNITS:
        if UNITS[unit].strategy == "roll_forward":
            continue
        for amount in (3, 10):
            assert cal.add(start, amount, unit, roll="none").due == cal.add(start, amount, unit).due, unit
            assert cal.due_table(amount, unit, roll="none") == cal.due_table(amount, unit), unit


def test_unknown_roll_is_an_error(cal: WorkCalendar) -> None:
    for call in (lambda: cal.add(datetime(2026, 9, 28), 3, "calendar_days", roll="next_workday"),
                 lambda: cal.add(datetime(2026, 9, 28), 3, "working_days", roll="None"),  # for any unit
                 lambda: cal.due_table(3, "calendar_days", roll="later"),
                 lambda: due_table(cal, 3, "hours", roll="")):
        with pytest.raises(ValueError, match=r"unknown roll .*; expected one of next_working_day, none"):
            call()


def test_explain_says_which_roll_rule_applied(cal: WorkCalendar) -> None:
    strict = cal.add(datetime(2026, 9, 28, 10), 3, "calendar_days", roll="none").explain()
    assert "截止 Due: 2026-10-01（周四 Thu） 24:00" in strict
    assert "顺延规则 Roll: 不顺延 no roll" in strict
    assert "不顺延 no roll: 最后一日为休息日（法定节假日 public holiday：国庆节 National Day）" in strict
    assert "ends on the last day even though it is a rest day" in strict
    rolled = cal.add(datetime(2026, 9, 28, 10), 3, "calendar_days").explain()
    assert "截止 Due: 2026-10-08（周四 Thu） 24:00" in rolled
    assert "顺延规则 Roll: 顺延至下一工作日" in rolled and "the period ends on the next working day" in rolled
    assert "even though" not in rolled
    plain = cal.add(datetime(2026, 3, 2, 9), 15, "calendar_days", roll="none").explain()  # a Tuesday: no rest day
    assert "顺延规则 Roll: 不顺延 no roll" in plain and "even though" not in plain
    assert "Roll" not in cal.add(datetime(2026, 9, 28, 10), 3, "working_days", roll="none").explain()


# -- counting: seconds, minutes, hours and working hours ------------------------------------


def test_hours_are_elapsed_time(cal: WorkCalendar) -> None:
    dl = cal.add(datetime(2026, 9, 30, 20, 0), 24, "hours")
    assert dl.due == datetime(2026, 10, 1, 20, 0)  # a holiday does not stop the clock
    assert dl.skipped == [] and dl.makeup_days == []


def test_seconds_and_minutes_are_elapsed_time(cal: WorkCalendar) -> None:
    dl = cal.add(datetime(2026, 9, 30, 23, 59, 50), 20, "seconds")
    assert dl.due == datetime(2026, 10, 1, 0, 0, 10)  # into a holiday: the clock runs on
    assert dl.skipped == [] and dl.makeup_days == []
    assert cal.add(datetime(2026, 3, 3, 10, 0), 20, "seconds").due == datetime(2026, 3, 3, 10, 0, 20)
    dl = cal.add(datetime(2026, 9, 30, 23, 0), 90, "minutes")
    assert dl.due == datetime(2026, 10, 1, 0, 30)
    assert cal.add(datetime(2026, 3, 3, 10, 15), 90, "minutes").due == datetime(2026, 3, 3, 11, 45)
    # The same time in three units.
    start = datetime(2026, 3, 3, 10, 15)
    assert cal.add(start, 7200, "seconds").due == cal.add(start, 120, "minutes").due == cal.add(start, 2, "hours").due
    # Elapsed time needs no calendar: a date no schedule covers is fine.
    assert cal.add(datetime(2030, 1, 1, 12), 90, "minutes").due == datetime(2030, 1, 1, 13, 30)


def test_explain_shows_seconds_for_seconds(cal: WorkCalendar) -> None:
    text = cal.add(datetime(2026, 9, 30, 23, 59, 50), 20, "seconds").explain()
    assert "期限 Period: 20 秒 seconds" in text
    assert "起算事件 Event: 2026-09-30（周三 Wed） 23:59:50" in text
    assert "截止 Due: 2026-10-01（周四 Thu） 00:00:10" in text
    assert "Rest days" not in text and "First day counted" not in text
    # On the minute, the event reads to the second all the same: the unit is seconds.
    assert "起算事件 Event: 2026-03-03（周二 Tue） 10:00:00" in cal.add(datetime(2026, 3, 3, 10), 20, "seconds").explain()
    text = cal.add(datetime(2026, 9, 30, 23, 0), 90, "minutes").explain()
    assert "期限 Period: 90 分钟 minutes" in text
    assert "起算事件 Event: 2026-09-30（周三 Wed） 23:00" in text
    assert "截止 Due: 2026-10-01（周四 Thu） 00:30" in text and "00:30:00" not in text
    # A start off the minute is shown to the second in any unit, so no second is lost.
    assert "截止 Due: 2026-03-03（周二 Tue） 11:45:30" in cal.add(datetime(2026, 3, 3, 10, 15, 30), 90,
                                                                  "minutes").explain()


def test_working_hours_across_weekend(cal: WorkCalendar) -> None:
    # Fri 16:00-17:30 = 1.5 h; Mon 08:30-12:00 = 3.5 h; 13:00-16:00 = 3 h.
    dl = cal.add(datetime(2026, 3, 6, 16, 0), 8, "working_hours")
    assert dl.due == datetime(2026, 3, 9, 16, 0)
    assert dl.skipped == [(D(2026, 3, 7), "weekend"), (D(2026, 3, 8), "weekend")]
    assert "08:30-12:00, 13:00-17:30" in dl.explain()


def test_working_hours_across_lunch_and_outside_hours(cal: WorkCalendar) -> None:
    tue = D(2026, 3, 3)
    assert cal.add(datetime.combine(tue, time(11, 0)), 2, "working_hours").due == datetime(2026, 3, 3, 14, 0)
    # Starting during lunch: the count starts at 13:00.
    assert cal.add(datetime.combine(tue, time(12, 30)), 1, "working_hours").due == datetime(2026, 3, 3, 14, 0)
    # Before opening / after closing: the count starts at the next opening.
    assert cal.add(datetime.combine(tue, time(7, 0)), 1, "working_hours").due == datetime(2026, 3, 3, 9, 30)
    assert cal.add(datetime.combine(tue, time(18, 0)), 1, "working_hours").due == datetime(2026, 3, 4, 9, 30)
    # A full day fits exactly: due at closing, not at the next opening.
    assert cal.add(datetime.combine(tue, time(8, 30)), 8, "working_hours").due == datetime(2026, 3, 3, 17, 30)
    # Without a lunch break the same 8 hours end at 16:30.
    nolunch = WorkCalendar(CompanyCalendar.from_dict({"business_hours": {"start": "08:30", "end": "17:30"}}))
    assert nolunch.add(datetime.combine(tue, time(8, 30)), 8, "working_hours").due == datetime(2026, 3, 3, 16, 30)


def test_working_hours_skip_holidays_and_count_makeup_saturday(cal: WorkCalendar) -> None:
    dl = cal.add(datetime(2026, 9, 30, 16, 0), 8, "working_hours")
    assert dl.due == datetime(2026, 10, 8, 16, 0)
    assert [k for _, k in dl.skipped] == ["holiday"] * 7
    dl = cal.add(datetime(2026, 10, 9, 17, 30), 8, "working_hours")
    assert dl.due == datetime(2026, 10, 10, 17, 30) and dl.makeup_days == [D(2026, 10, 10)]


# -- company calendar -----------------------------------------------------------------------


def test_company_closure_makes_a_workday_a_rest_day() -> None:
    company = CompanyCalendar.from_dict(
        {"closures": [{"date": "2026-10-12", "name": "系统切换 system cut-over"}, "2026-10-17"]}
    )
    c = WorkCalendar(company)
    assert c.day_kind(D(2026, 10, 12)) == "company_closure"
    assert not c.is_working_day(D(2026, 10, 12))
    assert c.day_kind(D(2026, 10, 17)) == "weekend"  # a closure on a rest day changes nothing
    dl = c.add(datetime(2026, 9, 30, 10), 10, "working_days")
    assert dl.due.date() == D(2026, 10, 21)
    assert (D(2026, 10, 12), "company_closure") in dl.skipped
    assert "system cut-over" in dl.explain()


def test_company_extra_workday_counts() -> None:
    company = CompanyCalendar.from_dict({"extra_workdays": ["2026-10-11", "2026-10-08"]})
    c = WorkCalendar(company)
    assert c.day_kind(D(2026, 10, 11)) == "company_workday"
    assert c.day_kind(D(2026, 10, 8)) == "workday"  # already a working day
    dl = c.add(datetime(2026, 9, 30, 10), 10, "working_days")
    assert dl.due.date() == D(2026, 10, 19)
    assert dl.makeup_days == [D(2026, 10, 10), D(2026, 10, 11)]
    text = dl.explain()
    assert "调休上班" in text and "公司工作日" in text


def test_company_year_definition_makes_2027_covered() -> None:
    c = WorkCalendar(CompanyCalendar.from_dict({"years": {"2027": FAKE_2027}}))
    assert c.covered_years() == range(2004, 2028)
    assert c.day_kind(D(2027, 1, 1)) == "holiday"
    assert c.day_kind(D(2027, 1, 9)) == "makeup_workday"
    assert c.day_kind(D(2027, 1, 4)) == "workday"
    assert c.day_kind(D(2027, 1, 16)) == "weekend"
    # 12-29, 30, 31; 01-01..03 off; 4, 5, 6, 7, 8, 9 (Sat, worked), 11.
    dl = c.add(datetime(2026, 12, 28, 10), 10, "working_days")
    assert dl.due.date() == D(2027, 1, 11)
    assert dl.makeup_days == [D(2027, 1, 9)]
    assert "test data, not official" in dl.explain()
    with pytest.raises(OutsideCoverage) as err:
        c.day_kind(D(2028, 1, 3))
    assert err.value.year == 2028 and "2004-2027" in str(err.value)


def test_company_year_definition_replaces_package_year_and_gaps_are_listed() -> None:
    c = WorkCalendar(CompanyCalendar.from_dict({"years": {2026: {"holidays": ["2026-01-01"]}, 2029: {}}}))
    assert c.day_kind(D(2026, 10, 1)) == "workday"  # the package's National Day is replaced
    assert c.day_kind(D(2026, 10, 10)) == "weekend"
    assert c.day_kind(D(2026, 1, 1)) == "holiday"
    assert c.covered_years() == [*range(2004, 2027), 2029]
    with pytest.raises(OutsideCoverage):
        c.day_kind(D(2028, 6, 1))


def test_company_defaults_and_business_hours() -> None:
    default = CompanyCalendar.from_dict(None)
    assert (default.opens, default.closes, default.lunch) == (time(8, 30), time(17, 30), (time(12), time(13)))
    assert default.business_minutes() == 8 * 60
    assert CompanyCalendar.from_dict({}) == default
    c = CompanyCalendar.from_dict(
        {"business_hours": {"start": "09:00", "end": "18:00", "lunch": {"start": "12:00", "end": "13:30"}}}
    )
    assert c.business_segments() == ((time(9), time(12)), (time(13, 30), time(18)))


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"closure": ["2026-10-12"]}, "unknown key"),
        ({"business_hours": {"start": "08:30", "end": 1050}}, "quoted string"),
        ({"business_hours": {"start": "8.30", "end": "17:30"}}, "HH:MM"),
        ({"business_hours": {"start": "18:00", "end": "17:30"}}, "before"),
        ({"business_hours": {"start": "08:30"}}, "end is required"),
        ({"business_hours": {"start": "08:30", "end": "17:30", "lunch": {"start": "07:00", "end": "08:00"}}}, "inside"),
        ({"closures": "2026-10-12"}, "list of dates"),
        ({"closures": ["2026-02-30"]}, "not a real date"),
        ({"closures": ["12/10/2026"]}, "YYYY-MM-DD"),
        ({"closures": ["2026-10-12", "2026-10-12"]}, "twice"),
        ({"closures": ["2026-10-12"], "extra_workdays": ["2026-10-12"]}, "both"),
        ({"years": {"2027": {"makeup_workdays": ["2027-01-04"]}}}, "Saturdays or Sundays"),
        ({"years": {"2027": {"holidays": ["2026-12-31"]}}}, "not in 2027"),
        ({"years": {"next": {}}}, "not a year"),
        ({"years": {"2027": {"holiday": []}}}, "unknown key"),
        ({"years": {"2027": {"holidays": ["2027-01-02"], "makeup_workdays": ["2027-01-02"]}}}, "both"),
        ([], "mapping"),
    ],
)
def test_company_calendar_rejects_malformed_data(data: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        CompanyCalendar.from_dict(data)  # type: ignore[arg-type]


def test_company_calendar_accepts_date_objects_from_yaml() -> None:
    c = CompanyCalendar.from_dict({"closures": [D(2026, 10, 12)], "years": {2027: {"holidays": [D(2027, 1, 1)]}}})
    assert c.closures == {D(2026, 10, 12): ""}
    assert c.years[2027].holidays == {D(2027, 1, 1): ""}


# -- due tables: every start date at once ---------------------------------------------------

# The worst time of day to start each unit: the table gives the due date from this time.
WORST_TIME = {"seconds": time(23, 59, 59), "minutes": time(23, 59, 59), "hours": time(23, 59),
              "working_hours": time(23, 0), "working_days": time(12), "calendar_days": time(12)}


def _due(cal: WorkCalendar, amount: int, unit: str, start: date, roll: str = "next_working_day") -> date:
    return date.fromordinal(cal.due_table(amount, unit, roll=roll)[start.toordinal()])


@pytest.mark.parametrize(
    "amount, unit, due",
    [
        (10, "working_days", D(2026, 10, 20)),  # the 7-day holiday skipped, Saturday 10-10 worked
        (1, "working_days", D(2026, 10, 8)),
        (1, "calendar_days", D(2026, 10, 8)),  # 10-01 is National Day: rolls to the first working day
        (10, "calendar_days", D(2026, 10, 10)),  # a make-up Saturday is a working day: no roll
        (8, "working_hours", D(2026, 10, 8)),  # from closing time: one full working day
        (9, "working_hours", D(2026, 10, 9)),
        (24, "hours", D(2026, 10, 1)),  # elapsed time ignores the holiday
        (25, "hours", D(2026, 10, 2)),
        (20, "seconds", D(2026, 10, 1)),  # from the last second of the day: into the next
        (86400, "seconds", D(2026, 10, 1)),
        (86401, "seconds", D(2026, 10, 2)),
        (90, "minutes", D(2026, 10, 1)),
        (1441, "minutes", D(2026, 10, 2)),
    ],
)
def test_due_table_across_national_day_2026(cal: WorkCalendar, amount: int, unit: str, due: date) -> None:
    start = D(2026, 9, 30)
    assert _due(cal, amount, unit, start) == due
    assert cal.add(datetime.combine(start, WORST_TIME[unit]), amount, unit).due.date() == due


@pytest.mark.parametrize("unit", list(UNITS))
def test_due_table_leaves_out_starts_whose_due_date_is_not_covered(cal: WorkCalendar, unit: str) -> None:
    table = cal.due_table(10, unit)
    assert D(2004, 1, 1).toordinal() in table
    assert D(2026, 12, 31).toordinal() not in table  # due in 2027, which no schedule covers
    last = max(table)
    assert all(s in table for s in range(D(2004, 1, 1).toordinal(), last + 1))  # no gaps before the end
    assert date.fromordinal(table[last]).year == 2026
    if UNITS[unit].strategy != "elapsed":  # elapsed time needs no calendar, so add() can count it anyway
        with pytest.raises(OutsideCoverage):
            cal.add(datetime.combine(date.fromordinal(last + 1), WORST_TIME[unit]), 10, unit)


def test_due_table_with_roll_none_keeps_the_last_day(cal: WorkCalendar) -> None:
    assert _due(cal, 3, "calendar_days", D(2026, 9, 28), roll="none") == D(2026, 10, 1)
    assert _due(cal, 3, "calendar_days", D(2026, 9, 28)) == D(2026, 10, 8)
    assert _due(cal, 15, "calendar_days", D(2026, 2, 28), roll="none") == D(2026, 3, 15)  # a Sunday
    strict = cal.due_table(15, "calendar_days", roll="none")
    assert strict is cal.due_table(15, "calendar_days", roll="none")  # cached per roll
    assert strict is not cal.due_table(15, "calendar_days")
    assert all(due == s + 15 for s, due in strict.items())
    assert due_table(cal, 15, "calendar_days", roll="none") == strict
    rolled = cal.due_table(15, "calendar_days")
    assert all(strict[s] <= rolled[s] for s in rolled)  # never later than the Civil Code's rule
    assert sum(strict[s] < rolled[s] for s in rolled) > 2000  # about 2 days in 7, over 23 years
    # No holiday data is needed (issue 12.10): every covered start has its due date, into 2027 too.
    assert max(strict) == D(2026, 12, 31).toordinal() and strict[max(strict)] == D(2027, 1, 15).toordinal()


def test_due_table_calendar_days_roll_forward_to_a_working_day(cal: WorkCalendar) -> None:
    assert _due(cal, 15, "calendar_days", D(2026, 9, 16)) == D(2026, 10, 8)  # 10-01 + roll over the holiday
    assert _due(cal, 1, "calendar_days", D(2026, 10, 9)) == D(2026, 10, 10)  # make-up Saturday
    assert _due(cal, 1, "calendar_days", D(2026, 10, 10)) == D(2026, 10, 12)  # Sunday rolls to Monday
    for s, due in cal.due_table(15, "calendar_days").items():
        nominal = s + 15
        assert due >= nominal and cal.is_working_day(date.fromordinal(due))
        assert not any(cal.is_working_day(date.fromordinal(o)) for o in range(nominal, due))


@pytest.mark.parametrize(
    "amount, unit, roll",
    [(10, "working_days", "next_working_day"), (15, "calendar_days", "next_working_day"),
     (15, "calendar_days", "none"), (10, "working_hours", "next_working_day"), (25, "hours", "next_working_day"),
     (20, "seconds", "next_working_day"), (90, "minutes", "next_working_day"), (2880, "minutes", "none")],
)
def test_due_table_matches_add_at_the_worst_time_of_day(cal: WorkCalendar, amount: int, unit: str, roll: str) -> None:
    table = cal.due_table(amount, unit, roll=roll)
    for d in days(D(2004, 1, 1), D(2026, 12, 31)):
        try:
            due = cal.add(datetime.combine(d, WORST_TIME[unit]), amount, unit, roll=roll).due.date()
        except OutsideCoverage:
            assert d.toordinal() not in table, d
            continue
        if d.toordinal() in table or UNITS[unit].strategy != "elapsed":
            assert table[d.toordinal()] == due.toordinal(), d


def test_due_table_10_working_days_worst_start_is_a_golden_week(cal: WorkCalendar) -> None:
    table = cal.due_table(10, "working_days")
    span, s = max((due - s, s) for s, due in table.items())
    start = date.fromordinal(s)
    assert span >= 20
    assert start.month in (1, 2, 9, 10)  # around Spring Festival or National Day
    dl = cal.add(datetime.combine(start, time(12)), 10, "working_days")
    assert (dl.due.date() - start).days == span


def test_due_table_hours_reach_the_next_dates(cal: WorkCalendar) -> None:
    s = D(2026, 3, 3).toordinal()
    assert cal.due_table(24, "hours")[s] == s + 1
    assert cal.due_table(25, "hours")[s] == s + 2
    assert cal.add(datetime(2026, 3, 3, 23, 30), 25, "hours").due.date() == D(2026, 3, 5)


def test_due_table_is_built_once_and_checks_its_arguments(cal: WorkCalendar) -> None:
    assert cal.due_table(10, "working_days") is cal.due_table(10, "working_days")
    with pytest.raises(ValueError, match="unknown unit"):
        cal.due_table(10, "weeks")
    with pytest.raises(ValueError, match="positive"):
        cal.due_table(0, "working_days")


def test_due_table_uses_the_company_calendar() -> None:
    closed = WorkCalendar(CompanyCalendar.from_dict({"closures": ["2026-10-08"]}))
    assert _due(closed, 1, "working_days", D(2026, 9, 30)) == D(2026, 10, 9)
    assert _due(closed, 1, "calendar_days", D(2026, 9, 30)) == D(2026, 10, 9)  # rolls over the closure too


_starts = st.datetimes(min_value=datetime(2004, 1, 1), max_value=datetime(2026, 10, 31, 23, 59))


@settings(max_examples=300, deadline=None)
@given(start=_starts, amount=st.integers(1, 30), unit=st.sampled_from(list(UNITS)), roll=st.sampled_from(list(ROLLS)))
def test_no_period_ends_after_its_due_table_date(start: datetime, amount: int, unit: str, roll: str) -> None:
    cal = _shared()
    dl = cal.add(start, amount, unit, roll=roll)
    worst = cal.due_table(amount, unit, roll=roll).get(start.toordinal())
    assert worst is None or dl.due.date().toordinal() <= worst


@settings(max_examples=300, deadline=None)
@given(start=_starts, amount=st.integers(1, 100_000), unit=st.sampled_from(["seconds", "minutes"]))
def test_seconds_and_minutes_are_their_share_of_an_hour(start: datetime, amount: int, unit: str) -> None:
    cal = _shared()
    per_hour = {"seconds": 3600, "minutes": 60}[unit]
    dl = cal.add(start, amount, unit)
    assert dl.due - start == timedelta(hours=1) * amount / per_hour
    if amount % per_hour == 0:
        assert dl.due == cal.add(start, amount // per_hour, "hours").due


@settings(max_examples=300, deadline=None)
@given(start=_starts, amount=st.integers(1, 30))
def test_working_days_count_exactly_amount_working_days(start: datetime, amount: int) -> None:
    cal = _shared()
    dl = cal.add(start, amount, "working_days")
    counted = [d for d in days(start.date() + ONE, dl.due.date()) if cal.is_working_day(d)]
    assert len(counted) == amount and counted[-1] == dl.due.date()
    assert len(counted) + len(dl.skipped) == (dl.due.date() - start.date()).days


@settings(max_examples=300, deadline=None)
@given(start=_starts, amount=st.integers(1, 30))
def test_calendar_days_end_on_first_working_day_from_nominal_end(start: datetime, amount: int) -> None:
    cal = _shared()
    dl = cal.add(start, amount, "calendar_days")
    nominal = start.date() + timedelta(days=amount)
    assert dl.due.date() >= nominal and cal.is_working_day(dl.due.date())
    assert all(not cal.is_working_day(d) for d in days(nominal, dl.due.date() - ONE))
    strict = cal.add(start, amount, "calendar_days", roll="none")
    assert strict.due.date() == nominal and strict.skipped == []
    assert strict.rest_end == ("" if cal.is_working_day(nominal) else cal.day_kind(nominal))


_SHARED: list[WorkCalendar] = []


def _shared() -> WorkCalendar:
    # Hypothesis forbids function-scoped fixtures; one calendar serves every example.
    if not _SHARED:
        _SHARED.append(WorkCalendar())
    return _SHARED[0]


# -- explain, parse, errors -----------------------------------------------------------------


def test_explain_names_holidays_and_makeup_days(cal: WorkCalendar) -> None:
    text = cal.add(datetime(2026, 9, 30, 10), 10, "working_days").explain()
    assert "2026-10-20" in text and "17:30" in text
    assert "国庆节 National Day" in text
    assert "2026-10-01" in text and "2026-10-07" in text and "7 天" in text
    assert "2026-10-10" in text and "调休上班" in text
    assert "事件当日不计入" in text
    assert "chinese-calendar" in text
    assert len(text.splitlines()) >= 6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10 working_days", (10, "working_days")),
        ("10 working days", (10, "working_days")),
        ("1 Working Day", (1, "working_days")),
        ("10工作日", (10, "working_days")),
        ("10个工作日", (10, "working_days")),
        ("10 个工作日", (10, "working_days")),
        ("１０个工作日", (10, "working_days")),
        ("15天", (15, "calendar_days")),
        ("15日", (15, "calendar_days")),
        ("15自然日", (15, "calendar_days")),
        ("15个自然日", (15, "calendar_days")),
        ("15 calendar_days", (15, "calendar_days")),
        ("15 days", (15, "calendar_days")),
        ("8工作小时", (8, "working_hours")),
        ("8个工作小时", (8, "working_hours")),
        ("8 working_hours", (8, "working_hours")),
        ("24小时", (24, "hours")),
        ("24个小时", (24, "hours")),
        ("  24 hours ", (24, "hours")),
        ("20秒", (20, "seconds")),
        ("20 秒钟", (20, "seconds")),
        ("20 seconds", (20, "seconds")),
        ("1 Second", (1, "seconds")),
        ("90分钟", (90, "minutes")),
        ("90 分", (90, "minutes")),
        ("90 minutes", (90, "minutes")),
        ("1 minute", (1, "minutes")),
        ("90 Minutes", (90, "minutes")),
    ],
)
def test_parse_duration(text: str, expected: tuple[int, str]) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "working days", "10", "10 weeks", "1.5 hours", "-3天", "0 working_days", "十个工作日",
                                  "10工作日内", "20 s", "90 m", "90 min", "0秒", "1.5分钟"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_add_rejects_bad_unit_or_amount(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        cal.add(datetime(2026, 3, 3), 1, "weeks")
    with pytest.raises(ValueError, match="positive"):
        cal.add(datetime(2026, 3, 3), 0, "working_days")
    with pytest.raises(ValueError, match="whole number"):
        cal.add(datetime(2026, 3, 3), 1.5, "hours")  # type: ignore[arg-type]


def test_importing_the_module_does_not_import_holiday_libraries() -> None:
    code = (
        "import sys, handbook.calendar as w\n"
        "print('chinese_calendar' in sys.modules, 'holidays' in sys.modules)\n"
        "w.WorkCalendar().day_kind(__import__('datetime').date(2026, 10, 1))\n"
        "print('chinese_calendar' in sys.modules, 'holidays' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
        env={"PATH": ""},
    ).stdout.split()
    assert out == ["False", "False", "True", "False"]


def test_due_table_considers_a_rest_day_at_the_start_of_coverage(monkeypatch: pytest.MonkeyPatch) -> None:
    # Company-only coverage of 2027 opening with a 10-day closure block: starting on
    # 01-01 itself spans furthest (01-11..01-15, 01-18..01-22 -> 21 days).
    empty = cal_data._PackageData(label="none", years=(), holidays={}, makeup={})
    monkeypatch.setattr(cal_data, "_PACKAGE", empty)
    block = [f"2027-01-{n:02d}" for n in range(1, 11)]
    c = WorkCalendar(CompanyCalendar.from_dict({"years": {"2027": {"holidays": block}}}))
    table = c.due_table(10, "working_days")
    assert max((due - s, -s) for s, due in table.items()) == (21, -D(2027, 1, 1).toordinal())
    assert c.add(datetime(2027, 1, 1, 9), 10, "working_days").due.date() == D(2027, 1, 22)


def test_no_roll_counts_past_the_calendar_working_days_say_what_is_missing() -> None:
    """Issue 12.10: a calendar-day period that does not roll needs no holiday data and always
    computes; a working-day period past the calendar's years says the year's schedule is unknown
    until loaded, and where to add it with its source."""
    cal = WorkCalendar()
    covered = list(cal.covered_years())
    last = covered[-1]
    d = cal.add(date(last, 12, 20), 20, "calendar_days", roll="none")
    assert d.due.date() == date(last + 1, 1, 9)
    with pytest.raises(OutsideCoverage) as exc:
        cal.add(date(last, 12, 20), 20, "calendar_days")
    with pytest.raises(OutsideCoverage) as exc:
        cal.add(date(last, 12, 20), 10, "working_days")
    text = str(exc.value)
    assert f"unknown until the State Council's {last + 1} schedule" in text
    assert f"years.\"{last + 1}\"" in text and "source" in text and "roll: none" in text
