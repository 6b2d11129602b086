"""The ``audit-assist`` command: ``scan`` writes findings in the contract format, ``extract``
dumps the extracted model of one file for inspection."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .accounts import ROLES
from .batch import Limits
from .export import to_csv, to_json, to_jsonl, to_xlsx
from .pipeline import ExtractionError, collect_files, read_error


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audit-assist", description="审核部门预算、决算与绩效自评公开文件")
    parser.add_argument("--version", action="version", version=f"audit-assist {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", help="分析文件或文件夹，输出发现（JSON Lines 等格式）")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--out", metavar="FILE", help="写入文件（缺省为标准输出）")
    scan.add_argument("--format", choices=["jsonl", "json", "csv", "xlsx"], default=None)
    scan.add_argument(
        "--coverage", metavar="FILE", help="把每个文件的覆盖情况（识别了哪些表、核对了什么）写入 FILE（JSON Lines，每个文件一行）"
    )
    scan.add_argument("--workers", type=int, default=None, metavar="N", help="并行分析文件的进程数（缺省为全部CPU核）")
    scan.add_argument(
        "--results",
        metavar="URL",
        help="结果库（SQLAlchemy URL 或 SQLite 文件路径；缺省为复核用的数据库）：已分析过的文件直接沿用，中断后可继续",
    )
    scan.add_argument("--fresh", action="store_true", help="不沿用结果库中的结果，全部重新读取和分析")
    scan.add_argument(
        "--max-seconds", type=float, default=Limits.seconds, metavar="S", help=f"每个文件的时间上限（缺省 {Limits.seconds:g} 秒）"
    )
    scan.add_argument(
        "--max-memory", type=int, default=Limits.memory_mb, metavar="MB", help=f"每个文件的内存上限（缺省 {Limits.memory_mb} MB）"
    )
    scan.add_argument(
        "--max-pages", type=int, default=Limits.pages, metavar="N", help=f"每个 PDF 的页数上限（缺省 {Limits.pages} 页）"
    )
    scan.add_argument("--scheduler", metavar="ADDRESS", help="在 Dask 集群上运行（调度器地址，如 tcp://10.0.0.5:8786）")
    scan.add_argument(
        "--no-links",
        action="store_true",
        help="不把文件（及结果库中已有的文件）按文档族关联起来交叉核对（部门与单位、预算与决算、上年与本年）",
    )
    scan.add_argument(
        "--baseline",
        metavar="FILE",
        help="语料基线（JSON）：文件存在时直接使用；不存在时用本次扫描的文件拟合后保存（扫描文件夹时缺省即用该文件夹拟合）",
    )
    ext = sub.add_parser("extract", help="输出一个文件的抽取结果（表格、单元格、文字中的数字及出处）")
    ext.add_argument("path", metavar="FILE")
    ext.add_argument("--format", choices=["json", "text"], default="json")
    ext.add_argument("--out", metavar="FILE")
    user = sub.add_parser("user", help="管理审核应用的账号（复核数据库：AUDIT_ASSIST_DB 或 data/audit_assist.db）")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="添加账号：密码在提示时输入两次（或从标准输入读取一行）")
    add.add_argument("name", metavar="NAME", help="登录用的账号名，记录在其每条复核意见中")
    add.add_argument(
        "--role", required=True, choices=ROLES, help="审核员：确认、排除、填写意见；复核主管：另可重新打开、指派、签发"
    )
    user_sub.add_parser("list", help="列出账号及其角色")
    args = parser.parse_args(argv)
    if args.command == "user":
        return _user(args)
    if args.command == "scan":
        fmt = args.format or _format_from_name(args.out) or "jsonl"
        if fmt == "xlsx" and not args.out:
            parser.error("--format xlsx 需要同时给出 --out FILE")
        if args.workers is not None and args.workers < 1:
            parser.error("--workers 必须是正整数")
        if min(args.max_seconds, args.max_memory, args.max_pages) <= 0:
            parser.error("--max-seconds、--max-memory、--max-pages 必须是正数")
        return _scan(
            args.paths,
            args.out,
            fmt,
            args.baseline,
            args.workers or os.cpu_count() or 1,
            results=args.results,
            fresh=args.fresh,
            limits=Limits(args.max_seconds, args.max_memory, args.max_pages),
            scheduler=args.scheduler,
            coverage=args.coverage,
            links=not args.no_links,
        )
    return _extract(args.path, args.format, args.out)


def _user(args: argparse.Namespace) -> int:
    """``user add`` / ``user list``, on the review store's database."""
    from .accounts import Accounts
    from .store import Store

    store = Store()
    try:
        accounts = Accounts(store)
        if args.user_command == "list":
            for a in accounts.all():
                sys.stdout.write(f"{a.name}\t{a.role}\n")
            return 0
        if sys.stdin.isatty():
            password = getpass.getpass("密码：")
            if getpass.getpass("再次输入密码：") != password:
                _error(args.name, "两次输入的密码不一致")
                return 1
        else:  # a script: the first line of standard input (never an argument: ps would show it)
            password = sys.stdin.readline().rstrip("\r\n")
        try:
            account = accounts.add(args.name, args.role, password)
        except ValueError as exc:
            _error(args.name, str(exc))
            return 1
        sys.stderr.write(f"已添加账号 {account.name}（{account.role}），数据库 {store.url}\n")
        return 0
    finally:
        store.dispose()


