"""The Finding: what every check yields and every reporter prints (docs/output.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that `finding.severity >= fail_level` decides the exit code."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> Severity:
        """A severity from its name in a rule file or option."""
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        """The severity as users read it: 错误, 警告, 提示."""
        return _LABELS[self]

    def label_in(self, lang: str) -> str:
        """The label in `lang` (English: the name, as in rule files)."""
        return str(self) if lang == "en" else _LABELS[self]


_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass
class Finding:
    """One problem in one file. `line`/`column` are 1-based in the file as the user has it."""

    rule: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    context: dict[str, Any] = field(default_factory=dict)
    # the message in English (`--lang en`); `message` stays Chinese, as baselines key on it
    message_en: str | None = field(default=None, compare=False)
    # Position in the extracted text. Equal to line/column for a .txt; for .docx/.html/.pdf the
    # user has no lines, so line/column are None, the locator is in context, and these keep
    # the order and the snippet.
    text_line: int | None = field(default=None, compare=False)
    text_column: int | None = field(default=None, compare=False)

    def in_lang(self, lang: str) -> Finding:
        """This finding as printed in `lang` (itself for Chinese or when no English was made)."""
        if lang != "en" or self.message_en is None:
            return self
        return replace(self, message=self.message_en)

    def sort_key(self) -> tuple:
        """Findings in reading order; whole-document findings first."""
        return (self.text_line or self.line or 0, self.text_column or self.column or 0, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The finding in the JSON output (docs/output.md)."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "context": self.context,
        }


@dataclass
class Hit:
    """What a check yields: a place and the values for the rule's message template.

    The engine turns a Hit into a Finding, stamping rule id and severity (checks never set them),
    the way yamllint's linter stamps `problem.rule`.
    """

    start: int | None  # character offset into Source.text, None for whole-document findings
    end: int | None = None
    args: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
