"""文档: upload or choose documents; their status and finding counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import state

st.title("文档")
uploaded = st.file_uploader(
    "上传文件（PDF、DOCX、XLSX、TXT、MD，可多选）", type=["pdf", "docx", "xlsx", "txt", "md"], accept_multiple_files=True
)
for f in uploaded or []:
    state.add_file(f.name, f.getvalue())

results = state.analyses()
for name, reason in st.session_state.errors.items():
    st.error(f"{name}：{reason}")

rows = []
for a in results.values():
    d = a.doc
    sev = {s: sum(1 for f in a.findings if f.severity.value == s) for s in ("high", "medium", "low", "info")}
    rows.append(
        {
            "文件": d.name,
            "类型": d.doc_type,
            "年度": d.year,
            "部门": d.department,
            "页数": d.page_count,
            "表格数": len(d.tables),
            "高": sev["high"],
            "中": sev["medium"],
            "低": sev["low"],
            "提示": sev["info"],
            "说明": "；".join(d.warnings),
        }
    )
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
else:
    st.info("还没有文档：请上传文件。")
