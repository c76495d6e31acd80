"""Help pages and usage errors in Chinese.

click writes its own words in English ("Usage:", "Options:", "Show this message and exit.",
"Error: No such option"), and the click typer ships with differs between typer releases (newer
ones vendor a copy without gettext), so its strings cannot be translated in place. gxlint writes
the help itself instead, from the parameters click already holds (their options, help texts,
choices and defaults: click's stable public attributes), and turns click's usage errors into
Chinese by their kind. The commands stay declared with typer as before.
"""

from __future__ import annotations

import re
import shutil
import sys
from enum import Enum
from typing import Any

from rich.cells import cell_len
from typer.core import TyperCommand, TyperGroup

_HELP_OPTION_TEXT = "显示本帮助并退出。"
_LEFT_MAX = 30  # cells for the option column; longer options put their help on the next line


_CLOSING = "，。、；：？！）》」』”’】〕…%"
_NO_LINE_START = set(_CLOSING)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells; Chinese breaks anywhere, a run of Latin
    letters, digits and option names stays whole when it fits, no line starts with a space
    or with closing punctuation (the character before it goes down with it)."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if not line or cell_len(line + token) <= width:
            line += token
        elif token[0] in _NO_LINE_START and len(line.rstrip(_CLOSING)) > 1:
            keep = len(line.rstrip(_CLOSING)) - 1  # the last word character goes down too
            lines.append(line[:keep].rstrip())
            line = line[keep:] + token
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


_TOKEN_RE = re.compile(r" *[!-~]+| +|\S")


