"""`gxlint extract`: the tables and the numbers of the prose as data, one record each.

A cell record is one table cell as the report has it: the agency and year, the era, the table,
the row and column keys of the template (the same key for the same meaning in every era:
`apply` / `results.granted` / `natural` in 2019 and 2021), the official labels, the text as
written and its number (a blank stays blank: value null, not 0), and where it is. A fact record
is one number stated in the prose: the quantity, its label, unit, scope, whether it is
approximate, the total it is a part of, and the sentence.

Records are produced one report at a time and written as they come, so memory stays flat over
any number of reports. Field order is fixed (FIELDS) and is the CSV's header; the JSON document
is described by `rules/schema/extract.schema.json` (shipped in the package).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from gxlint import __version__

FIELDS = (
    "record",  # cell | fact
    "path",
    "agency",
    "year",
    "era",
    "table",  # template table key: active, apply, review, stats
    "table_name",  # 表二, 表三…
    "row_key",
    "column_key",
    "row_label",  # the format's official label
    "column_label",
    "raw",  # the cell as written ("" blank); for a fact, the number as written
    "value",  # the number; null when blank or unreadable
    "inferred",  # the cell's number was inferred from digits run together (crawler copies)
    "unit",
    "label",  # a fact's label: the clause before the number
    "scope",  # a fact's scope: year, cumulative, comparative, other_year, last_year, plan
    "approx",  # a fact stated as approximate (多, 余, 近, 约)
    "fact_id",  # a fact's number within its report (1, 2, …)
    "part_of",  # the fact_id of the total this fact is a part of
    "sentence",  # the sentence a fact is in
    "line",
    "col",
    "locator",  # where in a .docx/.html/.pdf (`表3 第5行`)
)
_SENTENCE_MAX = 300


def _where(source, offset: int | None) -> dict[str, Any]:
    if offset is None:
        return {"line": None, "col": None, "locator": None}
    line, col = source.position(offset)
    locator = source.locator(line)
    if locator is not None:  # the user has no lines in a .docx/.html/.pdf
        return {"line": None, "col": None, "locator": locator}
    return {"line": line, "col": col, "locator": None}


def _blank_record() -> dict[str, Any]:
    return dict.fromkeys(FIELDS)


def records(analysis, path: str) -> Iterator[dict[str, Any]]:
    """Every cell of every bound table, then every number of the prose, of one report."""
    source = analysis.doc.source
    who = analysis.identity
    common = {
        "path": path,
        "agency": who.label if who is not None else None,
        "year": analysis.year,
        "era": analysis.template.id,
    }
    for table in analysis.tables.values():
        for row in table.rows.values():
            if row.group:
                continue
            for column_key, cell in row.cells.items():
                record = _blank_record()
                record.update(common)
                record.update(
                    record="cell",
                    table=table.key,
                    table_name=table.spec.get("name"),
                    row_key=row.key,
                    column_key=column_key,
                    row_label=table.row_label(row.key),
                    column_label=table.column_label(column_key),
                    raw="" if cell.blank else cell.raw,
                    value=None if cell.blank else cell.value,
                    inferred=cell.inferred,
                )
                record.update(_where(source, cell.start if cell.start is not None else row.start))
                yield record
    facts = _with_parts(analysis.facts.quantities)
    ids = {id(q): n for n, q in enumerate(facts, start=1)}
    part_of = {id(p): ids[id(q)] for q in facts for p in q.parts}
    for quantity in facts:
        record = _blank_record()
        record.update(common)
        sentence = quantity.sentence
        text = source.text[sentence.start : sentence.end].strip()
        record.update(
            record="fact",
            raw=source.text[quantity.start : quantity.end],
            value=quantity.value,
            unit=quantity.unit,
            label=quantity.label,
            scope=quantity.scope,
            approx=quantity.approx,
            fact_id=ids[id(quantity)],
            part_of=part_of.get(id(quantity)),
            sentence=text[:_SENTENCE_MAX],
        )
        record.update(_where(source, quantity.start))
        yield record


def _with_parts(quantities) -> list:
    """Every quantity once, each part right after its total (parts are not always listed)."""
    seen: set[int] = set()
    ordered = []

    def add(q) -> None:
        if id(q) in seen:
            return
        seen.add(id(q))
        ordered.append(q)
        for part in q.parts:
            add(part)

    for q in quantities:
        add(q)
    return ordered


def _plain(value: Any) -> Any:
    """A value as a CSV/xlsx cell: None blank, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_jsonl(stream: IO[str], rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line."""
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_json(stream: IO[str], rows: Iterable[dict[str, Any]]) -> None:
    """One JSON document (extract.schema.json), written record by record."""
    stream.write(f'{{"version": {json.dumps(__version__)}, "fields": ')
    stream.write(json.dumps(list(FIELDS)) + ', "records": [')
    first = True
    for row in rows:
        stream.write(("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False))
        first = False
    stream.write("\n]}\n")


def write_csv(stream: IO[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header of FIELDS, then one line per record; blank cells stay empty."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([_plain(row[f]) for f in FIELDS])


def write_xlsx(binary: IO[bytes], rows: Iterable[dict[str, Any]]) -> None:
    """A workbook for WPS/Excel: sheet 表格 (the cells) and sheet 正文数字 (the facts), each
    with the fields that apply to it; openpyxl's write-only mode keeps memory flat."""
    from openpyxl import Workbook

    cell_fields = [f for f in FIELDS if f not in _FACT_ONLY]
    fact_fields = [f for f in FIELDS if f not in _CELL_ONLY]
    book = Workbook(write_only=True)
    cells = book.create_sheet("表格")
    facts = book.create_sheet("正文数字")
    cells.append(cell_fields)
    facts.append(fact_fields)
    for row in rows:
        if row["record"] == "cell":
            cells.append([_plain(row[f]) for f in cell_fields])
        else:
            facts.append([_plain(row[f]) for f in fact_fields])
    if binary.seekable():  # a file: openpyxl writes the zip in place
        book.save(binary)
        return
    buffer = io.BytesIO()  # a pipe: the zip needs seeking, so it is assembled first
    book.save(buffer)
    binary.write(buffer.getvalue())


_CELL_ONLY = frozenset(
    {"table", "table_name", "row_key", "column_key", "row_label", "column_label", "inferred"}
)
_FACT_ONLY = frozenset({"unit", "label", "scope", "approx", "fact_id", "part_of", "sentence"})
