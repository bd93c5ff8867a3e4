"""transcompare glossary add|remove|list|show|lint|merge|import|export|suggest|check

Thin commands over transcompare.glossary: parse options, call, print. Writes go through
GlossaryStore (locked, atomic). ``lint`` and ``check`` exit 1 when they find something."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="Maintain terminology glossaries and hold editions to them.", no_args_is_help=True)

_TARGET_HELP = "Glossary TSV to change (env TRANSCOMPARE_GLOSSARY)."
_READ_HELP = "Glossary TSV (repeatable); the defaults in glossaries/ are added unless --no-default-glossaries."


def _target(raw: Optional[str], option: str = "--glossary") -> Path:
    from ..errors import OptionError
    from .common import output_path

    if raw is None:
        raise OptionError(f"say which glossary to change: {option} FILE (or set TRANSCOMPARE_GLOSSARY)")
    if Path(raw).is_dir():
        raise OptionError(f"{raw} is a directory; give a glossary .tsv file")
    path = output_path(raw, option)  # glossaries/ (not there yet) was written as a file named glossaries
    if path.suffix.lower() in (".csv", ".tbx", ".xml"):  # written as TSV whatever its name, or unreadable
        raise OptionError(f"{path}: the glossary to change is a .tsv file; "
                          f"`glossary import` reads CSV and TBX, `glossary export` writes them")
    return path


def _load(glossary: List[str], no_defaults: bool):
    from ..errors import GlossaryError
    from ..glossary import load_glossaries

    loaded = load_glossaries(glossary, defaults=not no_defaults)
    if loaded is None:
        raise GlossaryError("no glossary given: use --glossary FILE or keep the defaults")
    return loaded


def _entry_line(entry, origin=None) -> str:
    extra = []
    if entry.accepted:
        extra.append("also " + ", ".join(entry.accepted))
    if entry.forbidden:
        extra.append("not " + ", ".join(entry.forbidden))
    tail = f"  ({'; '.join(extra)})" if extra else ""
    where = f"  [{origin}]" if origin else ""
    return f"{entry.source}\t{entry.preferred}\t{entry.type}{tail}{where}"


@app.command("add")
def add(
    term: str = typer.Argument(..., help="The Chinese term (either script)."),
    preferred: str = typer.Argument(..., help="Preferred English rendering."),
    glossary: Optional[str] = typer.Option(None, "--glossary", "-g", envvar="TRANSCOMPARE_GLOSSARY", help=_TARGET_HELP),
    variant: List[str] = typer.Option([], "--variant", "-v", help="Another Chinese form (repeatable)."),
    accept: List[str] = typer.Option([], "--accept", "-a", help="An accepted English variant (repeatable)."),
    forbid: List[str] = typer.Option([], "--forbid", "-f", help="A forbidden English rendering (repeatable)."),
    type_: str = typer.Option("term", "--type", "-t", help="person | organisation | place | term."),
    note: str = typer.Option("", "--note", help="A note for translators."),
    ref: str = typer.Option("", "--ref", help="Where the entry comes from."),
    status: str = typer.Option("approved", "--status", help="approved | proposed | deprecated."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite an existing entry for the term."),
) -> None:
    """Add a term (locked and atomic: concurrent adds all land)."""
    from ..glossary.store import GlossaryStore, make_entry

    path = _target(glossary)
    entry = make_entry(
        {"source": term, "preferred": preferred, "variants": variant, "accepted": accept, "forbidden": forbid,
         "type": type_, "note": note, "ref": ref, "status": status}
    )
    GlossaryStore(path).add(entry, replace_existing=replace)
    typer.echo(f"added {entry.source} → {entry.preferred} to {path}")


@app.command("remove")
def remove(
    term: str = typer.Argument(..., help="The term, in any of its forms."),
    glossary: Optional[str] = typer.Option(None, "--glossary", "-g", envvar="TRANSCOMPARE_GLOSSARY", help=_TARGET_HELP),
) -> None:
    """Remove a term."""
    from ..glossary.store import GlossaryStore

    path = _target(glossary)
    entry = GlossaryStore(path).remove(term)
    typer.echo(f"removed {entry.source} → {entry.preferred} from {path}")


@app.command("list")
def list_(
    glossary: List[str] = typer.Option([], "--glossary", "-g", help=_READ_HELP),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    type_: Optional[str] = typer.Option(None, "--type", "-t", help="Only this type: person | organisation | place | term."),
    status: Optional[str] = typer.Option(None, "--status", help="Only this status: approved | proposed | deprecated."),
    fmt: str = typer.Option("text", "--format", help="text | tsv | json."),
) -> None:
    """List the entries of the glossaries."""
    from ..errors import OptionError
    from ..glossary.store import STATUSES, TYPES, canonical_type, format_tsv

    fmt = fmt.lower()  # --format JSON is json, as a glossary file's .TSV is .tsv
    if fmt not in ("text", "tsv", "json"):
        raise OptionError(f"unknown format {fmt!r}; choose text, tsv or json")
    if type_ is not None:  # a misspelt filter listed nothing, as if there were no such entries
        type_ = canonical_type(type_)
        if type_ not in TYPES:
            raise OptionError(f"unknown --type {type_!r}; choose {', '.join(TYPES)}")
    if status is not None:
        status = status.lower()
        if status not in STATUSES:
            raise OptionError(f"unknown --status {status!r}; choose {', '.join(STATUSES)}")
    loaded = _load(glossary, no_default_glossaries)
    pairs = [(e, o) for e, o in zip(loaded.entries, loaded.origins or [None] * len(loaded.entries))]
    pairs = [(e, o) for e, o in pairs if (type_ is None or e.type == type_) and (status is None or e.status == status)]
    if fmt == "tsv":
        typer.echo(format_tsv([e for e, _ in pairs]), nl=False)
    elif fmt == "json":
        rows = [{**e.to_row(), "glossary": str(o) if o else None} for e, o in pairs]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for entry, origin in pairs:
            typer.echo(_entry_line(entry, origin))


@app.command("show")
def show(
    term: str = typer.Argument(..., help="The term, in any script or variant form."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help=_READ_HELP),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
) -> None:
    """Show one entry in full, with the romanisations lint compares it against."""
    from ..errors import GlossaryError

    loaded = _load(glossary, no_default_glossaries)
    entry = loaded.lookup(term)
    if entry is None:
        raise GlossaryError(f"{term!r} is in none of the glossaries ({len(loaded.paths)} loaded)")
    for column, value in entry.to_row().items():
        typer.echo(f"{column:10} {value}")
    origin = loaded.origin(entry)
    if origin:
        typer.echo(f"{'file':10} {origin}")
    from pypinyin import Style, lazy_pinyin

    typer.echo(f"{'pinyin':10} {' '.join(lazy_pinyin(entry.source, style=Style.TONE))}")
    wade_giles = " ".join(lazy_pinyin(entry.source, style=Style.WADEGILES)).replace("v", "ü")  # pypinyin writes ü as v
    typer.echo(f"{'wade-giles':10} {wade_giles}")


@app.command("lint")
def lint(
    glossary: List[str] = typer.Option([], "--glossary", "-g", help=_READ_HELP),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    no_plausibility: bool = typer.Option(False, "--no-plausibility", help="Skip the is-this-a-plausible-rendering warnings."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too, not only errors."),
) -> None:
    """Find duplicates, conflicts and implausible renderings. Exit 1 on errors (--strict: on warnings)."""
    from ..glossary.lint import lint_glossary, summarise

    loaded = _load(glossary, no_default_glossaries)
    issues = lint_glossary(loaded, plausibility=not no_plausibility)
    for issue in issues:
        typer.echo(issue.format())
    errors, warnings = summarise(issues)
    typer.echo(f"{len(loaded.entries)} entries in {len(loaded.paths)} file(s): {errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command("merge")
def merge(
    inputs: List[Path] = typer.Argument(..., help="Glossaries to merge (TSV, CSV or TBX)."),
    output_to: str = typer.Option(..., "--output", "-o", help="Where to write the merged glossary (format from the extension)."),
    on_conflict: str = typer.Option("error", "--on-conflict", help="One term, two preferred renderings, or a rendering one allows and another forbids: error | first | last."),
) -> None:
    """Merge glossaries into one; same-term entries are united."""
    from ..errors import GlossaryError
    from ..glossary.exchange import export_file, import_file
    from ..glossary.store import contradictions, merge_entries
    from .common import output_path, refuse_stdout, validate_output_paths

    output = output_path(output_to, "--output")
    refuse_stdout(output, "--output")
    validate_output_paths(output)
    merged, conflicts = merge_entries([import_file(p) for p in inputs], on_conflict=on_conflict)
    if conflicts:
        for first, second in conflicts:
            if first.preferred != second.preferred:
                typer.echo(f"conflict: {first.source} → {first.preferred!r} vs {second.source} → {second.preferred!r}", err=True)
            else:
                both = ", ".join(repr(x) for x in contradictions(first, second))
                typer.echo(f"conflict: {first.source}: {both} allowed in one glossary and forbidden in another", err=True)
        raise GlossaryError(f"{len(conflicts)} conflict(s); resolve them or use --on-conflict first|last")
    export_file(merged, output)
    typer.echo(f"wrote {len(merged)} entries to {output}")


@app.command("import")
def import_(
    source: Path = typer.Argument(..., help="A CSV, TBX or TSV glossary to import."),
    glossary: Optional[str] = typer.Option(None, "--glossary", "-g", envvar="TRANSCOMPARE_GLOSSARY", help=_TARGET_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv | tbx | tsv (default: from the extension)."),
    on_conflict: str = typer.Option("error", "--on-conflict", help="Term already there: error | replace | skip | merge."),
) -> None:
    """Import entries into a glossary TSV (locked and atomic)."""
    from ..glossary.exchange import import_file
    from ..glossary.store import GlossaryStore

    path = _target(glossary)
    entries = import_file(source, fmt)
    added = GlossaryStore(path).add_many(entries, on_conflict=on_conflict)
    typer.echo(f"imported {len(added)} of {len(entries)} entries into {path}")


@app.command("export")
def export(
    output_to: str = typer.Argument(..., help="Where to write: .csv, .tbx or .tsv."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help=_READ_HELP),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv | tbx | tsv (default: from the extension)."),
) -> None:
    """Export glossaries to CSV or TBX-Basic (import gives back exactly the same entries)."""
    from ..glossary.exchange import export_file
    from .common import output_path, refuse_stdout, validate_output_paths

    output = output_path(output_to, "OUTPUT")
    refuse_stdout(output, "OUTPUT")
    validate_output_paths(output)
    loaded = _load(glossary, no_default_glossaries)
    export_file(loaded.entries, output, fmt)
    typer.echo(f"wrote {len(loaded.entries)} entries to {output}")


@app.command("suggest")
def suggest(
    inputs: List[str] = typer.Argument(None, help="Comparison JSON files (compare --json) or corpus case folders."),
    original: List[str] = typer.Option([], "--original", help="An original to align on the fly with the --edition at the same position (repeatable)."),
    edition: List[str] = typer.Option([], "--edition", help="Its English edition (repeatable, paired with --original in order)."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help="Known glossaries, whose terms are not proposed again (repeatable)."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    to: Optional[str] = typer.Option(None, "--to", envvar="TRANSCOMPARE_GLOSSARY", help="Glossary TSV that accepted candidates go to."),
    top: int = typer.Option(20, "--top", min=0, help="How many candidates to show."),
    min_score: float = typer.Option(0.3, "--min-score", help="Hide candidates scoring below this (0..1)."),
    min_count: int = typer.Option(1, "--min-count", help="Beads a pair must share."),
    accept_all: bool = typer.Option(False, "--accept-all", help="Add every candidate shown, without asking."),
    status: str = typer.Option("proposed", "--status", help="Status of added entries: approved | proposed | deprecated."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner for --original/--edition pairs and case folders: engine (default), engine-centred, gale-church."),
) -> None:
    """Mine candidate term pairs from aligned editions; accept them one by one or in bulk."""
    from ..errors import OptionError
    from ..glossary import load_glossaries
    from ..glossary.store import GlossaryStore
    from ..glossary.suggest import load_units
    from ..glossary.suggest import suggest as mine

    from ..glossary.store import STATUSES

    if status.lower() not in STATUSES:  # before the mining and the questions, not at the end
        raise OptionError(f"unknown --status {status!r}; choose {', '.join(STATUSES)}")
    status = status.lower()
    if len(original) != len(edition):
        raise OptionError(f"{len(original)} --original but {len(edition)} --edition; give them in pairs")
    pair = list(zip(original, edition))
    if not inputs and not pair:
        raise OptionError("give comparison JSON files, corpus case folders or --original ORIGINAL --edition EDITION")
    if to is not None:
        _target(to, "--to")  # before the mining, not after
    known = load_glossaries(glossary, defaults=not no_default_glossaries)
    units = load_units(inputs or [], pair, aligner)
    candidates = [c for c in mine(units, known, min_count=min_count) if c.score >= min_score][:top]
    if not candidates:
        typer.echo(f"no candidates at --min-score {min_score} from {len(units)} bead(s)")
        return
    chosen = []
    for n, cand in enumerate(candidates, 1):
        typer.echo(f"{n:>3}. {cand.zh} → {cand.en}  [{cand.type}]  score {cand.score:.2f}  ({cand.count} of {cand.zh_count} bead(s), affinity {cand.affinity:.2f})")
        typer.echo(f"     zh: {cand.example.zh.strip()[:120]}")
        typer.echo(f"     en: {cand.example.en.strip()[:160]}")
        if cand.alternatives:
            typer.echo("     or: " + "; ".join(f"{e} ({s:.2f})" for e, s in cand.alternatives))
        if accept_all:
            chosen.append(cand)
        elif to is not None:
            try:
                if typer.confirm(f"     add {cand.zh} → {cand.en}?", default=False):
                    chosen.append(cand)
            except typer.Abort:
                if sys.stdin.isatty():
                    raise
                # Answers piped in ran out: the rest are declined and the accepted ones kept
                # (this ended in "Aborted.", exit 1, and nothing written).
                typer.echo(f"no answer for candidate {n} on standard input; the rest are not added", err=True)
                break
    if not chosen:
        return
    if to is None:
        raise OptionError("say where accepted candidates go: --to FILE (or set TRANSCOMPARE_GLOSSARY)")
    added = GlossaryStore(_target(to, "--to")).add_many([c.to_entry(status) for c in chosen], on_conflict="skip")
    typer.echo(f"added {len(added)} entr{'y' if len(added) == 1 else 'ies'} to {to}")


@app.command("check")
def check(
    edition: str = typer.Argument(..., help="The edition to check (file, URL or -)."),
    original: Optional[str] = typer.Option(None, "--original", help="Its original: align and tie each finding to the Chinese term."),
    glossary: List[str] = typer.Option([], "--glossary", "-g", help=_READ_HELP),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load glossaries/*.tsv."),
    json_to: Optional[str] = typer.Option(None, "--json", help="Write the findings as JSON here (a folder: EDITION's name .glossary.json in it)."),
    aligner: Optional[str] = typer.Option(None, "--aligner", help="Aligner (with --original): engine (default), engine-centred, gale-church."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection."),
) -> None:
    """Hold an edition to the glossaries: forbidden and misspelt renderings (exit 1 if any)."""
    from ..fileio import atomic_write
    from ..glossary.check import check_edition
    from ..model import _plain
    from ..errors import OptionError
    from .common import output_path, refuse_stdout, source_stem, validate_output_paths

    json_path = output_path(json_to, "--json", f"{source_stem(edition)}.glossary.json")
    refuse_stdout(json_path, "--json")
    validate_output_paths(json_path, inputs=[edition, *([original] if original else [])])
    if aligner is not None and original is None:
        raise OptionError("--aligner applies only with --original (the edition alone is not aligned)")
    ed, findings = check_edition(edition, glossary, not no_default_glossaries, original, aligner, encoding)
    for f in findings:
        span = f.edition_spans[0] if f.edition_spans else None
        line = ed.text.count("\n", 0, span.start) + 1 if span else 0
        typer.echo(f"{ed.source}:{line}: {f.severity}: {f.explanation}")
    if json_path:
        payload = {"edition": ed.source, "original": original, "findings": [_plain(f) for f in findings]}
        atomic_write(json_path, json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    typer.echo(f"{len(findings)} glossary finding(s) in {ed.source}", err=True)
    if findings:
        raise typer.Exit(1)
