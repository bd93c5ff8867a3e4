"""HTML page -> title, date and main article paragraphs.

trafilatura does the main-content extraction; a small BeautifulSoup pass is the fallback
for pages it rejects (very short articles). Ad markers and share prompts are dropped.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .encoding import INVISIBLE
from .reader import RawDocument

# A further-reading box inside the article: the label, a colon, and a headline or two.
_FURTHER = (r"(?:延伸阅读|延伸閱讀|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关报道|相關報道|相關報導|更多新闻|更多新聞|相关新闻|相關新聞"
            r"|相关文章|相關文章|阅读更多|閱讀更多|read more|related(?: articles?| stories| coverage)?|see also|also read"
            r"|further reading)")
# Headline-like: short, and no sentence end (。, or . ! ? followed by more text, or a closing period).
_HEADLINE = r"(?![^\n]*(?:。|[.!?！？]\s*\S|\.\s*$))[^\n]{1,200}?"

# Whole lines that are page furniture, not article text.
_NOISE = re.compile(
    r"^\s*(?:[【\[(（]?\s*(?:广告|廣告|advertisement|advertising|sponsored|赞助内容|贊助內容)\s*[】\])）]?"
    r"|(?:share|分享|分享到|分享至|转发|轉發|tweet|print|打印|列印)(?:\s*(?:on|to)?\s*\w*)?"
    # a further-reading box inside the article: the label, a colon, and a headline or two (no sentence end);
    # the label alone on its line goes with the lines after it (_drop_further_reading)
    rf"|{_FURTHER}\s*[:：]\s*{_HEADLINE})\s*$",
    re.I,
)
#: a further-reading label alone on its line (trafilatura splits <strong>延伸阅读：</strong><a>…</a>):
#: the headline lines after it go too
_FURTHER_LABEL = re.compile(rf"^\s*{_FURTHER}\s*[:：]?\s*$", re.I)
_HEADLINE_LINE = re.compile(rf"^\s*{_HEADLINE}\s*$")


_FURNITURE = ["script", "style", "nav", "header", "footer", "aside", "form", "button", "noscript", "iframe", "svg"]


def extract_html(html: str, source: str, encoding: str) -> RawDocument:
    soup = _strip_furniture(html)
    title, date, paragraphs = _with_trafilatura(str(soup))
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)  # the article's own headline beats <title>
    if not paragraphs:
        title2, paragraphs = _with_soup(soup)
        title = title or title2
    paragraphs = _drop_further_reading([p for p in (_squash(p) for p in paragraphs) if p])
    paragraphs = [p for p in paragraphs if not _NOISE.match(p)]
    if not paragraphs:
        raise InputError(f"{source}: no article text found in the HTML page")
    title = title and _squash(title)  # cleaned like the paragraphs, so the repeat below is found
    if title:
        # Pages repeat the headline (in <title> and <h1>); keep it once, first, as the headline.
        title = re.split(r"\s+[-|–—_]\s+", title.strip())[0] if title not in paragraphs else title.strip()
        paragraphs = [title] + [p for p in paragraphs if p != title]
    text = "\n\n".join(paragraphs) + "\n"
    return RawDocument(source=source, text=text, format="html", encoding=encoding, title=title, date=date or _meta_date(html))


def _drop_further_reading(paragraphs: list[str]) -> list[str]:
    """A label line (延伸阅读：, Related:) and the headline lines right after it (at most five)."""
    out, skip = [], 0
    for p in paragraphs:
        if _FURTHER_LABEL.match(p):
            skip = 5
            continue
        if skip and _HEADLINE_LINE.match(p) and len(p) <= 80:
            skip -= 1
            continue
        skip = 0
        out.append(p)
    return out


def _with_trafilatura(html: str) -> tuple[str | None, str | None, list[str]]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # trafilatura raises assorted errors on odd markup; fall back instead
        return None, None, []
    if doc is None:
        return None, None, []
    text = getattr(doc, "text", None) or ""
    return getattr(doc, "title", None), getattr(doc, "date", None), [p for p in text.split("\n") if p.strip()]


def _strip_furniture(html: str):
    """Remove navigation, scripts and widgets first: on short pages trafilatura keeps menu links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_FURNITURE):
        tag.decompose()
    for tag in soup.select('[class*="share"], [class*="related"], [class*="advert"], [id*="share"], [id*="related"], '
                           '[class*="read-more"], [class*="readmore"], [class*="recommend"], [id*="read-more"], [id*="recommend"]'):
        tag.decompose()
    return soup


def _with_soup(soup) -> tuple[str | None, list[str]]:
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    h1 = soup.find("h1")
    if h1:
        title = h1.get_text(" ", strip=True)
    body = soup.find("article") or soup.body or soup
    paragraphs = [p.get_text(" ", strip=True) for p in body.find_all(["p", "h2", "h3", "figcaption", "li"])]
    return title, paragraphs


def _meta_date(html: str) -> str | None:
    found = re.search(
        r'<meta[^>]+(?:article:published_time|pubdate|publishdate|date)["\'][^>]*content=["\'](\d{4}-\d{2}-\d{2})', html, re.I
    )
    return found.group(1) if found else None


def _squash(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.translate(INVISIBLE)).strip()  # &#8203; &shy; survive parsing
