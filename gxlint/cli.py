"""The `gxlint` command line (typer)."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from gxlint import __version__
from gxlint.baseline import Baseline, BaselineError
from gxlint.baseline import write as write_baseline_file
from gxlint.cli_help import ChineseCommand, ChineseGroup, is_usage_error, report_usage_error
from gxlint.config import ConfigError, UsageError, find_config, load_config, resolve
from gxlint.discover import RealPaths, discover
from gxlint.engine import (
    FileResult,
    batch_findings,
    batch_rules,
    finish_batch,
    load_rules,
    unreadable,
    with_params,
)
from gxlint.eras import builtin_templates
from gxlint.errors import GxlintError
from gxlint.findings import Severity
from gxlint.guard import Job, check_files, default_jobs
from gxlint.hierarchy import NearestSettings, per_file_filters
from gxlint.i18n import Text
from gxlint.ingest import CONVERTIBLE_SUFFIXES, READABLE_SUFFIXES
from gxlint.limits import MB
from gxlint.rule_docs import eras_of, example_lines

app = typer.Typer(
    cls=ChineseGroup,
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=True,
    help="gxlint：政府信息公开工作年度报告合规检查工具。检查章节、表格勾稽关系等，发布前发现问题。",
)


class OutputFormat(str, Enum):
    """`--format` choices."""

    text = "text"
    json = "json"
    html = "html"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"
    junit = "junit"


class ExtractFormat(str, Enum):
    """`gxlint extract --format` choices."""

    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"


class AgencyType(str, Enum):
    """`--agency-type` choices: which statutory deadline applies."""

    auto = "auto"
    department = "department"
    government = "government"


class ColorChoice(str, Enum):
    """`--color` choices."""

    auto = "auto"
    always = "always"
    never = "never"


class Lang(str, Enum):
    """`--lang` choices."""

    zh = "zh"
    en = "en"


_LANG_HELP = "语言：zh 中文（默认），en 英文（规则的标题、说明和文本输出）。"


class FailLevel(str, Enum):
    """`--fail-level` choices."""

    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gxlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本并退出。"
    ),
) -> None:
    """gxlint：政府信息公开工作年度报告合规检查工具。"""


def _expand(
    paths: list[str], exclude: list[str], force_exclude: bool, real: RealPaths | None = None
) -> tuple[list[Path | str], list[FileResult]]:
    """Files to check (discover.py) and, as results, the paths that could not be used."""
    found = discover(paths, READABLE_SUFFIXES + CONVERTIBLE_SUFFIXES, exclude, force_exclude, real)
    problems = [
        unreadable(raw, "GX001", Text("文件不存在", "no such file")) for raw in found.missing
    ]
    problems += [
        unreadable(
            raw,
            "GX001",
            Text(
                "目录中没有报告文件（.txt、.docx、.html、.pdf）",
                "no report files (.txt, .docx, .html, .pdf) in the folder",
            ),
        )
        for raw in found.empty_folders
    ]
    return found.files, problems


@app.command(cls=ChineseCommand)
def check(
    paths: list[str] = typer.Argument(
        ...,
        metavar="路径...",
        help="报告文件或目录：.txt、.docx、.html/.htm、.pdf（目录递归检查）；“-” 表示标准输入。",
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text,
        "--format",
        "-f",
        help="输出格式：text 终端阅读，json（格式见 docs/output.md），html（一个网页：原文中标出问题，供审阅），github（Actions 注释），gitlab（GitLab 代码质量报告），sarif（代码扫描），junit（CI 测试报告）。",
    ),
    template: str | None = typer.Option(
        None,
        "--template",
        "-t",
        metavar="auto|<格式>",
        help="使用的报告格式：auto（默认）按报告年度自动判断，或 rules/templates 中的格式编号，如 2021。",
    ),
    fail_level: FailLevel | None = typer.Option(
        None, "--fail-level", help="达到该级别的问题使退出码为 1（默认 error）。"
    ),
    select: list[str] | None = typer.Option(
        None,
        "--select",
        metavar="规则",
        help="只运行这些规则（代替配置文件的 select），可重复或逗号分隔，可用前缀：GX211,GX3。",
    ),
    ignore: list[str] | None = typer.Option(
        None,
        "--ignore",
        metavar="规则",
        help="不运行这些规则（代替配置文件的 ignore），可重复或逗号分隔，可用前缀：GX520,GX5。",
    ),
    extend_select: list[str] | None = typer.Option(
        None, "--extend-select", metavar="规则", help="在配置文件的 select 之外再运行这些规则。"
    ),
    extend_ignore: list[str] | None = typer.Option(
        None, "--extend-ignore", metavar="规则", help="在配置文件的 ignore 之外再不运行这些规则。"
    ),
    statistics: bool = typer.Option(False, "--statistics", help="文本输出末尾按规则统计问题数。"),
    no_source: bool = typer.Option(False, "--no-source", help="文本输出不显示原文片段。"),
    config: Path | None = typer.Option(
        None,
        "--config",
        metavar="文件",
        help="用于全部文件的配置文件（默认每个文件用离它最近的 .gxlint.yaml 或"
        " pyproject.toml [tool.gxlint]，从文件所在目录向上找）。",
    ),
    stdin_filename: str = typer.Option(
        "<stdin>", "--stdin-filename", metavar="名称", help="标准输入在输出中显示的文件名。"
    ),
    agency_type: AgencyType | None = typer.Option(
        None,
        "--agency-type",
        help="报告机关类型，决定公布期限：department 政府部门（1月31日前），"
        "government 人民政府本级（3月31日前）；auto 按落款或标题判断。",
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="N",
        min=0,
        help="并行进程数；0 为自动（16 个文件以上按 CPU 核数并行）。",
    ),
    deadline: str | None = typer.Option(
        None,
        "--deadline",
        metavar="MM-DD",
        help="按本地规定的公布期限（次年的月-日）检查，代替《条例》的法定期限，如 01-28。",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="检查出错（GX009）时在标准错误输出中显示详细的出错位置。"
    ),
    exclude: list[str] | None = typer.Option(
        None,
        "--exclude",
        metavar="模式",
        help="遍历目录时跳过的路径（gitignore 写法，可重复或逗号分隔），代替默认列表"
        "（隐藏目录、node_modules、Office 锁定文件 ~$*）。",
    ),
    extend_exclude: list[str] | None = typer.Option(
        None, "--extend-exclude", metavar="模式", help="在默认或配置的跳过列表之外再跳过这些路径。"
    ),
    force_exclude: bool = typer.Option(
        False,
        "--force-exclude",
        help="命令行直接给出的文件也按跳过列表处理（pre-commit 用）。",
    ),
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        metavar="文件",
        help="只报告基线文件中没有的问题（已接受的问题不再报告，新问题照常报告）。",
    ),
    write_baseline: Path | None = typer.Option(
        None,
        "--write-baseline",
        metavar="文件",
        help="把这次发现的全部问题写入基线文件并以 0 退出（接受现有问题）。",
    ),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="有问题时也以 0 退出（文件无法读取时仍为 2）。"
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="只输出问题：不列出没有问题的文件，不输出汇总。"
    ),
    output_file: Path | None = typer.Option(
        None, "--output-file", "-o", metavar="文件", help="把结果写入文件而不是标准输出。"
    ),
    color: ColorChoice = typer.Option(
        ColorChoice.auto,
        "--color",
        help="颜色：auto（终端中着色；设置 NO_COLOR 时不着色）、always、never。",
    ),
    show_settings: bool = typer.Option(
        False, "--show-settings", help="显示使用的配置文件和生效的设置，不检查。"
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=_LANG_HELP),
    history: list[str] | None = typer.Option(
        None,
        "--history",
        metavar="目录",
        help="往年报告所在的文件或目录（可重复）：只用于跨年度比较（GX6xx），不检查、不报告。",
    ),
    show_series: bool = typer.Option(
        False,
        "--show-series",
        help="显示各报告归入的机关系列（机关、年度）和无法归入的报告，不输出检查结果。",
    ),
) -> None:
    """检查年度报告。退出码：0 无问题，1 有达到 --fail-level 的问题，2 用法错误或文件无法读取。"""
    err = Console(stderr=True, soft_wrap=True)
    try:
        config_path = config if config is not None else find_config(_start_folder(paths))
    except OSError:
        config_path = None
    if sys.stdout is None:  # started with stdout closed (`>&-`): nowhere to report to
        err.print("[red]无法输出结果[/red]：标准输出已关闭", highlight=False)
        raise typer.Exit(2)
    try:
        rules = load_rules()
    except GxlintError as exc:
        err.print(f"[red]规则文件错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None
    cli_values = {
        "template": template,
        "agency-type": agency_type.value if agency_type else None,
        "deadline": deadline,
        "select": _split(select),
        "ignore": _split(ignore),
        "extend-select": _split(extend_select),
        "extend-ignore": _split(extend_ignore),
        "fail-level": fail_level.value if fail_level else None,
        "jobs": jobs,
        "lang": lang.value if lang else None,
        "exclude": _split(exclude),
        "extend-exclude": _split(extend_exclude),
    }
    rule_ids, eras = [r.id for r in rules], builtin_templates().ids
    try:
        settings = resolve(cli_values, _config_file(config_path), rule_ids, eras)
    except ConfigError as exc:
        err.print(f"[red]配置文件错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None
    except UsageError as exc:
        err.print(f"[red]参数错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None
    try:
        rules = with_params(rules, settings.rule_params)
    except GxlintError as exc:
        err.print(f"[red]配置文件错误[/red]：{config_path}: {exc}", highlight=False)
        raise typer.Exit(2) from None
    if show_settings:
        _show_settings(config_path, settings)
        raise typer.Exit(0)
    real = RealPaths()  # every file is resolved three times below: its folder only once
    files, problems = _expand(paths, settings.exclude, force_exclude, real)
    history_paths = [*(history or []), *settings.history]
    history_files, history_problems = (
        _expand(history_paths, settings.exclude, False, real) if history_paths else ([], [])
    )
    if history_files:
        checked_paths = {real(f) for f in _paths_only(files)}
        history_files = [f for f in history_files if real(Path(f)) not in checked_paths]
    for problem in history_problems:
        err.print(f"[red]--history[/red]：{problem.path}：{problem.findings[0].message}")
    if history_problems:
        raise typer.Exit(2)
    compared = len(files) + len(history_files)
    batch = batch_rules(rules, settings.selected) if compared > 1 or show_series else []
    # each file is checked with its closest configuration unless --config names one for all
    nearest = NearestSettings(cli_values, rule_ids, eras, config_path, settings, real)
    try:
        others = {} if config is not None else nearest.differing(_paths_only(files))
    except ConfigError as exc:
        err.print(f"[red]配置文件错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None
    job = _job(rules, settings, bool(batch))
    job.per_file = {path: _job(rules, s, bool(batch)) for path, (_c, s) in others.items()}
    n_jobs = settings.jobs if settings.jobs > 0 else default_jobs(compared)
    # last years' reports are read only for what the batch kinds compare
    history_job = replace(job, select={r.id for r in batch}, per_file={})
    earlier = list(check_files(_paths_only(history_files), history_job, n_jobs))
    results = _results(files, problems, job, stdin_filename, n_jobs)
    if show_series:
        _print_series(list(results), earlier, settings.lang)
        raise typer.Exit(0)
    stream = _open_output(output_file, err)
    console = _console(stream, color) if output_format == OutputFormat.text else None
    if not quiet and err.is_terminal:  # a progress bar while files are checked
        results = _with_progress(results, len(files) + len(problems), console, err)
    # text output streams each file as it is done; a batch check's findings come at the end
    streaming = console is not None and write_baseline is None
    collected: list[FileResult] = []
    if batch and streaming:
        results = _keeping(results, collected)
    elif batch:  # one document, or a baseline: wait for every file, then add the batch findings
        results = list(results)
        finish_batch(results, batch, earlier)
    if write_baseline is not None:
        _write_baseline(write_baseline, list(results), err)
    accepted = _accepted(baseline or settings.baseline, err)
    ignores_for = per_file_filters((config_path, settings), others)
    input_error = fail = False
    level = None if settings.fail_level == "none" else Severity.parse(settings.fail_level)

    def watch(stream):
        nonlocal input_error, fail
        for result in stream:
            for accept in accepted:
                accept.filter(result)
            per_file = ignores_for(result.path)
            if per_file is not None:
                per_file.filter(result)
            if settings.lang == "en":  # baselines and ignores matched the Chinese message
                result.findings = [f.in_lang("en") for f in result.findings]
                result.why = result.why_en or result.why
            input_error |= result.input_error
            if level is not None:
                fail |= any(f.severity >= level for f in result.findings)
            if debug and result.traceback:
                err.print(f"{result.path}:\n{result.traceback}", highlight=False, markup=False)
            yield result

    try:
        if console is not None:
            from gxlint.reporters.text_reporter import render

            render(
                watch(results),
                console,
                show_source=not no_source,
                statistics={r.id: r.title_in(settings.lang) for r in rules} if statistics else None,
                quiet=quiet,
                late=(lambda: watch(_late_results(collected, batch, earlier))) if batch else None,
                lang=settings.lang,
            )
        else:
            from gxlint.reporters import render_document

            checked = list(watch(results))
            out = render_document(output_format.value, checked, rules, level, settings.lang)
            stream.write(out + ("\n" if out else ""))
            if output_format == OutputFormat.github:
                _github_step_summary(checked)
        stream.flush()
        if stream is not sys.stdout:
            stream.close()
    except OSError as exc:  # a full disk, a closed pipe: say so once, not with a traceback
        _output_failed(exc, err)
    for accept in accepted:
        if isinstance(accept, Baseline) and accept.stale():
            err.print(
                f"基线中有 {accept.stale()} 条已接受的问题这次没有出现"
                "（已修正？用 --write-baseline 重写基线）",
                highlight=False,
            )
    if input_error:
        raise typer.Exit(2)
    if fail and not exit_zero:
        raise typer.Exit(1)


def _output_failed(exc: OSError, err: Console) -> NoReturn:
    """A full disk or a closed pipe while writing results: said once, exit 2."""
    _silence_stdout()
    reason = "读取端已关闭" if isinstance(exc, BrokenPipeError) else (exc.strerror or str(exc))
    err.print(f"[red]无法输出结果[/red]：{reason}", highlight=False)
    raise typer.Exit(2) from None


def _require_known_template(template: str | None, err: Console) -> None:
    """`--template` names auto or a built-in era; anything else is a usage error (exit 2)."""
    if template not in (None, "auto", *builtin_templates().ids):
        err.print(f"[red]参数错误[/red]：没有格式“{template}”", highlight=False)
        raise typer.Exit(2)


def _keeping(results, kept: list):
    """Pass results through, keeping each for the batch checks run after the last one."""
    for result in results:
        kept.append(result)
        yield result


def _late_results(results: list[FileResult], batch, history) -> list[FileResult]:
    """The batch checks' findings, as one result per file that has some (the file's own
    findings were printed already)."""
    found = batch_findings(results, batch, history)
    return [replace(results[i], findings=found[i]) for i in sorted(found)]


def _print_series(results: list[FileResult], history: list[FileResult], lang: str) -> None:
    """--show-series: each agency's reports by year, then the reports that could not be placed."""
    from gxlint.series import Member, group

    every = results + history
    members = [
        Member(i, r.identity, r.year, history=i >= len(results))
        for i, r in enumerate(every)
        if not r.unreadable
    ]
    grouping = group(members)
    out = Console(highlight=False, soft_wrap=True)
    en = lang == "en"
    for one in grouping.series:
        count = sum(len(m) for m in one.by_year.values())
        out.print(
            f"{one.label or '?'}" + (f" ({count} reports)" if en else f"（{count} 份）"),
            markup=False,
        )
        for year in sorted(one.by_year):
            for m in one.by_year[year]:
                notes = []
                if m.history:
                    notes.append("history" if en else "往年，只作比较")
                if len(one.by_year[year]) > 1:
                    notes.append(
                        "several for this year: not compared" if en else "同年有多份，不比较"
                    )
                name = m.identity.name if m.identity else ""
                extra = f"  [{', '.join(notes)}]" if en else f"  （{'；'.join(notes)}）"
                out.print(
                    f"  {year}  {every[m.index].path}  {name}" + (extra if notes else ""),
                    markup=False,
                )
    if grouping.unplaced:
        title = "Not placed" if en else "无法归入系列"
        out.print(
            f"{title}（{len(grouping.unplaced)}）"
            if not en
            else f"{title} ({len(grouping.unplaced)})"
        )
        for m, why in grouping.unplaced:
            out.print(f"  {every[m.index].path}：{why.en if en else why.zh}", markup=False)


