"""The review app (Streamlit). A router only: the pages live in ui/."""

from __future__ import annotations

import streamlit as st

from ui import state

st.set_page_config(page_title="预决算公开审核助手", page_icon="🔎", layout="wide")
state.init()

pages = [
    st.Page("ui/documents.py", title="文档", icon="📄", default=True),
    st.Page("ui/findings.py", title="发现", icon="🚩"),
]
st.navigation(pages).run()
