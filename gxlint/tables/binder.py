"""One table of a template bound to the report text: the anchor that starts it, then its rows
by the layout the table file names (rows.py, flat.py, stats.py)."""

from __future__ import annotations

from bisect import bisect_right

from gxlint.compact import CompactView
from gxlint.findings import Hit
from gxlint.model import BoundTable, Document
from gxlint.tables.cells import CellReader
from gxlint.tables.flat import bind_flat
from gxlint.tables.labels import find_label, find_last
from gxlint.tables.rows import bind_rows
from gxlint.tables.stats import bind_stats


class Binder(CellReader):
    """Holds what every layout needs: the text, the compact view, the table spec, the era."""

    def __init__(
        self,
        doc: Document,
        view: CompactView,
        spec: dict,
        lineage: tuple[str, ...],
        identities: list[dict],
    ):
        self.doc = doc
        # identities a row's values must satisfy: they choose among splits of digits that ran
        # together (the rules' own per-row identities, and the table file's extra hints)
        self.constraints = identities + spec.get("split_constraints", [])
        self.norm = doc.source.norm
        self.text = doc.source.text
        self.view = view
        self.spec = spec
        self.lineage = set(lineage)  # the era and the eras it extends

    def label_start(self, i: int) -> int:
        """Source offset where the label at compact index i begins, opening bracket included."""
        s = self.view.source_start(i)
        while s > 0 and self.norm[s - 1] in "([【":
            s -= 1
        return s

    def bind(self, region: tuple[int, int], ends: list[int] | None = None) -> BoundTable | None:
        """The table within `region` (source offsets), or None when its anchor is not there.

        `ends` (sorted source offsets, the top-level sections' starts): a table also ends
        where the first of them after its anchor begins. Found here, once the anchor is, so
        the table is read once (the last anchor in the region is the last before that end)."""
        spec = self.spec
        self.units = set(spec.get("units", []))
        self.problems: list[Hit] = []
        view = self.view
        lo, hi = view.index_at(region[0]), view.index_at(region[1])
        if spec.get("anchor_policy") == "last":
            anchor = find_last(view, spec.get("anchors", []), lo, hi)
        else:
            anchor = find_label(view, spec.get("anchors", []), lo, hi)
        if anchor is None:
            return None
        start = view.source_start(anchor[0])
        end = region[1]
        if ends and spec.get("layout") != "stats":
            later = bisect_right(ends, start)
            if later < len(ends) and ends[later] < end:
                end = ends[later]
                hi = view.index_at(end)
        table = BoundTable(spec, start, end)
        layout = spec.get("layout", "rows")
        if layout == "flat":
            bind_flat(self, table, anchor, hi)
        elif layout == "stats":
            bind_stats(self, table, anchor, hi)
        else:
            bind_rows(self, table, anchor, hi)
        table.problems = self.problems
        return table

    def rows_for_era(self) -> list[dict]:
        """Rows of every era, and rows whose `eras:` include this era or one it extends."""
        return [r for r in self.spec["rows"] if "eras" not in r or self.lineage & set(r["eras"])]
