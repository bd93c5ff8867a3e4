"""Perturbation benchmark for the divergence checks: precision and recall per finding kind.

Documents come from the corpora (aligned with the default aligner) and from the mac-dev gold pairs
(gold beads, sentences one per line as with --presplit). Each perturbation changes one bead of one
document in a known way (a changed figure or date, a name rendered wrongly, a quote dropped,
altered or given to another speaker, a hedge removed or added, a sentence deleted or inserted, a
sentence replaced by an unrelated one), or rewrites it equivalently (unit and number formats,
weekday for date, Wade-Giles for pinyin, another quote style, a hedge kept). Every check runs on
a window of beads around the change, before and after; a new finding of the perturbation's kind
that points at the changed bead is a true positive, any other new finding of that kind a false
positive, and a change no finding points at a false negative. Finally every check runs over the
unperturbed mac-dev gold beads, and the share of beads flagged by the number, entity and quote
checks is reported (the wording check's share separately: it is a low-severity hint, not one of them).

    .venv/bin/python scripts/eval_checks.py [--mac-dev ../shared/data/mac-dev] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transcompare.checks.base import CHECKS, CheckContext, resolve_checks, short_name  # noqa: E402
from transcompare.model import Edition, Paragraph, Sentence  # noqa: E402

KINDS = ("omission", "addition", "number", "date", "entity", "quote", "attribution", "wording")
KIND_CHECK = {"omission": "omissions", "addition": "omissions", "number": "numbers", "date": "dates",
              "entity": "entities", "quote": "quotes", "attribution": "attribution", "wording": "wording"}
WINDOW = 10  # beads each side of the perturbed one
PER_KIND = 40  # at most this many perturbations (and as many equivalents) per kind and source


@dataclass
class Doc:
    """A window of an aligned document: sentences on both sides and beads over them."""

    name: str
    zh: list[str]
    ed: list[str]
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]]
    ed_lang: str = "en"
    pub: str | None = None
    zh_kinds: list[str] = field(default_factory=list)
    ed_kinds: list[str] = field(default_factory=list)
    planted: dict[str, list[str]] = field(default_factory=dict)  # corpora: kind -> edition text of a finding already there
    # respell_everywhere's text change: a finding that was there before and points at edition text
    # only (an added sentence naming the person) is keyed by that text, which the respelling
    # changes too; evaluate() respells the baseline's keys the same way before comparing
    respell: object = field(default=None, compare=False, repr=False)

    def copy(self) -> "Doc":
        return replace(self, zh=list(self.zh), ed=list(self.ed), beads=list(self.beads),
                       zh_kinds=list(self.zh_kinds), ed_kinds=list(self.ed_kinds))


@dataclass
class Case:
    source: str  # "corpora" | "mac-dev"
    kind: str
    positive: bool
    doc: Doc
    target: int  # bead index in doc
    what: str


# --- documents ---------------------------------------------------------------------------------


def _edition(eid: str, lang: str, sentences: list[str], kinds: list[str]) -> Edition:
    sep = "\n"
    text, out, pos = "", [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, 0, kinds[i] if i < len(kinds) else "body"))
        pos += len(s) + len(sep)
    text = sep.join(sentences)
    return Edition(eid, eid, lang, text, paragraphs=(Paragraph(0, 0, len(text)),), sentences=tuple(out))


def load_macdev(path: Path) -> list[Doc]:
    docs = []
    for d in sorted(p for p in path.iterdir() if (p / "gold.zh-en.align").is_file()):
        zh = (d / "zh.txt").read_text(encoding="utf-8").splitlines()
        en = (d / "en.txt").read_text(encoding="utf-8").splitlines()
        beads = []
        for line in (d / "gold.zh-en.align").read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            parse = lambda s: tuple(int(x) for x in re.findall(r"\d+", s))  # noqa: E731
            beads.append((parse(left), parse(right)))
        beads.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))
        beads = _ordered(beads)
        docs.append(Doc(f"mac-dev/{d.name}", zh, en, beads, "en", None, ["body"] * len(zh), ["body"] * len(en)))
    return docs


def _ordered(beads):
    """Gold files list beads in order; keep 1-0/0-1 beads where they fall between their neighbours."""
    def key(b):
        return (b[0][0] + 0.5 if b[0] else None, b[1][0] + 0.5 if b[1] else None)
    out, last = [], (-1.0, -1.0)
    for b in beads:
        k = key(b)
        last = (k[0] if k[0] is not None else last[0], k[1] if k[1] is not None else last[1])
        out.append((last, b))
    out.sort(key=lambda x: x[0])
    return [b for _, b in out]


def load_corpora(path: Path) -> list[Doc]:
    import json

    from transcompare.align import get_aligner
    from transcompare.pipeline import read_edition

    aligner = get_aligner()
    docs = []
    for case_dir in sorted(p for p in path.iterdir() if (p / "case.json").is_file()):
        case = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
        if not case["original"].get("lang", "zh").startswith("zh"):
            continue  # the perturbations are written for a Chinese original (014's is English)
        orig = read_edition(str(case_dir / case["original"]["path"]), "original", "zh")
        expected = case_dir / "expected.json"
        findings = json.loads(expected.read_text(encoding="utf-8"))["findings"] if expected.is_file() else []
        for ed_info in case["editions"]:
            lang = "zh" if ed_info["lang"].startswith("zh") else ed_info["lang"]
            ed = read_edition(str(case_dir / ed_info["path"]), "edition", lang)
            beads = [(b.src, b.tgt) for b in aligner.align(orig.sentence_texts(), ed.sentence_texts(), "zh", lang)]
            planted: dict[str, list[str]] = defaultdict(list)
            for f in findings:
                if f["edition"] == ed_info["path"] and f.get("en"):
                    planted[f["kind"]].append(f["en"])
            docs.append(Doc(f"{case_dir.name}/{ed_info['path']}", orig.sentence_texts(), ed.sentence_texts(), beads, lang,
                            case["published"], [s.kind for s in orig.sentences], [s.kind for s in ed.sentences], dict(planted)))
    return docs


def window(doc: Doc, center: int, radius: int = WINDOW) -> tuple[Doc, int]:
    """Beads [center - radius, center + radius] as a document of their own; returns the new center."""
    lo, hi = max(0, center - radius), min(len(doc.beads), center + radius + 1)
    beads = doc.beads[lo:hi]
    zs = sorted({i for b in beads for i in b[0]})
    es = sorted({j for b in beads for j in b[1]})
    zmap = {old: new for new, old in enumerate(zs)}
    emap = {old: new for new, old in enumerate(es)}
    new = Doc(doc.name, [doc.zh[i] for i in zs], [doc.ed[j] for j in es],
              [(tuple(zmap[i] for i in b[0]), tuple(emap[j] for j in b[1])) for b in beads],
              doc.ed_lang, doc.pub, [doc.zh_kinds[i] for i in zs], [doc.ed_kinds[j] for j in es], doc.planted)
    return new, center - lo


def context(doc: Doc) -> CheckContext:
    from transcompare.model import Bead

    original = _edition("original", "zh", doc.zh, doc.zh_kinds)
    edition = _edition("edition", doc.ed_lang, doc.ed, doc.ed_kinds)
    beads = tuple(Bead(b[0], b[1], 0.9) for b in doc.beads)
    return CheckContext(original, edition, beads, publication_date=doc.pub, options=dict(SHARED_OPTIONS))


SHARED_OPTIONS: dict = {}


# --- edits -------------------------------------------------------------------------------------


def delete_ed(doc: Doc, sid: int) -> Doc:
    new = doc.copy()
    del new.ed[sid]
    del new.ed_kinds[sid]
    new.beads = [(b[0], tuple(j - (j > sid) for j in b[1] if j != sid)) for b in doc.beads]
    return new


def insert_ed(doc: Doc, bead_index: int, text: str) -> tuple[Doc, int]:
    """Insert an edition sentence as a 0-1 bead after ``bead_index``; returns the new bead's index."""
    prev = [j for b in doc.beads[: bead_index + 1] for j in b[1]]
    at = max(prev) + 1 if prev else 0
    new = doc.copy()
    new.ed.insert(at, text)
    new.ed_kinds.insert(at, "body")
    new.beads = [(b[0], tuple(j + (j >= at) for j in b[1])) for b in doc.beads]
    new.beads.insert(bead_index + 1, ((), (at,)))
    return new, bead_index + 1