def _with_progress(results, total: int, console: Console | None, err: Console):
    """Results passed through while a progress bar counts them on the terminal: drawn by the
    text output's console when that is the terminal too (its lines then print above the bar),
    else on stderr. Removed when the last file is done."""
    if total < 2:
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    shown_on = console if console is not None and console.is_terminal else err
    with Progress(
        "检查中",
        BarColumn(),
        MofNCompleteColumn(),
        "个文件",
        TimeElapsedColumn(),
        console=shown_on,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)
        for result in results:
            yield result
            progress.advance(task)


def _open_output(path: Path | None, err: Console):
    """Standard output, or the `--output-file` (a clear message and exit 2 if it cannot be
    opened)."""
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]无法写入输出文件[/red]：{path}：{exc.strerror or exc}", highlight=False)
        raise typer.Exit(2) from None


def _console(stream, color: ColorChoice) -> Console:
    """The text output's console: colours as `--color` says (rich honours NO_COLOR itself)."""
    if color == ColorChoice.always:
        return Console(file=stream, highlight=False, force_terminal=True)
    if color == ColorChoice.never:
        return Console(file=stream, highlight=False, no_color=True, color_system=None)
    return Console(file=stream, highlight=False)


def _github_step_summary(results: list[FileResult]) -> None:
    """Append every finding to the job summary when running in GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from gxlint.reporters.github_reporter import summary

    with open(target, "a", encoding="utf-8") as handle:
        handle.write(summary(results))


def _write_baseline(path: Path, results: list[FileResult], err: Console) -> None:
    try:
        count = write_baseline_file(path, results)
    except BaselineError as exc:
        err.print(f"[red]基线错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None
    err.print(f"已把 {count} 个问题写入基线 {path}", highlight=False)
    raise typer.Exit(0)


def _accepted(baseline: Path | None, err: Console) -> list[Baseline]:
    """The baseline that drops accepted findings from the results, if one is given."""
    if baseline is None:
        return []
    try:
        return [Baseline.load(baseline)]
    except BaselineError as exc:
        err.print(f"[red]基线错误[/red]：{exc}", highlight=False)
        raise typer.Exit(2) from None


def _job(rules, settings, batch: bool) -> Job:
    """What checking one file needs, from the settings that apply to it."""
    options = replace(settings.options, batch=batch)
    return Job(rules, settings.template, settings.selected, options, settings.limits)


def _paths_only(files: list[Path | str]) -> list[Path]:
    return [f for f in files if isinstance(f, Path)]


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush does not
    fail a second time with an 'Exception ignored' message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _split(values: list[str] | None) -> list[str] | None:
    """Repeated options and comma-separated lists alike: `--exclude a --exclude b,c`."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _start_folder(paths: list[str]) -> Path:
    """Where the config search starts: the folder holding all the files given (ruff finds its
    configuration from the files, not from where it is run); the current folder for stdin."""
    folders = []
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw).resolve()
        folders.append(path if path.is_dir() else path.parent)
    if not folders:
        return Path.cwd()
    return Path(os.path.commonpath(folders))


