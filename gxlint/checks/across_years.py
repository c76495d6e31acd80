"""GX6xx: one agency's report against its report for the year before (batch kinds).

Both kinds collect, per report, its agency and year (series.py) and what they compare; `finish`
places the batch's reports in their agencies' series and compares each report with last year's,
when both are in the batch or last year's came from `--history`. A report that cannot be placed
(no name, no year, a name without place that fits several) is compared with nothing.

`year_to_year`: a table cell this year equals a sum of cells of this year's and last year's
tables — 上年结转 = last year's 结转下年度继续办理 (GX601), 现行有效件数 = last year's + 本年制发
− 本年废止 (GX602), the 2019 format's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减
(GX603). Only cells read with certainty take part: a number, not inferred from run-together
digits, in a row without a reading problem.

`repeated_prose`: the share of this year's prose that is last year's, sentence by sentence
(GX604 passages, GX605 the whole report).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from gxlint.findings import Hit
from gxlint.i18n import Text
from gxlint.scanning import CJK_RUN, scanning
from gxlint.series import Identity, Member, group
from gxlint.source import Source
from gxlint.tables.cells import _fmt

# A cell read with certainty: (value, start, end). A plain tuple: it travels from the worker to
# the parent, where a NamedTuple would pickle ten times slower. Where it is in words (`第28行`)
# is read from the report's source only for the cells a finding names.
CellRead = tuple[int | float, int, int]
_VALUE, _CELL_START = 0, 1


@dataclass
class YearEntry:
    """What a report contributes to the comparison with the year before or after."""

    identity: Identity | None
    year: int | None
    payload: Any
    # the report's text, where a finding names a passage (it travels with the file's result
    # anyway: pickled once for both)
    source: Source | None = None


def _members(collected: list[Any]) -> tuple[list[Member], dict[int, YearEntry]]:
    entries = {i: e for i, e in enumerate(collected) if isinstance(e, YearEntry)}
    members = [Member(i, e.identity, e.year) for i, e in entries.items()]
    return members, entries


def _pairs(collected: list[Any]) -> Iterator[tuple[int, YearEntry, int, YearEntry]]:
    """(last year's index, entry, this year's index, entry) for every consecutive pair."""
    members, entries = _members(collected)
    for before, now in group(members).pairs():
        yield before.index, entries[before.index], now.index, entries[now.index]


def _place(source: Source | None, offset: int) -> str:
    """Where an offset is, in words: `第28行`, `第1行第429列` on a long line (a crawler's one-line
    copy), or a .docx/.html locator."""
    if source is None:
        return ""
    line, column = source.position(offset)
    locator = source.locator(line)
    if locator:
        return locator
    long_line = len(source.line_text(line)) > _LONG_LINE
    return f"第{line}行第{column}列" if long_line else f"第{line}行"


_LONG_LINE = 200


def _certain_cells(analysis, table_key: str, rows: set[str]) -> dict[tuple[str, str], CellRead]:
    """The cells of `rows` read with certainty: a number, not inferred, no reading problem in
    the row (run-together digits split by an identity are not certain)."""
    table = analysis.tables.get(table_key)
    if table is None:
        return {}
    problem_at = [p.start for p in table.problems if p.start is not None]
    read: dict[tuple[str, str], CellRead] = {}
    for key in rows:
        row = table.rows.get(key)
        if row is None or row.group:
            continue
        ends = [c.end for c in row.cells.values() if c.end is not None]
        row_end = max(ends, default=row.end)
        if any(row.start <= p <= row_end for p in problem_at):
            continue
        for column, cell in row.cells.items():
            if cell.value is None or cell.inferred or cell.blank or cell.start is None:
                continue
            end = cell.end if cell.end is not None else cell.start + 1
            read[(key, column)] = (cell.value, cell.start, end)
    return read


def _labels(analysis, table_key: str, params) -> dict[str, str]:
    """The format's labels of the rows and columns the rule names (for this year's message)."""
    table = analysis.tables.get(table_key)
    if table is None:
        return {}
    rows = _rows_read(params)
    columns = {t["column"] for t in params["equals"] if "column" in t}
    columns |= set(params.get("columns", table.column_keys))
    return {
        **{key: table.row_label(key) for key in rows},
        **{key: table.column_label(key) for key in columns},
    }


def _rows_read(params) -> set[str]:
    rows = set(params["rows"])
    for term in params["equals"]:
        if "row" in term:
            rows.add(term["row"])
    return rows


def collect_year_to_year(analysis, params) -> YearEntry:
    """The agency, the year, and the certain cells of the rows the rule compares."""
    table = params["table"]
    cells = _certain_cells(analysis, table, _rows_read(params))
    return YearEntry(
        analysis.identity,
        analysis.year,
        (cells, _labels(analysis, table, params)),
        analysis.doc.source,
    )


def _sign(term: dict) -> str:
    return "−" if term.get("sign", 1) < 0 else "+"


def finish_year_to_year(
    collected: list[Any], names: list[str], params
) -> Iterator[tuple[int, Hit]]:
    """A cell of this year's table that does not equal its sum over last year's and this year's."""
    tolerance = params.get("tolerance", 0)
    for last_i, last, this_i, this in _pairs(collected):
        last_cells, _ = last.payload
        this_cells, labels = this.payload
        for (row, column), cell in this_cells.items():
            if row not in params["rows"] or column not in params.get("columns", [column]):
                continue
            terms = []
            for term in params["equals"]:
                cells = last_cells if term["year"] == "last" else this_cells
                read = cells.get((term.get("row", row), term.get("column", column)))
                if read is None:
                    break
                terms.append((term, read))
            else:
                expected = sum(t.get("sign", 1) * read[_VALUE] for t, read in terms)
                if abs(cell[_VALUE] - expected) <= tolerance:
                    continue
                yield (
                    this_i,
                    _year_hit(cell, expected, terms, labels, row, column, names[last_i], last),
                )


