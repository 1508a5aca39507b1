/* Deadline calculator for the staff manual. Works offline: workcal.js, written
 * when the manual is built (handbook/render/calendar_data.py), carries the
 * working-day calendar, the opening times, the kinds of day and the table of
 * units (name, Chinese label, counting strategy). This script implements the
 * strategies by name, as handbook/calendar/counting.py does for `handbook
 * deadline`, and names no unit of its own. Text from the page is only ever
 * inserted with textContent. */
(function () {
  "use strict";
  var WEEK = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var DAY_MS = 86400000;

  function cal() { return window.HANDBOOK_CALENDAR; }
  function dayNum(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY_MS); }
  function iso(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function weekday(n) { return (new Date(n * DAY_MS).getUTCDay() + 6) % 7; } /* 0 = Monday */
  function pad(x) { return (x < 10 ? "0" : "") + x; }
  function hhmm(min) { return pad(Math.floor(min / 60)) + ":" + pad(min % 60); }

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
   * start: {day, min}; each returns {day, min, skipped: [[day, kind, name]], makeup: [day]} */
  var STRATEGIES = {
    elapsed: function (start, amount) {
      var total = start.min + amount * 60;
      return { day: start.day + Math.floor(total / 1440), min: total % 1440, skipped: [], makeup: [] };
    },
    roll_forward: function (start, amount) {
      var skipped = [], counted = [], d = start.day + amount, k;
      kind(start.day); /* even the uncounted event day must be in a known year */
      for (k = kind(d); !working(k); k = kind(d)) { skipped.push([d, k[0], k[1]]); d += 1; }
      if (makeup(k)) counted.push(d);
      return { day: d, min: 1440, skipped: skipped, makeup: counted };
    },
    nth_working_day: function (start, amount) {
      var segs = cal().business, skipped = [], counted = [], d = start.day, left = amount, k;
      kind(start.day);
      while (left > 0) {
        d += 1; k = kind(d);
        if (working(k)) { left -= 1; if (makeup(k)) counted.push(d); }
        else skipped.push([d, k[0], k[1]]);
      }
      return { day: d, min: segs[segs.length - 1][1], skipped: skipped, makeup: counted };
    },
    business_time: function (start, amount) {
      var segs = cal().business, skipped = [], counted = [], d = start.day, need = amount * 60, cursor = start.min, k;
      kind(start.day);
      for (;;) {
        k = kind(d);
        if (working(k)) {
          for (var i = 0; i < segs.length; i++) {
            var a = Math.max(segs[i][0], cursor), b = segs[i][1];
            if (a >= b) continue;
            if (makeup(k) && counted[counted.length - 1] !== d) counted.push(d);
            if (need <= b - a) return { day: d, min: a + need, skipped: skipped, makeup: counted };
            need -= b - a;
          }
        } else {
          skipped.push([d, k[0], k[1]]);
        }
        d += 1; cursor = 0;
      }
    }
  };

  function unitOf(name) {
    var units = cal().units;
    for (var i = 0; i < units.length; i++) if (units[i].name === name) return units[i];
    throw new Error("unknown unit " + name);
  }

  function add(start, amount, unitName) { return STRATEGIES[unitOf(unitName).strategy](start, amount); }

  function show(n, min) {
    return iso(n) + "（" + WEEK[weekday(n)] + "）" + (min === 1440 ? "24:00" : hhmm(min));
  }

  function parseStart(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value || "");
    if (!m) return null;
    return { day: dayNum(+m[1], +m[2], +m[3]), min: m[4] ? (+m[4]) * 60 + (+m[5]) : 0 };
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
    var start = el("input", { type: "datetime-local", "class": "hb-calc-start", "aria-label": "起算时间" });
    var amount = el("input", { type: "number", min: "1", "class": "hb-calc-amount", "aria-label": "期限数量",
      value: box.getAttribute("data-amount") || "10" });
    var unit = el("select", { "class": "hb-calc-unit", "aria-label": "期限单位" });
    var units = cal().units, chosen = box.getAttribute("data-unit") || units[0].name; /* the first is the default */
    units.forEach(function (u) {
      var o = el("option", { value: u.name }, u.label);
      if (u.name === chosen) o.selected = true;
      unit.appendChild(o);
    });
    var go = el("button", { type: "button", "class": "md-button hb-calc-go" }, "计算截止时间");
    var out = el("div", { "class": "hb-calc-due", role: "status" });
    var detail = el("ul", { "class": "hb-calc-detail" });
    var row = el("div", { "class": "hb-calc-row" });
    row.appendChild(el("span", {}, "事件发生于 "));
    row.appendChild(start);
    row.appendChild(el("span", {}, " 起 "));
    row.appendChild(amount);
    row.appendChild(unit);
    row.appendChild(go);
    box.appendChild(row);
    box.appendChild(out);
    box.appendChild(detail);
    go.addEventListener("click", function () {
      detail.textContent = "";
      var s = parseStart(start.value), n = parseInt(amount.value, 10);
      if (!s || !(n > 0)) { out.textContent = "请填写事件发生的日期时间和期限。"; return; }
      try {
        var r = add(s, n, unit.value);
        out.textContent = "截止：" + show(r.day, r.min);
        r.skipped.forEach(function (x) {
          detail.appendChild(el("li", {}, "跳过 " + iso(x[0]) + "（" + WEEK[weekday(x[0])] + "）" + cal().kinds[x[1]].label + (x[2] ? "：" + x[2] : "")));
        });
        r.makeup.forEach(function (x) {
          detail.appendChild(el("li", {}, "计入 " + iso(x) + "（" + WEEK[weekday(x)] + "）" + cal().kinds[kind(x)[0]].label));
        });
      } catch (e) {
        if (!e.outside) throw e;
        out.textContent = e.message;
      }
    });
  }

  function init() { Array.prototype.forEach.call(document.querySelectorAll(".hb-calc"), build); }
  window.handbookDeadline = function (startText, amount, unit) {
    var r = add(parseStart(startText), amount, unit);
    return { due: iso(r.day) + " " + (r.min === 1440 ? "24:00" : hhmm(r.min)), skipped: r.skipped.length, makeup: r.makeup.length };
  };
  /* Material replaces page content without reloading (instant navigation): re-run on each page. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
