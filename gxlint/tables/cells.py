"""A row's value text → cells: separated cells (blanks kept), or a digit run split without
guessing (split.py), choosing among splits only by the table's own identities. Problems (cells
that cannot be separated, or separated only by an identity) are kept as named problems; the
rule files that report them (GX003, GX004) hold the messages."""

from __future__ import annotations

import re
from functools import lru_cache

from gxlint.findings import Hit
from gxlint.i18n import Text
from gxlint.model import Cell
from gxlint.parse.numerals import parse_decimal, parse_int, shorten
from gxlint.split import candidate_splits

NUMBER_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)\s*(万元|元|条|件|次|篇|人次|人|个|份|项)?$")
_FILLERS = ("其中",)
_LEADING_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:万元|元)?")
_WORD_RE = re.compile(r"\S+")
_UNIT_END_RE = re.compile(r"(万元|元)$")
_DECIMAL_RE = re.compile(r"\d+\.\d+")


def parse_number(raw: str) -> int | float | None:
    """A cell's number (`12`, `3.5`, `-2`, `12件`), or None."""
    m = NUMBER_RE.match(raw.strip().replace(",", ""))
    if not m:
        return None
    sign, digits, _unit = m.groups()
    value = parse_decimal(digits)
    if value is None:
        return None
    return -value if sign == "-" else value


def _not_a_number(segment: str) -> Text:
    shown = shorten(segment.strip(), 30)
    return Text(f"单元格内容“{shown}”不是数字", f"the cell “{shown}” is not a number")


