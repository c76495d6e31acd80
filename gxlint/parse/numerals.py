"""Chinese numerals as they appear in heading markers and dates."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 二〇一二 → 2012 (digit by digit); None if not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _DIGITS.get(head, None) if head else 1
        ones = _DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in _DIGITS:
            return None
        value = value * 10 + _DIGITS[ch]
    return value


CN_NUM = "一二三四五六七八九十"


_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(text: str) -> int | None:
    """A count in Chinese numerals: 三 → 3, 十二 → 12, 两百零五 → 205, 一千二百 → 1200.

    Runs of bare digits (`三五`, `二〇一二`) are ranges or years, not counts: None."""
    if not text:
        return None
    if len(text) > 1 and not any(ch in _SMALL_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit not in (None, 0):
                return None  # two digits in a row: `三五`
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)
