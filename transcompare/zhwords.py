"""jieba, imported once and quietly: it logs its dictionary loading to stderr, which would
break the CLI's promise of clean output."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def jieba():
    import logging

    import jieba as module
    import jieba.posseg  # noqa: F401  (loaded here so every user gets the same initialised module)

    module.setLogLevel(logging.WARNING)
    module.initialize()
    return module
