"""Files -> decoded text: .txt/.md in any common Chinese encoding, .docx and .pdf. Never writes.

Every problem a file can have becomes one `SourceError` whose message is a single line
naming the file and the problem; no library exception leaves this module.
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from .limits import MAX_ZIP_RATIO, ZIP_RATIO_FROM_BYTES, Limits, describe
from .listing import printable

MAX_FILE_MB = 64
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# A Chinese decoding is trusted when this share of its non-ASCII characters is common
# Chinese (GB2312, Big5 level 1, CJK punctuation); a wrong codec yields rare characters.
MIN_CHINESE_SCORE = 0.8
# More than this share of control/private/unassigned characters means binary data.
MAX_CONTROL_SHARE = 0.02
# A text file may hold a few bytes no codec reads (a damaged copy): up to this share they become U+FFFD.
MAX_UNDECODABLE_SHARE = 0.01
# NUL bytes beyond this share mean binary data (or UTF-16 without a byte order mark), not a few stray ones.
MAX_NUL_SHARE = 0.1
LENIENT_ENCODINGS = ("utf-8", "gb18030", "big5")
SCORE_SAMPLE_CHARS = 20_000
CJK_PUNCTUATION = set("，。、：；？！“”‘’（）《》〈〉【】〔〕—…·「」『』％．　～－／")
WHITESPACE_CONTROLS = set("\n\r\t\f\v")
# Characters that are never control, private-use or unassigned (printable ASCII, the common CJK
# ideographs, CJK and full-width punctuation): _checked looks up the category of the others only.
_PLAIN_CHARACTERS = re.compile("[\n\r\t\f\v\x20-\x7e\u4e00-\u9fa5\u3000-\u3003\u3008-\u3011\uff01-\uff5e]+")
GB_FAMILY = ("gb2312", "gbk", "cp936", "gb18030")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceText:
    """A file's text, newlines normalised to \\n, how it was decoded (or `docx`, `pdf`) and what was repaired."""

    text: str
    encoding: str
    undecodable_bytes: int = 0  # read as U+FFFD
    nul_bytes_dropped: int = 0


