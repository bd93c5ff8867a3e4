"""What a worker runs: one case in (input bytes + options), rendered reports and a summary out.

The client reads the inputs and ships their bytes, and writes the returned reports itself, so a
worker on another machine needs neither the corpus nor the output folder (only URLs are fetched
where the case runs). Everything here is picklable for process pools and Dask.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, OptionError, TranscompareError
from ..pipeline import CompareOptions

SEVERITY_WEIGHTS = {"high": 3.0, "medium": 2.0, "low": 1.0}
_WARM: set[str] = set()  # option signatures this process has already warmed up


@dataclass(frozen=True)
class Document:
    """One input as shipped to a worker: its bytes, or a URL the worker fetches."""

    written: str  # as the manifest wrote it: names the edition and goes into the report
    lang: str | None
    data: bytes | None = None  # None: fetch ``url`` where the case runs
    url: str | None = None


@dataclass(frozen=True)
class CaseTask:
    case_id: str
    key: str  # sha256 of input bytes + options: what makes a finished case reusable
    original: Document
    editions: tuple[Document, ...]
    options: CompareOptions
    formats: tuple[str, ...] = ("json",)
    case_meta: dict[str, Any] = field(default_factory=dict)  # outlet, date, manifest metadata


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    key: str
    status: str  # "ok" | "error"
    error: str = ""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # format -> (extension, bytes)
    summary: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker's CPU time on the case (workers run one thread)
    worker: str = ""


def run_case(task: CaseTask) -> CaseResult:
    """Compare one case; any failure becomes an error result, so one bad case never stops a run."""
    from ..pipeline import compare_editions, edition_ids

    start, cpu = time.perf_counter(), time.process_time()
    worker = f"{os.uname().nodename}:{os.getpid()}"
    try:
        original = _read(task.original, "original", task.options)
        ids = edition_ids([doc.written for doc in task.editions])
        editions = [_read(doc, eid, task.options) for doc, eid in zip(task.editions, ids)]
        comparison = compare_editions(original, editions, task.options)
        data = comparison.to_dict()
        data["meta"] = {**data.get("meta", {}), "case": task.case_meta}
        files, notes = _render(data, task.formats)
        return CaseResult(task.case_id, task.key, "ok", files=files, summary=summarise(data), notes=notes,
                          seconds=time.perf_counter() - start, cpu_seconds=time.process_time() - cpu, worker=worker)
    except TranscompareError as err:
        error = str(err)
    except Exception as err:  # a bug in one case must not end a corpus run; the record says what
        error = f"internal error: {type(err).__name__}: {err}"
    return CaseResult(task.case_id, task.key, "error", error=error, seconds=time.perf_counter() - start,
                      cpu_seconds=time.process_time() - cpu, worker=worker)


def _read(doc: Document, edition_id: str, options: CompareOptions):
    """Bytes -> Edition through the ordinary reader (a private temp file keeps the name's suffix)."""
    from ..ingest.reader import read_source
    from ..segment import segment

    fmt = "txt" if options.presplit else None
    if options.presplit:
        from ..pipeline import check_presplit_source

        check_presplit_source(doc.written)
    if doc.data is None and doc.url is None:
        raise InputError(f"{doc.written}: changed or vanished while the run was starting; run again")
    if doc.data is None:
        raw = read_source(doc.url or doc.written, encoding=options.encoding, fmt=fmt)
    else:
        with tempfile.TemporaryDirectory(prefix="transcompare-batch-") as tmp:
            path = Path(tmp) / (Path(doc.written).name or "article.txt")
            path.write_bytes(doc.data)
            try:
                raw = read_source(str(path), encoding=options.encoding, fmt=fmt)
            except TranscompareError as err:  # name the manifest's file, not the worker's temp copy
                raise type(err)(err.message.replace(str(path), doc.written)) from None
    raw = replace(raw, source=doc.written)
    lang = doc.lang or (options.original_lang if edition_id == "original" else None)
    return segment(raw, edition_id=edition_id, lang=lang, presplit=options.presplit)


def _render(data: dict, formats: tuple[str, ...]) -> tuple[dict[str, tuple[str, bytes]], tuple[str, ...]]:
    from ..report import get_exporter

    files: dict[str, tuple[str, bytes]] = {}
    notes: list[str] = []
    for fmt in formats:
        try:
            exporter = get_exporter(fmt)
        except (OptionError, ImportError, AttributeError):
            notes.append(f"{fmt} report skipped: this install has no {fmt} exporter")
            continue
        files[fmt] = (exporter.extension, exporter.render(data))
    return files, tuple(notes)


def summarise(data: dict) -> dict[str, Any]:
    """What the corpus aggregate needs from one comparison, small enough to keep in the state file."""
    findings = [f for ec in data.get("editions", ()) for f in ec.get("findings", ())]
    by_kind = Counter(f.get("kind", "?") for f in findings)
    by_severity = Counter(f.get("severity", "?") for f in findings)
    ranked = sorted(findings, key=lambda f: (-severity_points(f), f.get("id", "")))
    return {
        "findings": len(findings),
        "by_kind": dict(sorted(by_kind.items())),
        "by_severity": dict(sorted(by_severity.items())),
        "score": round(sum(severity_points(f) for f in findings), 3),
        "top": [
            {k: f.get(k) for k in ("id", "kind", "subtype", "severity", "explanation")} for f in ranked[:3]
        ],
        "renderings": renderings(findings),
        "editions": [ec["edition"]["id"] for ec in data.get("editions", ())],
        "title": (data.get("original") or {}).get("title"),
        "title_lang": _lang_tag(data.get("original") or {}),  # the corpus index marks each title's language
        "signature": data.get("signature", ""),
    }


def _lang_tag(edition: dict) -> str:
    """BCP 47 for an edition dict ("zh-Hans", "en"), as the HTML report writes it; "" when unknown."""
    from ..langs import normalise_lang

    lang = normalise_lang(edition.get("lang")) or ""
    return lang + (f"-{edition['script']}" if lang and edition.get("script") else "")


def severity_points(finding: dict) -> float:
    """Severity weight times confidence: a sure high finding outweighs an unsure one."""
    weight = SEVERITY_WEIGHTS.get(finding.get("severity", ""), 1.0)
    try:
        confidence = float(finding.get("confidence", 1.0))
    except (TypeError, ValueError):
        confidence = 1.0
    return weight * min(max(confidence, 0.0), 1.0)


def renderings(findings: list[dict]) -> list[dict[str, str]]:
    """Name renderings seen in entity findings: evidence with a rendering (``rendering``, ``en``, ...)
    and, where given, the name in the original (``entity``, ``zh``) and the glossary's choice."""
    seen = []
    for f in findings:
        if f.get("kind") != "entity":
            continue
        ev = f.get("evidence") or {}
        en = _first(ev, ("en", "rendering", "renderings", "found"))
        if not en:
            continue
        item = {"zh": _first(ev, ("zh", "entity", "term", "source", "original")), "en": en,
                "expected": _first(ev, ("expected", "preferred", "glossary")), "subtype": f.get("subtype", "")}
        if item not in seen:
            seen.append(item)
    return seen


def _first(evidence: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = evidence.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
            return " / ".join(value)
    return ""


def configure_threads(threads: int | None) -> None:
    """Give each worker its share of the cores (OpenMP engines read this at first load), unless
    the user set OMP_NUM_THREADS themselves."""
    if threads and "OMP_NUM_THREADS" not in os.environ:
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ.setdefault(var, str(threads))
        import sys

        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(int(os.environ["OMP_NUM_THREADS"]))


def warm_up(options: CompareOptions, threads: int | None = None) -> None:
    """Load the models once per worker by comparing a small pair that touches every check
    (names on both sides and one only in English, a number, a date, a source); the real cases
    then reuse what it loaded."""
    configure_threads(threads)
    from ..ingest.reader import RawDocument
    from ..pipeline import compare_editions
    from ..segment import segment

    token = repr(options)
    if token in _WARM:
        return
    zh_text = "王毅访问北京\n\n据新华社3月5日报道，外交部长王毅说，今年出口增长5%。他说：“我们很满意。”\n"
    en_text = ("Wang Yi visits Beijing\n\nForeign Minister Wang Yi said on March 5 that exports grew 5 percent "
               "this year, Xinhua reported. \"We are satisfied,\" he said. He later met Zhang Wei in Shanghai.\n")
    try:
        zh = segment(RawDocument("warm-up.zh.txt", zh_text, "txt", "utf-8"), "original", "zh")
        en = segment(RawDocument("warm-up.en.txt", en_text, "txt", "utf-8"), "warm-up", "en")
        compare_editions(zh, [en], options)
        from ..align import get_aligner
        from ..checks.base import resolve_checks

        # A check or aligner may build lazy indexes in an optional ``warm()``; call it here, once.
        for part in (*resolve_checks(options.checks, options.skip_checks), get_aligner(options.aligner, **options.aligner_options)):
            if callable(getattr(part, "warm", None)):
                part.warm()
    except Exception:  # a broken model shows up, with its message, in the first real case instead
        pass
    _WARM.add(token)
