"""Bind a template's table spec to the report text: find each row by its label, read its cells.

One mechanism serves every way tables reach us as text — pipe rows, tab rows, one cell per
line, and crawler text where the whole table is one run of labels and digits: rows are found
by their labels (in the compact view, so punctuation and spacing drift do not matter) and a
row's cells are the text between its label and the next label, split by whatever separates
them there. Blank stays blank (None), never 0.

binder.py finds a table and dispatches to its layout (rows.py, flat.py, stats.py); cells.py
reads cells and splits digit runs; labels.py finds labels. The result is model.BoundTable.
"""

from __future__ import annotations

from gxlint.compact import CompactView
from gxlint.model import BoundTable, Document
from gxlint.tables.binder import Binder


def bind_table(
    doc: Document,
    view: CompactView,
    spec: dict,
    lineage: tuple[str, ...],
    region: tuple[int, int],
    identities: list[dict] | None = None,
    ends: list[int] | None = None,
) -> BoundTable | None:
    """Find and read one table of the template within a region of the report; `identities`
    (`{sum: column, of: [columns]}`) hold within each of its rows; `ends` (sorted offsets of
    the top-level sections) also end it, at the first after its anchor."""
    return Binder(doc, view, spec, lineage, identities or []).bind(region, ends)
