"""`--format html`: one standalone page with each finding marked where it is (the words in
the prose, the cell in a table) and listed beside the text; an index for several files.
Parsed here with the standard library; loaded in headless Chromium when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE, ROOT
from typer.testing import CliRunner

from gxlint.cli import app

DEFECTIVE = ROOT / "examples" / "2023_sample_bureau_with_defects.txt"


class _Elements(HTMLParser):
    """Every element with its attributes, its text, and the ids of its ancestors."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []  # the open elements
        self.found: list[dict] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name) and not attributes[name].startswith("#"):
                self.external.append(attributes[name])
        entry = {
            "tag": tag,
            "attrs": attributes,
            "text": "",
            "ancestors": [e["attrs"]["id"] for e in self.stack if e["attrs"].get("id")],
        }
        self.found.append(entry)
        if tag not in ("meta", "br", "img", "link"):
            self.stack.append(entry)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for entry in self.stack:
            entry["text"] += data


def _page(tmp_path: Path, *paths: Path) -> str:
    out = tmp_path / "review.html"
    result = CliRunner().invoke(
        app, ["check", "--format", "html", "-o", str(out), *map(str, paths)]
    )
    assert result.exit_code == 1, result.stderr
    return out.read_text("utf-8")


def test_a_wrong_total_is_marked_in_its_table_cell_and_listed(tmp_path: Path):
    page = _page(tmp_path, DEFECTIVE)
    parser = _Elements()
    parser.feed(page)
    assert parser.external == []  # nothing fetched: the page stands alone
    bad_cells = [
        e for e in parser.found if e["tag"] == "td" and "bad" in e["attrs"].get("class", "")
    ]
    assert [(c["ancestors"][-1], c["text"]) for c in bad_cells] == [("file1-L51", "24")]
    # one finding at the cell (GX230), naming the three identities it breaks
    assert "GX230" in bad_cells[0]["attrs"]["title"] and "GX213" in bad_cells[0]["attrs"]["title"]
    marks = [e for e in parser.found if e["tag"] == "mark"]
    assert ("file1-L8", "全年新收政府信息公开申请25件") in [
        (m["ancestors"][-1], m["text"]) for m in marks
    ]
    assert ("file1-L67", "2024年2月20日") in [(m["ancestors"][-1], m["text"]) for m in marks]
    listed = [e for e in parser.found if e["tag"] == "li"]
    assert len(listed) == 3 and all(e["attrs"]["id"].startswith("file1-f") for e in listed)
    assert 'href="#file1-L51"' in page  # each listed finding links to its place


def test_several_files_get_an_index_and_a_section_each(tmp_path: Path):
    page = _page(tmp_path, DEFECTIVE, EXAMPLE, CORPUS / "real-html" / "jtj_2021.html")
    parser = _Elements()
    parser.feed(page)
    index = next(e for e in parser.found if e["attrs"].get("id") == "index")
    assert index["tag"] == "table"
    sections = [e["attrs"]["id"] for e in parser.found if e["tag"] == "section"]
    assert sections == ["file1", "file2", "file3"]
    assert "未发现问题" in page  # the clean example


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed")
def test_chromium_loads_the_page_with_the_marks_in_place(tmp_path: Path):
    """The DOM a real browser builds from the page (HTML5 parsing rules): the marked cell is
    inside its table row, the marked words inside their line."""
    page_path = tmp_path / "review.html"
    page_path.write_text(_page(tmp_path, DEFECTIVE), encoding="utf-8")
    chromium = _chromium()
    assert chromium is not None
    common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    dom = subprocess.run(
        [*common, "--dump-dom", page_path.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    row = re.search(r'<tr id="file1-L51" class="hit">(.*?)</tr>', dom, re.S)
    assert row and re.search(
        r'<td[^>]*class="bad error"[^>]*><a href="#file1-f\d">24</a></td>', row[1]
    )
    line = re.search(r'<div class="line hit" id="file1-L8">(.*?)</div>', dom, re.S)
    assert line and "<mark" in line[1] and "全年新收政府信息公开申请25件</mark>" in line[1]
    shot = tmp_path / "review.png"
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1280,900", page_path.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
