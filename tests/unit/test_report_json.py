"""The JSON report follows its packaged, versioned schema; bead and finding ids are stable."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from test_report_samples import CORPORA, planted_comparison, synthetic_comparison, xss_comparison
from transcompare.model import SCHEMA_VERSION, Comparison
from transcompare.report import get_exporter
from transcompare.report.json import load_schema

CASES = sorted(p.name for p in CORPORA.iterdir() if (p / "case.json").is_file())


@pytest.fixture(scope="module")
def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def case_args(case: str) -> list[str]:
    meta = json.loads((CORPORA / case / "case.json").read_text(encoding="utf-8"))
    return [str(CORPORA / case / meta["original"]["path"]), *(str(CORPORA / case / e["path"]) for e in meta["editions"])]


def test_schema_is_packaged_and_versioned():
    schema = load_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert "schema_version" in schema["required"]
    assert SCHEMA_VERSION.split(".")[0] == schema["properties"]["schema_version"]["pattern"][1]


@pytest.mark.parametrize("case", CASES)
def test_compare_output_validates(case, run_cli, tmp_path, validator):
    out = tmp_path / "c.json"
    result = run_cli("compare", *case_args(case), "--json", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    validator.validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    for ec in data["editions"]:
        ids = [b["id"] for b in ec["beads"]]
        assert ids == [f"{ec['edition']['id']}:b{i:04d}" for i in range(len(ids))]
    finding_ids = [f["id"] for ec in data["editions"] for f in ec["findings"]]
    assert len(finding_ids) == len(set(finding_ids))
    # one file per comparison, the same bytes every run
    again = tmp_path / "again.json"
    run_cli("compare", *case_args(case), "--json", again)
    assert again.read_bytes() == out.read_bytes()
    # and it reads back into the model
    assert Comparison.from_dict(data).to_dict()["editions"][0]["beads"][0]["src"] == data["editions"][0]["beads"][0]["src"]


@pytest.mark.parametrize("make", [lambda: planted_comparison("003-two-editions", with_mt=True), synthetic_comparison, xss_comparison])
def test_rich_comparisons_validate(make, validator):
    data = json.loads(get_exporter("json").render(make().to_dict()))
    validator.validate(data)


@pytest.mark.parametrize(
    "path, value",
    [
        (("editions", 0, "findings", 0, "kind"), "typo"),
        (("editions", 0, "findings", 0, "severity"), "critical"),
        (("editions", 0, "findings", 0, "check"), "numbers"),
        (("editions", 0, "beads", 0, "id"), "b1"),
        (("editions", 0, "beads", 0, "score"), 1.5),
        (("schema_version",), "2.0"),
    ],
)
def test_schema_rejects_malformed(path, value, validator):
    data = json.loads(get_exporter("json").render(synthetic_comparison(20).to_dict()))
    bad = copy.deepcopy(data)
    node = bad
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    validator.validate(data)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


def test_format_json_to_stdout_is_the_same_document(run_cli, tmp_path):
    out = tmp_path / "c.json"
    result = run_cli("compare", *case_args("001-cadre-loyalty"), "--json", out, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(out.read_text(encoding="utf-8"))
