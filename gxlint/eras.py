"""Report formats (eras) as data: rules/templates/*.yaml and the table files they name.

Everything gxlint knows about an era is in its template file, validated against
rules/schema/template.schema.json (tables against table.schema.json): the report years it
covers, the labels that only its tables have (to recognise it when a report states no year),
its sections and tables, the most severe finding it allows, and the publication deadline by
agency type. A new era is a new file: it may `extends:` an existing one and rename rows
(`rename_rows`) or add tables (`add_tables`). Rows and rules that name eras (`eras:`,
`templates:`) apply to an era's whole lineage, so an era extending 2021 keeps 2021's rows and
rules.

Several directories can be loaded together (the built-in templates and a rule pack's); later
ones may extend earlier ones.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from gxlint.compact import compact
from gxlint.datacache import cached, defining_files
from gxlint.errors import RuleFileError
from gxlint.i18n import Text
from gxlint.resources import data_dir
from gxlint.yamlio import load_mapping


@dataclass(frozen=True)
class Deadline:
    """A publication deadline (month and day of the following year) and its legal basis."""

    month: int
    day: int
    basis: str


@dataclass(frozen=True)
class Template:
    """One era, resolved: its own data with what it extends filled in."""

    id: str
    name: str
    basis: str
    years: tuple[int, int | None]
    severity: str
    sections: list[dict[str, Any]]
    tables: list[dict[str, Any]]
    optional_tables: frozenset[str]
    markers: tuple[str, ...]
    default: bool
    deadlines: dict[str, Deadline]  # "department" | "government" → deadline
    lineage: tuple[str, ...]  # this id, then the ids it extends

    @cached_property
    def table_keys(self) -> frozenset[str]:
        """The keys of the tables this era's reports have (computed once per era)."""
        return frozenset(spec["key"] for spec in self.tables)

    def covers(self, year: int) -> bool:
        """Whether reports for `year` use this era."""
        first, last = self.years
        return first <= year and (last is None or year <= last)

    def years_text(self) -> Text:
        """The years for a message: `2008–2018`, `2021 年起`."""
        first, last = self.years
        if last is not None:
            return Text(f"{first}–{last}", f"{first}–{last}")
        return Text(f"{first} 年起", f"{first} onwards")


@dataclass(frozen=True)
class TemplateSet:
    """The eras available, newest first."""

    templates: tuple[Template, ...]

    @property
    def ids(self) -> list[str]:
        """Era ids, newest first."""
        return [t.id for t in self.templates]

    def get(self, era: str) -> Template:
        """The era with this id (KeyError if none)."""
        for template in self.templates:
            if template.id == era:
                return template
        raise KeyError(era)

    def for_year(self, year: int) -> Template:
        """The era covering `year`; before the first era, the oldest; else the default."""
        found = next((t for t in self.templates if t.covers(year)), None)
        if found is not None:
            return found
        oldest = min(self.templates, key=lambda t: t.years[0])
        return oldest if year < oldest.years[0] else self.default()

    def from_markers(self, text: str) -> Template | None:
        """The newest era one of whose marker labels is in `text` (compact form)."""
        for template in self.templates:
            if any(compact(marker) in text for marker in template.markers):
                return template
        return None

    def default(self) -> Template:
        """The era used when neither a year nor the tables tell."""
        return next((t for t in self.templates if t.default), self.templates[0])


def _schema(name: str):
    from jsonschema import Draft202012Validator  # only when a template file is read

    path = data_dir("rules") / "schema" / name
    return Draft202012Validator(json.loads(path.read_text("utf-8")))


@cache
def _validators():
    return _schema("template.schema.json"), _schema("table.schema.json")


def _read(path: Path, validator) -> dict[str, Any]:
    """A template or table file, validated; errors name the file and the key."""
    return load_mapping(path, validator, "模板文件", RuleFileError)


