"""What a PDF page will cost, measured before pdfminer decodes it.

pdfminer inflates a content stream in one `zlib.decompress` call and turns every shown byte into
a character object of about a kilobyte. A 1 MB file can hold streams that inflate to gigabytes,
or a page that shows a million characters. So each page's content streams (and the form
XObjects it draws) are inflated here first, incrementally and never past the remaining budget,
and the bytes the page shows as text are counted: a page over either limit is refused before
pdfminer sees it.
"""

from __future__ import annotations

import re
import zlib

from gxlint.limits import MB, Limits, over

_CHUNK = 1 << 20
# Operands of the text-showing operators: literal strings `(…)` (with escapes) and hex `<…>`.
_LITERAL_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)
_HEX_RE = re.compile(rb"<([0-9A-Fa-f\s]*)>")


class PageBudget:
    """Tracks the inflated content of the pages read so far against the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.inflated = 0

    def check(self, page_obj) -> None:
        """Raise LimitExceeded if this page's streams or its text volume are over the limits."""
        remaining = self.limits.pdf_stream_mb * MB - self.inflated
        data = b"".join(self._decoded(s, remaining) for s in _page_streams(page_obj))
        self.inflated += len(data)
        if self.inflated > self.limits.pdf_stream_mb * MB:
            raise over("pdf_stream_mb", None, self.limits.pdf_stream_mb)
        shown = _shown_bytes(data)
        if shown > self.limits.pdf_page_chars:
            raise over("pdf_page_chars", shown, self.limits.pdf_page_chars)

    def _decoded(self, stream, budget: int) -> bytes:
        """The stream's content as pdfminer would decode it, stopping once past `budget`."""
        raw = stream.rawdata if stream.rawdata is not None else stream.data
        if raw is None:
            return b""
        if stream.data is None and stream.decipher and stream.objid is not None:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        filters = stream.get_filters()
        if not filters:
            return raw
        name = getattr(filters[0][0], "name", filters[0][0])
        if name not in ("FlateDecode", "Fl"):
            return raw  # other filters are rare in content streams and expand little
        return _inflate(raw, budget + 1)


def _inflate(raw: bytes, cap: int) -> bytes:
    """zlib-inflate at most `cap` bytes; a damaged stream yields what inflated before the damage."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size, pending = 0, raw
    try:
        while pending and size < cap:
            piece = inflater.decompress(pending, min(_CHUNK, cap - size))
            if not piece and pending == inflater.unconsumed_tail:
                break
            out.append(piece)
            size += len(piece)
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return b"".join(out)


def _shown_bytes(content: bytes) -> int:
    """An upper bound on the characters a content stream shows: the bytes of its string
    operands (a two-byte CID font shows half as many characters)."""
    literal = sum(len(m) - 2 for m in _LITERAL_RE.findall(content))
    hexed = sum(len(re.sub(rb"\s", b"", h)) // 2 for h in _HEX_RE.findall(content))
    return literal + hexed


def _page_streams(page_obj):
    """The page's content streams and the form XObjects in its resources (one level)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = [resolve1(s) for s in page_obj.contents]
    resources = resolve1(page_obj.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            xobject = resolve1(ref)
            if isinstance(xobject, PDFStream):
                subtype = resolve1(xobject.get("Subtype"))
                if getattr(subtype, "name", subtype) == "Form":
                    streams.append(xobject)
    return [s for s in streams if isinstance(s, PDFStream)]
