"""GX2xx check kinds about a table's presence and shape: tables, rows, columns, cell values."""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit
from gxlint.i18n import Text
from gxlint.parse.numerals import shorten


def _section_anchor(analysis, spec):
    section = analysis.section_keys.get(spec.get("section", ""))
    return (section.heading.start, section.heading.end) if section else (None, None)


def required_table(analysis, params) -> Iterator[Hit]:
    """A table the template requires is missing (optional ones excepted)."""
    for spec in analysis.missing_tables:
        if spec["key"] in analysis.template.optional_tables or spec["key"] in params.get(
            "except", []
        ):
            continue
        start, end = _section_anchor(analysis, spec)
        yield Hit(
            start,
            end,
            {
                "table": spec["title"],
                "template": analysis.template.name,
                "era": analysis.template.id,
            },
            {"table": spec["key"]},
        )


def table_rows(analysis, params) -> Iterator[Hit]:
    """Required rows a bound table lacks."""
    for table in analysis.tables.values():
        for row in table.missing_rows:
            yield Hit(
                table.start,
                table.start + 1,
                {"table": table.spec["title"], "row": row["label"]},
                {"table": table.key, "row": row["key"]},
            )


def table_columns(analysis, params) -> Iterator[Hit]:
    """Columns whose header label is missing (cells are read by position)."""
    for table in analysis.tables.values():
        for col in table.missing_columns:
            yield Hit(
                table.start,
                table.start + 1,
                {"table": table.spec["title"], "column": col["label"]},
                {"table": table.key, "column": col["key"]},
            )


def cell_values(analysis, params) -> Iterator[Hit]:
    """`kind: blank` finds empty cells (blank is not 0); `kind: non_numeric` finds text in cells."""
    kind = params["kind"]
    if kind == "blank":
        yield from _blank_rows(analysis)
        return
    signed = params.get("signed_columns", [])
    for table in analysis.tables.values():
        for row in table.rows.values():
            for col, cell in row.cells.items():
                if kind == "non_numeric":
                    hit = cell.raw is not None and cell.value is None and not cell.blank
                elif kind == "negative":
                    hit = cell.value is not None and cell.value < 0 and col not in signed
                else:
                    hit = False
                if hit:  # the finding's fields only for the few cells that have one
                    where = {
                        "table": table.spec["title"],
                        "row": row.label,
                        "column": table.column_label(col),
                        "raw": shorten(cell.raw or "", 30),
                    }
                    ctx = {"table": table.key, "row": row.key, "column": col}
                    yield Hit(cell.start, cell.end, where, ctx)


def _blank_rows(analysis) -> Iterator[Hit]:
    """One finding per row with blank cells, naming the columns: a sparse table stays readable."""
    for table in analysis.tables.values():
        if table.spec.get("layout") == "stats":
            continue  # 统计表 rows like 一、主动公开情况 are headings with blank cells
        for row in table.rows.values():
            blank = [col for col, cell in row.cells.items() if cell.blank]
            if blank:
                labels = [table.column_label(c) for c in blank]
                names = Text("、".join(labels), ", ".join(f"“{label}”" for label in labels))
                yield Hit(
                    row.start,
                    row.end,
                    {
                        "table": table.spec["title"],
                        "row": row.label,
                        "count": len(blank),
                        "columns": names,
                    },
                    {"table": table.key, "row": row.key, "columns": blank},
                )


def row_shape(analysis, params) -> Iterator[Hit]:
    """Rows whose number of cells differs from the columns they should have."""
    for table in analysis.tables.values():
        for row in table.rows.values():
            if row.shape_problem:
                yield Hit(
                    row.start,
                    row.end,
                    {"table": table.spec["title"], "row": row.label, "problem": row.shape_problem},
                    {"table": table.key, "row": row.key},
                )


def label_slips(analysis, params) -> Iterator[Hit]:
    """Rows found with one character of their label different from the format's."""
    for table in analysis.tables.values():
        for row, start, end, written in table.label_slips:
            yield Hit(
                start,
                end,
                {
                    "table": table.spec["title"],
                    "label": row["label"],
                    "written": written,
                    "problem": row.get("kind", "row"),
                },
                {
                    "table": table.key,
                    row.get("kind", "row"): row["key"],
                    "written": written,
                },
            )
