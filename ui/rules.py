"""规则: every rule's documentation (its Chinese sections, ``Rule.doc_zh``) and its examples,
with how many findings it has in the loaded documents."""

from __future__ import annotations

import streamlit as st

from detectors.registry import ALL_RULES
from ui import state
from ui.common import category_label, md, severity_label

SECTIONS = ["检查内容", "为什么重要"]
EXAMPLES = [("不通过", ":red[:material/close:] 不通过的例子"), ("通过", ":green[:material/check:] 通过的例子")]

st.title("规则")
its = state.items()
count = {cls.code: 0 for cls in ALL_RULES}
for it in its:
    count[it.finding.rule] = count.get(it.finding.rule, 0) + 1

st.caption(
    f"共 {len(ALL_RULES)} 条规则。每条规则的说明取自其代码中的文档（检查内容、为什么重要、不通过与通过的例子），"
    "例子与规则测试所用的例子相同。"
)
c1, c2 = st.columns([2, 3])
cats = sorted({cls.category for cls in ALL_RULES}, key=category_label)
chosen = c1.multiselect("类别", cats, format_func=category_label, placeholder="全部")
query = c2.text_input("搜索规则", placeholder="代码、名称或说明中的文字")


def _show_findings(code: str) -> None:
    st.session_state.f_rule = [code]
    for key in ("f_severity", "f_category", "f_status", "f_doc"):
        st.session_state[key] = []
    st.session_state.f_search = ""


for cls in ALL_RULES:
    sections = cls.doc_sections_zh()
    text = " ".join([cls.code, cls.title, *sections.values()]).lower()
    if chosen and cls.category not in chosen:
        continue
    if query.strip() and not all(t in text for t in query.lower().split()):
        continue
    n = count.get(cls.code, 0)
    with st.expander(
        f"**{cls.code}**　{cls.title}　·　{category_label(cls.category)}　·　默认严重程度 {severity_label(cls.severity.value)}　·　本批文档 {n} 条"
    ):
        if sections.get("summary"):
            st.markdown(f"*{md(sections['summary'])}*")
        for key in SECTIONS:
            if sections.get(key):
                st.markdown(f"**{key}**")
                st.markdown(md(sections[key]))
        cols = st.columns(2)
        for col, (key, label) in zip(cols, EXAMPLES):
            if sections.get(key):
                col.markdown(f"**{label}**")
                col.code(sections[key], language=None, wrap_lines=True)
        st.caption(f"规则代码 {cls.code}（版本 {cls.version}），类别代码 {cls.category}。")
        if n and st.button(f"查看 {cls.code} 的 {n} 条发现 →", key=f"rule:{cls.code}", on_click=_show_findings, args=(cls.code,)):
            st.switch_page("ui/findings.py")