def _tokens(text: str) -> list[str]:
    """Words (ASCII runs, with the spaces before them) and single other characters."""
    return _TOKEN_RE.findall(text)


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def _shown(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def _choices(param) -> list | None:
    """The values a parameter accepts: click's Choice type, or (typer 0.20+, whose parameters
    have no click type) the Enum it is annotated with."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return list(choices)
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    return None


def _metavar(param) -> str:
    """`<text|json>` for choices, the declared metavar, or nothing for a flag."""
    if getattr(param, "is_flag", False):
        return ""
    choices = _choices(param)
    if choices:
        return "<" + "|".join(_shown(c) for c in choices) + ">"
    if param.metavar:
        return param.metavar
    return "<值>"


def _argument_name(param) -> str:
    name = param.metavar or param.name.upper()
    return name + ("..." if param.nargs == -1 and not name.endswith("...") else "")


def _notes(param) -> str:
    """`[必填]`, `[默认：text]`."""
    if param.required:
        return "[必填]"
    default = param.default
    if getattr(param, "is_flag", False) or default in (None, False, "", (), []):
        return ""
    if callable(default):
        return ""
    return f"[默认：{_shown(default)}]"


def _rows(ctx, command, kind: str) -> list[tuple[str, str, str]]:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False) or param.param_type_name != kind:
            continue
        if kind == "argument":
            left = _argument_name(param)
        else:
            names = sorted(param.opts, key=lambda o: not (o.startswith("-") and o[1:2] != "-"))
            left = ", ".join([*names, *param.secondary_opts])
            metavar = _metavar(param)
            if metavar:
                left += " " + metavar
        help_text = _HELP_OPTION_TEXT if param.name == "help" else (param.help or "")
        rows.append((left, help_text, _notes(param)))
    return rows


def _table(rows: list[tuple[str, str, str]], width: int) -> list[str]:
    """Two columns: the option, then its help wrapped beside it (or under it when long); a
    note such as [默认：text] is never split."""
    if not rows:
        return []
    left_cells = min(_LEFT_MAX, max(cell_len(left) for left, _, _ in rows)) + 2
    out = []
    for left, right, notes in rows:
        room = max(20, width - 2 - left_cells)
        lines = _wrap(right, room)
        if notes:
            if cell_len(lines[-1]) + 2 + cell_len(notes) <= room:
                lines[-1] = f"{lines[-1]}  {notes}".strip()
            else:
                lines.append(notes)
        if cell_len(left) + 2 > left_cells:
            out.append("  " + left)
            out.extend("  " + " " * left_cells + line for line in lines if line)
            continue
        pad = " " * (left_cells - cell_len(left))
        out.append(f"  {left}{pad}{lines[0]}".rstrip())
        out.extend("  " + " " * left_cells + line for line in lines[1:])
    return out


def usage(ctx, command) -> str:
    """`用法：gxlint check [选项] 路径...`."""
    pieces = []
    if any(p.param_type_name == "option" for p in command.get_params(ctx)):
        pieces.append("[选项]")
    pieces += [
        _argument_name(p) for p in command.get_params(ctx) if p.param_type_name == "argument"
    ]
    if isinstance(command, TyperGroup):
        pieces.append("命令 [参数]...")
    return "用法：" + " ".join([ctx.command_path, *pieces])


def help_page(ctx, command) -> str:
    """The whole help page of a command or of the program."""
    width = _width()
    lines = [usage(ctx, command), ""]
    if command.help:
        text = " ".join(command.help.split())
        lines += ["  " + line for line in _wrap(text, width - 2)] + [""]
    arguments = _table(_rows(ctx, command, "argument"), width)
    if arguments:
        lines += ["参数：", *arguments, ""]
    lines += ["选项：", *_table(_rows(ctx, command, "option"), width), ""]
    if isinstance(command, TyperGroup):
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                rows.append((name, " ".join((sub.help or "").split()), ""))
        lines += ["命令：", *_table(rows, width), ""]
    return "\n".join(lines).rstrip("\n")


class ChineseCommand(TyperCommand):
    """A typer command whose help and usage line are in Chinese."""

    def get_help(self, ctx) -> str:  # noqa: D102 - click's method, written in Chinese
        return help_page(ctx, self)

    def get_usage(self, ctx) -> str:  # noqa: D102
        return usage(ctx, self)


class ChineseGroup(TyperGroup):
    """The program: its help lists the commands in Chinese."""

    def get_help(self, ctx) -> str:  # noqa: D102
        return help_page(ctx, self)

    def get_usage(self, ctx) -> str:  # noqa: D102
        return usage(ctx, self)


def _option_hint(param) -> str:
    if param is None:
        return "参数"
    if param.param_type_name == "argument":
        return f"参数 {_argument_name(param)}"
    return "选项 " + "/".join(param.opts)


def error_message(exc: Exception) -> str:
    """A usage error of click in Chinese, by its kind (click's English text as the last resort)."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        possible = list(getattr(exc, "possibilities", None) or [])
        hint = f"；是不是要用 {'、'.join(sorted(possible))}？" if possible else ""
        return f"没有选项 {name}{hint}"
    if kind == "MissingParameter":
        return f"缺少{_option_hint(param)}"
    if kind == "BadOptionUsage":
        name = getattr(exc, "option_name", "")
        message = str(getattr(exc, "message", ""))
        if "requires" in message and "argument" in message:
            return f"选项 {name} 需要一个值"
        return f"选项 {name} 用法错误：{message}"
    if kind == "BadParameter":
        choices = _choices(param) if param is not None else None
        if choices:
            shown = "、".join(_shown(c) for c in choices)
            return f"{_option_hint(param)} 的值无效，可选：{shown}"
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        type_name = getattr(getattr(param, "type", None), "name", "")
        # click names the type `integer` or `integer range`, typer's own copy `int range`
        if type_name.startswith("int") or annotation is int or "int" in str(annotation):
            low = getattr(param, "min", None)
            if low is None:
                low = getattr(getattr(param, "type", None), "min", None)
            floor = f"（不小于 {low}）" if low is not None else ""
            return f"{_option_hint(param)} 应为整数{floor}"
        return f"{_option_hint(param)} 的值无效（{exc.format_message()}）"  # type: ignore[attr-defined]
    message = str(getattr(exc, "message", "") or exc)
    if message.startswith("Got unexpected extra argument"):
        extra = message[message.rfind(" (") + 2 : message.rfind(")")]
        return f"多余的参数：{extra}"
    command = re.match(r"No such command '([^']*)'\.(?: Did you mean '([^']*)'\?)?", message)
    if command:
        name, guess = command.groups()
        return f"没有命令 {name}" + (f"；是不是要用 {guess}？" if guess else "")
    if message == "Missing command.":
        return "缺少命令"
    return message


def is_usage_error(exc: BaseException) -> bool:
    """click's UsageError from whichever click typer uses (its own copy or the package)."""
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__) and hasattr(
        exc, "exit_code"
    )


def report_usage_error(exc: Exception) -> int:
    """Print a usage error the way click does, in Chinese; its exit code (2)."""
    ctx = getattr(exc, "ctx", None)
    out = sys.stderr
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        print(ctx.get_help(), file=out)
        return int(getattr(exc, "exit_code", 2))
    if ctx is not None:
        print(usage(ctx, ctx.command), file=out)
        help_names = ctx.help_option_names or ["--help"]
        print(f"用 “{ctx.command_path} {help_names[0]}” 查看帮助。", file=out)
        print(file=out)
    print(f"错误：{error_message(exc)}", file=out)
    return int(getattr(exc, "exit_code", 2))
