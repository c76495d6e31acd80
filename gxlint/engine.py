"""Rule loading (JSON-Schema-validated YAML, one rule per file) and running rules on a report."""

from __future__ import annotations

import bisect
import json
import os
import re
import stat
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxlint.analysis import CheckOptions
from gxlint.checks import BATCH_CHECKS, CHECKS
from gxlint.datacache import cached, defining_files
from gxlint.diagnose import ARITHMETIC_CHECKS, diagnosis_hit, find_fix
from gxlint.eras import Template, TemplateSet, builtin_templates
from gxlint.errors import InputError, RuleFileError
from gxlint.findings import Finding, Hit, Severity
from gxlint.i18n import Text, as_text, localise
from gxlint.ingest import read as read_input
from gxlint.kept import KeptById
from gxlint.limits import DEFAULT as DEFAULT_LIMITS
from gxlint.limits import MB, LimitExceeded, Limits, over
from gxlint.parse.numerals import shorten
from gxlint.parse.outline import parse_document
from gxlint.resources import data_dir
from gxlint.source import Source
from gxlint.template import analyse
from gxlint.yamlio import load_mapping

if TYPE_CHECKING:
    from gxlint.series import Identity


@dataclass
class Rule:
    """A validated rule file: what the engine runs and reporters describe."""

    id: str
    name: str
    title: str
    severity: Severity
    templates: set[str] | None
    basis: str
    check: str
    params: dict[str, Any]
    message: str | dict[str, str]  # a template, or one per `problem` the check reports
    path: Path
    description: str = ""
    # English (`--lang en`): the same templates with the same arguments
    title_en: str = ""
    message_en: str | dict[str, str] = ""
    fix: str = ""  # how to fix it, one sentence (explain, docs/rules)
    fix_en: str = ""
    capped_by_template: bool = True
    # {"fail": …, "pass": …}: a case (desc, base/text, replace, expect) run by the tests and
    # shown by explain, or prose for input and batch rules
    examples: dict[str, Any] = field(default_factory=dict)
    # the template tables the rule reads (from `table:` and `table:row@column` in its params):
    # it runs only where the report's template has them all
    tables: frozenset[str] = frozenset()
    # the rule file as read: a user's `rule-params` are validated against the schema with it
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def title_in(self, lang: str) -> str:
        """The title in `lang` (zh or en)."""
        return self.title_en if lang == "en" else self.title


@dataclass
class FileResult:
    """One file's outcome: template, year, findings, and what reporters and batch kinds need."""

    path: str
    template: str | None = None
    year: int | None = None
    why: str = ""
    why_en: str = ""  # `why` in English (--lang en)
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False
    source: Source | None = field(default=None, repr=False)  # for reporters' source snippets
    # what batch check kinds collected from this file, by rule id (their `finish` compares them)
    collected: dict[str, Any] = field(default_factory=dict, repr=False)
    # the reporting agency as series across years know it (GX6xx, --show-series)
    identity: Identity | None = field(default=None, repr=False)
    crashed: bool = False  # a rule raised (GX009): the check is incomplete
    traceback: str = field(default="", repr=False)  # shown with --debug

    @property
    def input_error(self) -> bool:
        """Exit code 2 for this file: it could not be read, only with damage (GX007), or not
        completely (GX008, GX009)."""
        return (
            self.unreadable
            or self.crashed
            or bool(self.source is not None and self.source.problems)
        )

    def to_dict(self) -> dict[str, Any]:
        """The file's entry in the JSON output (docs/output.md)."""
        return {
            "path": self.path,
            "template": self.template,
            "year": self.year,
            "template_reason": self.why,
            "findings": [f.to_dict() for f in self.findings],
        }


