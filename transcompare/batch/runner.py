"""run_batch(): every case of a manifest through an executor, resumable, one report per case.

The client (this process) reads inputs, hashes them, ships bytes to workers, writes the reports
they return atomically, and only then records the case as finished in ``state.sqlite``. A rerun
skips a case whose record has the same key (sha256 of input bytes, names and options) and whose
reports are on disk; failed cases are tried again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from .. import __version__
from ..errors import OptionError
from ..fileio import atomic_write
from ..pipeline import CompareOptions
from .manifest import Case, CaseInput, load_manifest
from .state import CaseRecord, StateStore
from .tasks import CaseResult, CaseTask, Document, run_case

CASES_DIR = "cases"
STATE_FILE = "state.sqlite"
LOCK_FILE = ".batch.lock"
RUN_FILE = "run.json"


@dataclass(frozen=True)
class BatchOptions:
    """How to run a corpus; ``compare`` is what every case is compared with."""

    compare: CompareOptions = field(default_factory=CompareOptions)
    formats: tuple[str, ...] = ("json",)
    engine: str = "local"  # serial | local | dask
    workers: int | None = None  # local: processes; dask without scheduler: LocalCluster workers
    scheduler: str | None = None  # dask scheduler address, e.g. tcp://10.0.0.5:8786
    fetch: bool = False  # allow http(s) URLs in the manifest
    force: bool = False  # redo finished cases too
    max_rate: float | None = None  # submit at most this many cases per second (polite fetching)
    top: int = 20  # cases listed as most divergent in the aggregate


@dataclass(frozen=True)
class ProgressEvent:
    kind: str  # "start" | "case"
    total: int  # cases to run in this invocation
    done: int = 0
    skipped: int = 0  # already finished before this run
    case_id: str = ""
    status: str = ""
    error: str = ""


@dataclass(frozen=True)
class BatchReport:
    cases: int
    ran: int
    skipped: int
    ok: int
    failed: int
    seconds: float
    engine: str
    workers: int
    outdir: str
    notes: tuple[str, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()  # (case id, error), this run's


def run_batch(manifest: str | Path, outdir: str | Path, options: BatchOptions = BatchOptions(),
              progress: Callable[[ProgressEvent], None] | None = None) -> BatchReport:
    """Run every unfinished case of ``manifest`` and write reports, run.json and the aggregate."""
    from filelock import FileLock, Timeout

    from .aggregate import write_aggregate
    from .executors import check_engine

    started = time.perf_counter()
    check_engine(options.engine, options.workers, options.scheduler)
    check_compare_options(options.compare, local=not (options.engine == "dask" and options.scheduler))
    cases = load_manifest(manifest)
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise OptionError(f"{out} is a file; give a folder for the batch output")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a parent that is a file, no permission: one line, not an internal error
        from ..errors import OutputError
        from ..fileio import output_problem

        raise OutputError(f"{out}: cannot make the output folder ({output_problem(out / 'x') or err.strerror or err})") from None
    lock = FileLock(str(out / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise OptionError(f"another batch run is writing to {out}; wait for it or choose another folder") from None
    try:
        remove_partial_files(out)
        formats, notes = _available_formats(options.formats)
        with StateStore(out / STATE_FILE) as state:
            plan = [(case, *_prepare(case, options, formats, with_data=False)) for case in cases]
            records = state.all()
            todo = [(case, key, task, error) for case, key, task, error in plan
                    if options.force or not is_finished(records.get(case.id), key, formats, out)]
            tally = _Tally(total=len(todo), skipped=len(cases) - len(todo), say=progress or (lambda event: None))
            tally.say(ProgressEvent("start", tally.total, skipped=tally.skipped))
            runnable: list[tuple[Case, CaseTask]] = []
            for case, key, task, error in todo:
                if error:  # unreadable before any work: recorded here, tried again next run
                    state.begin(case.id, key)
                    state.finish(case.id, key, "error", error=error)
                    tally.add(case.id, "error", error)
                else:
                    runnable.append((case, task))
            if runnable:
                _execute(runnable, options, formats, state, out, tally)
            records = state.all()
        write_run_record(out, manifest, cases, records)
        write_aggregate(out, cases, records, top=options.top)
    finally:
        lock.release()
    return BatchReport(len(cases), tally.total, tally.skipped, tally.ok, tally.failed, time.perf_counter() - started,
                       options.engine, tally.workers, str(out), tuple(notes), tuple(tally.failures))


def check_compare_options(options: CompareOptions, local: bool = True) -> None:
    """Refuse, before any work, options that would fail every case (an unknown check, aligner or
    encoding; with ``local`` workers, a glossary or MT model named but not there), as ``compare``
    does; else each case of a corpus fails alike, each after its worker warmed up."""
    from ..align import check_aligner
    from ..checks.base import resolve_checks
    from ..ingest.encoding import check_encoding

    resolve_checks(options.checks, options.skip_checks)
    if options.aligner:
        check_aligner(options.aligner)
    if options.encoding:
        check_encoding(options.encoding)
    if not local:  # workers of a remote cluster have their own files; they report what they lack
        return
    if options.glossaries:
        from ..glossary import load_glossaries

        load_glossaries(options.glossaries, defaults=False)
    if options.mt_model:
        from ..translate.locate import locate

        locate(options.mt_model)


@dataclass
class _Tally:
    """Counts for this run, and the progress callback they feed."""

    total: int
    skipped: int
    say: Callable[[ProgressEvent], None]
    ok: int = 0
    failed: int = 0
    workers: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, case_id: str, status: str, error: str = "") -> None:
        if status == "ok":
            self.ok += 1
        else:
            self.failed += 1
            self.failures.append((case_id, error))
        self.say(ProgressEvent("case", self.total, self.ok + self.failed, self.skipped, case_id, status, error))


def _execute(runnable: list[tuple[Case, CaseTask]], options: BatchOptions, formats: tuple[str, ...],
             state: StateStore, out: Path, tally: _Tally) -> None:
    """Run the cases on the chosen executor; write each result's reports, then record it."""
    from .executors import get_executor

    executor = get_executor(options.engine, options.workers, options.scheduler, options.compare)
    tally.workers = executor.workers
    try:
        for index, result in executor.as_completed(run_case, _tasks(runnable, options, formats, state)):
            case, task = runnable[index]
            if isinstance(result, BaseException):
                result = CaseResult(case.id, task.key, "error", error=f"internal error: worker failed: {type(result).__name__}: {result}")
            outputs = _write_reports(out, case, result)
            state.finish(case.id, result.key, result.status, result.error, outputs, result.summary,
                         result.notes, result.seconds, result.cpu_seconds, result.worker)
            tally.add(case.id, result.status, result.error)
    finally:
        executor.close()


