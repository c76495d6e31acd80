"""Split a Source into logical lines and classify each one (the token stream for the grammar).

Why Python and not the grammar: a report's lines are told apart by patterns over the whole line
(a heading marker, pipes, a trailing date), which a regex per line does in one pass; a
character-level grammar over Chinese prose would be slow and brittle.

Crawler copies put a whole report on one line. For those, headings are found inside the line
where a top-level marker (一、, 二、 …) follows a sentence boundary, opens a heading-like title and
continues the numbering, so they still become H1 tokens with exact offsets.
"""

from __future__ import annotations

import re
from functools import cache

from gxlint.model import Line
from gxlint.parse.numerals import CN_NUM, cn_to_int
from gxlint.scanning import scanning
from gxlint.source import Source

_CN = f"[{CN_NUM}]{{1,3}}"
# Patterns run on the normalised text: full-width （一） is already (一) there.
H1_RE = re.compile(rf"^[ \t]*(({_CN})[ \t]*[、.][ \t]*)(?=\S)")
H2_RE = re.compile(rf"^[ \t]*(\([ \t]*({_CN})[ \t]*\)[ \t]*[、.]?[ \t]*)(?=\S)")
H3_RE = re.compile(r"^[ \t]*((\d{1,2})[ \t]*[、.](?!\d)[ \t]*)(?=\S)")
H4_RE = re.compile(r"^[ \t]*(\([ \t]*(\d{1,2})[ \t]*\)[ \t]*[、.]?[ \t]*)(?=\S)")
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_CORE = rf"{_YEAR}[ \t]*年[ \t]*{_MD}[ \t]*月[ \t]*{_MD}[ \t]*日"
DATE_LINE_RE = re.compile(rf"^[ \t]*(?:\[bookmark:[^\]]*\])?[ \t]*({DATE_CORE})[ \t]*$")
_SENTENCE_PUNCT = set("。，,；;：:！!？?")

# Inline (one-line report) heading detection.
_INLINE_H1_RE = re.compile(rf"({_CN})[ \t]*、[ \t]*")
_TITLE_STOP_RE = re.compile(r"[\s\d(（，,。；;:：《\"“]")
_TITLE_END_RE = re.compile(r"(?:情况|事项|概述|概况|措施|问题|统计表|附表|计划)")
_INLINE_TITLE_RE = re.compile(r"^[ \t]*([^，。,《》\s]{4,78}?报告)")
_INLINE_DATE_RE = scanning(rf"(?:(?<=\s)|(?<=^))({DATE_CORE})[ \t]*$")
# Every character a DATE_CORE and the spaces after it can hold, besides \d (isdecimal).
_DATE_CHARS = frozenset("〇零○一二三四五六七八九十年月日 \t")
# The signature's agency just before its date: the last 2–40 non-space characters, at the start or
# after a space, followed by spaces or tabs up to the date (`_agency_before` reads it).
AGENCY_MIN, AGENCY_MAX = 2, 40
INLINE_MIN_LENGTH = 600


@cache
def _table_row_title_re() -> re.Pattern[str]:
    """`一、本年新收政府信息公开申请数量2030010024` is a table row whose cells ran together, not a
    heading: a title never ends in a number, and no title opens like a table row that the
    templates number 一、二、… as headings are numbered (表三's 一 to 四). Those rows come from
    the template files."""
    from gxlint.eras import builtin_templates

    openings = sorted(
        {
            label
            for template in builtin_templates().templates
            for table in template.tables
            for row in table["rows"]
            if _CN_NUMBER_RE.fullmatch(row.get("prefix", ""))
            for label in (row["label"], *row.get("aliases", []))
        }
    )
    return re.compile(r"\d\s*$|^(" + "|".join(map(re.escape, openings)) + ")")


_CN_NUMBER_RE = re.compile(f"[{CN_NUM}]+")


def _cells(line: str, sep: str) -> list[str]:
    return [c.strip() for c in line.split(sep)]


def _row_kind(norm_line: str) -> str | None:
    """Pipe or tab rows with at least two non-empty cells are table rows."""
    for sep in ("|", "\t"):
        if sep in norm_line.strip(" \t" if sep == "|" else " "):
            cells = _cells(norm_line, sep)
            if sum(1 for c in cells if c) >= 2:
                return "ROW"
    return None


