"""Project settings in `.gxlint.yaml`, so a repository of reports (or a 政务公开办's pre-submit
hook) fixes its choices once instead of on every command line:

    select: [GX1, GX2, GX3]      # rule ids or prefixes (--select replaces, --extend-select adds)
    ignore: [GX520]              # (--ignore replaces, --extend-ignore adds)
    fail-level: warning
    agency-type: department
    lang: zh                     # en: rule messages and the text output in English
    deadline: "01-28"            # a local rule earlier than the statutory date
    template: auto
    jobs: 0
    limits: {seconds: 60, pdf-pages: 500}   # see README “Limits”
    extend-exclude: ["drafts/", "*.bak.txt"]  # more paths a folder walk skips (gitignore syntax)
    baseline: .gxlint-baseline.json          # accepted findings (gxlint check --write-baseline)
    per-file-ignores: {"reports/2010/*": [GX404]}
    history: [../archive]        # last years' reports, compared across years (GX6xx) only
    series-aliases: {平潭县交通局: 平潭综合实验区交通与建设局}  # renamed agencies: old → new
    rule-params: {GX605: {min_share: 0.6}}  # a rule's parameters (its file's params), validated

The file is found from the folder of the files being checked upward (stopping at a `.git`
directory), and may also be a `pyproject.toml` with a `[tool.gxlint]` table; `--config PATH`
names one. Command-line options win over the file. A bad file is a
usage error (exit 2) naming the file and the key, like a bad rule file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from gxlint.analysis import CheckOptions
from gxlint.datacache import cached
from gxlint.discover import DEFAULT_EXCLUDE
from gxlint.errors import GxlintError
from gxlint.limits import DEFAULT as DEFAULT_LIMITS
from gxlint.limits import Limits
from gxlint.yamlio import load_mapping, validate_mapping

CONFIG_NAMES = (".gxlint.yaml", ".gxlint.yml", "gxlint.yaml")
_IDS = {"type": "array", "items": {"type": "string", "pattern": "^[Gg][Xx][0-9]{0,3}$"}}
_GLOBS = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": _IDS,
        "ignore": _IDS,
        "extend-select": _IDS,
        "extend-ignore": _IDS,
        "fail-level": {"enum": ["error", "warning", "info", "none"]},
        "agency-type": {"enum": ["auto", "department", "government"]},
        "lang": {"enum": ["zh", "en"]},
        "deadline": {"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"},
        "template": {"type": "string", "minLength": 1},  # auto or an era: checked in resolve
        "jobs": {"type": "integer", "minimum": 0},
        "exclude": _GLOBS,
        "baseline": {"type": "string", "minLength": 1},
        "per-file-ignores": {"type": "object", "additionalProperties": _IDS},
        "extend-exclude": _GLOBS,
        "history": _GLOBS,
        "rule-params": {
            "type": "object",
            "propertyNames": {"pattern": "^GX[0-9]{3}$"},
            "additionalProperties": {"type": "object"},
        },
        "series-aliases": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "limits": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                f.name.replace("_", "-"): {
                    "type": "number" if f.type == "float" else "integer",
                    "exclusiveMinimum": 0,
                }
                for f in fields(Limits)
            },
        },
    },
}


class ConfigError(GxlintError):
    """An invalid `.gxlint.yaml`: names the file and the key (exit 2)."""

    pass


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from `start` upward, stopping at a repository root: a
    `.gxlint.yaml` (or `.gxlint.yml`, `gxlint.yaml`), or a `pyproject.toml` with a
    `[tool.gxlint]` table."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_gxlint_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            break
    return None


def _has_gxlint_table(path: Path) -> bool:
    try:
        return "gxlint" in _toml(path).get("tool", {})
    except ConfigError:
        return False


def _toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            raise ConfigError(f"{path}: 读取 pyproject.toml 需要 Python 3.11 或 tomli") from None
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc}") from None


def load_config(path: Path) -> dict[str, Any]:
    """A config file's settings, validated against SCHEMA (once per content of the file: the
    result is kept in the user cache, datacache.py)."""
    try:
        where = str(path.resolve())
        return cached("config", [path], lambda: _load_config(path), where)
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc.strerror or exc}") from None


def _load_config(path: Path) -> dict[str, Any]:
    from jsonschema import Draft202012Validator  # only when a configuration is read afresh

    if path.name == "pyproject.toml":
        table = _toml(path).get("tool", {}).get("gxlint", {})
        data = validate_mapping(
            table, path, Draft202012Validator(SCHEMA), "[tool.gxlint]", ConfigError
        )
    else:
        data = load_mapping(
            path, Draft202012Validator(SCHEMA), "配置文件", ConfigError, empty_ok=True
        )
    if "baseline" in data:  # a path in a config file is relative to that file, as in ruff
        data["baseline"] = str(path.parent / data["baseline"])
    if "history" in data:
        data["history"] = [str(path.parent / p) for p in data["history"]]
    if "deadline" in data and not valid_month_day(data["deadline"]):
        raise ConfigError(f"{path}: 键 deadline: “{data['deadline']}”不是有效的月-日")
    return data


def valid_month_day(text: str) -> bool:
    """`MM-DD` that exists in every year (for --deadline)."""
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2001, month, day)
    except ValueError:
        return False
    return True


def expand_selectors(selectors: list[str], rule_ids: list[str]) -> tuple[set[str], list[str]]:
    """Rule ids matched by ids or prefixes (`GX3` → GX301…GX306), and selectors matching none."""
    chosen: set[str] = set()
    unknown = []
    for raw in selectors:
        prefix = raw.strip().upper()
        if not prefix:
            continue
        matched = {r for r in rule_ids if r.startswith(prefix)}
        if not matched:
            unknown.append(prefix)
        chosen |= matched
    return chosen, unknown


class UsageError(GxlintError):
    """A bad option value (exit 2)."""


@dataclass
class Settings:
    """Everything `gxlint check` runs with, after the command line and the config file meet."""

    template: str | None  # None: auto
    selected: set[str] | None  # None: every rule
    fail_level: str
    jobs: int
    lang: str = "zh"
    options: CheckOptions = field(default_factory=CheckOptions)
    limits: Limits = DEFAULT_LIMITS
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    baseline: Path | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # last years' reports (--history)
    rule_params: dict[str, dict] = field(default_factory=dict)  # rule id → params laid over


def resolve(
    cli: dict[str, Any], config: dict[str, Any], rule_ids: list[str], eras: list[str]
) -> Settings:
    """Command-line values (None when not given) over config-file values over defaults;
    `eras` are the template ids `template` may name."""

    def pick(key: str, default: Any) -> Any:
        value = cli.get(key)
        return value if value is not None else config.get(key, default)

    deadline = pick("deadline", "") or None
    if deadline and not valid_month_day(deadline):
        raise UsageError(f"--deadline 应为 MM-DD，如 01-31，而不是“{deadline}”")
    options = CheckOptions(
        agency_type=pick("agency-type", "auto"),
        deadline=deadline,
        series_aliases=tuple(sorted(config.get("series-aliases", {}).items())),
    )
    # ruff's meaning: --select/--ignore replace the config's lists, extend-* add to them
    select = cli["select"] if cli.get("select") is not None else config.get("select")
    extra = [*config.get("extend-select", []), *(cli.get("extend-select") or [])]
    if select and extra:  # with no select every rule runs already
        select = [*select, *extra]
    ignore = cli["ignore"] if cli.get("ignore") is not None else config.get("ignore", [])
    ignore = [*ignore, *config.get("extend-ignore", []), *(cli.get("extend-ignore") or [])]
    chosen, unknown = expand_selectors(select or ["GX"], rule_ids)
    ignored, unknown_ignored = expand_selectors(ignore, rule_ids)
    if unknown or unknown_ignored:
        missing = "、".join(unknown + unknown_ignored)
        raise UsageError(f"没有这些规则：{missing}（gxlint rules 列出全部规则）")
    template = str(pick("template", "auto"))
    if template not in ("auto", *eras):
        raise UsageError(f"没有格式“{template}”（可用：auto、{'、'.join(eras)}）")
    return Settings(
        template=None if template == "auto" else template,
        selected=(chosen - ignored) if (select or ignored) else None,
        fail_level=pick("fail-level", "error"),
        jobs=pick("jobs", 0),
        lang=pick("lang", "zh"),
        options=options,
        limits=DEFAULT_LIMITS.updated(config.get("limits", {})),
        baseline=Path(config["baseline"]) if config.get("baseline") else None,
        per_file_ignores=dict(config.get("per-file-ignores", {})),
        history=list(config.get("history", [])),
        rule_params=dict(config.get("rule-params", {})),
        exclude=list(pick("exclude", DEFAULT_EXCLUDE))
        + list(config.get("extend-exclude", []))
        + list(cli.get("extend-exclude") or []),
    )
