"""Language tags: zh-Hant, zh_TW, ZH and yue behave as zh everywhere a check or a report asks
"is this Chinese?"; en-GB behaves as en."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transcompare.checks.base import CheckContext, resolve_checks, run_checks
from transcompare.ingest.reader import RawDocument
from transcompare.langs import is_chinese
from transcompare.model import Bead
from transcompare.segment import segment


@pytest.mark.parametrize("tag, chinese", [
    ("zh", True), ("zh-Hant", True), ("zh-hans", True), ("zh_TW", True), ("ZH", True), (" zh-HK ", True),
    ("yue", True), ("en", False), ("en-GB", False), ("ja", False), ("", False), (None, False),
])
def test_is_chinese_reads_every_tag_of_chinese(tag, chinese):
    assert is_chinese(tag) is chinese


ZH = ("市政府周二表示，新桥将耗资3亿元，于2027年完工。\n\n"
      "交通局长王建国说：“这座桥将缩短通勤时间一半。”\n\n"
      "据悉，工程将雇用约500名工人。")
EN = ("The city government said on Tuesday the new bridge would cost 500 million yuan and be finished in 2028.\n\n"
      "Transport chief Li Ming said the bridge would \"cut commuting time by a third\".\n\n"
      "The project will employ 500 workers.")


def _pair(zh_tag: str, en_tag: str):
    orig = segment(RawDocument("original.txt", ZH, "txt", "utf-8"), edition_id="original", lang="zh")
    ed = segment(RawDocument("edition.txt", EN, "txt", "utf-8"), edition_id="edition", lang="en")
    beads = [Bead((i,), (i,), 0.9) for i in range(len(orig.sentences))]
    return replace(orig, lang=zh_tag), replace(ed, lang=en_tag), beads


def _findings(zh_tag: str, en_tag: str):
    orig, ed, beads = _pair(zh_tag, en_tag)
    ctx = CheckContext(orig, ed, beads, publication_date="2026-03-05")
    return [(f.check, f.kind, f.subtype, f.original_spans, f.edition_spans) for f in run_checks(resolve_checks(), ctx)]


def test_bead_text_joins_a_tagged_chinese_side_without_spaces():
    orig, ed, beads = _pair("zh-Hant", "en-GB")
    both = Bead((0, 1), (0, 1), 0.9)
    src, tgt = CheckContext(orig, ed, beads).bead_text(both)
    assert src == orig.sentences[0].text + orig.sentences[1].text
    assert tgt == ed.sentences[0].text + " " + ed.sentences[1].text


@pytest.mark.parametrize("zh_tag, en_tag", [("ZH", "EN"), ("zh_TW", "en-GB"), ("zh-hans", "en_US")])
def test_every_check_finds_the_same_with_any_tag(zh_tag, en_tag):
    plain = _findings("zh", "en")
    assert {kind for _, kind, *_ in plain} >= {"number", "date", "entity", "quote"}
    assert _findings(zh_tag, en_tag) == plain


def test_html_report_joins_a_tagged_chinese_edition_without_spaces():
    from transcompare.report.html import _joined, _lang_tag

    edition = {"lang": "zh-Hant", "script": "Hant", "sentences": [{"text": "甲。"}, {"text": "乙。"}]}
    assert _joined(edition, [0, 1]) == "甲。乙。"
    assert _lang_tag(edition) == "zh-Hant"
