"""Facts: the quantities a report states in its prose.

`主动公开政府信息412条（其中…357条，…54条，不同途径发布信息有重叠）` becomes a Quantity 412 条
with its label 主动公开政府信息, and two parts. Every quantity keeps its span in the source, its
clause label, whether it is approximate (`1200多`, `20余次`, `近2000`, `约`), and its scope: this
year, cumulative (`历年累计`, `2003年以来`), comparative (`较去年增加`), another year
(`2016年…`), or a plan. GX3 rules compare only exact this-year quantities with the tables; the
rest are kept so a rule can say why it stayed silent.

Prose is the report minus its tables: table regions (bound tables and table blocks) are blanked
out before sentences are cut, so a table cell never becomes a narrative fact.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from gxlint.parse.numerals import chinese_to_int, parse_decimal
from gxlint.scanning import scanning

UNITS = (
    "万元",
    "人次",
    "元",
    "条",
    "件",
    "次",
    "篇",
    "人",
    "个",
    "份",
    "项",
    "场",
    "期",
    "家",
    "起",  # `行政复议2起`
    "宗",  # `行政处罚3宗`
    "%",
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}]+)"
_PRE = ("约", "近", "超过", "超", "逾", "不足", "不到", "将近", "大约")
QUANTITY_PATTERN = (
    rf"(?P<pre>{'|'.join(_PRE)})?"
    rf"(?P<num>{_NUM})(?P<mult>万|亿)?(?P<approx>多|余)?"
    rf"(?P<unit>{'|'.join(UNITS)})(?P<post>左右|以上|以下|多|余)?"
)
QUANTITY_RE = scanning(QUANTITY_PATTERN)
# A clause ends at these; a label never reaches back over one.
_CLAUSE_DELIMS = set(',，。；;：:（）()、!！?？\n|「」“”"')
_SENTENCE_END_RE = re.compile(r"[。！？!?；;\n]")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_CUMULATIVE_RE = re.compile(r"历年|以来|截至|截止|至今|累计|总共累计")
_THIS_YEAR_CUMULATIVE_RE = re.compile(r"(?:全年|本年|今年|年度|年内|当年)累计")
_COMPARATIVE_RE = re.compile(
    r"较|同比|环比|比上年|比去年|增加|减少|增长|下降|上升|回落|提高|降低|多出|持平"
)
_LAST_YEAR_RE = re.compile(r"去年|上一?年度?|前一年")
_CARRIED_RE = re.compile(r"上一?年度?结转")
_PLAN_RE = re.compile(r"拟于|拟将|计划于|计划在|将于|预计|力争")
_ORDINAL_BEFORE = ("第", "每", "前", "近几", "几")
# `一条龙`, `一次性`, `一件事` are words, not counts.
_WORD_AFTER = {"条": "龙", "次": "性", "件": "事", "个": "别"}


@dataclass
class Sentence:
    """A sentence of the prose and the quantities stated in it."""

    start: int
    end: int
    text: str  # normalised text of the sentence
    quantities: list[Quantity] = field(default_factory=list)


@dataclass
class Quantity:
    """A number stated in the prose, with what it counts and how it is meant."""

    value: int | float
    unit: str
    start: int  # span of the number and unit in the source
    end: int
    label: str  # the clause before the number, normalised, fillers kept
    label_start: int
    approx: bool
    scope: str  # year | cumulative | comparative | other_year | last_year | plan
    chinese: bool  # written in Chinese numerals
    sentence: Sentence
    parts: list[Quantity] = field(default_factory=list)  # `（其中…）` parts of a stated total
    overlap: bool = False  # the parts are said to overlap (`有重叠`, `重复`)
    exhaustive: bool = False  # the parts end in a residual `其他…` category: they cover the total
    # parts that may be parts of the part before them (another reading of the list)
    nested: tuple[Quantity, ...] = ()
    percent: Quantity | None = None  # `258件，占33.9%`: the percentage stated for this count
    stated_year: int | None = None  # the year the sentence names before it (`2024年…53条`)
    cut: bool = False  # the parts list stopped at something it could not read as a part

    @property
    def exact(self) -> bool:
        """Stated exactly (no 多/余/近/约): only exact numbers are compared."""
        return not self.approx

    def text(self, norm: str) -> str:
        """The label and number as written (normalised)."""
        return norm[self.label_start : self.end]


@dataclass
class Facts:
    """Every sentence of the prose and every quantity, in order."""

    sentences: list[Sentence]
    quantities: list[Quantity]


def _blanked(text: str) -> str:
    """`text` with every character but a line break made a space."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def prose_text(norm: str, spans: list[tuple[int, int]]) -> str:
    """The normalised text with table regions blanked (same length, offsets kept; a region's
    line breaks stay, so lines and sentences still end where they did)."""
    if not spans:
        return norm
    pieces = []
    at = 0
    for start, end in _merged(spans, len(norm)):
        pieces.append(norm[at:start])
        pieces.append(_blanked(norm[start:end]))
        at = end
    pieces.append(norm[at:])
    return "".join(pieces)


