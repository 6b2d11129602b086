"""导出: the findings with their review columns as Excel, CSV, JSON and a printable HTML summary,
optionally only the confirmed ones; a PDF document with its findings boxed on its pages."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import streamlit as st

from ui import report, state
from ui.common import filtered, local_time

st.title("导出")
ss = st.session_state
its = state.items()
results = state.analyses()
if not results:
    st.info("还没有文档：请先在“文档”页载入文档。")
    st.stop()
decided = state.decisions(its)

scopes = {"all": "全部已加载文档的发现", "filtered": "“发现”页当前筛选的结果"}
st.radio("范围", list(scopes), format_func=scopes.get, key="x_scope", horizontal=True)
st.checkbox("只导出已确认的发现", key="x_confirmed_only")

chosen = its
if ss.get("x_scope") == "filtered":
    chosen = filtered(its, decided, ss)
chosen = report.chosen(chosen, decided, confirmed_only=bool(ss.get("x_confirmed_only")))
rows = [report.export_row(it, decided.get(it.fp)) for it in chosen]
summary = report.doc_summary(results, its, chosen, decided)

stamp = datetime.now(UTC).replace(tzinfo=None)
suffix = local_time(stamp).replace("-", "").replace(":", "").replace(" ", "-")
only = "（仅已确认）" if ss.get("x_confirmed_only") else ""
note = f"导出时间 {local_time(stamp)}（北京时间）；{scopes[ss.get('x_scope', 'all')]}{only}，共 {len(rows)} 条。"

st.metric("将导出的发现", len(rows))
st.caption(note)
coverage = [a.coverage.to_json() for a in results.values()]
# (label, icon, content, extension, MIME type); the content is built only when clicked
downloads = [
    ("Excel 工作簿", "table_view", lambda: report.workbook(rows, summary, coverage), "xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("CSV", "csv", lambda: report.csv_text(rows), "csv", "text/csv"),
    ("JSON", "data_object", lambda: report.json_text(rows), "json", "application/json"),
    ("打印版（HTML）", "print", lambda: report.printable(rows, summary, note), "html", "text/html"),
]  # fmt: skip
for i, (column, (label, icon, data, ext, mime)) in enumerate(zip(st.columns(len(downloads)), downloads, strict=True)):
    column.download_button(
        label,
        icon=f":material/{icon}:",
        data=data,
        file_name=f"审核发现-{suffix}.{ext}",
        mime=mime,
        type="primary" if i == 0 else "secondary",
        width="stretch",
        on_click="ignore",
    )
# The annotated PDF, one document at a time (the original pages, the findings boxed on them).
pdfs = {sha: a.doc.name for sha, a in results.items() if a.doc.format == "pdf"}
p1, p2 = st.columns([3, 1], vertical_alignment="bottom")
pick = p1.selectbox(
    "批注版 PDF：原文上用颜色框出每条发现的证据，批注中有说明、复核状态与意见，前面附汇总页",
    list(pdfs),
    format_func=pdfs.get,
    key="x_pdf",
    placeholder="已加载的文档中没有 PDF" if not pdfs else "选择文档",
)
p2.download_button(
    "批注版 PDF",
    icon=":material/picture_as_pdf:",
    # (built when clicked, outside the script run: what it needs is bound now)
    data=partial(report.annotated, ss.files[pick][1], pdfs[pick], rows, note) if pick else b"",
    file_name=f"审核批注-{pdfs[pick].rsplit('.', 1)[0] if pick else ''}-{suffix}.pdf",
    mime="application/pdf",
    disabled=pick is None,
    width="stretch",
    on_click="ignore",
)
st.markdown(
    "- **Excel**：“发现”表含全部字段（与命令行输出相同）以及复核状态、复核人、意见、复核时间、指派给、排除理由；"
    "“汇总”表每份文档一行；“覆盖情况”表列出每份文档识别的报表、各项核对的结果和未能与表格对应的文字金额；"
    "另有每份文档一张摘要表。\n"
    "- **CSV / JSON**：同样的字段，便于导入其他系统。\n"
    "- **打印版**：在浏览器中打开后打印，或“另存为 PDF”，用于跟进整改。\n"
    "- **批注版 PDF**：在原文 PDF 上用严重程度的颜色（红：高，橙：中，黄：低，灰：提示）框出每条发现的证据，"
    "点击框即可查看说明、复核状态与意见；前面的汇总页按序号列出全部发现及其页码。"
)
if not rows:
    st.warning("当前条件下没有可导出的发现（例如尚无已确认的发现）；导出的文件只含表头和汇总。")
