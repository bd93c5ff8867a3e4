"""The HTML report: one self-contained file, exact spans, gaps, MT diffs, and nothing from the article runs."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from test_report_samples import XSS, planted_comparison, synthetic_comparison, xss_comparison
from transcompare.report import get_exporter
from transcompare.report.html import CSP, build_view, split_pieces, word_diff


def render(comparison) -> str:
    return get_exporter("html").render(comparison.to_dict()).decode("utf-8")


@pytest.fixture(scope="module")
def case001() -> str:
    return render(planted_comparison("001-cadre-loyalty", with_mt=True))


@pytest.fixture(scope="module")
def xss_html() -> str:
    return render(xss_comparison())


def test_self_contained_no_external_references(case001):
    soup = BeautifulSoup(case001, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp["content"] and csp["content"] == CSP
    assert not soup.find_all(["link", "img", "iframe", "object", "embed", "base", "form"])
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = tag.get(attr)
            assert value is None or str(value).startswith("#"), (tag.name, attr, value)
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == [None, None]


def test_findings_are_marked_at_their_exact_spans(case001):
    soup = BeautifulSoup(case001, "html.parser")
    marks = {(m.get_text(), m["data-k"]) for m in soup.select("mark[data-f]")}
    assert ("43万", "number") in marks
    assert ("340,000", "number") in marks
    assert ("March 14", "date") in marks
    assert ("林志恒", "entity") in marks
    number = soup.find("mark", string="43万")
    assert "430,000" in number["title"] and number["data-s"] == "high"
    # The sentence around the mark is intact: text before + mark + text after.
    sentence = number.find_parent("p")
    assert "截至2024年4月，已有多达43万名官员被立案审查" in sentence.get_text()


def test_header_counts_editions_and_signature(case001):
    soup = BeautifulSoup(case001, "html.parser")
    counts = soup.select_one("table.counts")
    column = [td.get_text() for td in counts.select('td[data-k="number"]')]
    assert column == ["1", "0", "0", "1"]  # high, medium, low, total
    assert counts.select_one("tr.total td:last-child").get_text() == "7"
    assert "edition.en" in soup.select_one("table.editions").get_text()
    assert "signature:" in soup.find("footer").get_text()
    assert len(soup.select("#finding-list li")) == 7


def test_gaps_for_both_directions():
    comparison = synthetic_comparison(100, with_mt=False)
    soup = BeautifulSoup(render(comparison), "html.parser")
    insertion = soup.select(".row.insertion")
    assert len(insertion) == 2, "each edition sentence with no source gets its own row"
    assert all(row.select_one(".side-original.gap") for row in insertion)
    assert "Sentence 33 is background the edition added." in insertion[0].get_text()
    omitted = [g.find_parent(class_="row") for g in soup.select(".side-edition.gap")]
    assert len(omitted) == 2
    assert "第17句：据称有17万人参加了会议。" in omitted[0].get_text()
    # the rows keep document order: the insertion comes after the original sentence before it
    ids = [r["id"] for r in soup.select(".row:not(.head)")]
    assert ids == sorted(ids)
    before = insertion[0].find_previous_sibling(class_="row")
    assert "第32句" in before.get_text()


def test_machine_translation_and_word_diff(case001):
    soup = BeautifulSoup(case001, "html.parser")
    comparison = planted_comparison("001-cadre-loyalty", with_mt=True)
    assert len(soup.select("p.mt")) == len(comparison.original.sentences)
    diffs = soup.select("p.diff")
    assert diffs and soup.select("p.diff del") and soup.select("p.diff ins")


@pytest.mark.parametrize(
    "machine, published, expected",
    [
        ("the cat sat", "the cat sat", [("eq", "", "the"), ("eq", " ", "cat"), ("eq", " ", "sat")]),
        ("he said 340,000 people", "he said 430,000 people", [("eq", "", "he"), ("eq", " ", "said"), ("del", " ", "340,000"), ("ins", " ", "430,000"), ("eq", " ", "people")]),
        ("Hello, world.", "Hello world.", [("eq", "", "Hello"), ("del", "", ","), ("eq", " ", "world"), ("eq", "", ".")]),
        ("", "New text", [("ins", "", "New"), ("ins", " ", "text")]),
        # a new first word is spaced from the struck MT words before it ("announcedHonghe's" read as one word)
        ("The mayor announced", "Honghe's chairman", [("del", "", "The"), ("del", " ", "mayor"), ("del", " ", "announced"), ("ins", " ", "Honghe's"), ("ins", " ", "chairman")]),
    ],
)
def test_word_diff(machine, published, expected):
    assert word_diff(machine, published) == expected


def test_split_pieces_overlapping_spans():
    from transcompare.report.html import FindingView

    def fv(n, kind, severity):
        return FindingView(n, f"e:f{n}", kind, "x", severity, 0.5, f"why {n}", "c.v1", "e", "", "", {})

    findings = [fv(0, "number", "low"), fv(1, "quote", "high")]
    # sentence "abcdefghij" at offset 100; finding 0 covers cdef, finding 1 covers efgh
    pieces = split_pieces(100, "abcdefghij", [(102, 106, 0), (104, 108, 1)], findings)
    assert [(p.text, p.findings, p.kind) for p in pieces] == [
        ("ab", (), ""), ("cd", (0,), "number"), ("ef", (1, 0), "quote"), ("gh", (1,), "quote"), ("ij", (), ""),
    ]
    assert "".join(p.text for p in pieces) == "abcdefghij"
    # spans outside the sentence or empty are ignored
    assert split_pieces(0, "abc", [(5, 9, 0), (1, 1, 1)], findings)[0].text == "abc"


def test_multiple_editions_one_column_each():
    comparison = planted_comparison("003-two-editions")
    html = render(comparison)
    soup = BeautifulSoup(html, "html.parser")
    head = soup.select_one(".row.head")
    assert len(head.select(".cell")) == 3
    for ec in comparison.editions:
        for i, _ in enumerate(ec.beads):
            assert len(soup.find_all(id=f"{ec.edition.id}:b{i:04d}")) == 1
        shown = [int(p["data-sid"]) for p in soup.select(f'.side-edition[lang] p.s') if p.find_parent(class_="cell")]
        assert shown
    rows = soup.select(".row:not(.head)")
    assert all(len(r.find_all("div", class_="cell", recursive=False)) == 3 for r in rows)
    original_sids = [int(p["data-sid"]) for p in soup.select(".side-original p.s")]
    assert original_sids == list(range(len(comparison.original.sentences)))
    # every edition sentence appears exactly once in its column
    for col, ec in enumerate(comparison.editions, start=1):
        sids = [int(p["data-sid"]) for r in rows for p in r.find_all("div", class_="cell", recursive=False)[col].select("p.s")]
        assert sids == list(range(len(ec.edition.sentences)))



def test_finding_excerpts_carry_their_language():
    """The findings list and the details showed a Traditional edition's text under the page's
    lang="en": a screen reader read it with an English voice, and the browser chose glyphs for it blind."""
    html = render(planted_comparison("002-trad-edition"))
    soup = BeautifulSoup(html, "html.parser")
    item = next(li for li in soup.select("#finding-list li") if len(li.select("q")) == 2)
    assert [q["lang"] for q in item.select("q")] == ["zh-Hans", "zh-Hant"]
    data = json.loads(soup.select_one("#findings-data").string)
    assert {(f["original_lang"], f["edition_lang"]) for f in data} == {("zh-Hans", "zh-Hant")}



def test_findings_list_links_to_the_text_without_scripts(case001):
    """The list's entries were buttons that only the script could follow; each is now a link to its row."""
    soup = BeautifulSoup(case001, "html.parser")
    entries = soup.select("#finding-list li")
    assert entries
    for li in entries:
        link = li.select_one("a.goto[href]")
        assert link is not None, li
        assert soup.find(id=link["href"][1:]) is not None, link["href"]



