"""The sample-company notice.

A policy set whose organisation file says ``sample: true`` describes a sample company: its
contact data are placeholders (CHN003 lets them pass for that reason only), so every page of the
manual says so, under the page's title, where a reader cannot miss it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Model

NOTICE_TITLE = "示例公司"
NOTICE = ("本手册描述的是一家示例公司：公司名称和投诉电话、传真、地址、电子邮箱、网址等联系方式都是示例数据，"
          "不是真实公布的投诉渠道，不能用于投诉。正式使用前，编者须换成公司真实公布的信息"
          "（做法见编者资料）。")


def is_sample(model: Model) -> bool:
    """Whether an organisation file of the set says it describes a sample company."""
    return any(f.data.get("sample") is True for f in model.files_of("organisation"))


def notice() -> str:
    """The notice as a Markdown admonition block (its own paragraph)."""
    return f'!!! warning "{NOTICE_TITLE}"\n    {NOTICE}\n'


def with_notice(markdown: str) -> str:
    """The page with the notice under its first-level title, or on top when it opens with none."""
    lines = markdown.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# "):
            return "".join(lines[:i + 1]) + "\n" + notice() + "\n" + "".join(lines[i + 1:])
        break
    return notice() + "\n" + markdown
