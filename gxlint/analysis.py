"""What every check receives: a report bound to its template, typed.

Checks read the document, the bound tables and the user's options from here, and the derived
facts (numbers stated in the prose, the statistics period, the signature date) as properties
computed on first use and shared by every check of the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from gxlint.compact import CompactView
from gxlint.eras import Template, TemplateSet
from gxlint.i18n import Text
from gxlint.model import BoundTable, Document, Section

if TYPE_CHECKING:
    from gxlint.dates import Period, Stated
    from gxlint.facts import Facts
    from gxlint.series import Identity


@dataclass(frozen=True)
class CheckOptions:
    """The user's settings that checks read (command line or .gxlint.yaml)."""

    agency_type: str = "auto"  # auto | department | government: which deadline applies
    deadline: str | None = None  # MM-DD: a local deadline instead of the statutory one
    batch: bool = False  # checked with other files: cross-file kinds collect what they compare
    # renamed agencies for the series across years (`series-aliases`): (old name, new name)
    series_aliases: tuple[tuple[str, str], ...] = ()


@dataclass
class Analysis:
    """A parsed report bound to its template."""

    doc: Document
    template: Template
    year: int | None
    year_source: str
    why: Text  # why this era: shown by check and parse
    view: CompactView
    templates: TemplateSet  # every era, for what depends on the report year (deadlines)
    options: CheckOptions = field(default_factory=CheckOptions)
    section_keys: dict[str, Section] = field(default_factory=dict)  # template key → section
    # the template key of each top-level section, by its position in doc.sections
    keys_by_position: list[str | None] = field(default_factory=list)
    tables: dict[str, BoundTable] = field(default_factory=dict)
    missing_tables: list[dict] = field(default_factory=list)

    def section_key(self, position: int) -> str | None:
        """The template key of doc.sections[position], or None when it matched none."""
        return self.keys_by_position[position] if position < len(self.keys_by_position) else None

    @property
    def after_title(self) -> int:
        """Where the text after the title begins (0 without one): what the report says about
        itself and its work is read from there, not from the title it is compared with."""
        title = self.doc.title
        return title.end if title is not None else 0

    @cached_property
    def prose(self) -> str:
        """The normalised text with the tables blanked (offsets kept): what the prose readers
        (facts, repeated sentences, GX530) read, built once for all of them."""
        from gxlint.facts import prose_text, table_spans

        return prose_text(self.doc.source.norm, table_spans(self))

    @cached_property
    def facts(self) -> Facts:
        """The quantities stated in the prose (tables masked out)."""
        from gxlint.facts import extract_prose

        return extract_prose(self.prose, self.year)

    @cached_property
    def period(self) -> Period | None:
        """The statistics period the report states, if any."""
        from gxlint.dates import statistics_period

        return statistics_period(self.doc.source.norm)

    @cached_property
    def signature(self) -> Stated | None:
        """The signature date, if any."""
        from gxlint.dates import signature_date

        return signature_date(self.doc)

    @cached_property
    def identity(self) -> Identity | None:
        """The reporting agency as a series across years knows it (series.py), if named."""
        from gxlint.series import identity

        return identity(self, dict(self.options.series_aliases))
