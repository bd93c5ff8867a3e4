"""transcompare batch MANIFEST -o OUTDIR"""

NAME = "batch"
HELP = "Compare every case of a corpus manifest."


def command() -> None:
    """Placeholder until the batch issue lands."""