def _merged(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The spans clipped to the text, sorted, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(size, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _number(num: str, mult: str | None) -> tuple[int | float | None, bool]:
    chinese = not num[0].isdigit()
    value: int | float | None
    if chinese:
        value = chinese_to_int(num)
        if value is None:
            return None, True
    else:
        value = parse_decimal(num.replace(",", ""))
        if value is None:
            return None, False
    if mult == "万":
        value = value * 10000
    elif mult == "亿":
        value = value * 100000000
    if isinstance(value, float) and value.is_integer() and mult:
        value = int(value)
    return value, chinese


def _label_start(text: str, lo: int, pos: int) -> int:
    i = pos
    while i > lo and text[i - 1] not in _CLAUSE_DELIMS:
        i -= 1
    return i


def _scope(clause: str, context: _SentenceContext, pos: int, year: int | None) -> str:
    if _COMPARATIVE_RE.search(clause):
        return "comparative"
    if _CUMULATIVE_RE.search(clause) and not _THIS_YEAR_CUMULATIVE_RE.search(clause):
        return "cumulative"
    if _PLAN_RE.search(clause):
        return "plan"
    if _LAST_YEAR_RE.search(clause) and not _CARRIED_RE.search(clause):
        return "last_year"
    stated = context.year_before(pos)
    if stated is not None and year is not None and stated != year:
        return "other_year"
    if context.range_before(pos):
        return "cumulative"
    return "year"


_YEAR_RANGE_RE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—至到~]\s*(?:19|20)\d{2}")


class _SentenceContext:
    """What the sentence said before a position: the last year named, and whether a year range
    (`2008年至2023年`) came first. Found once per sentence and looked up by position, so a
    sentence of any length is read in linear time."""

    def __init__(self, text: str, start: int, end: int) -> None:
        years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR_RE.finditer(text, start, end)]
        self._year_ends = [e for _s, e, _y in years]
        self._years = [y for _s, _e, y in years]
        first_range = _YEAR_RANGE_RE.search(text, start, end)
        self._range_end = first_range.end() if first_range else None

    def year_before(self, pos: int) -> int | None:
        k = bisect.bisect_right(self._year_ends, pos)
        return self._years[k - 1] if k else None

    def range_before(self, pos: int) -> bool:
        return self._range_end is not None and self._range_end <= pos


def extract(norm: str, spans: list[tuple[int, int]], year: int | None) -> Facts:
    """Cut the prose into sentences and read every quantity with its label and scope."""
    return extract_prose(prose_text(norm, spans), year)


def extract_prose(text: str, year: int | None) -> Facts:
    """`extract` on a text whose tables are already blanked (`prose_text`)."""
    sentences: list[Sentence] = []
    quantities: list[Quantity] = []
    # One scan for numbers over the whole prose, dealt out to the sentences: a number never
    # holds a sentence's end (。；!?\n), so no match crosses one and each sentence gets what a
    # scan of the sentence alone would find. Most sentences state no number and are not read.
    found = list(QUANTITY_RE.finditer(text))
    k = 0
    start = 0
    for m in _SENTENCE_END_RE.finditer(text + "\n"):
        end = m.end() if m.start() < len(text) else len(text)
        first = k
        while k < len(found) and found[k].start() < end:
            k += 1
        if end - start > 1 and text[start:end].strip():
            sentence = Sentence(start, end, text[start:end])
            if k > first:
                _read_sentence(text, sentence, year, found[first:k])
                quantities.extend(sentence.quantities)
            sentences.append(sentence)
        start = end
    _continue_lists_over_semicolons(text, sentences)
    return Facts(sentences, quantities)


