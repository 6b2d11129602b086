"""The command line as CONTRACT.md specifies it, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLES

from models import CATEGORIES

CLI = [sys.executable, "-m", "audit_assist.cli"]
FIELDS = {"doc", "rule", "category", "severity", "score", "confidence", "title", "message", "evidence", "values", "fingerprint"}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def check_contract_line(row: dict) -> None:
    assert set(row) == FIELDS
    assert row["category"] in CATEGORIES
    assert row["severity"] in ("high", "medium", "low", "info")
    assert row["score"] >= 0 and 0 <= row["confidence"] <= 1
    assert row["evidence"] and all(e["text"] for e in row["evidence"])
    for e in row["evidence"]:
        assert set(e) == {"page", "text", "bbox", "role"}
        assert e["bbox"] is None or len(e["bbox"]) == 4
    assert all(isinstance(v, (int, float)) for v in row["values"].values())
    assert len(row["fingerprint"]) == 16


def test_scan_sample_texts_writes_contract_lines():
    txts = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    res = run("scan", *txts)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows, "the sample documents contain known errors"
    for row in rows:
        check_contract_line(row)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {r["doc"] for r in rows} <= {Path(p).name for p in txts}
    # several files: a progress line per file on stderr, then a summary
    assert res.stderr.count("/5 · ") == 5
    assert "完成：5 个文件已分析（其中 0 个沿用结果库），失败 0" in res.stderr
    again = run("scan", *txts)  # from the results store this time
    assert "完成：5 个文件已分析（其中 5 个沿用结果库），失败 0" in again.stderr
    assert again.stdout == res.stdout


def test_scan_bad_files_batch_goes_on(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "notes.doc").write_bytes(b"hello")
    good = tmp_path / "good.txt"
    good.write_text((SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "f.json"
    res = run(
        "scan",
        str(tmp_path / "empty.pdf"),
        str(tmp_path / "notes.doc"),
        str(good),
        str(tmp_path / "missing.txt"),
        "--out",
        str(out),
        "--format",
        "json",
    )
    assert res.returncode == 1
    assert "错误：empty.pdf：文件为空（0 字节）" in res.stderr
    assert "错误：notes.doc：不支持的文件类型“.doc”" in res.stderr
    assert "错误：missing.txt：文件或文件夹不存在" in res.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows and {r["doc"] for r in rows} == {"good.txt"}


def test_scan_formats(tmp_path):
    src = str(SAMPLES / "002_78b07d84ccf1ecd6.txt")
    jsonl = run("scan", src)
    rows = [json.loads(x) for x in jsonl.stdout.splitlines()]
    csv_out = tmp_path / "f.csv"
    assert run("scan", src, "--out", str(csv_out)).returncode == 0
    import csv

    with open(csv_out, encoding="utf-8-sig") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [r["fingerprint"] for r in csv_rows] == [r["fingerprint"] for r in rows]
    xlsx_out = tmp_path / "f.xlsx"
    assert run("scan", src, "--format", "xlsx", "--out", str(xlsx_out)).returncode == 0
    from openpyxl import load_workbook

    ws = load_workbook(xlsx_out).active
    assert ws.title == "发现"
    assert ws.cell(1, 1).value == "文件" and ws.max_row == len(rows) + 1
    assert ws.cell(2, 8).value == rows[0]["message"]


def test_usage_errors_exit_2():
    assert run("scan").returncode == 2
    assert run("scan", "x.txt", "--format", "xml").returncode == 2
    assert run("scan", "x.txt", "--format", "xlsx").returncode == 2
    assert run("frobnicate").returncode == 2


def test_extract_dumps_model_with_provenance():
    res = run("extract", str(SAMPLES / "000_4aab53e2ab223d76.txt"))
    assert res.returncode == 0, res.stderr
    model = json.loads(res.stdout)
    assert model["doc_type"] == "部门决算" and model["year"] == 2023
    t = next(t for t in model["tables"] if t["number"] == "公开03表")
    row = next(r for r in t["rows"] if r["code"] == "2101501")
    assert [c["value"] for c in row["cells"][2:5]] == ["105.6", "0", "105.6"]
    fig = next(f for f in model["figures"] if f["text"] == "329.85万元")
    assert fig["subject"] == "卫生健康（类）支出" and fig["kind"] == "amount"


def test_parallel_scan_gives_the_serial_result(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    for name in ("002_78b07d84ccf1ecd6.txt", "004_2958b8ff77e9055f.pdf"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    serial = run("scan", str(tmp_path), "--workers", "1")
    parallel = run("scan", str(tmp_path), "--workers", "3", "--fresh")
    assert serial.returncode == parallel.returncode == 1
    assert "错误：broken.pdf：PDF 文件损坏" in parallel.stderr
    assert parallel.stdout == serial.stdout and serial.stdout.count("\n") > 5
    assert run("scan", str(tmp_path), "--workers", "0").returncode == 2


def test_symlink_loops_are_named_as_loops(tmp_path):
    """A loop of symbolic links, named on the command line or met in a folder, is reported as a
    loop with its links (not as "does not exist" or the system's English message); the other
    files are still analysed."""
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "self.md").symlink_to("self.md")
    (tmp_path / "good.txt").write_text((SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8"), encoding="utf-8")
    named = run("scan", str(tmp_path / "a.txt"), "--out", str(tmp_path / "named.json"))
    assert named.returncode == 1
    assert named.stderr == "错误：a.txt：符号链接循环（a.txt → b.txt → a.txt），无法读取\n"
    folder = run("scan", str(tmp_path), "--out", str(tmp_path / "folder.json"))
    assert folder.returncode == 1
    errors = [line for line in folder.stderr.splitlines() if line.startswith("错误：")]
    assert errors == [
        "错误：a.txt：符号链接循环（a.txt → b.txt → a.txt），无法读取",
        "错误：b.txt：符号链接循环（b.txt → a.txt → b.txt），无法读取",
        "错误：self.md：符号链接循环（self.md → self.md），无法读取",
    ]
    assert {r["doc"] for r in json.loads((tmp_path / "folder.json").read_text(encoding="utf-8"))} == {"good.txt"}


def test_a_file_that_is_no_disclosure_is_refused(tmp_path):
    """A spreadsheet of names and a letter were reported as clean documents (0 findings, exit 0):
    now each is named as not recognised, exit status 1, and a real document beside them is still
    analysed. ``extract`` still shows what was read."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "部门", "电话"])
    wb.active.append(["张三", "办公室", "0731-12345678"])
    wb.save(tmp_path / "通讯录.xlsx")
    (tmp_path / "letter.txt").write_text("Dear colleague,\nthe meeting is on Monday at 10.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text((SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8"), encoding="utf-8")
    res = run("scan", str(tmp_path / "通讯录.xlsx"), str(tmp_path / "letter.txt"), str(good), "--out", str(tmp_path / "f.json"))
    assert res.returncode == 1
    reason = "未识别为预算/决算/绩效文件：没有找到预算、决算或绩效的表格，也没有相关的文字说明"
    assert [line for line in res.stderr.splitlines() if line.startswith("错误：")] == [
        f"错误：通讯录.xlsx：{reason}",
        f"错误：letter.txt：{reason}",
    ]
    assert {r["doc"] for r in json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))} == {"good.txt"}
    shown = run("extract", str(tmp_path / "通讯录.xlsx"), "--format", "text")
    assert shown.returncode == 0 and "张三\t办公室\t0731-12345678" in shown.stdout
