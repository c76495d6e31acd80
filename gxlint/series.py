"""Who wrote a report and for which year, and which reports of a batch form one agency's series.

Checks across years (GX6xx) compare a report with the same agency's report for the year before,
so they need to know that `平潭综合实验区交通与建设局` in the 2024 signature and in the 2023 title
is one agency, and that `财政局` alone may or may not be the `平潭县财政局` of another file.

An agency's name is split into its place (`平潭综合实验区`, `福州市鼓楼区`: every leading place
name) and its unit (`交通与建设局`), and the unit is written one way (`管理委员会` → 管委会,
`办公室` → 办, `人民政府` → 政府, spaces dropped). Reports group by (place, unit) and year. A
name without a place joins the one place that has that unit in the batch; with several such
places it is not placed (which one is a guess); a report with no readable name or year is not
placed either. Renamed agencies are joined through the user's alias map (`series-aliases` in
`.gxlint.yaml`: old name → new name, each as written in any report).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gxlint.i18n import Text

# A place name: a few characters and an administrative suffix, not the first character of a
# unit's own word (`市场监督管理局`, `区域`, `县域经济`, `省级`).
_PLACE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,7}?"
    r"(?:综合实验区|经济技术开发区|高新技术产业开发区|开发区|新区|自治区|特别行政区|自治州|自治县|"
    r"省|市|县|区|州|旗|盟)"
    # not `福州` before `市鼓楼区`: a place ends where the next one begins, unless that next
    # character starts the unit's word (`鼓楼区` + `市场监督管理局`)
    r"(?![场政容域级属直辖委])(?![省市县区州旗盟](?![场政容域级属直辖委]))"
)
# two-character words that end like a place but are part of a unit's name (`城市管理局`, `园区`)
_NOT_PLACES = frozenset(
    "城市 城区 市区 社区 园区 景区 校区 辖区 片区 小区 街区 山区 湾区 林区 矿区 垦区 港区 营区".split()
)
_UNIT_FORMS = (
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("办公室", "办"),
    ("办公厅", "办"),
    ("人民政府", "政府"),
)
_SPACE_RE = re.compile(r"\s+")
# the unit must end like an agency (局, 委, 办, 政府…): `2019年度` or a sentence is no name
_UNIT_END_RE = re.compile(r"(?:局|委|办|厅|中心|院|署|所|站|队|处|政府|管委会|会|部|室)$")
# a crawler copy that lost the title's line: `岚经发〔2020〕2号 平潭综合实验区经济发展局 2019年政府
# 信息公开工作年度报告 根据…` — the agency right before the year at the head of the text
_HEAD_NAME_RE = re.compile(
    r"(?:^|[\s〕号])(?P<name>[\u4e00-\u9fff（）()]{2,30}?)\s*(?:19|20)\d{2}\s*年度?"
    r"(?:政府)?信息公开(?:工作)?年度?报告"
)
_HEAD = 160


@dataclass(frozen=True)
class Identity:
    """An agency as a series knows it: its place (may be empty) and its unit, both normalised."""

    place: str
    unit: str
    name: str  # as the report writes it
    where: str  # 落款 | 标题 | 开头

    @property
    def key(self) -> tuple[str, str]:
        """What two reports of one agency share (before a place-less name is resolved)."""
        return (self.place, self.unit)

    @property
    def label(self) -> str:
        """The agency as shown to users: place and unit."""
        return self.place + self.unit


def split_name(name: str) -> tuple[str, str]:
    """(place, unit) of an agency name: `平潭综合实验区交通与建设局` → (平潭综合实验区, 交通与建设局).

    Only leading place names count as the place; the unit keeps its own form otherwise."""
    name = _SPACE_RE.sub("", name)
    place_end = 0
    while True:
        m = _PLACE_RE.match(name, place_end)
        if m is None or m.group() in _NOT_PLACES:
            break
        place_end = m.end()
        if place_end == len(name):  # a place alone: the government of that place
            return name, ""
    unit = name[place_end:]
    for long, short in _UNIT_FORMS:
        unit = unit.replace(long, short)
    return name[:place_end], unit


def _aliased(name: str, aliases: Mapping[str, str]) -> str:
    """The name the alias map gives for `name` (compared without spaces), or `name` itself."""
    bare = _SPACE_RE.sub("", name)
    for old, new in aliases.items():
        if _SPACE_RE.sub("", old) == bare:
            return new
    return name


def identity(analysis, aliases: Mapping[str, str] | None = None) -> Identity | None:
    """The reporting agency: under the signature, else in the title, else at the head of the
    text; None when none of them names an agency."""
    from gxlint.dates import agency_names

    doc = analysis.doc
    candidates: list[tuple[str, str]] = []
    names = agency_names(doc)
    if names:
        where = "落款" if doc.agency is not None else "标题"
        candidates.append((names[0], where))
        if len(names) > 1:
            candidates.append((names[1], "标题"))
    head = doc.source.norm[:_HEAD]
    m = _HEAD_NAME_RE.search(head)
    if m:
        candidates.append((m.group("name"), "开头"))
    for name, where in candidates:
        name = _aliased(name, aliases or {})
        place, unit = split_name(name)
        named = len(unit) >= 2 and _UNIT_END_RE.search(unit) and unit[0] not in "本我该"
        if named or (place and not unit):
            return Identity(place, unit, _SPACE_RE.sub("", name), where)
    return None


@dataclass
class Member:
    """One report in the batch, as the series step sees it."""

    index: int  # position in the batch
    identity: Identity | None
    year: int | None
    history: bool = False  # from --history: compared with, never reported on


@dataclass
class Series:
    """One agency's reports by year (several for one year: none of them is compared)."""

    place: str
    unit: str
    by_year: dict[int, list[Member]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The agency as shown to users."""
        return self.place + self.unit

    def consecutive(self) -> Iterable[tuple[Member, Member]]:
        """(last year's, this year's) for every two consecutive years with one report each."""
        for year in sorted(self.by_year):
            before, now = self.by_year.get(year - 1), self.by_year[year]
            if before and len(before) == 1 and len(now) == 1:
                yield before[0], now[0]


@dataclass
class Grouping:
    """How a batch's reports were placed: the series, and those that could not be placed (why)."""

    series: list[Series]
    unplaced: list[tuple[Member, Text]]

    def pairs(self) -> Iterable[tuple[Member, Member]]:
        """Every (last year's, this year's) pair of every series, this year's not from history."""
        for one in self.series:
            for before, now in one.consecutive():
                if not now.history:
                    yield before, now


def group(members: list[Member]) -> Grouping:
    """Place every report in its agency's series, or say why it cannot be placed."""
    unplaced: list[tuple[Member, Text]] = []
    places_of_unit: dict[str, set[str]] = defaultdict(set)
    for m in members:
        if m.identity is not None and m.identity.place:
            places_of_unit[m.identity.unit].add(m.identity.place)
    by_key: dict[tuple[str, str], Series] = {}
    for m in members:
        ident = m.identity
        if ident is None:
            unplaced.append(
                (m, Text("未识别出机关名称（落款、标题和开头都没有）", "no agency name found"))
            )
            continue
        if m.year is None:
            unplaced.append((m, Text("未识别出报告年度", "no report year found")))
            continue
        place = ident.place
        if not place and ident.unit:
            places = sorted(places_of_unit.get(ident.unit, ()))
            if len(places) > 1:
                unplaced.append(
                    (
                        m,
                        Text(
                            f"“{ident.name}”没有地区名，可能是"
                            + "、".join(f"“{p}{ident.unit}”" for p in places),
                            f"“{ident.name}” names no place; it may be "
                            + ", ".join(f"“{p}{ident.unit}”" for p in places),
                        ),
                    )
                )
                continue
            place = places[0] if places else ""
        key = (place, ident.unit)
        series = by_key.setdefault(key, Series(place, ident.unit))
        series.by_year.setdefault(m.year, []).append(m)
    ordered = sorted(by_key.values(), key=lambda s: (s.place, s.unit))
    return Grouping(ordered, unplaced)
