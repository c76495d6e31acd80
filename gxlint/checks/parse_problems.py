"""GX0xx: problems met while reading the report (tables whose cells cannot be separated)."""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit


def run_input(analysis, params) -> Iterator[Hit]:
    """Input problems of a file that could still be read (damaged bytes); unreadable input is
    reported by the engine before any analysis."""
    wanted = params.get("problem")
    for code, message, offset in analysis.doc.source.problems:
        if wanted is None or code == wanted:
            yield Hit(offset, offset + 1, {"message": message}, {})


def run(analysis, params) -> Iterator[Hit]:
    """Table-reading problems of the kinds the rule names (`problems:`)."""
    wanted = set(params["problems"])
    for table in analysis.tables.values():
        for hit in table.problems:
            if hit.args["problem"] in wanted:
                yield hit