def test_severity_filters_are_the_legend_of_the_underlines(case001):
    soup = BeautifulSoup(case001, "html.parser")
    keys = {label["data-s"]: label.select_one(".sev-key") for label in soup.select("label.sev-filter")}
    assert set(keys) == {"high", "medium", "low"} and all(keys.values())



def test_counts_of_one_are_singular():
    """The header said "1 findings" (the terminal summary had been mended, the page had not)."""
    from dataclasses import replace

    comparison = planted_comparison("003-two-editions")
    ec = comparison.editions[0]
    soup = BeautifulSoup(render(replace(comparison, editions=(replace(ec, findings=ec.findings[:1]),))), "html.parser")
    counts = next(tr for tr in soup.select("table.editions tr") if tr.th.get_text() == "counts").get_text(" ")
    assert "1 finding" in counts and "1 findings" not in counts and "sentences" in counts
    assert soup.select_one("#shown").get_text() == "1 of 1 finding shown"


def test_article_text_is_escaped(xss_html):
    soup = BeautifulSoup(xss_html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 2 and scripts[0]["type"] == "application/json"
    assert not soup.find_all(["img", "svg", "textarea"])
    links = [a["href"] for a in soup.find_all("a")]  # the skip link and the findings list's, all inside the page
    assert links[0] == "#rows" and all(h.startswith("#") and soup.find(id=h[1:]) for h in links)
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    urls = [t.get(a) for t in soup.find_all(True) for a in ("href", "src", "action", "formaction", "xlink:href")]
    assert not any(u and "javascript:" in u for u in urls)
    text = soup.get_text()
    assert "正文" + XSS[1] in text
    assert "Headline " + XSS[0] in text
    # the embedded finding data cannot close its script element
    assert "</script" not in scripts[0].string.lower()
    data = json.loads(scripts[0].string)
    assert data[0]["explanation"] == "explanation " + XSS[0]
    assert data[0]["evidence"] == {"note": XSS[1]}


def test_escaped_in_raw_markup(xss_html):
    assert "<script>window" not in xss_html
    assert "<img" not in xss_html
    assert not re.search(r"<svg", xss_html)


def test_thousand_beads_render_every_bead_once():
    comparison = synthetic_comparison(1000)
    view = build_view(comparison.to_dict())
    ec = comparison.editions[0]
    assert sum(len(r.editions[0].bead_ids) for r in view["rows"]) == 1000
    assert sum(r.insertion for r in view["rows"]) == 20
    assert {f.row for f in view["findings"]} >= {""} - {""}
    assert all(f.row for f in view["findings"]), "every finding is reachable in the grid"
    html = render(comparison)
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("#finding-list li")) == len(ec.findings)
    assert len(json.loads(soup.find("script", id="findings-data").string)) == len(ec.findings)


