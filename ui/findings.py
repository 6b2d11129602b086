"""发现: the ranked findings of the loaded documents, with filters, search and counts; a click
opens a finding on the 详情 page."""

from __future__ import annotations

import inspect

import pandas as pd
import streamlit as st

import detectors.ranking
from ui import state
from ui.common import (
    SEVERITIES,
    STATUS_FILTERS,
    STATUS_ORDER,
    category_label,
    filtered,
    finding_label,
    finding_rows,
    severity_label,
    status_label,
)
from ui.state import status_of

st.title("发现")
its = state.items()
if not its:
    if st.session_state.files:
        st.success("已加载的文档中没有发现问题。")
    else:
        st.info("还没有文档：请先在“文档”页上传文件或载入示例文档。")
    st.stop()
decided = state.decisions(its)

cats = sorted({it.finding.category for it in its}, key=category_label)
rule_codes = sorted({it.finding.rule for it in its})
doc_names = list(dict.fromkeys(it.finding.doc for it in its))

with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    c1.multiselect("严重程度", SEVERITIES, format_func=severity_label, key="f_severity", placeholder="全部")
    c2.multiselect("类别", cats, format_func=category_label, key="f_category", placeholder="全部")
    c3.multiselect("规则", rule_codes, key="f_rule", placeholder="全部")
    c4, c5, c6 = st.columns(3)
    c4.multiselect("复核状态", STATUS_FILTERS, format_func=status_label, key="f_status", placeholder="全部")
    c5.multiselect("文档", doc_names, key="f_doc", placeholder="全部")
    c6.text_input("搜索", key="f_search", placeholder="标题、说明、原文、意见中的文字（空格分隔多个词）")

ss = st.session_state
shown = filtered(its, decided, ss)
ss.order = [it.key for it in shown]

counts = st.columns(8)
counts[0].metric("筛选结果", len(shown), help=f"全部 {len(its)} 条")
for i, s in enumerate(SEVERITIES, start=1):
    counts[i].metric(severity_label(s), sum(1 for it in shown if it.finding.severity.value == s))
for i, s in enumerate(STATUS_ORDER, start=5):
    counts[i].metric(status_label(s), sum(1 for it in shown if status_of(decided.get(it.fp)) == s))

if not shown:
    st.info("没有符合筛选条件的发现。")
    st.stop()

st.caption("按排序分从高到低排列。点击任一行打开详情。")
event = st.dataframe(
    pd.DataFrame(finding_rows(shown, decided)),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(shown), 600),
    on_select="rerun",
    selection_mode=["single-row", "single-cell"],  # a click on any cell opens the finding
    key="findings_table",
    column_config={
        "序号": st.column_config.NumberColumn(width="small"),
        "排序分": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f", width="small"),
        "说明": st.column_config.TextColumn(width="large"),
        "标题": st.column_config.TextColumn(width="medium"),
    },
)


def _open(key: str) -> None:
    st.session_state.current = key


picked = (event.selection.rows or [c[0] for c in event.selection.cells]) if event else []
if picked:
    _open(shown[picked[0]].key)
    st.switch_page("ui/detail.py")

labels = {it.key: finding_label(rank, it, decided.get(it.fp)) for rank, it in enumerate(shown, start=1)}
p1, p2 = st.columns([5, 1], vertical_alignment="bottom")
pick = p1.selectbox("或选择一条发现", list(labels), format_func=labels.get, key="findings_pick")
if p2.button("查看详情 →", type="primary", width="stretch"):
    _open(pick)
    st.switch_page("ui/detail.py")

with st.expander("排序分是怎么算的？"):
    st.markdown(
        "排序分越高，越应优先查看。它由严重程度、置信度（提取与规则的把握）以及涉及金额占部门总额的比重"
        "（统计类规则为异常程度）共同决定；同一原因引起的多条发现在排序前合并。"
        "下面是排序代码（`detectors/ranking.py`）自带的说明，随代码一起更新："
    )
    with st.container(border=True):
        st.markdown(inspect.cleandoc(detectors.ranking.DOC_ZH))
