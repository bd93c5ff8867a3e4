"""Mine candidate glossary entries from aligned editions.

Each bead with a Chinese and an English side is one unit of evidence. Chinese candidates are
jieba's proper nouns (nr/ns/nt/nz) that CC-CEDICT does not know as common words, plus CC-CEDICT
proper nouns; English candidates are capitalised word runs. A pair scores by how consistently the
two occur in the same beads (Dice), weighted by how much the English looks like a rendering of
the Chinese (romanisation, CC-CEDICT glosses, transliteration).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import GlossaryError
from ..langs import is_chinese, normalise_lang
from ..model import Comparison, Edition
from .english import fold
from .store import Entry, Glossary, make_entry

_POS_TYPES = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation", "nz": "term"}
_CONNECTORS = {"of", "for", "and", "the", "de", "on", "in"}
_STARTERS = set(
    "The A An He She It They We I You His Her Its Their Our This That These Those But And Or If When While Since "
    "After Before As At In On Of For From To By With Despite Although Though However Yet So Then There Here Many "
    "Some Most All Analysts Mr Mrs Ms Dr Prof Professor Sen Rep Gen Gov Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Beneath Even Who What Why How Under Over Among Another Other".split()
)
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class Unit:
    """One bead as evidence: the Chinese and English sides, and where it came from."""

    zh: str
    en: str
    where: str


@dataclass(frozen=True)
class Candidate:
    zh: str
    en: str
    type: str
    score: float
    count: int  # beads where both occur
    zh_count: int
    en_count: int
    affinity: float  # 0..1: how much the English looks like a rendering of the Chinese
    example: Unit
    alternatives: tuple[tuple[str, float], ...] = ()

    def to_entry(self, status: str = "proposed", ref: str = "") -> Entry:
        return make_entry(
            {"source": self.zh, "preferred": self.en, "type": self.type, "status": status,
             "ref": ref or f"suggest: {self.example.where}", "note": f"mined from {self.count} bead(s)"}
        )


# -------------------------------------------------------------------------------------- units


def units_from_comparison(comparison: Comparison, where: str) -> list[Unit]:
    """zh-original beads against every English edition of a comparison."""
    units: list[Unit] = []
    original = comparison.original
    if not is_chinese(original.lang):
        return units
    for ec in comparison.editions:
        if normalise_lang(ec.edition.lang) != "en":
            continue
        for n, bead in enumerate(ec.beads):
            if bead.src and bead.tgt:
                zh = "".join(original.sentences[i].text for i in bead.src)
                en = " ".join(ec.edition.sentences[j].text for j in bead.tgt)
                units.append(Unit(zh, en, f"{where}#{ec.edition.id}:b{n}"))
    return units


def units_from_pair(original: Edition, edition: Edition, where: str, aligner: str | None = None) -> list[Unit]:
    from ..align import get_aligner

    if not is_chinese(original.lang) or normalise_lang(edition.lang) != "en":
        return []
    beads = get_aligner(aligner).align(original.sentence_texts(), edition.sentence_texts(), original.lang, edition.lang)
    return [
        Unit("".join(original.sentences[i].text for i in b.src), " ".join(edition.sentences[j].text for j in b.tgt), f"{where}:b{n}")
        for n, b in enumerate(beads)
        if b.src and b.tgt
    ]


def _read_json(path: Path) -> bytes:
    """A comparison or case JSON, read with a cap (a few articles' size): /dev/zero was read for ever."""
    from ..ingest.reader import MAX_BYTES, read_capped

    limit = 8 * MAX_BYTES  # the article's text, its sentences and its beads
    data = read_capped(path, limit)
    if len(data) > limit:
        raise GlossaryError(f"{path} is over {limit // 2**20} MiB; that is not a comparison JSON")
    return data


def load_units(inputs: Sequence[str], pairs: Sequence[tuple[str, str]] = (), aligner: str | None = None) -> list[Unit]:
    """Comparison JSON files, corpus case folders (case.json), and (original, edition) pairs."""
    import json

    from ..pipeline import read_edition

    units: list[Unit] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            case = path / "case.json"
            if not case.exists():
                raise GlossaryError(f"{path}: a folder needs a case.json (see corpora/README.md)")
            try:
                meta = json.loads(_read_json(case))
                original_path = meta["original"]["path"]
                editions = [(n, ed["path"]) for n, ed in enumerate(meta.get("editions", ())) if normalise_lang(ed.get("lang")) == "en"]
            except OSError as err:
                raise GlossaryError(f"{case}: cannot read ({err.strerror or err})") from None
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise GlossaryError(f"{case}: not a case description (see corpora/README.md): {type(err).__name__}: {err}") from None
            orig = read_edition(str(path / original_path), "original", "zh")
            for n, ed_path in editions:
                edition = read_edition(str(path / ed_path), f"edition-{n + 1}", "en")
                units += units_from_pair(orig, edition, f"{path.name}/{ed_path}", aligner)
            continue
        try:
            data = json.loads(_read_json(path))
            comparison = Comparison.from_dict(data)
        except OSError as err:
            raise GlossaryError(f"{path}: cannot read ({err.strerror or err})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as err:  # AttributeError: a list or null, not an object
            raise GlossaryError(f"{path}: not a comparison written by `transcompare compare --json` ({err})") from None
        units += units_from_comparison(comparison, path.name)
    for original, edition in pairs:
        orig = read_edition(original, "original")
        ed = read_edition(edition, "edition")
        if (orig.lang, ed.lang) != ("zh", "en"):  # swapped, or two of one language: nothing to mine
            from ..errors import InputError

            raise InputError(f"--original {original} reads as {orig.lang} and --edition {edition} as {ed.lang}; "
                             "suggest pairs a Chinese original with its English edition")
        units += units_from_pair(orig, ed, f"{Path(edition).name}", aligner)
    return units


# --------------------------------------------------------------------------------- candidates


def _is_proper(word: str) -> bool | None:
    """CC-CEDICT's view: True if its first sense is a name, False if a common word, None if unknown."""
    from ..names.cedict import definitions

    senses = [s.strip() for s in definitions(word) if s.strip()]
    if not senses:
        return None
    return senses[0][:1].isupper()


def zh_candidates(text: str, glossary: Glossary | None) -> dict[str, str]:
    """Chinese proper nouns in a text that the glossary lacks: term -> guessed type."""
    from ..zhwords import jieba

    pseg = jieba().posseg
    if glossary is not None:  # mask known terms so they are neither proposed nor split oddly
        chars = list(text)
        for m in glossary.find_in(text):
            chars[m.start : m.end] = ["，"] * (m.end - m.start)
        text = "".join(chars)
    out: dict[str, str] = {}
    for token in pseg.cut(text):
        word, flag = token.word.strip(), token.flag
        if len(word) < 2 or not all("\u3400" <= c <= "\u9fff" or c == "·" for c in word):
            continue
        proper = _is_proper(word)
        if flag in _POS_TYPES and proper is not False:
            out.setdefault(word, _POS_TYPES[flag])
        elif proper and flag.startswith("n"):
            out.setdefault(word, "term")
    return out


def en_candidates(text: str, known: set[str]) -> set[str]:
    """Capitalised word runs and their sub-runs: "Central Commission for Discipline Inspection"."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(0)).rstrip("-")
        adjacent = last_end >= 0 and text[last_end : m.start()] == " "
        capital = word[:1].isupper()
        if current and adjacent and (capital or word in _CONNECTORS):
            current.append(word)
        else:
            if current:
                runs.append(current)
            current = [word] if capital else []
        last_end = m.end() if not re.search(r"['’]s$", m.group(0)) else -1
        if re.search(r"['’]s$", m.group(0)) and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out: set[str] = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + 6) + 1):
                gram = run[i:j]
                if gram[0] in _CONNECTORS or gram[-1] in _CONNECTORS:
                    continue
                if len(gram) == 1 and (gram[0] in _STARTERS or len(gram[0]) < 2):
                    continue
                if gram[0] in _STARTERS and len(gram) > 1 and gram[0] not in ("The",):
                    continue
                if gram[0] == "The":
                    continue
                phrase = " ".join(gram)
                if fold(phrase) not in known:
                    out.add(phrase)
    return out


def affinity(zh: str, en: str, kind: str) -> float:
    """0..1: the English spells the Chinese (names), or shares its dictionary glosses (terms)."""
    from ..names.cedict import definitions
    from .lint import _content_words, _decomposes, romanisations, sounds_like

    han = [c for c in zh if "\u3400" <= c <= "\u9fff"]
    best = 0.0
    tokens = [t for t in re.split(r"[^a-z]+", fold(en)) if len(t) >= 2]
    if han and tokens:
        syllables = frozenset(s for c in han for s in romanisations(c))
        spelled = sum(_decomposes(t, syllables) for t in tokens) / len(tokens)
        joined = "".join(tokens)
        covered = sum(any(s in joined for s in romanisations(c)) for c in han) / len(han)
        best = max(best, spelled * covered)
    words = _content_words(en)
    if words and kind != "person":  # a name's characters have glosses, but a name does not mean them
        senses = [g for size in range(len(zh), 1, -1) for i in range(len(zh) - size + 1) for g in definitions(zh[i : i + size])]
        gloss_words = set().union(*(_content_words(g) for g in senses)) if senses else set()
        best = max(best, len(words & gloss_words) / len(words))
    if kind in ("person", "place") and sounds_like(zh, en):
        best = max(best, 0.6)
    return round(best, 3)


def suggest(units: Sequence[Unit], glossary: Glossary | None = None, min_count: int = 1, top_alternatives: int = 3) -> list[Candidate]:
    """Ranked candidate entries, best first; one per Chinese term, with runner-up renderings."""
    known: set[str] = set()
    if glossary is not None:
        known = {fold(f) for e in glossary.entries for f in (*e.english_ok(), *e.forbidden)}
    zh_sets: list[dict[str, str]] = []
    en_sets: list[set[str]] = []
    zh_count: dict[str, int] = {}
    en_count: dict[str, int] = {}
    for unit in units:
        zs = zh_candidates(unit.zh, glossary)
        es = en_candidates(unit.en, known)
        zh_sets.append(zs)
        en_sets.append(es)
        for z in zs:
            zh_count[z] = zh_count.get(z, 0) + 1
        for e in es:
            en_count[e] = en_count.get(e, 0) + 1
    pair_count: dict[tuple[str, str], int] = {}
    first_unit: dict[tuple[str, str], int] = {}
    types: dict[str, str] = {}
    for n, (zs, es) in enumerate(zip(zh_sets, en_sets)):
        for z, kind in zs.items():
            types.setdefault(z, kind)
            for e in es:
                pair_count[(z, e)] = pair_count.get((z, e), 0) + 1
                first_unit.setdefault((z, e), n)
    scored: dict[str, list[tuple[float, str, int, float]]] = {}
    for (z, e), count in pair_count.items():
        if count < min_count:
            continue
        dice = 2 * count / (zh_count[z] + en_count[e])
        aff = affinity(z, e, types[z])
        score = round(dice * (0.2 + 0.8 * aff), 4)
        scored.setdefault(z, []).append((score, e, count, aff))
    candidates: list[Candidate] = []
    for z, options in scored.items():
        options.sort(key=lambda o: (-o[0], -o[2], -len(o[1]), o[1]))
        score, e, count, aff = options[0]
        candidates.append(
            Candidate(
                zh=z, en=e, type=types[z], score=score, count=count, zh_count=zh_count[z], en_count=en_count[e],
                affinity=aff, example=units[first_unit[(z, e)]],
                alternatives=tuple((o[1], o[0]) for o in options[1 : 1 + top_alternatives]),
            )
        )
    candidates.sort(key=lambda c: (-c.score, -c.count, c.zh))
    return candidates


def as_entries(candidates: Iterable[Candidate], status: str = "proposed") -> list[Entry]:
    return [c.to_entry(status) for c in candidates]
