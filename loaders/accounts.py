"""Editor and viewer accounts: a local JSON file of argon2 hashes, outside data/ and outside git.

    accounts = Accounts(accounts_file())          # $ZONES_ACCOUNTS_FILE, else ~/.config/zone-dashboard/accounts.json
    accounts.add("wang", password, role="editor") / accounts.remove("wang") / accounts.users()
    accounts.verify("wang", password)             # -> SignIn(ok, role, wait_seconds, message)

Passwords are hashed with argon2id (argon2-cffi) and never stored or logged. After FREE_FAILURES wrong
passwords in a row for a name, each further try must wait longer (doubling up to MAX_WAIT_SECONDS),
checked before the password is even looked at, so guessing is slow; a right password resets the count.
The file is written atomically (temporary file + rename) with mode 0600.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("editor", "viewer")
FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 300.0
MIN_PASSWORD_CHARS = 8
USERNAME = re.compile(r"[\w.@-]{1,64}")

_hasher = PasswordHasher()


def accounts_file() -> Path:
    """$ZONES_ACCOUNTS_FILE, else $XDG_CONFIG_HOME (or ~/.config)/zone-dashboard/accounts.json."""
    configured = os.environ.get("ZONES_ACCOUNTS_FILE")
    if configured:
        return Path(configured).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "zone-dashboard" / "accounts.json"


class AccountError(ValueError):
    """A request the accounts file cannot take (unknown user, bad name, short password); one line."""


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in: ok with the role, or why not (and how long to wait)."""

    ok: bool
    role: str | None = None
    wait_seconds: float = 0.0
    reason: str = ""  # 'unknown_or_wrong' | 'wait'


class Accounts:
    """The accounts file; every call re-reads it, so `users add` takes effect without a restart."""

    def __init__(self, path: Path, clock=time.time):
        self.path = Path(path)
        self.clock = clock

    def users(self) -> list[tuple[str, str]]:
        """(name, role) of every account, sorted by name."""
        return sorted((name, entry["role"]) for name, entry in self._read().items())

    def add(self, name: str, password: str, role: str = "editor") -> None:
        """Create or replace an account (replacing resets its failure count)."""
        if not USERNAME.fullmatch(name):
            raise AccountError(f"user name {name!r}: use 1-64 letters, digits or . _ @ -")
        if role not in ROLES:
            raise AccountError(f"role {role!r}: expected one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"password too short: at least {MIN_PASSWORD_CHARS} characters")
        entries = self._read()
        entries[name] = {"hash": _hasher.hash(password), "role": role, "failures": 0, "not_before": 0.0}
        self._write(entries)

    def remove(self, name: str) -> None:
        entries = self._read()
        if name not in entries:
            raise AccountError(f"no account named {name!r} in {self.path}")
        del entries[name]
        self._write(entries)

    def verify(self, name: str, password: str) -> SignIn:
        """Check a password; unknown names and wrong passwords get the same answer."""
        entries = self._read()
        entry = entries.get(name)
        if entry is None:
            _hasher.hash(password)  # the same work as a real check, so timing does not tell names apart
            return SignIn(False, reason="unknown_or_wrong")
        now = self.clock()
        if now < entry.get("not_before", 0.0):
            return SignIn(False, wait_seconds=round(entry["not_before"] - now, 1), reason="wait")
        try:
            _hasher.verify(entry["hash"], password)
        except (VerificationError, InvalidHashError):
            failures = entry.get("failures", 0) + 1
            entry["failures"] = failures
            entry["not_before"] = now + wait_after(failures)
            self._write(entries)
            return SignIn(False, wait_seconds=wait_after(failures), reason="unknown_or_wrong")
        if entry.get("failures") or _hasher.check_needs_rehash(entry["hash"]):
            entry.update(failures=0, not_before=0.0, hash=_hasher.hash(password))
            self._write(entries)
        return SignIn(True, role=entry["role"])

    def _read(self) -> dict[str, dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            entries = json.loads(text)
        except json.JSONDecodeError as error:
            raise AccountError(f"{self.path} is not valid JSON ({error.msg}, line {error.lineno})") from error
        return entries.get("accounts", {}) if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".accounts-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"accounts": entries}, stream, ensure_ascii=False, indent=2)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def wait_after(failures: int) -> float:
    """Seconds the next try must wait after `failures` wrong passwords in a row.

    >>> [wait_after(n) for n in (1, 4, 5, 6, 7, 20)]
    [0.0, 0.0, 2.0, 4.0, 8.0, 300.0]
    """
    if failures < FREE_FAILURES:
        return 0.0
    return min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS)
