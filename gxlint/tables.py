"""Bind a template's table spec to the report text: find each row by its label, read its cells.

One mechanism serves every way tables reach us as text — pipe rows, tab rows, one cell per
line, and crawler text where the whole table is one run of labels and digits: rows are found
by their labels (in the compact view, so punctuation and spacing drift do not matter) and a
row's cells are the text between its label and the next label, split by whatever separates
them there. Blank stays blank (None), never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gxlint.compact import NUMBERING_TAIL_RE, CompactView, compact
from gxlint.findings import Hit
from gxlint.model import Document
from gxlint.parse.numerals import parse_decimal, parse_int, shorten
from gxlint.split import candidate_splits

NUMBER_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)\s*(万元|元|条|件|次|篇|人次|人|个|份|项)?$")
_FILLERS = ("其中",)
_LEADING_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:万元|元)?")


@dataclass
class Cell:
    raw: str | None  # None: the row had no cell for this column
    value: int | float | None
    start: int | None = None
    end: int | None = None
    inferred: bool = False

    @property
    def blank(self) -> bool:
        return self.raw is not None and self.raw.strip() in ("", "——", "—", "-", "/")

    @property
    def numeric(self) -> bool:
        return self.value is not None


@dataclass
class BoundRow:
    key: str
    label: str
    start: int
    end: int
    group: bool = False
    cells: dict[str, Cell] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    shape_problem: str | None = None


@dataclass
class BoundTable:
    spec: dict[str, Any]
    start: int
    end: int
    rows: dict[str, BoundRow] = field(default_factory=dict)
    missing_rows: list[dict] = field(default_factory=list)
    missing_columns: list[dict] = field(default_factory=list)
    problems: list[tuple[str, Hit]] = field(default_factory=list)  # GX0xx parse problems

    @property
    def key(self) -> str:
        return self.spec["key"]

    @property
    def column_keys(self) -> list[str]:
        """The value columns in order (a stats table's are set when its header is read)."""
        return [c["key"] for c in self.spec.get("columns", [])]

    def cell(self, row: str, column: str) -> Cell | None:
        r = self.rows.get(row)
        return r.cells.get(column) if r else None

    def value(self, row: str, column: str) -> int | float | None:
        c = self.cell(row, column)
        return c.value if c else None


def parse_number(raw: str) -> int | float | None:
    m = NUMBER_RE.match(raw.strip().replace(",", ""))
    if not m:
        return None
    sign, digits, _unit = m.groups()
    value = parse_decimal(digits)
    if value is None:
        return None
    return -value if sign == "-" else value


def _find_label(view: CompactView, labels: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    best = None
    for label in labels:
        pat = compact(label)
        if not pat:
            continue
        i = view.text.find(pat, lo, hi)
        if i != -1 and (best is None or i < best[0] or (i == best[0] and i + len(pat) > best[1])):
            best = (i, i + len(pat))
    return best


def _find_last(view: CompactView, labels: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The last occurrence of the first label that occurs at all (labels in priority order)."""
    for label in labels:
        pat = compact(label)
        i = view.text.rfind(pat, lo, hi)
        if i != -1:
            return i, i + len(pat)
    return None


def _extend_parenthetical(norm: str, end: int) -> int:
    """Take a label's trailing note `（不同渠道和方式公开相同信息计1条）` into the label."""
    while end < len(norm) and norm[end] in ")]】\"'":
        end += 1
    j = end
    while j < len(norm) and norm[j] in " \t\u3000\n":
        j += 1
    if j < len(norm) and norm[j] == "(":
        close = norm.find(")", j, j + 80)
        if close != -1 and re.search(r"[^\d\s.]", norm[j + 1 : close]):
            return close + 1
    return end


class _Binder:
    def __init__(self, doc: Document, view: CompactView, spec: dict, lineage: tuple[str, ...]):
        self.doc = doc
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

    # ----- value text → cells -------------------------------------------------------------
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
        where: str,
        stats: bool = False,
    ) -> tuple[dict[str, Cell], str | None]:
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
                problem = f"应有{n}个数据单元格，实际读到{len(cells)}个"
            return out, problem
        return self._run_cells(spans[0], columns, constraints, where, stats)

    def _run_cells(
        self,
        span: tuple[int, int],
        columns: list[str],
        constraints: list[dict],
        where: str,
        stats: bool,
    ) -> tuple[dict[str, Cell], str | None]:
        s, e = span
        seg = self.norm[s:e]
        cleaned: list[tuple[str, int, int]] = []
        for m in re.finditer(r"\S+", seg):
            t, ts = m.group(), s + m.start()
            for filler in _FILLERS:
                if t.startswith(filler):
                    ts += len(filler)
                    t = t[len(filler) :]
            t2 = t.lstrip(":：")
            ts += len(t) - len(t2)
            t = t2
            if stats:
                for unit in sorted(self.units, key=len, reverse=True):
                    if t.startswith(unit) and (len(t) == len(unit) or t[len(unit)].isdigit()):
                        ts += len(unit)
                        t = t[len(unit) :]
                        break
            if not t:
                continue
            num = _LEADING_NUMBER_RE.match(t)
            if not num:
                if not cleaned:
                    return {}, f"单元格内容“{shorten(seg.strip(), 30)}”不是数字"
                break  # text after the numbers: a stray label (a page-split repeat), not a cell
            cleaned.append((num.group(), ts, ts + num.end()))
            if num.end() < len(t):
                break
        n = len(columns)
        if not cleaned:
            return {}, f"应有{n}个数据单元格，没有读到数字"
        unit_re = re.compile(r"(万元|元)$")
        groups, fraction, unit = [], "", ""
        for i, (t, _ts, _te) in enumerate(cleaned):
            if i == len(cleaned) - 1:
                um = unit_re.search(t)
                if um:
                    unit, t = um.group(1), t[: um.start()]
                if re.fullmatch(r"\d+\.\d+", t):
                    t, fraction = t.split(".")
                    fraction = "." + fraction
            if not t.isdecimal():
                return {}, f"单元格内容“{shorten(seg.strip(), 30)}”不是数字"
            groups.append(t)
        if len(groups) == n:
            pieces_list = [groups]
        else:
            pieces_list = candidate_splits(groups, n)

        def to_values(pieces: list[str]) -> list[int | float] | None:
            vals: list[int | float | None] = [parse_int(p) for p in pieces]
            if fraction:
                vals[-1] = parse_decimal(pieces[-1] + fraction)
            return None if None in vals else vals  # type: ignore[return-value]

        candidates = [v for v in map(to_values, pieces_list) if v is not None]
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
        run = shorten(self.text[start:end], 40)
        if len(candidates) != 1:
            shown = "；".join("/".join(_fmt(v) for v in c) for c in candidates[:3])
            more = "…" if len(candidates) > 3 else ""
            if candidates:
                msg = f"{where}：数字连写“{run}”无分隔，可拆成{len(candidates)}种以上读法（如 {shown}{more}），无法确定各单元格的值"
            else:
                msg = f"{where}：数字连写“{run}”无法拆成{n}个单元格"
            self.problems.append(("GX003", Hit(start, end, {"detail": msg}, {"digits": run})))
            return {col: Cell(None, None, start, end) for col in columns}, None
        values = candidates[0]
        if inferred:
            shown = "/".join(_fmt(v) for v in values)
            msg = f"{where}：数字连写“{run}”无分隔，按表内勾稽关系唯一拆分为 {shown}"
            self.problems.append(("GX004", Hit(start, end, {"detail": msg}, {"digits": run})))
        out = {
            col: Cell(_fmt(v), v, start, end, inferred=inferred or len(groups) != n)
            for col, v in zip(columns, values, strict=True)
        }
        return out, None

    # ----- layouts --------------------------------------------------------------------------
    def bind(self, region: tuple[int, int]) -> BoundTable | None:
        spec = self.spec
        self.units = set(spec.get("units", []))
        self.problems: list[tuple[str, Hit]] = []
        view = self.view
        lo, hi = view.index_at(region[0]), view.index_at(region[1])
        if spec.get("anchor_policy") == "last":
            anchor = _find_last(view, spec.get("anchors", []), lo, hi)
        else:
            anchor = _find_label(view, spec.get("anchors", []), lo, hi)
        if anchor is None:
            return None
        table = BoundTable(spec, view.source_start(anchor[0]), region[1])
        layout = spec.get("layout", "rows")
        if layout == "flat":
            self._bind_flat(table, anchor, hi)
        elif layout == "stats":
            self._bind_stats(table, anchor, hi)
        else:
            self._bind_rows(table, anchor, hi)
        table.problems = self.problems
        return table

    def _rows_for_era(self) -> list[dict]:
        """Rows of every era, and rows whose `eras:` include this era or one it extends."""
        return [r for r in self.spec["rows"] if "eras" not in r or self.lineage & set(r["eras"])]

    def _bind_rows(self, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
        view, norm = self.view, self.norm
        cursor = anchor[0]
        found = []
        for row in self._rows_for_era():
            m = _find_label(view, [row["label"], *row.get("aliases", [])], cursor, hi)
            if m is None:
                if row.get("required", True) and not row.get("group"):
                    table.missing_rows.append(row)
                continue
            i, j = m
            prefix = compact(row.get("prefix", ""))
            if prefix and view.text[i - len(prefix) : i] == prefix:
                i -= len(prefix)
            found.append((row, i, j))
            cursor = j
        default_columns = [c["key"] for c in self.spec.get("columns", [])]
        self._check_header(table, anchor[0], found[0][1] if found else hi)
        for idx, (row, i, j) in enumerate(found):
            start = self.label_start(i)
            label_end = _extend_parenthetical(norm, view.source_end(j))
            nxt = self.label_start(found[idx + 1][1]) if idx + 1 < len(found) else table.end
            bound = BoundRow(
                row["key"], row["label"], start, label_end, group=row.get("group", False)
            )
            table.rows[row["key"]] = bound
            if bound.group:
                continue
            columns = row.get("columns", default_columns)
            bound.columns = columns
            mode, spans = self.value_segments(label_end, nxt)
            where = f"表“{self.spec['title']}”“{row['label']}”行"
            bound.cells, bound.shape_problem = self.cells_for(
                mode, spans, columns, self.spec.get("split_constraints", []), where
            )
        table.end = max((r.end for r in table.rows.values()), default=table.start)
        for r in table.rows.values():
            for c in r.cells.values():
                if c.end:
                    table.end = max(table.end, c.end)

    def _check_header(self, table: BoundTable, lo: int, hi: int) -> None:
        """Columns are positional; the header (compact indices lo..hi) must still name each."""
        if self.spec.get("layout", "rows") != "rows" or "split_constraints" not in self.spec:
            return
        for col in self.spec.get("columns", []):
            if _find_label(self.view, [col["label"], *col.get("aliases", [])], lo, hi) is None:
                table.missing_columns.append(col)

    def _bind_flat(self, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
        view = self.view
        spec = self.spec
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
        norm = self.norm
        end = table.end
        p = header_end
        while p < end and norm[p] in " \t\n|":
            p += 1
        line_end = norm.find("\n", p)
        line_end = end if line_end == -1 or line_end > end else line_end
        seg = norm[p:line_end]
        where = f"表“{spec['title']}”数据行"
        if "|" in seg or "\t" in seg:
            sep = "|" if "|" in seg else "\t"
            spans, q = [], p
            for part in seg.split(sep):
                spans.append((q, q + len(part)))
                q += len(part) + 1
            bound.cells, bound.shape_problem = self.cells_for("sep", spans, columns, [], where)
        else:
            m = re.match(r"[\d\s]+", seg)
            run_end = p + (m.end() if m else 0)
            bound.cells, bound.shape_problem = self.cells_for(
                "run", [(p, run_end)], columns, spec.get("split_constraints", []), where
            )
        table.end = max([header_end] + [c.end for c in bound.cells.values() if c.end])

    def _bind_stats(self, table: BoundTable, anchor: tuple[int, int], hi: int) -> None:
        """统计表: local forms differ in rows and order, so labels are found wherever they are."""
        view, norm, spec = self.view, self.norm, self.spec
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
                    r
                    for r in spec["rows"]
                    if r["label"] == row["label"] and r["key"] not in used_keys
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
            label_end = _extend_parenthetical(norm, view.source_end(j))
            nxt = view.source_start(taken[idx + 1][0]) if idx + 1 < len(taken) else table.end
            # the next row's own numbering (`2.`, `(三)`) is not part of this row's values
            tail = NUMBERING_TAIL_RE.search(norm, label_end, nxt)
            if tail:
                nxt = tail.start()
            bound = BoundRow(row["key"], row["label"], start, label_end, columns=columns)
            table.rows[row["key"]] = bound
            mode, spans = self.value_segments(label_end, nxt)
            where = f"统计表“{row['label']}”行"
            bound.cells, bound.shape_problem = self.cells_for(
                mode, spans, columns, spec.get("split_constraints", []), where, stats=True
            )


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


def bind_table(
    doc: Document, view: CompactView, spec: dict, lineage: tuple[str, ...], region: tuple[int, int]
) -> BoundTable | None:
    """Find and read one table of the template within a region of the report."""
    return _Binder(doc, view, spec, lineage).bind(region)
