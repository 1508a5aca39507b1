"""Issue 10.7: labels of coded values come from the schemas (x-labels), not Python tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handbook.labels import Labels
from handbook.resources import schemas_dir
from handbook.validation import SchemaSet, read_schema
from schemanodes import nodes_with


def test_every_label_set_covers_exactly_its_codes() -> None:
    found = 0
    for f in sorted(Path(schemas_dir()).glob("*.schema.json")):
        for where, node in nodes_with(read_schema(f), "x-labels"):  # beside its $ref, as the tool reads them
            if node.get("type") == "boolean":  # a yes/no field: both answers, keyed as JSON writes them
                assert set(node["x-labels"]) == {"true", "false"}, f"{f.name}{where}"
            elif "enum" not in node and "properties" not in node:
                # an open code (channel types, unit types): its labels name the common values,
                # and every one of them must be a valid code
                pattern = re.compile(json.loads((Path(schemas_dir()) / "common.schema.json").read_text(
                    encoding="utf-8"))["$defs"]["code"]["pattern"])
                assert node.get("$ref", "").endswith("/code"), f"{f.name}{where}"
                assert all(pattern.match(k) for k in node["x-labels"]), f"{f.name}{where}"
            else:
                codes = set(node["enum"]) if "enum" in node else set(node.get("properties", {}))
                assert set(node["x-labels"]) == codes, f"{f.name}{where}"
            assert all(isinstance(v, str) and v for v in node["x-labels"].values()), f"{f.name}{where}"
            found += 1
    assert found >= 7


def test_labels_are_found_by_item_kind_and_field() -> None:
    labels = Labels(SchemaSet(schemas_dir()))
    assert labels.label("channel", "type", "hotline") == "电话热线"
    assert labels.label("channel", "contact", "url") == "网址"
    assert labels.label("limit", "unit", "working_days") == "个工作日"
    assert labels.label("source", "confidence", "check") == "待核实"
    assert labels.label("channel", "type", "carrier-pigeon") == "carrier-pigeon"  # no label: the code itself
    assert labels.label("role", "leading_group", None) == ""
    assert labels.label("article", "binding", True) == "须落实" and labels.label("article", "binding", False) == "参考"
    assert labels.kind_label("limit") == "时限" and labels.kind_label("role") == "岗位"  # x-kind-label beside x-id


def test_the_manual_keeps_no_label_table() -> None:
    import handbook.render.manual as manual

    assert not [name for name in vars(manual) if name.endswith("_ZH")]
