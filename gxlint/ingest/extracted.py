"""What every non-text reader produces: lines of text and a locator for each."""

from __future__ import annotations

from dataclasses import dataclass, field

from gxlint.errors import InputError
from gxlint.i18n import Text
from gxlint.ingest.published import Published
from gxlint.source import Source


@dataclass
class Extracted:
    """Lines of text extracted from a document, each with where it is in the user's file."""

    lines: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)
    # the page's own publication date (HTML); for .docx/.pdf a hint: the file's created date
    published: Published | None = None

    def add(self, text: str, locator: str) -> None:
        """A paragraph (possibly several lines) at `locator`."""
        for piece in text.replace("\r", "\n").split("\n"):
            self.lines.append(piece)
            self.locators.append(locator)

    def add_row(self, cells: list[str], locator: str) -> None:
        """A table row as the text path expects it: cells joined by ` | `, one line."""
        cleaned = [" ".join(c.split()) for c in cells]
        self.lines.append(" | ".join(cleaned))
        self.locators.append(locator)

    def blank(self) -> None:
        """An empty line after a table, so the next text does not join its last row."""
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.locators.append(self.locators[-1] if self.locators else "")

    def to_source(self, path: str, kind: str) -> Source:
        """The lines as a Source whose locators replace line numbers in findings."""
        kept = [i for i, line in enumerate(self.lines) if line]
        text = "\n".join(self.lines[kept[0] : kept[-1] + 1]) if kept else ""
        if not text.strip():
            raise InputError(
                "GX002",
                Text(f"{kind.upper()} 文件中没有文字内容", f"the {kind.upper()} file has no text"),
            )
        # empty lines at either end are dropped together with their locators
        locators = self.locators[kept[0] : kept[-1] + 1]
        return Source(
            path=path,
            text=text,
            encoding=kind,
            locators=locators,
            kind=kind,
            published=self.published,
        )
