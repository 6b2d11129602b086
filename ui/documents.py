"""文档: upload documents or use the samples; their status, type, year, department, pages and
finding counts; what changed since a document was last analysed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ui import state
from ui.common import SEVERITIES, local_time, severity_label, status_label

LOW_COVERAGE = "⚠ 覆盖不足，需人工审阅"

st.title("文档")
st.caption(
    "上传部门预算、部门决算或绩效自评公开文件（可一次选择多个），或使用示例文档。同名文件再次上传视为更正版本，替换原文件，已作出的复核决定会保留。"
)

uploaded = st.file_uploader(
    "上传文件（PDF、DOCX、XLSX、TXT、MD，可多选）",
    type=["pdf", "docx", "xlsx", "txt", "md"],
    accept_multiple_files=True,
    key="uploader",
)
for f in uploaded or []:
    if f.file_id not in st.session_state.seen_uploads:
        st.session_state.seen_uploads.add(f.file_id)
        state.add_file(f.name, f.getvalue())


def _drop() -> None:
    for sha in st.session_state.get("drop_docs", []):
        state.remove_file(sha)
    st.session_state.drop_docs = []


c1, c2, _ = st.columns([1, 1, 4])
c1.button("载入示例文档", help="sample_docs/ 中的 5 份 PDF", on_click=state.load_samples)
c2.button("清空列表", disabled=not st.session_state.files, on_click=state.clear_files)


def _open_scanned() -> None:
    """Add the picked batch-scanned files, read from where the scan found them."""
    by_sha = {c["sha256"]: c for c in st.session_state.get("scanned", [])}
    missing = []
    for sha in st.session_state.get("open_scanned", []):
        c = by_sha[sha]
        try:
            data = Path(c["path"]).read_bytes()
        except OSError:
            missing.append(f"{c['name']}（{c['path']}）")
            continue
        state.add_file(c["name"], data)
    st.session_state.open_scanned = []
    if missing:
        state.flash("documents", "warning", "找不到原文件，可能已移动或删除：" + "；".join(missing))


with st.expander(":material/folder_open: 打开批量扫描过的文件（结果库）"):
    scanned = [c for c in state.results_store().catalogue() if not c["error"] and c["analysed"]]
    scanned.sort(key=lambda c: (not c["low_coverage"], -c["high"], -c["medium"], c["name"]))
    st.session_state.scanned = scanned
    if not scanned:
        st.caption("结果库中还没有批量扫描的文件。在命令行用 `audit-assist scan 文件夹` 扫描后，可在这里按风险挑选文件复核。")
    else:
        st.caption(
            f"结果库中有 {len(scanned)} 个已分析的文件，覆盖不足的排在最前，其余按高、中风险发现数排序。打开后无需重新读取 PDF。"
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "文件": c["name"],
                        "覆盖": LOW_COVERAGE if c["low_coverage"] else "",
                        **{severity_label(s): c[s] for s in SEVERITIES},
                        "页数": c["pages"],
                        "读取时间": local_time(c["read_at"]),
                        "位置": c["path"],
                    }
                    for c in scanned
                ]
            ),
            hide_index=True,
            width="stretch",
            height=min(400, 38 + 35 * len(scanned)),
        )
        labels = {c["sha256"]: f"{c['name']}（高 {c['high']}，中 {c['medium']}）" for c in scanned}
        pick = st.multiselect("选择要打开的文件", list(labels), format_func=labels.get, key="open_scanned")
        st.button("打开所选", disabled=not pick, on_click=_open_scanned)

results = state.analyses()
its = state.items()
decided = state.decisions(its)
state.show_flash("documents")

for name, reason in st.session_state.errors.items():
    st.error(f"**{name}** 无法读取：{reason}")

rows = []
for sha, (name, _) in st.session_state.files.items():
    a = results.get(sha)
    if a is None:
        rows.append({"sha": sha, "文件": name, "状态": "✘ 无法读取"})
        continue
    d = a.doc
    mine = [it for it in its if it.sha == sha]
    sev = {s: sum(1 for it in mine if it.finding.severity.value == s) for s in SEVERITIES}
    done = sum(1 for it in mine if it.fp in decided and decided[it.fp].status != "pending")
    change = state.diff(sha)
    if change is None or change.first_time:
        changed = "首次分析"
    elif change.changed:
        changed = f"新增 {len(change.new)}，消失 {len(change.gone)}"
    else:
        changed = "无变化"
    if a.coverage.low_coverage:
        status = LOW_COVERAGE  # never presented as clean
    else:
        status = "△ 已分析（有提示）" if a.warnings else "✔ 已分析"
    rows.append(
        {
            "sha": sha,
            "文件": d.name,
            "状态": status,
            "覆盖": a.coverage.summary(),
            "类型": {"unknown": "未识别"}.get(d.doc_type, d.doc_type),
            "年度": d.year,
            "部门": d.department,
            "页数": d.page_count,
            "表格数": len(d.tables),
            "发现": len(mine),
            **{severity_label(s): sev[s] for s in SEVERITIES},
            "已复核": f"{done}/{len(mine)}",
            "与上次分析相比": changed,
        }
    )

if not rows:
    st.info("还没有文档：请上传文件，或点击“载入示例文档”。")
    st.stop()

# documents with low coverage first, flagged: too little was recognised to call them clean
low = [a for a in results.values() if a.coverage.low_coverage]
for a in low:
    st.warning(f"**{a.doc.name}**：{LOW_COVERAGE}（{'；'.join(a.coverage.low_coverage_reasons)}）")
rows.sort(key=lambda r: r["状态"] != LOW_COVERAGE)

m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("文档", len(st.session_state.files))
m2.metric("无法读取", len(st.session_state.errors))
m3.metric("发现", len(its))
m4.metric("已复核", sum(1 for it in its if it.fp in decided and decided[it.fp].status != "pending"))
m5.metric("覆盖不足", len(low))

# what a reviewer scans first on the left; the file name stays in view when scrolling sideways
COUNTS = ["发现", *(severity_label(s) for s in SEVERITIES)]
COLUMNS = ["文件", "状态", *COUNTS, "覆盖", "已复核", "与上次分析相比", "类型", "年度", "部门", "页数", "表格数"]
frame = pd.DataFrame(rows, columns=COLUMNS)
st.caption("点击一行查看该文档的覆盖情况：识别了哪些报表、核对了什么、哪些文字数字未能与表格对应。")
event = st.dataframe(
    frame,
    hide_index=True,
    placeholder="—",
    width="stretch",
    on_select="rerun",
    selection_mode=["single-row", "single-cell"],
    key="documents_table",
    column_config={
        "文件": st.column_config.TextColumn(width="medium", pinned=True),
        "状态": st.column_config.TextColumn(width="small"),
        "覆盖": st.column_config.TextColumn(width="medium"),
        **{c: st.column_config.NumberColumn(width=56) for c in COUNTS},
        "已复核": st.column_config.TextColumn(width="small"),
        "与上次分析相比": st.column_config.TextColumn(width=130),
        "年度": st.column_config.NumberColumn(format="%d", width="small"),
        "页数": st.column_config.NumberColumn(width="small"),
        "表格数": st.column_config.NumberColumn(width="small"),
    },
)

picked = (event.selection.rows or [c[0] for c in event.selection.cells]) if event else []
if picked and rows[picked[0]].get("sha") in results:
    st.session_state.coverage_doc = rows[picked[0]]["sha"]
    st.switch_page("ui/coverage.py")

for a in results.values():
    for w in a.warnings:
        st.warning(f"**{a.doc.name}**：{w}")

for name, n in st.session_state.replaced.items():
    st.caption(f"“{name}”已替换为新上传的版本（{n} 次）。")

# What re-analysis changed: new findings and the ones that are gone, with their decisions.
for sha, (name, _) in st.session_state.files.items():
    change = state.diff(sha)
    if change is None or not change.changed:
        continue
    with st.expander(
        f":material/sync: {name}：与 {local_time(change.previous_at)} 的分析相比，新增 {len(change.new)} 条，消失 {len(change.gone)} 条"
    ):
        new_set = set(change.new)
        new_rows = [
            {"规则": it.finding.rule, "严重程度": severity_label(it.finding.severity.value), "说明": it.finding.message}
            for it in its
            if it.sha == sha and it.fp in new_set
        ]
        st.markdown(f"**新增的发现**（{len(new_rows)}）")
        if new_rows:
            st.dataframe(pd.DataFrame(new_rows), hide_index=True, width="stretch")
        gone_decisions = state.store().decisions(g.fingerprint for g in change.gone)
        st.markdown(f"**已消失的发现**（{len(change.gone)}，其复核记录仍保留）")
        if change.gone:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "规则": g.rule,
                            "严重程度": severity_label(g.severity),
                            "说明": g.message,
                            "原复核状态": status_label(gone_decisions[g.fingerprint].status)
                            if g.fingerprint in gone_decisions
                            else "待复核",
                        }
                        for g in change.gone
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
        st.caption(f"未变化的发现 {len(change.kept)} 条，复核决定照旧有效。")

with st.expander("从列表中移除文档"):
    names = {sha: name for sha, (name, _) in st.session_state.files.items()}
    drop = st.multiselect("选择要移除的文档", list(names), format_func=names.get, key="drop_docs")
    st.button("移除所选", disabled=not drop, on_click=_drop)
