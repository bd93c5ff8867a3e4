"""CTranslate2 backend: a converted model directory, int8 on CPU by default (the fast path)."""

from __future__ import annotations

import os

from ..errors import ModelError
from .config import DEFAULT_BEAM
from .backend import Seq2SeqTranslator, _first_line
from .locate import ModelRef, read_marker


class CT2Translator(Seq2SeqTranslator):
    """Beam search in CTranslate2 with the model's own (transformers) tokenizer around it."""

    name = "ct2.v1"

    def __init__(self, ref: ModelRef, beam_size: int = DEFAULT_BEAM, compute_type: str = "int8", threads: int | None = None, **options):
        import ctranslate2

        super().__init__(ref, beam_size=beam_size, **options)
        self.precision = compute_type
        try:
            self.translator = ctranslate2.Translator(
                str(ref.path), device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=threads or (os.cpu_count() or 1)
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelError(f"cannot load CTranslate2 model {ref.path}: {_first_line(err)}") from None
        self.set_max_positions(int(read_marker(ref.path).get("max_positions", 512)))

    def _generate(self, texts: list[str], src_lang: str, tgt_lang: str, max_new_tokens: int) -> list[str]:
        source = [self.tokenizer.convert_ids_to_tokens(self.tokenizer(t)["input_ids"]) for t in texts]
        start = self.codes.target_token(tgt_lang)
        kwargs = {"beam_size": self.beam_size, "num_hypotheses": 1, "max_batch_size": 0}
        if self.fixed_length:
            kwargs.update(min_decoding_length=self.fixed_length, max_decoding_length=self.fixed_length)
        else:
            kwargs["max_decoding_length"] = max_new_tokens
        if start is not None:
            kwargs["target_prefix"] = [[start]] * len(texts)
        results = self.translator.translate_batch(source, **kwargs)
        outputs = []
        for result in results:
            tokens = result.hypotheses[0]
            if start is not None and tokens[:1] == [start]:
                tokens = tokens[1:]
            ids = self.tokenizer.convert_tokens_to_ids(tokens)
            outputs.append(self.tokenizer.decode(ids, skip_special_tokens=True))
        return outputs
