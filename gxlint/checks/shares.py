"""GX3xx: a share stated for a named part of a total, not for a number beside it.

`制作、获取政府信息总数510条，其中主动公开政府信息198条，…。主动公开的政府信息占41.5%。` — the
share names its numerator (主动公开的政府信息) instead of writing the count before it, so the
`N件，占P%` reading (GX304) never sees it. Here the name is looked up among the parts of a stated
total shortly before: each name joined by 及/和/与/、 must match exactly one part (by the start of
the label: `主动公开及依申请公开政府信息` distributes its noun over both), and the share is their
sum over that total. Where a name matches no part, or more than one, nothing is said.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from gxlint.checks.narrative import _decimals, _fmt
from gxlint.facts import Quantity
from gxlint.findings import Hit

# `主动公开的政府信息占41.5%`, `…政府信息总条数占总制发信息的82.4%`, `…政府信息占比高达80.29%`
_NAMED_SHARE_RE = re.compile(
    r"(?P<name>[^\d,，。；;:：()（）]{2,40}?)(?:的)?(?:总条数|总数|条数|数量)?"
    r"占(?:比)?(?:[^\d,，。；;%]{0,12}的)?(?:高达|达到|达|为|约为)?$"
)
_JOIN_RE = re.compile(r"及|和|与|、")
# words around a name that say nothing about which part it is
_FILLER_RE = re.compile(r"^(?:其中|全年|本年|今年|共|我局|作为)+|的|总条数$|总数$|条数$|数量$|数$")
_MIN_NAME = 4  # characters a name and a part label must share
_LABEL_REACH = 80  # the name is read from the end of the clause only: a label may be megabytes


def _core(label: str) -> str:
    return _FILLER_RE.sub("", label.strip(" ,，:："))


def _matches(name: str, label: str) -> bool:
    """One names the other: the shorter is the start of the longer (the noun distributes)."""
    a, b = _core(name), _core(label)
    short, long = sorted((a, b), key=len)
    return len(short) >= _MIN_NAME and long.startswith(short)


def named_share(analysis, params) -> Iterator[Hit]:
    """`主动公开的政府信息占41.5%` after `总数510条，其中主动公开政府信息198条`: 198÷510 = 38.8%."""
    norm = analysis.doc.source.norm
    window = params.get("window", 300)
    quantities = analysis.facts.quantities
    starts = [q.start for q in quantities]
    shares_of_counts = {id(q.percent) for q in quantities if q.percent is not None}
    for i, pct in enumerate(quantities):
        if pct.unit != "%" or id(pct) in shares_of_counts or pct.approx:
            continue
        m = _NAMED_SHARE_RE.search(pct.label[-_LABEL_REACH:])
        if not m:
            continue
        names = [n for n in _JOIN_RE.split(m.group("name")) if n.strip()]
        lo = max(norm.rfind("\n", max(0, pct.start - window), pct.start) + 1, pct.start - window)
        totals = [
            t
            for t in quantities[bisect.bisect_left(starts, lo, 0, i) : i]
            if t.parts and t.exact and t.scope == "year" and not t.overlap
        ]
        found = _numerator(names, totals)
        if found is None:
            continue
        total, parts = found
        numerator = sum(p.value for p in parts)
        if total.value <= 0 or numerator > total.value:
            continue
        decimals = _decimals(pct, norm)
        computed = 100 * numerator / total.value
        if abs(computed - pct.value) < 10**-decimals - 1e-12:
            continue  # rounded or truncated to the stated precision
        count = "+".join(_fmt(p.value) for p in parts)
        yield Hit(
            pct.label_start,
            pct.end,
            {
                "quote": norm[pct.label_start : pct.end].strip(),
                "count": count if len(parts) == 1 else f"（{count}）",
                "unit": total.unit,
                "stated": _fmt(pct.value),
                "base": _fmt(total.value),
                "computed": f"{computed:.{max(1, decimals)}f}",
                "base_quote": norm[total.label_start : total.end].strip(),
            },
            {
                "count": numerator,
                "percent": pct.value,
                "base": total.value,
                "base_line": analysis.doc.source.position(total.start)[0],
            },
        )


def _numerator(names: list[str], totals: list[Quantity]) -> tuple[Quantity, list[Quantity]] | None:
    """The nearest total whose parts hold exactly one match for every name."""
    for total in reversed(totals):
        chosen: list[Quantity] = []
        for name in names:
            hits = [p for p in total.parts if p.exact and _matches(name, p.label)]
            if len(hits) != 1 or any(h is hits[0] for h in chosen):
                break
            chosen.append(hits[0])
        else:
            return total, chosen
    return None
