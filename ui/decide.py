"""The review panel of one finding: its current decision, and confirm / dismiss / comment /
assign / reopen. Used by the 详情 and 复核 pages.

The version a reviewer saw is bound to the buttons when they are drawn (callback arguments), so
a save made after someone else's is refused (``ConflictError``) rather than overwriting it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from audit_assist.store import ACTION_LABELS, VALUES_CHANGED, ConflictError, Decision
from ui import auth, state
from ui.common import STATUS_BADGE, fmt_number, local_time, status_label, value_label
from ui.state import Item

DISMISS_REASONS = [
    "尾数误差，可以接受",
    "提取有误（表格或文字读取错误）",
    "口径不同，并非错误",
    "单位已在说明中解释",
    "与其他发现重复",
    "其他（请在下方说明）",
]


def _keys(prefix: str, fp: str, version: int) -> dict[str, str]:
    # the version is part of the widget keys: when the decision changes, the fields start again
    # from what is stored instead of keeping what this browser typed against an older version
    base = f"{prefix}:{fp}:{version}"
    return {k: f"{base}:{k}" for k in ("comment", "reason", "reason_text", "assignee")}


def refused(action: str, d: Decision | None) -> str | None:
    """Why the user's role may not do ``action`` on this finding (None: it may). Checked again
    when the button is pressed: a disabled button is no protection on its own."""
    if not auth.may(action):
        return f"{auth.role()}不能{ACTION_LABELS[action]}发现，请联系复核主管。"
    decided = d is not None and d.status != "pending" and not d.values_changed
    if action in ("confirm", "dismiss") and decided and not auth.may("reopen"):
        return "已决定的发现只能由复核主管重新打开后再决定。"
    return None


def _apply(action: str, it: Item, version: int, prefix: str) -> None:
    ss = st.session_state
    keys = _keys(prefix, it.fp, version)
    who = state.reviewer()
    f = it.finding
    where = f"decide:{it.fp}"
    comment = (ss.get(keys["comment"]) or "").strip()
    common = {"doc": f.doc, "rule": f.rule, "reviewer": who, "version": version}
    values = f.to_json()["values"]  # what the decision is about: a later change of them is shown
    try:
        if not who:
            raise ValueError("请先在左侧栏填写复核人姓名。")
        why = refused(action, state.decision(it))
        if why:
            raise ValueError(why)
        if action == "confirm":
            d = state.store().confirm(it.fp, comment=comment, values=values, **common)
        elif action == "dismiss":
            reason = ss.get(keys["reason"]) or ""
            text = (ss.get(keys["reason_text"]) or "").strip()
            if reason.startswith("其他"):
                reason = text
            elif text:
                reason = f"{reason}：{text}"
            if not reason.strip():
                raise ValueError("排除发现必须说明理由：请选择理由或在“理由说明”中填写。")
            d = state.store().dismiss(it.fp, reason=reason, comment=comment, values=values, **common)
        elif action == "comment":
            d = state.store().comment(it.fp, comment=comment, **common)
        elif action == "assign":
            assignee = (ss.get(keys["assignee"]) or "").strip()
            current = state.store().decision(it.fp)
            if not assignee and not (current and current.assignee):
                raise ValueError("请在“指派给”中填写要指派的人。")
            d = state.store().assign(it.fp, assignee=assignee, comment=comment, **common)
        else:
            d = state.store().reopen(it.fp, comment=comment, **common)
    except ConflictError as exc:
        cur = exc.current
        if cur is not None:
            msg = (
                f"未保存：在您查看之后，{cur.updated_by} 已于 {local_time(cur.updated_at)} 修改了此发现"
                f"（现为“{status_label(cur.status)}”，第 {cur.version} 版）。为避免覆盖他人的决定，本次操作没有保存。"
                "下面显示的是最新状态，请查看后再决定。"
            )
        else:
            msg = "未保存：此发现已被他人修改。下面显示的是最新状态，请查看后再决定。"
        state.flash(where, "error", msg)
        return
    except ValueError as exc:
        state.flash(where, "warning", str(exc))
        return
    state.flash(
        where,
        "success",
        f"已保存：{ACTION_LABELS[action]}（{status_label(d.status)}，第 {d.version} 版，{local_time(d.updated_at)}）",
    )


def status_badge(d: Decision | None) -> str:
    code = d.status if d else "pending"
    badge = f":{STATUS_BADGE[code]}-badge[{status_label(code)}]"
    return f"{badge} :orange-badge[{VALUES_CHANGED}]" if d and d.values_changed else badge


def panel(it: Item, prefix: str) -> None:
    """Draw the panel for one finding (reading its decision fresh from the store)."""
    d = state.decision(it)
    version = d.version if d else 0
    keys = _keys(prefix, it.fp, version)
    st.markdown(f"**复核状态**　{status_badge(d)}")
    if d and d.values_changed:
        now = it.finding.to_json()["values"]
        then = d.decided_values
        diffs = "；".join(
            f"{value_label(k)} {fmt_number(then.get(k))} → {fmt_number(now.get(k))}"
            for k in dict.fromkeys([*then, *now])
            if then.get(k) != now.get(k)
        )
        st.warning(f"{VALUES_CHANGED}：{status_label(d.status)}之后重新分析，数值有变（{diffs}）。请核对后重新确认或排除。")
    if d:
        lines = []
        if d.status != "pending":
            lines.append(f"{status_label(d.status)}：{d.reviewer}，{local_time(d.decided_at)}")
        lines.append(f"最近操作：{d.updated_by}，{local_time(d.updated_at)}（第 {d.version} 版）")
        if d.assignee:
            lines.append(f"指派给：{d.assignee}")
        if d.reason:
            lines.append(f"排除理由：{d.reason}")
        if d.comment:
            lines.append(f"意见：{d.comment}")
        st.caption("  \n".join(lines))
    state.show_flash(f"decide:{it.fp}")
    who = state.reviewer()
    if not who:
        st.warning("请先在左侧栏填写复核人姓名，才能记录复核意见。")
    elif why := refused("confirm", d):
        st.caption(why)
    with st.form(key=f"{prefix}:form:{it.fp}:{version}", border=True):
        st.text_area(
            "意见",
            value=d.comment if d else "",
            key=keys["comment"],
            height=80,
            placeholder="可选：核实情况、需要单位补充的材料…",
        )
        c1, c2 = st.columns(2)
        with c1:
            st.selectbox("排除理由（排除时必填）", DISMISS_REASONS, index=None, key=keys["reason"], placeholder="选择理由")
        with c2:
            st.text_input("理由说明", key=keys["reason_text"], placeholder="选“其他”时必填")
        st.text_input(
            "指派给",
            value=d.assignee if d else "",
            key=keys["assignee"],
            placeholder="复核人姓名",
            disabled=not auth.may("assign"),
        )
        off = not who
        b1, b2 = st.columns(2)
        b1.form_submit_button(
            "确认",
            icon=":material/check_circle:",
            type="primary",
            on_click=_apply,
            args=("confirm", it, version, prefix),
            disabled=off or refused("confirm", d) is not None,
            width="stretch",
        )
        b2.form_submit_button(
            "排除",
            icon=":material/cancel:",
            on_click=_apply,
            args=("dismiss", it, version, prefix),
            disabled=off or refused("dismiss", d) is not None,
            width="stretch",
        )
        b3, b4, b5 = st.columns(3)
        b3.form_submit_button("保存意见", on_click=_apply, args=("comment", it, version, prefix), disabled=off, width="stretch")
        b4.form_submit_button(
            "指派", on_click=_apply, args=("assign", it, version, prefix), disabled=off or not auth.may("assign"), width="stretch"
        )
        b5.form_submit_button(
            "重新打开",
            on_click=_apply,
            args=("reopen", it, version, prefix),
            disabled=off or d is None or d.status == "pending" or not auth.may("reopen"),
            width="stretch",
        )


def history_table(fp: str) -> None:
    hist = state.store().history(fp)
    if not hist:
        st.caption("尚无复核记录。")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "时间": local_time(h.at),
                    "复核人": h.reviewer,
                    "操作": ACTION_LABELS.get(h.action, h.action),
                    "状态": status_label(h.status),
                    "排除理由": h.reason,
                    "意见": h.comment,
                    "指派给": h.assignee,
                    "版本": h.version,
                }
                for h in reversed(hist)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
