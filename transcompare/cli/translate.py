"""transcompare translate FILE"""

from __future__ import annotations

NAME = "translate"
HELP = "Machine-translate an article sentence by sentence."


def command() -> None:
    """Placeholder until the MT issue lands."""
