"""The `flat` layout (表四): one row of numbers after a three-level header."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gxlint.compact import compact
from gxlint.i18n import Text
from gxlint.model import BoundRow, BoundTable

if TYPE_CHECKING:
    from gxlint.tables.binder import Binder


def bind_flat(b: Binder, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
    """The numbers that follow the header's n-th closing label (`header_end`), as one row."""
    view = b.view
    spec = b.spec
    he = spec["header_end"]
    pat = compact(he["label"])
    pos, count = anchor[0], 0
    while count < he["occurrence"]:
        k = view.text.find(pat, pos, hi)
        if k == -1:
            break
        count += 1
        pos = k + len(pat)
    columns = [c["key"] for c in spec["columns"]]
    row_spec = spec["rows"][0]
    if count < he["occurrence"]:
        table.missing_rows.append(row_spec)
        return
    header_end = view.source_end(pos)
    start = view.source_start(anchor[0])
    bound = BoundRow(row_spec["key"], row_spec["label"], start, header_end, columns=columns)
    table.rows[row_spec["key"]] = bound
    # the numbers: the first non-empty line after the header (separated), or the digit run
    norm = b.norm
    end = table.end
    p = header_end
    while p < end and norm[p] in " \t\n|":
        p += 1
    line_end = norm.find("\n", p)
    line_end = end if line_end == -1 or line_end > end else line_end
    seg = norm[p:line_end]
    where = Text(f"表“{spec['title']}”数据行", f"table “{spec['title']}”, data row")
    if "|" in seg or "\t" in seg:
        sep = "|" if "|" in seg else "\t"
        spans, q = [], p
        for part in seg.split(sep):
            spans.append((q, q + len(part)))
            q += len(part) + 1
        bound.cells, bound.shape_problem = b.cells_for("sep", spans, columns, [], where)
    else:
        m = re.match(r"[\d\s]+", seg)
        run_end = p + (m.end() if m else 0)
        bound.cells, bound.shape_problem = b.cells_for(
            "run", [(p, run_end)], columns, b.constraints, where
        )
    table.end = max([header_end] + [c.end for c in bound.cells.values() if c.end])
