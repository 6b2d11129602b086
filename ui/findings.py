"""发现: ranked findings across the chosen documents."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import CATEGORY_LABELS
from ui import state

st.title("发现")
results = state.analyses()
findings = [f for a in results.values() for f in a.findings]
findings.sort(key=lambda f: -f.score)
severities = st.multiselect(
    "严重程度",
    ["high", "medium", "low", "info"],
    default=["high", "medium", "low"],
    format_func=lambda s: {"high": "高", "medium": "中", "low": "低", "info": "提示"}[s],
)
shown = [f for f in findings if f.severity.value in severities]
c1, c2, c3 = st.columns(3)
c1.metric("发现总数", len(findings))
c2.metric("高", sum(f.severity.value == "high" for f in findings))
c3.metric("中", sum(f.severity.value == "medium" for f in findings))
st.dataframe(
    pd.DataFrame(
        [
            {
                "排序分": f.score,
                "严重程度": f.severity.label,
                "类别": CATEGORY_LABELS[f.category],
                "规则": f.rule,
                "文件": f.doc,
                "说明": f.message,
            }
            for f in shown
        ]
    ),
    hide_index=True,
    use_container_width=True,
)
