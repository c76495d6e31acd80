"""Two languages: Chinese (the default, for the people who write the reports) and English
(`--lang en`, for reviewers and tools that do not read Chinese).

Rule files carry both languages (`title`/`title_en`, `message`/`message_en`, `fix`/`fix_en`).
What a check computes in Python and puts into a message — a phrase such as `表“…”“…”行` or a
reason — is a `Text`: both languages side by side, so a check never needs to know which one
will be printed. A `Text` formats as its Chinese, so code that only knows Chinese keeps working;
`localise` picks the language when a message is built.

Words quoted from the report (row labels, sentences) stay as written: they are the report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """A phrase in both languages."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh

    def __format__(self, spec: str) -> str:
        return format(self.zh, spec)

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, Text):
            return Text(self.zh + other.zh, self.en + other.en)
        return Text(self.zh + other, self.en + other)

    def __radd__(self, other: str) -> Text:
        return Text(other + self.zh, other + self.en)

    def pick(self, lang: str) -> str:
        """The phrase in `lang`."""
        return self.en if lang == "en" else self.zh


def localise(value: Any, lang: str) -> Any:
    """A message argument in `lang`: a `Text` becomes its string, anything else is unchanged."""
    return value.pick(lang) if isinstance(value, Text) else value


def as_text(value: str | Text) -> Text:
    """A message that may have been written in Chinese only (it then reads the same in both)."""
    return value if isinstance(value, Text) else Text(value, value)


def join(parts: list[Text], zh_sep: str = "、", en_sep: str = ", ") -> Text:
    """Phrases joined the way each language lists things."""
    return Text(zh_sep.join(p.zh for p in parts), en_sep.join(p.en for p in parts))
