"""仍采纳的规则不得与法律的禁止性规定冲突 An adopted rule conflicts with a prohibition

## What it does
Reports a rule that is still adopted (`adopted` missing or `true`) while its
`conflicts_with` names an article that is a prohibition (`prohibition: true`)
of a current law or regulation (a source of `type: law` or `regulation` with
`status: current`) in force on the day checked (a source whose
`effective_date` is still to come binds nobody yet). Standards, complaint
stages, follow-up kinds, methods and requirements can carry `conflicts_with`. The problem is reported at the
`conflicts_with` entry, with the article and its citation.

A rule that is not adopted (`adopted: false`, with its `not_adopted_reason`)
may name the prohibitions it conflicts with: that is how a practice of the
original rules stays visible in the manual, as "not adopted, and why",
without binding anyone. Articles of a repealed regulation, and of the
company's own rules (`type: internal`), are not enforced here.

This rule cannot be waived: no internal approval can make a practice the law
forbids lawful.

## Why
A handbook that requires what the law forbids makes staff liable for not
breaking the law. A gift card (赠送购物卡) for large policyholders is a benefit
outside the contract, which 《保险法》第一百一十六条（四） forbids: the rule
that promises it must not be adopted, and no violation may punish its absence.

## Example
```yaml
standards:
  - id: std-gift-card
    title: 大额保户赠送购物卡
    requirement: 向保险金额较大的保户赠送购物卡。
    owner: branch-assistant
    conflicts_with: [law-insurance.a116]   # a prohibition: an adopted rule may not conflict with it
```

## Use instead
```yaml
standards:
  - id: std-gift-card
    title: 大额保户赠送购物卡（未采纳）
    requirement: 原制度：向保险金额较大的保户赠送购物卡。
    owner: branch-assistant
    adopted: false
    not_adopted_reason: 赠送购物卡属于保险合同约定以外的利益，《保险法》第一百一十六条（四）禁止。
    conflicts_with: [law-insurance.a116]
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "PRO001"
NAME = "prohibited-practice"
TITLE = "仍采纳的规则不得与法律的禁止性规定冲突 An adopted rule conflicts with a prohibition"
SEVERITY = "error"
# what the law forbids stays forbidden whatever the company approves
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("it requires what the law forbids, which no internal approval can excuse")
OPTIONS: dict[str, Any] = {}

# the source types whose prohibitions bind the company (regulations.schema.json sources.*.type)
OUTSIDE = frozenset({"law", "regulation"})


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for ref in model.refs:
        if ref.kind != "article" or not ref.field.endswith(".conflicts_with.*"):
            continue
        rule = ref.source
        if rule is None or rule.get("adopted") is False:
            continue  # not adopted: the practice is shown, and binds no one
        article = model.get(ref.target, "article")
        if article is None or not prohibits(article, model.today):
            continue
        yield Finding(ref.file.path, ref.line, ref.column, _(
            "'{id}' ({title}) is adopted but conflicts with {article} ({citation}: {article_title}), a "
            "prohibition of current law: the handbook may not require it; mark it adopted: false with its "
            "not_adopted_reason (the practice stays visible as not adopted), or drop it").format(
                id=rule.id, title=rule.title, article=article.id, citation=cite(article),
                article_title=article.title), item=rule.id)


def prohibits(article: Item, today: date | None = None) -> bool:
    """A prohibition of a current law or regulation (not of the company's own rules) that is in
    force: one whose source takes effect after ``today`` binds nobody yet."""
    source = article.parent
    if not (article.get("prohibition") is True and source is not None
            and source.get("type") in OUTSIDE and source.get("status") == "current"):
        return False
    effective = source.get("effective_date")
    return today is None or not isinstance(effective, str) or effective <= today.isoformat()


def cite(article: Item) -> str:
    """'保险法 第一百一十六条': the source's short title and the article's number (as periods.cite)."""
    source = article.parent
    parts = [source.get("short_title") or source.title if source is not None else "", article.get("number", "")]
    return " ".join(p for p in parts if p) or article.id
