"""Exporters: one dict (Comparison.to_dict()) in, one file's bytes out, chosen by name."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import OptionError
from ..fileio import atomic_write
from ..protocols import Exporter

EXPORTERS: dict[str, str] = {
    "json": "transcompare.report.json:JsonExporter",
    "html": "transcompare.report.html:HtmlExporter",
    "tsv": "transcompare.report.tsv:TsvExporter",
    "tmx": "transcompare.report.tmx:TmxExporter",
    "xliff": "transcompare.report.tmx:XliffExporter",
}


def get_exporter(name: str) -> Exporter:
    try:
        module_name, _, cls_name = EXPORTERS[name].partition(":")
    except KeyError:
        raise OptionError(f"unknown output format {name!r}; choose from {', '.join(sorted(EXPORTERS))}") from None
    return getattr(importlib.import_module(module_name), cls_name)()


def export(data: dict, fmt: str, path: str | Path) -> None:
    atomic_write(path, get_exporter(fmt).render(data))
