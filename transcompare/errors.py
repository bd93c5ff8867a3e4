"""One error tree. Everything a user can fix exits with code 2 and one line on stderr.

Messages carry a code (``E101``) so a user can search the docs, and say what to do next.
"""

from __future__ import annotations

EXIT_USAGE = 2
EXIT_INTERNAL = 1


class TranscompareError(Exception):
    """Base class: the CLI prints ``str(err)`` on one line and exits with ``exit_code``."""

    exit_code = EXIT_USAGE
    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"error [{self.code}]: {self.message}"


class InputError(TranscompareError):
    """A file, URL or stream that cannot be read as an article."""

    code = "E101"


class EncodingError(InputError):
    code = "E102"


class EmptyInputError(InputError):
    code = "E103"


class OptionError(TranscompareError):
    """An option value or combination that makes no sense."""

    code = "E201"


class ModelError(TranscompareError):
    """A model (encoder, MT) that cannot be found or loaded."""

    code = "E301"


class GlossaryError(TranscompareError):
    """A glossary file that cannot be read or written; names file and line."""

    code = "E401"


class ManifestError(TranscompareError):
    code = "E501"


class OutputError(TranscompareError):
    """A report, export or glossary that cannot be written where the user asked."""

    code = "E601"
