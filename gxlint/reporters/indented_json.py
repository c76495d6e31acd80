"""Indented JSON, byte for byte what `json.dumps(value, ensure_ascii=False, indent=n)` writes.

The standard library writes indented JSON with its pure-Python encoder (its C encoder knows no
indentation): a batch of a thousand reports spent half a second of the parent process there,
time the workers then waited for. Here each string is escaped by the C function json itself
uses and each container joined once; the layout and the escaping are json's own.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring  # the C escaper when available, as json.dumps uses
from typing import Any


def dumps(value: Any, indent: int = 2) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=indent)` writes it."""
    return _encode(value, "\n", " " * indent)


def _encode(value: Any, newline: str, step: str) -> str:
    """One value; `newline` is the line break and indentation of the level the value is at."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = newline + step
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{_key(k)}: {_encode(v, inner, step)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [_encode(v, inner, step) for v in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as json writes it: a string escaped; a number, boolean or None as the value
    would be written, in quotes."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, int | float):  # bool is an int
        return '"' + _encode(key, "", "") + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
