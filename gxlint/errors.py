"""User-facing errors. Each becomes a clear one-line message and exit code 2, never a traceback."""

from __future__ import annotations

from gxlint.i18n import Text, as_text


class GxlintError(Exception):
    """Base for errors that stop gxlint (or one file) with exit code 2."""


class InputError(GxlintError):
    """A file that cannot be read as a report; reported as a GX0xx finding for that file."""

    def __init__(self, rule: str, message: str | Text):
        super().__init__(str(message))
        self.rule = rule
        # both languages; a message written in Chinese only reads the same in both
        self.text = as_text(message)


class RuleFileError(GxlintError):
    """A rule or template file that is invalid: names the file and the key."""
