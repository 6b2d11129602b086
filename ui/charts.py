"""图表 (Plotly): projects' execution rates with the outliers highlighted, findings by category
and by document, and the distribution of ranking scores."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from audit_assist.export import SEVERITY_COLORS
from ui import state
from ui.common import SEVERITIES, category_label, severity_label

st.title("图表")
results = state.analyses()
its = state.items()
if not results:
    st.info("还没有文档：请先在“文档”页载入文档。")
    st.stop()

FONT = dict(family="WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif")

# ------------------------------------------------------------------ execution rates
st.subheader("项目预算执行率")
rate_evidence = [
    (it.finding.doc, e)
    for it in its
    if it.finding.category in ("execution_rate_outlier", "ratio_over_100")
    for e in it.finding.evidence
]


def flagged(doc_name: str, p) -> bool:
    """Whether an execution-rate rule names this project (a row of its table, or its name)."""
    rows = set(p.rows.values())
    return any(
        d == doc_name and ((e.table == p.table and e.row in rows) or (p.name and p.name in e.text)) for d, e in rate_evidence
    )


rows = []
for a in results.values():
    for p in a.doc.projects:
        rate = p.execution_rate
        if rate is None:
            continue
        rows.append(
            {
                "文件": a.doc.name,
                "项目": p.name,
                "执行率": float(rate),
                "列示执行率": float(p.rate_stated) if p.rate_stated is not None else None,
                "预算数": float(p.budget) if p.budget is not None else None,
                "执行数": float(p.executed) if p.executed is not None else None,
                "范围": "部门整体" if p.scope == "department" else "项目",
                "检测规则已标记": flagged(a.doc.name, p),
            }
        )
if not rows:
    st.caption("已加载的文档中没有可计算执行率的绩效表（需要全年预算数和全年执行数）。")
else:
    frame = pd.DataFrame(rows)
    # Tukey's fences over the rates shown: a visual aid only; the findings come from the rules.
    q1, q3 = frame["执行率"].quantile(0.25), frame["执行率"].quantile(0.75)
    low, high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)

    def band(r: pd.Series) -> str:
        if r["检测规则已标记"]:
            return "规则已标记"
        if r["执行率"] > 100:
            return "超过100%"
        if r["执行率"] < low or r["执行率"] > high:
            return "离群（四分位距法）"
        return "正常"

    frame["判断"] = frame.apply(band, axis=1)
    # one bar per project: the same name in two documents (or twice in one) must not stack
    labels: list[str] = []
    for name, doc_name in zip(frame["项目"], frame["文件"]):
        short = f"{name[:16]}…" if len(name) > 16 else name
        label = f"{short}（{doc_name.rsplit('.', 1)[0][:8]}）"
        while label in labels:
            label += " "
        labels.append(label)
    frame["标签"] = labels
    frame = frame.sort_values("执行率")
    fig = px.bar(
        frame,
        x="执行率",
        y="标签",
        color="判断",
        orientation="h",
        hover_data={"文件": True, "项目": True, "预算数": ":.2f", "执行数": ":.2f", "列示执行率": True, "标签": False},
        color_discrete_map={"正常": "#90a4ae", "超过100%": "#c62828", "离群（四分位距法）": "#ef6c00", "规则已标记": "#6a1b9a"},
        category_orders={"判断": ["正常", "离群（四分位距法）", "超过100%", "规则已标记"]},
        labels={"执行率": "执行率（%）= 全年执行数 / 全年预算数", "标签": ""},
    )
    fig.add_vline(x=100, line_dash="dash", line_color="#444", annotation_text="100%", annotation_position="bottom right")
    fig.update_layout(
        font=FONT,
        height=max(320, 26 * len(frame) + 140),
        legend=dict(title_text="", orientation="h", yanchor="bottom", y=1.01, x=0),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["标签"]))
    st.plotly_chart(fig, width="stretch")
    n_out = int((frame["判断"] != "正常").sum())
    st.caption(
        f"共 {len(frame)} 个项目，突出显示 {n_out} 个：执行率超过 100%、落在四分位距法范围"
        f"（{low:.1f}% – {high:.1f}%）之外，或已被执行率类规则标记。"
    )

# ------------------------------------------------------------------ findings
if not its:
    st.caption("没有发现可供统计。")
    st.stop()
found = pd.DataFrame(
    [
        {
            "文件": it.finding.doc,
            "类别": category_label(it.finding.category),
            "严重程度": severity_label(it.finding.severity.value),
            "排序分": it.finding.score,
            "规则": it.finding.rule,
        }
        for it in its
    ]
)
sev_order = [severity_label(s) for s in SEVERITIES]
sev_colors = {severity_label(s): SEVERITY_COLORS[s] for s in SEVERITIES}


def counts_bar(data: pd.DataFrame, y: str, color: str, **kwargs) -> None:
    """A horizontal bar of finding counts per ``y``, stacked by ``color``, largest on top."""
    fig = px.bar(data, x="数量", y=y, color=color, orientation="h", labels={y: ""}, **kwargs)
    fig.update_layout(
        font=FONT,
        height=max(300, 40 * data[y].nunique() + 200),
        legend=dict(title_text="", orientation="h", yanchor="bottom", y=1.01, x=0),
        margin=dict(l=10, r=10, t=30, b=10),
    )
    fig.update_yaxes(categoryorder="total ascending")
    st.plotly_chart(fig, width="stretch")


c1, c2 = st.columns(2)
with c1:
    st.subheader("按类别")
    counts_bar(
        found.groupby(["类别", "严重程度"]).size().reset_index(name="数量"),
        "类别",
        "严重程度",
        color_discrete_map=sev_colors,
        category_orders={"严重程度": sev_order},
    )
with c2:
    st.subheader("按文档")
    counts_bar(
        found.groupby(["文件", "类别"]).size().reset_index(name="数量"),
        "文件",
        "类别",
        color_discrete_sequence=px.colors.qualitative.Dark24,  # 14 categories: the default 10 colours repeat
    )

st.subheader("排序分分布")
fig = px.histogram(
    found,
    x="排序分",
    color="严重程度",
    nbins=40,
    color_discrete_map=sev_colors,
    category_orders={"严重程度": sev_order},
    labels={"排序分": "排序分（越高越优先）", "count": "发现数"},
)
fig.update_layout(font=FONT, bargap=0.05, yaxis_title="发现数", margin=dict(l=10, r=10, t=30, b=10))
fig.update_xaxes(range=[0, 100])
st.plotly_chart(fig, width="stretch")
st.caption("排序分的计算方法见“帮助”页。")
