"""Login and roles: the ``audit-assist user`` command, and the review app (``AppTest``) shared
(an account exists, or it listens on another address than the loopback) or on one machine."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import bcrypt
import pytest
from conftest import ROOT, SAMPLE_NAMES
from streamlit import config
from streamlit.testing.v1 import AppTest

from audit_assist.accounts import AUDITOR, SUPERVISOR, Accounts, is_loopback
from audit_assist.store import Store

APP = str(ROOT / "app.py")
TIMEOUT = 600
PDFS = [f"{n}.pdf" for n in SAMPLE_NAMES]
LISTED = [PDFS[1], PDFS[0], *PDFS[2:]]  # low coverage first: 001 publishes none of its tables


def cli(*args: str, stdin: str = "", db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "audit_assist.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "AUDIT_ASSIST_DB": db},
    )


def test_user_add_keeps_a_bcrypt_hash_and_lists_the_accounts(tmp_path):
    db = f"sqlite:///{tmp_path / 'review.db'}"
    added = cli("user", "add", "王审计", "--role", "审核员", stdin="audit-pass-1\n", db=db)
    assert (added.returncode, added.stderr) == (0, f"已添加账号 王审计（审核员），数据库 {db}\n")
    assert cli("user", "add", "Zhang", "--role", "复核主管", stdin="super-pass-1\n", db=db).returncode == 0
    assert cli("user", "list", db=db).stdout == "zhang\t复核主管\n王审计\t审核员\n"  # login names are lower-cased
    store = Store(db)
    (hashed,) = store.engine.connect().exec_driver_sql("SELECT password_hash FROM accounts WHERE name = '王审计'").one()
    assert hashed.startswith("$2b$") and bcrypt.checkpw(b"audit-pass-1", hashed.encode())
    store.dispose()
    again = cli("user", "add", "王审计", "--role", "复核主管", stdin="other-pass-1\n", db=db)
    assert (again.returncode, again.stderr) == (1, "错误：王审计：账号“王审计”已存在\n")
    short = cli("user", "add", "李", "--role", "审核员", stdin="short\n", db=db)
    assert (short.returncode, short.stderr) == (1, "错误：李：密码至少 8 个字符\n")
    assert cli("user", "add", "李", "--role", "管理员", stdin="long-enough-1\n", db=db).returncode == 2


def test_loopback_addresses():
    assert [is_loopback(a) for a in ("127.0.0.1", "127.0.1.1", "::1", "localhost")] == [True] * 4
    assert [is_loopback(a) for a in ("0.0.0.0", "", None, "::", "192.168.1.20", "audit.example")] == [False] * 6


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("AUDIT_ASSIST_DB", url)
    return url


@pytest.fixture
def on_the_network():
    """The app started with ``--server.address 0.0.0.0`` (read by the script through st.get_option)."""
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_on_the_network_without_accounts_the_app_refuses_to_open(db_url, on_the_network):
    at = run(AppTest.from_file(APP, default_timeout=TIMEOUT))
    assert [e.value for e in at.error] == [
        "本服务可从其他计算机访问，必须登录后使用，但还没有任何账号。请管理员在服务器上创建账号："
        "`audit-assist user add 姓名 --role 审核员`（或 `--role 复核主管`），然后刷新本页。"
    ]
    assert not at.dataframe and not at.text_input  # no document, no form, no reviewer field


def login(at: AppTest, name: str, password: str) -> AppTest:
    inputs = {t.label: t for t in at.text_input}
    inputs["账号"].input(name)
    inputs["密码"].input(password)
    next(b for b in at.button if b.label == "登录").click()
    return run(at)


def test_on_the_network_every_user_logs_in_and_decides_as_the_account(db_url, on_the_network):
    store = Store(db_url)
    accounts = Accounts(store)
    accounts.add("王审计", AUDITOR, "audit-pass-1")
    at = run(AppTest.from_file(APP, default_timeout=TIMEOUT))
    assert [t.label for t in at.text_input] == ["账号", "密码"] and not at.dataframe
    login(at, "王审计", "wrong-password")
    assert [e.value for e in at.error] == ["账号或密码不正确。"] and not at.dataframe
    login(at, "王审计", "audit-pass-1")
    assert at.title[0].value == "文档" and list(at.dataframe[0].value["文件"]) == LISTED
    assert "复核人" not in [t.label for t in at.sidebar.text_input]  # no typed name: the account decides
    assert "**复核人**　王审计（审核员）" in [m.value for m in at.sidebar.markdown]
    store.dispose()


def test_roles_an_auditor_decides_a_supervisor_reopens_and_signs_off(db_url):
    """On 127.0.0.1 too, once accounts exist everyone logs in. 审核员 confirms; he can neither
    reopen (the button is disabled, and pressing it anyway is refused by the server) nor see the
    supervisor view; 复核主管 reopens, and signs off a document whose findings are all decided."""
    from audit_assist.pipeline import analyse_bytes

    store = Store(db_url)
    accounts = Accounts(store)
    accounts.add("王审计", AUDITOR, "audit-pass-1")
    accounts.add("张主管", SUPERVISOR, "super-pass-1")
    name = "004_2958b8ff77e9055f.txt"
    data = (ROOT / "sample_docs" / name).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    findings = analyse_bytes(data, name).findings
    top = findings[0]
    key = f"{sha[:12]}:{top.fingerprint}"

    def session(who: str, password: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["files"] = {sha: (name, data)}
        login(run(at), who, password)
        at.session_state["current"] = key
        at.switch_page("ui/detail.py")
        return run(at)

    at = session("王审计", "audit-pass-1")
    next(b for b in at.button if b.label == "确认").click()
    run(at)
    d = store.decision(top.fingerprint)
    assert (d.status, d.reviewer, d.updated_by) == ("confirmed", "王审计", "王审计")
    buttons = {b.label: b for b in at.button}
    assert buttons["重新打开"].disabled and buttons["确认"].disabled and buttons["指派"].disabled
    assert "已决定的发现只能由复核主管重新打开后再决定。" in [c.value for c in at.caption]
    at.switch_page("ui/review.py")
    run(at)
    assert "主管视图仅复核主管可见。" in [i.value for i in at.info]

    at = session("张主管", "super-pass-1")
    next(b for b in at.button if b.label == "重新打开").click()
    run(at)
    assert [(h.action, h.reviewer) for h in store.history(top.fingerprint)] == [("confirm", "王审计"), ("reopen", "张主管")]
    # every finding decided: the document can be signed off
    for f in findings:
        current = store.decision(f.fingerprint)
        store.dismiss(
            f.fingerprint,
            doc=name,
            rule=f.rule,
            reviewer="王审计",
            version=current.version if current else 0,
            reason="口径不同",
            values=f.to_json()["values"],
        )
    at.switch_page("ui/review.py")
    run(at)
    assert at.selectbox(key="signoff_pick").options == [name]
    at.selectbox(key="signoff_pick").set_value(sha)
    run(at)
    next(b for b in at.button if b.label == "签发").click()
    run(at)
    (signed,) = store.signed_off([sha]).values()
    assert (signed.doc, signed.signed_by) == (name, "张主管")
    assert any(s.value.startswith(f"已签发：{name}（张主管，") for s in at.success)
    store.dispose()


def _refusals() -> None:
    """Run by AppTest: what ``decide.refused`` says for each role (the check the server makes
    again when a button is pressed, whatever the browser shows)."""
    from datetime import datetime

    import streamlit as st

    from audit_assist.accounts import Account
    from audit_assist.store import Decision
    from ui.decide import refused

    t = datetime(2025, 1, 1)
    confirmed = Decision("fp", "a.txt", "SUM001", "confirmed", "", "", "", "王审计", t, "王审计", t, 1, '{"difference": 1}')
    for role in ("审核员", "复核主管", None):
        st.session_state.account = Account("某人", role, t) if role else None
        for action in ("confirm", "dismiss", "comment", "assign", "reopen"):
            st.write(f"{role}|{action}|{refused(action, None)}|{refused(action, confirmed)}")
        st.write(f"{role}|changed|{refused('confirm', confirmed.against({'difference': 2}))}")


def test_what_each_role_may_do():
    at = AppTest.from_function(_refusals).run()
    assert not at.exception, [e.value for e in at.exception]
    decided = "已决定的发现只能由复核主管重新打开后再决定。"
    assert [m.value for m in at.markdown] == [
        f"审核员|confirm|None|{decided}",
        f"审核员|dismiss|None|{decided}",
        "审核员|comment|None|None",
        "审核员|assign|审核员不能指派发现，请联系复核主管。|审核员不能指派发现，请联系复核主管。",
        "审核员|reopen|审核员不能重新打开发现，请联系复核主管。|审核员不能重新打开发现，请联系复核主管。",
        "审核员|changed|None",  # its numbers changed since: to be decided again
        # 复核主管, and the one reviewer of an app on one machine, may do everything
        *(
            f"{role}|{action}|None|None" if action != "changed" else f"{role}|changed|None"
            for role in ("复核主管", "None")
            for action in ("confirm", "dismiss", "comment", "assign", "reopen", "changed")
        ),
    ]