def _read_sentence(
    text: str, sentence: Sentence, year: int | None, matches: list[re.Match[str]]
) -> None:
    """The sentence's quantities from its QUANTITY_RE matches, with labels, scope and parts."""
    s, e = sentence.start, sentence.end
    previous_end = s
    context: _SentenceContext | None = (
        None  # read once a quantity needs it: most sentences have none
    )
    for m in matches:
        num_start = m.start("num")
        if num_start > 0 and (text[num_start - 1].isdigit() or text[num_start - 1] in ".-/"):
            continue  # inside a longer number, a date or a phone number
        if text.endswith(_ORDINAL_BEFORE, s, m.start()):  # `第3`, `每2`: not a count
            continue
        unit = m.group("unit")
        mult = m.group("mult")
        if mult == "万" and unit == "元":
            unit, mult = "万元", None  # `1.5万元` is 1.5 in 万元, the unit the tables use
        after = text[m.end() : m.end() + 1]
        if _WORD_AFTER.get(unit) == after:
            continue
        value, chinese = _number(m.group("num"), mult)
        if value is None:
            continue
        if chinese and m.group("num") in ("一", "两") and unit not in ("件", "条", "次", "篇"):
            continue  # 一个、一项、两个: too often words
        if chinese and m.group("num") == "零" and unit == "件":
            continue  # 零件
        label_start = _label_start(text, previous_end, m.start())
        label = text[label_start : m.start()].strip()
        approx = bool(
            m.group("pre")
            or m.group("approx")
            or m.group("post") in ("左右", "以上", "以下", "多", "余")
        )
        clause = text[label_start : m.start()]
        if context is None:
            context = _SentenceContext(text, s, e)
        scope = _scope(clause, context, m.start(), year)
        q = Quantity(
            value,
            unit,
            m.start("num"),
            m.end(),
            label,
            label_start,
            approx,
            scope,
            chinese,
            sentence,
            stated_year=context.year_before(m.start()),
        )
        sentence.quantities.append(q)
        previous_end = m.end()
    _attach_percentages(text, sentence)  # first: a part's percentage tells whether it is nested
    _attach_parts(text, sentence)


# `412条（其中…`, `3件，其中…`, `在主动公开的61条中，其中…`, `81件，涉及自然人80件、…`, and with words
# between: `348条信息，其中…`, `3件（均为网络申请件），其中…`, `14条，占比5%，其中…`
_PARTS_OPEN_RE = re.compile(
    r"\s*(?:中|之中)?\s*(?:"
    r"[,，]?\s*(?:[（(]\s*(?:其中|包括|涵盖)|其中|涉及)"
    # words, a remark in brackets or the total's share between it and its 其中
    r"|(?:[（(][^)）\d]{0,20}[)）])?(?:[^\d,，。；;:：()（）]{1,40}?)?"
    r"(?:[,，]\s*(?:占|占比|约占)\s*\d+(?:\.\d+)?\s*%)?\s*[,，]\s*其中"
    r")\s*[:：,，]?"
)
_BRACKET_OPEN_RE = re.compile(r"[（(]\s*(?:其中|包括|涵盖)")
_OVERLAP_RE = re.compile(r"重叠|重复|交叉|同一信息")


_RESIDUAL_RE = re.compile(r"其他|其它")
_LIST_GAP_RE = re.compile(r"\s*[,，、:：]\s*$")
# Between two items of a list: a separator, and words of the next item's label before a `、`
# inside it (`，政策、规范性文件类信息12条`: the label starts after the `、`).
_LABEL_HEAD = r"(?:[^\d,，。；;:：()（）、]{1,40}、){0,8}"
_ITEM_SEPARATOR_RE = re.compile(rf"\s*[,，、:：]\s*{_LABEL_HEAD}\s*$")
_FIRST_ITEM_GAP_RE = re.compile(rf"\s*{_LABEL_HEAD}\s*$")  # right after `在…中，`


