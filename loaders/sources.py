"""Files -> decoded text: .txt/.md in any common Chinese encoding, .docx and .pdf. Never writes.

Every problem a file can have becomes one `SourceError` whose message is a single line
naming the file and the problem; no library exception leaves this module.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

MAX_FILE_MB = 64
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# A Chinese decoding is trusted when this share of its non-ASCII characters is common
# Chinese (GB2312, Big5 level 1, CJK punctuation); a wrong codec yields rare characters.
MIN_CHINESE_SCORE = 0.8
# More than this share of control/private/unassigned characters means binary data.
MAX_CONTROL_SHARE = 0.02
SCORE_SAMPLE_CHARS = 20_000
CJK_PUNCTUATION = set("，。、：；？！“”‘’（）《》〈〉【】〔〕—…·「」『』％．　～－／")
WHITESPACE_CONTROLS = set("\n\r\t\f\v")
GB_FAMILY = ("gb2312", "gbk", "cp936", "gb18030")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceText:
    """A file's text, newlines normalised to \\n, and how it was decoded (or `docx`, `pdf`)."""

    text: str
    encoding: str


class SourceError(Exception):
    """A file that cannot be read as a report; str() is one line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{path}: {self.problem}")


def read_source(path: Path) -> SourceText:
    """The decoded text of one report file, or SourceError saying why it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        found = f"file type {suffix}" if suffix else "file type (no extension)"
        raise SourceError(path, f"unsupported {found}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SourceError(path, f"cannot read file: {error.strerror or error}") from None
    if size > MAX_FILE_MB * 1024 * 1024:
        raise SourceError(path, f"file too large ({size / 1024 / 1024:.1f} MB; limit {MAX_FILE_MB} MB)")
    if size == 0:
        raise SourceError(path, "empty file (0 bytes)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read file: {error.strerror or error}") from None
    if suffix == ".docx":
        source = SourceText(_docx_text(path, data), "docx")
    elif suffix == ".pdf":
        source = SourceText(_pdf_text(path, data), "pdf")
    else:
        text, encoding = _decode(path, data)
        source = SourceText(text, encoding)
    text = _normalise_newlines(source.text)
    if not text.strip():
        raise SourceError(path, "no text (only whitespace)")
    return SourceText(text, source.encoding)


def _normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and codec name: BOMs, then strict UTF-8, then GB18030 vs Big5, then charset-normalizer."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(path, _strict(data, "utf-16"), "utf-16")
    if b"\x00" in data:
        raise SourceError(path, "binary data, not text (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data, "utf-8-sig")
        if text is None:
            raise SourceError(path, "invalid UTF-8 after a UTF-8 byte order mark")
        return _checked(path, text, "utf-8-sig")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(path, text, "utf-8")
    chinese = _best_chinese(data)
    if chinese is not None:
        return _checked(path, *chinese)
    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        raise SourceError(path, "binary data or unknown encoding; expected UTF-8, GB18030/GBK or Big5 text")
    encoding = guess.encoding
    if encoding.lower().replace("-", "") in GB_FAMILY:
        encoding = "gb18030"  # a superset that decodes every GB2312/GBK file the same way
    text = _strict(data, encoding)
    if text is None:
        raise SourceError(path, f"cannot decode as {encoding}; expected UTF-8, GB18030/GBK or Big5 text")
    return _checked(path, text, encoding)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _best_chinese(data: bytes) -> tuple[str, str] | None:
    """The GB18030 or Big5 decoding that reads as common Chinese; GB18030 wins ties."""
    candidates = []
    gb = _strict(data, "gb18030")
    if gb is not None:
        candidates.append((_chinese_score(gb), 1, gb, "gb18030"))
    # plain Big5 first; cp950 and HKSCS add characters plain Big5 lacks
    for encoding in ("big5", "cp950", "big5hkscs"):
        big5 = _strict(data, encoding)
        if big5 is not None:
            candidates.append((_chinese_score(big5), 0, big5, encoding))
            break
    if not candidates:
        return None
    score, _, text, encoding = max(candidates, key=lambda candidate: candidate[:2])
    if score < MIN_CHINESE_SCORE:
        return None
    return text, encoding


def _chinese_score(text: str) -> float:
    """Share of the non-ASCII characters (in a sample) that are common Chinese."""
    foreign = [character for character in text[:SCORE_SAMPLE_CHARS] if not character.isascii()]
    if not foreign:
        return 1.0
    return sum(_is_common_chinese(character) for character in foreign) / len(foreign)


@lru_cache(maxsize=65536)
def _is_common_chinese(character: str) -> bool:
    if character in CJK_PUNCTUATION:
        return True
    try:
        character.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(character.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E  # Big5 level 1: the frequent traditional characters


def _checked(path: Path, text: str | None, encoding: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control, private-use or unassigned characters."""
    if text is None:
        raise SourceError(path, f"cannot decode as {encoding}")
    sample = text[: SCORE_SAMPLE_CHARS * 5]
    odd = sum(
        1
        for character in sample
        if character not in WHITESPACE_CONTROLS
        and unicodedata.category(character) in ("Cc", "Co", "Cn", "Cs")
    )
    if sample and odd / len(sample) > MAX_CONTROL_SHARE:
        raise SourceError(path, f"binary data, not text ({odd / len(sample):.0%} control characters)")
    return text, encoding


def _docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and table cells in document order, one per line."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _collect_docx_lines(document, lines, seen_cells=set())
    except Exception as error:  # python-docx, zipfile and lxml all raise their own types
        logger.debug("cannot read %s", path, exc_info=True)
        raise SourceError(path, f"truncated or corrupt .docx ({type(error).__name__}: {error})") from None
    return "\n".join(lines)


def _collect_docx_lines(container, lines: list[str], seen_cells: set) -> None:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen_cells:  # a merged cell repeats in every row/column it spans
                        continue
                    seen_cells.add(cell._tc)
                    _collect_docx_lines(cell, lines, seen_cells)
        else:
            lines.append(block.text)


def _pdf_text(path: Path, data: bytes) -> str:
    """Text of every page, one page after another."""
    import pypdf

    with _quiet_logger("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError(path, "encrypted PDF (password required)")
            pages = [page.extract_text() or "" for page in reader.pages]
        except SourceError:
            raise
        except Exception as error:  # pypdf raises many types on damaged files
            logger.debug("cannot read %s", path, exc_info=True)
            raise SourceError(path, f"broken PDF ({type(error).__name__}: {error})") from None
    if not any(page.strip() for page in pages):
        raise SourceError(path, "no text layer (scanned PDF?)")
    return "\n".join(pages)


@contextmanager
def _quiet_logger(name: str):
    """pypdf logs warnings on damaged files; the SourceError says it once, in one line."""
    library_logger = logging.getLogger(name)
    level = library_logger.level
    library_logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        library_logger.setLevel(level)
