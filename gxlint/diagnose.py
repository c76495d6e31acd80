"""One diagnosis per wrong cell: when a table's failing identities all pass if one cell had
another value — or if one value moved to its neighbour column — the report gets one finding at
that cell with the value that balances everything, and the identities it broke become related
locations of that finding instead of separate errors.

A value typed wrong in 表三 breaks its column sum, its row sum and the balance at once: three
or four errors, none naming the cell. Here every cell that a failing identity could involve is
tried with the value each failing equation asks for; the arithmetic rules of that table run
again with it, and only when exactly one change makes every one of them pass is the cell named.
Two changes that both work (a lone failing sum can be fixed at its total or at any part) mean
the cell cannot be known, and the separate findings stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from gxlint.checks.arithmetic import format_number
from gxlint.findings import Finding, Hit
from gxlint.i18n import Text
from gxlint.model import Cell

ARITHMETIC_CHECKS = frozenset({"sum", "balance", "at_most"})
# A table with more failing identities than this is broken beyond one cell.
MAX_FAILING = 12


@dataclass(frozen=True)
class Fix:
    """A change that makes every arithmetic identity of a table pass."""

    row: str
    column: str
    value: int | float  # the value the cell should hold
    moved_from: str | None = None  # the column the value was typed in, for a moved value


@contextmanager
def _overridden(cells: list[tuple[Cell, int | float]]) -> Iterator[None]:
    """Cells temporarily holding other values (restored even if a check raises)."""
    saved = [(cell, cell.raw, cell.value) for cell, _v in cells]
    try:
        for cell, value in cells:
            cell.set_raw(format_number(value), value)
        yield
    finally:
        for cell, raw, old in saved:
            cell.set_raw(raw, old)


def _difference(f: Finding) -> int | float | None:
    """How far a failing equation is off (None for an inequality)."""
    ctx = f.context
    if "expected" in ctx and "actual" in ctx:
        return ctx["expected"] - ctx["actual"]
    if "left" in ctx and "right" in ctx:
        return ctx["left"] - ctx["right"]
    return None


def _on_line(f: Finding, row: str, column: str) -> bool:
    """The cell lies on the failing identity's row or column (a balance names only a column)."""
    ctx = f.context
    return ctx.get("column") == column or ("row" in ctx and ctx["row"] == row)


def _single_value_fixes(table, findings: list[Finding], passes) -> Iterator[Fix]:
    """One cell with another value. The cell enters every equation with coefficient ±1, so all
    failing equations must be off by the same amount, and it must lie on every failing line."""
    differences = {abs(d) for f in findings if (d := _difference(f)) is not None}
    if len(differences) != 1:
        return
    (d,) = differences
    for row_key, row in table.rows.items():
        for column, cell in row.cells.items():
            if cell.value is None and not cell.blank:
                continue
            if not all(_on_line(f, row_key, column) for f in findings):
                continue
            old = 0 if cell.blank else cell.value
            for value in (old + d, old - d):
                if value < 0:
                    continue
                with _overridden([(cell, value)]):
                    if passes():
                        yield Fix(row_key, column, value)


def _moved_value_fixes(table, findings: list[Finding], passes) -> Iterator[Fix]:
    """One value typed one column off: it leaves its column short and the next one over."""
    columns = {f.context["column"] for f in findings if "column" in f.context}
    keys = table.column_keys
    pairs = [(a, b) for a, b in zip(keys, keys[1:], strict=False) if a in columns and b in columns]
    for left, right in pairs:
        for row_key, row in table.rows.items():
            for source, target in ((left, right), (right, left)):
                cell, other = row.cells.get(source), row.cells.get(target)
                if cell is None or other is None or cell.blank or not cell.value:
                    continue
                if not (other.blank or other.value == 0):
                    continue
                value = cell.value
                with _overridden([(cell, 0), (other, value)]):
                    if passes():
                        yield Fix(row_key, target, value, moved_from=source)


def find_fix(table, findings: list[Finding], passes: Callable[[], bool]) -> Fix | None:
    """The one change of one cell (or one value moved to the next column) after which
    `passes()` holds, or None when there is none or more than one."""
    if len(findings) < 2 or len(findings) > MAX_FAILING:
        return None
    fixes: set[Fix] = set()
    for fix in (
        *_single_value_fixes(table, findings, passes),
        *_moved_value_fixes(table, findings, passes),
    ):
        fixes.add(fix)
        if len(fixes) > 1:
            return None
    return fixes.pop() if fixes else None


def diagnosis_hit(table, fix: Fix, related: list[Finding]) -> Hit:
    """The finding at the wrong cell, naming the identities it broke."""
    row = table.rows[fix.row]
    column_label = table.column_label(fix.column)
    where = table.cell(fix.row, fix.moved_from or fix.column)
    start = where.start if where.start is not None else row.start
    end = where.end if where.end is not None else row.end
    actual = where.raw.strip() if where.raw and where.raw.strip() else ""
    problem = "moved" if fix.moved_from else "value"
    args = {
        "problem": problem,
        "table": Text(table.spec["name"], table.spec["name_en"]),
        "row": row.label,
        "column": column_label,
        "from_column": table.column_label(fix.moved_from) if fix.moved_from else "",
        "actual": actual or Text("空白", "blank"),
        "expected": format_number(fix.value),
        "count": len(related),
        "rules": Text(
            "、".join(sorted({f.rule for f in related})),
            ", ".join(sorted({f.rule for f in related})),
        ),
    }
    context = {
        "table": table.key,
        "row": fix.row,
        "column": fix.column,
        "expected": fix.value,
        "problem": problem,
        "related": [
            {
                "rule": f.rule,
                "message": f.message,
                "line": f.line,
                "column": f.column,
                **({"locator": f.context["locator"]} if "locator" in f.context else {}),
            }
            for f in related
        ],
    }
    if fix.moved_from:
        context["moved_from"] = fix.moved_from
    return Hit(start, end, args, context)