# A breakdown (`其中…`) is read over at most this many following quantities: real ones list a
# handful, and the bound keeps a sentence of thousands of nested `（其中…` linear.
MAX_PARTS_SCAN = 64
_NOTE_REACH = 200  # how far after the last part an overlap note (`有重叠`) is looked for


def _positions(text: str, char: str, start: int, end: int) -> list[int]:
    """Where `char` occurs in text[start:end], in order."""
    found = []
    i = text.find(char, start, end)
    while i != -1:
        found.append(i)
        i = text.find(char, i + 1, end)
    return found


def _attach_parts(text: str, sentence: Sentence) -> None:
    """Parts of a stated total: `412条（其中A 357条，B 54条，…有重叠）`, `3件，其中…2件，…1件`,
    and a plain list that ends in a residual category (`364条，人事信息17条，…，其他…19条`),
    which claims to cover the whole total."""
    qs = sentence.quantities
    opens = _positions(text, "(", sentence.start, sentence.end)
    closes = _positions(text, ")", sentence.start, sentence.end)

    def balance(lo: int, hi: int) -> int:
        """Opening minus closing parentheses in text[lo:hi]."""
        return (bisect.bisect_left(opens, hi) - bisect.bisect_left(opens, lo)) - (
            bisect.bisect_left(closes, hi) - bisect.bisect_left(closes, lo)
        )

    for i, total in enumerate(qs):
        m = _PARTS_OPEN_RE.match(text, total.end)
        if not m:
            _attach_residual_list(text, qs, i)
            continue
        if _is_list_item(text, qs, i):
            # `信函3件、网络申请1件，其中…4件`: the 其中 may describe the whole list or its last
            # item; two readings, so no parts
            continue
        close = sentence.end
        if _BRACKET_OPEN_RE.search(m.group(0)):  # `（其中…）`: the parts end at its `）`
            k = bisect.bisect_left(closes, m.end())
            close = closes[k] if k < len(closes) else sentence.end
        previous_end = m.end()
        scan = qs[i + 1 : i + 1 + MAX_PARTS_SCAN]
        ended = False  # the list ended at something other than the sentence's (or bracket's) end
        for k, part in enumerate(scan):
            if part.start >= close:
                break
            if part.unit == "%" and total.unit != "%":
                continue  # `A 10条，占10%，B…`: the share of an item, read by _attach_percentages
            if part.unit != total.unit and not _sandwiched(scan, k, total, close):
                total.cut = ended = True
                break
            if part.scope != total.scope:
                if part.scope == "year" and not _YEAR_RE.search(part.label):
                    part.scope = total.scope  # `截止目前，共发布467条，其中A 54条…`: said of it
                else:
                    total.cut = ended = True
                    break
            if balance(m.end(), part.start) > 0:
                continue  # a breakdown of a part (`55条（涵盖…6条、…）`), not of this total
            if _OTHER_KIND_RE.search(part.label):
                ended = True
                break  # `…，结转下年度继续办理1件`: a sibling of the total, after its parts
            if _ATTRIBUTE_RE.search(part.label):
                continue  # `全文电子化的…共53条`: said of the whole, not one of its parts
            total.parts.extend(_implied_parts(text, previous_end, part.label_start, total))
            total.parts.append(part)
            previous_end = part.end
            if _RESIDUAL_RE.search(part.label):
                ended = True
                if _list_goes_on(text, scan[k + 1 :], part, total, close):
                    # `其他文件1条，工作动态1条…`: the 其他 item is not the last, so it does not
                    # say the list is complete, and where the list ends is not known
                    total.cut = True
                break  # the 其他 item closes the list
        if not ended and total.parts:
            # `…依申请公开信息数161条，不予公开信息数79。`: a last item without its unit
            total.parts.extend(_tail_items(text, previous_end, min(close, sentence.end), total))
        # the overlap note follows the parts (`…54条，不同途径发布信息有重叠）`)
        last = total.parts[-1].end if total.parts else m.end()
        total.overlap = bool(_OVERLAP_RE.search(text, m.end(), min(close, last + _NOTE_REACH)))
        total.exhaustive = (
            bool(total.parts) and not total.cut and bool(_RESIDUAL_RE.search(total.parts[-1].label))
        )
        total.nested = _nested_parts(total) if len(total.parts) > 1 else ()


