"""The report files of a folder: regular files inside it only, each under a name safe to print.

Links that lead out of the folder, link loops, broken links and special files (pipes,
sockets, devices) are returned with the reason they are skipped, never silently dropped.
Folders reached through a link are not entered, so a walk cannot loop.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# controls, bidi and format marks, undecodable name bytes, line and paragraph separators
ESCAPED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")
SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def printable(text: str) -> str:
    r"""text with control characters and undecodable name bytes escaped, as repr() writes them.

    >>> printable("x.txt: ok\nfiles read 99")
    'x.txt: ok\\nfiles read 99'
    >>> printable("\x1b]0;t\x07报告.txt")
    '\\x1b]0;t\\x07报告.txt'
    """
    if text.isprintable():
        return text
    return "".join(_escape(character) for character in text)


def _escape(character: str) -> str:
    if unicodedata.category(character) not in ESCAPED_CATEGORIES:
        return character
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of the name that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if character in SHORT_ESCAPES:
        return SHORT_ESCAPES[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Listed:
    """One entry of the reports folder: its printable relative name, the path to read, its raw name."""

    name: str
    path: Path
    relative: str  # posix, as the file system spells it (may hold undecodable bytes as surrogates)

    @property
    def name_bytes(self) -> str | None:
        """The name's bytes in hex when printing changed it, so the file can still be found."""
        return None if self.name == self.relative else os.fsencode(self.relative).hex()


def list_reports(folder: Path) -> tuple[list[Listed], list[tuple[Listed, str]]]:
    """Files to read and entries skipped with a reason, each sorted by relative path; hidden and ~$ files left out."""
    root = folder.resolve()
    files, skipped = [], []
    for relative, path, problem in _walk(folder, ""):
        entry = Listed(printable(relative), path, relative)
        target, problem = (path, problem) if problem else _regular_file_inside(path, root)
        if problem:
            skipped.append((entry, problem))
        else:
            files.append(Listed(entry.name, target, relative))
    return sorted(files, key=lambda item: item.relative), sorted(skipped, key=lambda item: item[0].relative)


def _walk(folder: Path, prefix: str):
    """(relative posix path, path, problem) of every entry but folders, without entering linked folders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield prefix.rstrip("/") or ".", folder, f"cannot read folder: {error.strerror or error}"
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        relative = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), f"{relative}/")
        else:
            yield relative, Path(entry.path), None


def _regular_file_inside(path: Path, root: Path) -> tuple[Path, str | None]:
    """The file to read for path (a link followed), or why it is not read."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python < 3.13 reports a loop this way
            return path, "symbolic link loop"
        except OSError as error:
            return path, "symbolic link loop" if error.errno == errno.ELOOP else "broken symbolic link"
        if not target.is_relative_to(root):
            return path, "symbolic link to a file outside the reports folder"
        if target.is_dir():
            return path, "symbolic link to a folder (not followed)"
        path = target
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return path, f"cannot read file: {error.strerror or error}"
    for is_kind, kind in SPECIAL_KINDS:
        if is_kind(mode):
            return path, f"not a regular file ({kind})"
    return path, None