def _config_file(path: Path | None) -> dict:
    if path is None:
        return {}
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在")
    return load_config(path)


def _show_settings(path: Path | None, settings) -> None:
    """`--show-settings`: which file applies and what the run would use."""
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"配置文件：{path or '无（使用默认设置）'}", markup=False)
    selected = "全部" if settings.selected is None else "、".join(sorted(settings.selected))
    for name, value in (
        ("规则", selected),
        ("格式", settings.template or "auto"),
        ("fail-level", settings.fail_level),
        ("agency-type", settings.options.agency_type),
        ("deadline", settings.options.deadline or "法定期限"),
        ("exclude", "、".join(settings.exclude)),
        ("baseline", settings.baseline or "无"),
        ("per-file-ignores", settings.per_file_ignores or "无"),
        ("history", "、".join(settings.history) or "无"),
        ("series-aliases", dict(settings.options.series_aliases) or "无"),
        ("rule-params", settings.rule_params or "无"),
        ("jobs", settings.jobs or "auto"),
        ("lang", settings.lang),
    ):
        console.print(f"  {name}：{value}", markup=False)


def _results(files, problems, job: Job, stdin_filename: str, jobs: int):
    """Results one by one: paths that do not exist first, then stdin, then the files in the
    order given (folders expanded in sorted order)."""
    yield from problems
    items: list = [f for f in files if f != "-"]
    if "-" in files:
        items.insert(0, (stdin_filename, _read_stdin(job.limits)))
    yield from check_files(items, job, jobs)