def _list_goes_on(
    text: str, following: list[Quantity], residual: Quantity, total: Quantity, close: int
) -> bool:
    """Another item in the total's unit follows the 其他 item in the same list (`、`, `，`,
    `；` between them)."""
    after = next((q for q in following if q.unit != "%"), None)
    return (
        after is not None
        and after.start < close
        and _same_shape(after, residual, total)
        and after.scope == total.scope
        and not _OTHER_KIND_RE.search(after.label)
        and bool(_ITEM_GAP_RE.match(text[residual.end : after.label_start]))
    )


def _tail_items(text: str, lo: int, hi: int, total: Quantity) -> list[Quantity]:
    """The list's last item when it is written without its unit and ends the sentence
    (`，不予公开信息数79。`): nothing but `，label number` between the last part and the end."""
    m = _TAIL_ITEM_RE.match(text, lo, hi)
    if not m or _NOT_AN_ITEM_RE.search(m.group("label")):
        return []
    return [_implied(m.group("num"), m.start("num"), m.group("label"), m.start("label"), total)]


# A clause that is a sibling of the total, not one of its parts.
_OTHER_KIND_RE = re.compile(r"结转|转入下年|上年|去年|累计|同比|较上年|较去年")
# `B类信息 45，`: an item whose unit is left to its siblings.
_BARE_ITEM_RE = re.compile(r"(?<![\d.\w])(\d+(?:\.\d+)?)\s*(?=[,，、;；)）]|$)")
# `全文电子化的主动公开信息数共53条`: a property of the whole list, not one of its items.
_ATTRIBUTE_RE = re.compile(r"全文电子化")
# What may stand between one item of a list and the next.
_ITEM_GAP_RE = re.compile(r"[^\S\n]*[,，、;；][^\S\n]*(?:[(（][^)）]*[)）])?[^\S\n]*$|[^\S\n]*$")
# `，不予公开信息数79。`: a last item without its unit, then only the sentence's end.
_TAIL_ITEM_RE = re.compile(
    r"\s*[,，、]\s*(?P<label>[^\d,，、;；。:：()（）]{2,24}?)\s*(?P<num>\d+)\s*[。;；]?\s*$"
)
# A bare number after these is a year, a date, an ordinal, a rate or a phone number.
_NOT_AN_ITEM_RE = re.compile(r"年|月|日|第|号|率|占|比|电话|传真|邮编|[A-Za-z]")
# A part that may be a part of the part before it (`其中A 57项，实现…的有45项`).
_NESTED_LABEL_RE = re.compile(r"^[\s,，、]*(?:其中|含|包含|实现)|的有$|的为$")


# Units that count documents and items: a list of 条 may hold one item in 篇 (`统计分析16篇`).
_ITEM_UNITS = frozenset("条篇份件项个")


def _sandwiched(scan: list[Quantity], k: int, total: Quantity, close: int) -> bool:
    """A part in another item unit (`部門動態73條，統計分析16篇，統計公報1條`) belongs to the list
    when the list goes on in the total's unit right after it."""
    part = scan[k]
    if part.unit not in _ITEM_UNITS or total.unit not in _ITEM_UNITS:
        return False
    after = next((q for q in scan[k + 1 :] if q.unit != "%"), None)
    return (
        after is not None
        and after.start < close
        and after.unit == total.unit
        and after.scope == total.scope
    )


def _is_list_item(text: str, qs: list[Quantity], i: int) -> bool:
    """The quantity is the last item of a list (`信函3件、网络申请1件`), not a total."""
    total = qs[i]
    if i == 0 or _TOTAL_WORD_RE.search(total.label):
        return False
    before = qs[i - 1]
    return before.unit == total.unit and bool(
        _LIST_GAP_RE.match(text[before.end : total.label_start])
    )


def _implied_parts(text: str, lo: int, hi: int, total: Quantity) -> list[Quantity]:
    """Items between two parts written without their unit (`B类信息 45，`), read in the
    total's unit."""
    found = []
    for m in _BARE_ITEM_RE.finditer(text, lo, hi):
        label_start = _label_start(text, lo, m.start())
        found.append(
            _implied(m.group(1), m.start(1), text[label_start : m.start()], label_start, total)
        )
    return found


