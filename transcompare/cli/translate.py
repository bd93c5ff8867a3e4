"""transcompare translate FILE [--model ...] [-o PATH]"""

from __future__ import annotations

import json
from typing import Optional

import typer

NAME = "translate"
HELP = "Machine-translate an article sentence by sentence (cached; see `transcompare models`)."
FORMATS = ("txt", "tsv", "json")


def command(
    file: str = typer.Argument(..., help="The article: file, URL or - for stdin."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory or hub id (env TRANSCOMPARE_MT_MODEL, else model in the config file's \\[mt] table)."),
    output_to: Optional[str] = typer.Option(None, "-o", "--output", help="Write here instead of stdout (- is stdout; a folder: FILE's name, the target language and the format's extension in it)."),
    fmt: str = typer.Option("txt", "--format", help="txt (one translation per line) | tsv (id, source, MT) | json."),
    backend: Optional[str] = typer.Option(None, "--backend", help="auto | ct2 | transformers (env TRANSCOMPARE_MT_BACKEND)."),
    beam_size: Optional[int] = typer.Option(None, "--beam-size", help="Beam size; 1 = greedy (default 2, env TRANSCOMPARE_MT_BEAM)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of the article, zh or en (zh-Hant, en-GB ... count as zh, en; detected if omitted)."),
    target: str = typer.Option("en", "--to", help="Target language."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Override encoding detection."),
    presplit: bool = typer.Option(False, "--presplit", help="Input is one sentence per line."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Translate everything afresh (and do not store it)."),
) -> None:
    from ..errors import OptionError
    from ..fileio import atomic_write
    from ..langs import is_chinese, normalise_lang
    from ..pipeline import read_edition
    from ..translate.config import resolve_settings
    from ..translate.engine import load_translator
    from .common import output_path, source_stem, validate_output_paths

    fmt = fmt.lower()  # --format JSON is json, as a glossary file's .TSV is .tsv
    if fmt not in FORMATS:
        raise OptionError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    output = output_path(output_to, "--output", f"{source_stem(file)}.{target}.{fmt}")
    validate_output_paths(output, inputs=[file])
    edition = read_edition(file, "original", lang, encoding, presplit)
    if normalise_lang(target) == normalise_lang(edition.lang) and "-" not in target.replace("_", "-"):
        # an English article "translated" into English came out as the model's garbage, exit 0
        raise OptionError(f"{file} is already in {edition.lang}; --to names the language to translate it into")
    settings = resolve_settings(model, backend, beam_size)
    translator = load_translator(settings=settings, cache=not no_cache)
    src_lang = "zh-Hant" if is_chinese(edition.lang) and edition.script == "Hant" else edition.lang
    texts = edition.sentence_texts()
    from .common import progress_reporter

    with progress_reporter() as say:
        if no_cache:
            say(f"translating {len(texts)} sentences")
            translations = translator.translate(texts, src_lang, target)
        else:
            translations = translator.translate(texts, src_lang, target, progress=lambda done, total: say(f"translated {done}/{total} new sentences"))
    if fmt == "txt":
        from ..segment import on_lines

        # --presplit: blank input lines come back blank, so output line N translates input line N
        lines = on_lines(edition, translations) if presplit else translations
        text = "".join(f"{t}\n" for t in lines)
    elif fmt == "tsv":
        clean = lambda s: " ".join(s.split())  # noqa: E731 - one line per sentence
        text = "id\tsource\tmt\n" + "".join(f"{s.id}\t{clean(s.text)}\t{clean(t)}\n" for s, t in zip(edition.sentences, translations))
    else:
        data = {
            "source": edition.source,
            "lang": edition.lang,
            "target_lang": target,
            "signature": translator.signature(),
            "sentences": [{"id": s.id, "source": s.text, "mt": t} for s, t in zip(edition.sentences, translations)],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if output and str(output) != "-":  # `-o -` is stdout, as for align
        atomic_write(output, text)
        typer.echo(f"wrote {output} ({len(translations)} sentences, {translator.signature()})", err=True)
    else:
        typer.echo(text, nl=False)
