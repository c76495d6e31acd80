"""Property-based tests: whatever bytes or text arrive, the whole pipeline returns a result and
never lets an exception escape (hypothesis generates random and mutated reports)."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint.engine import lint_bytes

REPORT = EXAMPLE.read_text("utf-8")
LINES = REPORT.split("\n")
# characters that matter to the parser: markers, digits, table separators, units, dates
ALPHABET = st.sampled_from(
    list("0123456789一二三四五六七八九十()（）、.|\t \n年月日件条次%其中共约余多未无XX×【】")
    + ["予以公开", "（七）总计", "本年新收", "行政复议", "统计期限自", "2023年1月1日", "&nbsp;"]
)
SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("GX_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def all_rules():
    from gxlint.engine import load_rules

    return load_rules()


@SETTINGS
@given(
    data=st.binary(max_size=4096),
    suffix=st.sampled_from([".txt", ".docx", ".html", ".pdf", ".doc", ""]),
)
def test_random_bytes_never_raise(all_rules, data, suffix):
    result = lint_bytes(data, f"random{suffix}", all_rules)
    assert result.findings is not None


@SETTINGS
@given(st.lists(ALPHABET, max_size=400).map("".join))
def test_random_report_like_text_never_raises(all_rules, text):
    lint_bytes(text.encode("utf-8"), "r.txt", all_rules)


@st.composite
def mutated_reports(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "edit"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append("")
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.lists(ALPHABET, max_size=30).map("".join)))
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = (
                line[:k]
                + draw(st.lists(ALPHABET, max_size=8).map("".join))
                + line[k + draw(st.integers(0, 6)) :]
            )
    return "\n".join(lines)


@SETTINGS
@given(mutated_reports(), st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_mutated_reports_never_raise(all_rules, text, encoding):
    result = lint_bytes(text.encode(encoding, errors="replace"), "m.txt", all_rules)
    for finding in result.findings:
        assert finding.line is None or finding.line >= 1


@SETTINGS
@given(mutated_reports())
def test_mutated_reports_as_html_never_raise(all_rules, text):
    from formats import to_html

    lint_bytes(to_html(text), "m.html", all_rules)


@pytest.fixture(scope="module")
def binaries():
    from formats import to_docx, to_pdf

    return {".docx": to_docx(REPORT), ".pdf": to_pdf(REPORT)}


@SETTINGS
@given(data=st.data(), suffix=st.sampled_from([".docx", ".pdf"]))
def test_damaged_docx_and_pdf_never_raise(all_rules, binaries, data, suffix):
    blob = bytearray(binaries[suffix])
    for _ in range(data.draw(st.integers(1, 20))):
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(blob) // 2, len(blob)))
    result = lint_bytes(bytes(blob[:cut]), f"damaged{suffix}", all_rules)
    if result.unreadable:
        assert len(result.findings) == 1 and "\n" not in result.findings[0].message


@SETTINGS
@given(
    position=st.integers(0, len(REPORT)),
    length=st.integers(16, 5000),
    digit=st.sampled_from(["9", "0", "９", "٩"]),  # ASCII, full-width, Arabic-Indic
)
def test_digit_runs_of_any_length_are_never_numbers_and_never_raise(
    all_rules, position, length, digit
):
    """Past 15 digits a run is no count (int() raises past 4,300); messages stay short."""
    text = REPORT[:position] + digit * length + REPORT[position:]
    result = lint_bytes(text.encode("utf-8"), "r.txt", all_rules)
    assert "GX009" not in {f.rule for f in result.findings}
    assert all(len(f.message) < 400 and "\n" not in f.message for f in result.findings)


@SETTINGS
@given(
    chars=st.integers(1, 2 * len(REPORT)),
    lines=st.integers(1, 2 * REPORT.count("\n")),
    tables=st.integers(1, 12),
    cells=st.integers(1, 400),
)
def test_a_report_over_any_limit_is_refused_and_under_all_is_checked(
    all_rules, chars, lines, tables, cells
):
    from gxlint.limits import DEFAULT

    limits = DEFAULT.updated(
        {"chars": chars, "lines": lines, "tables": tables, "table-cells": cells}
    )
    result = lint_bytes(REPORT.encode("utf-8"), "r.txt", all_rules, limits=limits)
    over = [f for f in result.findings if f.rule == "GX008"]
    if len(REPORT) > chars or REPORT.count("\n") + 1 > lines:
        assert result.unreadable and len(over) == 1
    if over:
        assert result.unreadable and len(result.findings) == 1
    else:
        assert result.template == "2021" and not result.unreadable