def _implied(num: str, start: int, label: str, label_start: int, total: Quantity) -> Quantity:
    """An item written without its unit, read in the total's unit, scope and sentence."""
    value = float(num) if "." in num else int(num)
    return Quantity(
        value,
        total.unit,
        start,
        start + len(num),
        label.strip(),
        label_start,
        False,
        total.scope,
        False,
        total.sentence,
    )


def _nested_parts(total: Quantity) -> tuple[Quantity, ...]:
    """Parts that may belong to the part before them rather than to the total: their label
    says so (`其中`, `含`, `实现…的有`), or their percentage is of the part before (45项，
    占比78.9% after 57项). A reading with them nested is possible, so a sum that fits without
    them is no finding."""
    nested = []
    for before, part in zip(total.parts, total.parts[1:], strict=False):
        share = part.percent
        fits_before = (
            share is not None
            and before.value > 0
            and abs(100 * part.value / before.value - share.value) < 0.1 + 1e-9
        )
        if (fits_before or _NESTED_LABEL_RE.search(part.label)) and part.value <= before.value:
            nested.append(part)
    return tuple(nested)


_TOTAL_WORD_RE = re.compile(r"共|总|合计|全年|主动公开|公布|发布")


def _attach_residual_list(text: str, qs: list[Quantity], i: int) -> None:
    """Only a list's head can be its total: its label says total (`共`, `主动公开`…), it is not
    itself an item of a list before it, and a comma or colon (not `、`) separates it from its
    first part."""
    total = qs[i]
    if (
        total.unit == "%"
        or _RESIDUAL_RE.search(total.label)
        or not _TOTAL_WORD_RE.search(total.label)
    ):
        return
    if (
        i > 0
        and qs[i - 1].unit == total.unit
        and _LIST_GAP_RE.match(text[qs[i - 1].end : total.label_start])
    ):
        return
    if text[total.end : total.end + 2].lstrip().startswith("、"):
        return  # `A 3条、B 4条…`: an item of a list, not its head
    items: list[Quantity] = []
    previous_end = total.end
    if "在" in total.label:
        # `在主动公开的138条政府信息中，机构职能类信息46条，…`: the head names what it counts
        head = _IN_HEAD_RE.match(text, total.end)
        previous_end = head.end() if head else previous_end
    for part in qs[i + 1 :]:
        gap = text[previous_end : part.label_start]
        if (
            part.unit != total.unit
            or part.scope != total.scope
            or not (
                _ITEM_SEPARATOR_RE.match(gap)
                or (previous_end > total.end and not items and _FIRST_ITEM_GAP_RE.match(gap))
            )
        ):
            break
        previous_end = part.end
        if not items and _ATTRIBUTE_RE.search(part.label):
            continue  # `全文电子化的主动公开信息数共138条`: said of the whole
        items.append(part)
    residual = [k for k, p in enumerate(items) if _RESIDUAL_RE.search(p.label)]
    if len(items) >= 2 and residual and residual[-1] == len(items) - 1:
        total.parts = items[: residual[-1] + 1]
        total.exhaustive = True


# `在主动公开的116条政府信息中，规范性文件21条，…`: the count opens the list that follows.
_IN_HEAD_RE = re.compile(r"[^，,。；;]{0,24}?(?:中|之中)\s*[,，:：]")
_SEMICOLONS = ("；", ";")


def _ends_with_semicolon(text: str) -> bool:
    """Whether `text` ends with `；` or `;`, spaces after it aside."""
    return text.rstrip().endswith(_SEMICOLONS)


def _counted(sentence: Sentence) -> list[Quantity]:
    return [q for q in sentence.quantities if q.unit != "%"]


def _open_head(text: str, sentence: Sentence) -> Quantity | None:
    """The total whose list runs on past this sentence's `；`: a total with 其中 parts that are
    the sentence's last counts and not closed by 其他, or `在…N条…中，` followed only by counts
    of its unit."""
    counted = _counted(sentence)
    if not counted:
        return None
    last = counted[-1]
    # the innermost breakdown first: `…中，…共53条，其中:A 1条，B 1条；` continues the 53's list
    for q in reversed(counted):
        if q.parts:
            return q if not q.exhaustive and q.parts[-1] is last else None
    for k, q in enumerate(counted):
        rest = counted[k + 1 :]
        if (
            "在" in q.label
            and _IN_HEAD_RE.match(text, q.end)
            and rest
            and all(p.unit == q.unit and p.scope == q.scope for p in rest)
        ):
            return q
    return None


