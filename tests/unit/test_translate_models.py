"""MT through the real paths with a tiny MarianMT trained at test time: loading, batching,
long sentences, cache, CTranslate2 conversion and backend choice, the CLI, and compare."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mt"))
from isolation import isolated  # noqa: E402,F401  (autouse: own cache, models, config)
from tiny_marian import PAIRS, tiny_marian_once  # noqa: E402

from transcompare.errors import ModelError  # noqa: E402
from transcompare.translate.batching import split_long  # noqa: E402
from transcompare.translate.engine import build_translator, choose_backend, convert_model, load_translator  # noqa: E402
from transcompare.translate.locate import locate  # noqa: E402

pytestmark = pytest.mark.slow  # trains a tiny model (seconds alone, more on a busy machine)

ZH = [z for z, _ in PAIRS]
EN = [e for _, e in PAIRS]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return tiny_marian_once(tmp_path_factory.mktemp("mt"))


@pytest.fixture(scope="session")
def tiny_ct2(tiny_model, tmp_path_factory) -> Path:
    """One int8 conversion for the session, in a models dir of its own."""
    import os

    models = tmp_path_factory.mktemp("models")
    old = os.environ.get("TRANSCOMPARE_MODELS")
    os.environ["TRANSCOMPARE_MODELS"] = str(models)
    try:
        return convert_model(str(tiny_model))
    finally:
        if old is None:
            del os.environ["TRANSCOMPARE_MODELS"]
        else:
            os.environ["TRANSCOMPARE_MODELS"] = old




def test_transformers_backend_reproduces_training_pairs(tiny_model):
    translator = load_translator(str(tiny_model), backend="transformers", cache=False)
    assert translator.name == "transformers.v1"
    assert translator.translate(ZH, "zh", "en") == EN


def test_a_one_pair_model_refuses_other_languages(tiny_model, tmp_path):
    """A zh-en model given an English original returned English 'MT', scored as if it were one."""
    from transcompare.pipeline import read_edition
    from transcompare.translate import maybe_translate

    named = tmp_path / "opus-mt-zh-en"
    named.symlink_to(tiny_model, target_is_directory=True)
    translator = load_translator(str(named), backend="transformers", cache=False)
    assert translator.pair == ("zh", "en")
    assert translator.translate(ZH[:1], "zh-Hant", "en") == EN[:1]  # a script variant is the same language
    with pytest.raises(ModelError, match="translates zh to en, not en to zh"):
        translator.translate(["Hello."], "en", "zh")
    english = tmp_path / "article.txt"
    english.write_text("The council met on Monday. It agreed.\n", encoding="utf-8")
    original = read_edition(str(english), "original")
    with pytest.raises(ModelError, match="not en to fr"):
        maybe_translate(original, str(named), target_lang="fr")  # named by flag: an error, not junk
    assert load_translator(str(tiny_model), backend="transformers", cache=False).pair is None  # says nothing


def test_small_batches_and_greedy_give_the_same_output(tiny_model):
    ref = locate(str(tiny_model))
    translator = build_translator(ref, "transformers", beam_size=1, max_batch_size=3)
    assert translator.translate(ZH + ["", "  "], "zh", "en") == EN + ["", ""]
    assert "beam1" in translator.signature()


def test_over_long_sentence_is_split_at_clauses_and_rejoined(tiny_model):
    translator = build_translator(locate(str(tiny_model)), "transformers", max_input_tokens=16)
    long = ZH[2] + ZH[9] + ZH[10]  # three sentences, ~30 tokens
    assert translator.count_tokens(long) > 16
    assert translator.translate([long], "zh", "en") == [" ".join([EN[2], EN[9], EN[10]])]


def test_over_long_input_raises_no_false_tokenizer_warning(tiny_model):
    import logging

    from transformers.utils import logging as hf_logging

    translator = build_translator(locate(str(tiny_model)), "transformers")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    hf_logging.get_logger().addHandler(handler)  # transformers' own handler holds an uncapturable stderr
    try:
        assert translator.count_tokens(ZH[0] * 80) > 512  # past the tokenizer's model_max_length
    finally:
        hf_logging.get_logger().removeHandler(handler)
    assert not [r for r in records if "indexing errors" in r.getMessage()]  # it is split before decoding


def test_cache_rerun_translates_nothing(tiny_model, isolated):
    first = load_translator(str(tiny_model), backend="transformers")
    assert first.translate(ZH[:5], "zh", "en") == EN[:5]
    assert first.translated == 5
    second = load_translator(str(tiny_model), backend="transformers")
    assert second.translate(ZH[:6], "zh", "en") == EN[:6]
    assert second.translated == 1  # only the new sentence
    other_beam = load_translator(str(tiny_model), backend="transformers", beam_size=1)
    other_beam.translate(ZH[:1], "zh", "en")
    assert other_beam.translated == 1  # the signature (beam size) is part of the key


def test_identity_changes_when_the_model_changes(tiny_model, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(tiny_model, copy)
    assert locate(str(copy)).identity.split("@")[1] == locate(str(tiny_model)).identity.split("@")[1]
    (copy / "generation_config.json").write_text(json.dumps({"num_beams": 2}), encoding="utf-8")
    assert locate(str(copy)).identity != locate(str(tiny_model)).identity.replace("tiny-marian", "copy")


def test_ct2_conversion_reproduces_pairs_and_auto_prefers_it(tiny_model, tiny_ct2, monkeypatch):
    assert (tiny_ct2 / "model.bin").is_file() and (tiny_ct2 / "transcompare.json").is_file()
    direct = load_translator(str(tiny_ct2), cache=False)
    assert direct.name == "ct2.v1" and "int8" in direct.signature()
    assert direct.translate(ZH, "zh", "en") == EN
    monkeypatch.setenv("TRANSCOMPARE_MODELS", str(tiny_ct2.parent))
    ref, backend = choose_backend(locate(str(tiny_model)), "auto")
    assert (ref.path, backend) == (tiny_ct2, "ct2")  # the converted copy of this exact model
    assert choose_backend(locate(str(tiny_model)), "transformers")[1] == "transformers"
    assert choose_backend(locate(str(tiny_ct2)), "transformers")[0].path == tiny_model


def test_ct2_backend_without_a_conversion_says_how(tiny_model):
    with pytest.raises(ModelError, match="models convert"):
        choose_backend(locate(str(tiny_model)), "ct2")


def test_translate_command_writes_file(tiny_model, tmp_path, run_cli):
    src = tmp_path / "zh.txt"
    src.write_text("\n".join(ZH[:4]) + "\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    result = run_cli("translate", src, "--presplit", "--model", tiny_model, "--format", "tsv", "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id\tsource\tmt" and rows[1:] == [f"{i}\t{z}\t{e}" for i, (z, e) in enumerate(PAIRS[:4])]


def test_translate_presplit_txt_keeps_blank_lines(tiny_model, tmp_path, run_cli):
    """Output line N is the MT of input line N, blank lines included (QA: they were dropped)."""
    src = tmp_path / "zh.txt"
    src.write_text(f"{ZH[0]}\n\n{ZH[1]}\n{ZH[2]}\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run_cli("translate", src, "--presplit", "--model", tiny_model, "--format", "txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == f"{EN[0]}\n\n{EN[1]}\n{EN[2]}\n"


def test_translate_dash_output_is_stdout(tiny_model, tmp_path, run_cli, monkeypatch):
    """`-o -` is standard output, as for align (it wrote a file named "-")."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "zh.txt"
    src.write_text(f"{ZH[0]}\n", encoding="utf-8")
    result = run_cli("translate", src, "--presplit", "--model", tiny_model, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{EN[0]}\n" and not (tmp_path / "-").exists()


def test_translate_command_offline_hub_id_is_one_line_error(tmp_path, run_cli):
    src = tmp_path / "zh.txt"
    src.write_text("你好。\n", encoding="utf-8")
    result = run_cli("translate", src, "--model", "Helsinki-NLP/opus-mt-zh-en")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "E301" in result.stderr


def test_models_commands(tiny_model, tiny_ct2, monkeypatch, run_cli):
    monkeypatch.setenv("TRANSCOMPARE_MODELS", str(tiny_ct2.parent))
    listed = run_cli("models", "list")
    assert listed.exit_code == 0 and str(tiny_ct2) in listed.stdout
    path = run_cli("models", "path", tiny_model)
    assert path.exit_code == 0 and path.stdout.split("\t")[:2] == [str(tiny_ct2), "ct2"]
    again = run_cli("models", "convert", tiny_model)
    assert again.exit_code == 2 and "--force" in again.stderr
    onto_file = run_cli("models", "convert", tiny_model, "-o", tiny_model / "config.json", "--force")
    assert onto_file.exit_code == 2 and "not a directory" in onto_file.stderr and onto_file.stderr.count("\n") == 1
    file_as_model = run_cli("models", "path", tiny_model / "config.json")
    assert file_as_model.exit_code == 2 and "is a file, not a model directory" in file_as_model.stderr


def test_converting_corrupt_weights_is_one_line_error(tiny_model, tmp_path, run_cli):
    import shutil

    broken = Path(shutil.copytree(tiny_model, tmp_path / "broken"))
    with open(broken / "model.safetensors", "r+b") as fh:
        fh.truncate(1000)
    result = run_cli("models", "convert", broken, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "cannot convert" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / ".out.tmp").exists()


def test_compare_with_mt_model_adds_scores_to_json_and_summary(tiny_model, tmp_path, run_cli):
    original = tmp_path / "original.zh.txt"
    original.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    published = list(EN)
    published[4] = "Critics warned that the trade deal would collapse within weeks."
    ed = tmp_path / "edition.en.txt"
    ed.write_text("\n".join(published) + "\n", encoding="utf-8")
    out = tmp_path / "cmp.json"
    result = run_cli("compare", original, ed, "--presplit", "--mt-model", tiny_model, "--json", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    ec = data["editions"][0]
    assert ec["translations"] == EN
    scores = ec["scores"]
    assert {"bleu", "chrf", "ter", "signatures", "bead_chrf", "divergent_beads"} <= set(scores)
    assert "tok:13a" in scores["signatures"]["bleu"]
    assert len(scores["bead_chrf"]) == len(ec["beads"])
    bead_of_4 = next(i for i, b in enumerate(ec["beads"]) if 4 in b["src"])
    assert bead_of_4 in scores["divergent_beads"]
    assert "mt:transformers.v1(tiny-marian@" in data["signature"]
    assert "chrF" in result.stdout or "chrf" in result.stdout


def test_compare_without_model_completes_and_says_mt_was_skipped(tmp_path, run_cli):
    original = tmp_path / "original.zh.txt"
    original.write_text("\n".join(ZH[:3]) + "\n", encoding="utf-8")
    ed = tmp_path / "edition.en.txt"
    ed.write_text("\n".join(EN[:3]) + "\n", encoding="utf-8")
    out = tmp_path / "cmp.json"
    result = run_cli("compare", original, ed, "--presplit", "--json", out)
    assert result.exit_code == 0, result.stderr
    assert "MT comparison skipped" in result.stdout
    ec = json.loads(out.read_text(encoding="utf-8"))["editions"][0]
    assert ec["translations"] is None and any("--mt-model" in n for n in ec["notes"])


@pytest.fixture(scope="session")
def tiny_m2m(tmp_path_factory) -> Path:
    from tiny_m2m import build_tiny_m2m

    return build_tiny_m2m(tmp_path_factory.mktemp("m2m") / "tiny-m2m")


def test_m2m100_language_codes_on_both_backends(tiny_m2m, tmp_path):
    hf = build_translator(locate(str(tiny_m2m)), "transformers")
    assert hf.codes.family == "m2m100" and hf.codes.target_token("en") == "__en__"
    assert hf.translate(ZH, "zh", "en") == EN  # source token __zh__, forced first token __en__
    converted = convert_model(str(tiny_m2m), tmp_path / "m2m-ct2")
    ct2 = build_translator(locate(str(converted)), "ct2")
    assert ct2.translate(ZH, "zh", "en") == EN  # target prefix __en__, stripped from the output


def test_inputs_longer_than_the_position_table_do_not_crash(tiny_ct2):
    translator = build_translator(locate(str(tiny_ct2)), "ct2")
    assert translator.max_positions == 64  # recorded at conversion from the model's config
    long = "".join(ZH) * 2  # ~250 tokens against 64 positions
    pieces = split_long(long, translator.count_tokens, translator.max_input_tokens)
    assert len(pieces) > 3 and all(translator.count_tokens(p) <= 62 for p in pieces)
    out = translator.translate([long], "zh", "en")
    assert len(out) == 1 and out[0]  # what a tiny model says about packed clauses does not matter
