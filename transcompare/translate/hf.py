"""transformers seq2seq backend: MarianMT, NLLB-200, M2M-100, mBART-50 (any AutoModelForSeq2SeqLM)."""

from __future__ import annotations

import warnings

from ..errors import ModelError
from .config import DEFAULT_BEAM
from .backend import Seq2SeqTranslator, _first_line
from .locate import ModelRef


class TransformersTranslator(Seq2SeqTranslator):
    """Greedy or beam search with ``model.generate``; no sampling, so output is deterministic."""

    name = "transformers.v1"

    def __init__(self, ref: ModelRef, beam_size: int = DEFAULT_BEAM, threads: int | None = None, **options):
        import torch
        from transformers import AutoModelForSeq2SeqLM
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # nothing below cli/ prints
        super().__init__(ref, beam_size=beam_size, **options)
        if threads:
            torch.set_num_threads(threads)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.model = AutoModelForSeq2SeqLM.from_pretrained(str(ref.path), local_files_only=True, dtype=torch.float32).eval()
        except Exception as err:
            raise ModelError(f"cannot load MT model {ref.path}: {type(err).__name__}: {_first_line(err)}") from None
        self.set_max_positions(getattr(self.model.config, "max_position_embeddings", 512) or 512)

    def _generate(self, texts: list[str], src_lang: str, tgt_lang: str, max_new_tokens: int) -> list[str]:
        import torch

        batch = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True, max_length=self.max_input_tokens + 2)
        kwargs = {"num_beams": self.beam_size, "do_sample": False, "num_return_sequences": 1}
        if self.fixed_length:
            kwargs.update(min_new_tokens=self.fixed_length, max_new_tokens=self.fixed_length)
        else:
            kwargs["max_new_tokens"] = max_new_tokens
        forced = self.codes.forced_bos_id(tgt_lang)
        if forced is not None:
            kwargs["forced_bos_token_id"] = forced
        with torch.inference_mode():
            out = self.model.generate(**batch, **kwargs).tolist()
        if forced is not None:  # the target-language token is not always a "special" token
            out = [[i for i in seq if i != forced] for seq in out]
        return self.tokenizer.batch_decode(out, skip_special_tokens=True)
