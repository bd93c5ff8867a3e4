"""Atomic writes: whole files only, ordinary permissions, no temp files left behind."""

import os

import pytest

from transcompare.fileio import atomic_write


def test_writes_and_replaces(tmp_path):
    path = tmp_path / "sub" / "a.json"
    atomic_write(path, "one")
    atomic_write(path, b"two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["a.json"]


def test_new_file_respects_umask_and_existing_mode_is_kept(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "r.html"
        atomic_write(path, "x")
        assert path.stat().st_mode & 0o777 == 0o644
        os.chmod(path, 0o600)
        atomic_write(path, "y")
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_failure_leaves_old_file(tmp_path):
    path = tmp_path / "g.tsv"
    atomic_write(path, "old")
    with pytest.raises(TypeError):
        atomic_write(path, 123)  # not str/bytes: fails before replacing
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.tsv"]
