"""The ``audit-assist`` command: ``scan`` writes findings in the contract format, ``extract``
dumps the extracted model of one file for inspection."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .export import to_csv, to_json, to_jsonl, to_xlsx
from .pipeline import ExtractionError, analyse_document, collect_files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audit-assist", description="审核部门预算、决算与绩效自评公开文件")
    parser.add_argument("--version", action="version", version=f"audit-assist {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", help="分析文件或文件夹，输出发现（JSON Lines 等格式）")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--out", metavar="FILE", help="写入文件（缺省为标准输出）")
    scan.add_argument("--format", choices=["jsonl", "json", "csv", "xlsx"], default=None)
    scan.add_argument("--workers", type=int, default=None, metavar="N", help="并行读取文件的进程数（缺省为全部CPU核）")
    scan.add_argument(
        "--baseline",
        metavar="FILE",
        help="语料基线（JSON）：文件存在时直接使用；不存在时用本次扫描的文件拟合后保存（扫描文件夹时缺省即用该文件夹拟合）",
    )
    ext = sub.add_parser("extract", help="输出一个文件的抽取结果（表格、单元格、文字中的数字及出处）")
    ext.add_argument("path", metavar="FILE")
    ext.add_argument("--format", choices=["json", "text"], default="json")
    ext.add_argument("--out", metavar="FILE")
    args = parser.parse_args(argv)
    if args.command == "scan":
        fmt = args.format or _format_from_name(args.out) or "jsonl"
        if fmt == "xlsx" and not args.out:
            parser.error("--format xlsx 需要同时给出 --out FILE")
        if args.workers is not None and args.workers < 1:
            parser.error("--workers 必须是正整数")
        return _scan(args.paths, args.out, fmt, args.baseline, args.workers or os.cpu_count() or 1)
    return _extract(args.path, args.format, args.out)


def _format_from_name(out: str | None) -> str | None:
    if not out:
        return None
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in ("jsonl", "json", "csv", "xlsx") else None


class Progress:
    """A progress line on stderr (only when there is more than one file)."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.tty = sys.stderr.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if self.total <= 1:
            return
        width = 24
        filled = width * self.done // self.total
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name}"
        if self.tty:
            sys.stderr.write("\r" + line[:100].ljust(100))
            if self.done == self.total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _scan(paths: Sequence[str], out: str | None, fmt: str, baseline_file: str | None = None, workers: int = 1) -> int:
    """Read every file (in ``workers`` processes), fit the corpus baseline when a folder is
    scanned or ``--baseline FILE`` is new, then analyse each document against it."""
    from detectors.stats.corpus import corpus_baseline, using_baseline

    missing = [p for p in paths if not Path(p).exists()]
    files = list(collect_files(p for p in paths if Path(p).exists()))
    failures = 0
    for p in missing:
        _error(Path(p).name, "文件或文件夹不存在")
        failures += 1
    progress = Progress(len(files))
    loaded = _load_all(files, workers, progress)
    docs = {p: d for p, d in loaded.items() if not isinstance(d, str)}
    baseline = None
    if baseline_file or any(Path(p).is_dir() for p in paths):
        fitting = not (baseline_file and Path(baseline_file).exists())
        if fitting:
            sys.stderr.write(f"语料基线：用 {len(docs)} 个文件拟合{'，保存到 ' + baseline_file if baseline_file else ''}\n")
        try:
            baseline = corpus_baseline(list(docs.values()) if fitting else [], baseline_file)
        except (OSError, ValueError, KeyError) as exc:  # json errors are ValueErrors
            _error(Path(baseline_file or "").name, f"语料基线文件无法读取或写入（{exc}）")
            return 2
    rows: list[dict[str, Any]] = []
    with using_baseline(baseline):
        for path in files:
            result = loaded[path]
            if isinstance(result, str):
                _error(path.name, result)
                failures += 1
                continue
            try:
                analysis = analyse_document(result)
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
                _error(path.name, f"分析时出错（{type(exc).__name__}: {exc}）")
                failures += 1
                continue
            for w in analysis.doc.warnings:
                sys.stderr.write(f"提示：{path.name}：{w}\n")
            rows.extend(f.to_json() for f in analysis.findings)
    rows.sort(key=lambda r: -r["score"])
    _write(rows, out, fmt)
    if not files and not missing:
        sys.stderr.write("没有找到可分析的文件（支持 .pdf .docx .xlsx .txt .md）\n")
    return 1 if failures else 0


def _load_one(path: Path):
    """A document, or the reason it cannot be read (a string: it crosses process boundaries)."""
    from extract import load_document

    try:
        return load_document(path)
    except ExtractionError as exc:
        return exc.reason
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return f"读取时出错（{type(exc).__name__}: {exc}）"


def _load_all(files: list[Path], workers: int, progress: Progress) -> dict[Path, Any]:
    if workers <= 1 or len(files) <= 1:
        out = {}
        for path in files:
            out[path] = _load_one(path)
            progress.step(path.name)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed

    out = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(files))) as pool:
        futures = {pool.submit(_load_one, path): path for path in files}
        for fut in as_completed(futures):
            path = futures[fut]
            try:
                out[path] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker killed by a hostile file
                out[path] = f"读取进程异常退出（{type(exc).__name__}）"
            progress.step(path.name)
    return out


def _error(name: str, reason: str) -> None:
    sys.stderr.write(f"错误：{name}：{reason}\n")
    sys.stderr.flush()


def _write(rows: list[dict[str, Any]], out: str | None, fmt: str) -> None:
    if fmt == "xlsx":
        Path(out).write_bytes(to_xlsx(rows))  # type: ignore[arg-type]
        return
    text = {"jsonl": to_jsonl, "json": to_json, "csv": to_csv}[fmt](rows)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _extract(path: str, fmt: str, out: str | None) -> int:
    from extract import load_document

    try:
        doc = load_document(path)
    except ExtractionError as exc:
        _error(Path(path).name, exc.reason)
        return 1
    if fmt == "json":
        text = json.dumps(_plain(dataclasses.asdict(doc)), ensure_ascii=False, indent=1) + "\n"
    else:
        text = _describe(doc)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for w in doc.warnings:
        sys.stderr.write(f"提示：{doc.name}：{w}\n")
    return 0


def _plain(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items() if k != "char_boxes"}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def _describe(doc) -> str:
    lines = [f"{doc.name}  {doc.doc_type}  {doc.year or ''}  {doc.department}  页数 {doc.page_count or '-'}"]
    for t in doc.tables:
        pages = f"第{t.pages[0]}-{t.pages[1]}页" if t.pages else ""
        lines.append(f"\n[{t.id}] {t.number} {t.title} {t.part} 类型={t.kind or '未识别'} 单位={t.unit} {pages}")
        lines.append("  列: " + " | ".join(f"{c.header or '-'}({c.role or '?'})" for c in t.columns))
        for r in t.rows:
            lines.append(f"  {r.text}")
    lines.append(f"\n文字中的数字 {len(doc.figures)} 个")
    for f in doc.figures:
        lines.append(f"  {f.kind:7} {f.text:>14}  主题={f.subject}  第{f.page or '-'}页")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
