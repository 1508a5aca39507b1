"""认定等级的岗位按机构层级认定 Judges follow the unit tree

## What it does
Reads the penalties file's `judged_by` (one role or a list) and checks that
every post a violation can apply to has a judge who may judge it. The posts a
violation applies to are those the item whose `breach` it is names as doing or
answering for it: the `owner`, a stage's `role` and `also`, a standard's
`applies_to` (a post template: each of its posts; an item with `adopted:
false` makes nobody liable).

A judge (a post, or each post of a template) may judge:

- the posts of its own unit and of the units below it, not a post elsewhere
  in the unit tree (a branch inspector does not judge head-office staff);
- never him/herself;
- never a post above him/her in the reporting line (his/her boss, or theirs).

Of the judges that may judge a post, the one in the nearest unit judges it.
The organisation's `head` needs no judge: he/she answers to the board, outside
the handbook.
Reported, at `judged_by`: each post (a template once, naming its posts) that no
judge may judge; at the judge's entry: a judge who may judge none of the posts
a violation applies to. Without `judged_by`, nothing is checked (CMP002 asks
for it).

## Why
An inspector of one branch has no authority over the head office, and nobody
can fairly decide the tier of his/her own breach or of his/her boss's. A post
without a judge can breach the rules with no one to decide the tier.

## Example
```yaml
judged_by: branch-qa   # in the branch: the head office's staff have no judge
```

## Use instead
```yaml
judged_by:
  - gm           # the head office's department head, and whoever has no nearer judge
  - dept-head    # the head office's customer-service staff
  - branch-qa    # the branch's staff
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.liability import Judges, liable_posts, posts_of
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "PEN006"
NAME = "judges"
TITLE = "认定等级的岗位按机构层级认定 Judges follow the unit tree"
SEVERITY = "error"
# the posts liable are named in other files (standards, complaints, follow-ups, the organisation)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}

SHOWN = 5  # posts of a template named in one finding, before "and N more"


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    files = [f for f in model.files_of("penalties") if f.data.get("judged_by")]
    if not files:
        return  # no judge named: CMP002
    judges = Judges(model)
    liable = liable_posts(model)
    if not liable:
        return  # no violation is the breach of anything yet: nobody to judge (PEN002 reports the catalogue)
    where = files[0]
    line, col = where.loaded.key_pos(where.data, "judged_by", value=False)  # the key: the list is to grow
    # the posts nobody may judge, grouped by the role as written (a template once)
    unjudged: dict[str, list[tuple[Item, list[tuple[Item, Item]]]]] = {}
    for post, breaches in liable.values():
        if judges.needs_judge(post) and judges.judge_of(post) is None:
            key = post.template.id if post.template is not None else post.id
            unjudged.setdefault(key, []).append((post, breaches))
    for posts in unjudged.values():
        first, breaches = posts[0]
        item, violation = breaches[0]
        unit = model.get(first.get("unit"), "unit")
        names = [f"'{p.id}'" for p, _b in posts[:SHOWN]]
        more = len(posts) - SHOWN
        if more > 0:
            names.append(_("and {n} more").format(n=more))
        yield Finding(where.path, line, col,
                      _("no judge in judged_by may judge {posts} ({title}, in '{unit}' {unit_title}), yet "
                        "{count} violation(s) apply to it, such as '{violation}' ({violation_title}) as the breach "
                        "of {kind} '{item}': a judge judges the posts of its own unit and the units below it, "
                        "never him/herself nor a post above him/her in the reporting line; name a judge in "
                        "'{unit}' or a unit above it").format(
                          posts=", ".join(names), title=first.title, unit=first.get("unit"),
                          unit_title=unit.title if unit is not None else "", count=len(breaches),
                          violation=violation.id, violation_title=violation.title, kind=item.kind, item=item.id),
                      item=first.template.id if first.template is not None else first.id)
    # judges who may judge none of the posts a violation applies to
    reported: set[str] = set()
    for ref in judges.refs:
        role = model.get(ref.target, "role")
        if role is None or role.id in reported:
            continue  # an unknown role: REF001
        reported.add(role.id)
        mine = posts_of(model, role.id)
        if any(judges.may_judge(j, post) for j in mine for post, _b in liable.values()):
            continue
        unit = model.get(role.get("unit"), "unit")
        yield Finding(ref.file.path, ref.line, ref.column,
                      _("judge '{id}' ({title}, in '{unit}' {unit_title}) may judge none of the posts a violation "
                        "applies to: a judge judges only the posts of its own unit and the units below it, not "
                        "him/herself nor a post above him/her in the reporting line; put the judge in the unit "
                        "whose staff it judges, or drop it from judged_by").format(
                          id=role.id, title=role.title, unit=role.get("unit") or role.get("per_unit"),
                          unit_title=unit.title if unit is not None else ""),
                      item=role.id)
