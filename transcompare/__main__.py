"""``python -m transcompare``: the same CLI as the ``transcompare`` script (for a venv without it on PATH)."""

from .cli.main import main

main()
