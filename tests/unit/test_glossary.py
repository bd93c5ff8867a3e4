"""Glossary store: the TSV format, loading errors, script-insensitive lookup, locked writes, lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcompare.errors import GlossaryError, OutputError
from transcompare.glossary import Entry, Glossary, load_glossaries
from transcompare.glossary.lint import lint_entries, lint_glossary, plausible
from transcompare.glossary.store import (
    COLUMNS,
    DEFAULT_DIR,
    GlossaryStore,
    format_tsv,
    merge_entries,
    parse_tsv,
    read_tsv,
)

HEADER = "\t".join(COLUMNS)


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def row(source, preferred, variants="", accepted="", forbidden="", type_="person", note="", ref="", status="approved"):
    return "\t".join([source, variants, preferred, accepted, forbidden, type_, note, ref, status])


# ------------------------------------------------------------------------------------- format


def test_round_trip_keeps_every_field_and_sorts(tmp_path):
    entries = [
        Entry("明居正", "Ming Chu-cheng", accepted=("Ming Juzheng",), type="person", note="NTU", ref="desk", status="proposed"),
        Entry("中纪委", "CCDI", variants=("中央纪委", "中紀委"), forbidden=("Discipline Committee",), type="organisation"),
    ]
    text = format_tsv(entries, ["# a comment"])
    assert text.splitlines()[:2] == ["# a comment", HEADER]
    assert text.splitlines()[2].startswith("中纪委\t")  # sorted by source
    doc = parse_tsv(text)
    assert sorted(doc.entries, key=lambda e: e.source) == sorted(entries, key=lambda e: e.source)
    assert doc.preamble == ("# a comment",)


def test_comments_blank_lines_and_short_rows_are_fine(tmp_path):
    path = write(tmp_path / "g.tsv", "# people", "", "林志恒\t\tLin Chih-heng")
    (entry,) = read_tsv(path)
    assert (entry.preferred, entry.type, entry.status) == ("Lin Chih-heng", "term", "approved")


@pytest.mark.parametrize(
    "lines, message",
    [
        (["林志恒\t\t"], "g.tsv:2: entry '林志恒' has no preferred rendering"),
        ([row("林志恒", "Lin", type_="persn")], "g.tsv:2: entry '林志恒': unknown type 'persn'"),
        ([row("林志恒", "Lin", status="maybe")], "g.tsv:2: entry '林志恒': unknown status 'maybe'"),
        (["# c", row("甲", "A"), row("林志恒", "Lin") + "\textra"], "g.tsv:4: 10 cells but the header has 9 columns"),
        ([row("甲", "A|B")], "g.tsv:2: entry '甲': source and preferred take one value"),
    ],
)
def test_loading_errors_name_file_line_and_problem(tmp_path, lines, message):
    path = write(tmp_path / "g.tsv", *lines)
    with pytest.raises(GlossaryError) as err:
        read_tsv(path)
    assert message in str(err.value)
    assert str(err.value).startswith("error [E401]: ")


def test_bad_header_and_encoding(tmp_path):
    path = write(tmp_path / "g.tsv", "甲\tA", header="zh\ten")
    with pytest.raises(GlossaryError, match=r"g.tsv:1: header lacks column\(s\) preferred, source"):
        read_tsv(path)
    (tmp_path / "b.tsv").write_bytes(HEADER.encode() + b"\n\xb2\xe2\t\tX\n")
    with pytest.raises(GlossaryError, match="not UTF-8"):
        read_tsv(tmp_path / "b.tsv")
    with pytest.raises(GlossaryError, match="cannot read"):
        read_tsv(tmp_path / "missing.tsv")


@pytest.mark.parametrize("name", ["big.tsv", "big.csv", "big.tbx"])
def test_a_glossary_over_the_article_cap_is_refused_in_one_line(tmp_path, monkeypatch, name):
    """Every glossary format is read with the articles' cap, not whole: a huge or endless file
    (/dev/zero) would fill memory."""
    from transcompare.glossary.exchange import import_file
    from transcompare.ingest import reader

    monkeypatch.setattr(reader, "MAX_BYTES", 64)
    path = write(tmp_path / name, *(row(f"甲{n}", f"A{n}") for n in range(10)))
    readers = (import_file, read_tsv, lambda p: load_glossaries([str(p)], defaults=False)) if name.endswith(".tsv") else (import_file,)
    for read in readers:
        with pytest.raises(GlossaryError, match=r"big\.\w+ is over 0 MiB; that is not a glossary"):
            read(path)


# ------------------------------------------------------------------------------------- lookup


def test_traditional_and_simplified_match_each_other(tmp_path):
    glossary = Glossary([Entry("习近平", "Xi Jinping", type="person"), Entry("賴清德", "Lai Ching-te", type="person")])
    assert glossary.lookup("習近平").preferred == "Xi Jinping"
    assert glossary.lookup("赖清德").preferred == "Lai Ching-te"
    assert glossary.lookup("李强") is None
    assert "习近平" in set(glossary.terms())


def test_find_in_prefers_longest_terms_and_keeps_offsets():
    glossary = Glossary(
        [
            Entry("中国共产党", "Chinese Communist Party", variants=("中共",), type="organisation"),
            Entry("中共中央纪律检查委员会", "Central Commission for Discipline Inspection", variants=("中纪委",), type="organisation"),
        ]
    )
    text = "據稱，中共中央紀律檢查委員會與中共都表示"
    found = glossary.find_in(text)
    assert [(m.form, m.entry.preferred) for m in found] == [
        ("中共中央紀律檢查委員會", "Central Commission for Discipline Inspection"),
        ("中共", "Chinese Communist Party"),
    ]
    assert all(text[m.start : m.end] == m.form for m in found)


def test_load_glossaries_includes_defaults_once(tmp_path):
    mine = write(tmp_path / "mine.tsv", row("林志恒", "Lin Chih-heng"))
    with_defaults = load_glossaries([str(mine)], defaults=True)
    only_mine = load_glossaries([str(mine)], defaults=False)
    assert len(only_mine.entries) == 1 and str(only_mine.origins[0]) == f"{mine}:2"
    assert len(with_defaults.paths) == len(list(DEFAULT_DIR.glob("*.tsv"))) + 1
    assert load_glossaries([], defaults=False) is None
    assert with_defaults.signature() != only_mine.signature()


def test_glossaries_given_override_the_defaults(tmp_path):
    mine = write(tmp_path / "mine.tsv", row("林志恒", "Lin Zhiheng"))
    assert load_glossaries([], defaults=True).lookup("林志恒").preferred == "Lin Chih-heng"
    assert load_glossaries([str(mine)], defaults=True).lookup("林志恒").preferred == "Lin Zhiheng"


# -------------------------------------------------------------------------------------- store


def test_store_add_remove_replace(tmp_path):
    store = GlossaryStore(tmp_path / "new" / "g.tsv")
    store.add(Entry("明居正", "Ming Chu-cheng", type="person"))
    with pytest.raises(GlossaryError, match="already there"):
        store.add(Entry("明居正", "Ming Juzheng", type="person"))
    store.add(Entry("明居正", "Ming Juzheng", type="person"), replace_existing=True)
    assert [e.preferred for e in store.entries()] == ["Ming Juzheng"]
    store.add(Entry("中紀委", "CCDI", type="organisation"))
    assert store.remove("中纪委").preferred == "CCDI"  # either script removes it
    with pytest.raises(GlossaryError, match="no entry for"):
        store.remove("中纪委")


@pytest.mark.parametrize("char", ["\t", "\n", "\x0b", "\x0c", "\x1e", "\x85", "\u2028", "\u2029", "\x01"])
def test_a_value_that_would_split_the_line_is_refused_not_written(tmp_path, char):
    """splitlines breaks at \\x0b, \\x85, U+2028...: such a value made the file unreadable."""
    from transcompare.glossary.store import make_entry

    store = GlossaryStore(tmp_path / "g.tsv")
    store.add(Entry("甲", "A"))
    with pytest.raises(GlossaryError, match="'preferred' contains a tab, line break or control character"):
        store.add(make_entry({"source": "乙", "preferred": f"B{char}C"}))
    assert [e.source for e in store.entries()] == ["甲"]


def test_store_keeps_the_preamble_and_sorts(tmp_path):
    path = write(tmp_path / "g.tsv", row("乙", "B"), header="# my list\n" + HEADER)
    GlossaryStore(path).add(Entry("甲", "A"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# my list" and lines[2].startswith("乙") and lines[3].startswith("甲")  # codepoint order


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    import transcompare.fileio as fileio

    path = tmp_path / "g.tsv"
    store = GlossaryStore(path)
    store.add(Entry("甲", "A"))
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", crash)
    with pytest.raises(OutputError, match="disk full"):
        store.add(Entry("乙", "B"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tsv", "g.tsv.lock"]  # no temp file left behind


def test_add_many_merge_and_skip(tmp_path):
    store = GlossaryStore(tmp_path / "g.tsv")
    store.add(Entry("中纪委", "CCDI", type="organisation"))
    store.add_many([Entry("中紀委", "CCDI", accepted=("Central Commission for Discipline Inspection",), type="organisation")], on_conflict="merge")
    (entry,) = store.entries()
    assert entry.accepted == ("Central Commission for Discipline Inspection",)
    assert store.add_many([Entry("中纪委", "X")], on_conflict="skip") == []


def test_merge_entries_conflicts():
    a = [Entry("明居正", "Ming Chu-cheng", type="person")]
    b = [Entry("明居正", "Ming Juzheng", type="person"), Entry("林志恒", "Lin Chih-heng", type="person")]
    merged, conflicts = merge_entries([a, b])
    assert [e.preferred for e in merged] == ["Ming Chu-cheng", "Lin Chih-heng"]  # first kept, conflict reported
    assert len(conflicts) == 1 and conflicts[0][1].preferred == "Ming Juzheng"
    merged, conflicts = merge_entries([a, b], on_conflict="first")
    assert not conflicts
    ming = next(e for e in merged if e.source == "明居正")
    assert (ming.preferred, ming.accepted) == ("Ming Chu-cheng", ("Ming Juzheng",))


# --------------------------------------------------------------------------------------- lint


def test_lint_finds_duplicates_conflicts_and_contradictions():
    entries = [
        Entry("中纪委", "CCDI", type="organisation"),
        Entry("中紀委", "CCDI", type="organisation"),  # same term in the other script, same rendering
        Entry("明居正", "Ming Chu-cheng", forbidden=("Ming Chu-cheng",), type="person"),
        Entry("中央纪委", "Central Commission for Discipline Inspection", variants=("中纪委",), type="organisation"),
    ]
    codes = sorted(i.code for i in lint_entries(entries, plausibility=False))
    assert codes == ["G001", "G002", "G002", "G003"]


@pytest.mark.parametrize(
    "zh, english, kind, ok",
    [
        ("林志恒", "Lin Chih-heng", "person", True),  # Wade-Giles
        ("林志恒", "Lin Zhiheng", "person", True),  # pinyin: forbidden by a newsroom, but plausible
        ("马英九", "Ma Ying-jeou", "person", True),  # Gwoyeu Romatzyh
        ("李家超", "John Lee", "person", True),  # Hong Kong spelling
        ("林郑月娥", "Carrie Lam", "person", True),
        ("泽连斯基", "Volodymyr Zelensky", "person", True),  # transliteration
        ("明居正", "John Smith", "person", False),
        ("习近平", "Donald Trump", "person", False),
        ("国家安全部", "Ministry of State Security", "organisation", True),
        ("国家安全部", "Ministry of Agriculture", "organisation", False),
        ("锦衣卫", "Jinyiwei", "term", True),
        ("美国中央情报局", "CIA", "organisation", True),  # an acronym alone is not judged
    ],
)
def test_plausible_renderings(zh, english, kind, ok):
    verdict, reason = plausible(Entry(zh, english, type=kind), english)
    assert verdict is ok
    assert bool(reason) is not ok


def test_starter_glossaries_lint_clean():
    glossary = load_glossaries([], defaults=True)
    assert len(glossary.entries) > 100
    assert lint_glossary(glossary) == []
    wanted = {"习近平": "Xi Jinping", "中纪委": "Central Commission for Discipline Inspection", "川普": "Donald Trump",
              "蔡英文": "Tsai Ing-wen", "黎智英": "Jimmy Lai", "明居正": "Ming Chu-cheng", "林志恒": "Lin Chih-heng",
              "台大": "National Taiwan University", "中情局": "Central Intelligence Agency"}
    assert {zh: glossary.lookup(zh).preferred for zh in wanted} == wanted
    assert "Lin Zhiheng" in glossary.lookup("林志恒").forbidden


def test_starter_glossaries_are_sorted_on_disk():
    for path in sorted(DEFAULT_DIR.glob("*.tsv")):
        text = path.read_text(encoding="utf-8")
        doc = parse_tsv(text, str(path))
        assert format_tsv(doc.entries, doc.preamble) == text, path.name


def test_starter_glossaries_ship_with_a_wheel():
    """glossaries/ sits beside the package, so a wheel (`pip install 'transcompare[batch]'` on a
    Dask worker) had no starter glossaries: pyproject installs them as data files."""
    tomllib = pytest.importorskip("tomllib")
    root = Path(__file__).resolve().parents[2]
    data_files = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    shipped = {p for pattern in data_files["share/transcompare/glossaries"] for p in root.glob(pattern)}
    assert shipped == set((root / "glossaries").glob("*.tsv")) and shipped


def test_default_dir_found_where_a_wheel_puts_it(tmp_path, monkeypatch):
    import sysconfig

    from transcompare.glossary import store

    installed = tmp_path / "prefix" / "share" / "transcompare" / "glossaries"
    installed.mkdir(parents=True)
    monkeypatch.setattr(store, "__file__", str(tmp_path / "site-packages" / "transcompare" / "glossary" / "store.py"))
    monkeypatch.setattr(sysconfig, "get_path", lambda name, *a, **k: str(tmp_path / "prefix"))
    assert store._default_dir() == installed


@pytest.mark.parametrize("text, kind", [("source,preferred\n明居正,Ming Chu-cheng\n", "CSV"),
                                        ('<?xml version="1.0"?>\n<martif type="TBX-Basic"/>\n', "TBX")])
def test_csv_or_tbx_given_as_glossary_says_import(tmp_path, text, kind):
    path = tmp_path / "g.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=f"looks like {kind}: `transcompare glossary import`"):
        load_glossaries([path], defaults=False)


def test_suggest_and_batch_read_glossary_side_files_with_a_cap(tmp_path, monkeypatch):
    """glossary suggest read a comparison JSON whole, and batch hashed each --glossary whole, once
    per case: /dev/zero was read for ever."""
    from transcompare.batch.runner import options_signature
    from transcompare.glossary.suggest import load_units
    from transcompare.ingest import reader
    from transcompare.pipeline import CompareOptions

    monkeypatch.setattr(reader, "MAX_BYTES", 8)
    big = tmp_path / "c.json"
    big.write_text('{"schema_version": "1"}' + " " * 100, encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"c\.json is over 0 MiB; that is not a comparison JSON"):
        load_units([str(big)])
    glossary = write(tmp_path / "g.tsv", row("甲", "A"))
    signature = options_signature(CompareOptions(glossaries=(str(glossary),), use_default_glossaries=False))
    assert "g.tsv:unreadable" in signature
