"""复核: decide on findings one after the other, the history of who decided what and when, and
the supervisor's view of decided and pending items per document and per reviewer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from audit_assist.store import ACTION_LABELS
from ui import auth, decide, state
from ui.common import category_label, finding_label, local_time, md, severity_label, status_label
from ui.state import status_of

st.title("复核")
ss = st.session_state
its = state.items()
if not its:
    st.info("还没有发现：请先在“文档”页载入文档。")
    st.stop()
decided = state.decisions(its)
me = state.reviewer()

queue_tab, history_tab, supervisor_tab = st.tabs(["逐条复核", "复核历史", "主管视图"])

with queue_tab:
    queues = {
        "pending": "待复核",
        "mine": "指派给我的",
        "decided": "已决定",
        "all": "全部",
    }
    queue = st.segmented_control("范围", list(queues), format_func=queues.get, default="pending", key="r_queue") or "pending"

    def _in_queue(it) -> bool:
        d = decided.get(it.fp)
        # a decision on numbers that have changed since is to be looked at again
        if queue == "pending":
            return status_of(d) == "pending" or d.values_changed
        if queue == "mine":
            return bool(me) and d is not None and d.assignee == me and (d.status == "pending" or d.values_changed)
        if queue == "decided":
            return status_of(d) != "pending" and not d.values_changed
        return True

    chosen = [it for it in its if _in_queue(it)]
    if queue == "mine" and not me:
        st.info("请先在左侧栏填写复核人姓名。")
    elif not chosen:
        st.success("这个范围内没有发现。" if queue != "pending" else "全部发现都已复核。")
    else:
        labels = {it.key: finding_label(i, it, decided.get(it.fp)) for i, it in enumerate(chosen, start=1)}
        keys = list(labels)
        if ss.get("review_pick") not in keys:
            ss.review_pick = ss.current if ss.current in keys else keys[0]
        st.selectbox(f"发现（{len(chosen)} 条，按排序分）", keys, format_func=labels.get, key="review_pick")
        it = next(i for i in chosen if i.key == ss.review_pick)
        f = it.finding
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.markdown(f"#### 【{severity_label(f.severity.value)}】{md(f.title)}")
            st.caption(f"{f.doc}　·　{f.rule}　·　{category_label(f.category)}　·　排序分 {f.score:.2f}")
            st.markdown(md(f.message))
            for e in f.evidence[:4]:
                st.markdown(f"> {f'第 {e.page} 页：' if e.page else ''}{md(e.text)}")
            if len(f.evidence) > 4:
                st.caption(f"另有 {len(f.evidence) - 4} 处证据，见详情页。")

            def _open(key: str = it.key) -> None:
                ss.current = key

            if st.button("在详情页查看证据 →", on_click=_open):
                st.switch_page("ui/detail.py")
            st.markdown("**复核历史**")
            decide.history_table(it.fp)
        with right:
            decide.panel(it, "review")

with history_tab:
    docs = list(dict.fromkeys(it.finding.doc for it in its))
    by_fp = {it.fp: it for it in its}
    hist = state.store().history(docs=docs)
    if not hist:
        st.caption("已加载文档尚无复核记录。")
    else:
        frame = pd.DataFrame(
            [
                {
                    "时间": local_time(h.at),
                    "复核人": h.reviewer,
                    "操作": ACTION_LABELS.get(h.action, h.action),
                    "状态": status_label(h.status),
                    "文件": h.doc,
                    "规则": by_fp[h.fingerprint].finding.rule if h.fingerprint in by_fp else "",
                    "发现": by_fp[h.fingerprint].finding.message if h.fingerprint in by_fp else "（本次分析中已没有此发现）",
                    "排除理由": h.reason,
                    "意见": h.comment,
                    "指派给": h.assignee,
                    "版本": h.version,
                }
                for h in reversed(hist)
            ]
        )
        h1, h2 = st.columns(2)
        who = h1.multiselect("复核人", sorted(frame["复核人"].unique()), placeholder="全部")
        which = h2.multiselect("文件", sorted(frame["文件"].unique()), placeholder="全部")
        if who:
            frame = frame[frame["复核人"].isin(who)]
        if which:
            frame = frame[frame["文件"].isin(which)]
        st.caption(f"{len(frame)} 条记录，最新的在前。记录只增不改。")
        st.dataframe(frame, hide_index=True, width="stretch", column_config={"发现": st.column_config.TextColumn(width="large")})


def _sign(sha: str, name: str) -> None:
    """Sign off a document whose findings are all decided (checked again here)."""
    mine = [it for it in state.items() if it.sha == sha]
    now = state.decisions(mine)
    if not auth.may("signoff"):
        state.flash("signoff", "error", f"{auth.role()}不能签发。")
    elif any(status_of(now.get(it.fp)) == "pending" or now[it.fp].values_changed for it in mine):
        state.flash("signoff", "warning", f"{name} 还有待复核的发现，不能签发。")
    else:
        s = state.store().sign_off(name, sha, signed_by=state.reviewer())
        state.flash("signoff", "success", f"已签发：{name}（{s.signed_by}，{local_time(s.at)}）")


with supervisor_tab:
    if not auth.may("supervise"):
        st.info("主管视图仅复核主管可见。")
        st.stop()
    st.markdown("**按文档**")
    state.show_flash("signoff")
    loaded = {sha: a.doc.name for sha, a in state.analyses().items()}
    signed = state.store().signed_off(loaded)
    per_doc = []
    ready: dict[str, str] = {}  # documents with every finding decided and no sign-off yet
    for sha, doc in loaded.items():
        mine = [it for it in its if it.sha == sha]
        st_counts = {
            s: sum(1 for it in mine if status_of(decided.get(it.fp)) == s) for s in ("pending", "confirmed", "dismissed")
        }
        changed = sum(1 for it in mine if it.fp in decided and decided[it.fp].values_changed)
        assigned = sum(1 for it in mine if it.fp in decided and decided[it.fp].assignee and decided[it.fp].status == "pending")
        high_open = sum(1 for it in mine if it.finding.severity.value == "high" and status_of(decided.get(it.fp)) == "pending")
        sign = signed.get(sha)
        if not st_counts["pending"] and not changed and sign is None:
            ready[sha] = doc
        per_doc.append(
            {
                "文件": doc,
                "发现": len(mine),
                "已确认": st_counts["confirmed"],
                "已排除": st_counts["dismissed"],
                "待复核": st_counts["pending"],
                "数值已变": changed,
                "其中高风险待复核": high_open,
                "已指派未决": assigned,
                "完成度": (len(mine) - st_counts["pending"] - changed) / len(mine) if mine else 1.0,
                "签发": f"{sign.signed_by}，{local_time(sign.at)}" if sign else "",
            }
        )
    st.dataframe(
        pd.DataFrame(per_doc),
        hide_index=True,
        width="stretch",
        column_config={"完成度": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")},
    )
    s1, s2 = st.columns([4, 1], vertical_alignment="bottom")
    pick = s1.selectbox(
        "签发复核完成的文档（全部发现均已确认或排除）",
        list(ready),
        format_func=ready.get,
        index=None,
        key="signoff_pick",
        placeholder="没有可签发的文档" if not ready else "选择文档",
    )
    s2.button("签发", type="primary", disabled=pick is None, on_click=_sign, args=(pick, ready.get(pick, "")), width="stretch")

    st.markdown("**按复核人**")
    people: dict[str, dict] = {}
    for it in its:
        d = decided.get(it.fp)
        if d is None:
            continue
        if d.status != "pending":
            p = people.setdefault(d.reviewer, {"复核人": d.reviewer, "已确认": 0, "已排除": 0, "被指派未决": 0, "最近操作": ""})
            p["已确认" if d.status == "confirmed" else "已排除"] += 1
        if d.assignee and d.status == "pending":
            p = people.setdefault(d.assignee, {"复核人": d.assignee, "已确认": 0, "已排除": 0, "被指派未决": 0, "最近操作": ""})
            p["被指派未决"] += 1
    for h in state.store().history(docs=list(dict.fromkeys(it.finding.doc for it in its))):
        if h.reviewer in people:
            people[h.reviewer]["最近操作"] = local_time(h.at)
        else:
            people[h.reviewer] = {"复核人": h.reviewer, "已确认": 0, "已排除": 0, "被指派未决": 0, "最近操作": local_time(h.at)}
    if people:
        st.dataframe(pd.DataFrame(list(people.values())), hide_index=True, width="stretch")
        st.caption("“已确认 / 已排除”按当前状态计，记在最后作出该决定的复核人名下；“被指派未决”为指派给此人、仍待复核的发现。")
    else:
        st.caption("尚无复核记录。")
