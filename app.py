"""The review app (Streamlit). A router only: session defaults, the sidebar, and the pages in ui/."""

from __future__ import annotations

import streamlit as st

from ui import auth, state

st.set_page_config(page_title="预决算公开审核助手", page_icon=":material/fact_check:", layout="wide")
st.set_option("client.toolbarMode", "minimal")  # no "Deploy" button for auditors
state.keep_widget_state()
try:
    where = state.store().url
except Exception as exc:  # noqa: BLE001 - say what is wrong instead of a traceback
    st.error(f"无法连接复核数据库：{exc}")
    st.stop()
authenticator = auth.gate()  # shared: nothing but the login form until the user has logged in
state.init()

# Material icons ship with Streamlit; emoji need a colour-emoji font many office PCs lack.
PAGES = [
    st.Page("ui/documents.py", title="文档", icon=":material/description:", default=True),
    st.Page("ui/coverage.py", title="覆盖情况", icon=":material/checklist:"),
    st.Page("ui/findings.py", title="发现", icon=":material/flag:"),
    st.Page("ui/detail.py", title="详情", icon=":material/search:"),
    st.Page("ui/families.py", title="文档族", icon=":material/account_tree:"),
    st.Page("ui/review.py", title="复核", icon=":material/task_alt:"),
    st.Page("ui/charts.py", title="图表", icon=":material/bar_chart:"),
    st.Page("ui/exports.py", title="导出", icon=":material/download:"),
    st.Page("ui/rules.py", title="规则", icon=":material/menu_book:"),
    st.Page("ui/help.py", title="帮助", icon=":material/help:"),
]
page = st.navigation(PAGES)

# Streamlit's file uploader has its own English wording and no setting for it: show it in Chinese.
# (The "Deploy" button is hidden too: toolbarMode only applies from the second run on.)
st.html(
    f"""<style>
[data-testid="stAppDeployButton"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "选择文件"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "或将文件拖放到这里 · 每个文件不超过 {st.get_option("server.maxUploadSize")}MB"; font-size: 0.875rem; }}
</style>"""
)

with st.sidebar:
    st.markdown("### :material/fact_check: 预决算公开审核助手")
    if authenticator is not None:
        auth.account_box(authenticator)
    else:  # one machine, no login: the reviewer's name is typed
        st.text_input("复核人", key="reviewer", placeholder="请输入您的姓名", help="记录在每条复核意见中；本次会话内有效。")
        if not state.reviewer():
            st.caption("填写姓名后才能确认、排除或指派发现。")
    st.caption(f"复核数据库：`{where}`")

page.run()
