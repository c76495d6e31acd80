"""A rule described for people, from its rule file alone: `gxlint explain`, the pages in
docs/rules/ and SARIF's per-rule help all say the same thing because they are made here.

`python -m gxlint.rule_docs docs/rules` writes one Markdown page per rule and an index; a test
checks that the committed pages equal what this module makes, so they never drift from the
rule files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from gxlint.engine import Rule, load_rules, runs_in
from gxlint.eras import builtin_templates


def eras_of(rule: Rule) -> str:
    """The eras a rule runs in: `2019,2021`, or 全部."""
    templates = builtin_templates().templates
    eras = sorted(t.id for t in templates if runs_in(rule, t))
    return "全部" if len(eras) == len(templates) else ",".join(eras)


def example_lines(example: Any) -> list[str]:
    """A rule example for people: its description, then the report it is run on (a short
    report in full, or the edits made to a sample report)."""
    if isinstance(example, str):
        return [example]
    lines = [example["desc"]]
    if "text" in example:
        lines += ["    " + line for line in example["text"].rstrip("\n").split("\n")]
    elif example.get("replace"):
        where = Path(example["base"]).name
        for old, new in example["replace"]:
            lines.append(f"    {where}：“{_clip(old)}” → “{_clip(new)}”")
    return lines


def _clip(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def markdown(rule: Rule) -> str:
    """The rule's page: title, severity, eras, basis, description, how to fix (in Chinese and
    English) and its two examples."""
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        rule.title,
        "",
        f"- 级别：{rule.severity.label}",
        f"- 适用格式：{eras_of(rule)}",
        f"- 依据：{rule.basis}",
        f"- English: {rule.title_en}",
        "",
    ]
    if rule.description:
        lines += [rule.description.strip(), ""]
    lines += ["## 如何修改", "", rule.fix, "", f"How to fix: {rule.fix_en}", ""]
    for kind, heading in (("fail", "有问题的例子"), ("pass", "正确的例子")):
        if kind not in rule.examples:
            continue
        first, *rest = example_lines(rule.examples[kind])
        lines += [f"## {heading}", "", first, ""]
        if rest:
            lines += ["```text", *(line[4:] for line in rest), "```", ""]
    return "\n".join(lines)


def index(rules: list[Rule]) -> str:
    """docs/rules/README.md: every rule with its level and title."""
    lines = [
        "# 规则一览",
        "",
        "由 `python -m gxlint.rule_docs docs/rules` 从 rules/ 生成，请勿手改。",
        "",
    ]
    lines += ["| 规则 | 级别 | 适用格式 | 标题 |", "|---|---|---|---|"]
    for rule in rules:
        title = rule.title.replace("|", "\\|")
        lines.append(
            f"| [{rule.id}]({rule.id}.md) | {rule.severity.label} | {eras_of(rule)} | {title} |"
        )
    return "\n".join(lines) + "\n"


def pages(rules: list[Rule]) -> dict[str, str]:
    """Every page by file name."""
    made = {f"{rule.id}.md": markdown(rule) for rule in rules}
    made["README.md"] = index(rules)
    return made


def main(argv: list[str]) -> int:
    """Write the pages into the folder named on the command line."""
    if len(argv) != 1:
        print("用法：python -m gxlint.rule_docs docs/rules", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages(load_rules()).items():
        (folder / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
