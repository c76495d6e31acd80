"""`gxlint extract`: every table cell once with its keys and place, blank kept blank, the numbers
of the prose, and the four writers (CSV for WPS/Excel, JSON against the shipped schema, JSONL,
xlsx), streaming report by report."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tracemalloc
from pathlib import Path

import pytest
from conftest import CORPUS
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from gxlint.cli import app
from gxlint.engine import analyse_file, load_rules
from gxlint.extract import FIELDS, records
from gxlint.resources import data_dir

SERIES = Path(__file__).parent / "series"
RULES = load_rules()


def _extract(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, ["extract", *args])
    finally:
        os.chdir(old)


def _table_numbers(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, text) of every cell of the ` | `-separated table rows that is a number,
    read independently of gxlint (labels such as `1.属于国家秘密` are not numbers)."""
    found = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if " | " not in line:
            continue
        column = 1
        for cell in line.split(" | "):
            if re.fullmatch(r"-?\d+(?:\.\d+)?", cell.strip()):
                found.append((n, column + len(cell) - len(cell.lstrip()), cell.strip()))
            column += len(cell) + 3
    return found


@pytest.mark.parametrize(
    "name", ["effective_jump/jtj_2024.txt", "consistent/jtj_2020.txt", "carry_over/jtj_2022.txt"]
)
def test_every_table_number_appears_once_with_keys_and_place(name: str):
    """2021 format (表二, 表三, 表四) and 2019 format: 81 and more cells, each number of the
    text's tables exactly once, at its line and column, with its template keys and labels."""
    path = SERIES / name
    analysis = analyse_file(path, RULES)
    cells = [r for r in records(analysis, str(path)) if r["record"] == "cell"]
    numbers = _table_numbers(path)
    assert len(numbers) > 80
    assert sorted((r["line"], r["col"], r["raw"]) for r in cells) == sorted(numbers)
    keys = [(r["table"], r["row_key"], r["column_key"]) for r in cells]
    assert len(keys) == len(set(keys))
    for r in cells:
        assert r["table"] and r["row_key"] and r["column_key"] and r["row_label"]
        assert r["value"] == float(r["raw"]) and r["locator"] is None
    carried = next(r for r in cells if (r["row_key"], r["column_key"]) == ("carried", "total"))
    assert (
        carried["table_name"] == "表三" and carried["row_label"] == "上年结转政府信息公开申请数量"
    )
    assert carried["column_label"] == "总计"


def test_keys_are_the_same_across_eras_for_the_same_meaning():
    """表三's 予以公开/自然人 is one key in a 2020 (2019 format) and a 2024 (2021 format) report."""
    keys = []
    for name in ("consistent/jtj_2020.txt", "effective_jump/jtj_2024.txt"):
        analysis = analyse_file(SERIES / name, RULES)
        keys.append(
            {
                (r["table"], r["row_key"], r["column_key"])
                for r in records(analysis, name)
                if r["record"] == "cell" and r["table"] == "apply"
            }
        )
    assert ("apply", "results.granted", "natural") in keys[0] & keys[1]
    assert ("apply", "results.other.no_fee", "total") in keys[1] - keys[0]


def test_a_blank_cell_stays_blank_not_zero(tmp_path: Path):
    text = (SERIES / "effective_jump" / "jtj_2024.txt").read_text(encoding="utf-8")
    row = "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    assert row in text
    (tmp_path / "r.txt").write_text(
        text.replace(row, "二、上年结转政府信息公开申请数量 | 0 |  | 0 | 0 | 0 | 0 | 0"),
        encoding="utf-8",
    )
    analysis = analyse_file(tmp_path / "r.txt", RULES)
    cell = next(
        r
        for r in records(analysis, "r.txt")
        if (r["row_key"], r["column_key"]) == ("carried", "commercial")
    )
    assert (cell["raw"], cell["value"]) == ("", None)


