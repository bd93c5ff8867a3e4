"""Benchmark the MT backends side by side: transformers (fp32) against CTranslate2 (int8).

A randomly initialised MarianMT with opus-mt-zh-en's real dimensions (6+6 layers, d_model
512, 8 heads, FFN 2048, vocabulary 65,001) stands in for the real model, which cannot be
downloaded here. Its sentencepiece models are trained on the corpora's Chinese and English
text, so inputs tokenise like news. Every backend gets the same sentences and decodes exactly
``--out-tokens`` tokens each (EOS suppressed), so the timings compare equal work. Both go
through transcompare's own translators (length buckets included), with no cache.

    .venv/bin/python scripts/bench_mt.py [--sentences 32] [--repeats 3] [--beam 2] [--out-tokens 32] [--threads 2]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VOCAB = 65001  # opus-mt-zh-en


def corpus_sentences(lang: str) -> list[str]:
    from transcompare.pipeline import read_edition

    out: list[str] = []
    for case in sorted((ROOT / "corpora").iterdir()):
        if not case.is_dir():
            continue
        data = json.loads((case / "case.json").read_text(encoding="utf-8"))
        entries = [data["original"], *data.get("editions", [])]
        for entry in entries:
            if entry.get("lang", "").split("-")[0] == lang and not entry.get("lang", "").endswith("hant"):
                out.extend(read_edition(str(case / entry["path"]), "x", lang).sentence_texts())
    return out


def train_spm(lines: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size, hard_vocab_limit=False,
        character_coverage=1.0, model_type="unigram", num_threads=1, minloglevel=2,
    )
    return model.getvalue()


def build_model(out: Path, zh: list[str], en: list[str]) -> Path:
    """opus-mt-zh-en's shape, random weights, tokenizer trained on the corpora."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    src, tgt = train_spm(zh, 4000), train_spm(en, 4000)
    (out / "source.spm").write_bytes(src)
    (out / "target.spm").write_bytes(tgt)
    vocab = {"</s>": 0, "<unk>": 1}
    for blob in (src, tgt):
        proc = spm.SentencePieceProcessor(model_proto=blob)
        for i in range(proc.get_piece_size()):
            piece = proc.id_to_piece(i)
            if not piece.startswith("<") and piece not in vocab:
                vocab[piece] = len(vocab)
    n = 0
    while len(vocab) < VOCAB - 1:  # fill to the real size: the output layer's cost depends on it
        vocab.setdefault(f"▁filler{n}", len(vocab))
        n += 1
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json")).save_pretrained(out)
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=VOCAB, decoder_vocab_size=VOCAB, d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        max_position_embeddings=512, pad_token_id=VOCAB - 1, eos_token_id=0, decoder_start_token_id=VOCAB - 1,
        scale_embedding=True, share_encoder_decoder_embeddings=True, activation_function="swish",
    )
    model = MarianMTModel(config)
    with torch.no_grad():
        model.get_input_embeddings().weight[VOCAB - 1].zero_()
    model.save_pretrained(out)
    return out


def timed(translator, texts: list[str]) -> float:
    """One full pass; seconds."""
    start = time.perf_counter()
    out = translator.translate(texts, "zh", "en")
    if len(out) != len(texts):
        raise RuntimeError("a translation went missing")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=32)
    parser.add_argument("--beam", type=int, default=None, help="Beam size (default: transcompare's default).")
    parser.add_argument("--out-tokens", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3, help="Interleaved passes per backend; the best counts.")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="Threads for both backends (default: all CPUs).")
    parser.add_argument("--workdir", default=None, help="Keep the built models here (default: a temp dir).")
    args = parser.parse_args()

    import torch

    from transcompare.translate.config import DEFAULT_BEAM
    from transcompare.translate.engine import build_translator, choose_backend, convert_model
    from transcompare.translate.locate import locate

    args.beam = args.beam or DEFAULT_BEAM
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench_mt."))
    os.environ["TRANSCOMPARE_MODELS"] = str(work / "models")
    zh, en = corpus_sentences("zh"), corpus_sentences("en")
    texts = (zh * (args.sentences // max(len(zh), 1) + 1))[: args.sentences]
    hf_dir = work / "opus-shape"
    if not (hf_dir / "model.safetensors").is_file():
        build_model(hf_dir, zh, en)
    ct2_dir = work / "models" / "opus-shape-ct2-int8"
    if not (ct2_dir / "model.bin").is_file():
        convert_model(str(hf_dir), ct2_dir, "int8", force=True)

    ref = locate(str(hf_dir))
    translators = {}
    for backend in ("transformers", "ct2"):
        model_ref = ref if backend == "transformers" else locate(str(ct2_dir))
        translators[backend] = build_translator(model_ref, backend, beam_size=args.beam, threads=args.threads)
        translators[backend].fixed_length = args.out_tokens
        translators[backend].translate(texts[:4], "zh", "en")  # warm-up
    best = {backend: float("inf") for backend in translators}
    for _ in range(args.repeats):  # interleaved, best of n: the machine is shared, load comes and goes
        for backend, translator in translators.items():
            best[backend] = min(best[backend], timed(translator, texts))
    results = {
        backend: {"signature": translators[backend].signature(), "seconds": round(seconds, 3), "sentences_per_s": round(len(texts) / seconds, 2)}
        for backend, seconds in best.items()
    }
    auto = choose_backend(ref, "auto")[1]
    speedup = results["ct2"]["sentences_per_s"] / results["transformers"]["sentences_per_s"]
    tokens = sum(len(t) for t in texts)
    print(f"{len(texts)} sentences ({tokens} characters), beam {args.beam}, {args.out_tokens} output tokens each, "
          f"{os.cpu_count()} CPUs, {args.threads} threads per backend (torch: {torch.get_num_threads()})")
    for backend, row in results.items():
        print(f"  {backend:13} {row['sentences_per_s']:8.2f} sentences/s  ({row['seconds']:.2f} s)  {row['signature']}")
    print(f"  CTranslate2 int8 / transformers fp32: {speedup:.2f}x (target >= 3x); auto picks: {auto}")
    print(json.dumps({"results": results, "speedup": round(speedup, 2), "auto": auto, "sentences": len(texts),
                      "beam": args.beam, "out_tokens": args.out_tokens, "threads": args.threads}, sort_keys=True))


if __name__ == "__main__":
    main()
