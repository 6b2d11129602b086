"""帮助: how to work with the app, how findings are ranked (from detectors/ranking.py's own
documentation), and where decisions are stored."""

from __future__ import annotations

import inspect

import streamlit as st

import detectors.ranking
from ui import state

st.title("帮助")

st.markdown(
    """
#### 工作流程
1. **文档**：上传要审核的文件（PDF、DOCX、XLSX、TXT、MD，可多选），或载入示例文档。每份文件只分析一次
   （按文件内容的哈希缓存），之后的点击不会重新解析。无法读取的文件会单独列出原因。
2. **发现**：所有文档的发现按排序分从高到低排列；可按严重程度、类别、规则、复核状态、文档筛选，并可搜索文字。
   点击一行打开详情。
3. **详情**：说明、列示数与复算数、原文页面（证据用彩框标出）、所在表格（涉及的单元格着色）和文字说明中的原句；
   用“上一条 / 下一条”按发现页的顺序逐条查看。
4. **复核**：确认、排除（须说明理由）、填写意见、指派给他人；每一步都立即保存到数据库，并记入不可修改的历史。
   主管视图按文档和复核人显示进度。
5. **导出**：Excel、CSV、JSON 和可打印的汇总，可选择只导出已确认的发现。

#### 复核人、登录与角色
在本机单独使用时（只允许本机访问，且未创建账号）无需登录，左侧栏填写的复核人姓名记录在每条操作中。
多人共用时（服务器对局域网开放，或已创建账号）每位用户须用管理员创建的账号登录，每条操作记在登录的账号名下。
管理员在服务器上创建账号：`audit-assist user add 姓名 --role 审核员`（或 `--role 复核主管`）。
- **审核员**：确认、排除待复核的发现，填写意见；
- **复核主管**：另可重新打开已决定的发现、指派与改派、查看主管视图、签发复核完成的文档。

#### 并发
两位复核人同时处理同一条发现时，后保存的一方会看到提示，而不会悄悄覆盖前者的决定：页面显示最新状态，请查看后再决定。

#### 数值已变
重新分析后，若某条已确认或已排除的发现的数值发生变化，原决定保留，但标为“数值已变，需重新复核”，
并重新出现在待复核队列中，直到有人再次确认或排除。

#### 重新分析与更正版本
复核决定按发现的“指纹”保存（由文档名、规则和位置算出，与页码、版式无关）。同名文件再次上传视为更正版本：
没有变化的发现保留原有决定，“文档”页列出新增和消失的发现。
"""
)

st.markdown("#### 排序分")
st.markdown(
    "排序分越高，越应优先查看。它综合了严重程度、置信度（提取和规则有多大把握）以及涉及金额占部门总额的比重"
    "（没有金额的统计类发现用异常程度代替）。下面是排序代码 `detectors/ranking.py` 自带的说明，"
    "与实际计算保持一致（每条发现的各项取值见详情页的“排序分的构成”）："
)
with st.container(border=True):
    st.markdown(inspect.cleandoc(detectors.ranking.__doc__ or ""))
st.caption("severity = 严重程度权重，confidence = 置信度，materiality = 金额重要性，anomaly = 统计异常度。")

st.markdown("#### 数据保存在哪里")
st.markdown(
    f"复核决定和分析记录保存在数据库 `{state.store().url}`。缺省是仓库 `data/` 文件夹中的 SQLite 文件"
    "（首次运行时自动创建）；设置环境变量 `AUDIT_ASSIST_DB`（任一 SQLAlchemy 连接串，"
    "例如 `postgresql+psycopg://用户:密码@主机/库名`）即可改用 PostgreSQL。"
)
