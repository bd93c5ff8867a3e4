"""Two processes adding terms to one glossary at once lose nothing (lock + atomic replace)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from transcompare.glossary.store import read_tsv

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from transcompare.glossary import Entry
    from transcompare.glossary.store import GlossaryStore

    path, tag, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():  # start together, so the writes really interleave
        time.sleep(0.005)
    store = GlossaryStore(path)
    for n in range(200):
        store.add(Entry(source=f"{tag}术语{n:03d}", preferred=f"{tag} term {n}", type="term", ref=tag))
    """
)


def test_two_processes_adding_200_terms_each_lose_nothing(tmp_path):
    glossary = tmp_path / "shared.tsv"
    go = tmp_path / "go"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    procs = [
        subprocess.Popen([sys.executable, str(script), str(glossary), tag, str(go)], cwd=ROOT, stderr=subprocess.PIPE)
        for tag in ("甲", "乙")
    ]
    time.sleep(0.5)  # let both import and wait at the start line
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    entries = read_tsv(glossary)
    assert len(entries) == 400
    assert {e.source for e in entries} == {f"{t}术语{n:03d}" for t in ("甲", "乙") for n in range(200)}
    assert [e.source for e in entries] == sorted(e.source for e in entries)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
