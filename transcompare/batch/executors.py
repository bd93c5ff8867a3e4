"""Where cases run: in this process, a local process pool, or a Dask cluster, behind one interface.

Every executor offers ``map`` (the Executor protocol: results in input order) and
``as_completed`` (``(index, result)`` pairs as they finish, so the runner can record each case the
moment it is done). Items are pulled lazily and at most ``window`` are in flight, so a corpus of
thousands of cases never sits in memory at once. A result is the function's return value, or the
exception that the executor itself raised (a worker that died), never raised here.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator

from ..errors import OptionError
from ..pipeline import CompareOptions

ENGINES = ("serial", "local", "dask")


class _Ordered:
    """``map`` in input order on top of ``as_completed``; exceptions are raised in order."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        buffer: dict[int, Any] = {}
        next_index = 0
        for index, result in self.as_completed(fn, items):
            buffer[index] = result
            while next_index in buffer:
                value = buffer.pop(next_index)
                next_index += 1
                if isinstance(value, BaseException):
                    raise value
                yield value

    def as_completed(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def close(self) -> None:
        """Release workers; safe to call twice."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialExecutor(_Ordered):
    """Runs each case here, one after another: the reference, and the easiest to debug."""

    name = "serial"

    def __init__(self, options: CompareOptions | None = None, warm: bool = True):
        self.workers = 1
        if warm and options is not None:
            from .tasks import warm_up

            warm_up(options)

    def as_completed(self, fn, items):
        for index, item in enumerate(items):
            try:
                result = fn(item)
            except Exception as err:  # same contract as the pools: the failure is the result
                result = err
            yield index, result


class LocalExecutor(_Ordered):
    """A process pool on this machine; each worker loads the models once, in its initializer."""

    name = "local"

    def __init__(self, workers: int | None = None, options: CompareOptions | None = None, window: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.window = window or 2 * self.workers
        # One thread per worker: for short articles, cases in parallel beat intra-op threads, and
        # OpenMP threads spin badly on a busy machine (OMP_NUM_THREADS, if set, wins).
        self._threads = 1
        self._options = options  # None: no models to warm (plain functions)
        self._pool = self._new_pool()

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .tasks import configure_threads, warm_up

        if self._options is not None:
            init, args = warm_up, (self._options, self._threads)
        else:
            init, args = configure_threads, (self._threads,)
        # spawn, not fork: model engines keep threads that a forked child would inherit half-dead.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start,
            initargs=(os.getpid(), init, *args),
        )

    def as_completed(self, fn, items):
        """A worker that dies (a crash in native code) breaks the pool: start a new one and give
        the cases that were in flight one more try, so one bad case cannot fail the rest."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        source = enumerate(items)
        pending: dict[Any, tuple[int, Any, int]] = {}  # future -> (index, item, tries)
        retry: list[tuple[int, Any, int]] = []

        def fill() -> None:
            while len(pending) < self.window:
                if retry:
                    index, item, tries = retry.pop(0)
                else:
                    try:
                        index, item = next(source)
                    except StopIteration:
                        return
                    tries = 0
                pending[self._pool.submit(fn, item)] = (index, item, tries)

        fill()
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                done, _ = wait(list(pending))  # the rest fail with it, at once
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = self._new_pool()
            for future in sorted(done, key=lambda f: pending[f][0]):
                index, item, tries = pending.pop(future)
                error = future.exception()
                if isinstance(error, BrokenProcessPool) and tries == 0:
                    retry.append((index, item, 1))
                    continue
                yield index, error if error is not None else future.result()
            fill()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int, init: Callable[..., None], *args: Any) -> None:
    """Pool initializer: ``init(*args)``, and leave when the client dies. A run killed with
    SIGKILL cannot shut its pool down, and its workers would wait on the task queue forever,
    each holding its models in memory."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="watch-client", daemon=True).start()
    init(*args)


class DaskExecutor(_Ordered):
    """A Dask distributed cluster at ``address``, or a LocalCluster of ``workers`` when none is given."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None, options: CompareOptions | None = None,
                 window: int | None = None, connect_timeout: float = 15.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise OptionError("the dask engine needs Dask distributed: pip install 'transcompare[batch]'") from None
        import logging

        from .dask_plugin import WarmUpPlugin

        self._cluster = None
        threads = 1  # as in LocalExecutor; a worker started with OMP_NUM_THREADS keeps its own
        if address:
            _probe(address)
            try:
                self._client = Client(address, timeout=connect_timeout)
            except (OSError, TimeoutError) as err:
                raise OptionError(f"cannot reach the Dask scheduler at {address} ({err}); is `dask scheduler` running?") from None
        else:
            n = max(1, workers or os.cpu_count() or 1)
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                         silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        self.address = self._client.scheduler.address
        info = self._client.scheduler_info()
        self.workers = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1
        self.window = window or 2 * self.workers + 2
        self._client.register_plugin(WarmUpPlugin(options or CompareOptions(), threads), name="transcompare-warm-up")

    def as_completed(self, fn, items):
        from distributed import as_completed

        source = enumerate(items)
        index_of: dict[str, int] = {}
        running = as_completed()

        def submit_one() -> bool:
            try:
                index, item = next(source)
            except StopIteration:
                return False
            future = self._client.submit(fn, item, pure=False)
            index_of[future.key] = index
            running.add(future)
            return True

        for _ in range(self.window):
            if not submit_one():
                break
        for future in running:
            index = index_of.pop(future.key)
            try:
                result = future.result()
            except Exception as err:  # the worker died or the cluster went away: the case records it
                result = err
            future.release()
            yield index, result
            submit_one()

    def close(self) -> None:
        if getattr(self, "_client", None) is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail fast on a refused tcp:// address (the Dask client would otherwise retry until its timeout)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp" or not parts.hostname:
        return
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=timeout):
            pass
    except OSError as err:
        raise OptionError(f"cannot reach the Dask scheduler at {address} ({err.strerror or err}); is `dask scheduler` running?") from None


def check_engine(engine: str, workers: int | None = None, address: str | None = None) -> None:
    """Fail before any work on an engine choice that cannot run."""
    if engine not in ENGINES:
        raise OptionError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise OptionError(f"--workers must be at least 1, not {workers}")
    if address and engine != "dask":
        raise OptionError("--scheduler is only for --engine dask")
    if engine == "serial" and workers not in (None, 1):
        raise OptionError(f"--engine serial runs one case at a time; drop --workers {workers} or use --engine local")


def get_executor(engine: str, workers: int | None = None, address: str | None = None,
                 options: CompareOptions | None = None) -> _Ordered:
    """Build the executor for ``--engine``; a bad choice is an OptionError, not a traceback."""
    check_engine(engine, workers, address)
    if engine == "serial":
        return SerialExecutor(options)
    if engine == "local":
        return LocalExecutor(workers, options)
    if engine == "dask":
        return DaskExecutor(address, workers, options)
    raise OptionError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
