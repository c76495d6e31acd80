"""GX3xx: numbers stated in the prose against the tables and against each other.

Four kinds, all built on gxlint.facts:

- `narrative_vs_table`: a stated quantity whose label names a table concept (rule params list
  the concepts: a label regex anchored at the end of the clause, the units, and the cells it must
  equal, with accepted alternatives) is compared with the table;
- `narrative_sum`: a stated total against its stated parts (`其中…`): without an overlap note the
  parts cannot exceed the total; with one (`有重叠`) they cannot fall short of it;
- `percentage`: `258件，占33.9%` recomputed against every larger count stated shortly before it
  in the paragraph; silent if any of them fits within one unit of the last shown digit (so both
  rounding and truncation pass), because the base a writer meant is not always the nearest;
- `none_vs_table`: `未收到…申请`, `未发生…行政复议` against a non-zero cell.

Only exact, this-year quantities are compared (no `多/余/近/约`, no `累计/以来`, no `较去年`);
an approximate or ambiguous statement yields nothing. A finding quotes the sentence fragment,
points at it, and names the cell and its line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache

from gxlint.cellref import Resolved, resolve
from gxlint.facts import Quantity, Sentence
from gxlint.findings import Hit
from gxlint.i18n import Text
from gxlint.kept import KeptById
from gxlint.scanning import first_class, first_literals, positions_of

_FILLER_END_RE = re.compile(r"(?:共计|总计|合计|共|计|达到|达|为|了|有|数量|总数|数|约)+$")
_QUOTE_MAX = 40


@cache
def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


def _quote(analysis, start: int, end: int) -> str:
    text = analysis.doc.source.text[start:end].strip()
    if len(text) > _QUOTE_MAX:
        text = "…" + text[-_QUOTE_MAX:]
    return text


def _core_label(label: str) -> str:
    """A quantity's label without spaces and the fillers that end it (`共计`, `为`…)."""
    return _FILLER_END_RE.sub("", label.replace(" ", ""))


def _cell_lines(analysis, resolved: Resolved) -> list[int]:
    """The text lines of the cells a reference resolved to, in order."""
    position = analysis.doc.source.position
    return sorted({position(c.start)[0] for c in resolved.cells if c.start is not None})


def _where(analysis, resolved: Resolved) -> Text | str:
    """Where the table cells are, in parentheses for a message (`（第12行）`), or ""."""
    lines = _cell_lines(analysis, resolved)
    if not lines:
        return ""
    source = analysis.doc.source
    if source.locators is not None:  # .docx/.html/.pdf: say where the user sees the cell
        places = list(dict.fromkeys(source.locator(line) or "" for line in lines))
        shown = [p for p in places[:2] if p]
        more = len(places) > 2
        where = Text(
            "、".join(shown) + ("等" if more else ""), ", ".join(shown) + (" …" if more else "")
        )
    elif len(lines) == 1:
        where = Text(f"第{lines[0]}行", f"line {lines[0]}")
    else:
        where = Text(f"第{lines[0]}–{lines[-1]}行", f"lines {lines[0]}–{lines[-1]}")
    return Text(f"（{where.zh}）", f" ({where.en})")


def _first_line(analysis, resolved: Resolved) -> int | None:
    lines = _cell_lines(analysis, resolved)
    return lines[0] if lines else None


# Concepts by (label, unit), per concept list: the prose of reports states the same things in
# the same words, and each lookup tried every concept's patterns. At most _CONCEPTS_KEPT labels
# a list.
_CONCEPTS: KeptById[dict[tuple[str, str], dict | None]] = KeptById()
_CONCEPTS_KEPT = 4096


def _concept_of(label: str, unit: str, concepts: list[dict]) -> dict | None:
    """The first concept whose unit and label pattern fit a quantity's label (and whose
    `exclude` does not), or None."""
    found = _CONCEPTS.get((concepts,), dict, len(concepts))
    key = (label, unit)
    if key in found:
        return found[key]
    if len(found) >= _CONCEPTS_KEPT:
        found.clear()
    concept = found[key] = _first_concept(_core_label(label), unit, concepts)
    return concept


def _first_concept(label: str, unit: str, concepts: list[dict]) -> dict | None:
    for concept in concepts:
        if unit not in concept.get("units", ["件"]):
            continue
        if not _re(concept["label"]).search(label):
            continue
        exclude = concept.get("exclude")
        if exclude and _re(exclude).search(label):
            continue
        return concept
    return None


