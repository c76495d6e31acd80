"""The line reader's one-line (crawler copy) signature: the agency before the date is read from
the end of the line (gxlint.parse.lines._agency_before). The defect it must not have: reading
another word than the regex it replaced, `(?:(?<=\\s)|(?<=^))(\\S{2,40})[ \\t]+$` searched in
text[:end]."""

from __future__ import annotations

import random
import re

from gxlint.parse.lines import _agency_before

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
