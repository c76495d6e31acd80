"""One place to read YAML: the C loader (libyaml) when PyYAML was built with it.

Rule and template files are read on every start; the pure-Python loader alone took most of a
one-report check's start-up time."""

from __future__ import annotations

from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader either way
