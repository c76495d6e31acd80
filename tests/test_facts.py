"""Facts from prose: values, units, approximations, scope, parts and shares (gxlint.facts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxlint.facts import extract
from gxlint.source import normalize


def _facts(text: str, year: int | None = 2023):
    return extract(text, [], year).quantities


def _one(text: str, year: int | None = 2023):
    quantities = [q for q in _facts(text, year) if q.unit != "%"]
    assert len(quantities) == 1, [(q.label, q.value) for q in quantities]
    return quantities[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("全年主动公开政府信息412条。", 412, "条", False),
        ("接受公众咨询1200多人次。", 1200, "人次", True),
        ("开展宣传20余次。", 20, "次", True),
        ("接受咨询近2000人次。", 2000, "人次", True),
        ("收到申请约30件。", 30, "件", True),
        ("收到申请30件左右。", 30, "件", True),
        ("不予公开三件。", 3, "件", False),
        ("制发文件十二条。", 12, "条", False),
        ("收到申请两件。", 2, "件", False),
        ("收取费用1.5万元。", 1.5, "万元", False),
        ("公开信息1.2万条。", 12000, "条", False),
        ("公开信息1,234条。", 1234, "条", False),
    ],
)
def test_values_units_and_approximation(text, value, unit, approx):
    q = _one(text)
    assert (q.value, q.unit, q.approx) == (value, unit, approx)


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("2023年，我局收到申请5件。", "year"),
        ("全年累计主动公开信息179条。", "year"),
        ("2008年以来累计主动公开信息1790条。", "cumulative"),
        ("历年累计公开信息5395条。", "cumulative"),
        ("申请数量较去年增加5件。", "comparative"),
        ("2022年，我局收到申请3件。", "other_year"),
        ("去年收到申请9件。", "last_year"),
        ("含上年度结转申请18件。", "year"),
        ("2024年拟于上半年召开发布会2场。", "plan"),
        ("下一步，我局力争公开信息500条。", "plan"),
    ],
)
def test_scope_tells_this_year_from_other_counts(text, scope):
    assert _one(text).scope == scope


@pytest.mark.parametrize(
    "text",
    [
        "依据《条例》第二十条第（一）项。",  # ordinals
        "打造一条龙服务，实行一次性告知。",  # words, not counts
        "联系电话0591-2316076。",  # a phone number
        "统计期限自2023年1月1日至12月31日。",  # dates
    ],
)
def test_words_ordinals_phones_and_dates_are_not_quantities(text):
    assert [q for q in _facts(text) if q.unit != "%"] == []


def test_total_with_overlapping_parts():
    text = "主动公开政府信息412条（其中政府信息公开网公开信息357条，政务微博公开政府信息54条，不同途径发布信息有重叠）。"
    total = _facts(text)[0]
    assert total.value == 412
    assert [p.value for p in total.parts] == [357, 54]
    assert total.overlap and not total.exhaustive


def test_outcome_list_labels():
    quantities = _facts("其中予以公开11件、部分公开1件、不予公开2件，行政复议2件、行政诉讼1件。")
    assert [(q.label.replace("其中", ""), q.value) for q in quantities] == [
        ("予以公开", 11),
        ("部分公开", 1),
        ("不予公开", 2),
        ("行政复议", 2),
        ("行政诉讼", 1),
    ]


def test_residual_list_is_exhaustive():
    total = _facts("主动公开政府信息364条，人事信息17条，规划类信息1条，其他信息19条。")[0]
    assert [p.value for p in total.parts] == [17, 1, 19] and total.exhaustive


def test_share_is_attached_to_its_count():
    quantities = _facts("予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%。")
    shares = {q.value: q.percent.value for q in quantities if q.percent is not None}
    assert shares == {258: 33.9, 35: 4.34}


def test_table_regions_are_not_prose():
    text = "全年公开信息10条。\n信息内容 | 数量\n行政许可 | 12件\n"
    start = text.index("信息内容")
    assert [q.value for q in extract(text, [(start, len(text))], 2023).quantities] == [10]


def _sentence_cases():
    import yaml

    path = Path(__file__).parent / "sentences" / "parts.yaml"
    for i, case in enumerate(yaml.safe_load(path.read_text("utf-8"))["cases"]):
        yield pytest.param(case, id=f"{i:02d}-{case['source'].split(' ')[0]}")


@pytest.mark.parametrize("case", list(_sentence_cases()))
def test_sentence_table_totals_and_parts(case, rules):
    """tests/sentences/parts.yaml: each sentence's total, the parts read for it, the parts that
    may be nested, and the GX303 verdict (GX307 for `short`) on a report holding only that
    sentence."""
    from conftest import lint_text

    # as the engine reads it: normalised (full-width brackets and punctuation made ASCII)
    totals = [
        q for q in _facts(normalize(case["text"])) if q.value == case["total"] and q.unit != "%"
    ]
    assert totals, case["text"]
    total = totals[case.get("nth", 0)]  # nth: which of several counts of that value
    assert [p.value for p in total.parts] == case["parts"]
    assert [p.value for p in total.nested] == case.get("nested", [])
    result = lint_text("一、总体情况\n" + case["text"] + "\n", rules, select={"GX303", "GX307"})
    found = [f.context for f in result.findings if f.rule in ("GX303", "GX307")]
    if case["gx303"] == "none":
        assert found == []
    else:
        assert len(found) == 1 and found[0]["total"] == case["total"]
        assert found[0]["problem"] == case["gx303"]


def test_numbers_found_over_the_whole_prose_are_those_found_sentence_by_sentence():
    """extract_prose scans the prose for numbers once and deals them out to the sentences; the
    defect this guards against is a number read across a sentence's end (or lost at one)."""
    import random

    from gxlint.facts import _SENTENCE_END_RE, QUANTITY_RE

    pieces = ["共", "12", "条", "约", "3件", "1,234", ",", ".5", "两", "万元", "%", "余", "左右"]
    pieces += ["。", "；", ";", "!", "？", "\n", " ", "年", "其中", "2023", "第"]
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        by_sentence, start = [], 0
        for m in _SENTENCE_END_RE.finditer(text + "\n"):
            end = min(m.end(), len(text))
            by_sentence += [q.span() for q in QUANTITY_RE.finditer(text, start, end)]
            start = end
        assert [q.span() for q in QUANTITY_RE.finditer(text)] == by_sentence, text


def test_blanking_and_semicolon_ends_equal_the_regexes_they_replace():
    """prose_text blanks a table region character by character and a list runs on over a
    sentence ending in `；`: the plain string forms must agree with `[^\\n]` → space and
    `[；;]\\s*$` on any text, full-width spaces and line breaks included."""
    import random
    import re

    from gxlint.facts import _blanked, _ends_with_semicolon

    rng = random.Random(11)
    pieces = ["；", ";", " ", "\u3000", "\n", "\t", "数", "1", "。", "\r"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert _blanked(text) == re.sub(r"[^\n]", " ", text), repr(text)
        assert _ends_with_semicolon(text) == bool(re.search(r"[；;]\s*$", text)), repr(text)
