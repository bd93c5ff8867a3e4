"""The data model's JSON round trip and versioning."""

import json

import pytest

from transcompare.model import SCHEMA_VERSION, Bead, Comparison, Finding, Span
from transcompare.pipeline import CompareOptions, compare


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    root = tmp_path_factory.mktemp("case")
    (root / "zh.txt").write_text("他说：“我们会赢。”\n\n据称，43万人受查。\n", encoding="utf-8")
    (root / "en.txt").write_text("“We will win,” he said.\n\nReportedly, 430,000 people were investigated.\n", encoding="utf-8")
    return compare(str(root / "zh.txt"), [str(root / "en.txt")], CompareOptions(aligner="gale-church", use_default_glossaries=False))


def test_round_trip(comparison):
    data = json.loads(json.dumps(comparison.to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION
    again = Comparison.from_dict(data)
    assert again == comparison
    assert again.to_dict() == data


def test_finding_round_trip_with_spans():
    f = Finding("number", "changed", "high", 0.9, "x", "numbers.v1", "e", (Span(1, 3),), (Span(4, 9),), 0, {"zh": "43万"}, "e:f0001")
    from transcompare.model import _finding, _plain

    assert _finding(json.loads(json.dumps(_plain(f)))) == f


def test_rejects_other_major_version(comparison):
    data = comparison.to_dict()
    data["schema_version"] = "99.0"
    with pytest.raises(ValueError, match="schema_version"):
        Comparison.from_dict(data)


def test_bead_shape():
    assert Bead((1, 2), (), 0.5).shape == "2-0"
    assert Span(0, 3).overlaps(Span(2, 5)) and not Span(0, 2).overlaps(Span(2, 5))
