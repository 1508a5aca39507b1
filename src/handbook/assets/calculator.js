/* Deadline calculator for the staff manual. Works offline: the working-day
 * calendar is written into workcal.js when the manual is built, and the
 * counting rules are those of `handbook deadline` (handbook/workdays.py):
 * the event's own day does not count; a period in calendar days whose last day
 * is a rest day ends on the next working day; working days end at closing
 * time; working hours count business hours only. Text from the page is only
 * ever inserted with textContent. */
(function () {
  "use strict";
  var WORKING = { workday: 1, makeup_workday: 1, company_workday: 1 };
  var KIND_ZH = {
    workday: "工作日", weekend: "周末", holiday: "法定节假日", makeup_workday: "调休上班",
    company_closure: "公司停业", company_workday: "公司工作日"
  };
  var UNIT_ZH = { hours: "小时", working_hours: "个工作小时", working_days: "个工作日", calendar_days: "日（自然日）" };
  var WEEK = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
  var DAY_MS = 86400000;

  function cal() { return window.HANDBOOK_CALENDAR; }
  function dayNum(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY_MS); }
  function iso(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function weekday(n) { return (new Date(n * DAY_MS).getUTCDay() + 6) % 7; } /* 0 = Monday */
  function pad(x) { return (x < 10 ? "0" : "") + x; }
  function hhmm(min) { return pad(Math.floor(min / 60)) + ":" + pad(min % 60); }

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
    return [weekday(n) < 5 ? "workday" : "weekend", ""];
  }

  /* start: {day, min}; returns {day, min, skipped: [[day, kind, name]], makeup: [day]} */
  function add(start, amount, unit) {
    var c = cal(), segs = c.business, close = segs[segs.length - 1][1];
    var skipped = [], makeup = [], d = start.day, k;
    if (unit === "hours") {
      var total = start.min + amount * 60;
      return { day: start.day + Math.floor(total / 1440), min: total % 1440, skipped: [], makeup: [] };
    }
    kind(start.day);
    if (unit === "calendar_days") {
      d = start.day + amount;
      for (k = kind(d); !WORKING[k[0]]; k = kind(d)) { skipped.push([d, k[0], k[1]]); d += 1; }
      if (k[0] !== "workday") makeup.push(d);
      return { day: d, min: 1440, skipped: skipped, makeup: makeup };
    }
    if (unit === "working_days") {
      var left = amount;
      while (left > 0) {
        d += 1; k = kind(d);
        if (WORKING[k[0]]) { left -= 1; if (k[0] !== "workday") makeup.push(d); }
        else skipped.push([d, k[0], k[1]]);
      }
      return { day: d, min: close, skipped: skipped, makeup: makeup };
    }
    /* working_hours */
    var need = amount * 60, cursor = start.min;
    for (;;) {
      k = kind(d);
      if (WORKING[k[0]]) {
        for (var i = 0; i < segs.length; i++) {
          var a = Math.max(segs[i][0], cursor), b = segs[i][1];
          if (a >= b) continue;
          if (k[0] !== "workday" && makeup[makeup.length - 1] !== d) makeup.push(d);
          if (need <= b - a) return { day: d, min: a + need, skipped: skipped, makeup: makeup };
          need -= b - a;
        }
      } else {
        skipped.push([d, k[0], k[1]]);
      }
      d += 1; cursor = 0;
    }
  }

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
    ["working_days", "calendar_days", "working_hours", "hours"].forEach(function (u) {
      var o = el("option", { value: u }, UNIT_ZH[u]);
      if (u === (box.getAttribute("data-unit") || "working_days")) o.selected = true;
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
          detail.appendChild(el("li", {}, "跳过 " + iso(x[0]) + "（" + WEEK[weekday(x[0])] + "）" + KIND_ZH[x[1]] + (x[2] ? "：" + x[2] : "")));
        });
        r.makeup.forEach(function (x) {
          detail.appendChild(el("li", {}, "计入 " + iso(x) + "（" + WEEK[weekday(x)] + "）" + KIND_ZH[kind(x)[0]]));
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