class CellReader:
    """Reads cells from the report text; the Binder supplies the text, units and problems."""

    norm: str
    text: str
    units: set[str]
    problems: list[Hit]  # table-reading problems, named by their `problem` argument

    def value_segments(self, label_end: int, next_start: int) -> tuple[str, list[tuple[int, int]]]:
        """Cells after a label, as (mode, spans). mode: 'sep' (separated, blanks kept) or 'run'."""
        norm = self.norm
        line_end = norm.find("\n", label_end)
        line_end = len(norm) if line_end == -1 else line_end
        stop = min(line_end, next_start)
        first = norm[label_end:stop]
        if first.strip(" \t|\u3000"):
            if "|" in first or "\t" in first:
                return "sep", self._split_sep(label_end, stop)
            return "run", [(label_end, stop)]
        # one cell per line: following lines until an empty line
        if line_end < next_start and norm[line_end + 1 : line_end + 2] == "\t":
            spans, pos = [], line_end + 1
            while pos < next_start:
                e = norm.find("\n", pos)
                e = len(norm) if e == -1 or e > next_start else e
                if norm[pos:e] == "" or not norm[pos:e].startswith(("\t", " ", "\u3000")):
                    break
                spans.append((pos, e))
                pos = e + 1
            return "sep", spans
        seg = norm[label_end:next_start]
        if "|" in seg or "\t" in seg:
            return "sep", self._split_sep(label_end, next_start)
        return "run", [(label_end, next_start)]

    def _split_sep(self, start: int, end: int) -> list[tuple[int, int]]:
        seg = self.norm[start:end]
        sep = "|" if "|" in seg else "\t"
        spans, pos = [], start
        for part in seg.split(sep):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        # the first piece is what is left of the label's own cell
        if spans and parse_number(self.norm[spans[0][0] : spans[0][1]]) is None:
            spans = spans[1:]
        return spans

    def cells_for(
        self,
        mode: str,
        spans: list[tuple[int, int]],
        columns: list[str],
        constraints: list[dict],
        where: Text,
        stats: bool = False,
    ) -> tuple[dict[str, Cell], Text | None]:
        """A row's cells by column from its value spans, and a shape problem if the count is wrong."""
        n = len(columns)
        if mode == "sep" and spans:
            texts = [self.norm[a:b].strip() for a, b in spans]
            filled = [t for t in texts if t]
            if (
                filled
                and len(filled) < n
                and all(t.isdigit() for t in filled)
                and sum(map(len, filled)) >= n
                and texts.count("") <= len(texts) - len(filled)
                and not any(not t for t in texts[1:-1])
            ):
                # separators lost between some cells (`| 5100006`): read it as a digit run
                return self._run_cells(
                    (spans[0][0], spans[-1][1]), columns, constraints, where, stats
                )
        if mode == "sep":
            cells = []
            for s, e in spans:
                raw = self.text[s:e]
                stripped_norm = self.norm[s:e].strip()
                cells.append((stripped_norm, s, e, raw))
            if stats:
                cells = [c for c in cells if c[0] not in self.units and c[0] not in _FILLERS]
            while len(cells) > n and not cells[-1][0]:
                cells.pop()
            while stats and len(cells) > n and not cells[0][0]:
                cells.pop(0)
            out = {}
            for col, (value_text, s, _e, raw) in zip(columns, cells, strict=False):
                lead = len(raw) - len(raw.lstrip())
                out[col] = Cell(
                    value_text,
                    parse_number(value_text) if value_text else None,
                    s + lead,
                    s + lead + len(raw.strip()),
                )
            problem = None
            if len(cells) != n:
                problem = Text(
                    f"应有{n}个数据单元格，实际读到{len(cells)}个",
                    f"{n} data cells expected, {len(cells)} read",
                )
            return out, problem
        return self._run_cells(spans[0], columns, constraints, where, stats)

    def _run_cells(
        self,
        span: tuple[int, int],
        columns: list[str],
        constraints: list[dict],
        where: Text,
        stats: bool,
    ) -> tuple[dict[str, Cell], Text | None]:
        s, e = span
        seg = self.norm[s:e]
        cleaned: list[tuple[str, int, int]] = []
        units = sorted(self.units, key=len, reverse=True) if stats else []
        for m in _WORD_RE.finditer(seg):
            t, ts = m.group(), s + m.start()
            for filler in _FILLERS:
                if t.startswith(filler):
                    ts += len(filler)
                    t = t[len(filler) :]
            t2 = t.lstrip(":：")
            ts += len(t) - len(t2)
            t = t2
            if stats:
                for unit in units:
                    if t.startswith(unit) and (len(t) == len(unit) or t[len(unit)].isdigit()):
                        ts += len(unit)
                        t = t[len(unit) :]
                        break
            if not t:
                continue
            num = _LEADING_NUMBER_RE.match(t)
            if not num:
                if not cleaned:
                    return {}, _not_a_number(seg)
                break  # text after the numbers: a stray label (a page-split repeat), not a cell
            cleaned.append((num.group(), ts, ts + num.end()))
            if num.end() < len(t):
                break
        n = len(columns)
        if not cleaned:
            return {}, Text(
                f"应有{n}个数据单元格，没有读到数字", f"{n} data cells expected, no number read"
            )
        groups, fraction, unit = [], "", ""
        for i, (t, _ts, _te) in enumerate(cleaned):
            if i == len(cleaned) - 1:
                um = _UNIT_END_RE.search(t)
                if um:
                    unit, t = um.group(1), t[: um.start()]
                if _DECIMAL_RE.fullmatch(t):
                    t, fraction = t.split(".")
                    fraction = "." + fraction
            if not t.isdecimal():
                return {}, _not_a_number(seg)
            groups.append(t)
        candidates = list(_readings(tuple(groups), n, fraction))
        inferred = False
        if len(candidates) > 1:
            ok = [
                c for c in candidates if _satisfies(dict(zip(columns, c, strict=True)), constraints)
            ]
            if len(ok) == 1:
                candidates, inferred = ok, True
            elif ok:
                candidates = ok
        start, end = cleaned[0][1], cleaned[-1][2]
        if len(candidates) != 1 or inferred:
            run = shorten(self.text[start:end], 40)  # quoted by the problem below
        if len(candidates) != 1:
            if candidates:
                shown = ["/".join(_fmt(v) for v in c) for c in candidates[:3]]
                more = "…" if len(candidates) > 3 else ""
                args = {
                    "problem": "digits_ambiguous",
                    "count": len(candidates),
                    "readings": Text("；".join(shown) + more, "; ".join(shown) + more),
                }
            else:
                args = {"problem": "digits_unsplittable", "cells": n}
            args.update(where=where, digits=run)
            self.problems.append(Hit(start, end, args, {"digits": run}))
            return {col: Cell(None, None, start, end) for col in columns}, None
        values = candidates[0]
        if inferred:
            self.problems.append(
                Hit(
                    start,
                    end,
                    {
                        "problem": "digits_inferred",
                        "where": where,
                        "digits": run,
                        "values": "/".join(_fmt(v) for v in values),
                    },
                    {"digits": run},
                )
            )
        out = {
            col: Cell(_fmt(v), v, start, end, inferred=inferred or len(groups) != n)
            for col, v in zip(columns, values, strict=True)
        }
        return out, None

    # ----- layouts --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _readings(
    groups: tuple[str, ...], n: int, fraction: str
) -> tuple[tuple[int | float, ...], ...]:
    """Every way to read digit groups as `n` numbers (`fraction`: the last one's decimals).

    Kept for the process: tables repeat the same runs (`0000000` in row after row, report after
    report), and splitting is the costly part of reading them."""
    pieces_list = [list(groups)] if len(groups) == n else candidate_splits(list(groups), n)
    readings = []
    for pieces in pieces_list:
        values: list[int | float | None] = [parse_int(p) for p in pieces]
        if fraction:
            values[-1] = parse_decimal(pieces[-1] + fraction)
        if None not in values:
            readings.append(tuple(values))
    return tuple(readings)  # type: ignore[arg-type]


def _fmt(v: int | float) -> str:
    return str(v)


def _satisfies(values: dict[str, int | float], constraints: list[dict]) -> bool:
    for c in constraints:
        if "sum" in c:
            parts = [values.get(k) for k in c["of"]]
            total = values.get(c["sum"])
            known = [p for p in parts if p is not None]
            if total is None or len(known) < len(parts):
                continue
            if abs(total - sum(known)) > 1e-9:
                return False
        elif "at_least" in c:
            a, b = values.get(c["at_least"]), values.get(c["than"])
            if a is not None and b is not None and a < b:
                return False
    return True
