"""What every seq2seq backend shares: tokenizer loading, long-sentence splitting, length buckets,
deterministic decoding settings, and a signature that names everything that changes the output."""

from __future__ import annotations

import re
import warnings
from typing import Sequence

from ..errors import ModelError
from .config import DEFAULT_BEAM
from .batching import length_buckets, split_long
from .langcodes import LanguageCodes
from .locate import ModelRef


# what a tokenizer is saved as: transformers' files, or the sentencepiece models Marian, M2M-100, NLLB and T5 use
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.json", "source.spm", "sentencepiece.bpe.model", "spiece.model", "tokenizer.model")


def load_tokenizer(path):
    """The model's own tokenizer, from local files only."""
    from pathlib import Path

    from transformers import AutoTokenizer

    folder = Path(path)
    if folder.is_dir() and not any((folder / name).is_file() for name in TOKENIZER_FILES):
        # transformers said "TypeError: expected str, bytes or os.PathLike object, not NoneType"
        raise ModelError(f"{path} has no tokenizer files ({', '.join(TOKENIZER_FILES[:4])} ...); copy them from the model it was made from")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. Marian's "install sacremoses" advice
            return AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    except Exception as err:  # transformers raises many kinds; the user needs one line
        raise ModelError(f"cannot load the tokenizer from {path}: {type(err).__name__}: {_first_line(err)}") from None


def fixed_pair(name: str, tokenizer) -> tuple[str, str] | None:
    """(source, target) of a one-pair model: the tokenizer's own source_lang/target_lang, else an
    ``opus-mt-SRC-TGT`` name; None for a many-to-many model or one that does not say."""
    src, tgt = getattr(tokenizer, "source_lang", None), getattr(tokenizer, "target_lang", None)
    if not (isinstance(src, str) and isinstance(tgt, str) and src and tgt):
        found = re.search(r"opus-mt-(?:[a-z]+-)*?([a-z]{2,3})-([a-z]{2,3})(?![\w-])", name)  # opus-mt-tc-big-zh-en too
        if not found:
            return None
        src, tgt = found.groups()
    return _base(src), _base(tgt)


#: Three-letter codes some one-pair models give (opus-mt-tc-*: "zho", "eng") for the two-letter ones used here.
_ISO3 = {"zho": "zh", "chi": "zh", "cmn": "zh", "yue": "zh", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de",
         "ger": "de", "jpn": "ja", "kor": "ko", "spa": "es", "rus": "ru"}


def _base(lang: str) -> str:
    from ..langs import normalise_lang

    code = normalise_lang(lang) or lang
    return _ISO3.get(code, code)


def _first_line(err: Exception, limit: int = 400) -> str:
    """The error on one line, all of it: transformers' first line alone read "Couldn't instantiate
    the backend tokenizer from one of:" and stopped there."""
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Seq2SeqTranslator:
    """Base class: subclasses implement ``_generate(texts, src_lang, tgt_lang, max_new_tokens, fixed_length)``."""

    name = "seq2seq"
    precision = "float32"

    def __init__(self, ref: ModelRef, beam_size: int = DEFAULT_BEAM, max_input_tokens: int = 256, max_batch_size: int = 32, max_batch_tokens: int = 4096):
        self.ref = ref
        self.beam_size = beam_size
        self.max_input_tokens = max_input_tokens
        self.max_batch_size = max_batch_size
        self.max_batch_tokens = max_batch_tokens
        self.tokenizer = load_tokenizer(ref.path)
        self.codes = LanguageCodes(self.tokenizer)
        self.pair = fixed_pair(ref.name, self.tokenizer)  # None: many-to-many, or the model does not say
        self.fixed_length: int | None = None  # benchmarks: decode exactly this many tokens
        self.max_positions = 512  # the model's position limit; subclasses read the real one

    def set_max_positions(self, limit: int) -> None:
        """Keep inputs and outputs inside the model's position table (no cut-off, no crash)."""
        self.max_positions = limit
        self.max_input_tokens = min(self.max_input_tokens, limit - 2)

    def signature(self) -> str:
        return f"{self.name}({self.ref.identity},{self.precision},beam{self.beam_size})"

    def count_tokens(self, text: str) -> int:
        # verbose=False: over-long texts are split before decoding, so the tokenizer's "indexing errors" warning would be false
        return len(self.tokenizer(text, verbose=False)["input_ids"])

    def translate(self, texts: Sequence[str], src_lang: str, tgt_lang: str) -> list[str]:
        """Translate each text; empty texts stay empty, over-long ones are split and rejoined."""
        if self.pair and (_base(src_lang), _base(tgt_lang)) != self.pair:
            # A zh-en model given English returns English "translations" that would be scored as MT.
            raise ModelError(f"{self.ref.name} translates {self.pair[0]} to {self.pair[1]}, not {src_lang} to {tgt_lang}")
        self.codes.set_source(src_lang)
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            if not text.strip():
                continue
            for piece in split_long(text, self.count_tokens, self.max_input_tokens):
                pieces.append(piece)
                owners.append(i)
        lengths = [self.count_tokens(p) for p in pieces]
        outputs = [""] * len(pieces)
        for batch in length_buckets(lengths, self.max_batch_size, self.max_batch_tokens):
            longest = max(lengths[i] for i in batch)
            max_new = min(self.max_positions - 2, int(longest * 2) + 10)
            for i, out in zip(batch, self._generate([pieces[i] for i in batch], src_lang, tgt_lang, max_new)):
                outputs[i] = out.strip()
        joined: list[list[str]] = [[] for _ in texts]
        for owner, out in zip(owners, outputs):
            joined[owner].append(out)
        return [" ".join(p for p in parts if p) for parts in joined]

    def _generate(self, texts: list[str], src_lang: str, tgt_lang: str, max_new_tokens: int) -> list[str]:
        raise NotImplementedError
