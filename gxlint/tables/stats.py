"""The `stats` layout (the 2008–2018 统计表): local forms differ in rows and order, so each label
is found wherever it is, and the value columns are read from the header."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gxlint.compact import NUMBERING_TAIL_RE, compact
from gxlint.i18n import Text
from gxlint.model import BoundRow, BoundTable
from gxlint.tables.labels import extend_parenthetical

if TYPE_CHECKING:
    from gxlint.tables.binder import Binder


def bind_stats(b: Binder, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
    """统计表: local forms differ in rows and order, so labels are found wherever they are."""
    view, norm, spec = b.view, b.norm, b.spec
    candidates = []
    for order, row in enumerate(spec["rows"]):
        for label in [row["label"], *row.get("aliases", [])]:
            pat = compact(label)
            k = view.text.find(pat, anchor[0], hi)
            while k != -1:
                candidates.append((k, -len(pat), order, row))
                k = view.text.find(pat, k + 1, hi)
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int, dict]] = []
    last_end = -1
    used_keys: set[str] = set()
    for k, neglen, _order, row in candidates:
        if k < last_end:
            continue
        if row["key"] in used_keys:
            # a label used twice (被依法纠错数 under 复议 and 诉讼): the next row with that label
            same = [
                r for r in spec["rows"] if r["label"] == row["label"] and r["key"] not in used_keys
            ]
            if not same:
                continue
            row = same[0]
        used_keys.add(row["key"])
        taken.append((k, k - neglen, row))
        last_end = k - neglen
    if not taken:
        return
    header = norm[view.source_start(anchor[0]) : view.source_start(taken[0][0])]
    columns = []
    for col in spec["value_columns"]:
        if any(re.search(h, header) for h in col["header"]):
            columns.append(col["key"])
    if not columns:
        columns = [spec["value_columns"][0]["key"]]
    table.spec = {**spec, "columns": [c for c in spec["value_columns"] if c["key"] in columns]}
    for idx, (i, j, row) in enumerate(taken):
        start = view.source_start(i)
        label_end = extend_parenthetical(norm, view.source_end(j))
        nxt = view.source_start(taken[idx + 1][0]) if idx + 1 < len(taken) else table.end
        # the next row's own numbering (`2.`, `(三)`) is not part of this row's values
        tail = NUMBERING_TAIL_RE.search(norm, label_end, nxt)
        if tail:
            nxt = tail.start()
        bound = BoundRow(row["key"], row["label"], start, label_end, columns=columns)
        table.rows[row["key"]] = bound
        mode, spans = b.value_segments(label_end, nxt)
        where = Text(f"统计表“{row['label']}”行", f"statistics table, row “{row['label']}”")
        bound.cells, bound.shape_problem = b.cells_for(
            mode, spans, columns, b.constraints, where, stats=True
        )