def set_ed(doc: Doc, sid: int, text: str) -> Doc:
    new = doc.copy()
    new.ed[sid] = text
    return new


def respell_everywhere(doc: Doc, phrase: str, respelt: str) -> Doc:
    """An equivalent respelling is made the way an editor would: every mention, the surname alone included."""
    new = doc.copy()
    surname, new_surname = phrase.split()[0], respelt.split()[0]
    lone_surname = re.compile(rf"\b{re.escape(surname)}\b(?! [A-Z])")

    def respell(text: str) -> str:
        text = text.replace(phrase, respelt)
        return lone_surname.sub(new_surname, text) if surname != new_surname else text

    for sid, text in enumerate(new.ed):
        new.ed[sid] = respell(text)
    new.respell = respell
    return new


def set_zh(doc: Doc, sid: int, text: str) -> Doc:
    new = doc.copy()
    new.zh[sid] = text
    return new


# --- perturbation builders -------------------------------------------------------------------


def _bead_pairs(doc: Doc, extract_zh, extract_ed):
    """(bead, zh sid, zh item, ed sid, ed item) for items both sides of a 1+-1+ bead agree on."""
    for bi, (src, tgt) in enumerate(doc.beads):
        if not src or not tgt:
            continue
        zitems = [(s, x) for s in src for x in extract_zh(doc.zh[s])]
        eitems = [(t, y) for t in tgt for y in extract_ed(doc.ed[t])]
        yield bi, zitems, eitems


def _zh_view(text: str) -> str:
    """The original as the checks read it (Traditional -> Simplified, same offsets)."""
    from transcompare.ingest.script import normalize

    return normalize(text, "zh").text


def _ed_view(doc: Doc, text: str) -> str:
    if doc.ed_lang == "zh":
        from transcompare.ingest.script import normalize

        return normalize(text, "zh").text
    return text


