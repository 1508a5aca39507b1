"""Waiver governance: who may waive which check, for how long, and what may never be waived.

One verdict for two users: the WVR003 check reports a waiver that breaks the
policy, and the engine does not apply such a waiver, so the problem it would
have hidden is still reported.

The policy is data in the waivers file (``authority``, ``max_days``,
``never_waive``); without it only the organisation's head may approve, a waiver
runs at most ``DEFAULT_MAX_DAYS``, and rules whose module declares
``WAIVABLE = False`` (breaches of a regulatory limit) are never waivable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .rules import registry

if TYPE_CHECKING:
    from .model import Item, Model

DEFAULT_MAX_DAYS = 90


@dataclass(frozen=True)
class WaiverPolicy:
    authority: dict[str, frozenset[str]]  # role id -> codes it may waive ("*": every waivable one)
    max_days: int
    never: frozenset[str]  # codes the policy adds to the never-waivable rules
    declared: bool  # False: the default authority (the organisation's head) applies

    @classmethod
    def of(cls, model: Model) -> WaiverPolicy:
        authority: dict[str, set[str]] = {}
        max_days: int | None = None
        never: set[str] = set()
        declared = False
        for f in model.files_of("waivers"):
            data = f.data
            for grant in data.get("authority") or []:
                if isinstance(grant, dict) and isinstance(grant.get("role"), str):
                    declared = True
                    authority.setdefault(grant["role"], set()).update(str(c) for c in grant.get("checks") or [])
            if isinstance(data.get("max_days"), int):
                max_days = min(max_days or data["max_days"], data["max_days"])  # the strictest file wins
            never.update(str(c) for c in data.get("never_waive") or [])
        if not declared:
            for org in model.files_of("organisation"):
                if isinstance(org.data.get("head"), str):
                    authority.setdefault(org.data["head"], set()).add("*")
        return cls({r: frozenset(c) for r, c in authority.items()}, max_days or DEFAULT_MAX_DAYS,
                   frozenset(never), declared)

    def problems(self, w: Item) -> list[tuple[str, str]]:
        """(field, message) for each way the waiver breaks the policy; empty if it may apply."""
        out: list[tuple[str, str]] = []
        code, approver = w.get("check"), w.get("approved_by")
        rule = registry().get(str(code))
        if rule is not None and not rule.waivable:
            out.append(("check", f"{code} may never be waived: {rule.waiver_note or 'its rule forbids it'}"))
        elif code in self.never:
            out.append(("check", f"{code} may never be waived: it is listed under never_waive"))
        elif isinstance(approver, str):
            codes = self.authority.get(approver, frozenset())
            if "*" not in codes and code not in codes:
                holders = sorted(r for r, c in self.authority.items() if "*" in c or code in c)
                source = "authority" if self.declared else "the default (only the organisation's head)"
                out.append(("approved_by", f"'{approver}' has no authority to waive {code} under {source}; "
                                           f"it may be approved by: {', '.join(holders) or 'nobody'}"))
        granted, until = _date(w.get("granted")), _date(w.get("until"))
        if granted is not None and until is not None:
            days = (until - granted).days
            if days < 0:
                out.append(("until", f"ends on {until}, before it was granted ({granted})"))
            elif days > self.max_days:
                out.append(("until", f"runs {days} days from {granted} to {until}, over the maximum of "
                                     f"{self.max_days} (max_days): renew it when it expires instead"))
        return out


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None  # the schema reports it
