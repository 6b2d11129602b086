"""覆盖情况: what was checked in one document, not only what failed — the type and template
recognised, the standard tables found, each check with its cases (each failed one opens its
finding on the 详情 page), the narrative amounts not linked to a table cell with their sentences,
and the pages not read."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from extract.pdf import page_ranges
from ui import state
from ui.common import md

st.title("覆盖情况")
ss = st.session_state
results = state.analyses()
if not results:
    st.info("还没有文档：请先在“文档”页上传文件或载入示例文档。")
    st.stop()

names = {sha: ss.files[sha][0] for sha in results}
# low coverage first: those are the documents that cannot be called clean
order = sorted(names, key=lambda sha: not results[sha].coverage.low_coverage)
if ss.get("coverage_doc") not in names:
    ss.coverage_doc = order[0]
sha = st.selectbox(
    "文档",
    order,
    format_func=lambda s: f"{names[s]}（覆盖不足）" if results[s].coverage.low_coverage else names[s],
    key="coverage_doc",
)
c = results[sha].coverage

if c.low_coverage:
    st.error("**覆盖不足，需人工审阅**：" + "；".join(c.low_coverage_reasons) + "。没有发现不代表没有问题。")
else:
    st.success(f"覆盖充分：{c.summary()}。")

m = st.columns(4)
m[0].metric("标准报表", f"{c.tables_found}/{len(c.tables)}" if c.tables else "—")
m[1].metric("核对（通过 + 未通过）", c.checked)
m[2].metric("未通过", c.failed)
m[3].metric("文字金额已对应", f"{len(c.linked)}/{c.about_tables}" if c.tables else "—")

template = c.template or "未识别"
st.markdown(
    f"**文件类型** {c.doc_type if c.doc_type != 'unknown' else '未识别'}{('（' + c.level + '）') if c.level else ''}"
    f"　·　**模板** {template}（把握 {c.template_confidence:.0%}；{md(c.template_reason)}）"
)

st.subheader("应公开的标准报表")
if not c.tables:
    st.caption("这类文件没有规定必须公开的标准报表。")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "报表": t.label,
                    "结果": "✔ 已找到" if t.found else "✘ 未找到",
                    "标题（原文）": t.title or "",
                    "表号": t.number,
                    "页码": "、".join(map(str, t.pages)),
                }
                for t in c.tables
            ]
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader("核对")
COUNTS = ["通过", "未通过", "不适用", "其中尾数", "发现"]
checks = pd.DataFrame(
    [
        {
            "规则": k.rule,
            "核对": k.name,
            "通过": k.passed,
            "未通过": k.failed,
            "不适用": k.not_applicable,
            "其中尾数": k.rounding,
            "发现": k.findings if k.cases is None else None,
        }
        for k in c.checks
    ]
).astype({name: "Int64" for name in COUNTS})  # counts, blank where a rule does not enumerate its cases
st.dataframe(
    checks,
    hide_index=True,
    width="stretch",
    placeholder="—",
    height=min(38 + 35 * len(c.checks), 600),
)
st.caption("“通过 / 未通过 / 不适用”逐项列出规则核对的每个等式或每个数字；只列“发现”数的规则不逐项计数。")

keys = {it.finding.fingerprint: it.key for it in state.items() if it.sha == sha}


def _open(key: str) -> None:
    ss.current = key


failing = [k for k in c.checks if k.failures]
for i, k in enumerate(failing):
    with st.expander(f"{k.rule} {k.name}：{len(k.failures)} 项未通过"):
        for j, case in enumerate(k.failures):
            left, right = st.columns([6, 1], vertical_alignment="center")
            # a figure of the text is shown by its sentence, a table identity by its row
            where = case.figure.sentence if case.figure is not None else case.where.text
            page = case.figure.page if case.figure is not None else case.where.page
            left.markdown(f"{md(where)}" + (f"　（第 {page} 页）" if page else ""))
            key = keys.get(case.finding.fingerprint) if case.finding is not None else None
            if key is not None and right.button("查看发现", key=f"cov_{i}_{j}", on_click=_open, args=(key,)):
                st.switch_page("ui/detail.py")

st.subheader("文字中的金额")
sought = {id(f) for f in c.sought}
st.markdown(
    f"文中共 {len(c.amounts)} 个金额，其中 {c.about_tables} 个说明的是报表中的数，{len(c.linked)} 个已与表格单元格对应并核对。"
)


def _amount_rows(figures) -> pd.DataFrame:
    return pd.DataFrame([{"金额": f.text, "说明对象": f.subject, "所在句子": f.sentence, "页码": f.page} for f in figures])


if c.sought:
    st.markdown(f"**说明报表数、但未找到对应单元格的金额**（{len(c.sought)}）")
    st.dataframe(_amount_rows(c.sought), hide_index=True, width="stretch", placeholder="—")
others = [f for f in c.unlinked if id(f) not in sought]
if others:
    with st.expander(f"未识别为报表数的金额（{len(others)}，如预算数、项目、采购金额）"):
        st.dataframe(_amount_rows(others), hide_index=True, width="stretch", placeholder="—")

st.subheader("未读取的页")
if not c.pages:
    st.caption("每一页都有文字层，均已读取。")
for p in c.pages:
    (st.warning if p.ocr else st.error)(f"第 {page_ranges(p.pages)} 页：{p.reason}")
