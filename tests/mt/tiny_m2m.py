"""A tiny M2M-100 built at test time, so the many-to-many path (source language token, forced
target language token, CTranslate2 target prefix) is exercised with no download.

Same recipe as tiny_marian: sentencepiece on a few lines, tiny dimensions, ~100 Adam steps.
"""

from __future__ import annotations

import json
from pathlib import Path

from tiny_marian import PAIRS, SEED, _pieces, _train_spm

STEPS = 100


def build_tiny_m2m(out_dir: str | Path, steps: int = STEPS) -> Path:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    zh = [z for z, _ in PAIRS]
    en = [e for _, e in PAIRS]
    joint = _train_spm(zh + en, 200, 1.0)  # M2M-100 shares one sentencepiece model
    (out / "sentencepiece.bpe.model").write_bytes(joint)
    vocab: dict[str, int] = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _pieces(joint):
        if piece not in vocab and not piece.startswith("<"):
            vocab[piece] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(str(out / "vocab.json"), str(out / "sentencepiece.bpe.model"), src_lang="zh", tgt_lang="en")
    tokenizer.save_pretrained(out)

    torch.manual_seed(SEED)
    config = M2M100Config(
        vocab_size=len(vocab) + len(tokenizer.lang_token_to_id) + 8,  # + language tokens + 8 made-up words
        d_model=64, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=128, decoder_ffn_dim=128, max_position_embeddings=64,
        dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, encoder_layerdrop=0.0, decoder_layerdrop=0.0,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, scale_embedding=True,
    )
    model = M2M100ForConditionalGeneration(config)
    batch = tokenizer(zh, text_target=en, padding=True, return_tensors="pt")
    labels = batch["labels"].masked_fill(batch["labels"] == config.pad_token_id, -100)
    optim = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(steps):
        optim.zero_grad()
        model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels).loss.backward()
        optim.step()
    model.eval()
    model.save_pretrained(out)
    return out


if __name__ == "__main__":
    import sys

    print(build_tiny_m2m(sys.argv[1] if len(sys.argv) > 1 else "tiny-m2m"))
