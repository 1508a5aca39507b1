"""The working-day calendar as a script for the manual's offline deadline calculator."""

from __future__ import annotations

import json

from ..workdays import WorkCalendar


def calendar_script(cal: WorkCalendar) -> str:
    data = json.dumps(cal.export(), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # a "</script" in a name cannot end anything early
    return f"window.HANDBOOK_CALENDAR = {data};\n"
