"""MT without a model: settings precedence, offline lookup, batching, cache, scores, skip notes."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mt"))
from isolation import isolated  # noqa: E402,F401  (autouse: own cache, models, config)

from transcompare.errors import ModelError, OptionError  # noqa: E402
from transcompare.model import Bead, Edition, Sentence  # noqa: E402
from transcompare.translate import SKIPPED_NOTE, maybe_translate  # noqa: E402
from transcompare.translate.batching import length_buckets, split_long  # noqa: E402
from transcompare.translate.cache import CachedTranslator, TranslationCache, text_key  # noqa: E402
from transcompare.translate.config import resolve_settings  # noqa: E402
from transcompare.translate.locate import locate  # noqa: E402
from transcompare.translate.scores import CEILING, FLOOR, SPREAD, divergence_cutoff, divergent_beads, score_beads  # noqa: E402




def edition(lang: str, texts: list[str], script: str | None = None) -> Edition:
    sep = "" if lang == "zh" else " "
    sentences, pos = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(i, pos, pos + len(text), text, 0))
        pos += len(text) + len(sep)
    return Edition(id="e", source="-", lang=lang, text=sep.join(texts), script=script, sentences=tuple(sentences))


# -- settings: flag > env > config ---------------------------------------------------------

@pytest.mark.parametrize(
    "flag, env, config, expected, source",
    [
        ("flag-model", "env-model", "cfg-model", "flag-model", "flag"),
        (None, "env-model", "cfg-model", "env-model", "env"),
        (None, None, "cfg-model", "cfg-model", "config"),
        (None, None, None, None, "none"),
    ],
)
def test_model_precedence(isolated, monkeypatch, flag, env, config, expected, source):
    if env:
        monkeypatch.setenv("TRANSCOMPARE_MT_MODEL", env)
    if config:
        (isolated / "config.toml").write_text(f'[mt]\nmodel = "{config}"\nbeam_size = 2\n', encoding="utf-8")
    settings = resolve_settings(flag)
    assert (settings.model, settings.source) == (expected, source)


def test_config_sets_backend_and_beam(isolated, monkeypatch):
    (isolated / "config.toml").write_text('[mt]\nbackend = "transformers"\nbeam_size = 2\n', encoding="utf-8")
    assert (resolve_settings().backend, resolve_settings().beam_size) == ("transformers", 2)
    monkeypatch.setenv("TRANSCOMPARE_MT_BEAM", "3")
    assert resolve_settings().beam_size == 3
    assert resolve_settings(beam_size=1).beam_size == 1


@pytest.mark.parametrize("kwargs", [{"backend": "gpu"}, {"beam_size": 0}])
def test_bad_settings_are_option_errors(kwargs):
    with pytest.raises(OptionError):
        resolve_settings(**kwargs)


def test_broken_config_file_is_one_line_error(isolated):
    (isolated / "config.toml").write_text("[mt\nmodel = ", encoding="utf-8")
    with pytest.raises(OptionError, match="config file"):
        resolve_settings()


# -- offline lookup: fail fast, never hang ---------------------------------------------------

def test_hub_id_not_on_machine_fails_fast():
    start = time.monotonic()
    with pytest.raises(ModelError, match="models pull"):
        locate("Helsinki-NLP/opus-mt-zh-en")
    assert time.monotonic() - start < 30  # generous: what matters is that no network wait happens


def test_missing_directory_and_non_model_directory(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        locate(str(tmp_path / "nope"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a model directory"):
        locate(str(tmp_path / "empty"))


def test_maybe_translate_skips_with_note_when_nothing_configured():
    result = maybe_translate(edition("zh", ["你好。"]), None, "en")
    assert result.translations is None and result.note == SKIPPED_NOTE


def test_maybe_translate_skips_env_model_that_is_absent(monkeypatch):
    monkeypatch.setenv("TRANSCOMPARE_MT_MODEL", "someone/absent-model")
    result = maybe_translate(edition("zh", ["你好。"]), None, "en")
    assert result.translations is None and "skipped" in result.note and "from env" in result.note


def test_maybe_translate_raises_for_absent_flag_model():
    with pytest.raises(ModelError):
        maybe_translate(edition("zh", ["你好。"]), "someone/absent-model", "en")


def test_same_language_needs_no_mt():
    assert maybe_translate(edition("zh", ["你好。"]), None, "zh").note == ""


# -- batching ----------------------------------------------------------------------------------

def chars(text: str) -> int:
    return len(text)


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("短句。", 10, ["短句。"]),
        ("第一部分很长，第二部分也长，第三部分。", 8, ["第一部分很长，", "第二部分也长，", "第三部分。"]),
        ("一二三四五六七八九十", 4, ["一二三四", "五六七八", "九十"]),
        ("one two, three four; five", 12, ["one two,", "three four;", "five"]),
    ],
)
def test_split_long(text, limit, expected):
    pieces = split_long(text, chars, limit)
    assert pieces == expected
    assert all(chars(p) <= limit for p in pieces)


def test_length_buckets_cover_every_index_once_within_budget():
    lengths = [5, 40, 3, 41, 6, 39, 4, 100]
    batches = length_buckets(lengths, max_batch_size=3, max_batch_tokens=120)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 120
    assert [lengths[i] for i in batches[0]] == [3, 4, 5]  # similar lengths share a batch


# -- cache -------------------------------------------------------------------------------------

class Reverser:
    """A real (if silly) translator: the cache must not care what translates."""

    name = "reverse.v1"

    def __init__(self):
        self.calls: list[list[str]] = []

    def signature(self) -> str:
        return "reverse.v1"

    def translate(self, texts, src_lang, tgt_lang):
        self.calls.append(list(texts))
        return [t[::-1] for t in texts]


def test_cache_translates_each_distinct_text_once(isolated):
    inner = Reverser()
    cached = CachedTranslator(inner, TranslationCache(isolated / "mt.sqlite"))
    assert cached.translate(["ab", "cd", "ab"], "zh", "en") == ["ba", "dc", "ba"]
    assert cached.translate(["cd", "ab"], "zh", "en") == ["dc", "ba"]
    assert inner.calls == [["ab", "cd"]]
    again = CachedTranslator(Reverser(), TranslationCache(isolated / "mt.sqlite"))  # a new process, same file
    again.translate(["ab", "ef"], "zh", "en")
    assert again.translator.calls == [["ef"]]


def test_cache_key_includes_languages():
    assert text_key("x", "zh", "en") != text_key("x", "zh-Hant", "en")


def _writer(path: str, worker: int, n: int) -> None:
    cache = TranslationCache(path)
    for i in range(n):
        cache.put_many("sig", {f"{worker}-{i}": f"t{worker}-{i}", "shared": "same"})
    cache.close()


def test_cache_is_safe_with_two_processes_writing_at_once(tmp_path):
    path = str(tmp_path / "mt.sqlite")
    TranslationCache(path).close()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(path, w, 60)) for w in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
    assert [p.exitcode for p in workers] == [0, 0]
    cache = TranslationCache(path)
    assert cache.count("sig") == 2 * 60 + 1
    assert cache.get_many("sig", ["0-59", "1-0"]) == {"0-59": "t0-59", "1-0": "t1-0"}


# -- scores ------------------------------------------------------------------------------------

def test_score_beads_per_bead_and_document_with_signatures():
    published = edition("en", ["The mayor announced a new plan on Wednesday.", "Police said nobody was hurt.", "An extra line."])
    mt = ["The mayor announced a new plan on Wednesday.", "Police said", "nobody was hurt.", "Prices rose five percent."]
    beads = [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), ()), Bead((), (2,))]
    doc, per_bead = score_beads(mt, published, beads)
    assert per_bead[0] == 100.0 and per_bead[1] == 100.0  # a 2-1 bead joins its MT with a space
    assert per_bead[2] is None and per_bead[3] is None  # no score without both sides
    assert doc["beads_scored"] == 2 and doc["chrf"] == 100.0 and doc["bleu"] == 100.0 and doc["ter"] == 0.0
    assert "tok:13a" in doc["signatures"]["bleu"] and "nc:6" in doc["signatures"]["chrf"]
    assert doc["bead_chrf"] == per_bead and doc["divergent_beads"] == []


def test_score_beads_flags_the_bead_that_departs():
    texts = [
        ("The mayor announced a new plan on Wednesday.", "The mayor unveiled a new plan on Wednesday."),
        ("The factory made thirty thousand cars last year.", "The factory built thirty thousand cars last year."),
        ("Police said nobody was hurt.", "Police said no one was hurt."),
        ("The meeting will be held in Beijing.", "The meeting is to be held in Beijing."),
        ("He said the economy is improving.", "Critics fear a collapse of trade."),
        ("The bank cut rates on Friday.", "The bank lowered rates on Friday."),
    ]
    published = edition("en", [p for _, p in texts])
    doc, per_bead = score_beads([m for m, _ in texts], published, [Bead((i,), (i,)) for i in range(len(texts))])
    assert doc["divergent_beads"] == [4]


@pytest.mark.parametrize(
    "values, expected",
    [
        ([], FLOOR),
        ([80, 82, 78, 81, 79], CEILING),  # everyone agrees: only clear departures count
        ([20, 22, 18, 21, 19], FLOOR),  # a free translation: only the near-disjoint beads
        ([45, 55, 35, 50, 40, None], 45 - SPREAD * 1.4826 * 5),
    ],
)
def test_divergence_cutoff_is_relative_then_clamped(values, expected):
    assert divergence_cutoff(values) == pytest.approx(expected)


def test_divergent_beads_skip_missing_sides():
    assert divergent_beads([None, 10.0, 90.0, None]) == [1]


@pytest.mark.parametrize(
    "name, langs, pair",
    [("Helsinki-NLP/opus-mt-zh-en", (None, None), ("zh", "en")),
     ("Helsinki-NLP--opus-mt-zh-en+ct2-int8", (None, None), ("zh", "en")),
     ("Helsinki-NLP/opus-mt-tc-big-zh-en", (None, None), ("zh", "en")),
     ("Helsinki-NLP/opus-mt-en-ROMANCE", (None, None), None),  # many targets
     ("my-model", ("zho", "eng"), ("zh", "en")),
     ("facebook/m2m100_418M", (None, None), None)],
)
def test_fixed_pair_of_a_model(name, langs, pair):
    from types import SimpleNamespace

    from transcompare.translate.backend import fixed_pair

    assert fixed_pair(name, SimpleNamespace(source_lang=langs[0], target_lang=langs[1])) == pair


def test_models_list_does_not_deny_a_configured_model_directory(run_cli, isolated, monkeypatch):
    """With a model directory configured and nothing converted or pulled, `models list` said
    "no MT models on this machine"."""
    model = isolated / "my-model"
    model.mkdir()
    monkeypatch.setenv("TRANSCOMPARE_MT_MODEL", str(model))
    result = run_cli("models", "list")
    assert result.exit_code == 0 and f"configured: {model}" in result.stdout
    assert "no MT models on this machine" not in result.stdout and "models pull" not in result.stdout
    monkeypatch.delenv("TRANSCOMPARE_MT_MODEL")
    assert "models pull" in run_cli("models", "list").stdout


def test_a_model_directory_without_a_tokenizer_gets_the_whole_reason(tmp_path):
    """transformers' message spans lines; its first alone ended "... from one of:" and said nothing more."""
    from transcompare.translate.backend import _first_line, load_tokenizer

    err = ValueError("Couldn't instantiate the backend tokenizer from one of: \n(1) a `tokenizers` library serialization file, \n(2) a slow tokenizer")
    assert _first_line(err) == "Couldn't instantiate the backend tokenizer from one of: (1) a `tokenizers` library serialization file, (2) a slow tokenizer"
    assert len(_first_line(ValueError("x" * 5000))) == 400
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        load_tokenizer(tmp_path)
    message = caught.value.message
    assert "\n" not in message and not message.rstrip().endswith(":")


def test_a_model_directory_without_tokenizer_files_says_so(tmp_path):
    """Weights and a Marian config but no tokenizer: transformers failed with a TypeError about NoneType."""
    from transcompare.translate.backend import load_tokenizer

    (tmp_path / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"x")
    with pytest.raises(ModelError) as caught:
        load_tokenizer(tmp_path)
    assert "has no tokenizer files (tokenizer.json" in caught.value.message
