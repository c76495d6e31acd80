"""Check kinds: one module per kind; a rule file picks a kind with `check:` and gives `params`.

A per-file kind is `run(analysis, params) -> Iterator[Hit]`. A batch kind (BATCH_CHECKS) is a
pair: `collect(analysis, params)` per file and `finish(collected, names, params)` per batch,
yielding (file index, hit). Kinds never set rule ids or severity; the engine stamps those from
the rule file (as yamllint's linter does). A rule's `params.max`, where its kind takes one, caps
its findings per file: the engine stops reading the kind's hits there (`pattern` also applies its
own default of 10 when the rule gives none).
"""

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import Any

from gxlint.checks import (
    agency,
    arithmetic,
    dates,
    lists,
    narrative,
    outline,
    parse_problems,
    patterns,
    shares,
    table_shape,
)

CHECKS = {
    "input": parse_problems.run_input,
    "parse_problems": parse_problems.run,
    "required_sections": outline.required_sections,
    "section_order": outline.section_order,
    "numbering_style": outline.numbering_style,
    "numbering_sequence": outline.numbering_sequence,
    "nonempty": outline.nonempty,
    "required_table": table_shape.required_table,
    "table_rows": table_shape.table_rows,
    "table_columns": table_shape.table_columns,
    "label_slips": table_shape.label_slips,
    "cell_values": table_shape.cell_values,
    "row_shape": table_shape.row_shape,
    "sum": arithmetic.sum_check,
    "balance": arithmetic.balance,
    "at_most": arithmetic.at_most,
    "narrative_vs_table": narrative.narrative_vs_table,
    "narrative_sum": narrative.narrative_sum,
    "percentage": narrative.percentage,
    "named_share": shares.named_share,
    "none_vs_table": narrative.none_vs_table,
    "year_agreement": dates.year_agreement,
    "calendar_period": dates.calendar_period,
    "signed_before_period_end": dates.signed_before_period_end,
    "deadline": dates.deadline,
    "published_after_deadline": dates.published_after_deadline,
    "self_named_year": dates.self_named_year,
    "early_as_of_date": dates.early_as_of_date,
    "dated_last_year": dates.dated_last_year,
    "pattern": patterns.pattern,
    "item_without_number": lists.item_without_number,
    "other_agency": agency.other_agency,
}


class _BatchKinds(Mapping[str, tuple[Callable[..., Any], Callable[..., Any]]]):
    """The batch kinds by name, each module imported when a batch first needs it: a one-file
    check never compares, and never pays for importing the comparisons."""

    def __init__(self, where: dict[str, tuple[str, str, str]]) -> None:
        self._where = where
        # looked up once per rule per file: import_module and two getattr each time were
        # 1.5% of a batch worker's time
        self._loaded: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {}

    def __getitem__(self, kind: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
        found = self._loaded.get(kind)
        if found is None:
            module, collect, finish = self._where[kind]
            loaded = import_module(module)
            found = self._loaded[kind] = getattr(loaded, collect), getattr(loaded, finish)
        return found

    def __contains__(self, kind: object) -> bool:
        return kind in self._where  # without importing (Mapping's would call __getitem__)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


BATCH_CHECKS = _BatchKinds(
    {
        "cross_file": ("gxlint.checks.cross_file", "collect", "finish"),
        "year_to_year": (
            "gxlint.checks.across_years",
            "collect_year_to_year",
            "finish_year_to_year",
        ),
        "repeated_prose": (
            "gxlint.checks.across_years",
            "collect_repeated_prose",
            "finish_repeated_prose",
        ),
    }
)
