"""The HTML report in a real browser: loads cleanly and offline, filters, keyboard navigation, XSS stays inert."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from test_report_samples import CORPORA, XSS, planted_comparison, synthetic_comparison, xss_comparison
from transcompare.report import get_exporter

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def html_of(comparison) -> bytes:
    return get_exporter("html").render(comparison.to_dict())


def marks_on(page, kind: str) -> int:
    return page.evaluate(f"document.querySelectorAll('mark[data-f]:not(.off)[data-k=\"{kind}\"]').length")


def active_finding(page):
    return page.evaluate("document.activeElement.getAttribute('data-f')")


@pytest.fixture(scope="module")
def case001_html() -> bytes:
    return html_of(planted_comparison("001-cadre-loyalty", with_mt=True))


def test_loads_offline_without_console_errors(open_report, case001_html):
    report = open_report(case001_html)
    assert report.errors == []
    assert report.requests == [report.url]
    assert report.page.title().endswith("transcompare")
    assert report.page.locator("#shown").inner_text() == "7 of 7 findings shown"


@pytest.mark.parametrize("case", sorted(p.name for p in CORPORA.iterdir() if (p / "case.json").is_file()))
def test_compare_cli_html_loads(open_report, run_cli, tmp_path, case):
    meta = json.loads((CORPORA / case / "case.json").read_text(encoding="utf-8"))
    out = tmp_path / "cli.html"
    args = [CORPORA / case / meta["original"]["path"], *(CORPORA / case / e["path"] for e in meta["editions"])]
    result = run_cli("compare", *args, "--html", out)
    assert result.exit_code == 0, result.stderr
    report = open_report(out.read_bytes())
    assert report.errors == [] and report.requests == [report.url]
    assert report.page.locator(".row.head .cell").count() == 1 + len(meta["editions"])
    data = json.loads(report.page.locator("#findings-data").text_content())
    assert report.page.locator("#finding-list li").count() == len(data)
    if data:  # every finding can be reached from the keyboard
        seen = set()
        for _ in range(len(data)):
            report.page.keyboard.press("j")
            seen.update(report.page.evaluate("document.activeElement.getAttribute('data-f')").split())
        assert seen == {str(n) for n in range(len(data))}


def test_long_unbroken_token_wraps_inside_its_column(open_report, run_cli, tmp_path):
    url = "https://example.com/news/" + "a" * 150
    original = tmp_path / "zh.txt"
    original.write_text(f"市长周三宣布新计划，详见{url}。\n警方说没有人受伤。\n", encoding="utf-8")
    edition = tmp_path / "en.txt"
    edition.write_text(f"The mayor announced a new plan on Wednesday, see {url}.\nPolice said nobody was hurt.\n", encoding="utf-8")
    out = tmp_path / "long.html"
    assert run_cli("compare", original, edition, "--html", out).exit_code == 0
    page = open_report(out.read_bytes()).page
    overflowing = page.evaluate("[...document.querySelectorAll('.row .cell')].filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert overflowing == 0  # else the URL runs over the next column's text


def test_kind_filter_hides_and_shows(open_report, case001_html):
    report = open_report(case001_html)
    page = report.page
    assert marks_on(page, "number") == 2
    assert page.locator("#finding-list li[data-k='number']").is_visible()
    page.locator("input[name='kind'][value='number']").uncheck()
    assert marks_on(page, "number") == 0
    assert page.locator("#finding-list li[data-k='number']").is_hidden()
    assert page.locator("#shown").inner_text() == "6 of 7 findings shown"
    assert marks_on(page, "date") == 2  # the others stay
    page.locator("input[name='kind'][value='number']").check()
    assert marks_on(page, "number") == 2
    assert page.locator("#finding-list li[data-k='number']").is_visible()


def test_severity_filter_and_rows_with_findings(open_report, case001_html):
    page = open_report(case001_html).page
    total_rows = page.locator(".row:not(.head)").count()
    page.locator("#only-findings").check()
    with_findings = page.locator(".row:not(.head):visible").count()
    assert 0 < with_findings < total_rows
    page.locator("input[name='severity'][value='high']").uncheck()
    assert page.locator("#finding-list li[data-s='high']:visible").count() == 0
    assert page.locator("#finding-list li[data-s='medium']:visible").count() == 3
    assert page.locator(".row:not(.head):visible").count() < with_findings
    page.locator("input[name='severity'][value='high']").check()
    page.locator("#only-findings").uncheck()
    assert page.locator(".row:not(.head):visible").count() == total_rows


def test_keyboard_moves_from_finding_to_finding(open_report, case001_html):
    page = open_report(case001_html).page
    page.keyboard.press("j")
    first = active_finding(page)
    assert first is not None
    assert page.locator("#detail").is_visible()
    seen = [first]
    for _ in range(6):
        page.keyboard.press("j")
        seen.append(active_finding(page))
    assert len(set(seen)) == 7, "seven findings, seven stops"
    page.keyboard.press("k")
    assert active_finding(page) == seen[-2]
    # filtered-out findings are skipped
    page.locator("input[name='kind'][value='number']").uncheck()
    page.keyboard.press("Escape")
    stops = set()
    for _ in range(8):
        page.keyboard.press("j")
        stops.add(page.evaluate("document.activeElement.getAttribute('data-k')"))
    assert "number" not in stops and len(stops) == 6


def test_sidebar_click_focuses_the_finding(open_report, case001_html):
    page = open_report(case001_html).page
    page.locator("#finding-list li[data-k='date'] .goto").click()
    assert page.evaluate("document.activeElement.textContent") in ("3月4日", "March 14")
    assert "date" in page.locator("#detail").inner_text()
    page.locator("#detail .d-close").click()
    assert page.locator("#detail").is_hidden()


def test_sidebar_follows_scrolling(open_report):
    page = open_report(html_of(synthetic_comparison(300, with_mt=False))).page
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("document.getElementById('r0200').scrollIntoView()")
    page.wait_for_function("() => document.querySelector('#finding-list li.in-view') !== null")  # a function, not a string: the page's CSP forbids eval
    n = page.evaluate("Number(document.querySelector('#finding-list li.in-view').getAttribute('data-n'))")
    row = page.evaluate(f"document.querySelector('[data-f~=\"{n}\"]').closest('.row').id")
    assert row >= "r0200"
    top = page.evaluate("document.getElementById('sidebar').scrollTop")
    assert top > 0


def test_xss_payloads_stay_inert(open_report):
    report = open_report(html_of(xss_comparison()))
    page = report.page
    page.mouse.move(300, 300)
    for selector in ("mark", ".chip", "#finding-list .goto"):
        page.locator(selector).first.hover()
        page.locator(selector).first.focus()
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate("window.__pwned") is None
    assert report.errors == []
    assert report.requests == [report.url]
    assert page.locator("img, svg, textarea, a[href^='javascript']").count() == 0
    body = page.locator("body").inner_text()
    for payload in (XSS[0], XSS[1], XSS[2]):
        assert payload in body
    detail = page.locator("#detail").inner_text()
    assert any(payload in detail for payload in XSS), "the finding details show the payload as text"


def test_thousand_beads_open_and_filter(open_report):
    comparison = synthetic_comparison(1000)
    report = open_report(html_of(comparison))
    page = report.page
    assert report.errors == []
    findings = len(comparison.findings)
    assert page.locator("#shown").inner_text() == f"{findings} of {findings} findings shown"
    quotes = marks_on(page, "quote")
    assert quotes > 0
    page.locator("input[name='kind'][value='quote']").uncheck()
    assert marks_on(page, "quote") == 0
    page.locator("#only-findings").check()
    hidden = page.evaluate("document.querySelectorAll('.row[hidden]').length")
    assert hidden > 500
    page.keyboard.press("k")  # from the top, backwards wraps to the last finding
    last_row = page.evaluate("document.activeElement.closest('.row').id")
    assert last_row > "r0900"
    page.locator("input[name='kind'][value='quote']").check()
    assert marks_on(page, "quote") == quotes


def test_print_layout(open_report, case001_html, tmp_path):
    page = open_report(case001_html).page
    page.emulate_media(media="print")
    assert page.locator("#toolbar").is_hidden()
    assert page.evaluate("getComputedStyle(document.getElementById('sidebar')).position") == "static"
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf[:4] == b"%PDF"


def test_screenshot_of_case_001(open_report, run_cli, tmp_path, monkeypatch):
    """Take the screenshot of corpora/001 as `compare --html` writes it (the README's picture).

    TRANSCOMPARE_UPDATE_SCREENSHOT=1 also copies it to docs/screenshot.png.
    """
    out = tmp_path / "001.html"
    monkeypatch.chdir(ROOT)
    case = Path("corpora") / "001-cadre-loyalty"
    result = run_cli("compare", case / "original.zh.txt", case / "edition.en.txt", "--html", out)
    assert result.exit_code == 0, result.stderr
    report = open_report(out.read_bytes(), width=1280, height=1000)
    page = report.page
    assert report.errors == []
    # the header, the first rows, and the first finding's details open
    page.evaluate("(document.querySelector('#rows [data-f]') || document.body).focus({preventScroll: true})")
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("TRANSCOMPARE_UPDATE_SCREENSHOT"):
        assert shot.stat().st_size < 300_000, "keep the README's picture under 300 KB"
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")


def test_findings_list_navigates_without_javascript(browser, tmp_path, case001_html):
    """Without scripts the text, the marks and the list were there, but the list led nowhere."""
    path = tmp_path / "report.html"
    path.write_bytes(case001_html)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        link = page.locator("#finding-list li[data-k='date'] .goto")
        row = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == row
        assert page.locator(f"[id='{row[1:]}'] mark[data-k='date']").count() >= 1
    finally:
        context.close()


def test_severity_filters_show_the_underline_of_their_marks(open_report, case001_html):
    """The underline told a mark's severity (solid, dashed, dotted), but nothing on the page said which was which."""
    page = open_report(case001_html).page
    style = """(s) => {
        var key = getComputedStyle(document.querySelector('.sev-filter[data-s="' + s + '"] .sev-key')).borderBottomStyle;
        var m = document.createElement('mark'); m.setAttribute('data-s', s); document.getElementById('rows').appendChild(m);
        var mark = getComputedStyle(m).borderBottomStyle; m.remove();
        return [key, mark];
    }"""
    assert [page.evaluate(style, s) for s in ("high", "medium", "low")] == [["solid"] * 2, ["dashed"] * 2, ["dotted"] * 2]


_LEFTS = """([sel, text]) => {
  // the left edge of each character of the first text node under a sel element that contains text
  let node = null;
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (!node && (node = walker.nextNode()) && !node.data.includes(text)) { node = null; }
    if (node) { break; }
  }
  const at = node.data.indexOf(text), range = document.createRange(), lefts = [];
  for (let i = at; i < at + text.length; i++) {
    range.setStart(node, i); range.setEnd(node, i + 1);
    lefts.push(range.getBoundingClientRect().left);
  }
  return lefts;
}"""


def _left_to_right(report, selector: str, text: str) -> bool:
    lefts = report.page.evaluate(_LEFTS, [selector, text])
    return lefts == sorted(lefts) and lefts[0] < lefts[-1]


def test_an_open_bidi_override_reverses_nothing_outside_its_excerpt(open_report):
    """An unclosed U+202E in an article reversed the rest of its block, the explanation quoting it included."""
    from test_report_samples import RLO, bidi_comparison

    report = open_report(html_of(bidi_comparison()))
    assert _left_to_right(report, "#finding-list li", "then plain tail words")
    assert _left_to_right(report, ".cell.side-edition", "forty people came")  # shown as [RLO], not obeyed
    # a control that reaches an excerpt anyway (the detail panel writes text from data) stays inside it
    report.page.evaluate("""(rlo) => {
      const q = document.querySelector('#finding-list q');
      q.textContent = 'inside ' + rlo + 'reversed';
      q.after(document.createTextNode(' after the excerpt'));
    }""", RLO)
    assert _left_to_right(report, "#finding-list .ex", "after the excerpt")
    assert not _left_to_right(report, "#finding-list q", "reversed")  # the browser does obey it inside
