"""GX2xx arithmetic: total = Σ parts, left = right, part ≤ total, per column or per row.

Blank cells count as 0 here (blank is reported separately, as incompleteness: docs/reports.md); a
cell whose value is unknown (text, or digits that could not be split) skips the identity for
that column rather than guessing. A finding points at the total's cell and shows the equation
with its values: `（七）总计 26 ≠ 11+1+…+1 = 25`.
"""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit
from gxlint.i18n import Text


def format_number(v) -> str:
    """A table value as written: integers as they are, decimals without trailing zeros."""
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def _expr(values: list) -> str | Text:
    shown = [format_number(v) for v in values]
    if len(shown) > 8:
        nonzero = [s for s in shown if s != "0"]
        if len(nonzero) <= 6:
            return "+".join(nonzero or ["0"]) + Text("（其余为0）", " (the others 0)")
        return "+".join(shown[:3]) + "+…+" + shown[-1]
    return "+".join(shown)


def _value(cell):
    """(usable, value): blank → (True, 0); unknown → (False, None)."""
    if cell is None:
        return True, None  # no such cell in this table: not part of the identity
    if cell.blank:
        return True, 0
    if cell.value is None:
        return False, None
    return True, cell.value


def _label(table, axis_is_column: bool, key: str) -> str:
    if axis_is_column:
        row = table.rows.get(key)
        return row.label if row else key
    return table.column_label(key)


def _identity(table, params, fixed: str, axis: str, total_key: str, part_keys: list[str]):
    rows = table.rows
    if axis == "column":  # the total and the parts are rows, all at column `fixed`
        row = rows.get(total_key)
        total_cell = row.cells.get(fixed) if row else None
        part_cells = [rows[k].cells.get(fixed) if k in rows else None for k in part_keys]
    else:  # the total and the parts are columns of row `fixed`
        row = rows.get(fixed)
        cells = row.cells if row else {}
        total_cell = cells.get(total_key)
        part_cells = [cells.get(k) for k in part_keys]
    if total_cell is None:
        return None
    ok, total = _value(total_cell)
    if not ok:
        return None
    parts, filled = [], 0
    for cell in part_cells:
        if cell is None:
            continue  # no such cell in this table: not part of the identity
        if cell.blank:
            parts.append(0)
            continue
        if cell.value is None:
            return None
        parts.append(cell.value)
        filled += 1
    if not filled:
        return None  # every part left blank: the column was not filled in (reported as GX205)
    if total_cell.blank and all(p == 0 for p in parts):
        return None
    return total_cell, total, parts


def sum_check(analysis, params) -> Iterator[Hit]:
    """Total = Σ parts, per column (rows summed) or per row (columns summed); blank counts as 0, unreadable cells skip the identity."""
    table = analysis.tables.get(params["table"])
    if table is None:
        return
    per = params.get("per", "column")
    identities = params.get("identities") or [{"total": params["total"], "parts": params["parts"]}]
    if per == "column":
        axis, fixed_keys = "column", table.column_keys
    else:
        axis, fixed_keys = "row", [k for k in (params.get("rows") or table.rows) if k in table.rows]
    for ident in identities:
        # the parts are the same for every column: expanded once
        row_keys = _expand(table, ident["parts"]) if per == "column" else ident["parts"]
        for fixed in fixed_keys:
            got = _identity(table, params, fixed, axis, ident["total"], row_keys)
            if got is None:
                continue
            total_cell, total, parts = got
            s = sum(parts)
            if abs(s - total) > params.get("tolerance", 0) + 1e-9:
                yield _hit(table, per, fixed, ident["total"], total_cell, total, parts, s, ident)


def _expand(table, keys: list[str]) -> list[str]:
    """`results.withheld.*` → every bound row under that prefix, in table order."""
    out: list[str] = []
    for k in keys:
        if k.endswith(".*"):
            prefix = k[:-1]
            out.extend(r for r in table.rows if r.startswith(prefix) and not table.rows[r].group)
        elif k in table.rows and not table.rows[k].group:
            out.append(k)
    return out


