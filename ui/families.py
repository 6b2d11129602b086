"""文档族: the loaded documents read together — a department and its units, a budget and its
final account, one year and the next — why each pair was linked, the findings that rest on two
documents, and the links a reviewer makes or undoes by hand (kept in the database)."""

from __future__ import annotations

import streamlit as st

from detectors.linked.families import LINK_LABELS, Identity
from ui import state
from ui.common import SEVERITY_BADGE, md, severity_label

st.title("文档族")
st.caption(
    "同一部门与其所属单位、同一年度的预算与决算、相邻两年的同类文件，按文件自身写明的单位名称、类型、年度与层级"
    "自动归为一族，并交叉核对（部门与单位、上年与本年、预算与决算）。"
)
ss = st.session_state
analysed = state.analyses()
if len(analysed) < 2:
    st.info("载入两份以上的文档后，才能归族与交叉核对。")
    st.stop()
state.show_flash("families")
result = state.families()
sha_of = {a.doc.name: sha for sha, a in analysed.items()}
reviewer = state.reviewer()


def _who(m: Identity) -> str:
    return (
        f"{m.org or '（未识别单位）'}　{m.year or '?'}年　{m.level}{m.doc_type.removeprefix('部门') if m.level else m.doc_type}"
    )


def _open(key: str) -> None:
    ss.current = key
    ss.order = []


def _unlink(a: str, b: str) -> None:
    state.family_store().set_link(a, b, False, reviewer)
    state.flash("families", "success", "已取消关联；这两份文件不再一起核对（记录在数据库中，可重新关联）。")


if not result.families:
    st.info("已载入的文档没有可归为一族的（单位名称、类型、年度或层级不相符）。如确属一族，可在下方手工关联。")
items = [it for it in state.items() if any(e.doc for e in it.finding.evidence)]
for n, family in enumerate(result.families, start=1):
    members = {m.name for m in family.members}
    found = [it for it in items if it.finding.doc in members]
    with st.container(border=True):
        st.subheader(f"文档族 {n}：{md(family.title)}")
        st.markdown("\n".join(f"- **{md(m.name)}**　{md(_who(m))}" for m in family.members))
        st.markdown("**关联依据**")
        for link in family.links:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.markdown(f"{LINK_LABELS[link.kind]}：{md(link.a.name)} ↔ {md(link.b.name)}　（{md(link.reason)}）")
            c2.button(
                "取消关联",
                key=f"unlink:{link.a.sha256}:{link.b.sha256}",
                on_click=_unlink,
                args=(link.a.sha256, link.b.sha256),
                disabled=not reviewer,
                help=None if reviewer else "填写复核人姓名（或登录）后才能修改关联",
            )
        st.markdown(f"**跨文件发现（{len(found)} 条）**")
        if not found:
            st.caption("两份文件相互对照，未发现不一致。")
        for it in found:
            f = it.finding
            c1, c2 = st.columns([6, 1], vertical_alignment="center")
            c1.markdown(
                f":{SEVERITY_BADGE[f.severity.value]}-badge[{severity_label(f.severity.value)}] **{f.rule}**　{md(f.message)}"
            )
            if c2.button("查看", key=f"open:{it.key}", on_click=_open, args=(it.key,)):
                st.switch_page("ui/detail.py")

with st.expander("手工关联两份文件"):
    names = sorted(sha_of)
    c1, c2 = st.columns(2)
    a = c1.selectbox("文件一", names, key="fam_a")
    b = c2.selectbox("文件二", names, index=min(1, len(names) - 1), key="fam_b")
    if st.button(
        "关联为一族", disabled=not reviewer or a == b, help=None if reviewer else "填写复核人姓名（或登录）后才能修改关联"
    ):
        state.family_store().set_link(sha_of[a], sha_of[b], True, reviewer)
        state.flash("families", "success", f"已将“{a}”与“{b}”关联为一族。")
        st.rerun()