def _tasks(runnable: list[tuple[Case, CaseTask]], options: BatchOptions, formats: tuple[str, ...],
           state: StateStore) -> Iterator[CaseTask]:
    """Tasks with their input bytes, read only when submitted; paced by ``max_rate``."""
    start = time.monotonic()
    for n, (case, planned) in enumerate(runnable):
        if options.max_rate:
            wait = start + n / options.max_rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        key, task, error = _prepare(case, options, formats, with_data=True)
        if task is None:  # the file changed or vanished since planning: let the worker report it
            task = planned
        state.begin(case.id, task.key)
        yield task


def _prepare(case: Case, options: BatchOptions, formats: tuple[str, ...], with_data: bool
             ) -> tuple[str, CaseTask | None, str]:
    """Read a case's inputs: its key, a task (bytes included when ``with_data``) or a read error."""
    compare = options.compare
    if case.date and not compare.publication_date:
        compare = replace(compare, publication_date=case.date)
    case_meta = {"id": case.id, "outlet": case.outlet, "date": case.date, "meta": case.meta}
    digest = hashlib.sha256()
    digest.update(options_signature(compare).encode("utf-8"))
    digest.update(json.dumps(case_meta, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    docs: list[Document] = []
    error = ""
    for role, item in [("original", case.original)] + [("edition", e) for e in case.editions]:
        doc, part, problem = _document(item, options.fetch)
        digest.update(f"\0{role}\0{item.written}\0{item.lang}\0{part}".encode("utf-8"))
        error = error or problem
        docs.append(doc if with_data else replace(doc, data=None))
    key = digest.hexdigest()
    if error:
        return key, None, error
    task = CaseTask(case.id, key, docs[0], tuple(docs[1:]), compare, formats, case_meta)
    return key, task, ""


def _document(item: CaseInput, fetch: bool) -> tuple[Document, str, str]:
    """(Document, hash part, error): a file's bytes and their sha256, or a URL as written.

    Errors are coded as a worker's are (``error [E101]: ...``), so a run's failures read alike."""
    from ..errors import InputError

    if item.is_url:
        if not fetch:
            return Document(item.written, item.lang, url=item.source), f"url:{item.source}", str(
                OptionError(f"{item.written} is a URL; pass --fetch to let workers download it"))
        return Document(item.written, item.lang, url=item.source), f"url:{item.source}", ""
    from ..ingest.reader import MAX_BYTES, read_capped

    path = Path(item.source)
    try:
        data = read_capped(path)  # a huge file (or /dev/zero) is refused, not shipped whole
    except FileNotFoundError:
        return Document(item.written, item.lang), "missing", str(InputError(f"{item.written}: no such file"))
    except IsADirectoryError:
        return Document(item.written, item.lang), "directory", str(InputError(f"{item.written} is a directory; give an article file"))
    except OSError as err:
        return Document(item.written, item.lang), "unreadable", str(InputError(f"{item.written}: cannot read ({err.strerror or err})"))
    if len(data) > MAX_BYTES:
        return Document(item.written, item.lang), "oversized", str(InputError(
            f"{item.written} is over {MAX_BYTES // 2**20} MiB; that is not an article"))
    return Document(item.written, item.lang, data=data), hashlib.sha256(data).hexdigest(), ""


def options_signature(options: CompareOptions) -> str:
    """Everything besides the inputs that changes a case's result: options, version, defaults, glossaries."""
    from ..align import DEFAULT_ALIGNER
    from ..checks.base import CHECKS

    parts = {
        "version": __version__,
        "options": asdict(options),
        "default_aligner": DEFAULT_ALIGNER,
        "checks": sorted(CHECKS),
        "mt_env": os.environ.get("TRANSCOMPARE_MT_MODEL", "") if not options.mt_model else "",
        "glossaries": _glossary_hashes(options),
    }
    from ..translate.config import DEFAULT_BEAM, resolve_settings

    mt = resolve_settings(options.mt_model)  # the config file and MT env variables choose too
    if mt.source == "config" or mt.backend != "auto" or mt.beam_size != DEFAULT_BEAM:
        parts["mt_settings"] = [mt.model, mt.backend, mt.beam_size]  # absent by default: keys stay as they were
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)


def _glossary_hashes(options: CompareOptions) -> list[str]:
    from ..errors import GlossaryError
    from ..glossary.store import DEFAULT_DIR, read_glossary_bytes

    files = [Path(p) for p in options.glossaries]
    if options.use_default_glossaries and DEFAULT_DIR.is_dir():
        files = sorted(DEFAULT_DIR.glob("*.tsv")) + files
    hashes = []
    for path in files:
        try:  # with the glossaries' cap: a --glossary /dev/zero was read for ever, once per case
            hashes.append(f"{path.name}:{hashlib.sha256(read_glossary_bytes(path)).hexdigest()}")
        except GlossaryError:
            hashes.append(f"{path.name}:unreadable")
    return hashes


def _available_formats(requested: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The requested formats this install can write, and a note for each it cannot."""
    from ..report import get_exporter

    formats, notes = [], []
    for fmt in dict.fromkeys(requested):
        try:
            get_exporter(fmt)
        except (OptionError, ImportError, AttributeError):
            notes.append(f"no {fmt} exporter in this install; writing the other formats only")
            continue
        formats.append(fmt)
    return tuple(formats), notes


def is_finished(record: CaseRecord | None, key: str, formats: tuple[str, ...], out: Path) -> bool:
    """Finished = recorded ok with the same key, and every requested report still on disk."""
    if record is None or record.status != "ok" or record.key != key:
        return False
    return all(fmt in record.outputs and (out / record.outputs[fmt]).is_file() for fmt in formats)


def case_filename(case_id: str) -> str:
    """A file name for a case id; ids that need changing get a short hash so they stay distinct."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", case_id).strip("._-") or "case"
    if safe != case_id:
        safe = f"{safe[:80]}-{hashlib.sha256(case_id.encode('utf-8')).hexdigest()[:8]}"
    return safe


def _write_reports(out: Path, case: Case, result: CaseResult) -> dict[str, str]:
    outputs: dict[str, str] = {}
    for fmt, (extension, payload) in sorted(result.files.items()):
        relative = f"{CASES_DIR}/{case_filename(case.id)}{extension}"
        atomic_write(out / relative, payload)
        outputs[fmt] = relative
    return outputs


def remove_partial_files(out: Path) -> list[Path]:
    """Delete temp files a killed run left behind (atomic_write's ``.NAME.*.tmp``)."""
    removed = []
    for folder in (out, out / CASES_DIR):
        if folder.is_dir():
            for path in folder.glob(".*.tmp"):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def write_run_record(out: Path, manifest: str | Path, cases: list[Case], records: dict[str, CaseRecord]) -> None:
    """run.json: every case of the manifest, in manifest order, with no timings, so reruns diff cleanly."""
    items = []
    for case in cases:
        record = records.get(case.id)
        items.append({
            "id": case.id,
            "status": record.status if record else "pending",
            "key": record.key if record else "",
            "error": record.error if record else "",
            "outputs": record.outputs if record else {},
            "findings": (record.summary or {}).get("findings", 0) if record else 0,
            "score": (record.summary or {}).get("score", 0.0) if record else 0.0,
            "notes": list(record.notes) if record else [],
        })
    data = {"manifest": Path(manifest).name, "version": __version__, "cases": items}
    atomic_write(out / RUN_FILE, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
