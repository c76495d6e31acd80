"""Dates and years as reports write them (gxlint.dates) and who must publish by when."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import lint_text

from gxlint.dates import parse_date, statistics_period


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024年1月20日", dt.date(2024, 1, 20)),
        ("２０２４年１月２０日", dt.date(2024, 1, 20)),  # full-width digits
        ("二〇一二年十二月三十一日", dt.date(2012, 12, 31)),
        ("二○一○年四月十日", dt.date(2010, 4, 10)),
        ("2023年2月30日", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "报告中的数据统计时限自2023年1月1日至12月31日。",
        "统计时间：2023年1月1日—2023年12月31日。",
        "本报告统计区间为2023年1月1日起至12月31日止。",
        "统计期限为2023年1月1日到2023年12月31日。",
    ],
)
def test_statistics_period_variants(sentence):
    period = statistics_period(sentence)
    assert (period.first, period.last) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


REPORT = "{agency}2023年政府信息公开工作年度报告\n一、总体情况\n2023年，本机关推进公开工作。\n\n{agency}\n2024年2月20日\n"


@pytest.mark.parametrize(
    ("agency", "late"),
    [
        ("示例县统计局", True),  # a department: 1月31日
        ("示例县人民政府办公室", True),  # the government's office is a department
        ("示例市发展和改革委员会", True),
        ("示例县人民政府", False),  # the government's own report: 3月31日
        ("平潭综合实验区管委会", False),
        ("示例区", False),  # a whole-district report
    ],
)
def test_deadline_follows_the_agency_type(rules, agency, late):
    result = lint_text(REPORT.format(agency=agency), rules, select={"GX404"})
    assert bool(result.findings) is late, [f.message for f in result.findings]


def test_government_report_signed_by_its_office_gets_the_later_deadline(rules):
    text = (
        "示例县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，本县推进公开工作。\n\n"
        "示例县人民政府办公室\n2024年2月20日\n"
    )
    assert lint_text(text, rules, select={"GX404"}).findings == []


def test_no_signature_error_when_the_year_is_only_guessed(rules):
    """No title, no period: the year is inferred, too weak for an error about the signature."""
    text = (
        "一、总体情况\n2023年，我局将继续推进公开。2023年，我局将完善制度。2022年，我局公开信息10条。\n"
        "二、其他\n无。\n\n某局\n2023年1月10日\n"
    )
    result = lint_text(text, rules, select={"GX403", "GX404"})
    assert result.findings == []  # the year came from the signature or the sentences, not stated
