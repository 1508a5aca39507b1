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

from .i18n import _
from .rules import registry

if TYPE_CHECKING:
    from .model import Item, Model, PolicyFile

DEFAULT_MAX_DAYS = 90
POLICY_KEYS = ("authority", "max_days", "never_waive")


@dataclass(frozen=True)
class WaiverPolicy:
    authority: dict[str, frozenset[str]]  # role id -> codes it may waive ("*": every waivable one)
    max_days: int
    never: frozenset[str]  # codes the policy adds to the never-waivable rules
    declared: bool  # False: the default authority (the organisation's head) applies

    @classmethod
    def of(cls, model: Model) -> WaiverPolicy:
        """The policy of the one waivers file that declares one. When more than one does, none
        applies (WVR003 reports each) and the default stands, so a file added beside the first
        can never grant authority, whatever the files are called."""
        declaring = cls.policy_files(model)
        data = declaring[0].data if len(declaring) == 1 else {}
        authority: dict[str, set[str]] = {}
        for grant in data.get("authority") or []:
            if isinstance(grant, dict) and isinstance(grant.get("role"), str):
                authority.setdefault(grant["role"], set()).update(str(c) for c in grant.get("checks") or [])
        declared = bool(authority)
        if not declared:
            for org in model.files_of("organisation"):
                if isinstance(org.data.get("head"), str):
                    authority.setdefault(org.data["head"], set()).add("*")
        max_days = data.get("max_days")
        return cls({r: frozenset(c) for r, c in authority.items()},
                   max_days if isinstance(max_days, int) and not isinstance(max_days, bool) else DEFAULT_MAX_DAYS,
                   frozenset(str(c) for c in data.get("never_waive") or []), declared)

    @staticmethod
    def policy_files(model: Model) -> list[PolicyFile]:
        """Waivers files that declare any of the policy's keys, in the order they were read."""
        return [f for f in model.files_of("waivers") if any(k in f.data for k in POLICY_KEYS)]

    def problems(self, w: Item) -> list[tuple[str, str]]:
        """(field, message) for each way the waiver breaks the policy; empty if it may apply."""
        out: list[tuple[str, str]] = []
        code, approver = w.get("check"), w.get("approved_by")
        rule = registry().get(str(code))
        if rule is not None and not rule.waivable:
            # a rule module's WAIVER_NOTE is marked with N_() and translated here, when shown
            out.append(("check", _("{code} may never be waived: {why}").format(
                code=code, why=_(rule.waiver_note) if rule.waiver_note else _("its rule forbids it"))))
        elif code in self.never:
            out.append(("check", _("{code} may never be waived: it is listed under never_waive").format(code=code)))
        elif isinstance(approver, str):
            codes = self.authority.get(approver, frozenset())
            if "*" not in codes and code not in codes:
                holders = sorted(r for r, c in self.authority.items() if "*" in c or code in c)
                if self.declared:
                    message = _("'{approver}' has no authority to waive {code} under authority; it may be approved "
                                "by: {holders}")
                else:
                    message = _("'{approver}' has no authority to waive {code} under the default (only the "
                                "organisation's head); it may be approved by: {holders}")
                out.append(("approved_by", message.format(approver=approver, code=code,
                                                          holders=", ".join(holders) or _("nobody"))))
        granted, until = _date(w.get("granted")), _date(w.get("until"))
        for field, value in (("granted", granted), ("until", until)):
            if value is None:
                out.append((field, _("{field} is not a date written \"YYYY-MM-DD\": the waiver does not "
                                     "apply").format(field=field)))
        if granted is not None and until is not None:
            days = (until - granted).days
            if days < 0:
                out.append(("until", _("ends on {until}, before it was granted ({granted})").format(
                    until=until, granted=granted)))
            elif days > self.max_days:
                out.append(("until", _("runs {days} days from {granted} to {until}, over the maximum of {max_days} "
                                       "(max_days): renew it when it expires instead").format(
                                           days=days, granted=granted, until=until, max_days=self.max_days)))
        return out


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
