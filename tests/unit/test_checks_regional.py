"""Regional vocabulary: two Chinese editions that differ only by region or script are equal."""

from __future__ import annotations

import pytest

from transcompare.checks.regional import equivalent, fold, pairs


@pytest.mark.parametrize(
    "mainland,taiwan",
    [
        ("境外网络服务", "境外網路服務"),
        ("打印检查记录并签字", "列印檢查紀錄並簽名"),
        ("“禁用软件”", "「禁用軟體」"),
        ("信息科技部门", "資訊科技部門"),
        ("即时通讯应用", "即時通訊應用程式"),
        ("检查预计覆盖", "檢查預計涵蓋"),
        ("正通过手机软件", "正透過手機軟體"),
        ("据报道", "據報導"),
        ("特朗普政府", "川普政府"),
    ],
)
def test_regional_forms_are_equivalent(mainland, taiwan):
    assert equivalent(mainland, taiwan)


@pytest.mark.parametrize("a,b", [("年底考核一票否决", "年底考核可能會被扣分"), ("共有27款软件", "共有72款軟體")])
def test_real_changes_are_not(a, b):
    assert not equivalent(a, b)


def test_fold_keeps_offsets_into_the_original():
    text = "他用即時通訊應用程式聯絡"
    folded = fold(text)
    at = folded.text.index("应用")
    start, end = folded.span(at, at + 2)
    assert text[start:end] == "應用程式"
    assert len(folded.origin) == len(folded.text) + 1


def test_pairs_listed():
    assert ("软体", "软件") in pairs()