def narrative_vs_table(analysis, params) -> Iterator[Hit]:
    """An exact this-year number in the prose against the table cell its label names."""
    concepts = params["concepts"]
    for q in analysis.facts.quantities:
        if q.approx or q.scope != "year":
            continue
        concept = _concept_of(q.label, q.unit, concepts)
        if concept is None:
            continue
        options = [concept["cells"], *concept.get("also", [])]
        resolved = [resolve(analysis.tables, refs) for refs in options]
        if resolved[0] is None:
            continue
        if any(r is not None and abs(r.value - q.value) < 1e-9 for r in resolved):
            continue
        main = resolved[0]
        note = main.note
        detail = Text(f"（{note.zh}）", f" ({note.en})") if note else ""
        yield Hit(
            q.label_start,
            q.end,
            {
                "quote": _quote(analysis, q.label_start, q.end),
                "stated": _fmt(q.value),
                "unit": q.unit,
                "concept": concept["name"],
                "table_label": "+".join(f"“{label}”" for label in main.labels),
                "actual": _fmt(main.value),
                "detail": detail,
                "where": _where(analysis, main),
            },
            {
                "stated": q.value,
                "table_value": main.value,
                "table_cells": concept["cells"],
                "table_line": _first_line(analysis, main),
            },
        )


def _transposed(a: int | float, b: int | float) -> bool:
    """362 and 326: the same digits in another order (a slip when typing)."""
    x, y = _fmt(a), _fmt(b)
    return x != y and len(x) >= 2 and sorted(x) == sorted(y)


def _sum_problem(q: Quantity, parts_sum: int | float) -> str | None:
    """What is wrong with a stated total and its parts, or None. The kinds (docs: GX303, GX307):
    closed_by_other, short_with_overlap, over — contradictions; short_transposed, short_by_part —
    an incomplete list whose shortfall looks like a slip; short — an incomplete list."""
    if q.exhaustive and not q.overlap and abs(parts_sum - q.value) > 1e-9:
        return "closed_by_other"  # a list ending in 其他… covers the whole total
    if q.overlap:
        return "short_with_overlap" if parts_sum < q.value - 1e-9 else None
    if parts_sum > q.value + 1e-9:
        if parts_sum - sum(p.value for p in q.nested) <= q.value + 1e-9:
            return None  # read with the nested parts inside their parent, the sum fits
        return "over"
    if parts_sum < q.value - 1e-9 and len(q.parts) >= 2 and not (q.nested or q.exhaustive or q.cut):
        if _transposed(parts_sum, q.value):
            return "short_transposed"
        shortfall = q.value - parts_sum
        if any(abs(p.value - shortfall) < 1e-9 for p in q.parts):
            return "short_by_part"
        return "short"
    return None


def narrative_sum(analysis, params) -> Iterator[Hit]:
    """A stated total against its stated parts (`412条（其中…357条，…54条）`); `params.problems`
    names the kinds this rule reports."""
    wanted = set(params.get("problems", ("closed_by_other", "short_with_overlap", "over")))
    for q in analysis.facts.quantities:
        if not q.parts or q.approx or q.scope != "year" or any(p.approx for p in q.parts):
            continue
        parts_sum = sum(p.value for p in q.parts)
        problem = _sum_problem(q, parts_sum)
        if problem is None or problem not in wanted:
            continue
        expr = "+".join(_fmt(p.value) for p in q.parts)
        yield Hit(
            q.label_start,
            q.parts[-1].end,
            {
                "quote": _quote(analysis, q.label_start, q.end),
                "total": _fmt(q.value),
                "unit": q.unit,
                "problem": problem,
                "expr": expr,
                "sum": _fmt(parts_sum),
                "shortfall": _fmt(q.value - parts_sum),
            },
            {
                "total": q.value,
                "parts": [p.value for p in q.parts],
                "overlap": q.overlap,
                "problem": problem,
            },
        )


def _decimals(q: Quantity, norm: str) -> int:
    text = norm[q.start : q.end].rstrip("%")
    return len(text.split(".", 1)[1]) if "." in text else 0