def _continue_lists_over_semicolons(text: str, sentences: list[Sentence]) -> None:
    """`在主动公开的61条中，其中A 5条；B 1条；…；其他51条等。`: a list whose items are separated
    by `；` (cut into sentences above) is read on into the following segments, but only when
    every item keeps the total's unit and scope and the list ends with its 其他 item before the
    full stop: that item claims the list is complete, so the parts must add up to the total.
    Without it the segments may be sibling statements, and the list stays as it was."""
    for index, sentence in enumerate(sentences):
        if not _ends_with_semicolon(sentence.text):
            continue
        head = _open_head(text, sentence)
        if head is None:
            continue
        own = head.parts or [
            q for q in _counted(sentence) if q is not head and not _ATTRIBUTE_RE.search(q.label)
        ]
        if sum(q.value for q in own) >= head.value:
            continue  # complete (or over) already: what follows the `；` is something else
        more: list[Quantity] = []
        closed = False
        for position in range(index + 1, min(len(sentences), index + 1 + MAX_PARTS_SCAN)):
            following = sentences[position]
            counted = _counted(following)
            if any(q.parts for q in counted) or _open_head(text, following) is not None:
                break  # a list of its own begins: this one did not reach its 其他 item
            # a segment without a year of its own is in the year the list began with
            inherits = not _YEAR_RE.search(following.text)
            if not counted or any(
                q.unit != head.unit
                or not (q.scope == head.scope or (inherits and q.scope == "year"))
                or _OTHER_KIND_RE.search(q.label)
                for q in counted
            ):
                break
            more.extend(counted)
            residual = [k for k, q in enumerate(counted) if _RESIDUAL_RE.search(q.label)]
            if residual:
                after = sentences[position + 1] if position + 1 < len(sentences) else None
                closed = residual[-1] == len(counted) - 1 and not _segment_goes_on(
                    following, after, head
                )
                break
            if not _ends_with_semicolon(following.text):
                break
        if not closed:
            continue
        for q in more:
            q.scope = head.scope
        head.parts = [*own, *more]
        head.exhaustive = True
        head.nested = _nested_parts(head) if len(head.parts) > 1 else ()


def _segment_goes_on(segment: Sentence, after: Sentence | None, head: Quantity) -> bool:
    """The `；` segment that ends in an 其他 item is followed by another segment of counts in the
    head's unit (`其他文件共1条；工作动态共1条；…`): the 其他 item is not the list's last."""
    if after is None or not _ends_with_semicolon(segment.text):
        return False
    counted = _counted(after)
    return bool(counted) and _same_shape(counted[0], _counted(segment)[-1], head)


def _same_shape(after: Quantity, residual: Quantity, total: Quantity) -> bool:
    """`after` is written as another item of the list the 其他 item `residual` is in: the
    total's unit, and a share each (`2件，占2.47%`) or none."""
    return after.unit == total.unit and (after.percent is None) == (residual.percent is None)


_PERCENT_AFTER_RE = re.compile(
    r"\s*[,，]?\s*(?:占|占比|约占|比例为|占比为)\s*(?P<pct>\d+(?:\.\d+)?)\s*%"
)


def _attach_percentages(text: str, sentence: Sentence) -> None:
    """`258件，占33.9%`: the count and the share stated for it."""
    by_start = {q.start: q for q in sentence.quantities}
    for q in sentence.quantities:
        if q.unit == "%":
            continue
        m = _PERCENT_AFTER_RE.match(text, q.end)
        if m:
            pct = by_start.get(m.start("pct"))
            if pct is not None and pct.unit == "%":
                q.percent = pct


def table_spans(analysis) -> list[tuple[int, int]]:
    """Where the tables are: bound tables and the parser's table blocks (masked from prose)."""
    spans = [(t.start, t.end) for t in analysis.tables.values()]
    return spans + [(t.start, t.end) for t in analysis.doc.tables]
