"""详情: one finding — its message and numbers, the PDF page with the evidence drawn on it, the
table with the involved cells highlighted, the narrative sentence, the review panel, and next /
previous in the 发现 page's order."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui import decide, evidence, state
from ui.common import (
    SEVERITY_BADGE,
    category_label,
    finding_label,
    fmt_number,
    md,
    pages_of,
    severity_label,
    value_label,
)

st.title("详情")
ss = st.session_state
its = state.items()
if not its:
    st.info("还没有发现：请先在“文档”页载入文档。")
    st.stop()
by_key = {it.key: it for it in its}
order = [k for k in ss.order if k in by_key] or list(by_key)
if ss.current not in by_key:
    ss.current = order[0]
if ss.current not in order:  # opened from elsewhere (复核 page): step through every finding
    order = list(by_key)
decided = state.decisions([by_key[k] for k in order])


def _go(step: int) -> None:
    pos = order.index(ss.current)
    ss.current = order[(pos + step) % len(order)]


def _picked() -> None:
    ss.current = ss.detail_pick


pos = order.index(ss.current)
ss.detail_pick = ss.current
labels = {k: finding_label(i, by_key[k], decided.get(by_key[k].fp)) for i, k in enumerate(order, start=1)}
n1, n2, n3 = st.columns([1, 6, 1], vertical_alignment="bottom")
n1.button("◀ 上一条", on_click=_go, args=(-1,), disabled=len(order) < 2, width="stretch")
n2.selectbox(
    f"第 {pos + 1} / {len(order)} 条（发现页的筛选与排序）",
    order,
    format_func=labels.get,
    key="detail_pick",
    on_change=_picked,
)
n3.button("下一条 ▶", on_click=_go, args=(1,), disabled=len(order) < 2, width="stretch")

it = by_key[ss.current]
f = it.finding
doc = state.analyses()[it.sha].doc
data = ss.files[it.sha][1]

sev = f.severity.value
st.markdown(f"## :{SEVERITY_BADGE[sev]}-badge[{severity_label(sev)}] {md(f.title)}")
st.caption(
    f"文件 **{md(f.doc)}**　·　规则 **{f.rule}**　·　类别 {category_label(f.category)}　·　排序分 **{f.score:.2f}**"
    f"　·　置信度 {f.confidence:.2f}　·　指纹 `{f.fingerprint}`"
)

left, right = st.columns([3, 2], gap="large")
with left:
    with st.container(border=True):
        st.markdown(md(f.message))
    # stated / expected / difference first, then whatever else the rule reports; a table of
    # its own rather than st.metric, whose large digits cut amounts like 52,738.73 short
    keys = [k for k in ("stated", "expected", "difference") if k in f.values]
    keys += [k for k in f.values if k not in keys]
    if keys:
        cells = "".join(
            f'<div><div style="color:#6b6f76;font-size:0.85rem">{html.escape(value_label(k))}</div>'
            f'<div style="font-size:1.45rem;font-weight:600;white-space:nowrap">{html.escape(fmt_number(f.values[k]))}</div></div>'
            for k in keys
        )
        st.html(f'<div style="display:flex;flex-wrap:wrap;gap:0.5rem 1.8rem;margin:0.3rem 0 0.6rem">{cells}</div>')
    # Sentences from the narrative, in their paragraph.
    narrative = [e for e in f.evidence if not e.table]
    if narrative:
        st.markdown("**文字说明中的原文**")
        for e in narrative:
            source = doc
            if e.doc:  # a sentence of the other document of the finding
                other_sha = state.sha_of(e.doc)
                source = state.analyses()[other_sha].doc if other_sha in state.analyses() else None
            found = evidence.paragraph_with(source, e) if source is not None else None
            with st.container(border=True):
                where = f"{e.doc}　" if e.doc else ""
                st.caption(f"{where}{f'第 {e.page} 页　' if e.page else ''}{evidence.role_label(e.role)}")
                st.markdown(found[1] if found else html.escape(e.text), unsafe_allow_html=True)

with right:
    st.subheader("复核")
    decide.panel(it, "detail")
    with st.expander("复核历史", expanded=False):
        decide.history_table(it.fp)
    with st.expander("排序分的构成"):
        st.markdown(
            f"- 严重程度：{severity_label(sev)}\n- 置信度：{f.confidence:.2f}\n"
            f"- 金额重要性（涉及金额 / 部门总额）：{f.materiality:.4f}\n- 统计异常度：{f.anomaly:.2f}\n"
        )
        st.caption("计算方法见“帮助”页。")

# The page with the evidence drawn on it; the other evidence pages one click away. A finding that
# rests on two documents shows the other document's page beside this one's.


def page_view(sha: str, doc, data: bytes, of_doc: str, side_by_side: bool) -> None:
    pages = pages_of(f, of_doc)
    if doc.format != "pdf" or not pages:
        if doc.format == "pdf":
            st.info("这条发现在此文件中的证据没有页码，无法在页面上标出。")
        else:
            st.info(f"{doc.format.upper()} 文件没有页面图像；证据见下方的表格与上方的原文。")
        return
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    with c1:
        page = (
            st.segmented_control(
                "证据所在页（点击切换）" if len(pages) > 1 else "证据所在页",
                pages,
                default=pages[0],
                format_func=lambda p: f"第 {p} 页",
                key=f"page:{it.key}:{of_doc}",
            )
            or pages[0]
        )
    crop = c2.toggle("只看证据附近", value=True, key=f"crop:{it.key}:{of_doc}", help="关闭后显示整页")
    boxes = evidence.boxes_on(doc, f, page, of_doc)
    img = evidence.draw(evidence.page_png(sha, page, evidence.RESOLUTION, data), boxes, evidence.RESOLUTION)
    if crop:
        img = evidence.crop_to(img, boxes, evidence.RESOLUTION)
    st.markdown(evidence.legend([b.role for b in boxes]) or "此页没有可标出的位置。", unsafe_allow_html=True)
    # a portrait page at full width would be taller than the screen: keep it narrower
    holder = st.columns([3, 1])[0] if img.height > img.width and not crop and not side_by_side else st.container()
    holder.image(img, caption=f"{doc.name} 第 {page} 页（共 {doc.page_count} 页）", width="stretch", output_format="PNG")


others = list(dict.fromkeys(e.doc for e in f.evidence if e.doc))
st.subheader("原文页面" if not others else "原文页面（两份文件对照）")
if not others:
    page_view(it.sha, doc, data, "", False)
else:
    columns = st.columns(1 + len(others), gap="large")
    with columns[0]:
        st.markdown(f"**{md(doc.name)}**（本条发现所在文件）")
        page_view(it.sha, doc, data, "", True)
    for col, name in zip(columns[1:], others):
        with col:
            st.markdown(f"**{md(name)}**（对照文件）")
            other_sha = state.sha_of(name)
            other = state.analyses().get(other_sha) if other_sha else None
            if other is None:
                st.info(f"对照文件“{name}”未载入，无法显示其页面；证据原文见下方“全部证据”。")
            else:
                page_view(other_sha, other.doc, ss.files[other_sha][1], name, True)

# The tables the evidence points into, with the involved cells coloured by role (the other
# document's tables are its own: only this document's are listed here).
table_ids = list(dict.fromkeys(e.table for e in f.evidence if e.table and e.row is not None and not e.doc))
for tid in table_ids:
    table = doc.table(tid)
    if table is None:
        continue
    if table.pages and table.pages[0] != table.pages[1]:
        where = f"第 {table.pages[0]}–{table.pages[1]} 页"
    else:
        where = f"第 {table.pages[0]} 页" if table.pages else ""
    st.subheader(md(f"表格：{table.number} {table.title}".strip()))
    st.caption(f"{where}　单位：{table.unit}　（左侧为表内行号；着色的单元格是本条发现涉及的数字）")
    whole = st.toggle("显示整张表", value=False, key=f"whole:{it.key}:{tid}")
    roles = [e.role for e in f.evidence if e.table == tid and e.row is not None]
    st.markdown(evidence.legend(roles), unsafe_allow_html=True)
    st.dataframe(evidence.styled_table(table, f, window=None if whole else 3), width="stretch")

with st.expander(f"全部证据（{len(f.evidence)} 处）"):
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "文件": e.doc or f.doc,
                    "角色": evidence.role_label(e.role),
                    "页码": e.page,
                    "表格": e.table,
                    "行": e.row,
                    "原文": e.text,
                }
                for e in f.evidence
            ]
        ),
        hide_index=True,
        width="stretch",
    )
