"""Accounts: argon2 hashes in a file of their own; wrong passwords slow the next tries; the CLI never takes one as an argument."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.accounts import AccountError, Accounts, wait_after

ROOT = Path(__file__).resolve().parents[1]


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_the_file_holds_a_salted_hash_never_the_password(tmp_path):
    path = tmp_path / "accounts.json"
    Accounts(path).add("wang", "correct-horse-9")
    Accounts(path).add("zhao", "correct-horse-9")
    text = path.read_text(encoding="utf-8")
    assert "correct-horse-9" not in text
    hashes = [entry["hash"] for entry in json.loads(text)["accounts"].values()]
    assert all(value.startswith("$argon2id$") for value in hashes) and hashes[0] != hashes[1]  # salted
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_right_and_wrong_passwords(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.add("wang", "correct-horse-9", role="editor")
    assert accounts.verify("wang", "correct-horse-9").role == "editor"
    assert not accounts.verify("wang", "wrong").ok
    assert accounts.verify("nobody", "wrong").reason == "unknown_or_wrong"


def test_five_wrong_passwords_in_a_row_make_the_next_tries_wait(tmp_path):
    clock = Clock()
    accounts = Accounts(tmp_path / "accounts.json", clock=clock)
    accounts.add("wang", "correct-horse-9")
    for _ in range(4):
        assert accounts.verify("wang", "wrong").wait_seconds == 0
    assert accounts.verify("wang", "wrong").wait_seconds == 2.0  # the fifth
    refused = accounts.verify("wang", "correct-horse-9")  # even the right password waits
    assert (refused.ok, refused.reason, refused.wait_seconds) == (False, "wait", 2.0)
    clock.now += 2.0
    assert accounts.verify("wang", "wrong").wait_seconds == 4.0
    clock.now += 4.0
    assert accounts.verify("wang", "correct-horse-9").ok
    assert accounts.verify("wang", "wrong").wait_seconds == 0  # a success resets the count


def test_waits_double_up_to_a_cap():
    assert [wait_after(n) for n in (4, 5, 6, 7, 8, 30)] == [0.0, 2.0, 4.0, 8.0, 16.0, 300.0]


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("wang li", "correct-horse-9", "editor", "user name"),
    ("wang", "short", "editor", "password too short"),
    ("wang", "correct-horse-9", "admin", "role 'admin'"),
])
def test_bad_accounts_are_refused_with_a_reason(tmp_path, name, password, role, message):
    with pytest.raises(AccountError, match=message):
        Accounts(tmp_path / "accounts.json").add(name, password, role=role)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", "users", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_users_add_list_remove_from_the_command_line(tmp_path):
    path = tmp_path / "accounts.json"
    added = _cli("--file", str(path), "add", "wang", stdin="correct-horse-9\n")
    assert added.returncode == 0, added.stderr
    assert _cli("--file", str(path), "add", "li", "--role", "viewer", stdin="correct-horse-9\n").returncode == 0
    assert _cli("--file", str(path), "list").stdout.splitlines() == ["li\tviewer", "wang\teditor"]
    assert Accounts(path).verify("wang", "correct-horse-9").ok
    assert _cli("--file", str(path), "remove", "li").returncode == 0
    assert _cli("--file", str(path), "list").stdout.splitlines() == ["wang\teditor"]
    missing = _cli("--file", str(path), "remove", "li")
    assert missing.returncode == 2 and "no account named 'li'" in missing.stderr


def test_the_command_line_has_no_password_argument():
    options = _cli("add", "--help").stdout.split("options:")[1]
    assert [line.split()[0] for line in options.splitlines() if line.strip().startswith("-")] == ["-h,", "--role"]
