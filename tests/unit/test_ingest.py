"""Reading articles: encodings, formats, URLs, stdin, and one-line errors for bad input."""

import http.server
import threading
from pathlib import Path

import pytest

from transcompare.errors import InputError
from transcompare.ingest import read_source
from transcompare.ingest.script import detect_script, normalize
from transcompare.pipeline import read_edition

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
ZH = CORPORA / "001-cadre-loyalty" / "original.zh.txt"
ZH_HANT = CORPORA / "002-trad-edition" / "edition.zh-hant.txt"
EN = CORPORA / "001-cadre-loyalty" / "edition.en.txt"


@pytest.mark.parametrize(
    "source, encoding",
    [(ZH, "gb18030"), (ZH_HANT, "big5"), (ZH, "utf-16"), (ZH, "utf-16-le"), (ZH, "utf-8-sig"), (ZH_HANT, "utf-16-be"),
     (EN, "utf-16-le"), (EN, "utf-16-be")],
)
def test_encodings_give_identical_sentences(tmp_path, source, encoding):
    text = source.read_text(encoding="utf-8")
    copy = tmp_path / f"copy.{encoding}.txt"
    copy.write_bytes(text.encode(encoding))
    reference = read_edition(str(source), "a")
    decoded = read_edition(str(copy), "a")
    assert decoded.sentence_texts() == reference.sentence_texts()
    assert [(s.start, s.end) for s in decoded.sentences] == [(s.start, s.end) for s in reference.sentences]


def test_big5_hkscs_hong_kong_characters(tmp_path):
    text = "佢哋今日喺立法會講咗好多嘢，話政府冇理由唔回應市民嘅訴求。\n" * 2
    path = tmp_path / "hk.txt"
    path.write_bytes(text.encode("big5hkscs"))  # not encodable in plain Big5
    assert read_source(str(path)).text == text


def test_encoding_override(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("据称有43万人。".encode("gb18030"))
    assert read_source(str(path), encoding="gb18030").text == "据称有43万人。"
    with pytest.raises(InputError, match="not valid utf-8"):
        read_source(str(path), encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_source(str(path), encoding="klingon")
    with pytest.raises(InputError, match="not valid punycode"):  # raises UnicodeError, not UnicodeDecodeError
        read_source(str(EN), encoding="punycode")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "latin-1"])
def test_forced_encoding_that_garbles_a_utf8_file_is_refused(tmp_path, encoding):
    """--encoding utf-16 on a UTF-8 article decoded without error into Han and Hangul soup, and
    latin-1 turned its Chinese into 'ä¸å'; both were then segmented and compared, exit 0."""
    path = tmp_path / "a.txt"
    path.write_bytes("据称有43万人。He said “no.”\n".encode("utf-8"))
    with pytest.raises(InputError, match=f"is UTF-8 text; read as {encoding}"):
        read_source(str(path), encoding=encoding)
    ascii_only = tmp_path / "b.txt"
    ascii_only.write_bytes(b"He said no.\n")  # reads the same in GB18030, Big5, latin-1: nothing to refuse
    for same in ("gb18030", "big5", "latin-1", "utf-8-sig"):
        assert read_source(str(ascii_only), encoding=same).text == "He said no.\n"


@pytest.mark.parametrize(
    "payload, message",
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
     (bytes(range(128, 256)) * 4, "not UTF-8"),
     (b"\x00\x01\x02garbage", "binary"),  # even length, reads as CJK in UTF-16: still not an article
     (b"\xff\xfe\xfd\x80\x81", "byte-order mark"), (b"\xef\xbb\xbf\xff\xfe", "byte-order mark"),  # BOM, then junk
     ("。。。，！？……——\n".encode("utf-8"), "no letters"), (b"!!! ... ???\n", "no letters")],
)
def test_bad_payloads(tmp_path, payload, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(InputError, match=message):
        read_source(str(path))


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))


def test_html_extraction():
    doc = read_source(str(CORPORA / "004-html-page" / "original.zh.html"))
    assert doc.format == "html" and doc.date and doc.date.startswith("2026-03-10")
    assert doc.text.startswith(doc.title)
    for noise in ("广告", "var ", "分享", "{"):
        assert all(not line.strip().startswith(noise) for line in doc.text.splitlines())
    en = read_source(str(CORPORA / "004-html-page" / "edition.en.html"))
    assert "Advertisement" not in en.text and "Related" not in en.text


