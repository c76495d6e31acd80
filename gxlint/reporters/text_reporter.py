"""Human output through rich: per file, each finding with its place, rule, severity, the
Chinese message, and the source line around the finding with a caret under it (ruff-style).

Chinese characters take two terminal cells, so widths are measured in cells
(rich.cells.cell_len), not characters. On a terminal, long messages wrap to its width with a
hanging indent and the source window shrinks to fit, so the `│` gutter stays a column; written
to a file or a pipe, each finding stays on one line (for grep).

Files are printed as they finish. Findings of checks that compare the files of a batch (GX530)
exist only once every file is done: they come in a section of their own before the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.console import Console
from rich.control import strip_control_codes
from rich.markup import escape
from rich.text import Text

from gxlint.findings import Severity

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SNIPPET_CELLS = 72
_GUTTER = " " * 11  # the `│` of a snippet sits in column 12; wrapped text aligns after it
_FAMILIES = {
    "zh": {
        "GX0": "输入",
        "GX1": "章节",
        "GX2": "表格",
        "GX3": "正文",
        "GX4": "日期",
        "GX5": "格式与其他",
        "GX6": "跨年度",
    },
    "en": {
        "GX0": "input",
        "GX1": "outline",
        "GX2": "tables",
        "GX3": "text",
        "GX4": "dates",
        "GX5": "format and other",
        "GX6": "across years",
    },
}
# The words of the output around the findings, in each language (`--lang`).
_WORDS = {
    "zh": {
        "clean": "未发现问题",
        "late": "跨文件检查",
        "late_why": "（需要全部文件都检查完）",
        "template": "模板 {template}：{why}",
        "whole": "全文",
        "where": "位置：{locator}",
        "related": "相关：{items}",
        "related_line": "{rule} 第{line}行",
        "checked": "检查了 {n} 个文件：{summary}",
        "sep": "，",
        "families": "按类别：",
        "with_errors": "有错误的文件 {n} 个：",
        "errors": "{count:>4} 个错误  {path}",
        "more_files": "  …另有 {n} 个文件",
        "unreadable": "无法读取或超出限制的文件 {n} 个：",
    },
    "en": {
        "clean": "no problems found",
        "late": "Across files",
        "late_why": " (once every file is checked)",
        "template": "template {template}: {why}",
        "whole": "file",
        "where": "at: {locator}",
        "related": "related: {items}",
        "related_line": "{rule} line {line}",
        "checked": "files checked: {n}; {summary}",
        "sep": ", ",
        "families": "by family: ",
        "with_errors": "files with errors: {n}",
        "errors": "{count:>4} errors  {path}",
        "more_files": "  … and {n} more",
        "unreadable": "files unreadable or over a limit: {n}",
    },
}
# A line is printed as pieces of (text, rich style; "" for none): the report's own text goes
# in as it is, never through rich's markup parser (which cost the parent of a batch most of
# its time per report, and would read `[b]` or `:100:` in a report as markup or an emoji).
Piece = tuple[str, str]
_TOP_FILES = 10
_NO_LINE_START = set("，。、；：？！）》」』”’】〕…%")
_NO_LINE_END = set("（《「『“‘【〔")


def render(
    results: Iterable,
    console: Console,
    show_source: bool = True,
    statistics: dict[str, str] | None = None,
    quiet: bool = False,
    late: Callable[[], Iterable] | None = None,
    lang: str = "zh",
) -> None:
    """Print each file's findings as its result arrives (results may be a generator); then, if
    `late` is given, the results it returns (a batch check's findings, one result per file that
    has some). With `statistics` (rule id → title), end with the number of findings per rule.
    `quiet`: findings only (no clean files, no summary). `lang`: the words around the
    findings (the findings come in their language already)."""
    printer = _Printer(console, show_source, quiet, lang)
    for result in results:
        printer.file(result)
    if late is not None:
        printer.late(late())
    printer.close(statistics)


class _Printer:
    """What has been printed so far, for the closing summary."""

    def __init__(self, console: Console, show_source: bool, quiet: bool, lang: str) -> None:
        self.console = console
        self.lang = lang
        self.words = _WORDS[lang]
        self.show_source = show_source
        self.quiet = quiet
        # wrap only on a terminal: in a file one finding stays one line
        self.width: int | None = console.width if console.is_terminal else None
        self.totals = {"error": 0, "warning": 0, "info": 0}
        self.per_rule: dict[str, int] = {}
        self.errors_by_file: dict[str, int] = {}
        # written to a file or a pipe without colour: a line's text is all rich would write,
        # and asking rich to lay it out cost the parent of a batch ~1 ms per report
        self.plain = not console.is_terminal and console.color_system is None
        self.unreadable: list[str] = []
        self.n_files = 0

    def _print(self, *pieces: Piece) -> None:
        """One line, never wrapped by rich (our own wrapping has made the lines)."""
        if self.plain:
            # what rich would write: the text without styles or the control codes it strips
            text = strip_control_codes("".join(text for text, _style in pieces))
            if "\t" not in text:  # rich expands tabs; leave those lines to it
                self.console.file.write(text + "\n")
                return
        self.console.print(Text.assemble(*pieces), highlight=False, soft_wrap=True)

    def file(self, result) -> None:
        """One file's result as it arrives."""
        self.n_files += 1
        if result.unreadable:
            self.unreadable.append(result.path)
        if self.quiet and not result.findings:
            return
        self._header(result)
        if not result.findings:
            self._print(("  ", ""), (self.words["clean"], "green"))
        self._findings(result)
        self._print()

    def late(self, results: Iterable) -> None:
        """Batch-check findings, once every file is done."""
        heading = False
        for result in results:
            if not result.findings:
                continue
            if not heading:
                self._print((self.words["late"], "bold"), (self.words["late_why"], ""))
                self._print()
                heading = True
            self._header(result)
            self._findings(result)
            self._print()

    def _header(self, result) -> None:
        head = [(result.path, "bold")]
        if not result.template:
            self._print(*head)
            return
        why = self.words["template"].format(template=result.template, why=result.why)
        self._print_wrapped(head, cell_len(result.path), why, "  ", style="dim", indent="  ")

    def _findings(self, result) -> None:
        for f in result.findings:
            sev = str(f.severity)
            self.totals[sev] += 1
            self.per_rule[f.rule] = self.per_rule.get(f.rule, 0) + 1
            if f.severity == Severity.ERROR and not result.unreadable:
                self.errors_by_file[result.path] = self.errors_by_file.get(result.path, 0) + 1
            locator = f.context.get("locator")
            place = f"{f.line}:{f.column}" if f.line else ("" if locator else self.words["whole"])
            label = f.severity.label_in(self.lang)
            head = [(f"  {place:>8}  ", ""), (f"{f.rule} {label}", _STYLE[sev])]
            head_cells = 2 + max(8, cell_len(place)) + 2 + cell_len(f"{f.rule} {label}")
            self._print_wrapped(head, head_cells, f.message, "  ")
            if locator:
                where = self.words["where"].format(locator=locator)
                self._print_wrapped([(_GUTTER, "")], len(_GUTTER), where, "", style="dim")
            related = f.context.get("related")
            if related:
                self._print_wrapped(
                    [(_GUTTER, "")], len(_GUTTER), self._related(related), "", style="dim"
                )
            source = getattr(result, "source", None)
            line = f.text_line or f.line
            if self.show_source and line and source is not None and line <= len(source.line_starts):
                window = _SNIPPET_CELLS
                if self.width is not None:
                    window = max(20, min(window, self.width - len(_GUTTER) - 4))
                text = source.line_text(line)
                snippet, caret = _snippet(text, f.text_column or f.column or 1, window)
                self._print((_GUTTER, ""), ("│", "dim"), (" " + snippet, ""))
                self._print(
                    (_GUTTER, ""), ("│", "dim"), (" " * (caret + 1), ""), ("^", _STYLE[sev])
                )

    def _related(self, related: list[dict]) -> str:
        """The findings a diagnosis stands for (GX230): rule and place of each."""
        items = []
        for r in related:
            if r.get("line"):
                items.append(self.words["related_line"].format(rule=r["rule"], line=r["line"]))
            else:
                items.append(f"{r['rule']} {r.get('locator', '')}".strip())
        return self.words["related"].format(items=self.words["sep"].join(items))

    def _print_wrapped(
        self,
        head: list[Piece],
        head_cells: int,
        text: str,
        sep: str,
        style: str = "",
        indent: str = _GUTTER + " ",
    ) -> None:
        """`head` (`head_cells` wide), `sep`, then `text` (in `style`) wrapped to the terminal
        width with continuation lines indented; one line when not on a terminal."""
        first_room = None if self.width is None else self.width - head_cells - cell_len(sep)
        rest_room = None if self.width is None else self.width - cell_len(indent)
        lines = _wrap(text, first_room, rest_room)
        self._print(*head, (sep, ""), (lines[0], style))
        for line in lines[1:]:
            self._print((indent, ""), (line, style))

    def close(self, statistics: dict[str, str] | None) -> None:
        """The statistics and the summary."""
        console = self.console
        if statistics is not None and self.per_rule:
            for rule_id, n in sorted(self.per_rule.items(), key=lambda item: (-item[1], item[0])):
                console.print(
                    f"{n:>6}  {rule_id}  {escape(statistics.get(rule_id, ''))}", soft_wrap=True
                )
            console.print()
        if self.quiet:
            return
        words = self.words
        summary = words["sep"].join(
            f"{Severity.parse(k).label_in(self.lang)} {v}" for k, v in self.totals.items()
        )
        console.print(words["checked"].format(n=self.n_files, summary=summary))
        if self.n_files > 1:
            self._batch_summary()

    def _batch_summary(self) -> None:
        """For a batch: findings per family, which files to open first (most errors), and
        which could not be read."""
        console, words = self.console, self.words
        families: dict[str, int] = {}
        for rule_id, n in self.per_rule.items():
            families[rule_id[:3]] = families.get(rule_id[:3], 0) + n
        if families:
            names = _FAMILIES[self.lang]
            parts = [f"{key} {names.get(key, '')} {n}" for key, n in sorted(families.items())]
            console.print(words["families"] + words["sep"].join(parts), highlight=False)
        if self.errors_by_file:
            console.print(words["with_errors"].format(n=len(self.errors_by_file)))
            ranked = sorted(self.errors_by_file.items(), key=lambda e: (-e[1], e[0]))
            for path, count in ranked[:_TOP_FILES]:
                line = words["errors"].format(count=count, path=escape(path))
                console.print(f"  {line}", highlight=False, soft_wrap=True)
            if len(ranked) > _TOP_FILES:
                console.print(words["more_files"].format(n=len(ranked) - _TOP_FILES))
        if self.unreadable:
            console.print(words["unreadable"].format(n=len(self.unreadable)))
            for path in self.unreadable[:_TOP_FILES]:
                console.print(f"  {escape(path)}", highlight=False, soft_wrap=True)


