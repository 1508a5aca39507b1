/* Deadline calculator for the staff manual. Works offline: workcal.js, written
 * when the manual is built (handbook/render/calendar_data.py), carries the
 * working-day calendar, the opening times, the kinds of day, the table of
 * units (name, Chinese label, counting strategy, length of one unit in s) and the
 * table of roll rules of calendar days (name, Chinese label, whether a last day
 * that is a rest day rolls forward; the first is the default). This script
 * implements the strategies by name, as handbook/calendar/counting.py does for
 * `handbook deadline`, and names no unit or roll of its own. A time of day is
 * counted to the second (86400 is 24:00). The names of days come with the
 * calendar, in Chinese. Text from the page is only ever inserted with textContent. */
(function () {
  "use strict";
  var WEEK = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var DAY_MS = 86400000, DAY_S = 86400;

  /* the calendar of the box being counted: the head office's, on which every deadline counts but
   * those of the items a branch office adds (data-calendar="branch"), which count over its closures */
  var active = null;
  function cal() { return active || window.HANDBOOK_CALENDAR; }
  function calendarOf(box) {
    var c = window.HANDBOOK_CALENDAR;
    if (box.getAttribute("data-calendar") !== "branch" || !c.branch) return c;
    var own = {};
    Object.keys(c).forEach(function (k) { own[k] = k in c.branch ? c.branch[k] : c[k]; });
    return own;
  }
  function dayNum(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY_MS); }
  function iso(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function weekday(n) { return (new Date(n * DAY_MS).getUTCDay() + 6) % 7; } /* 0 = Monday */
  function pad(x) { return (x < 10 ? "0" : "") + x; }
  /* the time of day `sec`: HH:MM, or HH:MM:SS when asked or not on the minute (as counting.py's _clock) */
  function clock(sec, precise) {
    var t = pad(Math.floor(sec / 3600)) + ":" + pad(Math.floor(sec / 60) % 60);
    return precise || sec % 60 ? t + ":" + pad(sec % 60) : t;
  }

  /* [kind, name] of day n; throws (err.outside) for a year the calendar does not cover */
  function kind(n) {
    var c = cal(), s = iso(n), year = +s.slice(0, 4);
    if (c.years.indexOf(year) < 0) {
      var err = new Error(year + " 年不在工作日历覆盖范围内（" + c.years[0] + "–" + c.years[c.years.length - 1] +
        "），无法计算；请在公司日历中补充该年的国务院放假安排。");
      err.outside = true;
      throw err;
    }
    var hit = c.days[s];
    if (hit) return hit;
    return [weekday(n) < 5 ? c.plain[0] : c.plain[1], ""];
  }
  function working(k) { return cal().kinds[k[0]].working; }
  function makeup(k) { return cal().kinds[k[0]].makeup; }

  /* The counting strategies, by the names the unit table gives them.
   * start: {day, sec}; unit: the unit's entry in the table; roll: the roll rule's entry.
   * Each returns {day, sec, skipped: [[day, kind, name]], makeup: [day], restEnd: [day, kind, name] or null} */
  var STRATEGIES = {
    elapsed: function (start, amount, unit) {
      var total = start.sec + amount * unit.seconds;
      return { day: start.day + Math.floor(total / DAY_S), sec: total % DAY_S, skipped: [], makeup: [], restEnd: null };
    },
    roll_forward: function (start, amount, unit, roll) {
      var skipped = [], counted = [], d = start.day + amount, k, restEnd = null;
      if (!roll.forward) {
        /* no roll needs no holiday data: the due day stands even in a year the calendar does not cover */
        try { k = kind(d); } catch (e) {
          if (!e.outside) throw e;
          return { day: d, sec: DAY_S, skipped: [], makeup: [], restEnd: null };
        }
      } else {
        kind(start.day); /* even the uncounted event day must be in a known year */
        k = kind(d);
      }
      if (roll.forward) {
        for (; !working(k); k = kind(d)) { skipped.push([d, k[0], k[1]]); d += 1; }
      } else if (!working(k)) {
        restEnd = [d, k[0], k[1]]; /* no roll: the period ends on the rest day all the same */
      }
      if (makeup(k)) counted.push(d);
      return { day: d, sec: DAY_S, skipped: skipped, makeup: counted, restEnd: restEnd };
    },
    nth_working_day: function (start, amount) {
      var segs = cal().business, skipped = [], counted = [], d = start.day, left = amount, k;
      kind(start.day);
      while (left > 0) {
        d += 1; k = kind(d);
        if (working(k)) { left -= 1; if (makeup(k)) counted.push(d); }
        else skipped.push([d, k[0], k[1]]);
      }
      return { day: d, sec: segs[segs.length - 1][1] * 60, skipped: skipped, makeup: counted, restEnd: null };
    },
    business_time: function (start, amount, unit) {
      var segs = cal().business, skipped = [], counted = [], d = start.day, need = amount * unit.seconds,
        cursor = start.sec, k;
      kind(start.day);
      for (;;) {
        k = kind(d);
        if (working(k)) {
          for (var i = 0; i < segs.length; i++) {
            var a = Math.max(segs[i][0] * 60, cursor), b = segs[i][1] * 60; /* opening times come per minute */
            if (a >= b) continue;
            if (makeup(k) && counted[counted.length - 1] !== d) counted.push(d);
            if (need <= b - a) return { day: d, sec: a + need, skipped: skipped, makeup: counted, restEnd: null };
            need -= b - a;
          }
        } else {
          skipped.push([d, k[0], k[1]]);
        }
        d += 1; cursor = 0;
      }
    }
  };

  function entry(table, name, what) {
    for (var i = 0; i < table.length; i++) if (table[i].name === name) return table[i];
    throw new Error("unknown " + what + " " + name + "; expected one of " +
      table.map(function (x) { return x.name; }).join(", "));
  }
  function unitOf(name) { return entry(cal().units, name, "unit"); }
  /* the roll rule named `name`; the table's first (the default) when no name is given */
  function rollOf(name) {
    return name === undefined || name === null || name === "" ? cal().rolls[0] : entry(cal().rolls, name, "roll");
  }

  /* a unit shorter than a minute: its times are shown, and typed, to the second */
  function precise(unit) { return unit.seconds !== null && unit.seconds < 60; }

  function add(start, amount, unitName, rollName) {
    var unit = unitOf(unitName), roll = rollOf(rollName);
    var r = STRATEGIES[unit.strategy](start, amount, unit, roll);
    r.precise = precise(unit);
    return r;
  }

  /* consecutive [day, kind, name] of one kind and name as [first, last, kind, name]: a 7-day holiday is one line,
   * as `handbook deadline` shows it */
  function runs(days) {
    var out = [];
    days.forEach(function (x) {
      var last = out[out.length - 1];
      if (last && last[1] + 1 === x[0] && last[2] === x[1] && last[3] === x[2]) last[1] = x[0];
      else out.push([x[0], x[0], x[1], x[2]]);
    });
    return out;
  }

  function due(r) { return r.sec === DAY_S ? "24:00" : clock(r.sec, r.precise); }
  function day(n) { return iso(n) + "（" + WEEK[weekday(n)] + "）"; }

  /* "YYYY-MM-DD" (the start of that day), "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a time input with step 1) */
  function parseStart(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(value || "");
    if (!m) return null;
    return { day: dayNum(+m[1], +m[2], +m[3]), sec: m[4] ? (+m[4]) * 3600 + (+m[5]) * 60 + (m[6] ? +m[6] : 0) : 0 };
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) e.setAttribute(key, attrs[key]);
    if (text) e.textContent = text;
    return e;
  }

  function build(box) {
    if (box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var label = box.getAttribute("data-label");
    box.appendChild(el("div", { "class": "hb-calc-title" }, label ? "时限计算：" + label : "时限计算器"));
    var roll; /* the roll rule of this box's period (it changes calendar days only) */
    try { roll = rollOf(box.getAttribute("data-roll")); } catch (e) {
      box.appendChild(el("div", { "class": "hb-calc-due", role: "status" }, e.message)); /* a bad box, not a bad page */
      return;
    }
    /* the day and, optionally, the time of the event: a phone's date picker gives a day alone, and a
     * day alone means its start (0:00), as `handbook deadline --from YYYY-MM-DD` takes it */
    var start = el("input", { type: "date", "class": "hb-calc-start", "aria-label": "起算日期" });
    var time = el("input", { type: "time", "class": "hb-calc-time", "aria-label": "起算时刻（可不填）" });
    var amount = el("input", { type: "number", min: "1", "class": "hb-calc-amount", "aria-label": "期限数量",
      value: box.getAttribute("data-amount") || "10" });
    var unit = el("select", { "class": "hb-calc-unit", "aria-label": "期限单位" });
    var units = cal().units, chosen = box.getAttribute("data-unit") || units[0].name; /* the first is the default */
    units.forEach(function (u) {
      var o = el("option", { value: u.name }, u.label);
      if (u.name === chosen) o.selected = true;
      unit.appendChild(o);
    });
    function step() { time.step = precise(unitOf(unit.value)) ? "1" : "60"; }
    unit.addEventListener("change", step);
    step();
    var go = el("button", { type: "button", "class": "md-button hb-calc-go" }, "计算截止时间");
    var out = el("div", { "class": "hb-calc-due", role: "status" });
    var detail = el("ul", { "class": "hb-calc-detail" });
    var row = el("div", { "class": "hb-calc-row" });
    row.appendChild(el("span", {}, "事件发生于 "));
    row.appendChild(start);
    row.appendChild(time);
    row.appendChild(el("span", {}, " 起 "));
    row.appendChild(amount);
    row.appendChild(unit);
    row.appendChild(go);
    box.appendChild(row);
    var opens = clock(cal().business[0][0] * 60);
    box.appendChild(el("div", { "class": "hb-calc-hint" },
      "时刻可不填：只填日期即从当日 0:00 起算，按营业时间计的期限自上班时 " + opens + " 起算。"));
    box.appendChild(out);
    box.appendChild(detail);
    go.addEventListener("click", function () {
      detail.textContent = "";
      var s = parseStart(start.value + (start.value && time.value ? "T" + time.value : "")),
        n = parseInt(amount.value, 10);
      if (!s || !(n > 0)) { out.textContent = "请填写事件发生的日期和期限。"; return; }
      active = calendarOf(box);
      try {
        var r = add(s, n, unit.value, roll.name);
        out.textContent = "截止：" + day(r.day) + due(r);
        if (r.restEnd) {
          detail.appendChild(el("li", {}, roll.label + "：最后一日 " + day(r.restEnd[0]) + cal().kinds[r.restEnd[1]].label +
            (r.restEnd[2] ? "：" + r.restEnd[2] : "") + "，期限仍于当日 24:00 届满"));
        }
        runs(r.skipped).forEach(function (x) {
          detail.appendChild(el("li", {}, "跳过 " + day(x[0]) + (x[1] > x[0] ? " 至 " + day(x[1]) : "") +
            cal().kinds[x[2]].label + (x[3] ? "：" + x[3] : "") + (x[1] > x[0] ? "（" + (x[1] - x[0] + 1) + " 天）" : "")));
        });
        r.makeup.forEach(function (x) {
          var k = kind(x);
          detail.appendChild(el("li", {}, "计入 " + day(x) + cal().kinds[k[0]].label + (k[1] ? "：" + k[1] : "")));
        });
      } catch (e) {
        if (!e.outside) throw e;
        out.textContent = e.message;
      } finally {
        active = null;
      }
    });
  }

  function init() { Array.prototype.forEach.call(document.querySelectorAll(".hb-calc"), build); }
  /* For tests and the console: the due time of `amount unit` from `startText`; `roll` (optional) names a
   * roll rule of the table, the default otherwise; `calendar` "branch" counts as a box marked so does. */
  window.handbookDeadline = function (startText, amount, unit, roll, calendar) {
    var box = document.createElement("div");
    if (calendar) box.setAttribute("data-calendar", calendar);
    active = calendarOf(box);
    var r;
    try { r = add(parseStart(startText), amount, unit, roll); } finally { active = null; }
    return { due: iso(r.day) + " " + due(r), skipped: r.skipped.length, makeup: r.makeup.length, restEnd: !!r.restEnd };
  };
  /* Material replaces page content without reloading (instant navigation): re-run on each page. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
