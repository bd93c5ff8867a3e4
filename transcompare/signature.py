"""What produced a report, as ``key:value|...`` (sacrebleu's Signature habit)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Signature:
    version: str
    aligner: str
    mt: str
    checks: str
    glossary: str

    def format(self) -> str:
        return "|".join(f"{key}:{value}" for key, value in asdict(self).items())