class SourceError(Exception):
    """A file that cannot be read as a report; str() is one line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = printable(" ".join(str(problem).split()))
        super().__init__(f"{printable(str(path))}: {self.problem}")


def read_source(path: Path, limits: Limits | None = None) -> SourceText:
    """The decoded text of one report file, or SourceError saying why it cannot be read."""
    path = Path(path)
    limits = limits or Limits.from_env()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        found = f"file type {printable(suffix)}" if suffix else "file type (no extension)"
        raise SourceError(path, f"unsupported {found}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    data = _read_bytes(path)
    if suffix == ".docx":
        source = SourceText(_docx_text(path, data, limits), "docx")
    elif suffix == ".pdf":
        source = SourceText(_pdf_text(path, data, limits), "pdf")
    else:
        source = _decode(path, data)
    text = _normalise_newlines(source.text)
    if not text.strip():
        raise SourceError(path, "no text (only whitespace)")
    return SourceText(text, source.encoding, source.undecodable_bytes, source.nul_bytes_dropped)


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, its size checked before it is opened; a pipe or device is never opened."""
    try:
        status = path.stat()
    except OSError as error:
        raise SourceError(path, f"cannot read file: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        raise SourceError(path, "not a regular file")
    _check_size(path, status.st_size)
    try:
        # O_NONBLOCK: should a pipe have replaced the file since stat, opening it does not hang
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise SourceError(path, "not a regular file")
            _check_size(path, status.st_size)
            return stream.read(MAX_FILE_MB * 1024 * 1024 + 1)
    except OSError as error:
        raise SourceError(path, f"cannot read file: {error.strerror or error}") from None


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_MB * 1024 * 1024:
        raise SourceError(path, f"file too large ({size / 1024 / 1024:.1f} MB; limit {MAX_FILE_MB} MB)")
    if size == 0:
        raise SourceError(path, "empty file (0 bytes)")


def _normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(path: Path, data: bytes) -> SourceText:
    """Text and codec: BOMs, then strict UTF-8, GB18030 vs Big5, a few bad bytes replaced, then charset-normalizer."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(*_checked(path, _strict(data, "utf-16"), "utf-16"))
    nuls = data.count(b"\x00")
    if nuls > MAX_NUL_SHARE * len(data):
        raise SourceError(path, "binary data, not text (NUL bytes)")
    data = data.replace(b"\x00", b"") if nuls else data
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data, "utf-8-sig")
        if text is not None:
            return SourceText(*_checked(path, text, "utf-8-sig"), 0, nuls)
    text = _strict(data, "utf-8")
    if text is not None:
        return SourceText(*_checked(path, text, "utf-8"), 0, nuls)
    chinese = _best_chinese(data)
    if chinese is not None:
        return SourceText(*_checked(path, *chinese), 0, nuls)
    repaired = _lenient(data)
    if repaired is not None:
        text, encoding, undecodable = repaired
        return SourceText(*_checked(path, text, encoding), undecodable, nuls)
    if nuls:
        raise SourceError(path, "binary data, not text (NUL bytes)")
    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        raise SourceError(path, "binary data or unknown encoding; expected UTF-8, GB18030/GBK or Big5 text")
    encoding = guess.encoding
    if encoding.lower().replace("-", "") in GB_FAMILY:
        encoding = "gb18030"  # a superset that decodes every GB2312/GBK file the same way
    text = _strict(data, encoding)
    if text is None:
        raise SourceError(path, f"cannot decode as {encoding}; expected UTF-8, GB18030/GBK or Big5 text")
    return SourceText(*_checked(path, text, encoding))


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _lenient(data: bytes) -> tuple[str, str, int] | None:
    """The decoding with the fewest bad bytes, each read as U+FFFD, when they are rare and the text reads as Chinese."""
    best = None
    limit = max(1, int(MAX_UNDECODABLE_SHARE * len(data)))
    for encoding in LENIENT_ENCODINGS:
        text = data.decode(encoding, errors="surrogateescape")  # one surrogate per bad byte: exact counts
        undecodable = len(_UNDECODABLE.findall(text))
        if undecodable > limit or (best and undecodable >= best[2]):
            continue
        text = _UNDECODABLE.sub("\ufffd", text)
        if encoding != "utf-8" and _chinese_score(text) < MIN_CHINESE_SCORE:
            continue
        best = (text, encoding, undecodable)
    return best


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
    return sum(is_common_chinese(character) for character in foreign) / len(foreign)


@lru_cache(maxsize=65536)
def is_common_chinese(character: str) -> bool:
    """Whether a character is one Chinese text is written in (GB2312, or Big5's frequent level): a
    run of others is text decoded with the wrong encoding."""
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
        for character in _PLAIN_CHARACTERS.sub("", sample)
        if character not in WHITESPACE_CONTROLS
        and unicodedata.category(character) in ("Cc", "Co", "Cn", "Cs")
    )
    if sample and odd / len(sample) > MAX_CONTROL_SHARE:
        raise SourceError(path, f"binary data, not text ({odd / len(sample):.0%} control characters)")
    return text, encoding


def _docx_text(path: Path, data: bytes, limits: Limits) -> str:
    """Paragraphs and table cells in document order, one per line; the zip's sizes checked before parsing."""
    import docx

    try:
        _check_unpacked_size(path, zipfile.ZipFile(io.BytesIO(data)), limits)
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _collect_docx_lines(document, lines, seen_cells=set())
    except SourceError:
        raise
    except Exception as error:  # python-docx, zipfile and lxml all raise their own types
        logger.debug("cannot read %s", printable(str(path)), exc_info=True)
        raise SourceError(path, f"truncated or corrupt .docx ({type(error).__name__}: {error})") from None
    return "\n".join(lines)


def _check_unpacked_size(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip bomb from its directory: the declared sizes, which zipfile enforces when it reads."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_docx_mb * 2**20:
        raise SourceError(
            path,
            f".docx unpacks to {unpacked / 2**20:.1f} MB; limit {describe(limits.max_docx_mb)} MB (LOADERS_MAX_DOCX_MB)",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= ZIP_RATIO_FROM_BYTES and ratio > MAX_ZIP_RATIO:
            raise SourceError(
                path,
                f"zip member {printable(member.filename)} expands {ratio:.0f}:1; limit {MAX_ZIP_RATIO}:1 (a zip bomb?)",
            )


def _collect_docx_lines(container, lines: list[str], seen_cells: set) -> None:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            rendered = table_sentences([[cell.text.strip() for cell in row.cells] for row in block.rows])
            if rendered:
                lines.extend(rendered)
                continue
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen_cells:  # a merged cell repeats in every row/column it spans
                        continue
                    seen_cells.add(cell._tc)
                    _collect_docx_lines(cell, lines, seen_cells)
        else:
            lines.append(block.text)


_NUMBER_CELL = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
_UNIT_IN_BRACKETS = re.compile(r"[（(]([^（）()]{1,6})[）)]\s*$")
_GENERIC_HEADERS = ("数值", "数量", "金额", "值", "指标值", "完成值", "完成情况", "实际完成")


def table_sentences(rows: list[list[str]]) -> list[str]:
    """An indicator table read as the sentences a report would write:

    指标 | 单位 | 1-10月 | 同比增长（%） ; 主营业务收入 | 亿元 | 102.5 | 12.3
    -> 主营业务收入：1-10月102.5亿元，同比增长12.3%。

    Empty when the table holds no figures with a label; then its cells are read as lines.
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return []
    header = rows[0]
    unit_column = next((j for j, cell in enumerate(header) if cell in ("单位", "计量单位")), None)
    sentences: list[str] = []
    for row in rows[1:]:
        label = row[0]
        if not label or _NUMBER_CELL.fullmatch(label):
            continue
        label_unit = _UNIT_IN_BRACKETS.search(label)
        given = row[unit_column] if unit_column is not None and unit_column < len(row) else ""
        unit = given or (label_unit.group(1) if label_unit else "")
        label = label[: label_unit.start()] if label_unit else label
        clauses: list[list[str]] = []
        for column, cell in enumerate(row[1:], start=1):
            cell = cell.replace(" ", "")
            if column == unit_column or not _NUMBER_CELL.fullmatch(cell):
                continue
            head = header[column] if column < len(header) else ""
            head_unit = _UNIT_IN_BRACKETS.search(head)
            head_text = head[: head_unit.start()] if head_unit else head
            head_text = "" if head_text in _GENERIC_HEADERS else head_text
            percent = cell.endswith("%") or bool(head_unit and "%" in head_unit.group(1))
            value = cell.rstrip("%")
            if percent and re.search(r"增长|增速|增幅|同比", head_text) and clauses:
                if value.startswith("-"):  # -3.2 under 同比增长 is a fall: say it the way reports do
                    head_text, value = re.sub(r"增长|增速|增幅", "下降", head_text) or "下降", value[1:]
                clauses[-1].append(f"{head_text}{value}%")
                continue
            if re.search(r"目标|计划|任务", head_text):
                head_text += "为"  # 年度目标为150亿元: a target, as a report would say it
            clauses.append([f"{label}：{head_text}{value}{'%' if percent else (head_unit.group(1) if head_unit else unit)}"])
        sentences.extend("，".join(clause) + "。" for clause in clauses)
    return sentences


def _pdf_text(path: Path, data: bytes, limits: Limits) -> str:
    """Text of every page, one page after another; the page count checked first."""
    import pypdf

    with _quiet_logger("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError(path, "encrypted PDF (password required)")
            if len(reader.pages) > limits.max_pdf_pages:
                limit = describe(limits.max_pdf_pages)
                raise SourceError(path, f"{len(reader.pages)} pages; limit {limit} (LOADERS_MAX_PDF_PAGES)")
            pages = [page.extract_text() or "" for page in reader.pages]
        except SourceError:
            raise
        except Exception as error:  # pypdf raises many types on damaged files
            logger.debug("cannot read %s", printable(str(path)), exc_info=True)
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
