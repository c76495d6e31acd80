"""The document model: what the outline parser builds and what rules look at.

Every node keeps character offsets into Source.text so findings can point at the user's file.
Tables keep raw cell strings; a blank cell is None, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gxlint.findings import Hit
from gxlint.i18n import Text
from gxlint.source import Source


@dataclass
class Line:
    """A logical line: a physical line, or a piece of one when a report runs headings inline."""

    kind: str  # TITLE H1 H2 H3 H4 TEXT ROW CELL BLANK AGENCY DATE
    start: int
    end: int
    number: int | None = None  # heading number (一 → 1, 7、 → 7)
    style: str = ""  # heading marker style, e.g. "cn_dun" for 一、, "arabic_dun" for 1、
    marker: str = ""  # the marker as written, e.g. "（一）"
    title_start: int = 0  # offset where the heading's title begins (after the marker)


@dataclass
class Heading:
    """A section heading: its level, marker (一、/（一）/1./（1）), number and title."""

    level: int
    number: int | None
    style: str
    marker: str
    title: str  # normalised title text
    start: int
    end: int
    title_start: int


@dataclass
class Section:
    """A heading with everything under it up to the next heading of the same or higher level."""

    heading: Heading
    start: int
    end: int
    body_lines: list[Line] = field(default_factory=list)  # content lines directly under the heading
    children: list[Section] = field(default_factory=list)

    @property
    def level(self) -> int:
        """The heading level: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）."""
        return self.heading.level

    def has_content(self) -> bool:
        """Whether the section has text or sub-sections under its heading (GX105 flags it if not)."""
        return bool(self.body_lines) or bool(self.children)


@dataclass
class TableBlock:
    """Consecutive table lines as the parser found them (pipe, tab or one-cell-per-line rows)."""

    start: int
    end: int
    rows: list[list[tuple[int, int]]]  # each row: cell spans (start, end) into Source.text


@dataclass
class Document:
    """A parsed report: title, sections, table blocks, signature, all with offsets into the source."""

    source: Source
    lines: list[Line]
    title: Line | None = None
    preamble: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # top-level (一、) sections
    agency: Line | None = None
    date: Line | None = None
    appendix: list[Line] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    inline: bool = False  # True when headings were found inside long lines (crawler text)

    def text(self, start: int, end: int) -> str:
        """The user's text between two offsets."""
        return self.source.text[start:end]

    def norm(self, start: int, end: int) -> str:
        """The normalised text between two offsets."""
        return self.source.norm[start:end]

    def all_sections(self):
        """Every section at every level, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.children))


# --- a template table bound to the report (tables/ builds it, checks read it) ---------------


@dataclass
class Cell:
    """One table cell as read: its text, its number (None if blank or unreadable), where it is."""

    raw: str | None  # None: the row had no cell for this column
    value: int | float | None
    start: int | None = None
    end: int | None = None
    inferred: bool = False
    # empty or a dash: blank is reported as incomplete, never read as 0. Set from `raw` once
    # (the checks ask it of every cell of every identity); `set_raw` keeps the two together.
    blank: bool = field(init=False)

    def __post_init__(self) -> None:
        self.blank = is_blank(self.raw)

    def set_raw(self, raw: str | None, value: int | float | None) -> None:
        """Give the cell other text and value (the one-cell diagnosis tries values)."""
        self.raw, self.value, self.blank = raw, value, is_blank(raw)


_BLANK_TEXTS = frozenset(("", "——", "—", "-", "/"))


def is_blank(raw: str | None) -> bool:
    """Whether a cell's text is empty or a dash."""
    return raw is not None and raw.strip() in _BLANK_TEXTS


@dataclass
class BoundRow:
    """A template row found in the report: its label span and its cells by column key."""

    key: str
    label: str
    start: int
    end: int
    group: bool = False
    cells: dict[str, Cell] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    shape_problem: Text | None = None


@dataclass
class BoundTable:
    """A template table found in the report: rows by key, what is missing, problems met reading it."""

    spec: dict[str, Any]
    start: int
    end: int
    rows: dict[str, BoundRow] = field(default_factory=dict)
    missing_rows: list[dict] = field(default_factory=list)
    missing_columns: list[dict] = field(default_factory=list)
    # rows found with one character of their label different: (template row, start, end, text)
    label_slips: list[tuple[dict, int, int, str]] = field(default_factory=list)
    problems: list[Hit] = field(default_factory=list)  # table-reading problems (GX003, GX004)

    @property
    def key(self) -> str:
        """The table's key in rule references (`apply`, `review`, `stats`…)."""
        return self.spec["key"]

    @property
    def column_keys(self) -> list[str]:
        """The value columns in order (a stats table's are set when its header is read)."""
        return [c["key"] for c in self.spec.get("columns", [])]

    def column_label(self, key: str) -> str:
        """A column's label as the format writes it (its key when the template has no such column)."""
        for column in self.spec.get("columns", []):
            if column["key"] == key:
                return column["label"]
        return key

    def row_label(self, key: str) -> str:
        """A row's label as the format writes it (its key when the template has no such row)."""
        for row in self.spec.get("rows", []):
            if row["key"] == key:
                return row.get("label", key)
        return key

    def cell(self, row: str, column: str) -> Cell | None:
        """The cell at (row key, column key), or None."""
        r = self.rows.get(row)
        return r.cells.get(column) if r else None

    def value(self, row: str, column: str) -> int | float | None:
        """The number at (row key, column key), or None."""
        c = self.cell(row, column)
        return c.value if c else None