def _heading(kind: str, m: re.Match, start: int) -> Line:
    styles = {"H1": "cn_dun", "H2": "paren_cn", "H3": "arabic_dot", "H4": "paren_arabic"}
    marker = m.group(1)
    style = styles[kind]
    if kind == "H1" and not marker.strip().endswith("、"):
        style = "cn_dot"
    if kind == "H3" and marker.strip().endswith("、"):
        style = "arabic_dun"
    if kind == "H2" and marker.strip().endswith(("、", ".")):
        style = "paren_cn_dun"
    return Line(
        kind,
        start,
        0,
        number=cn_to_int(m.group(2)),
        style=style,
        marker=marker.strip(),
        title_start=start + m.end(1),
    )


def looks_like_heading_title(title: str) -> bool:
    """Short and not a sentence: the test that tells `7、 存在问题` from `1、统一认识，努力…。`."""
    title = title.strip()
    return 0 < len(title) <= 40 and not any(ch in _SENTENCE_PUNCT for ch in title)


def classify_line(norm: str, start: int, end: int) -> Line:
    """Classify one physical line by its normalised text."""
    text = norm[start:end]
    if not text.strip():
        return Line("BLANK", start, end)
    line = _classify(text, start, end)
    if line.kind not in ("CELL", "ROW"):
        while line.start < end and norm[line.start].isspace():
            line.start += 1
        while line.end > line.start and norm[line.end - 1].isspace():
            line.end -= 1
    return line


def _classify(text: str, start: int, end: int) -> Line:
    if _row_kind(text):
        return Line("ROW", start, end)
    if text.startswith("\t") and "\t" not in text.strip():
        return Line("CELL", start, end)
    m = DATE_LINE_RE.match(text)
    if m:
        return Line("DATE", start, end)
    for kind, regex in (("H2", H2_RE), ("H4", H4_RE), ("H1", H1_RE), ("H3", H3_RE)):
        m = regex.match(text)
        if m and not _table_row_title_re().search(text[m.end(1) :]):
            line = _heading(kind, m, start)
            line.end = end
            return line
    return Line("TEXT", start, end)


def _inline_segments(source: Source, start: int, end: int, first: bool) -> list[Line] | None:
    """Cut one long crawler line into title, heading, text and signature pieces, or None."""
    norm = source.norm
    text = norm[start:end]
    cuts: list[Line] = []
    expected = 1
    for m in _INLINE_H1_RE.finditer(text):
        number = cn_to_int(m.group(1))
        if number != expected:
            continue
        rest = text[m.end() : m.end() + 40]
        stop = _TITLE_STOP_RE.search(rest)
        window = rest[: stop.start()] if stop else rest
        ends = [e.end() for e in _TITLE_END_RE.finditer(window)]
        if not ends or (ends[-1] < 6 and not _boundary_before(text, m.start())):
            continue
        h_start = start + m.start()
        cuts.append(
            Line(
                "H1",
                h_start,
                start + m.end() + ends[-1],
                number=number,
                style="cn_dun",
                marker=m.group(0).strip(),
                title_start=start + m.end(),
            )
        )
        expected += 1
    if len(cuts) < 2:
        return None
    pieces: list[Line] = []
    cursor = start
    if first:
        t = _INLINE_TITLE_RE.match(text)
        if t and start + t.end(1) <= cuts[0].start:
            pieces.append(Line("TITLE", start + t.start(1), start + t.end(1)))
            cursor = start + t.end(1)
    tail_end = end
    sign_lines: list[Line] = []
    date = _INLINE_DATE_RE.search(text, _date_tail(text))
    if date and start + date.start(1) > cuts[-1].end:
        tail_end = start + date.start(1)
        sign_lines = [Line("DATE", tail_end, start + date.end(1))]
        agency = _agency_before(text, date.start(1))
        # the agency must not be the first thing after the last heading: there it is that
        # section's body run together with the signature (`六、其他需要报告的事项无平潭…局`)
        if agency and norm[cuts[-1].end : start + agency[0]].strip():
            tail_end = start + agency[0]
            sign_lines.insert(0, Line("AGENCY", tail_end, start + agency[1]))
    for cut in cuts:
        if norm[cursor : cut.start].strip():
            pieces.append(_trimmed(norm, "TEXT", cursor, cut.start))
        pieces.append(cut)
        cursor = cut.end
    if norm[cursor:tail_end].strip():
        pieces.append(_trimmed(norm, "TEXT", cursor, tail_end))
    return pieces + sign_lines


def _date_tail(text: str) -> int:
    """Where the run of date characters that ends the line begins: a date anchored at the end
    (`_INLINE_DATE_RE`) lies within it, so the search starts there. From the start of a line
    thousands of characters long, the search tried every digit and numeral of it."""
    i = len(text)
    if text.endswith("\n"):  # `$` also matches before a final line break
        i -= 1
    while i > 0 and (text[i - 1] in _DATE_CHARS or text[i - 1].isdecimal()):
        i -= 1
    return i


