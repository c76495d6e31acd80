"""Locate the data directories (rules/, grammar/) whether gxlint is installed or run from a checkout.

In a wheel they are copied into the package (see pyproject's force-include); in a source
checkout or an editable install they sit at the repository root, one level above the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory holding `name` ("rules" or "grammar")."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gxlint data directory {name!r} not found next to {_PACKAGE_DIR}")