@cache
def _validator():
    """The rule schema's validator (jsonschema is imported only when a rule file is read)."""
    from jsonschema import Draft202012Validator

    # The schema itself is checked against the meta-schema by the test suite, not on every start.
    schema = json.loads((data_dir("rules") / "schema" / "rule.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def load_rule(path: Path) -> Rule:
    """Load and validate one rule file; an invalid file raises RuleFileError naming file and key."""
    data = load_mapping(path, _validator(), "规则文件", RuleFileError)
    if path.stem != data["id"]:
        raise RuleFileError(f"{path}: 键 id: 文件名应与规则编号一致（{data['id']}.yaml）")
    message, message_en = data["message"], data["message_en"]
    if isinstance(message, dict) != isinstance(message_en, dict) or (
        isinstance(message, dict) and set(message) != set(message_en)
    ):
        raise RuleFileError(f"{path}: 键 message_en: 应与 message 一一对应（同样的问题种类）")
    return Rule(
        id=data["id"],
        name=data["name"],
        title=data["title"],
        severity=Severity.parse(data["severity"]),
        templates=set(data["templates"]) if "templates" in data else None,
        basis=data["basis"],
        check=data["check"],
        params=data.get("params", {}),
        message=data["message"],
        path=path,
        description=_join_cjk(data.get("description", "")),
        title_en=data["title_en"],
        message_en=data["message_en"],
        fix=_join_cjk(data["fix"]),
        fix_en=" ".join(data["fix_en"].split()),
        capped_by_template=data.get("capped_by_template", True),
        examples=data.get("examples", {}),
        tables=frozenset(_tables_used(data.get("params", {}))),
        data=data,
    )


def with_params(rules: list[Rule], overrides: dict[str, dict[str, Any]]) -> list[Rule]:
    """The rules with a user's parameter values (`rule-params` in .gxlint.yaml) laid over their
    files' params, each result validated as the rule file would be (RuleFileError naming the
    rule and key when it is not valid)."""
    if not overrides:
        return rules
    by_id = {rule.id: rule for rule in rules}
    unknown = sorted(set(overrides) - set(by_id))
    if unknown:
        raise RuleFileError(f"rule-params: 没有这些规则：{'、'.join(unknown)}")
    changed = []
    for rule in rules:
        if rule.id not in overrides:
            changed.append(rule)
            continue
        params = {**rule.params, **overrides[rule.id]}
        data = {**rule.data, "params": params}
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            where = ".".join(str(p) for p in errors[0].absolute_path)
            raise RuleFileError(f"rule-params: {rule.id}: 键 {where}: {errors[0].message}")
        changed.append(replace(rule, params=params, data=data))
    return changed


_CELL_REF_RE = re.compile(r"^([a-z][a-z0-9_]*):[a-z]")


def _tables_used(params: Any) -> set[str]:
    """Table keys a rule's params name: `table: apply`, or cell references `apply:new@total`."""
    found: set[str] = set()
    if isinstance(params, dict):
        for key, value in params.items():
            if key == "table" and isinstance(value, str):
                found.add(value)
            else:
                found |= _tables_used(value)
    elif isinstance(params, list):
        for value in params:
            found |= _tables_used(value)
    elif isinstance(params, str):
        m = _CELL_REF_RE.match(params)
        if m:
            found.add(m.group(1))
    return found


def load_rules(directory: Path | None = None, eras: Iterable[str] | None = None) -> list[Rule]:
    """Every rule file under `directory` (default: the built-in rules), validated; `templates:`
    must name eras of `eras` (default: the built-in templates). The built-in rules come from
    the user cache once validated (datacache.py)."""
    if directory is None and eras is None:
        base = data_dir("rules")
        files = [
            *base.glob("GX*/GX*.yaml"),
            base / "schema" / "rule.schema.json",
            *defining_files(Rule, Severity),
        ]
        ids = builtin_templates().ids
        return cached("rules", files, lambda: _load_rules(base, ids), f"{base}|{ids}")
    return _load_rules(directory or data_dir("rules"), eras)


def _load_rules(base: Path, eras: Iterable[str] | None) -> list[Rule]:
    known = set(eras if eras is not None else builtin_templates().ids)
    rules = [load_rule(p) for p in sorted(base.glob("GX*/GX*.yaml"))]
    seen: dict[str, Path] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleFileError(f"{rule.path}: 键 id: 规则编号 {rule.id} 与 {seen[rule.id]} 重复")
        seen[rule.id] = rule.path
        unknown = sorted((rule.templates or set()) - known)
        if unknown:
            raise RuleFileError(
                f"{rule.path}: 键 templates: 没有格式 {'、'.join(unknown)}"
                f"（可用：{'、'.join(sorted(known))}）"
            )
    return rules


def _join_cjk(text: str) -> str:
    """YAML's folded strings join lines with a space; between Chinese characters it is wrong."""
    text = " ".join(text.split())
    return re.sub(
        r"(?<=[\u3000-\u9fff\uff00-\uffef“”])\s+(?=[\u3000-\u9fff\uff00-\uffef“”])", "", text
    )


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


MAX_ARG_CHARS = 200  # a message quotes the report; a quote is never longer than this


def _message_args(args: dict[str, Any], lang: str) -> _SafeDict:
    """Message arguments in `lang`, made safe to print on one line: no line breaks, no enormous
    quotes (a cell of 4,000 digits is quoted by its ends and its length)."""
    safe = _SafeDict()
    for key, value in args.items():
        value = localise(value, lang)
        if isinstance(value, str):
            value = shorten(" ".join(value.splitlines()), MAX_ARG_CHARS)
        safe[key] = value
    return safe


class _SectionTitles:
    """The title of the innermost section holding an offset, for locators in .docx/.html/.pdf.

    Sections at each level are in order and do not overlap, so the one holding an offset is
    found by bisection: a report with thousands of headings and thousands of findings costs
    findings × depth × log(sections), not findings × sections."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._starts: dict[int, list[int]] = {}

    def at(self, offset: int) -> str | None:
        doc = self.doc
        title, sections = None, doc.sections if doc is not None else []
        while sections:
            starts = self._starts.get(id(sections))
            if starts is None:
                starts = self._starts[id(sections)] = [s.start for s in sections]
            k = bisect.bisect_right(starts, offset) - 1
            if k < 0 or not sections[k].start <= offset < sections[k].end:
                break
            heading = sections[k].heading
            title = doc.source.text[heading.start : heading.end].strip()
            if len(title) > 24:
                title = title[:24] + "…"
            sections = sections[k].children
        return title


def _template(template: str | dict[str, str], hit: Hit) -> str:
    """The rule's message template for this hit (one per kind of problem, or one for all)."""
    return template[hit.args["problem"]] if isinstance(template, dict) else template


def _finding(
    rule: Rule,
    hit: Hit,
    source: Source | None,
    cap: Severity | None,
    titles: _SectionTitles | None = None,
) -> Finding:
    severity = rule.severity
    if cap is not None and rule.capped_by_template and severity > cap:
        severity = cap
    message, message_en = (
        _template(t, hit).format_map(_message_args(hit.args, lang))
        for t, lang in ((rule.message, "zh"), (rule.message_en, "en"))
    )
    finding = Finding(rule.id, severity, message, context=dict(hit.context), message_en=message_en)
    if source is not None and hit.start is not None:
        line, column = source.position(hit.start)
        end = hit.end if hit.end is not None and hit.end > hit.start else hit.start + 1
        end_line, end_column = source.position(end)
        finding.text_line, finding.text_column = line, column
        if source.locators is None:
            finding.line, finding.column = line, column
            finding.end_line, finding.end_column = end_line, end_column
        else:
            where = [source.locator(line) or ""]
            section = titles.at(hit.start) if titles is not None else None
            if section and section not in where[0]:
                where.insert(0, section)
            finding.context["locator"] = " · ".join(w for w in where if w)
    return finding


def row_identities(rules: list[Rule]) -> dict[str, list[dict]]:
    """The per-row sums the rules check (`check: sum`, `per: row`), by table key: the table
    reader uses them to choose among splits of digits that ran together, so an identity is
    written once, in its rule."""
    found: dict[str, list[dict]] = {}
    for rule in rules:
        if rule.check != "sum" or rule.params.get("per") != "row":
            continue
        identities = rule.params.get("identities") or [rule.params]
        found.setdefault(rule.params["table"], []).extend(
            {"sum": i["total"], "of": i["parts"]} for i in identities
        )
    return found


def runs_in(rule: Rule, template: Template) -> bool:
    """Whether the rule runs on reports of this era: its `templates:` (if any) include the era
    or one it extends, and the era's template has every table the rule reads."""
    if rule.templates is not None and rule.templates.isdisjoint(template.lineage):
        return False
    return rule.tables <= template.table_keys


def batch_rules(rules: list[Rule], select: set[str] | None) -> list[Rule]:
    """The selected rules whose kind compares the files of a batch."""
    return [r for r in rules if r.check in BATCH_CHECKS and (select is None or r.id in select)]


def batch_findings(
    results: list[FileResult], rules: list[Rule], history: list[FileResult] | None = None
) -> dict[int, list[Finding]]:
    """The batch kinds' second step over a finished batch: new findings by result index.

    `history` (--history) are earlier reports the batch is compared with and never reported on:
    findings go only to `results`."""
    every = results + (history or [])
    names = [r.path for r in every]
    found: dict[int, list[Finding]] = {}
    for rule in rules:
        if rule.check not in BATCH_CHECKS:
            continue
        _collect, finish = BATCH_CHECKS[rule.check]
        collected = [r.collected.get(rule.id) for r in every]
        for index, hit in finish(collected, names, rule.params):
            if index >= len(results):
                continue
            found.setdefault(index, []).append(_finding(rule, hit, results[index].source, None))
    for findings in found.values():
        findings.sort(key=Finding.sort_key)
    return found


def finish_batch(
    results: list[FileResult], rules: list[Rule], history: list[FileResult] | None = None
) -> None:
    """Run the batch kinds' second step over a finished batch; findings go to their files."""
    for index, findings in batch_findings(results, rules, history).items():
        results[index].findings.extend(findings)
        results[index].findings.sort(key=Finding.sort_key)


def lint_source(
    source: Source,
    rules: list[Rule],
    template: str | None = None,
    select: set[str] | None = None,
    options: CheckOptions | None = None,
    limits: Limits | None = None,
    templates: TemplateSet | None = None,
) -> FileResult:
    """Parse, bind to a template and run every applicable rule on a decoded report.

    A rule that raises does not end the file: its failure becomes a GX009 finding and the other
    rules still run (MemoryError is left to the caller, which reports the memory limit)."""
    try:
        analysis = _analysed(source, rules, template, options, limits, templates)
    except LimitExceeded as exc:
        return unreadable(source.path, exc.rule, exc.text)
    doc = analysis.doc
    result = FileResult(
        source.path,
        analysis.template.id,
        analysis.year,
        analysis.why.zh,
        why_en=analysis.why.en,
        source=source,
        # the agency, for the batch's series (GX6xx, --show-series); a lone file needs none
        identity=_identity(analysis) if analysis.options.batch else None,
    )
    cap = Severity.parse(analysis.template.severity)
    titles = _SectionTitles(doc)
    plan = _plan(rules, select, analysis.template)
    for rule, run, batch_kind in plan.steps:
        try:
            if batch_kind:
                if analysis.options.batch:  # compared with the other files once all are done
                    collect, _finish = BATCH_CHECKS[rule.check]
                    result.collected[rule.id] = collect(analysis, rule.params)
                continue
            check = run or CHECKS[rule.check]
            for hit in islice(check(analysis, rule.params), rule.params.get("max")):
                result.findings.append(_finding(rule, hit, source, cap, titles))
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not end the file
            result.findings.append(
                Finding(
                    "GX009",
                    Severity.ERROR,
                    f"规则 {rule.id} 检查时出错：{describe(exc)}",
                    message_en=f"rule {rule.id} failed: {describe(exc)}",
                )
            )
            result.crashed = True
            result.traceback += traceback.format_exc()
    if plan.diagnosis is not None:
        result.findings = _one_cell_diagnoses(
            analysis,
            plan.diagnosis,
            plan.arithmetic,
            plan.ran_ids,
            result.findings,
            source,
            cap,
            titles,
        )
    result.findings.sort(key=Finding.sort_key)
    return result


ONE_CELL_CHECK = "one_cell"


@dataclass
class _Plan:
    """What runs on a report of one template with one rule list and selection: worked out once
    and kept, not again for every file (a loop over every rule with its template, selection
    and kind lookups was 5% of a report's check)."""

    # (rule, its per-file kind, whether its kind is a batch kind), in rule order; a batch
    # kind's module is imported only when a batch runs it
    steps: list[tuple[Rule, Any, bool]]
    diagnosis: Rule | None  # the one_cell rule: runs after the identities it reads
    arithmetic: list[Rule]  # every identity the diagnosis reads, selected or not
    ran_ids: set[str]


_PLANS: KeptById[_Plan] = KeptById()


def _plan(rules: list[Rule], select: set[str] | None, template: Template) -> _Plan:
    """The plan for these rules, selection and template (kept; their sizes are compared too,
    though rule lists and selections are not changed once a check has begun)."""
    return _PLANS.get(
        (rules, select, template),
        lambda: _make_plan(rules, select, template),
        (len(rules), None if select is None else len(select)),
    )


def _make_plan(rules: list[Rule], select: set[str] | None, template: Template) -> _Plan:
    steps: list[tuple[Rule, Any, bool]] = []
    diagnosis = None
    for rule in rules:
        if select is not None and rule.id not in select:
            continue
        if not runs_in(rule, template):
            continue
        if rule.check == ONE_CELL_CHECK:
            diagnosis = rule
        else:
            steps.append((rule, CHECKS.get(rule.check), rule.check in BATCH_CHECKS))
    arithmetic = [r for r in rules if r.check in ARITHMETIC_CHECKS and runs_in(r, template)]
    return _Plan(steps, diagnosis, arithmetic, {r.id for r, _, _ in steps})


def _identity(analysis) -> Identity | None:
    """The agency for series across years; a failure to read it leaves the file unplaced
    (said by --show-series) rather than ending its check."""
    try:
        return analysis.identity
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - the name is a convenience, the checks must go on
        return None


def _one_cell_diagnoses(
    analysis,
    rule: Rule,
    arithmetic: list[Rule],
    shown: set[str],
    findings: list[Finding],
    source,
    cap,
    titles,
) -> list[Finding]:
    """Findings with the failing identities of a table replaced by one finding at the cell that
    explains them all, where there is exactly one such cell (gxlint/diagnose.py). Identities
    whose rules were not selected are checked here too (`--select GX230` alone still diagnoses)
    but never shown."""
    hidden = [
        _finding(r, hit, source, cap, titles)
        for r in arithmetic
        if r.id not in shown
        for hit in CHECKS[r.check](analysis, r.params)
    ]
    ids = {r.id for r in arithmetic}
    failing: dict[str, list[Finding]] = {}
    for f in [*findings, *hidden]:
        if f.rule in ids and "table" in f.context:
            failing.setdefault(f.context["table"], []).append(f)
    replaced: set[int] = set()
    added: list[Finding] = []
    for key, table_findings in failing.items():
        table = analysis.tables.get(key)
        checks = [r for r in arithmetic if r.params.get("table") == key]
        if table is None or len(table_findings) < 2:
            continue

        def passes(checks=checks) -> bool:
            return not any(any(True for _ in CHECKS[r.check](analysis, r.params)) for r in checks)

        try:
            fix = find_fix(table, table_findings, passes)
        except Exception:  # noqa: BLE001 - a diagnosis that fails leaves the findings as they are
            continue
        if fix is None:
            continue
        hit = diagnosis_hit(table, fix, table_findings)
        added.append(_finding(rule, hit, source, cap, titles))
        replaced.update(id(f) for f in table_findings)
    if not added:
        return findings
    return [f for f in findings if id(f) not in replaced] + added


def _analysed(
    source: Source,
    rules: list[Rule],
    template: str | None,
    options: CheckOptions | None,
    limits: Limits | None,
    templates: TemplateSet | None,
):
    """A decoded report parsed and bound to its template, within the text and table limits
    (LimitExceeded past one)."""
    limits = limits or DEFAULT_LIMITS
    _check_text_limits(source, limits)
    doc = parse_document(source)
    _check_table_limits(doc, limits)
    return analyse(doc, template, options, templates, row_identities(rules))


def describe(exc: BaseException) -> str:
    """An exception on one line: its type and the start of its message."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {shorten(text, 80)}" if text else type(exc).__name__


def _check_text_limits(source: Source, limits: Limits) -> None:
    if len(source.text) > limits.chars:
        raise over("chars", len(source.text), limits.chars)
    if len(source.line_starts) > limits.lines:
        raise over("lines", len(source.line_starts), limits.lines)


def _check_table_limits(doc, limits: Limits) -> None:
    if len(doc.tables) > limits.tables:
        raise over("tables", len(doc.tables), limits.tables)
    for table in doc.tables:
        cells = sum(len(row) for row in table.rows)
        if cells > limits.table_cells:
            raise over("table_cells", cells, limits.table_cells)


def lint_bytes(
    data: bytes,
    path: str,
    rules: list[Rule],
    template: str | None = None,
    select: set[str] | None = None,
    options: CheckOptions | None = None,
    limits: Limits | None = None,
    templates: TemplateSet | None = None,
) -> FileResult:
    """Check a file's bytes (any supported format) within `limits`; unreadable input is a result, not an exception."""
    limits = limits or DEFAULT_LIMITS
    try:
        if len(data) > limits.file_mb * MB:
            raise over("file_mb", None, limits.file_mb)
        source = read_input(data, path, limits)
    except InputError as exc:
        return unreadable(path, exc.rule, exc.text)
    return lint_source(source, rules, template, select, options, limits, templates)


def read_regular_file(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, or InputError: a FIFO, device or socket would block or
    never end, and a file over the size limit is refused before it is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = (
                Text("目录", "a directory")
                if stat.S_ISDIR(info.st_mode)
                else Text("命名管道、设备或套接字", "a pipe, device or socket")
            )
            raise InputError(
                "GX001",
                Text(
                    f"不是普通文件（{kind.zh}），未读取",
                    f"not a regular file ({kind.en}); not read",
                ),
            )
        if info.st_size > limits.file_mb * MB:
            raise over(
                "file_mb",
                info.st_size // MB,
                limits.file_mb,
                Text("报告通常为 10 KB–5 MB", "reports are usually 10 KB–5 MB"),
            )
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(limits.file_mb * MB + 1)
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(
            "GX001", Text(f"无法读取文件：{reason}", f"cannot read the file: {reason}")
        ) from None


def lint_path(
    path: Path,
    rules: list[Rule],
    template: str | None = None,
    select: set[str] | None = None,
    options: CheckOptions | None = None,
    limits: Limits | None = None,
    templates: TemplateSet | None = None,
) -> FileResult:
    """Check a file on disk: only a regular file within the size limit is read."""
    limits = limits or DEFAULT_LIMITS
    try:
        data = read_regular_file(path, limits)
    except InputError as exc:
        return unreadable(str(path), exc.rule, exc.text)
    return lint_bytes(data, str(path), rules, template, select, options, limits, templates)


def analyse_file(path: Path, rules: list[Rule], template: str | None = None):
    """A report read, parsed and bound to its template, as the checks see it (for `gxlint
    parse`), within the same limits; InputError (LimitExceeded too) when it cannot be."""
    source = read_input(read_regular_file(path, DEFAULT_LIMITS), str(path), DEFAULT_LIMITS)
    return _analysed(source, rules, template, None, DEFAULT_LIMITS, None)


def unreadable(path: str, rule: str, message: str | Text) -> FileResult:
    """The result of a file that could not be checked: one finding, exit code 2."""
    text = as_text(message)
    finding = Finding(rule, Severity.ERROR, text.zh, message_en=text.en)
    return FileResult(path, findings=[finding], unreadable=True)
