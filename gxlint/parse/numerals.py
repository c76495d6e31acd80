"""Numbers as reports write them: digits (bounded), Chinese numerals in heading markers, dates
and counts."""

from __future__ import annotations

# No count, amount or year in a report has more digits than this. A longer run is a crawler
# accident or hostile input: it is not a number for arithmetic (and Python's int() refuses
# more than 4,300 digits with an exception).
MAX_NUMBER_DIGITS = 15


def parse_int(digits: str) -> int | None:
    """A run of ASCII or other decimal digits as an int; None when it is not one or is longer
    than MAX_NUMBER_DIGITS. `isdecimal`, not `isdigit`: ① and ² are digits to Python but int()
    refuses them."""
    if not digits or len(digits) > MAX_NUMBER_DIGITS or not digits.isdecimal():
        return None
    return int(digits)


def parse_decimal(text: str) -> int | float | None:
    """`12`, `3.5` → a number; None for anything else or a run longer than MAX_NUMBER_DIGITS."""
    whole, dot, fraction = text.partition(".")
    value = parse_int(whole)
    if value is None or not dot:
        return value
    if not fraction or len(fraction) > MAX_NUMBER_DIGITS or not fraction.isdecimal():
        return None
    return float(f"{value}.{fraction}")


def shorten(text: str, limit: int = 24) -> str:
    """A quotable form of a run that may be enormous: `2030010249…9999（共4320个字符）`."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]}…{text[-keep // 2 :]}（共{len(text)}个字符）"


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
    if text.isdecimal():
        return parse_int(text)
    if len(text) > MAX_NUMBER_DIGITS:
        return None
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
    if not text or len(text) > 2 * MAX_NUMBER_DIGITS:
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
