"""A tiny MarianMT zh->en built at test time, so MT tests exercise real loading, batching,
caching and conversion with no network and no downloaded weights.

Two sentencepiece models are trained on the few lines below, a MarianConfig with tiny
dimensions is randomly initialised, and ~150 steps of Adam teach it to reproduce its
training pairs. The project wrote every line here.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

#: (Chinese, English) pairs the tiny model memorises.
PAIRS = [
    ("市长周三宣布新计划。", "The mayor announced a new plan on Wednesday."),
    ("工厂去年生产了三万辆汽车。", "The factory made thirty thousand cars last year."),
    ("警方说没有人受伤。", "Police said nobody was hurt."),
    ("会议将在北京举行。", "The meeting will be held in Beijing."),
    ("他说经济正在好转。", "He said the economy is improving."),
    ("学校明天关闭。", "Schools close tomorrow."),
    ("价格上涨了百分之五。", "Prices rose five percent."),
    ("记者在现场看到大火。", "Reporters at the scene saw a large fire."),
    ("部长拒绝发表评论。", "The minister declined to comment."),
    ("火车晚点两个小时。", "The train was two hours late."),
    ("农民希望下雨。", "Farmers hope for rain."),
    ("银行周五降低利率。", "The bank cut rates on Friday."),
]

SEED = 1234
STEPS = 100


def _train_spm(lines: list[str], vocab_size: int, coverage: float) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=coverage,
        model_type="unigram",
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _pieces(spm_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size())]


def build_tiny_marian(out_dir: str | Path, steps: int = STEPS) -> Path:
    """Train, save (model + MarianTokenizer files) and return the model directory."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    zh = [z for z, _ in PAIRS]
    en = [e for _, e in PAIRS]
    src_spm = _train_spm(zh, 120, 1.0)
    tgt_spm = _train_spm(en, 120, 1.0)
    (out / "source.spm").write_bytes(src_spm)
    (out / "target.spm").write_bytes(tgt_spm)
    # Marian's layout: </s> = 0, <unk> = 1, the joint pieces, <pad> last (the decoder start).
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in _pieces(src_spm) + _pieces(tgt_spm):
        if piece not in vocab and piece not in ("<s>", "<pad>") and not piece.startswith("<"):
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "install sacremoses": not needed for these lines
        tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"))
    tokenizer.save_pretrained(out)

    torch.manual_seed(SEED)
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=64,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=64,
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        num_beams=1,
        max_length=64,
    )
    model = MarianMTModel(config)
    pad_row = model.get_input_embeddings().weight
    batch = tokenizer(zh, text_target=en, padding=True, return_tensors="pt")
    labels = batch["labels"].masked_fill(batch["labels"] == config.pad_token_id, -100)
    optim = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(steps):
        optim.zero_grad()
        loss = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels).loss
        loss.backward()
        optim.step()
        with torch.no_grad():  # the decoder starts from <pad>: a zero row, as in released Marian models
            pad_row[config.pad_token_id].zero_()
    model.eval()
    model.save_pretrained(out)
    return out


_BUILT: dict[str, Path] = {}


def tiny_marian_once(root: Path) -> Path:
    """Build at most once per test process, however many test modules ask for it."""
    if "model" not in _BUILT:
        _BUILT["model"] = build_tiny_marian(Path(root) / "tiny-marian")
    return _BUILT["model"]


if __name__ == "__main__":  # build one by hand: python tests/mt/tiny_marian.py DIR
    import sys

    print(build_tiny_marian(sys.argv[1] if len(sys.argv) > 1 else "tiny-marian"))
