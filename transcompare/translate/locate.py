"""Find a model on this machine without touching the network, and name it exactly.

A model is a hub id (looked up in the local Hugging Face cache only) or a directory. Its
identity, the name plus a revision or a content hash, keys the translation cache, so a
changed model never serves stale translations.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from .config import models_dir

MARKER = "transcompare.json"  # written by `models convert` into a CTranslate2 directory


@dataclass(frozen=True)
class ModelRef:
    """A model directory on disk, what kind it is, and its identity."""

    name: str  # hub id or directory name, for people
    path: Path
    kind: str  # "ct2" | "transformers"
    identity: str  # name@revision or name@sha256:... ; keys the cache
    model_type: str = ""  # transformers config model_type ("marian", "m2m_100", ...), "" if unknown


def is_ct2_dir(path: Path) -> bool:
    """CTranslate2 models are a model.bin beside a config.json (with no transformers model_type)."""
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def is_transformers_dir(path: Path) -> bool:
    if not (path / "config.json").is_file() or (path / "model.bin").is_file():
        return False
    return any(path.glob("*.safetensors")) or any(path.glob("pytorch_model*.bin")) or any(path.glob("*.safetensors.index.json"))


def safe_name(name: str) -> str:
    """"Helsinki-NLP/opus-mt-zh-en" -> "Helsinki-NLP--opus-mt-zh-en" (a folder name)."""
    return name.strip("/").replace("/", "--")


def content_hash(path: Path) -> str:
    """sha256 over the directory's files (names and bytes), the marker excluded; memoised by stat."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.name != MARKER and not p.name.startswith("."))
    stat_key = tuple((str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    memo = _HASH_MEMO.get((str(path.resolve()), stat_key))
    if memo:
        return memo
    digest = hashlib.sha256()
    for p in files:
        digest.update(str(p.relative_to(path)).encode("utf-8") + b"\0")
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    value = digest.hexdigest()
    _HASH_MEMO[(str(path.resolve()), stat_key)] = value
    return value


_HASH_MEMO: dict[tuple, str] = {}


def read_marker(path: Path) -> dict:
    try:
        return json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _model_type(path: Path) -> str:
    try:
        return str(json.loads((path / "config.json").read_text(encoding="utf-8")).get("model_type", ""))
    except (OSError, ValueError):
        return ""


def describe_dir(path: Path, name: str | None = None, revision: str | None = None) -> ModelRef:
    """A ModelRef for a model directory; ModelError when it holds no model we can load."""
    path = path.expanduser()
    if is_ct2_dir(path):
        marker = read_marker(path)
        identity = marker.get("identity") or f"{path.name}@sha256:{content_hash(path)[:16]}"
        return ModelRef(name or marker.get("source", path.name), path, "ct2", identity, marker.get("model_type", ""))
    if is_transformers_dir(path):
        label = name or path.name
        identity = f"{label}@{revision[:12]}" if revision else f"{label}@sha256:{content_hash(path)[:16]}"
        return ModelRef(label, path, "transformers", identity, _model_type(path))
    raise ModelError(
        f"{path} is not a model directory (expected a transformers model with config.json and weights, "
        "or a CTranslate2 model with model.bin)"
    )


def hub_snapshot(repo_id: str, revision: str | None = None) -> Path | None:
    """The repo's snapshot in the local Hugging Face cache, or None; never goes online."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:
        return None
    try:
        return Path(snapshot_download(repo_id, revision=revision, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None
    except Exception:  # a malformed id or cache: treat as absent, the caller explains
        return None


def local_copy(name: str) -> Path | None:
    """A model copied into the models directory by hand ("Helsinki-NLP--opus-mt-zh-en"), if any."""
    candidate = models_dir() / safe_name(name)
    return candidate if candidate.is_dir() else None


def converted_copies(identity: str) -> list[Path]:
    """CTranslate2 conversions in the models directory made from the model with this identity."""
    root = models_dir()
    if not root.is_dir():
        return []
    found = []
    for child in sorted(root.iterdir()):
        if child.is_dir() and is_ct2_dir(child) and read_marker(child).get("source_identity") == identity:
            found.append(child)
    return found


def locate(spec: str) -> ModelRef:
    """Resolve a model spec (directory or hub id) to a ModelRef, offline; ModelError if absent."""
    path = Path(spec).expanduser()
    if path.is_dir():
        return describe_dir(path)
    if path.exists():  # a file (the article, a model.bin): "does not exist" would mislead
        raise ModelError(f"{spec} is a file, not a model directory")
    if spec.startswith((".", "/", "~")) or path.suffix:
        raise ModelError(f"model directory {spec} does not exist")
    copy = local_copy(spec)
    if copy is not None:
        marker = read_marker(copy)
        return describe_dir(copy, name=spec, revision=marker.get("revision"))
    snapshot = hub_snapshot(spec)
    if snapshot is not None:
        return describe_dir(snapshot, name=spec, revision=snapshot.name)
    raise ModelError(
        f"MT model {spec!r} is not on this machine (looked in {models_dir()} and the Hugging Face cache); "
        f"run `transcompare models pull {spec}` where there is a network, or pass a model directory"
    )
