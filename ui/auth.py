"""Who is using the app (no page of its own): on one machine nobody logs in; shared (accounts
exist, or the server listens on another address than the loopback) everyone does, with
streamlit-authenticator against the accounts of ``audit_assist.accounts``, and the account's
role says what its user may do."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth

from audit_assist.accounts import SUPERVISOR, Account, is_loopback
from ui import state

COOKIE = "audit_assist_login"
LOGIN_FIELDS = {"Form name": "登录", "Username": "账号", "Password": "密码", "Login": "登录"}


def shared() -> bool:
    """Whether users must log in: an account exists, or the app can be reached from other machines."""
    return not is_loopback(st.get_option("server.address")) or state.accounts().count() > 0


def gate() -> stauth.Authenticate | None:
    """Before any page: in a shared app, the login form until the user has logged in
    (``st.stop()``); returns the authenticator then (for ``account_box``), None on one machine."""
    ss = st.session_state
    if not shared():
        ss.account = None
        return None
    accounts = state.accounts()
    if accounts.count() == 0:
        st.title("预决算公开审核助手")
        st.error(
            "本服务可从其他计算机访问，必须登录后使用，但还没有任何账号。请管理员在服务器上创建账号："
            "`audit-assist user add 姓名 --role 审核员`（或 `--role 复核主管`），然后刷新本页。"
        )
        st.stop()
    authenticator = stauth.Authenticate(accounts.credentials(), COOKIE, accounts.cookie_key(), 0.5, auto_hash=False)
    if not ss.get("authentication_status"):
        st.title("预决算公开审核助手")
        authenticator.login(location="main", fields=LOGIN_FIELDS, key="login")
        if ss.get("authentication_status"):
            st.rerun()  # logged in just now: the app without the form
    account = accounts.get(ss.get("username") or "") if ss.get("authentication_status") else None
    if account is None:  # not logged in, or the account has been removed since
        if ss.get("authentication_status") is False:
            st.error("账号或密码不正确。")
        else:
            st.caption("请使用管理员为您创建的账号登录。")
        ss.account = None
        # no page list: after logging out, the last run's links would otherwise stay in the sidebar
        st.html('<style>[data-testid="stSidebarNav"], [data-testid="stSidebar"] { display: none; }</style>')
        st.stop()
    ss.account = account
    return authenticator


def account_box(authenticator: stauth.Authenticate) -> None:
    """In the sidebar: who is logged in, and the way out."""
    who = account()
    st.markdown(f"**复核人**　{who.name}（{who.role}）")
    authenticator.logout("退出登录", "sidebar", key="logout_button")  # ("logout" is its own state)
    if not st.session_state.get("authentication_status"):
        st.rerun()  # logged out just now: back to the form


def account() -> Account | None:
    """The logged-in account; None on one machine, where nobody logs in."""
    return st.session_state.get("account")


def may(action: str) -> bool:
    """Whether the user may do ``action`` (a store action, "supervise" or "signoff"). On one
    machine the reviewer may do everything."""
    who = account()
    return who.may(action) if who else True


def role() -> str:
    who = account()
    return who.role if who else SUPERVISOR
