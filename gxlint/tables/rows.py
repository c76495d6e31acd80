"""The `rows` layout (表二, 表三): one labelled row after another, found in template order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gxlint.compact import compact
from gxlint.i18n import Text
from gxlint.model import BoundRow, BoundTable
from gxlint.tables.labels import extend_parenthetical, find_label, find_label_with_slip

if TYPE_CHECKING:
    from gxlint.tables.binder import Binder


def bind_rows(b: Binder, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
    """Rows in template order after the anchor; a row's cells run to the next row's label."""
    view, norm = b.view, b.norm
    cursor = anchor[0]
    found = []
    template_rows = b.rows_for_era()
    for k, row in enumerate(template_rows):
        labels = [row["label"], *row.get("aliases", [])]
        m = find_label(view, labels, cursor, hi)
        if m is None and not row.get("group"):
            slip = _slip_before_next(b, labels, template_rows[k + 1 :], cursor, hi)
            if slip is not None:
                i, j, _written = slip
                m = (i, j)
                start, end = view.source_start(i), view.source_end(j)
                table.label_slips.append((row, start, end, b.norm[start:end]))
        if m is None:
            if row.get("required", True) and not row.get("group"):
                table.missing_rows.append(row)
            continue
        i, j = m
        prefix = compact(row.get("prefix", ""))
        if prefix and view.text[i - len(prefix) : i] == prefix:
            i -= len(prefix)
        found.append((row, i, j))
        cursor = j
    default_columns = [c["key"] for c in b.spec.get("columns", [])]
    check_header(b, table, found)
    for idx, (row, i, j) in enumerate(found):
        start = b.label_start(i)
        label_end = extend_parenthetical(norm, view.source_end(j))
        nxt = b.label_start(found[idx + 1][1]) if idx + 1 < len(found) else table.end
        bound = BoundRow(row["key"], row["label"], start, label_end, group=row.get("group", False))
        table.rows[row["key"]] = bound
        if bound.group:
            continue
        columns = row.get("columns", default_columns)
        bound.columns = columns
        mode, spans = b.value_segments(label_end, nxt)
        where = Text(
            f"表“{b.spec['title']}”“{row['label']}”行",
            f"table “{b.spec['title']}”, row “{row['label']}”",
        )
        bound.cells, bound.shape_problem = b.cells_for(mode, spans, columns, b.constraints, where)
    table.end = max((r.end for r in table.rows.values()), default=table.start)
    for r in table.rows.values():
        for c in r.cells.values():
            if c.end:
                table.end = max(table.end, c.end)


def _slip_before_next(b: Binder, labels: list[str], later: list[dict], cursor: int, hi: int):
    """The row's label with one character replaced, before the first later row of the template
    that is written exactly (a slip may not be read past a row that is there)."""
    limit = hi
    for row in later:
        m = find_label(b.view, [row["label"], *row.get("aliases", [])], cursor, limit)
        if m is not None:
            limit = m[0]
    return find_label_with_slip(b.view, labels, cursor, limit)


def check_header(b: Binder, table: BoundTable, found: list[tuple[dict, int, int]]) -> None:
    """Cells are read by position, so the header must still name each column: its label (or an
    alias) must stand between the table's anchor and the first row that has the column. A table
    with a header per block (表二: one before 规章, another before 行政许可) is covered too."""
    default = [c["key"] for c in b.spec.get("columns", [])]
    first_use: dict[str, int] = {}
    for row, i, _j in found:
        if not row.get("group"):
            for key in row.get("columns", default):
                first_use.setdefault(key, i)
    lo = b.view.index_at(table.start)
    for col in b.spec.get("columns", []):
        if col["key"] not in first_use:
            continue  # no row of this table has the column here: nothing to read by it
        labels = [col["label"], *col.get("aliases", [])]
        if find_label(b.view, labels, lo, first_use[col["key"]]) is not None:
            continue
        slip = find_label_with_slip(b.view, labels, lo, first_use[col["key"]])
        if slip is None:
            table.missing_columns.append(col)
            continue
        start, end = b.view.source_start(slip[0]), b.view.source_end(slip[1])
        table.label_slips.append(({**col, "kind": "column"}, start, end, b.norm[start:end]))
