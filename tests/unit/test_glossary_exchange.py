"""Glossary import/export: CSV and TBX-Basic round trips are lossless; foreign TBX reads sensibly."""

from __future__ import annotations

import pytest
from lxml import etree

from transcompare.errors import GlossaryError
from transcompare.glossary import Entry, load_glossaries
from transcompare.glossary.exchange import dumps, export_file, format_for, import_file, loads
from transcompare.glossary.store import sort_entries

TRICKY = [
    Entry("明居正", "Ming Chu-cheng", accepted=("Ming Juzheng", "Prof. Ming"), type="person", note="NTU <politics> & law", ref="desk \"list\", 2024", status="proposed"),
    Entry("中共中央纪律检查委员会", "Central Commission for Discipline Inspection", variants=("中纪委", "中紀委"), accepted=("CCDI",), forbidden=("Discipline Committee", "CDIC"), type="organisation"),
    Entry("锦衣卫", "Jinyiwei", type="term", status="deprecated"),
    Entry("台北", "Taipei", type="place", note="comma, here; and 'quotes'"),
]


@pytest.mark.parametrize("fmt", ["tbx", "csv", "tsv"])
def test_round_trip_is_lossless(fmt):
    assert loads(dumps(TRICKY, fmt), fmt) == sort_entries(TRICKY)


def test_starter_glossaries_survive_a_tbx_round_trip(tmp_path):
    entries = sort_entries(load_glossaries([], defaults=True).entries)
    export_file(entries, tmp_path / "all.tbx")
    assert import_file(tmp_path / "all.tbx") == entries


def test_tbx_is_tbx_basic():
    root = etree.fromstring(dumps(TRICKY[:2], "tbx"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entry = root.find(".//termEntry")
    assert entry.find("descrip[@type='subjectField']").text == "organisation"
    langs = {ls.get("{http://www.w3.org/XML/1998/namespace}lang"): ls for ls in entry.findall("langSet")}
    assert set(langs) == {"zh", "en"}
    statuses = [(t.findtext("term"), t.findtext("termNote[@type='administrativeStatus']")) for t in langs["en"].findall("tig")]
    assert statuses == [
        ("Central Commission for Discipline Inspection", "preferredTerm-admn-sts"),
        ("CCDI", "admittedTerm-admn-sts"),
        ("Discipline Committee", "deprecatedTerm-admn-sts"),
        ("CDIC", "deprecatedTerm-admn-sts"),
    ]


def test_tbx_from_another_tool_without_statuses():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry><descrip type="definition">a palace</descrip>
  <langSet xml:lang="en-US"><tig><term>Zhongnanhai</term></tig><tig><term>Chung-nan-hai</term></tig></langSet>
  <langSet xml:lang="zh-CN"><tig><term>中南海</term></tig></langSet>
</termEntry>
<termEntry><langSet xml:lang="en-US"><tig><term>orphan</term></tig></langSet></termEntry>
</body></text></martif>""".encode()
    (entry,) = loads(data, "tbx")
    assert (entry.source, entry.preferred, entry.accepted, entry.type) == ("中南海", "Zhongnanhai", ("Chung-nan-hai",), "term")
    assert entry.note == "a palace"


def test_tbx_mixing_language_tags_keeps_every_entry():
    """Only the file's first zh and en tags were read: the zh-Hant, zh-TW and en-GB entries vanished."""
    def entry(*lang_sets):
        return "<termEntry>" + "".join(f'<langSet xml:lang="{lang}"><tig><term>{term}</term></tig></langSet>'
                                       for lang, term in lang_sets) + "</termEntry>"

    data = ('<martif type="TBX" xml:lang="en"><text><body>'
            + entry(("zh-Hans", "国务院"), ("en", "State Council"))
            + entry(("zh-Hant", "立法院"), ("en", "Legislative Yuan"))
            + entry(("zh-TW", "行政院"), ("en-GB", "Executive Yuan"))
            + entry(("zh-Hans", "卫福部"), ("zh-Hant", "衛福部"), ("EN", "Ministry of Health and Welfare"), ("de", "Gesundheitsministerium"))
            + "</body></text></martif>").encode()
    entries = {e.source: e for e in loads(data, "tbx")}
    assert sorted(entries) == ["卫福部", "国务院", "立法院", "行政院"]
    assert entries["行政院"].preferred == "Executive Yuan"
    assert (entries["卫福部"].variants, entries["卫福部"].preferred) == (("衛福部",), "Ministry of Health and Welfare")


def test_bad_inputs_name_the_file(tmp_path):
    with pytest.raises(GlossaryError, match=r"x.tbx:1: not well-formed XML"):
        loads(b"<martif", "tbx", "x.tbx")
    with pytest.raises(GlossaryError, match="needs a zh and an en langSet"):
        loads(b"<martif><text><body/></text></martif>", "tbx", "x.tbx")
    with pytest.raises(GlossaryError, match=r"x.csv:3: entry '乙' has no preferred"):
        loads("source,preferred\n甲,A\n乙,\n".encode(), "csv", "x.csv")
    with pytest.raises(GlossaryError, match="cannot tell the glossary format"):
        format_for(tmp_path / "g.xlsx")


def test_csv_opens_in_a_spreadsheet_shape():
    text = dumps(TRICKY, "csv").decode()
    assert text.splitlines()[0] == "source,variants,preferred,accepted,forbidden,type,note,ref,status"
    assert "中纪委|中紀委" in text
