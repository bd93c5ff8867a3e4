"""An autouse fixture for MT tests: import it into a test module to give every test its own
cache, models folder, config file and an empty Hugging Face cache."""

import pytest


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    for var in ("TRANSCOMPARE_MT_MODEL", "TRANSCOMPARE_MT_BACKEND", "TRANSCOMPARE_MT_BEAM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TRANSCOMPARE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSCOMPARE_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("TRANSCOMPARE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    return tmp_path
