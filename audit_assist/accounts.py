"""Accounts and roles for a review app that several auditors share.

On one machine (the app on 127.0.0.1, no account yet) nobody logs in: the reviewer types a name,
and may do everything. Once an account exists, or when the app listens on another address than
the loopback, every user logs in (``ui/auth.py``, with streamlit-authenticator) and every
decision is recorded under the account's name. Accounts are added by an administrator on the
server: ``audit-assist user add NAME --role 审核员|复核主管``; passwords are kept as bcrypt
hashes, in the review store's database (SQLite or PostgreSQL).

Roles:
- 审核员 confirms or dismisses the findings still to be reviewed, and comments;
- 复核主管 also reopens decided findings, assigns and reassigns them, sees the supervisor view,
  and signs a document's review off.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime

import bcrypt
from sqlalchemy import Column, DateTime, String, Table, Text, func, insert, select
from sqlalchemy.exc import IntegrityError

from .store import Store, _now, metadata

AUDITOR, SUPERVISOR = "审核员", "复核主管"
ROLES = (AUDITOR, SUPERVISOR)
# what each role may do: the store's actions, and "supervise" (the supervisor view), "signoff"
PERMISSIONS = {
    AUDITOR: frozenset({"confirm", "dismiss", "comment"}),
    SUPERVISOR: frozenset({"confirm", "dismiss", "comment", "assign", "reopen", "supervise", "signoff"}),
}
MIN_PASSWORD = 8

accounts = Table(
    "accounts",
    metadata,
    Column("name", String(100), primary_key=True),  # the login name, as decisions record it
    Column("role", String(20), nullable=False),
    Column("password_hash", String(100), nullable=False),  # bcrypt
    Column("created_at", DateTime, nullable=False),
)

settings = Table(
    "app_settings",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: datetime

    def may(self, action: str) -> bool:
        return action in PERMISSIONS[self.role]


def is_loopback(address: str | None) -> bool:
    """Whether a server address is reachable from this machine only ("" and 0.0.0.0 listen on
    every interface)."""
    if not address:
        return False
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def login_name(name: str) -> str:
    """The name as the login form compares it (streamlit-authenticator lower-cases and strips it)."""
    return name.strip().lower()


class Accounts:
    """The accounts in the review store's database."""

    def __init__(self, store: Store):
        self.engine = store.engine
        metadata.create_all(self.engine, tables=[accounts, settings])

    def add(self, name: str, role: str, password: str) -> Account:
        name, password = login_name(name), password.strip()
        if not name or len(name) > 100:
            raise ValueError("账号名不能为空，且不超过 100 个字符")
        if role not in ROLES:
            raise ValueError(f"角色必须是 {' 或 '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"密码至少 {MIN_PASSWORD} 个字符")
        if self.get(name) is not None:
            raise ValueError(f"账号“{name}”已存在")
        hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(insert(accounts).values(name=name, role=role, password_hash=hashed, created_at=now))
        return Account(name, role, now)

    def get(self, name: str) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts.c.name, accounts.c.role, accounts.c.created_at).where(accounts.c.name == login_name(name))
            ).first()
        return Account(*row) if row else None

    def all(self) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(accounts.c.name, accounts.c.role, accounts.c.created_at).order_by(accounts.c.name))
            return [Account(*r) for r in rows]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(accounts)) or 0

    def credentials(self) -> dict:
        """The accounts as streamlit-authenticator takes them (its ``credentials`` argument)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(accounts.c.name, accounts.c.role, accounts.c.password_hash)).all()
        return {
            "usernames": {r.name: {"name": r.name, "password": r.password_hash, "roles": [r.role], "email": ""} for r in rows}
        }

    def cookie_key(self) -> str:
        """The secret that signs the login cookie: made once, shared by every server on this database."""
        query = select(settings.c.value).where(settings.c.key == "cookie_key")
        try:
            with self.engine.begin() as conn:
                key = conn.scalar(query)
                if key is None:
                    key = secrets.token_hex(32)
                    conn.execute(insert(settings).values(key="cookie_key", value=key))
                return key
        except IntegrityError:  # another server made it first
            with self.engine.connect() as conn:
                return conn.scalar(query)
