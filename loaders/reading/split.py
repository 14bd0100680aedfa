"""One decoded file -> its reports (documents rows): headings, title, type, issuer, date."""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache

from ..contract.schema import LEXICON, stable_id
from ..text.normalize import fold_compatibility, to_simplified
from ..text.numerals import parse_any

# A file holding several reports starts each with a heading such as 第三篇：… or 第3篇 ….
PART_HEADING = re.compile(r"^[ \t\u3000]*第[一二三四五六七八九十百\d]+篇[：:\s]", re.MULTILINE)
_DATE_NUMBER = r"(?:\d{1,4}|[〇零○一二三四五六七八九十]{1,4})"
DATE = re.compile(rf"(?P<y>(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}}))\s*年\s*(?P<m>{_DATE_NUMBER})\s*月\s*(?P<d>{_DATE_NUMBER})\s*日")
SIMPLIFIED_HEAD = 600  # doc_type_of reads the first 600 characters
SIMPLIFIED_TAIL = 2000  # signature lines are read from the last 2000
ISSUER_END = ("管委会", "管理委员会", "委员会", "人民政府", "政府", "办公室", "办公厅", "局", "厅", "委", "部", "公司", "中心", "工作组", "筹备组")


@lru_cache(maxsize=1)
def doc_types() -> list[tuple[str, str]]:
    with open(LEXICON / "doc_types.csv", encoding="utf-8") as handle:
        return [(row["word"], row["doc_type"]) for row in csv.DictReader(handle)]


def split_reports(text: str, source_file: str) -> list[dict]:
    """Documents rows (contract columns) for every report in one file's text."""
    starts = [match.start() for match in PART_HEADING.finditer(text)]
    if not starts or text[: starts[0]].strip():
        starts = [0, *starts]
    bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    documents = []
    for part, (start, end) in enumerate(bounds, start=1):
        body = text[start:end]
        if not body.strip():
            continue
        # Only the head (title, type) and the tail (signature) are read here, so only they are
        # simplified; extraction simplifies the whole text once, later.
        head, tail = body[:SIMPLIFIED_HEAD], body[-SIMPLIFIED_TAIL:]
        simple_head, simple_tail = (to_simplified(fold_compatibility(part)) for part in (head, tail))
        documents.append(
            {
                "doc_id": stable_id("d", body),
                "source_file": source_file,
                "part": part,
                "title": title_of(body),
                "doc_type": doc_type_of(simple_head),
                "issuer": issuer_of(body),
                "doc_date": signature_date(simple_tail) or dateline_date(simple_head),
                "text": body,
                "converted_from_traditional": simple_head != head or simple_tail != tail,
            }
        )
    return documents


def _lines(body: str) -> list[str]:
    """The non-empty lines of `body`, stripped (each line stripped once)."""
    return [stripped for line in body.splitlines() if (stripped := line.strip(" \t\u3000"))]


def _last_lines(body: str, count: int = 4) -> list[str]:
    """The last non-empty lines, where a signature stands (read from the tail, not the whole report)."""
    return _lines(body[-2000:])[-count:]


def _first_lines(body: str, count: int = 4) -> list[str]:
    """The first non-empty lines, where a title stands (read from a growing head, not the whole report)."""
    size = 4096
    while size < len(body):
        lines = _lines(body[:size])[:-1]  # the last line of the head may be cut
        if len(lines) >= count:
            return lines[:count]
        size *= 4
    return _lines(body)[:count]


def title_of(body: str) -> str:
    """The report's own title: the line after a 第N篇 heading when it reads as one, else the heading."""
    lines = _first_lines(body)
    if not lines:
        return ""
    headed = bool(PART_HEADING.match(lines[0]))
    heading = PART_HEADING.sub("", lines[0], count=1).strip() if headed else lines[0]
    following = lines[1:4] if headed else lines[1:3]
    for index, line in enumerate(following):
        if len(line) > 40 or re.search(r"[。；：:]$|[，,]", line):
            break
        title = line
        if line.endswith(("的", "关于", "和", "与")) and index + 1 < len(following):
            title = line + following[index + 1]
        if re.search(r"报告|汇报|规划|答复|总结|情况|意见|方案|纲要|通知|简报", title):
            return title[:120]
    return heading[:120]


def doc_type_of(body: str) -> str:
    """From the heading lines first (title, subtitle), then the opening text: the first lexicon word found decides."""
    headings = "\n".join(line for line in _lines(body[:600])[:4] if len(line) <= 40)
    for text in (headings, body[:400]):
        for word, doc_type in doc_types():
            if word in text:
                return doc_type
    return "other"


def signature_date(body: str) -> dt.date | None:
    """The date under the signature: a full date on one of the last lines."""
    for line in reversed(_last_lines(body)):
        match = DATE.fullmatch(line.strip("。 "))
        if match:
            try:
                return dt.date(int(parse_any(match["y"])), int(parse_any(match["m"])), int(parse_any(match["d"])))
            except ValueError:
                return None
    return None


# A web page's date line under its title: 发布时间:2023-12-28 10:00, 时间：2015/1/8, 2022-11-01 23:07:32来源:…. Not a
# sentence's date: none after a clause mark on its line, nor one a clause mark follows (2023年1月5日 9:30，园区召开…
# dates a meeting); the date follows its label (only a colon or a space between) or carries a clock time.
_CLAUSE_MARK = re.compile(r"[，。；;！？]")  # not "," : 浏览次数：1,234
_CLAUSE_MARK_NEXT = re.compile(r"\s*" + _CLAUSE_MARK.pattern)
_FIELD_OPENING = r"(?<![^\s|｜【\[（(:：])"  # the line's start, or a space, a bar or a bracket before


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern:
    """A date, with its label (lexicon/dateline_labels.csv: 发布时间, 成文日期…; a bare 时间 only opening the line or
    a field, not 设立时间：2006年5月8日, an event's) and its clock time when there are."""
    with open(LEXICON / "dateline_labels.csv", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: -len(row["word"]))  # 发布时间 before 时间
    anywhere = "|".join(re.escape(row["word"]) for row in rows if row["place"] == "anywhere")
    opening = "|".join(re.escape(row["word"]) for row in rows if row["place"] == "field_opening")
    return re.compile(
        rf"(?:(?P<label>{anywhere}|{_FIELD_OPENING}(?:{opening}))[:：\s]{{0,3}})?"
        r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
        r"(?P<clock>\s*\d{1,2}:\d{2})?"
    )


def dateline_date(head: str) -> dt.date | None:
    """The date on a web page's date line among its first lines: a news page dates itself there, not under a
    signature."""
    for line in _lines(head)[:6]:
        for match in _dateline().finditer(line):
            if _CLAUSE_MARK.search(line, 0, match.start()):
                break  # a sentence has begun: its dates are its events'
            if (match["label"] or match["clock"]) and not _CLAUSE_MARK_NEXT.match(line, match.end()):
                try:
                    return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue  # 2023-13-45: no date; a later one on the line may be
    return None


def issuer_of(body: str) -> str | None:
    """The signing body: the line just above the signature date, when it names an office."""
    lines = _last_lines(body)
    for index, line in enumerate(lines):
        if DATE.fullmatch(line.strip("。 ")) and index > 0:
            candidate = lines[index - 1]
            if len(candidate) <= 30 and candidate.endswith(ISSUER_END):
                return candidate
    return None
