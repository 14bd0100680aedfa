"""Who is signed in, and the sign-in form: viewers browse freely (unless configured), editors sign in.

    user = auth.current_user()            # User(name, role) or None; expires after SESSION_MINUTES
    auth.sign_in_form(key)                # name + password -> loaders.accounts; says why it failed
    auth.account_box(container, user)     # sidebar: who is signed in, sign out
    auth.view_requires_sign_in()          # ZONES_VIEW_REQUIRES_SIGN_IN=1: every page asks for a sign-in

Accounts are loaders.accounts (argon2 hashes in a file outside data/ and git). An office with its own
single sign-on configures Streamlit's OIDC sign-in (`[auth]` in .streamlit/secrets.toml): then
`st.user` is used as it is, with the editors named in ZONES_SSO_EDITORS (comma-separated e-mails); no
code changes. The session lives in st.session_state on the server, never in a cookie the browser can edit.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import streamlit as st

from loaders.accounts import Accounts, accounts_file
from pages._shared.i18n import t

SESSION_KEY = "auth.user"
SESSION_MINUTES = float(os.environ.get("ZONES_SESSION_MINUTES", "480"))


@dataclass(frozen=True)
class User:
    name: str
    role: str  # 'editor' | 'viewer'

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"


def view_requires_sign_in() -> bool:
    """The setting that makes viewing need a sign-in too (default: viewers browse without one)."""
    return os.environ.get("ZONES_VIEW_REQUIRES_SIGN_IN", "").strip().lower() in {"1", "true", "yes"}


def current_user() -> User | None:
    """The signed-in user of this browser session, or None once the session has expired."""
    sso = _single_sign_on_user()
    if sso is not None:
        return sso
    session = st.session_state.get(SESSION_KEY)
    if not session:
        return None
    if time.time() > session["expires"]:
        del st.session_state[SESSION_KEY]
        return None
    return User(session["name"], session["role"])


def sign_in_form(key: str) -> User | None:
    """A name/password form; on success the session starts and the page reruns."""
    if _sso_configured():
        if st.button(t("auth.sign_in_sso"), key=f"{key}.sso"):
            st.login()
        return None
    with st.form(key=key, clear_on_submit=False):
        name = st.text_input(t("auth.name"), key=f"{key}.name")
        password = st.text_input(t("auth.password"), type="password", key=f"{key}.password")
        submitted = st.form_submit_button(t("auth.sign_in"))
    if not submitted:
        return None
    answer = Accounts(accounts_file()).verify(name.strip(), password)
    if not answer.ok:
        if answer.reason == "wait":
            st.error(t("auth.wait", seconds=f"{answer.wait_seconds:.0f}"))
        else:
            st.error(t("auth.wrong"))
        return None
    st.session_state[SESSION_KEY] = {"name": name.strip(), "role": answer.role,
                                     "expires": time.time() + SESSION_MINUTES * 60}
    st.rerun()
    return None  # not reached: st.rerun() restarts the script


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if _sso_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def account_box(container, user: User | None) -> None:
    """Sidebar: the signed-in name and role with a sign-out button (nothing for anonymous viewers)."""
    if user is None:
        return
    container.caption(t("auth.signed_in_as", name=user.name, role=t(f"auth.role.{user.role}")))
    if container.button(t("auth.sign_out"), key="auth.sign_out"):
        sign_out()
        st.rerun()


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def _single_sign_on_user() -> User | None:
    if not _sso_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or st.user.get("name") or "")
    editors = {name.strip().lower() for name in os.environ.get("ZONES_SSO_EDITORS", "").split(",") if name.strip()}
    return User(email, "editor" if email.lower() in editors else "viewer")
