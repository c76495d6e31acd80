"""User-facing errors. Each becomes a clear one-line message and exit code 2, never a traceback."""


class GxlintError(Exception):
    """Base for errors that stop gxlint (or one file) with exit code 2."""


class InputError(GxlintError):
    """A file that cannot be read as a report; reported as a GX0xx finding for that file."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule
        self.message = message


class RuleFileError(GxlintError):
    """A rule or template file that is invalid: names the file and the key."""
