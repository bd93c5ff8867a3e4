"""Choose and load a translator: resolve the model offline, pick the fastest backend available,
wrap it in the translation cache. Also converts transformers models to CTranslate2.

Backend choice ("auto"): a CTranslate2 directory runs on CTranslate2; a transformers model
runs on CTranslate2 when a converted copy of that exact model (same identity) is in the
models directory and ctranslate2 is installed, else on transformers.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import warnings
from pathlib import Path

from ..errors import ModelError, OptionError
from ..fileio import atomic_write
from .cache import CachedTranslator, TranslationCache
from .config import DEFAULT_BEAM, DEFAULT_MODEL, MTSettings, models_dir, resolve_settings
from .locate import MARKER, ModelRef, converted_copies, describe_dir, locate, read_marker, safe_name


def has_ct2() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def choose_backend(ref: ModelRef, backend: str = "auto") -> tuple[ModelRef, str]:
    """(model to load, backend name) for the requested backend; ModelError when impossible."""
    if ref.kind == "ct2":
        if backend == "transformers":
            source = read_marker(ref.path).get("source_path")
            if source and Path(source).is_dir():
                return describe_dir(Path(source), name=ref.name), "transformers"
            raise ModelError(f"{ref.path} is a CTranslate2 model; pass the transformers model to use --backend transformers")
        if not has_ct2():
            raise ModelError("this is a CTranslate2 model but ctranslate2 is not installed (pip install 'transcompare[mt]')")
        return ref, "ct2"
    copies = converted_copies(ref.identity)
    if backend == "ct2" or (backend == "auto" and copies and has_ct2()):
        if not copies:
            raise ModelError(f"no CTranslate2 copy of {ref.name}; run `transcompare models convert {ref.name}` first")
        if not has_ct2():
            raise ModelError("ctranslate2 is not installed (pip install 'transcompare[mt]')")
        return describe_dir(copies[0]), "ct2"
    if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None:
        raise ModelError("MT needs torch and transformers (pip install 'transcompare[mt]')")
    return ref, "transformers"


def build_translator(ref: ModelRef, backend: str, beam_size: int = DEFAULT_BEAM, **options):
    """The bare backend (no cache), for benchmarks and tests."""
    if backend == "ct2":
        from .ct2 import CT2Translator

        return CT2Translator(ref, beam_size=beam_size, **options)
    from .hf import TransformersTranslator

    return TransformersTranslator(ref, beam_size=beam_size, **options)


def load_translator(model: str | None = None, backend: str | None = None, beam_size: int | None = None,
                    cache: TranslationCache | bool = True, settings: MTSettings | None = None):
    """A ready Translator for ``model`` (flag > env > config), cached unless ``cache`` is False."""
    settings = settings or resolve_settings(model, backend, beam_size)
    if not settings.model:
        raise ModelError(f"no MT model configured; pass --model/--mt-model or set TRANSCOMPARE_MT_MODEL (e.g. {DEFAULT_MODEL})")
    ref, chosen = choose_backend(locate(settings.model), settings.backend)
    translator = build_translator(ref, chosen, beam_size=settings.beam_size)
    if cache is False:
        return translator
    return CachedTranslator(translator, cache if isinstance(cache, TranslationCache) else TranslationCache())


def default_convert_dir(ref: ModelRef, quantization: str) -> Path:
    return models_dir() / f"{safe_name(ref.name)}-ct2-{quantization}"


class _LanguageTokensView:
    """A tokenizer as CTranslate2's M2M-100 converter expects it: under transformers 5 the language
    tokens (``__en__``) are no longer listed in ``special_tokens_map``, so the converted vocabulary
    would come out 100 tokens short. List them, in id order, as the converter reads them."""

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)

    @property
    def special_tokens_map(self) -> dict:
        mapping = dict(self._tokenizer.special_tokens_map)
        extra = list(mapping.get("additional_special_tokens", []))
        languages = sorted(getattr(self._tokenizer, "lang_token_to_id", {}).items(), key=lambda item: item[1])
        mapping["additional_special_tokens"] = extra + [token for token, _ in languages if token not in extra]
        return mapping


def _converter_class(base):
    class Converter(base):
        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return _LanguageTokensView(super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs))

    return Converter


def _max_positions(path: Path) -> int:
    try:
        return int(json.loads((path / "config.json").read_text(encoding="utf-8")).get("max_position_embeddings") or 512)
    except (OSError, ValueError, TypeError):
        return 512


def convert_model(spec: str, output: str | Path | None = None, quantization: str = "int8", force: bool = False) -> Path:
    """Convert a transformers seq2seq model to CTranslate2, with its tokenizer and a marker
    (source identity) so ``auto`` finds it again for that exact model."""
    if not has_ct2():
        raise ModelError("converting needs ctranslate2 (pip install 'transcompare[mt]')")
    ref = locate(spec)
    if ref.kind != "transformers":
        raise OptionError(f"{spec} is already a CTranslate2 model")
    out = Path(output).expanduser() if output else default_convert_dir(ref, quantization)
    if out.exists() and not out.is_dir():  # --force replaces a model directory, never a file
        raise OptionError(f"{out} is not a directory; give a directory for the CTranslate2 model")
    if out.exists() and any(out.iterdir()) and not force:
        raise OptionError(f"{out} exists; pass --force to replace it")
    from ctranslate2.converters import TransformersConverter
    from transformers.utils import logging as hf_logging

    from .backend import load_tokenizer

    hf_logging.disable_progress_bar()
    tokenizer = load_tokenizer(ref.path)
    tmp = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _converter_class(TransformersConverter)(str(ref.path)).convert(str(tmp), quantization=quantization, force=True)
            tokenizer.save_pretrained(str(tmp))
    except Exception as err:  # the converter lets loaders' own errors through (SafetensorError for corrupt weights)
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelError(f"cannot convert {spec} to CTranslate2: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}") from None
    identity = f"{ref.identity}+ct2-{quantization}"
    marker = {
        "source": ref.name,
        "source_path": str(ref.path),
        "source_identity": ref.identity,
        "identity": identity,
        "quantization": quantization,
        "model_type": ref.model_type,
        "max_positions": _max_positions(ref.path),
    }
    atomic_write(tmp / MARKER, json.dumps(marker, indent=2, sort_keys=True) + "\n")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.rename(out)  # whole directory appears at once
    return out
