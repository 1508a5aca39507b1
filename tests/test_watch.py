"""Issue 16.3: `handbook check --watch` keeps the checked set warm and checks again on each edit.

Run as a user would: the command in a project folder, a file edited, the next report read from
its output. Each report is the one `handbook check` prints for the files as they are then."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from conftest import BASE, ROOT

TODAY = ("--today", "2026-06-01")


class Watching:
    """``handbook check --watch`` in ``cwd``: its reports (stdout) and its status lines (stderr),
    each read as it comes."""

    def __init__(self, cwd: Path, *args: str, today: str = "2026-06-01") -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "handbook", "check", "--watch", *args], cwd=cwd,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                     env={**os.environ, "HANDBOOK_TODAY": today})
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda s=stream, q=q: [q.put(line) for line in s], daemon=True).start()

    def report(self, timeout: float = 30) -> tuple[list[str], str]:
        """The next report's lines (up to its summary) and the status line that follows it."""
        lines: list[str] = []
        while True:
            line = self.out.get(timeout=timeout)
            lines.append(line.rstrip("\n"))
            if " files (" in line and (line.startswith("no problems") or " error" in line or " warning" in line):
                break
        while True:
            status = self.err.get(timeout=timeout)
            if "watching for changes" in status:
                return lines, status

    def stop(self) -> int:
        self.proc.terminate()
        return self.proc.wait(timeout=10)


def test_an_edit_in_a_branch_or_the_head_office_is_checked_again(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(ROOT / "policies", project / "policies")
    shutil.copytree(ROOT / "branches", project / "branches")
    w = Watching(project, today="2026-11-29")  # the shipped 2027 calendar waiver is in force
    try:
        lines, status = w.report()
        assert lines[-1].startswith("no problems in 16 files"), lines
        assert "checked in" in status
        post = project / "branches" / "unit-branch-sc" / "organisation.yaml"
        post.write_text(post.read_text(encoding="utf-8").replace("reports_to: cs-division-head",
                                                                 "reports_to: cs-divison-head"), encoding="utf-8")
        lines, status = w.report()
        assert ("branches/unit-branch-sc/organisation.yaml:12:17: REF001 roles.0.reports_to: no role with id "
                "'cs-divison-head'; did you mean 'cs-division-head'?") in lines
        assert lines[-1].startswith("1 error in 16 files") and "changed: branches/unit-branch-sc/organisation.yaml" in (
            status)
        # a head-office edit: the head office and every branch again, the branch's error still there
        f = project / "policies" / "followups.yaml"
        f.write_text(f.read_text(encoding="utf-8").replace("planner: cs-division-head", "planner: cs-nobody"),
                     encoding="utf-8")
        lines, _status = w.report()
        assert any(x.startswith("policies/followups.yaml:") and "REF001" in x and "cs-nobody" in x for x in lines)
        assert lines[-1].startswith("2 errors in 16 files"), lines
        post.write_text(post.read_text(encoding="utf-8").replace("cs-divison-head", "cs-division-head"),
                        encoding="utf-8")
        lines, _status = w.report()
        assert lines[-1].startswith("1 error in 16 files"), lines
    finally:
        w.stop()


def test_the_report_is_what_a_fresh_check_prints(tmp_path: Path) -> None:
    """After an edit, the warm JSON report is the one a cold `handbook check` of the same files prints."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    w = Watching(tmp_path, *TODAY, "--format", "json")

    def next_json() -> str:
        text = ""
        while True:
            text += w.out.get(timeout=30)
            try:
                json.loads(text)
                return text
            except ValueError:
                continue

    try:
        assert json.loads(next_json())["summary"]["errors"] == 0
        s = policies / "standards.yaml"
        s.write_text(s.read_text(encoding="utf-8").replace("amount: 5,", "amount: 5.5,"), encoding="utf-8")
        warm = next_json()
    finally:
        w.stop()
    cold = subprocess.run([sys.executable, "-m", "handbook", "check", *TODAY, "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert '"code": "SCH' in cold.stdout, cold.stdout  # the float amount is a schema problem
    assert warm == cold.stdout


def test_new_limits_and_a_broken_configuration_while_watching(tmp_path: Path) -> None:
    """A review found the watcher keeping files read under the old [limits] (they are reused by
    their bytes), and quitting for good on a handbook.toml saved half-written."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    toml = tmp_path / "handbook.toml"
    toml.write_text('[handbook]\npolicies = "policies"\n', encoding="utf-8")
    w = Watching(tmp_path, *TODAY)
    try:
        lines, _status = w.report()
        assert lines[-1].startswith("no problems"), lines
        toml.write_text('[handbook]\npolicies = "policies"\n[limits]\nmax_line_length = 60\n', encoding="utf-8")
        lines, _status = w.report()
        assert {x.split(":")[0] for x in lines if " YML015 " in x} >= {"policies/standards.yaml",
                                                                    "policies/complaints.yaml"}, lines
        toml.write_text('[handbook\npolicies = "policies"\n', encoding="utf-8")  # saved half-written
        while "handbook: " not in w.err.get(timeout=30):
            pass
        assert w.proc.poll() is None  # still watching
        toml.write_text('[handbook]\npolicies = "policies"\n', encoding="utf-8")
        for _ in range(5):  # the reports of the saves in between, then the one of the fixed file
            lines, _status = w.report()
            if lines[-1].startswith("no problems"):
                break
        assert lines[-1].startswith("no problems"), lines
    finally:
        w.stop()