def _format_from_name(out: str | None) -> str | None:
    if not out:
        return None
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in ("jsonl", "json", "csv", "xlsx") else None


def _scan(
    paths: Sequence[str],
    out: str | None,
    fmt: str,
    baseline_file: str | None = None,
    workers: int = 1,
    *,
    results: str | None = None,
    fresh: bool = False,
    limits=None,
    scheduler: str | None = None,
    coverage: str | None = None,
    links: bool = True,
) -> int:
    """Scan the files (``audit_assist.batch``): the baseline is fitted on the scanned files when
    a folder is scanned or ``--baseline FILE`` does not exist yet, read from FILE when it does."""
    from detectors.stats.baseline import Baseline

    from .batch import ClusterError, Limits, scan_files
    from .families import link_stored
    from .results import ResultStore

    missing = {}
    for p in paths:
        try:
            os.stat(p)
        except OSError as exc:
            missing[p] = read_error(p, exc)
    files = list(collect_files(p for p in paths if p not in missing))
    for p, reason in missing.items():
        _error(Path(p).name, reason)
    fit = False
    baseline = None
    if baseline_file and Path(baseline_file).exists():
        try:
            baseline = Baseline.load(baseline_file)
        except (OSError, ValueError, KeyError) as exc:  # json errors are ValueErrors
            _error(Path(baseline_file).name, f"语料基线文件无法读取（{exc}）")
            return 2
    elif baseline_file or any(Path(p).is_dir() for p in paths):
        fit = True
        sys.stderr.write(f"语料基线：用扫描的 {len(files)} 个文件拟合{'，保存到 ' + baseline_file if baseline_file else ''}\n")
    try:
        store = ResultStore(_results_url(results))
    except Exception as exc:  # noqa: BLE001 - a wrong URL or an unreachable server
        _error(results or "结果库", f"无法打开结果库（{type(exc).__name__}: {exc}）")
        return 2
    try:
        report = scan_files(
            files,
            store=store,
            workers=workers,
            limits=limits or Limits(),
            fit_baseline=fit,
            baseline=baseline,
            baseline_file=baseline_file,
            fresh=fresh,
            scheduler=scheduler,
        )
        linked = link_stored(store, report.analysed) if links else None
    except ClusterError as exc:
        _error(scheduler or "", str(exc))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("\n已中断：已完成的文件都已保存在结果库中，再次运行同一命令会从中断处继续。\n")
        return 130
    except OSError as exc:
        _error(Path(baseline_file or "").name, f"语料基线文件无法写入（{exc}）")
        return 2
    finally:
        store.dispose()
    for name, w in report.warnings:
        sys.stderr.write(f"提示：{name}：{w}\n")
    for name, reason in report.failures:
        _error(name, reason)
    low = [c for c in report.coverage if c["low_coverage"]]
    for c in low:
        sys.stderr.write(f"覆盖不足，需人工审阅：{c['doc']}：{'；'.join(c['low_coverage_reasons'])}\n")
    rows = report.rows
    if linked is not None and linked.rows:
        rows = sorted([*rows, *linked.rows], key=lambda r: -r["score"])
    _write(rows, out, fmt, report.coverage)
    if coverage:
        Path(coverage).write_text(to_jsonl(report.coverage), encoding="utf-8")
    if linked is not None and linked.families:
        names = "；".join("、".join(m.name for m in fam.members) for fam in linked.families[:5])
        sys.stderr.write(f"文档族：{len(linked.families)} 个（{names}），跨文件发现 {len(linked.rows)} 条\n")
    if not files and not missing:
        sys.stderr.write("没有找到可分析的文件（支持 .pdf .docx .xlsx .txt .md）\n")
    elif len(files) > 1:
        line = f"完成：{report.documents} 个文件已分析（其中 {report.reused} 个沿用结果库），失败 {len(report.failures)}，用时 {report.seconds:.1f} 秒"
        if report.pages:
            line += f"；读取 {report.pages} 页，{report.pages_per_second:.1f} 页/秒，单个文件进程内存峰值 {report.peak_mb:.0f} MB"
        sys.stderr.write(line + "\n")
        sys.stderr.write(f"覆盖情况：充分 {report.documents - len(low)} 个，不足 {len(low)} 个（需人工审阅）\n")
    return 1 if missing or report.failures else 0


def _results_url(results: str | None) -> str | None:
    """``--results``: a SQLAlchemy URL, or the path of a SQLite file; default the product's store."""
    if not results:
        return None
    if "://" in results:
        return results
    return f"sqlite:///{Path(results).resolve()}"


def _error(name: str, reason: str) -> None:
    sys.stderr.write(f"错误：{name}：{reason}\n")
    sys.stderr.flush()


def _write(rows: list[dict[str, Any]], out: str | None, fmt: str, coverage: list[dict[str, Any]]) -> None:
    if fmt == "xlsx":
        Path(out).write_bytes(to_xlsx(rows, coverage=coverage))  # type: ignore[arg-type]
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
