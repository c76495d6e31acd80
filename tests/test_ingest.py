"""Reading reports the way agencies have them (.docx, .html, .pdf, stdin) and surviving bad input.

The same report as .txt, .docx (real merged cells), .html (a saved page with navigation,
scripts, rowspan/colspan tables, GBK) and .pdf (ruled tables with merged cells) must give the
same findings; every bad input gives a one-line message and exit 2 for that file only.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLE, corpus_file, lint_text
from formats import empty_pdf, to_docx, to_html, to_pdf
from typer.testing import CliRunner

from gxlint.cli import app
from gxlint.engine import lint_bytes

DEFECTIVE = (
    EXAMPLE.read_text("utf-8")
    .replace("（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 23", "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 24")
    .replace("全年新收政府信息公开申请24件", "全年新收政府信息公开申请25件")
    .replace("2024年1月20日", "2024年2月20日")
)

FIXTURES = {
    "example_with_defects": lambda: DEFECTIVE,
    "2008_era_example": lambda: (EXAMPLE.parent / "2016_sample_bureau_2008_era.txt").read_text(
        "utf-8"
    ),
    "shanghai_2019": lambda: corpus_file("real/2019_shanghai_szfbgt.txt").read_text("utf-8"),
    "seed_001_statistics_table": lambda: corpus_file("seeds/001_82f019a8d9904d2c.txt").read_text(
        "utf-8"
    ),
    "seed_003_traditional": lambda: corpus_file("seeds/003_73fd7277be857a29.txt").read_text(
        "utf-8"
    ),
}


def _rules_of(result) -> Counter:
    return Counter(f.rule for f in result.findings)


@pytest.mark.parametrize("name", sorted(FIXTURES))
@pytest.mark.parametrize(
    ("suffix", "convert"), [(".docx", to_docx), (".html", to_html), (".pdf", to_pdf)]
)
def test_every_format_gives_the_same_findings(rules, name, suffix, convert):
    text = FIXTURES[name]()
    as_text = lint_text(text, rules)
    other = lint_bytes(convert(text), f"report{suffix}", rules)
    assert not other.input_error, [f.message for f in other.findings]
    assert _rules_of(other) == _rules_of(as_text)
    assert (other.template, other.year) == (as_text.template, as_text.year)


@pytest.mark.parametrize(
    ("suffix", "convert"), [(".docx", to_docx), (".html", to_html), (".pdf", to_pdf)]
)
def test_findings_in_other_formats_carry_a_usable_locator(rules, suffix, convert):
    result = lint_bytes(convert(DEFECTIVE), f"report{suffix}", rules)
    by_rule = {f.rule: f for f in result.findings}
    assert {"GX230", "GX301", "GX404"} <= set(by_rule)
    for finding in result.findings:
        assert finding.line is None and finding.context.get("locator"), finding
    # the total cell of 表三: a table row; the narrative: a paragraph or page under its section
    assert (
        "第" in by_rule["GX230"].context["locator"] and "行" in by_rule["GX230"].context["locator"]
    )
    assert "依申请公开" in by_rule["GX301"].context["locator"]
    if suffix != ".pdf":
        assert "段" in by_rule["GX301"].context["locator"]
    else:
        assert "页" in by_rule["GX301"].context["locator"]


def test_text_output_shows_the_locator(tmp_path: Path):
    path = tmp_path / "report.docx"
    path.write_bytes(to_docx(DEFECTIVE))
    result = CliRunner().invoke(app, ["check", str(path), "--select", "GX211"])
    assert result.exit_code == 1
    assert "位置：" in result.stdout and "表" in result.stdout


def test_html_page_body_is_found_and_navigation_dropped(rules):
    page = to_html(EXAMPLE.read_text("utf-8"))
    from gxlint.ingest import read

    source = read(page, "page.html")
    assert source.text.startswith("示例县统计局2023年政府信息公开工作年度报告")
    for noise in ("示例县人民政府门户网站", "互动交流", "当前位置", "主办单位", "var nav"):
        assert noise not in source.text
    assert lint_bytes(page, "page.html", rules).findings == []


def test_html_charset_and_entities(rules):
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
        "<div id='zoom'><p>示例局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        "<p>全年收到申请&nbsp;3&nbsp;件，予以公开&#49;件。</p></div></body></html>"
    ).encode("gbk")
    from gxlint.ingest import read

    source = read(page, "page.htm")
    assert "全年收到申请 3 件，予以公开1件。" in source.text


def test_stdin_docx_with_stdin_filename():
    data = to_docx(DEFECTIVE)
    result = CliRunner().invoke(
        app, ["check", "-", "--stdin-filename", "r.docx", "--format", "json"], input=data
    )
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert files[0]["path"] == "r.docx"
    assert {f["rule"] for f in files[0]["findings"]} >= {"GX230", "GX301"}


# --- bad input: one line, exit 2 for that file, the others still checked ---------------------


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(210):
                member.write(chunk)
    return out.getvalue()


BAD_INPUTS = {
    "empty.txt": (b"", "GX002", "为空"),
    "binary.txt": (bytes(range(256)) * 64, "GX001", "二进制"),
    "corrupt.docx": (b"PK\x03\x04" + b"\x00garbage" * 100, "GX001", "压缩包已损坏"),
    "not_word.docx": (None, "GX001", "word/document.xml"),
    "bomb.docx": (None, "GX001", "压缩炸弹"),
    "scan.pdf": (None, "GX005", "OCR"),
    "broken.pdf": (b"%PDF-1.4\n" + b"\xff" * 500, "GX001", "PDF"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "GX006", "另存为” .docx"),
    "report.wps": (b"anything", "GX006", "另存为” .docx"),
}


def _bad_bytes(name: str) -> bytes:
    data, _rule, _text = BAD_INPUTS[name]
    if data is not None:
        return data
    if name == "not_word.docx":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hi")
        return out.getvalue()
    if name == "bomb.docx":
        return _zip_bomb()
    return empty_pdf()


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_two_while_others_are_checked(tmp_path: Path, name):
    bad = tmp_path / name
    bad.write_bytes(_bad_bytes(name))
    good = tmp_path / "good.txt"
    good.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    _data, rule, text = BAD_INPUTS[name]
    (finding,) = files[name]["findings"]
    assert finding["rule"] == rule and text in finding["message"], finding
    assert "\n" not in finding["message"]
    assert files["good.txt"]["findings"] == []


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    result = CliRunner().invoke(app, ["check", str(big), "--format", "json"])
    assert result.exit_code == 2
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "GX008" and "（limits.file-mb）" in finding["message"]
    assert "上限 50" in finding["message"]


def test_deeply_nested_html_does_not_overflow(rules):
    depth = 100_000
    page = (
        "<html><body>" + "<div>" * depth + "<p>示例局2023年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    result = lint_bytes(page.encode("utf-8"), "deep.html", rules)
    assert not result.unreadable
    assert "未收到政府信息公开申请" in result.source.text


def test_invalid_bytes_mid_file_are_reported_and_the_rest_is_checked(tmp_path: Path):
    data = DEFECTIVE.encode("utf-8")
    cut = data.index("（二）依申请公开".encode())
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    result = CliRunner().invoke(app, ["check", str(damaged), "--format", "json"])
    assert result.exit_code == 2
    findings = json.loads(result.stdout)["files"][0]["findings"]
    gx007 = [f for f in findings if f["rule"] == "GX007"]
    assert len(gx007) == 1 and gx007[0]["line"] == 7
    assert {"GX230", "GX301"} <= {f["rule"] for f in findings}


def test_directory_of_mixed_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_bytes(to_docx(DEFECTIVE))
    (tmp_path / "sub" / "c.html").write_bytes(to_html(EXAMPLE.read_text("utf-8")))
    (tmp_path / "d.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a report")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert set(files) == {"a.txt", "b.docx", "c.html", "d.doc", "empty.txt"}
    assert files["a.txt"]["findings"] == [] and files["c.html"]["findings"] == []
    assert {f["rule"] for f in files["b.docx"]["findings"]} >= {"GX230", "GX301"}
    assert files["d.doc"]["findings"][0]["rule"] == "GX006"
    assert files["empty.txt"]["findings"][0]["rule"] == "GX002"


def test_missing_path_and_broken_symlink(tmp_path: Path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "missing.txt"), str(link), "--format", "json"]
    )
    assert result.exit_code == 2
    for entry in json.loads(result.stdout)["files"]:
        (finding,) = entry["findings"]
        assert finding["rule"] == "GX001" and "不存在" in finding["message"]


def test_word_automatic_heading_numbers_are_read(rules):
    import docx
    from formats import to_docx_numbered

    from gxlint.ingest import read

    data = to_docx_numbered(DEFECTIVE)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "总体情况" in texts and "一、总体情况" not in texts  # the marker is Word's, not text
    source = read(data, "numbered.docx")
    for heading in ("一、总体情况", "（一）主动公开", "（二）依申请公开", "六、其他需要报告的事项"):
        assert f"\n{heading}\n" in source.text
    assert _rules_of(lint_bytes(data, "numbered.docx", rules)) == _rules_of(
        lint_text(DEFECTIVE, rules)
    )


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch):
    """chmod cannot stop root (CI runs as root), so the permission error is simulated."""
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    good = tmp_path / "good.txt"
    good.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(locked), str(good), "--format", "json", "-j", "1"]
    )
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    (finding,) = files["locked.txt"]["findings"]
    assert finding["rule"] == "GX001" and "Permission denied" in finding["message"]
    assert files["good.txt"]["findings"] == []


@pytest.mark.parametrize("quote", ['"', "'"])
def test_html_article_inside_a_script_string(rules, quote):
    """Some CMSs (the Shanghai government's 2019 page) put the article in `let content = "…"`."""
    text = DEFECTIVE
    inner = to_html(text).decode("gbk")
    inner = inner[inner.index("<div class='TRS_Editor'>") : inner.index("<div class='footer'>")]
    if quote == '"':
        literal = json.dumps(inner, ensure_ascii=False)
    else:
        literal = "'" + inner.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    page = (
        "<html><head><meta charset='utf-8'></head><body><div class='nav'>首页 政务公开</div>"
        f"<div id='content'></div><script>let content = {literal};"
        "document.getElementById('content').innerHTML = content;</script>"
        "<div class='footer'>主办单位：示例县人民政府</div></body></html>"
    )
    result = lint_bytes(page.encode("utf-8"), "page.html", rules)
    assert _rules_of(result) == _rules_of(lint_text(text, rules))


@pytest.mark.parametrize(
    ("head", "expected", "where"),
    [
        ('<meta name="PubDate" content="2023-01-09 19:36">', "2023-01-09", 'name="PubDate"'),
        (
            '<meta property="article:published_time" content="2024-02-01T08:00:00+08:00">'
            '<meta name="PubDate" content="2024-01-30 10:00">',
            "2024-01-30",  # the 政府网站发展指引 name wins over Open Graph
            'name="PubDate"',
        ),
        ('<meta name="DC.Date" content="2024/1/5">', "2024-01-05", 'name="DC.Date"'),
        ('<meta name="PubDate" content="unknown">', None, None),
        ("", None, None),
    ],
)
def test_page_publication_date_is_read_from_its_meta(head, expected, where):
    from gxlint.ingest import read

    page = f"<html><head>{head}</head><body><p>示例县统计局2023年政府信息公开工作年度报告</p></body></html>"
    published = read(page.encode("utf-8"), "page.html").published
    if expected is None:
        assert published is None
    else:
        assert published is not None
        assert (published.date.isoformat(), where in published.where.zh) == (expected, True)


def test_page_publication_date_survives_an_article_embedded_in_a_script():
    """The Shanghai-style page: the article is a JS string, the meta is in the outer page."""
    from gxlint.ingest import read

    article = "<p>" + "示例县统计局2023年政府信息公开工作年度报告。" * 30 + "</p>"
    page = (
        '<html><head><meta name="PubDate" content="2024-01-15 09:00"></head><body>'
        f'<script>var content = "{article}";</script></body></html>'
    )
    source = read(page.encode("utf-8"), "page.html")
    assert "示例县统计局" in source.text
    assert source.published is not None and source.published.date.isoformat() == "2024-01-15"


def test_table_inside_a_paragraph_keeps_its_rows():
    """`<p>…<table>…<td><p>3</p></td>…</table></p>` (invalid, but browsers show a table): a cell's
    `<p>` must not close the paragraph outside the table and with it the table."""
    from gxlint.ingest.html_reader import read_html

    page = (
        '<html><body><div class="article"><p>一、总体情况</p><p>正文。<table>'
        "<tr><td><p>信息内容</p></td><td><p>本年制发件数</p></td></tr>"
        "<tr><td><p>规章</p></td><td><p>3</p></td></tr></table></p>"
        "<ul><li>甲<table><tr><td><li>乙</li></td></tr></table></li></ul>"
        "<p>二、其他</p></div></body></html>"
    )
    extracted = read_html(page.encode("utf-8"))
    rows = [(line, loc) for line, loc in zip(extracted.lines, extracted.locators, strict=True)]
    assert ("信息内容 | 本年制发件数", "表1 第1行") in rows
    assert ("规章 | 3", "表1 第2行") in rows
    assert ("乙", "表2 第1行") in rows
    assert rows[-1] == ("二、其他", rows[-1][1]) and rows[-1][1].endswith("段")


def test_document_created_dates_are_hints():
    """A .pdf's CreationDate (`D:20240305…`) and a .docx's created datetime are read as hints
    (GX410), never as a publication date (GX408); unreadable values give none."""
    import datetime as dt

    from gxlint.ingest.published import from_document_created

    pdf = from_document_created("D:20240305101010+08'00'", ".pdf")
    assert pdf is not None and pdf.date == dt.date(2024, 3, 5) and pdf.hint
    assert "创建" in pdf.where.zh
    docx_date = from_document_created(dt.datetime(2024, 1, 10, 9, 0), ".docx")
    assert docx_date is not None and docx_date.date == dt.date(2024, 1, 10)
    assert from_document_created("D:20241399", ".pdf") is None
    assert from_document_created(None, ".docx") is None
