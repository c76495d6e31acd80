"""GX5xx: another agency's name where the report speaks of its own work.

`按要求编制了《平潭县经贸局政府信息公开指南（试行）》` in the 平潭县交通局's report: the sentence is
about this agency's own guide, so the name is left from the report it was copied from. Only the
documents an agency writes for itself are read (its 政府信息公开指南/目录/年度报告 after a verb of
writing: 编制, 修订, 更新…), so a superior or partner agency mentioned as such (《福州市人民政府办
公室关于…的通知》, 配合县政府…) is never compared. Names are compared by their agency part, after
the last place name (`平潭综合实验区交通与建设局` → 交通与建设局); two names that share their first
two characters, or one inside the other, are taken for the same agency (renamed: 交通局 →
交通与建设局, 财政局 → 财政金融局).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from gxlint.dates import agency_names
from gxlint.findings import Hit

_PLACE_END_RE = re.compile(
    r".*(?:实验区|开发区|新区|自治州|自治县|省|市|县|区|州|旗|盟|镇|乡|街道)"
)
_YEAR_END_RE = re.compile(r"\s*(?:19|20)\d{2}\s*年度?$")
_AGENCY_END_RE = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|办|厅|中心|院|署|所|站|队|处|政府|管委会)$"
)


def agency_core(name: str) -> str:
    """The agency part of a name: what follows the last place name (`平潭县经贸局` → 经贸局)."""
    name = re.sub(r"\s+", "", name)
    m = _PLACE_END_RE.match(name)
    core = name[m.end() :] if m and m.end() < len(name) else name
    return core


def same_agency(a: str, b: str) -> bool:
    """The same agency, allowing a renaming that keeps its first two characters."""
    x, y = agency_core(a), agency_core(b)
    return x == y or x in y or y in x or (len(x) >= 2 and len(y) >= 2 and x[:2] == y[:2])


@cache
def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def other_agency(analysis, params) -> Iterator[Hit]:
    """An agency named as the author of the report's own documents that is not the report's."""
    own = agency_names(analysis.doc)
    if not own:
        return
    norm = analysis.doc.source.norm
    for m in _re(params["pattern"]).finditer(norm, analysis.after_title):
        named = _YEAR_END_RE.sub("", m.group("agency").strip())
        if not _AGENCY_END_RE.search(named) or len(agency_core(named)) < 2:
            continue
        if any(same_agency(named, mine) for mine in own):
            continue
        yield Hit(
            m.start("agency"),
            m.start("agency") + len(named),
            {"named": named, "document": m.group("document"), "own": own[0]},
            {"named": named, "own": own[0]},
        )
