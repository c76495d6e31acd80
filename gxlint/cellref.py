"""Cell references in rule files: `apply:results.granted`, `apply:new@natural`,
`stats:active.total@year`, `review:cases@review.total`, `apply:results.withheld.*`.

A reference names a table, a row (glob allowed) and optionally a column. Without a column it
means the row's value: the `总计` column when the table has one (and, when that cell was left
blank, the sum of the row's other columns), else the table's first value column. A group row
(`（三）不予公开`) has no cells of its own and stands for the sum of its sub-rows.

Resolution is exact or nothing: an unknown cell, or a reference whose every cell is blank,
resolves to None and the rule stays silent (blank is not 0: docs/reports.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from gxlint.i18n import Text, join
from gxlint.model import BoundTable, Cell


@dataclass
class Resolved:
    """A reference's value and the cells it came from (for the message and the position)."""

    value: int | float
    cells: list[Cell] = field(default_factory=list)  # the filled cells it was computed from
    labels: list[str] = field(default_factory=list)  # row labels, for the message
    note: Text | None = None  # how it was computed when not a single cell


def _rows(table: BoundTable, pattern: str) -> list[str]:
    if any(ch in pattern for ch in "*?["):
        return [k for k in table.rows if fnmatchcase(k, pattern) and not table.rows[k].group]
    row = table.rows.get(pattern)
    if row is not None and (row.cells or not row.group):
        return [pattern]
    children = [
        k for k, r in table.rows.items() if k.startswith(pattern + ".") and not r.group and r.cells
    ]
    return children if (row is not None or children) else []


def _row_value(
    table: BoundTable, row_key: str, column: str | None
) -> tuple[bool, float | int | None, list[Cell], Text | None]:
    """(known, value, cells, note). value None: every cell blank."""
    row = table.rows[row_key]
    columns = table.column_keys
    if column is None:
        if "total" in columns:
            total = row.cells.get("total")
            if total is not None and total.value is not None:
                return True, total.value, [total], None
            if total is not None and not total.blank and total.raw is not None:
                return False, None, [], None
            parts = [row.cells.get(c) for c in columns if c != "total"]
            return _sum_cells(
                parts,
                Text("总计栏空白，按各列之和", "the total cell is blank: the sum of the columns"),
            )
        column = columns[0] if columns else None
    cell = row.cells.get(column) if column else None
    if cell is None:
        return False, None, [], None
    if cell.value is not None:
        return True, cell.value, [cell], None
    if cell.blank:
        return True, None, [], None
    return False, None, [], None


def _sum_cells(
    cells: list[Cell | None], note: Text
) -> tuple[bool, float | int | None, list[Cell], Text | None]:
    filled: list[Cell] = []
    values: list[int | float] = []
    for cell in cells:
        if cell is None or cell.blank:
            continue
        if cell.value is None:
            return False, None, [], None
        filled.append(cell)
        values.append(cell.value)
    if not filled:
        return True, None, [], None
    return True, sum(values), filled, note


def resolve(tables: dict[str, BoundTable], refs: list[str]) -> Resolved | None:
    """The sum of the references' values, or None when any is unknown or all are blank."""
    total: float | int = 0
    cells: list[Cell] = []
    labels: list[str] = []
    notes: list[Text] = []
    any_filled = False
    for ref in refs:
        table_key, _, rest = ref.partition(":")
        row_pattern, _, column = rest.partition("@")
        table = tables.get(table_key)
        if table is None:
            return None
        row_keys = _rows(table, row_pattern)
        if not row_keys:
            return None
        for key in row_keys:
            known, value, used, note = _row_value(table, key, column or None)
            if not known:
                return None
            if value is not None:
                any_filled = True
                total += value
                cells.extend(used)
            if note and note not in notes:
                notes.append(note)
        labels.append(_label(table, row_pattern, row_keys, column or None))
    if not any_filled:
        return None
    return Resolved(total, cells, labels, join(notes, "；", "; ") if notes else None)


_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")


def _label(table: BoundTable, row_pattern: str, row_keys: list[str], column: str | None) -> str:
    """A label a reader finds in the table, without its explanatory parenthesis: `部分公开`."""
    return _PAREN_RE.sub("", _full_label(table, row_pattern, row_keys, column)).strip()


def _full_label(
    table: BoundTable, row_pattern: str, row_keys: list[str], column: str | None
) -> str:
    row = table.rows.get(row_pattern)
    if row is not None:
        label = row.label
    elif len(row_keys) == 1:
        label = table.rows[row_keys[0]].label
    else:
        label = "、".join(table.rows[k].label for k in row_keys[:3]) + (
            "等" if len(row_keys) > 3 else ""
        )
    if column and column not in ("year", "total"):
        for spec in (
            table.spec.get("columns", [])
            + table.spec.get("value_columns", [])
            + table.spec.get("flat", [])
        ):
            if spec.get("key") == column:
                if table.spec.get("layout") == "flat":
                    return f"{table.spec.get('title', '')}“{spec.get('label', column)}”"
                return f"{label}·{spec.get('label', column)}"
        return column
    return label