def _year_hit(cell, expected, terms, labels, row, column, other, last_entry) -> Hit:
    """The finding on this year's cell; the expression names a row or column only where it is
    not the checked cell's, and where last year's cells are."""
    only_last = len(terms) == 1 and terms[0][0]["year"] == "last"
    parts_zh, parts_en = [], []
    for n, (term, read) in enumerate(terms):
        last = term["year"] == "last"
        names = [
            labels.get(key, key)
            for key, own in ((term.get("row", row), row), (term.get("column", column), column))
            if key != own
        ]
        named = "".join(f"“{name}”" for name in names)
        sign = "" if n == 0 and term.get("sign", 1) > 0 else f" {_sign(term)} "
        which = "" if only_last else ("上年" if last else "本年")
        which_en = "" if only_last else ("last year " if last else "this year ")
        where = f"（{_place(last_entry.source, read[_CELL_START])}）" if last else ""
        parts_zh.append(f"{sign}{which}{named}{_fmt(read[_VALUE])}{where}")
        parts_en.append(
            f"{sign}{which_en}{' '.join(names)} {_fmt(read[_VALUE])}".replace("  ", " ")
        )
    expr = Text("".join(parts_zh), "".join(parts_en).strip())
    value, start, end = cell
    other_year = last_entry.year
    return Hit(
        start,
        end,
        {
            "row": labels.get(row, row),
            "column": labels.get(column, column),
            "value": _fmt(value),
            "expected": _fmt(expected),
            "expr": expr,
            "other": other,
            "other_year": other_year,
        },
        {
            "other": other,
            "other_year": other_year,
            "row": row,
            "column": column,
            "expected": expected,
        },
    )


# --- repeated prose -------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"[。！？!?；;\n]+")
# What a sentence is compared by: its letters, without digits (a year or a count changed still
# repeats), punctuation, spaces and underscores — the runs of `[^\W\d_]` (CJK runs read first:
# faster, same text).
_COUNTED_RE = re.compile(rf"{CJK_RUN}|[^\W\d_]+")
_EXCERPT = 14
_CONTEXT_MAX = 50