class _Resolver:
    """Builds each Template from its file and, through `extends:`, its parent's Template."""

    def __init__(self, raw: dict[str, dict], where: dict[str, Path], directories: list[Path]):
        self.raw, self.where, self.directories = raw, where, directories
        self.done: dict[str, Template] = {}

    def table(self, name: str, era: str) -> dict[str, Any]:
        for directory in reversed(self.directories):
            path = directory / "tables" / f"{name}.yaml"
            if path.is_file():
                return _read(path, _validators()[1])
        raise RuleFileError(f"{self.where[era]}: 键 tables: 没有表格文件 tables/{name}.yaml")

    def resolve(self, era: str, chain: tuple[str, ...] = ()) -> Template:
        if era in self.done:
            return self.done[era]
        data, where = self.raw[era], self.where[era]
        if era in chain:
            raise RuleFileError(f"{where}: 键 extends: 循环继承 {' → '.join((*chain, era))}")
        parent: Template | None = None
        if "extends" in data:
            if data["extends"] not in self.raw:
                raise RuleFileError(f"{where}: 键 extends: 没有格式 {data['extends']}")
            parent = self.resolve(data["extends"], (*chain, era))
        if "tables" in data or parent is None:
            tables = [self.table(name, era) for name in data.get("tables", [])]
        else:
            tables = list(parent.tables)
        tables += [self.table(name, era) for name in data.get("add_tables", [])]
        tables = _renamed(tables, data.get("rename_rows", {}), where)
        if "deadline" in data:
            deadlines = {
                kind: Deadline(int(d["date"][:2]), int(d["date"][3:]), d["basis"])
                for kind, d in data["deadline"].items()
            }
        elif parent is not None:
            deadlines = parent.deadlines
        else:
            raise RuleFileError(f"{where}: 键 deadline: 缺少公布期限")
        inherited = parent or _NO_PARENT
        template = Template(
            id=era,
            name=data["name"],
            basis=data["basis"],
            years=(data["years"][0], data["years"][1]),
            severity=data.get("severity", inherited.severity),
            sections=data.get("sections", inherited.sections),
            tables=tables,
            optional_tables=(
                frozenset(self.table(n, era)["key"] for n in data["optional_tables"])
                if "optional_tables" in data
                else inherited.optional_tables
            ),
            markers=tuple(data.get("markers", [])),  # never inherited: they tell eras apart
            default=bool(data.get("default", False)),
            deadlines=deadlines,
            lineage=(era, *(parent.lineage if parent else ())),
        )
        self.done[era] = template
        return template


_NO_PARENT = Template("", "", "", (0, None), "error", [], [], frozenset(), (), False, {}, ())


def _renamed(tables: list[dict], renames: dict[str, dict], where: Path) -> list[dict]:
    """Tables with rows relabelled (`rename_rows: {apply: {results.granted: {label: …}}}`)."""
    if not renames:
        return tables
    out = []
    for spec in tables:
        changes = renames.get(spec["key"], {})
        if changes:
            spec = copy.deepcopy(spec)
            known = {row["key"] for row in spec["rows"]}
            for key in set(changes) - known:
                raise RuleFileError(
                    f"{where}: 键 rename_rows/{spec['key']}/{key}: 表格中没有这一行"
                )
            for row in spec["rows"]:
                if row["key"] in changes:
                    row.update(changes[row["key"]])
        out.append(spec)
    return out


def load_template_set(directories: Iterable[Path]) -> TemplateSet:
    """Every template in `directories` (each holding *.yaml and tables/), newest first."""
    directories = list(directories)
    raw: dict[str, dict[str, Any]] = {}
    where: dict[str, Path] = {}
    for directory in directories:
        for path in sorted(directory.glob("*.yaml")):
            data = _read(path, _validators()[0])
            if path.stem != data["id"]:
                raise RuleFileError(f"{path}: 键 id: 文件名应与格式编号一致（{data['id']}.yaml）")
            raw[data["id"]], where[data["id"]] = data, path
    if not raw:
        raise RuleFileError(f"{directories}: 没有模板文件")
    resolver = _Resolver(raw, where, directories)
    templates = [resolver.resolve(era) for era in raw]
    templates.sort(key=lambda t: t.years[0], reverse=True)
    if sum(t.default for t in templates) > 1:
        raise RuleFileError(f"{directories}: 键 default: 只能有一个默认格式")
    return TemplateSet(tuple(templates))


@cache
def builtin_templates() -> TemplateSet:
    """The templates shipped in rules/templates (from the user cache once validated)."""
    folder = data_dir("rules") / "templates"
    schemas = data_dir("rules") / "schema"
    files = [
        *folder.rglob("*.yaml"),
        schemas / "template.schema.json",
        schemas / "table.schema.json",
        *defining_files(TemplateSet),
    ]
    return cached("templates", files, lambda: load_template_set([folder]), str(folder))
