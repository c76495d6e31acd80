"""Data-driven rule cases: a report → the exact lines the rule flags. Each rule file's own
`examples` (fail and pass, shown by `gxlint explain`) are cases, and tests/cases/GXnnn.yaml holds
more of them.

A case is either `text:` (a whole report) or `base:` (a file in the repository) edited by
`replace:` pairs, each of which must occur exactly once, so a case states only its defect.
Only the rule under test runs. `expect:` lists the lines of its findings (null: whole report);
an empty list is a passing case. `options:` passes user settings (agency_type, deadline).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, lint_text
from formats import docx_with_created

from gxlint.analysis import CheckOptions
from gxlint.engine import lint_bytes

CASES_DIR = Path(__file__).parent / "cases"


def _rule_examples():
    """(rule id, kind, case) for every rule-file example that is a case."""
    from gxlint.engine import load_rules

    for rule in load_rules():
        for kind in ("fail", "pass"):
            example = rule.examples.get(kind)
            if isinstance(example, dict):
                yield rule.id, kind, example


def _cases():
    for rule, kind, case in _rule_examples():
        yield pytest.param(rule, case, id=f"{rule}_example_{kind}")
    for path in sorted(CASES_DIR.glob("GX*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        for name, case in data["cases"].items():
            yield pytest.param(rule, case, id=f"{rule}_{name}")


def build_text(case: dict) -> str:
    if "text" in case:
        return case["text"]
    text = (ROOT / case["base"]).read_text(encoding="utf-8")
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, f"replace target must occur once: {old!r}"
        text = text.replace(old, new)
    return text


def _lint_case(rule: str, case: dict, rules):
    """The case's report checked with only the rule under test (written into a .docx, with
    the creation date its properties record, when the case is `as_file: report.docx`)."""
    path = case.get("as_file", "report.txt")
    options = CheckOptions(**case.get("options", {}))
    if path.endswith(".docx"):
        data = docx_with_created(build_text(case), case.get("created"))
        return lint_bytes(data, path, rules, case.get("template"), {rule}, options)
    return lint_text(
        build_text(case),
        rules,
        select={rule},
        template=case.get("template"),
        path=path,
        options=options,
    )


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case, rules):
    result = _lint_case(rule, case, rules)
    got = [f.line for f in result.findings if f.rule == rule]
    expected = case["expect"]
    assert got == expected, "\n".join(f"{f.rule} {f.line}: {f.message}" for f in result.findings)
    for text in case.get("message_contains", []):
        assert any(text in f.message for f in result.findings), [f.message for f in result.findings]


def test_every_rule_example_is_executable(rules):
    """A rule's examples are report cases (its fail example flags the rule, its pass example
    does not: both run above), except where no report edit can show the rule: unreadable
    input (GX0 input kind) and rules that compare several files."""
    from gxlint.checks import BATCH_CHECKS

    prose = sorted(
        r.id for r in rules if any(isinstance(r.examples.get(k), str) for k in ("fail", "pass"))
    )
    allowed = sorted(r.id for r in rules if r.check == "input" or r.check in BATCH_CHECKS)
    assert prose == allowed
    for rule, kind, case in _rule_examples():
        assert bool(case["expect"]) == (kind == "fail"), (rule, kind)


def test_every_rule_has_pass_and_fail_cases(rules):
    have: dict[str, set[str]] = {}
    for rule, kind, _case in _rule_examples():
        have.setdefault(rule, set()).add(kind)
    for path in CASES_DIR.glob("GX*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds = have.setdefault(data["rule"], set())
        for case in data["cases"].values():
            kinds.add("fail" if case["expect"] else "pass")
    # input problems: tests/test_ingest.py; GX530 compares files: tests/test_cli_and_corpus.py
    engine_only = {"GX001", "GX002", "GX005", "GX006", "GX007", "GX008", "GX009", "GX530"}
    # across years (two reports of one agency): tests/test_series.py
    engine_only |= {"GX601", "GX602", "GX603", "GX604", "GX605", "GX606"}
    missing = {
        r.id: sorted({"pass", "fail"} - have.get(r.id, set()))
        for r in rules
        if r.id not in engine_only
    }
    assert {k: v for k, v in missing.items() if v} == {}


# What an English message may still hold in Chinese: what it quotes from the report (“…”), the
# documents it cites by their Chinese names, and the 其中/其他 and (七)-style labels of the
# tables, which are the report's words too.
_QUOTED_CJK = re.compile(
    r"“[^”]*”|\d{4}年(?=《)|《[^》]*》[^;)]*|国办公开办函〔\d+〕\d+号"
    r"|[（(][一二三四五六七][）)]|其中|其他|[一二三四]"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _english(text: str) -> bool:
    return not _CJK.search(_QUOTED_CJK.sub("", text))


def test_every_rule_has_its_english_and_its_fix(rules):
    """--lang en: each rule's title and message templates are English apart from what they
    quote, and every rule says how to fix it in both languages."""
    for rule in rules:
        templates = (
            rule.message_en.values() if isinstance(rule.message_en, dict) else [rule.message_en]
        )
        for template in [rule.title_en, *templates, rule.fix_en]:
            assert _english(template), (rule.id, template)
        assert _CJK.search(rule.fix), rule.id


@pytest.mark.parametrize(("rule", "case"), [c for c in _cases() if c.values[1]["expect"]])
def test_rule_case_in_english(rule, case, rules):
    """The failing cases again, read in English: every argument filled (no `{name}` left) and
    no Chinese the check made itself (a phrase such as 第12行 or 空白 written in Python)."""
    findings = [f for f in _lint_case(rule, case, rules).findings if f.rule == rule]
    assert findings
    for finding in findings:
        english = finding.in_lang("en").message
        assert english != finding.message, english
        assert not _PLACEHOLDER.search(english), english
        assert _english(english), english