def _hit(table, per, fixed, total_key, total_cell, total, parts, s, ident, relation="≠"):
    if per == "column":
        row_label = _label(table, True, total_key)
        col_label = _label(table, False, fixed)
        row_key, col_key = total_key, fixed
    else:
        row_label = _label(table, True, fixed)
        col_label = _label(table, False, total_key)
        row_key, col_key = fixed, total_key
    row = table.rows.get(row_key)
    start = (
        total_cell.start if total_cell.start is not None else (row.start if row else table.start)
    )
    end = total_cell.end if total_cell.end is not None else start + 1
    if total_cell.blank and row is not None:
        start, end = row.start, row.end
    args = {
        "table": table.spec["title"],
        "row": row_label,
        "column": col_label,
        "total": Text("空白", "blank") if total_cell.blank else format_number(total),
        "sum": format_number(s),
        "expr": _expr(parts),
        "diff": format_number(total - s),
        "name": ident.get("name", row_label),
    }
    ctx = {
        "table": table.key,
        "row": row_key,
        "column": col_key,
        "expected": s,
        "actual": total,
        "inferred": bool(total_cell.inferred),
    }
    return Hit(start, end, args, ctx)


def balance(analysis, params) -> Iterator[Hit]:
    """Σ left rows = Σ right rows per column (表三: 一+二 = （七）+四)."""
    table = analysis.tables.get(params["table"])
    if table is None:
        return
    for col in table.column_keys:
        sides = []
        for side in ("left", "right"):
            vals, ok = [], True
            for key in params[side]:
                cell = table.cell(key, col)
                usable, v = _value(cell)
                if not usable or v is None:
                    ok = False
                    break
                vals.append(v)
            sides.append(vals if ok else None)
        left, right = sides
        if left is None or right is None or abs(sum(left) - sum(right)) < 1e-9:
            continue
        anchor = table.cell(params["right"][0], col)
        row = table.rows[params["right"][0]]
        start = anchor.start if anchor.start is not None and not anchor.blank else row.start
        end = anchor.end if anchor.end is not None and not anchor.blank else row.end
        yield Hit(
            start,
            end,
            {
                "table": table.spec["title"],
                "column": _label(table, False, col),
                "left": format_number(sum(left)),
                "left_expr": _expr(left),
                "right": format_number(sum(right)),
                "right_expr": _expr(right),
            },
            {"table": table.key, "column": col, "left": sum(left), "right": sum(right)},
        )


def at_most(analysis, params) -> Iterator[Hit]:
    """Per column: each `part` row ≤ the `total` row (其中 ≤ 总数); with `together: true`, the
    parts' sum ≤ the total (reasons that together may not exceed what they explain)."""
    table = analysis.tables.get(params["table"])
    if table is None:
        return
    for col in table.column_keys:
        t_cell = table.cell(params["total"], col)
        ok, total = _value(t_cell)
        if not ok or total is None:
            continue
        if params.get("together"):
            yield from _parts_together(table, params, col, t_cell, total)
            continue
        for key in params["parts"]:
            p_cell = table.cell(key, col)
            ok, part = _value(p_cell)
            if not ok or part is None or part <= total:
                continue
            row = table.rows[key]
            yield Hit(
                p_cell.start if p_cell.start is not None else row.start,
                p_cell.end if p_cell.end is not None else row.end,
                {
                    "table": table.spec["title"],
                    "column": _label(table, False, col),
                    "part": row.label,
                    "part_value": format_number(part),
                    "total": table.rows[params["total"]].label,
                    "total_value": format_number(total),
                },
                {"table": table.key, "row": key, "column": col},
            )


def _parts_together(table, params, col: str, t_cell, total) -> Iterator[Hit]:
    """The parts present in this column, summed; silent when one cannot be read."""
    values = []
    for key in params["parts"]:
        ok, part = _value(table.cell(key, col))
        if not ok:
            return
        if part is not None:
            values.append(part)
    if not values or sum(values) <= total:
        return
    row = table.rows[params["total"]]
    yield Hit(
        t_cell.start if t_cell.start is not None else row.start,
        t_cell.end if t_cell.end is not None else row.end,
        {
            "table": table.spec["title"],
            "column": _label(table, False, col),
            "sum": format_number(sum(values)),
            "expr": _expr(values),
            "total": row.label,
            "total_value": format_number(total),
        },
        {"table": table.key, "row": params["total"], "column": col, "parts": params["parts"]},
    )