def test_deterministic(case001):
    assert render(planted_comparison("001-cadre-loyalty", with_mt=True)) == case001


def test_no_findings_still_renders():
    from dataclasses import replace

    comparison = synthetic_comparison(10, with_mt=False)
    comparison = replace(comparison, editions=(replace(comparison.editions[0], findings=()),))
    soup = BeautifulSoup(render(comparison), "html.parser")
    assert "No findings." in soup.find("aside").get_text()
    assert not soup.select("mark")


def test_unknown_kind_and_severity_get_filters():
    from dataclasses import replace

    comparison = synthetic_comparison(20, with_mt=False)
    ec = comparison.editions[0]
    odd = replace(ec.findings[0], kind="tone", severity="info")
    soup = BeautifulSoup(render(replace(comparison, editions=(replace(ec, findings=(odd,)),))), "html.parser")
    assert soup.select_one("input[name='kind'][value='tone']").has_attr("checked")
    assert soup.select_one("input[name='severity'][value='info']").has_attr("checked")
    assert soup.select_one("tr.total td:last-child").get_text() == "1"


def test_bidi_controls_are_shown_not_obeyed():
    """An unclosed U+202E in an article reversed the rest of its block, explanations quoting it included."""
    from test_report_samples import bidi_comparison

    html = render(bidi_comparison())
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert not any(c in html for c in controls)
    assert 'quote &#34;[RLO]forty&#34; then plain tail words' in html
    assert "He said [RLO]forty people came." in html
    assert "unicode-bidi: isolate" in html
