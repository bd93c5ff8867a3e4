"""The Dask side of warm-up: a worker plugin that loads the models once when a worker joins."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from ..pipeline import CompareOptions


class WarmUpPlugin(WorkerPlugin):
    """Runs ``tasks.warm_up`` on every worker, present and future, before it takes cases."""

    idempotent = True

    def __init__(self, options: CompareOptions, threads: int | None = None):
        self.options = options
        self.threads = threads

    def setup(self, worker) -> None:
        from .tasks import warm_up

        warm_up(self.options, self.threads)
