"""Atomic writes: whole files only, ordinary permissions, no temp files left behind."""

import os

import pytest

from transcompare.errors import OutputError
from transcompare.fileio import atomic_write, output_problem


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


def test_unwritable_target_is_an_output_error_naming_the_path(tmp_path, monkeypatch):
    """A parent that is a file, or a failed replace: one clear error, not an internal OSError."""
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match=r"afile/r.json: cannot write in .*afile \(.*afile is a file, not a folder\)"):
        atomic_write(tmp_path / "afile" / "r.json", "{}")
    path = tmp_path / "g.tsv"
    atomic_write(path, "old")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OutputError, match=r"g.tsv: cannot write \(No space left on device\)") as err:
        atomic_write(path, "new")
    assert str(err.value).startswith("error [E601]: ")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "g.tsv"]


def test_output_problem_tells_before_writing(tmp_path, monkeypatch):
    """Said "(File exists)" for a parent that is a file; now named, and known before any work."""
    (tmp_path / "afile").write_text("x")
    assert output_problem(tmp_path / "afile" / "deeper" / "r.json") == f"{tmp_path / 'afile'} is a file, not a folder"
    assert output_problem(tmp_path / "new" / "r.json") is None
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert output_problem(tmp_path / "r.json") == f"no permission to write in {tmp_path}"


def test_a_named_pipe_is_written_through_not_replaced(tmp_path):
    """`--json /dev/stdout` (a link to a pipe or terminal) and `-o /dev/null`: the temp file and
    rename put a regular file in the device's place (as root) or failed to create a temp file in /dev."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    assert output_problem(link) is None
    atomic_write(link, "report")
    reader.join(10)
    assert got == [b"report"]
    assert link.is_symlink() and fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "stdout"]


def test_a_link_to_a_file_keeps_the_link(tmp_path):
    real = tmp_path / "reports" / "r.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