def _wrap(text: str, first: int | None, rest: int | None) -> list[str]:
    """`text` in lines of at most `first` cells, then `rest` cells (None: no limit). Chinese
    may break between any two characters; a run of Latin letters or digits is kept whole when
    it fits on a line."""
    if first is None or rest is None or cell_len(text) <= first:
        return [text]
    lines: list[str] = []
    room = max(first, 10)
    start = 0
    while start < len(text):
        end, used = start, 0
        while end < len(text) and used + cell_len(text[end]) <= room:
            used += cell_len(text[end])
            end += 1
        if end < len(text):  # do not cut a word or number in two if it can move down whole
            back = end
            while back > start and _wordlike(text[back - 1]) and _wordlike(text[back]):
                back -= 1
            if back > start:
                end = back
            # no line starts with closing punctuation or ends with opening punctuation
            while end - 1 > start and (
                text[end] in _NO_LINE_START or text[end - 1] in _NO_LINE_END
            ):
                end -= 1
        lines.append(text[start:end])
        start = end
        room = max(rest, 10)
    return lines


def _wordlike(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".,%+-=_/")


def _snippet(line: str, column: int, window: int = _SNIPPET_CELLS) -> tuple[str, int]:
    """The part of a (possibly very long, crawler) line around the column that fits in
    `window` cells, and the caret's offset in terminal cells within it.

    Widths are added up one character at a time from the column outwards, so a finding on a
    megabyte-long line costs the window, not the line (emoji sequences, whose width is not the
    sum of their characters', are measured whole)."""
    line = line.replace("\t", " ").rstrip("\r")
    index = max(0, min(column - 1, len(line)))
    if "\u200d" in line or "\ufe0f" in line:
        return _snippet_measured_whole(line, index, window)
    if len(line) <= window // 2 or (len(line) <= window and cell_len(line) <= window):
        return line.rstrip(), cell_len(line[:index])
    start, before = index, 0
    while start > 0:
        width = cell_len(line[start - 1])
        if before + width > window // 3:
            break
        before += width
        start -= 1
    end, used = start, 0
    while end < len(line):
        width = cell_len(line[end])
        if used + width > window:
            break
        used += width
        end += 1
    if start == 0 and end == len(line):
        return line.rstrip(), before
    prefix = "…" if start else ""
    suffix = "…" if end < len(line) else ""
    return prefix + line[start:end] + suffix, len(prefix) + before


def _snippet_measured_whole(line: str, index: int, window: int) -> tuple[str, int]:
    if cell_len(line) <= window:
        return line.rstrip(), cell_len(line[:index])
    start = index
    while start > 0 and cell_len(line[start - 1 : index]) <= window // 3:
        start -= 1
    end = start
    while end < len(line) and cell_len(line[start : end + 1]) <= window:
        end += 1
    prefix = "…" if start else ""
    suffix = "…" if end < len(line) else ""
    return prefix + line[start:end] + suffix, cell_len(prefix + line[start:index])
