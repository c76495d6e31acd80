"""The line reader's one-line (crawler copy) signature: the agency before the date is read from
the end of the line (gxlint.parse.lines._agency_before), and the date is searched for only in
the run of date characters that ends the line (_date_tail). The defects they must not have:
reading another word than the regex the agency reader replaced, `(?:(?<=\\s)|(?<=^))(\\S{2,40})
[ \\t]+$` searched in text[:end]; finding another date than a search of the whole line."""

from __future__ import annotations

import random
import re

from gxlint.parse.lines import _INLINE_DATE_RE, _agency_before, _date_tail

_REFERENCE = re.compile(r"(?:(?<=\s)|(?<=^))(\S{2,40})[ \t]+$")


def test_agency_is_the_word_the_reference_regex_finds():
    pieces = [
        "平潭综合实验区交通与建设局",
        "局",
        "二〇二四年",
        " ",
        "  ",
        "\t",
        "\u3000",
        "\n",
        "x" * 39,
    ]
    pieces += ["x" * 40, "x" * 41, "，", "a"]
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        end = rng.randint(0, len(text))
        m = _REFERENCE.search(text, 0, end)
        assert _agency_before(text, end) == (m.span(1) if m else None), (text, end)


def test_an_agency_at_the_start_or_after_a_space_is_read():
    assert _agency_before("平潭县交通局 2024年1月", 7) == (0, 6)
    assert _agency_before("正文。 平潭县交通局\t", 11) == (4, 10)
    assert _agency_before("正文平潭县交通局 ", 9) == (0, 8)
    assert _agency_before("平潭县交通局", 6) is None  # no space before the date


def test_the_date_searched_from_the_tail_is_the_one_a_whole_line_search_finds():
    noise = ["局", "，", "\u3000", "٣", "x", " ", "\t", "\n", "2", "二", "年", "日"]  # ٣: Arabic 3
    parts = [
        ["2024", "二〇二四", "202", "٢٠٢٤"],
        ["年"],
        ["12", "十二", "1", "123"],
        ["月"],
        ["3", "三", "三十一"],
        ["日"],
    ]
    rng = random.Random(5)
    found = 0
    for _ in range(20000):
        date = "".join(rng.choice(p) + rng.choice(["", "", " ", "\t"]) for p in parts)
        if rng.random() < 0.3:  # a broken date: a piece dropped or replaced
            k = rng.randrange(len(date))
            date = date[:k] + rng.choice(["", *noise]) + date[k + 1 :]
        before = "".join(rng.choice(noise) for _ in range(rng.randint(0, 6)))
        after = "".join(rng.choice([" ", "\t", "\n", "x", "日"]) for _ in range(rng.randint(0, 2)))
        text = before + date + after
        whole = _INLINE_DATE_RE.search(text)
        tail = _INLINE_DATE_RE.search(text, _date_tail(text))
        assert (tail and tail.span(1)) == (whole and whole.span(1)), text
        found += whole is not None
    assert found > 1000  # the cases do hold dates


def test_a_signature_date_at_the_end_of_a_long_line_is_found_from_its_tail():
    text = "正文" * 500 + " 平潭县交通局 2024年1月5日  "
    start = _date_tail(text)
    assert text[start:].startswith(" 2024年")  # the space before the date is a date character
    assert _INLINE_DATE_RE.search(text, start).group(1) == "2024年1月5日"
