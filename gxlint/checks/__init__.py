"""Check kinds: one module per kind; a rule file picks a kind with `check:` and gives `params`.

A per-file kind is `run(analysis, params) -> Iterator[Hit]`. A batch kind (BATCH_CHECKS) is a
pair: `collect(analysis, params)` per file and `finish(collected, names, params)` per batch,
yielding (file index, hit). Kinds never set rule ids or severity; the engine stamps those from
the rule file (as yamllint's linter does). A rule's `params.max`, where its kind takes one, caps
its findings per file: the engine stops reading the kind's hits there (`pattern` also applies its
own default of 10 when the rule gives none).
"""

from gxlint.checks import (
    across_years,
    agency,
    arithmetic,
    cross_file,
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

BATCH_CHECKS = {
    "cross_file": (cross_file.collect, cross_file.finish),
    "year_to_year": (across_years.collect_year_to_year, across_years.finish_year_to_year),
    "repeated_prose": (across_years.collect_repeated_prose, across_years.finish_repeated_prose),
}