def percentage(analysis, params) -> Iterator[Hit]:
    """`258件，占33.9%`: the share must recompute from a total stated shortly before."""
    norm = analysis.doc.source.norm
    window = params.get("window", 400)
    base_label = _re(params.get("base_label", r"共|总|答复|办结|受理|收到|办理"))
    quantities = analysis.facts.quantities
    starts = [q.start for q in quantities]
    for i, q in enumerate(quantities):
        pct = q.percent
        # a share is internal to the prose: cumulative or other-year counts are fine, changes are not
        if pct is None or q.approx or pct.approx or q.scope == "comparative":
            continue
        lo = max(norm.rfind("\n", max(0, q.start - window), q.start) + 1, q.start - window)
        bases = [
            b
            for b in quantities[bisect.bisect_left(starts, lo, 0, i) : i]
            if b.unit == q.unit
            and b.exact
            and b.scope != "comparative"
            and b.value > q.value
            and b.percent is None
        ]
        if not bases:
            continue
        unit = 10 ** -_decimals(pct, norm)
        if any(abs(100 * q.value / b.value - pct.value) < unit - 1e-12 for b in bases):
            continue
        labelled = [b for b in bases if base_label.search(b.label)]
        base = (labelled or bases)[-1]  # for the message: the nearest stated total
        computed = 100 * q.value / base.value
        yield Hit(
            q.label_start,
            pct.end,
            {
                "quote": _quote(analysis, q.label_start, pct.end),
                "count": _fmt(q.value),
                "unit": q.unit,
                "stated": _fmt(pct.value),
                "base": _fmt(base.value),
                "computed": f"{computed:.{max(1, _decimals(pct, norm))}f}",
                "base_quote": _quote(analysis, base.label_start, base.end),
            },
            {
                "count": q.value,
                "percent": pct.value,
                "bases": [b.value for b in bases],
                "base_line": analysis.doc.source.position(base.start)[0],
            },
        )


def none_vs_table(analysis, params) -> Iterator[Hit]:
    """`未收到…申请` while the table counts some: the statement contradicts the table."""
    sentences = analysis.facts.sentences
    starts = [s.start for s in sentences]  # for every statement's _may_match
    for statement in params["statements"]:
        pattern = _re(statement["pattern"])
        exclude = _re(statement["exclude"]) if statement.get("exclude") else None
        for sentence in _may_match(analysis, sentences, starts, statement["pattern"]):
            for m in pattern.finditer(sentence.text):
                clause = _clause(sentence.text, m.start(), m.end())
                if exclude and exclude.search(clause):
                    continue
                if re.search(r"\d", clause) and re.search(r"\d+\s*[件次条]", clause):
                    continue  # `未收到…，收到3件` mixes a count in: not a plain none-statement
                resolved = resolve(analysis.tables, statement["cells"])
                if resolved is None or resolved.value == 0:
                    continue
                start = sentence.start + m.start()
                yield Hit(
                    start,
                    sentence.start + m.end(),
                    {
                        "quote": clause.strip()[:_QUOTE_MAX],
                        "statement": statement["name"],
                        "table_label": "、".join(resolved.labels),
                        "actual": _fmt(resolved.value),
                        "where": _where(analysis, resolved),
                    },
                    {
                        "table_value": resolved.value,
                        "table_cells": statement["cells"],
                        "table_line": _first_line(analysis, resolved),
                    },
                )
                break  # one finding per statement per sentence


def _may_match(
    analysis, sentences: list[Sentence], starts: list[int], pattern: str
) -> list[Sentence]:
    """The sentences (`starts`: where each begins) that hold a character a match of `pattern`
    can start with (all of them when those characters cannot be named): one scan of the prose
    instead of a search per sentence."""
    prose = analysis.prose
    chars = first_literals(pattern)
    if chars is not None:
        positions: Iterable[int] = positions_of(prose, chars)
    else:
        first = _first_class_re(pattern)
        if first is None:
            return sentences
        positions = (m.start() for m in first.finditer(prose))
    chosen: list[Sentence] = []
    for at in positions:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < sentences[k].end and (not chosen or chosen[-1] is not sentences[k]):
            chosen.append(sentences[k])
    return chosen


@cache
def _first_class_re(pattern: str) -> re.Pattern | None:
    first = first_class(pattern)
    return re.compile(first) if first else None


_CLAUSE_END = "，,。；;！!？?\n"


_CLAUSE_REACH = 200  # a clause is read at most this far either side of the statement


def _clause(text: str, start: int, end: int) -> str:
    lo, floor = start, max(0, start - _CLAUSE_REACH)
    while lo > floor and text[lo - 1] not in _CLAUSE_END:
        lo -= 1
    hi, ceiling = end, min(len(text), end + _CLAUSE_REACH)
    while hi < ceiling and text[hi] not in _CLAUSE_END:
        hi += 1
    return text[lo:hi]