def test_markdown(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Hello\ndate: 2026-01-02\n---\n# Hello\n\nSome **bold** and [a link](http://x).\n", encoding="utf-8")
    doc = read_source(str(path))
    assert doc.title == "Hello" and doc.date == "2026-01-02"
    assert "Some bold and a link." in doc.text and "**" not in doc.text


def test_url_from_local_server(tmp_path):
    page = (CORPORA / "004-html-page" / "original.zh.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/article.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(page)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        doc = read_source(f"{base}/article.html")
        assert doc.format == "html" and "672亿美元" in doc.text
        with pytest.raises(InputError, match="HTTP 404"):
            read_source(f"{base}/missing.html")
    finally:
        server.shutdown()


def test_normalised_view_keeps_offsets():
    text = "「我們的軟體」，ＡＢＣ１２３％"
    norm = normalize(text)
    assert len(norm.text) == len(text)
    assert norm.text == "“我们的软件”，ABC123%"
    assert detect_script(text) == "Hant" and detect_script(norm.text) == "Hans"


def test_invisible_characters_dropped(tmp_path):
    """Zero-width spaces, word joiners, stray BOMs and soft hyphens must not glue sentences or make blank ones."""
    path = tmp_path / "zw.txt"
    path.write_text("\ufeff\u200b他来了。\u200b她走了。\n\u200b\n第二段。\nShe left.\u200b Then\u2060 more.\n", encoding="utf-8")
    doc = read_source(str(path))
    assert doc.text == "他来了。她走了。\n\n第二段。\nShe left. Then more.\n"
    page = tmp_path / "zw.html"
    page.write_text("<html><body><article><h1>Zero&#8203;width</h1><p>A Wash&shy;ington trip.&#8203; Then more.</p>"
                    "<p>&#8203;</p><p>Second paragraph here.</p></article></body></html>", encoding="utf-8")
    ed = read_edition(str(page), "a")
    assert ed.sentence_texts() == ["Zerowidth", "A Washington trip.", "Then more.", "Second paragraph here."]


def test_markdown_keeps_blank_lines_and_parenthesised_links(tmp_path):
    """Block quotes, lists and headings stay paragraphs of their own; a link target may hold parentheses."""
    path = tmp_path / "a.md"
    path.write_text("He said the following:\n\n> \"No division,\" a spokesman said.\n\n## Background\n\n- one item\n\n"
                    "See [the page](https://en.wikipedia.org/wiki/Foo_(bar)) now.\n", encoding="utf-8")
    doc = read_source(str(path))
    assert doc.text == ("He said the following:\n\n\"No division,\" a spokesman said.\n\nBackground\n\none item\n\n"
                        "See the page now.\n")


@pytest.mark.parametrize("charset, text", [("gbk", "香港"), ("big5", "他說好。")])
def test_html_meta_charset_settles_an_ambiguous_page(tmp_path, charset, text):
    """Short pages decode in both GB18030 and Big5; the page's own <meta charset> decides."""
    page = tmp_path / "p.html"
    page.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'.encode(charset))
    assert text in read_source(str(page)).text


@pytest.mark.parametrize("box", [
    '<div class="read-more"><b>延伸閱讀：</b><a href="/a">市民排隊輪候接種三小時</a></div>',
    '<p><strong>延伸阅读：</strong><a href="/a">三成市民未打疫苗</a></p>',  # no class to go by: the label
    '<p>Read more: <a href="/a">Clinics run short of vaccine</a></p>',
    '<div class="recommend-box"><a href="/a">Clinics run short of vaccine</a></div>',
])
def test_further_reading_box_inside_the_article_is_not_article_text(tmp_path, box):
    """A 'further reading' link between two paragraphs of the article is page furniture: compared as
    text it is an omission (its headline has no counterpart) and its figures are dropped figures."""
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><article><h1>標題</h1><p>第一段說明情況，內容足夠長。</p>{box}"
                    "<p>第二段繼續報道。</p></article></body></html>", encoding="utf-8")
    text = read_source(str(page)).text
    assert text == "標題\n\n第一段說明情況，內容足夠長。\n\n第二段繼續報道。\n"


def test_a_paragraph_that_opens_with_related_words_stays():
    from transcompare.ingest.html import _NOISE

    assert not _NOISE.match("相關新聞：衞生署昨日公布，本港再多兩宗個案。")  # a sentence, not a headline link
    assert not _NOISE.match("Related: the ministry said it would appeal. It gave no date.")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_not_read_forever(monkeypatch):
    """`segment /dev/zero` (a device reports size 0) read until memory ran out."""
    import transcompare.ingest.reader as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 4096)
    with pytest.raises(InputError, match="is over"):
        read_source("/dev/zero")