def _agency_before(text: str, end: int) -> tuple[int, int] | None:
    """The span of the word before `end` that a signature's agency is: text[:end] ends in spaces
    or tabs, and before them a run of AGENCY_MIN–AGENCY_MAX non-space characters that starts
    the text or follows a space. Read from the end: a regex search for it tried every position
    of a line thousands of characters long."""
    j = end
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == end:
        return None
    i = j
    floor = max(0, j - AGENCY_MAX - 1)
    while i > floor and not text[i - 1].isspace():
        i -= 1
    if j - i > AGENCY_MAX or (i > 0 and not text[i - 1].isspace()):
        return None  # the run is longer than AGENCY_MAX
    return (i, j) if j - i >= AGENCY_MIN else None


def _boundary_before(text: str, pos: int) -> bool:
    """A short heading (一、概述) must follow punctuation, a space or a table's last digit; only a
    long, unmistakable title may follow a Chinese character directly (…采购总金额…元三、收到…)."""
    if pos == 0:
        return True
    prev = text[pos - 1]
    return not ("\u3400" <= prev <= "\u9fff")


def _trimmed(norm: str, kind: str, start: int, end: int) -> Line:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return Line(kind, start, end)


def split_lines(source: Source) -> tuple[list[Line], bool]:
    """All logical lines of the source, classified; and whether inline headings were used."""
    norm = source.norm
    starts = source.line_starts
    lines: list[Line] = []
    inline = False
    seen_content = False
    for i, s in enumerate(starts):
        e = starts[i + 1] - 1 if i + 1 < len(starts) else len(norm)
        if e - s >= INLINE_MIN_LENGTH:
            pieces = _inline_segments(source, s, e, first=not seen_content)
            if pieces:
                lines.extend(pieces)
                inline = True
                seen_content = True
                continue
        line = classify_line(norm, s, e)
        if line.kind != "BLANK":
            seen_content = True
        lines.append(line)
    _mark_title(source, lines)
    _mark_signature(source, lines)
    _mark_stray_headings(source, lines)
    return lines, inline


def _mark_title(source: Source, lines: list[Line]) -> None:
    """The first non-blank line is the title when it names a report and is not a heading."""
    for line in lines:
        if line.kind == "BLANK":
            continue
        text = source.norm[line.start : line.end].strip()
        if line.kind == "TEXT" and "报告" in text and len(text) <= 80 and not text.startswith("本"):
            line.kind = "TITLE"
        return


def _mark_signature(source: Source, lines: list[Line]) -> None:
    """Only the last date-only line is the signature date; the short line before it, the agency."""
    dates = [i for i, ln in enumerate(lines) if ln.kind == "DATE"]
    for i in dates[:-1]:
        lines[i].kind = "TEXT"
    if not dates:
        return
    j = dates[-1] - 1
    while j >= 0 and lines[j].kind == "BLANK":
        j -= 1
    k = j - 1
    while k >= 0 and lines[k].kind == "BLANK":
        k -= 1
    # a piece cut from a crawler line right after a heading is that section's body
    after_heading = k == j - 1 and k >= 0 and lines[k].kind in ("H1", "H2", "H3", "H4")
    if j >= 0 and lines[j].kind == "TEXT" and not after_heading:
        text = source.norm[lines[j].start : lines[j].end].strip()
        if 2 <= len(text) <= 40 and not any(ch in _SENTENCE_PUNCT for ch in text):
            lines[j].kind = "AGENCY"


def _mark_stray_headings(source: Source, lines: list[Line]) -> None:
    """`1、 概述` or `7、 存在问题…` standing where the next 一、-level heading is due is a
    top-level heading written with the wrong marker (as some real reports do), not a list item."""
    expected = 1
    for line in lines:
        if line.kind == "H1":
            expected = (line.number or 0) + 1
        elif line.kind == "H3" and line.number == expected:
            title = source.norm[line.title_start : line.end]
            if looks_like_heading_title(title) and not _inside_subsection_run(lines, line):
                line.kind = "H1"
                expected += 1


def _inside_subsection_run(lines: list[Line], line: Line) -> bool:
    """A `2.` right after a `1.` at the same level is a list, even if 2 is the next 一、 number."""
    idx = lines.index(line)
    for prev in reversed(lines[:idx]):
        if prev.kind in ("H1", "H2"):
            return False
        if prev.kind == "H3":
            return prev.number == (line.number or 0) - 1
    return False