def number_cases(doc: Doc, rng: random.Random) -> list[tuple]:
    from transcompare.checks.numbers import quantities, same_value
    from transcompare.ingest.script import normalize

    out = []
    for bi, zitems, eitems in _bead_pairs(doc, lambda t: quantities(normalize(t, "zh").text, "zh"),
                                          lambda t: quantities(_ed_view(doc, t), doc.ed_lang)):
        for zs, zq in zitems:
            match = next(((es, eq) for es, eq in eitems if same_value(zq, eq)), None)
            if match is None:
                continue
            es, eq = match
            text = doc.ed[es]
            tok = re.search(r"[0-9０-９]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?|[a-z]+", eq.text[len(eq.qualifier_text):] if eq.qualifier_text and eq.text.lower().startswith(eq.qualifier_text) else eq.text, re.I)
            if tok is None:
                continue
            offset = eq.start + (len(eq.qualifier_text) if eq.qualifier_text and eq.text.lower().startswith(eq.qualifier_text) else 0)
            a, b = offset + tok.start(), offset + tok.end()
            changed = _change_number(tok.group(0), rng)
            if changed:
                out.append(("number", True, bi, set_ed(doc, es, text[:a] + changed + text[b:]), f"{tok.group(0)} -> {changed}"))
            equivalent = _equivalent_number(eq, doc.ed_lang)
            if equivalent:
                out.append(("number", False, bi, set_ed(doc, es, text[:eq.start] + equivalent + text[eq.end:]), f"{eq.text} -> {equivalent}"))
            if zq.qualifier in ("lower", "upper") and eq.qualifier == zq.qualifier and eq.text.lower().startswith(eq.qualifier_text):
                stripped = text[:eq.start] + eq.text[len(eq.qualifier_text):].lstrip() + text[eq.end:]
                out.append(("number", True, bi, set_ed(doc, es, stripped), f"qualifier {eq.qualifier_text!r} dropped"))
    return out


_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _change_number(token: str, rng: random.Random) -> str | None:
    low = token.lower()
    if low in _WORDS:
        return rng.choice([w for w in _WORDS if w != low])
    digits = [i for i, ch in enumerate(token) if ch.isdigit()]
    if not digits:
        return None
    chars = list(token)
    pairs = [(i, j) for i, j in zip(digits, digits[1:]) if chars[i] != chars[j]]
    if pairs and rng.random() < 0.6:  # transposition: 43 -> 34
        i, j = rng.choice(pairs)
        chars[i], chars[j] = chars[j], chars[i]
    else:
        i = digits[0]
        chars[i] = str((int(chars[i]) + rng.randint(1, 8)) % 10 or 1)
    out = "".join(chars)
    return out if out != token else None


def _equivalent_number(q, lang: str) -> str | None:
    """Another way of writing the same figure."""
    if lang == "zh":
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in q.text) if any(c.isdigit() for c in q.text) else None
    body = q.text[len(q.qualifier_text):].strip() if q.qualifier_text and q.text.lower().startswith(q.qualifier_text) else q.text
    lead = q.text[: len(q.text) - len(body)]
    if q.kind == "percent" and q.unit == "pp":
        return None  # percentage points are not percent: "0.6 percentage points" is not "0.6%"
    if q.kind == "percent":
        m = re.match(r"([0-9.]+)\s*(?:percent|per cent|%)", body)
        return lead + (m.group(1) + "%" if "percent" in body or "per cent" in body else m.group(1) + " percent") if m else None
    if q.kind == "count" and q.value >= 1000 and re.fullmatch(r"[0-9,]+", body) and q.value % 1000 == 0:
        v = q.value
        return lead + (f"{v / 1e6:g} million" if v >= 1e6 and v % 1e5 == 0 else f"{v / 1e3:g} thousand")
    m = re.fullmatch(r"([0-9.]+) (million|billion)(.*)", body)
    if m and q.kind in ("count", "money"):
        scale = 1e6 if m.group(2) == "million" else 1e9
        value = float(m.group(1)) * scale
        return lead + f"{value:,.0f}{m.group(3)}"
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    m = re.fullmatch(r"([0-9]+)(?![0-9.,])(.*)", body)
    if m and int(m.group(1)) in words:
        return lead + words[int(m.group(1))] + m.group(2)
    inverse = {v: k for k, v in words.items()}
    m = re.fullmatch(r"([a-z]+)(.*)", body, re.I)
    if m and m.group(1).lower() in inverse:
        return lead + str(inverse[m.group(1).lower()]) + m.group(2)
    return None


