"""compare(): ingest -> segment -> align -> translate -> check. Silent and usable from Python;
the CLI and batch runner are thin layers over it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .checks.base import CheckContext, resolve_checks, run_checks
from .ingest.reader import read_source
from .model import Comparison, Edition, EditionComparison, Finding
from .segment import segment
from .signature import Signature

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CompareOptions:
    """Every option that changes a comparison's result (and so belongs in its signature)."""

    encoding: str | None = None
    original_lang: str | None = None  # detected when None
    edition_langs: tuple[str | None, ...] = ()
    presplit: bool = False
    aligner: str | None = None  # registry name; default in transcompare.align
    aligner_options: dict = field(default_factory=dict)
    checks: tuple[str, ...] = ()  # empty = all registered
    skip_checks: tuple[str, ...] = ()
    mt_model: str | None = None
    glossaries: tuple[str, ...] = ()
    use_default_glossaries: bool = True
    publication_date: str | None = None


def read_edition(source: str, edition_id: str, lang: str | None = None, encoding: str | None = None, presplit: bool = False) -> Edition:
    if presplit:
        check_presplit_source(source)
    raw = read_source(source, encoding=encoding, fmt="txt" if presplit else None)
    return segment(raw, edition_id=edition_id, lang=lang, presplit=presplit)


def check_presplit_source(source: str) -> None:
    """--presplit reads lines as they are: a web page's markup became "sentences" (<!DOCTYPE html>,
    <head>, ...), and Markdown's marks stayed in the text."""
    if Path(source.split("?")[0]).suffix.lower() in (".html", ".htm", ".xhtml", ".md", ".markdown"):
        from .errors import OptionError

        raise OptionError(f"--presplit reads plain text, one sentence a line; {source} is a web page or Markdown file")


def check_stdin_once(sources: Sequence[str]) -> None:
    """Standard input can be read once: a second ``-`` would read as an empty file."""
    if list(sources).count("-") > 1:
        from .errors import OptionError

        raise OptionError("standard input (-) can stand for only one of the articles")


def edition_ids(sources: Sequence[str]) -> list[str]:
    """Readable, unique ids from file names: "edition.en", "edition.en-2", ..."""
    ids: list[str] = []
    for source in sources:
        stem = "stdin" if source == "-" else (Path(source.split("?")[0]).stem or "edition")
        candidate, n = stem, 2
        while candidate in ids or candidate == "original":
            candidate, n = f"{stem}-{n}", n + 1
        ids.append(candidate)
    return ids


def compare(original: str, editions: Sequence[str], options: CompareOptions = CompareOptions(), progress: Progress | None = None) -> Comparison:
    """Compare an original article with one or more editions of it."""
    say = progress or (lambda message: None)
    check_stdin_once([original, *editions])
    say("reading")
    orig = read_edition(original, "original", options.original_lang, options.encoding, options.presplit)
    langs = list(options.edition_langs) + [None] * (len(editions) - len(options.edition_langs))
    eds = [
        read_edition(src, eid, lang, options.encoding, options.presplit)
        for src, eid, lang in zip(editions, edition_ids(editions), langs)
    ]
    return compare_editions(orig, eds, options, progress)


def compare_editions(original: Edition, editions: Sequence[Edition], options: CompareOptions = CompareOptions(), progress: Progress | None = None) -> Comparison:
    """The pipeline from segmented editions on (the batch runner enters here too)."""
    from .align import get_aligner
    from .glossary import load_glossaries
    from .translate import maybe_translate

    say = progress or (lambda message: None)
    aligner = get_aligner(options.aligner, **options.aligner_options)
    checks = resolve_checks(options.checks, options.skip_checks)
    glossary = load_glossaries(options.glossaries, defaults=options.use_default_glossaries)
    pubdate = options.publication_date or original.date
    mt_by_lang: dict = {}  # one MT run per target language
    results = []
    for edition in editions:
        say(f"aligning {edition.id}")
        beads = tuple(aligner.align(original.sentence_texts(), edition.sentence_texts(), original.lang, edition.lang))
        notes: list[str] = []
        if edition.lang not in mt_by_lang:
            say("translating")
            mt_by_lang[edition.lang] = maybe_translate(original, options.mt_model, target_lang=edition.lang)
        mt = mt_by_lang[edition.lang]
        translations = mt.translations
        scores: dict = {}
        mt_bead_scores = None
        if translations is not None:
            from .translate.scores import score_beads

            scores, mt_bead_scores = score_beads(translations, edition, beads)
        elif mt.note:
            notes.append(mt.note)
        ctx = CheckContext(
            original=original,
            edition=edition,
            beads=beads,
            translations=translations,
            mt_scores=mt_bead_scores,
            glossary=glossary,
            publication_date=pubdate,
        )
        say(f"checking {edition.id}")
        findings = _finalise(run_checks(checks, ctx), edition.id)
        results.append(EditionComparison(edition, beads, findings, translations, scores, tuple(notes)))
    signature = Signature(
        version=__version__,
        aligner=aligner.signature(),
        mt=",".join(sorted({m.signature for m in mt_by_lang.values() if m.translations is not None})) or "none",
        checks=",".join(c.name for c in checks),
        glossary=glossary.signature() if glossary else "none",
    )
    return Comparison(original, tuple(results), signature.format(), meta={"publication_date": pubdate})


def _finalise(findings: list[Finding], edition_id: str) -> tuple[Finding, ...]:
    """Deterministic order and stable ids: f-<edition>-<n> in (offset, kind) order."""
    ordered = sorted(findings, key=Finding.sort_key)
    return tuple(replace(f, id=f"{edition_id}:f{n:04d}") for n, f in enumerate(ordered, 1))