@cache
def _boilerplate(patterns: tuple[str, ...]) -> re.Pattern | None:
    return scanning("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# A counted sentence: (hash of its masked text, start, end, characters counted). A plain tuple:
# a report sends a few dozen of them from its worker to the parent, and a NamedTuple pickles
# ten times slower (each one goes through Python's __reduce__). Where it is in words and how it
# begins are read from the source only for the sentences a finding names.
Sentence = tuple[int, int, int, int]
_DIGEST, _START, _END, _SIZE = range(4)


def _passage(source: Source | None, sentence: Sentence) -> tuple[str, str]:
    """(place, excerpt) of a sentence: `第12行` or a locator, and its first characters."""
    if source is None:
        return "", ""
    _digest, start, end, _size = sentence
    excerpt = source.text[start:end].strip()
    excerpt = excerpt[:_EXCERPT] + ("…" if len(excerpt) > _EXCERPT else "")
    return _place(source, start), excerpt


def prose_sentences(analysis, params) -> list[Sentence]:
    """The report's own sentences: prose outside the tables, digits masked (a year or a count
    changed still repeats), punctuation and spaces dropped; not the ones the format imposes
    (`boilerplate`) and not the short ones (`min_chars`)."""
    prose = analysis.prose
    skip = _boilerplate(tuple(params.get("boilerplate", ())))
    min_chars = params.get("min_chars", 20)
    found = []
    start = analysis.after_title
    for m in _SENTENCE_END_RE.finditer(prose + "\n", start):
        begin, start = start, m.end()
        end = m.start()
        if end - begin < min_chars:
            continue  # too short even before anything is dropped
        text = prose[begin:end]
        masked = "".join(_COUNTED_RE.findall(text))
        if len(masked) < min_chars or (skip is not None and skip.search(text)):
            continue
        offset = begin + len(text) - len(text.lstrip())
        digest = zlib.crc32(masked.encode("utf-8"))
        found.append((digest, offset, begin + len(text.rstrip()), len(masked)))
    return found


def collect_repeated_prose(analysis, params) -> YearEntry:
    """The agency, the year and the report's counted sentences (one list for every rule that
    counts sentences alike: GX605 and GX606 keep one copy)."""
    key = (params.get("min_chars", 20), tuple(params.get("boilerplate", ())))
    cache = analysis.__dict__.setdefault("_prose_sentences", {})
    if key not in cache:
        cache[key] = prose_sentences(analysis, params)
    return YearEntry(analysis.identity, analysis.year, cache[key], analysis.doc.source)


def finish_repeated_prose(
    collected: list[Any], names: list[str], params
) -> Iterator[tuple[int, Hit]]:
    """This year's report when the share of its counted prose that repeats last year's
    sentences is within the rule's range."""
    low, high = params.get("min_share", 0.5), params.get("max_share", 1.01)
    listed = params.get("list", 3)
    for last_i, last, this_i, this in _pairs(collected):
        mine: list[Sentence] = this.payload
        total = sum(s[_SIZE] for s in mine)
        if total < params.get("min_total", 200):
            continue
        theirs = {s[_DIGEST] for s in last.payload}
        repeated = [s for s in mine if s[_DIGEST] in theirs]
        share = sum(s[_SIZE] for s in repeated) / total
        if not low <= share < high or not repeated:
            continue
        first = repeated[0]
        passages = [_passage(this.source, s) for s in repeated[:_CONTEXT_MAX]]
        shown = "、".join(f"{place}“{excerpt}”" for place, excerpt in passages[:listed])
        more = len(repeated) - listed
        yield (
            this_i,
            Hit(
                first[_START],
                first[_END],
                {
                    "percent": int(share * 100),
                    "count": len(repeated),
                    "sentences": len(mine),
                    "other": names[last_i],
                    "other_year": last.year,
                    "passages": Text(
                        shown + (f"等 {len(repeated)} 句" if more > 0 else ""),
                        shown + (f" and {more} more" if more > 0 else ""),
                    ),
                },
                {
                    "other": names[last_i],
                    "other_year": last.year,
                    "share": round(share, 3),
                    "repeated": [
                        {"place": place, "excerpt": excerpt} for place, excerpt in passages
                    ],
                },
            ),
        )