def date_cases(doc: Doc, rng: random.Random) -> list[tuple]:
    import datetime as dt

    from transcompare.checks._dateparse import extract_dates, parse_iso, resolve, same_date
    from transcompare.ingest.script import normalize

    pub = parse_iso(doc.pub)
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    out = []
    for bi, zitems, eitems in _bead_pairs(doc, lambda t: extract_dates(normalize(t, "zh").text, "zh"),
                                          lambda t: extract_dates(_ed_view(doc, t), doc.ed_lang)):
        for zs, zm in zitems:
            zr = resolve(zm, pub)
            match = next(((es, em) for es, em in eitems if same_date(zr, resolve(em, pub))), None)
            if match is None or zm.granularity != "day" or zr.day is None:
                continue
            es, em = match
            # Another edition mention in the bead giving the same date (a byline and a dateline)
            # still renders the original's date: changing one copy is no divergence of it.
            if sum(same_date(zr, resolve(m, pub)) for _, m in eitems) > 1:
                continue
            text = doc.ed[es]
            # The day itself: a standalone one- or two-digit number equal to the mention's day,
            # never the last digits of its year ("October 16, 2026" has day 16, not 26).
            day = next((m for m in re.finditer(r"(?<![0-9０-９])[0-9０-９]{1,2}(?![0-9０-９])", em.text)
                        if int(normalize(m.group(0)).text) == em.day), None) if em.day is not None else None
            if day:
                d = int(normalize(day.group(0)).text)
                nd = d + 10 if d <= 18 else d - 10
                a, b = em.start + day.start(), em.start + day.end()
                out.append(("date", True, bi, set_ed(doc, es, text[:a] + str(nd) + text[b:]), f"day {d} -> {nd}"))
            elif em.weekday is not None:
                other = names[(em.weekday + rng.randint(1, 6)) % 7]
                w = re.search(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", em.text)
                if w:
                    a, b = em.start + w.start(), em.start + w.end()
                    out.append(("date", True, bi, set_ed(doc, es, text[:a] + other + text[b:]), f"weekday -> {other}"))
            # equivalents
            if doc.ed_lang == "zh":
                if em.text.endswith("日"):
                    out.append(("date", False, bi, set_ed(doc, es, text[:em.end - 1] + "号" + text[em.end:]), "日 -> 号"))
                continue
            when = zr.as_date()
            if pub and when and 0 < (pub - when).days < 7 and em.weekday is None:
                out.append(("date", False, bi, set_ed(doc, es, text[:em.start] + names[when.weekday()] + text[em.end:]), f"{em.text} -> weekday"))
            elif em.month and em.day:
                month = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."][em.month - 1]
                alt = f"{em.day} {month}" if not em.text[0].isdigit() else f"{month} {em.day}"
                out.append(("date", False, bi, set_ed(doc, es, text[:em.start] + alt + text[em.end:]), f"{em.text} -> {alt}"))
    del dt
    if doc.ed_lang == "en" and not out:
        out += _injected_dates(doc, rng)
    return out


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_MONTHS_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _injected_dates(doc: Doc, rng: random.Random) -> list[tuple]:
    """Texts without dates (novels): put the same date at the head of both sides of a 1-1 bead,
    then change its day (a divergence) or write it another way (an equivalent)."""
    ones = [bi for bi, (s, t) in enumerate(doc.beads) if len(s) == 1 and len(t) == 1 and doc.zh_kinds[s[0]] == "body"]
    out = []
    for bi in rng.sample(ones, min(2, len(ones))):
        (zs,), (es,) = doc.beads[bi]
        month, day = rng.randint(1, 12), rng.randint(1, 18)
        with_date = set_zh(doc, zs, f"{month}月{day}日，" + doc.zh[zs])
        tail = doc.ed[es][:1].lower() + doc.ed[es][1:] if not doc.ed[es].startswith("I ") else doc.ed[es]
        base = f"On {_MONTHS_EN[month - 1]} {day}, "
        out.append(("date", True, bi, set_ed(with_date, es, f"On {_MONTHS_EN[month - 1]} {day + 10}, " + tail), "injected date, day changed"))
        out.append(("date", False, bi, set_ed(with_date, es, f"On {day} {_MONTHS_ABBR[month - 1]}, " + tail), "injected date, other format"))
        out.append(("date", False, bi, set_ed(with_date, es, base + tail), "injected date, same"))
    return out


_OTHER_NAMES = ["Wang Jianguo", "Liu Meiling", "Zhao Hongwei", "Huang Xiaoming", "Sun Lili", "Zhou Tao", "Xu Ming"]


def entity_cases(doc: Doc, rng: random.Random) -> list[tuple]:
    if doc.ed_lang != "en":
        return []
    from transcompare.names import match_person, name_tokens
    from transcompare.names.romanize import romanise

    out = []
    for bi, (src, tgt) in enumerate(doc.beads):
        if not src or not tgt:
            continue
        zh = "".join(doc.zh[s] for s in src)
        for es in tgt:
            text = doc.ed[es]
            for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?\b", text):
                phrase = m.group(0)
                if len(name_tokens(phrase)) != 2:
                    continue  # 'Henan Vice (Governor)': a title word is no part of a name
                # A place or an institution whose name reads like a person's ('University of Hong
                # Kong', 'Hong Ning Hospital' for 康寧醫院) is no person: putting a person's name
                # there is no name swap the person-name checks are meant to see.
                after = re.match(r"\s+([A-Z][a-z]+)", text[m.end():])
                if phrase.split()[1] in _PLACE_WORDS or (after and after.group(1) in _INSTITUTION_WORDS):
                    continue
                found = None
                for size in (3, 2):
                    for k in range(len(zh) - size + 1):
                        cand = zh[k:k + size]
                        hit = match_person(cand, phrase, fuzzy=False)
                        if hit and hit.how == "full":
                            found = cand
                            break
                    if found:
                        break
                if not found:
                    continue
                wrong = rng.choice([n for n in _OTHER_NAMES if n != phrase])
                out.append(("entity", True, bi, set_ed(doc, es, text[:m.start()] + wrong + text[m.end():]), f"{phrase} -> {wrong}"))
                wade = romanise(found, "wade-giles")
                if wade and wade != phrase:
                    out.append(("entity", False, bi, respell_everywhere(doc, phrase, wade), f"{phrase} -> {wade}"))
                break
    return out


_QUOTE_EN = re.compile(r"“([^”]{8,})”|\"([^\"]{8,})\"")
_QUOTE_ZH = re.compile(r"[“「]([^”」]{4,})[”」]")


def _person_like(name: str) -> bool:
    """'Wang Jianguo', 'Professor Ye' yes; 'Henan Province', 'But Wang', 'Discipline Inspection' no:
    a Chinese surname comes first (after a title)."""
    from transcompare.names.surnames import surname_table

    surnames = {w.lower().replace("-", "") for reading, spellings in surname_table().values() for w in (reading, *spellings)}
    bare = re.sub(r"^(?:Professor|Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.|Governor|Minister|President|General|Director)\s+", "", name)
    words = bare.split()
    first = words[0].lower().replace("-", "")
    if len(words) > 1 and words[1] in _PLACE_WORDS:  # 'Hong Kong': a surname reading that starts a place
        return False
    return first in surnames and first not in ("on", "an", "he", "so", "do", "to", "in", "at", "as", "no", "go", "long", "young", "man")


_PLACE_WORDS = frozenset("Kong Province City County District University".split())
_INSTITUTION_WORDS = _PLACE_WORDS | frozenset("Hospital School College Institute Bank Group Company Court Street Road Park".split())


def _names_in(zh: str, name: str) -> bool:
    """Does ``name`` (a speaker in the edition, titles dropped) render a person written in ``zh``:
    a full name of 2-3 characters, or its surname for a name of one word? (Not any one character
    that reads like a surname: 證 reads 'cheng' too; nor characters that begin with a word that
    names no one: 证明 'prove' is not a Mr. Cheng Ming.)"""
    from transcompare.names import match_person
    from transcompare.names.cedict import glosses, person_sense

    def word(w: str) -> bool:
        return bool(glosses(w)) and not person_sense(w)

    bare = re.sub(r"^(?:Professor|Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.)\s+", "", name)
    for size in (3, 2):
        for k in range(len(zh) - size + 1):
            if word(zh[k:k + 2]) or word(zh[k:k + size]):
                continue
            hit = match_person(zh[k:k + size], bare, fuzzy=False)
            if hit and hit.score >= 0.6:
                return True
    return False


def quote_cases(doc: Doc, rng: random.Random) -> list[tuple]:
    out = []
    people = sorted({m.group(0) for t in doc.ed for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", t)})
    for bi, (src, tgt) in enumerate(doc.beads):
        if not src or not tgt or not any(_QUOTE_ZH.search(doc.zh[s]) for s in src):
            continue
        for es in tgt:
            text = doc.ed[es]
            m = _QUOTE_EN.search(text) if doc.ed_lang == "en" else _QUOTE_ZH.search(text)
            if not m:
                continue
            inner = m.group(1) or (m.group(2) if m.lastindex and m.lastindex >= 2 else "")
            # A quote the answer key already marks as changed is flagged before and after: dropping or
            # altering it again can only count as a miss (findings are keyed by the original's words).
            planted = any(p in text for p in doc.planted.get("quote", ()))
            # dropped: the quotation goes, the rest stays
            rest = (text[:m.start()] + text[m.end():]).strip(" ,:")
            if not planted:
                out.append(("quote", True, bi, set_ed(doc, es, rest or "He said so."), "quote dropped"))
            # altered: negate or cut half of it
            if doc.ed_lang == "en":
                words = inner.split()
                altered = " ".join(words[: max(2, len(words) // 2)]) + " nothing at all"
                if not planted:
                    out.append(("quote", True, bi, set_ed(doc, es, text[:m.start()] + "“" + altered + "”" + text[m.end():]), "quote altered"))
                # speaker moved
                sp = re.search(r"\b(said|says|asked|told)\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)|\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(said|says|asked)\b", text)
                if sp and people:
                    who = sp.group(2) or sp.group(3)
                    pool = [p for p in people if who not in p] or _OTHER_NAMES
                    other = rng.choice(pool)
                    a, b = (sp.start(2), sp.end(2)) if sp.group(2) else (sp.start(3), sp.end(3))
                    # The new speaker is a person (the title-case pool also holds "Henan Province",
                    # "Discipline Inspection"), the old one is replaced whole ("said Dr. Tsai
                    # Shen-chih"), and "told X" names the listener, not the speaker. The draw above
                    # stays as it was: later builders share the random stream.
                    titled = re.match(r"\.\s+[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*", text[b:]) if who in ("Dr", "Mr", "Mrs", "Ms", "Prof") else None
                    if titled:
                        b += titled.end()
                        who = text[a:b]
                    # Nor is the new speaker a piece of the old one's name ("Dr. Tsai Shen-chih" -> "Tsai Shen").
                    if not _person_like(other) or set(other.split()) & set(who.split()):
                        named = [p for p in pool if _person_like(p) and not set(p.split()) & set(who.split())] or [
                            n for n in _OTHER_NAMES if not set(n.split()) & set(who.split())]
                        other = named[pool.index(other) % len(named)]
                    # A speaker already wrong (a planted quote finding of the corpora sits in this
                    # sentence and the speaker renders no one the original's sentence names) is
                    # flagged before and after: the eval keys findings by the original's words, so
                    # moving the quote to yet another speaker would count as a miss, and moving it
                    # to the original's speaker puts it right. (The planted finding's text is the
                    # quote's, not the speaker's: testing the speaker's name against it missed.)
                    zh = _zh_view("".join(doc.zh[s] for s in src))
                    already_wrong = any(p in text for p in doc.planted.get("quote", ())) and not _names_in(zh, who)
                    # The new speaker is not the original's speaker (or anyone its sentence names)
                    # under another spelling (鄭家朗: "Cheng Ka-long" -> "Zheng Jialang"): that is
                    # the same person, no divergence.
                    same_person = _names_in(zh, other)
                    # And the quote is the speaker's words: the reporting clause is next to it
                    # ('“…,” X said', 'said X: “…”'), not a clause the quote merely sits in ("X
                    # says that since the “709 crackdown” of 2015, …": a name in quotes, nobody's words).
                    between = text[m.end():sp.start()] if sp.start() >= m.end() else text[sp.end():m.start()] if sp.end() <= m.start() else "x"
                    next_to = not re.sub(r"[\s,:;，：—-]", "", between)
                    if sp.group(1) != "told" and not already_wrong and not same_person and next_to:
                        out.append(("quote", True, bi, set_ed(doc, es, text[:a] + other + text[b:]), f"speaker {who} -> {other}"))
                # equivalent: other quote marks
                swapped = text[:m.start()] + '"' + inner + '"' + text[m.end():] if m.group(1) else text[:m.start()] + "“" + inner + "”" + text[m.end():]
                out.append(("quote", False, bi, set_ed(doc, es, swapped), "quote marks swapped"))
            else:
                if not planted:  # a quote the key already marks as changed is flagged before and after
                    out.append(("quote", True, bi, set_ed(doc, es, text[:m.start()] + "「" + inner[: len(inner) // 2] + "」" + text[m.end():]), "quote cut"))
                out.append(("quote", False, bi, set_ed(doc, es, text[:m.start()] + "“" + inner + "”" + text[m.end():]), "quote marks swapped"))
            break
    return out


_ZH_HEDGE_PREFIX = ["据报道，", "据称，", "据说，"]
_EN_HEDGE_PREFIX = ["Reportedly, ", "It is said that ", "Allegedly, "]


def attribution_cases(doc: Doc, rng: random.Random) -> list[tuple]:
    """Hedges removed, added, or kept (injected on both sides) on ordinary 1-1 beads."""
    from transcompare.checks.attribution import hedges

    out = []
    ones = [bi for bi, (s, t) in enumerate(doc.beads) if len(s) == 1 and len(t) == 1
            and doc.zh_kinds[s[0]] == "body" and not hedges(_zh_view(doc.zh[s[0]]), "zh")
            and not hedges(_ed_view(doc, doc.ed[t[0]]), doc.ed_lang)]
    rng.shuffle(ones)
    for bi in ones[:6]:
        (zs,), (es,) = doc.beads[bi]
        zh_hedge = rng.choice(_ZH_HEDGE_PREFIX)
        ed_text = doc.ed[es]
        if doc.ed_lang == "en":
            ed_hedged = rng.choice(_EN_HEDGE_PREFIX) + ed_text[:1].lower() + ed_text[1:] if ed_text[:2] != "I " else "Reportedly, " + ed_text
        else:
            ed_hedged = rng.choice(["據報導，", "據稱，", "据报道，"]) + ed_text
        out.append(("attribution", True, bi, set_zh(doc, zs, zh_hedge + doc.zh[zs]), f"hedge {zh_hedge} not rendered"))
        out.append(("attribution", True, bi, set_ed(doc, es, ed_hedged), "hedge added in edition"))
        both = set_ed(set_zh(doc, zs, zh_hedge + doc.zh[zs]), es, ed_hedged)
        out.append(("attribution", False, bi, both, "hedge kept"))
    # natural hedges: remove the edition's counterpart
    for bi, (src, tgt) in enumerate(doc.beads):
        if not src or not tgt:
            continue
        if not any(hedges(_zh_view(doc.zh[s]), "zh") for s in src):
            continue
        for es in tgt:
            hs = hedges(_ed_view(doc, doc.ed[es]), doc.ed_lang)
            if hs:
                h = hs[0]
                text = doc.ed[es]
                cut = (text[:h.start] + text[h.end:]).replace("  ", " ").lstrip("，, ")
                out.append(("attribution", True, bi, set_ed(doc, es, cut), f"hedge {h.text!r} removed"))
                break
    return out


def omission_cases(doc: Doc, rng: random.Random, donors: list[str]) -> list[tuple]:
    out = []
    ones = [bi for bi, (s, t) in enumerate(doc.beads) if len(s) == 1 and len(t) == 1 and doc.zh_kinds[s[0]] == "body"]
    rng.shuffle(ones)
    for bi in ones[:4]:
        (es,) = doc.beads[bi][1]
        out.append(("omission", True, bi, delete_ed(doc, es), "edition sentence deleted"))
        new, at = insert_ed(doc, bi, rng.choice(donors))
        out.append(("addition", True, at, new, "unrelated sentence inserted"))
    return out


def wording_cases(doc: Doc, rng: random.Random, donors: list[str]) -> list[tuple]:
    out = []
    ones = [bi for bi, (s, t) in enumerate(doc.beads) if len(s) == 1 and len(t) == 1 and doc.zh_kinds[s[0]] == "body"]
    rng.shuffle(ones)
    for bi in ones[:4]:
        (es,) = doc.beads[bi][1]
        out.append(("wording", True, bi, set_ed(doc, es, rng.choice(donors)), "sentence replaced by an unrelated one"))
        out.append(("wording", False, bi, doc, "unchanged"))
    return out


# --- running -------------------------------------------------------------------------------


CONTEXT = 8


def _key(f, doc: Doc) -> tuple:
    """A finding's identity independent of offsets: kind, subtype and the original text it points
    at (the edition text when it points at none), so a finding that was there before the
    perturbation is not counted again because its edition words changed. Original spans carry
    the rest of their line up to CONTEXT characters: a 据称 injected into one sentence is not the
    据称 another sentence already had (perturbations of the original only prepend to a line)."""
    o = _edition("original", "zh", doc.zh, doc.zh_kinds).text
    e = _edition("edition", doc.ed_lang, doc.ed, doc.ed_kinds).text
    if f.original_spans:
        return (f.kind, f.subtype, tuple(o[s.start:s.end] + "|" + o[s.end:s.end + CONTEXT].split("\n")[0]
                                         for s in f.original_spans))
    return (f.kind, f.subtype, (), tuple(e[s.start:s.end] for s in f.edition_spans))


def run_all(checks, doc: Doc):
    from transcompare.checks.base import run_checks

    return run_checks(checks, context(doc))


def at_target(f, doc: Doc, target: int) -> bool:
    """Does a finding point at the perturbed bead (either side, by sentence span or bead index)?"""
    if f.bead == target:
        return True
    src, tgt = doc.beads[target]
    o = _edition("original", "zh", doc.zh, doc.zh_kinds)
    e = _edition("edition", doc.ed_lang, doc.ed, doc.ed_kinds)
    for s in f.original_spans:
        if any(o.sentences[i].start < s.end and s.start < o.sentences[i].end for i in src):
            return True
    for s in f.edition_spans:
        if any(e.sentences[j].start < s.end and s.start < e.sentences[j].end for j in tgt):
            return True
    return False


def build_cases(docs: list[Doc], source: str, rng: random.Random, donors: list[str], per_kind: int = PER_KIND) -> list[Case]:
    raw: dict[tuple[str, bool], list[Case]] = defaultdict(list)
    for doc in docs:
        builders = [number_cases, date_cases, entity_cases, quote_cases, attribution_cases]
        for center in range(0, len(doc.beads), 2 * WINDOW + 1):
            win, _ = window(doc, center + WINDOW, WINDOW)
            made = []
            for build in builders:
                made += build(win, rng)
            made += omission_cases(win, rng, donors)
            made += wording_cases(win, rng, donors)
            for kind, positive, target, new_doc, what in made:
                raw[(kind, positive)].append(Case(source, kind, positive, _with_base(new_doc, win), target, what))
    cases = []
    for (kind, positive), items in sorted(raw.items()):
        rng.shuffle(items)
        cases += items[:per_kind]
    return cases


_BASES: dict[int, Doc] = {}


def _with_base(new_doc: Doc, base: Doc) -> Doc:
    _BASES[id(new_doc)] = base
    return new_doc


def _bead_text(case: Case, limit: int = 160) -> str:
    """The changed bead's edition side, for reading a miss (a bead may be out of range after a deletion)."""
    beads = case.doc.beads
    if not 0 <= case.target < len(beads):
        return ""
    text = " ".join(case.doc.ed[j] for j in beads[case.target][1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evaluate(cases: list[Case], checks) -> dict:
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    baseline_cache: dict[int, set] = {}
    misses: list[str] = []
    for n, case in enumerate(cases, 1):
        if n % 100 == 0:
            print(f"  {n}/{len(cases)} perturbations", file=sys.stderr, flush=True)
        base = _BASES[id(case.doc)]
        if id(base) not in baseline_cache:
            baseline_cache[id(base)] = {_key(f, base) for f in run_all(checks, base)}
        before = baseline_cache[id(base)]
        respell = case.doc.respell
        if respell:
            before = before | {k[:3] + (tuple(respell(t) for t in k[3]),) for k in before if len(k) == 4}
        found = [f for f in run_all(checks, case.doc) if _key(f, case.doc) not in before]
        counts = tally[(case.source, case.kind)]
        mine = [f for f in found if f.kind == case.kind]
        hits = [f for f in mine if at_target(f, case.doc, case.target)]
        if case.positive:
            counts["positives"] += 1
            if hits:
                counts["tp"] += 1
            else:
                counts["fn"] += 1
                misses.append(f"FN {case.kind} {case.doc.name}: {case.what}: {_bead_text(case)}")
            counts["fp"] += len(mine) - len(hits)
            misses += [f"FP {case.kind} {case.doc.name} (besides the change: {case.what}): {f.explanation}"
                       for f in mine if f not in hits]
        else:
            counts["equivalents"] += 1
            counts["fp"] += len(mine)
            if mine:
                misses.append(f"FP {case.kind} {case.doc.name}: {case.what}: {mine[0].explanation}")
        # findings of other kinds away from the perturbed bead are false alarms of those kinds
        for f in found:
            if f.kind != case.kind and not at_target(f, case.doc, case.target):
                tally[(case.source, f.kind)]["fp"] += 1
                misses.append(f"FP {f.kind} {case.doc.name} (under a {case.kind} perturbation: {case.what}): "
                              f"{f.explanation}")
    return {"tally": tally, "misses": misses}


def flagged_share(docs: list[Doc], checks) -> dict[str, float]:
    """Share of gold beads with at least one number / entity / quote finding (unperturbed), and
    separately with a wording finding."""
    counts: Counter = Counter()
    total = 0
    for doc in docs:
        for center in range(0, len(doc.beads), 2 * WINDOW + 1):
            win, _ = window(doc, center + WINDOW, WINDOW)
            lo = max(0, center + WINDOW - WINDOW)
            findings = run_all(checks, win)
            flagged: dict[str, set] = defaultdict(set)
            for f in findings:
                if f.bead is not None:
                    flagged[f.kind].add(f.bead)
            total += len(win.beads)
            for kind in ("number", "entity", "quote", "wording"):
                counts[kind] += len(flagged[kind])
            counts["any"] += len(flagged["number"] | flagged["entity"] | flagged["quote"])
            del lo
    return {k: counts[k] / max(total, 1) for k in ("number", "entity", "quote", "any", "wording")} | {"beads": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mac-dev", default=str(ROOT.parent / "shared" / "data" / "mac-dev"))
    parser.add_argument("--corpora", default=str(ROOT / "corpora"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-kind", type=int, default=PER_KIND, help="perturbations (and as many equivalents) per kind and source")
    parser.add_argument("--kinds", default="", help="only perturb these kinds (comma-separated); default all")
    parser.add_argument("--checks", default="", help="only run these checks (comma-separated); default all")
    parser.add_argument("--show-misses", type=int, default=20, help="print this many misses")
    args = parser.parse_args(argv)

    registered = {short_name(n): n for n in CHECKS}
    missing = sorted({c for c in KIND_CHECK.values() if c not in registered})
    checks = resolve_checks(args.checks.split(",") if args.checks else None)
    macdev = load_macdev(Path(args.mac_dev)) if Path(args.mac_dev).is_dir() else []
    corpora = load_corpora(Path(args.corpora))
    donors = [s for d in macdev for s in d.ed if 40 < len(s) < 160][:400] or [
        "The weather in the northern provinces was unusually mild for the season."]
    rng_c, rng_m = random.Random(args.seed), random.Random(args.seed + 1)
    cases = build_cases(corpora, "corpora", rng_c, donors, args.per_kind) + build_cases(macdev, "mac-dev", rng_m, donors, args.per_kind)
    if args.kinds:
        cases = [c for c in cases if c.kind in args.kinds.split(",")]
    result = evaluate(cases, checks)

    print(f"checks: {', '.join(c.name for c in checks)}")
    if missing:
        print(f"missing (not registered yet): {', '.join(missing)}")
    print(f"{'kind':<12} {'source':<8} {'pos':>4} {'eq':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}")
    overall: dict[str, Counter] = defaultdict(Counter)
    for (source, kind), c in sorted(result["tally"].items(), key=lambda x: (KINDS.index(x[0][1]), x[0][0])):
        overall[kind].update(c)
        print(_row(kind, source, c))
    print("-" * 62)
    for kind in KINDS:
        if KIND_CHECK[kind] in missing:
            print(f"{kind:<12} {'all':<8} (check {KIND_CHECK[kind]!r} missing)")
        elif kind in overall:
            print(_row(kind, "all", overall[kind]))
    share = flagged_share(macdev, checks)
    print(f"\nunperturbed mac-dev gold ({share['beads']} beads): flagged by numbers {share['number']:.1%}, "
          f"entities {share['entity']:.1%}, quotes {share['quote']:.1%}, any of them {share['any']:.1%}; "
          f"by wording {share['wording']:.1%}")
    if args.show_misses and result["misses"]:
        print(f"\nfirst {args.show_misses} misses:")
        for line in result["misses"][: args.show_misses]:
            print("  " + line)
    return 0


def _row(kind: str, source: str, c: Counter) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
    r = c["tp"] / c["positives"] if c["positives"] else float("nan")
    return f"{kind:<12} {source:<8} {c['positives']:>4} {c['equivalents']:>4} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {p:>6.3f} {r:>6.3f}"


if __name__ == "__main__":
    raise SystemExit(main())