def _read_stdin(limits) -> bytes:
    """Standard input, at most one byte past the size limit (the engine then refuses it); a
    closed stdin (`<&-`) is an empty input."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return b""
    try:
        return stream.read(limits.file_mb * MB + 1)
    except (OSError, ValueError):
        return b""


@app.command(cls=ChineseCommand)
def extract(
    paths: list[str] = typer.Argument(
        ..., metavar="路径...", help="报告文件或目录（目录递归），格式同 check。"
    ),
    output_format: ExtractFormat = typer.Option(
        ExtractFormat.csv,
        "--format",
        "-f",
        help="csv（UTF-8 带 BOM，WPS/Excel 直接打开）、json（一个文档，格式见"
        " rules/schema/extract.schema.json）、jsonl（每行一条）、xlsx（两个工作表，需 openpyxl）。",
    ),
    output_file: Path | None = typer.Option(
        None, "--output-file", "-o", metavar="文件", help="写入文件而不是标准输出（xlsx 必须）。"
    ),
    template: str | None = typer.Option(
        None, "--template", "-t", metavar="auto|<格式>", help="按指定格式读表（默认按年度判断）。"
    ),
) -> None:
    """把报告的表格（每格一条）和正文中的数字（每个一条）导出为数据。退出码：0 完成，2 有文件无法读取。"""
    from gxlint.discover import DEFAULT_EXCLUDE
    from gxlint.engine import analyse_file, describe
    from gxlint.extract import records as extract_records
    from gxlint.extract import write_csv, write_json, write_jsonl, write_xlsx

    err = Console(stderr=True, soft_wrap=True)
    _require_known_template(template, err)
    if output_format == ExtractFormat.xlsx:
        if output_file is None:
            err.print("[red]参数错误[/red]：xlsx 需要用 -o 指定输出文件", highlight=False)
            raise typer.Exit(2)
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            err.print(
                "[red]缺少依赖[/red]：写 xlsx 需要 openpyxl（pip install 'gxlint[xlsx]'）",
                highlight=False,
            )
            raise typer.Exit(2) from None
    files, problems = _expand(paths, list(DEFAULT_EXCLUDE), False)
    failed = bool(problems)
    for problem in problems:
        err.print(f"{problem.path}：{problem.findings[0].message}", highlight=False, markup=False)
    rules = load_rules()

    def rows():
        nonlocal failed
        for path in _paths_only(files):
            try:
                analysis = analyse_file(path, rules, None if template == "auto" else template)
                yield from extract_records(analysis, str(path))
            except GxlintError as exc:
                failed = True
                err.print(f"{path}：无法读取：{exc}", highlight=False, markup=False)
            except (MemoryError, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - one file's failure must not end the batch
                failed = True
                err.print(f"{path}：读取出错：{describe(exc)}", highlight=False, markup=False)

    writers = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}
    try:
        if output_format == ExtractFormat.xlsx:
            assert output_file is not None
            with open(output_file, "wb") as binary:
                write_xlsx(binary, rows())
        elif output_file is not None:
            # utf-8-sig: WPS and Excel read a CSV without a BOM as the local code page
            encoding = "utf-8-sig" if output_format == ExtractFormat.csv else "utf-8"
            with open(output_file, "w", encoding=encoding, newline="") as stream:
                writers[output_format.value](stream, rows())
        else:
            writers[output_format.value](sys.stdout, rows())
            sys.stdout.flush()
    except OSError as exc:
        _output_failed(exc, err)
    if failed:
        raise typer.Exit(2)


@app.command(cls=ChineseCommand)
def parse(
    path: Path = typer.Argument(..., metavar="报告", help="一份报告：.txt、.docx、.html、.pdf。"),
    template: str | None = typer.Option(
        None, "--template", "-t", metavar="auto|<格式>", help="按指定格式解析（默认按年度判断）。"
    ),
) -> None:
    """显示 gxlint 从一份报告中识别出的内容：格式与原因、提纲、表格各单元格、正文数字。"""
    from gxlint.engine import analyse_file
    from gxlint.recognised import describe

    err = Console(stderr=True, soft_wrap=True)
    _require_known_template(template, err)
    try:
        analysis = analyse_file(path, load_rules(), template)
    except GxlintError as exc:
        err.print(f"[red]无法读取[/red]：{path}：{exc}", highlight=False)
        raise typer.Exit(2) from None
    Console(highlight=False, soft_wrap=True).print(describe(analysis), markup=False)


@app.command(cls=ChineseCommand)
def explain(
    rule_id: str = typer.Argument(..., metavar="规则", help="规则编号，如 GX211。"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help=_LANG_HELP),
) -> None:
    """显示一条规则的标题、依据、说明、修改方法和例子。"""
    rules = {r.id: r for r in load_rules()}
    rule = rules.get(rule_id.upper())
    if rule is None:
        Console(stderr=True).print(f"没有规则 {rule_id}；用 gxlint rules 查看全部规则。")
        raise typer.Exit(2)
    en = lang == Lang.en
    console = Console(highlight=False)
    title = rule.title_in(lang.value)
    console.print(f"[bold]{rule.id}[/bold] {rule.name} — {escape(title)}", soft_wrap=True)
    console.print(f"{'severity: ' if en else '级别：'}{rule.severity.label_in(lang.value)}")
    eras = eras_of(rule)
    if eras != "全部":
        console.print(f"{'formats: ' if en else '适用格式：'}{eras}")
    console.print(f"{'basis: ' if en else '依据：'}{escape(rule.basis)}", soft_wrap=True)
    if rule.description and not en:
        console.print(escape(rule.description), soft_wrap=True)
    fix = f"how to fix: {rule.fix_en}" if en else f"如何修改：{rule.fix}"
    console.print(f"[bold]{escape(fix)}[/bold]", soft_wrap=True)
    marks = ("✗ wrong", "✓ right") if en else ("✗ 有问题", "✓ 正确")
    colon = ": " if en else "："
    for kind, mark in (("fail", f"[red]{marks[0]}[/red]"), ("pass", f"[green]{marks[1]}[/green]")):
        if kind in rule.examples:
            for i, line in enumerate(example_lines(rule.examples[kind])):
                console.print(
                    f"{mark}{colon}{escape(line)}" if i == 0 else escape(line), soft_wrap=True
                )


@app.command("rules", cls=ChineseCommand)
def list_rules(lang: Lang = typer.Option(Lang.zh, "--lang", help=_LANG_HELP)) -> None:
    """列出全部规则。"""
    console = Console(highlight=False)
    for r in load_rules():
        eras = eras_of(r)
        if lang == Lang.en and eras == "全部":
            eras = "all"
        label, title = r.severity.label_in(lang.value), r.title_in(lang.value)
        console.print(f"{r.id}  {label}  \\[{eras}]  {escape(title)}", soft_wrap=True)


def main() -> None:
    """Console-script entry point: click's usage errors are reported in Chinese (cli_help)."""
    _tolerate_narrow_streams()
    try:
        code = app(prog_name="gxlint", standalone_mode=False)
    except Exception as exc:  # noqa: BLE001 - only click's usage errors are handled here
        if not is_usage_error(exc):
            raise
        code = report_usage_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _tolerate_narrow_streams() -> None:
    """On a stream that is not UTF-8 (a GBK console or file on Chinese Windows), a character it
    lacks (✗ ✓ ≠) is written as `?` instead of ending the run with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding and encoding != "utf8":
            try:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                pass
