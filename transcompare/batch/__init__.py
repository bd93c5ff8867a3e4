"""Corpus runs: a manifest of cases through a local pool or a Dask cluster, resumable, aggregated.

``run_batch`` is the entry point (the ``transcompare batch`` command is a thin layer over it).
Heavy parts (process pools, Dask, the pipeline's models) load only when a run starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .runner import BatchOptions, BatchReport, ProgressEvent, run_batch


def __getattr__(name: str):
    if name in ("BatchOptions", "BatchReport", "ProgressEvent", "run_batch"):
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)


__all__ = ["BatchOptions", "BatchReport", "ProgressEvent", "run_batch"]
