"""Where MT settings come from: flag > environment > config file, and where models live.

The config file is TOML, ``$TRANSCOMPARE_CONFIG`` or ``~/.config/transcompare/config.toml``::

    [mt]
    model = "Helsinki-NLP/opus-mt-zh-en"   # hub id or a model directory
    backend = "auto"                        # auto | ct2 | transformers
    beam_size = 4
    models_dir = "~/models/transcompare"
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OptionError
from ..fileio import cache_dir  # one definition of where caches live

ENV_MODEL = "TRANSCOMPARE_MT_MODEL"
ENV_BACKEND = "TRANSCOMPARE_MT_BACKEND"
ENV_BEAM = "TRANSCOMPARE_MT_BEAM"
ENV_CONFIG = "TRANSCOMPARE_CONFIG"
ENV_MODELS_DIR = "TRANSCOMPARE_MODELS"
ENV_CACHE = "TRANSCOMPARE_CACHE"

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-zh-en"
BACKENDS = ("auto", "ct2", "transformers")
DEFAULT_BEAM = 2  # half the work of 4 on both backends; see README "mt" (benchmark)


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    return Path(env).expanduser() if env else Path.home() / ".config" / "transcompare" / "config.toml"


def read_config() -> dict[str, Any]:
    """The ``[mt]`` table of the config file, or {} when there is none."""
    path = config_path()
    if not path.is_file():
        return {}
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise OptionError(f"cannot read config file {path}: {err}") from None
    mt = data.get("mt", {})
    if not isinstance(mt, dict):
        raise OptionError(f"{path}: [mt] must be a table")
    return mt


@dataclass(frozen=True)
class MTSettings:
    """The resolved MT choice; ``source`` says which layer chose the model (for messages)."""

    model: str | None
    backend: str = "auto"
    beam_size: int = DEFAULT_BEAM
    source: str = "none"  # flag | env | config | none


def resolve_settings(model: str | None = None, backend: str | None = None, beam_size: int | None = None) -> MTSettings:
    """Apply the precedence flag > environment variable > config file to each setting."""
    cfg = read_config()
    if model:
        chosen, source = model, "flag"
    elif os.environ.get(ENV_MODEL):
        chosen, source = os.environ[ENV_MODEL], "env"
    elif cfg.get("model"):
        chosen, source = str(cfg["model"]), "config"
    else:
        chosen, source = None, "none"
    backend = backend or os.environ.get(ENV_BACKEND) or str(cfg.get("backend", "auto"))
    if backend not in BACKENDS:
        raise OptionError(f"unknown MT backend {backend!r}; choose from {', '.join(BACKENDS)}")
    beam = beam_size if beam_size is not None else os.environ.get(ENV_BEAM) or cfg.get("beam_size", DEFAULT_BEAM)
    try:
        beam = int(beam)
    except (TypeError, ValueError):
        raise OptionError(f"beam size must be a whole number, not {beam!r}") from None
    if beam < 1:
        raise OptionError(f"beam size must be at least 1, not {beam}")
    return MTSettings(chosen, backend, beam, source)


def models_dir() -> Path:
    """Where `models convert` puts models (and hand-copied ones are found): env, config, or the cache."""
    env = os.environ.get(ENV_MODELS_DIR)
    if env:
        return Path(env).expanduser()
    cfg = read_config().get("models_dir")
    if cfg:
        return Path(str(cfg)).expanduser()
    return cache_dir() / "models"




def cache_path() -> Path:
    return cache_dir() / "mt.sqlite"
