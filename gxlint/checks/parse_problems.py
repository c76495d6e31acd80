"""GX0xx: problems met while reading the report (tables whose cells cannot be separated)."""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit


def run_input(analysis, params) -> Iterator[Hit]:
    """Unreadable input is reported by the engine before any analysis; nothing to do here."""
    return iter(())


def run(analysis, params) -> Iterator[Hit]:
    wanted = params["problem"]
    for table in analysis.tables.values():
        for code, hit in table.problems:
            if code == wanted:
                yield hit
