"""Model management behind `transcompare models`: what is on this machine, and pulling more."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from .config import models_dir
from .locate import ModelRef, describe_dir, is_ct2_dir, is_transformers_dir

SEQ2SEQ_TYPES = {"marian", "m2m_100", "nllb", "mbart", "t5", "mt5", "bart", "fsmt"}
SKIP_FILES = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "tf_*", "flax_*", "rust_*", "*.tflite"]


@dataclass(frozen=True)
class ListedModel:
    kind: str
    name: str
    identity: str
    path: Path


def available_models() -> list[ListedModel]:
    """Models in the models dir and seq2seq snapshots in the HF cache; no network."""
    rows: list[ListedModel] = []
    root = models_dir()
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.is_dir() and (is_ct2_dir(child) or is_transformers_dir(child)):
                try:
                    ref = describe_dir(child)
                except ModelError:
                    continue
                rows.append(ListedModel(ref.kind, ref.name, ref.identity, ref.path))
    for ref in _hub_cache_models():
        rows.append(ListedModel(ref.kind, ref.name, ref.identity, ref.path))
    return rows


def _hub_cache_models() -> list[ModelRef]:
    try:
        from huggingface_hub import scan_cache_dir
    except ImportError:
        return []
    try:
        info = scan_cache_dir()
    except Exception:  # no cache yet, or one we cannot read: nothing to list
        return []
    refs = []
    for repo in sorted(info.repos, key=lambda r: r.repo_id):
        if repo.repo_type != "model":
            continue
        for rev in sorted(repo.revisions, key=lambda r: r.commit_hash):
            path = Path(rev.snapshot_path)
            if is_transformers_dir(path):
                ref = describe_dir(path, name=repo.repo_id, revision=rev.commit_hash)
                if ref.model_type in SEQ2SEQ_TYPES:
                    refs.append(ref)
    return refs


def pull_model(repo_id: str, revision: str | None = None) -> Path:
    """Download into the HF cache with progress bars; fails in seconds, with one line, when offline."""
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "30")
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        raise ModelError(f"cannot pull {repo_id}: HF_HUB_OFFLINE is set; unset it where there is a network")
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, revision=revision, ignore_patterns=SKIP_FILES))
    except Exception as err:  # network, auth, missing repo: one line the user can act on
        text = str(err).strip().splitlines()[0] if str(err).strip() else ""
        raise ModelError(f"cannot pull {repo_id}: {type(err).__name__}: {text}") from None