def test_facts_carry_label_unit_and_their_total():
    """`共收到政府信息公开申请11件，其中网络申请5件，信函申请6件`: the parts name their total."""
    path = SERIES / "consistent" / "jtj_2022.txt"
    facts = [r for r in records(analyse_file(path, RULES), str(path)) if r["record"] == "fact"]
    total = next(r for r in facts if r["raw"] == "11件")
    assert (total["value"], total["unit"], total["approx"], total["scope"]) == (
        11,
        "件",
        False,
        "year",
    )
    assert "收到政府信息公开申请" in total["label"] and total["line"] == 10
    parts = [r for r in facts if r["part_of"] == total["fact_id"]]
    assert [(p["raw"], p["label"]) for p in parts] == [("5件", "其中网络申请"), ("6件", "信函申请")]
    assert total["sentence"].startswith("全年我局共收到政府信息公开申请11件")


def test_csv_has_the_fields_as_header_and_a_bom_for_wps_and_excel(tmp_path: Path):
    out = tmp_path / "cells.csv"
    result = _extract(str(SERIES / "effective_jump"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == FIELDS
    assert {r["path"].rsplit("/", 1)[-1] for r in rows} == {"jtj_2023.txt", "jtj_2024.txt"}
    effective = [
        r
        for r in rows
        if r["year"] == "2024" and (r["row_key"], r["column_key"]) == ("normative", "effective")
    ]
    assert [(e["value"], e["line"], e["col"]) for e in effective] == [("23", "20", "19")]


def test_json_validates_against_the_shipped_schema(tmp_path: Path):
    result = _extract(
        "-f", "json", str(SERIES / "items_2019"), str(CORPUS / "real-html" / "jtj_2021.html")
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    schema = json.loads((data_dir("rules") / "schema" / "extract.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    html_cells = [
        r for r in document["records"] if r["path"].endswith(".html") and r["record"] == "cell"
    ]
    assert html_cells and all(r["line"] is None and r["locator"] for r in html_cells)
    lines = _extract("-f", "jsonl", str(SERIES / "items_2019")).stdout.splitlines()
    non_html = [r for r in document["records"] if not r["path"].endswith(".html")]
    assert [json.loads(line) for line in lines] == non_html


def test_xlsx_has_a_sheet_of_cells_and_a_sheet_of_facts(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "r.xlsx"
    result = _extract("-f", "xlsx", "-o", str(out), str(SERIES / "effective_jump" / "jtj_2024.txt"))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["表格", "正文数字"]
    cells = list(book["表格"].values)
    assert cells[0][:3] == ("record", "path", "agency") and "column_key" in cells[0]
    assert "sentence" not in cells[0] and "sentence" in next(book["正文数字"].values)
    assert len(cells) > 80


def test_xlsx_needs_an_output_file():
    result = _extract("-f", "xlsx", str(SERIES / "effective_jump"))
    assert result.exit_code == 2 and "-o" in result.stderr


def test_a_bad_file_is_said_and_the_others_are_still_extracted(tmp_path: Path):
    shutil.copy(SERIES / "effective_jump" / "jtj_2024.txt", tmp_path / "good.txt")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a docx")
    result = _extract("-f", "jsonl", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert "bad.docx" in result.stderr and "Traceback" not in result.stderr
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {"good.txt"}


def _peak_extracting(paths: list[Path]) -> int:
    sink = io.StringIO()
    tracemalloc.start()
    for path in paths:
        for record in records(analyse_file(path, RULES), str(path)):
            sink.write(json.dumps(record, ensure_ascii=False))
            sink.seek(0)
            sink.truncate()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_extraction_streams_in_flat_memory(tmp_path: Path):
    """Peak memory over 150 reports is that of 30: nothing is kept from one report to the next."""
    source = (SERIES / "effective_jump" / "jtj_2024.txt").read_text(encoding="utf-8")
    paths = []
    for n in range(150):
        path = tmp_path / f"r{n}.txt"
        path.write_text(source.replace("2024", str(1900 + n)), encoding="utf-8")
        paths.append(path)
    few, many = _peak_extracting(paths[:30]), _peak_extracting(paths)
    assert many < few * 1.3
