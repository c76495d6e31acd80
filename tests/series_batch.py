"""A synthetic batch of reports as the cross-year step sees it: what each GX6xx rule collected
from three real reports, copied for many agencies and years (each copy its own objects, as
workers' results are). Shared by tests/test_scaling.py and bench/series.py."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from gxlint.checks import BATCH_CHECKS
from gxlint.engine import analyse_file, load_rules
from gxlint.series import Identity

SERIES = Path(__file__).parent / "series"
BASES = [
    SERIES / "consistent" / "jtj_2022.txt",
    SERIES / "effective_jump" / "jtj_2023.txt",
    SERIES / "effective_jump" / "jtj_2024.txt",
]
YEARS = 5  # each synthetic agency reports for five consecutive years


def cross_year_rules():
    """The rules of the cross-year step (GX6xx)."""
    return [r for r in load_rules() if r.id.startswith("GX6")]


def base_collected(rules) -> list[dict]:
    """What every GX6xx rule collects from each of the three real reports, by rule id."""
    analyses = [analyse_file(path, rules) for path in BASES]
    return [
        {rule.id: BATCH_CHECKS[rule.check][0](analysis, rule.params) for rule in rules}
        for analysis in analyses
    ]


def synthetic_batch(n: int, bases: list[dict]) -> list[dict]:
    """`n` reports: agency k // YEARS reporting for year 2020 + k % YEARS, each collected entry
    a deep copy of a real one with its agency and year replaced."""
    batch = []
    for k in range(n):
        agency, year = divmod(k, YEARS)
        who = Identity(f"测试{agency}县", "交通局", f"测试{agency}县交通局", "落款")
        # one deep copy per report keeps what its rules share shared (GX605 and GX606 hold one
        # list of sentences), as pickling a worker's result does
        copied = copy.deepcopy(bases[year % len(bases)])
        batch.append(
            {
                rule_id: replace(entry, identity=who, year=2020 + year)
                for rule_id, entry in copied.items()
            }
        )
    return batch
