"""Simplified, half-width text without page-number noise, with a map back to original offsets.

Extraction matches on `Normalized.text`; every row it writes points into the original via
`Normalized.to_original`, so `documents.text[start:end] == raw` always holds.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon_files import read_yaml
from .spans import line_end, merged_spans
from .wrapping import TOLERANCE, visual_width, wrap_width

# Full-width ASCII (！..～) -> half-width, but keep the Chinese clause punctuation that the
# sentence splitter relies on (，；：！？（）) as it is.
_KEEP_FULL_WIDTH = set("，；：！？（）")
_HALF_WIDTH = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULL_WIDTH
}
_HALF_WIDTH.update({0x3000: 0x20, 0x2014: ord("-"), 0x2013: ord("-"), 0x2015: ord("-"), 0x00A0: 0x20})
_HALF_WIDTH.update({ord("〜"): ord("~"), ord("﹪"): ord("%"), ord("％"): ord("%"), ord("﹒"): ord(".")})
# Thin, narrow no-break and figure spaces, which typesetting puts between thousands (31 762万元).
_HALF_WIDTH.update({0x2009: 0x20, 0x202F: 0x20, 0x2007: 0x20})
# Minus signs as PDFs and word processors write them (−3.2%, ﹣5亿元).
_HALF_WIDTH.update({0x2212: ord("-"), 0xFE63: ord("-")})
# Runs of those characters: translating only them is ten times faster than translating a whole
# report, whose characters are nearly all left as they are.
_HALF_WIDTH_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_HALF_WIDTH)) + "]+")

# PDF text layers often write Kangxi radicals and CJK compatibility ideographs for common
# characters (⼆ U+2F06 for 二, ⽉ U+2F49 for 月). Their NFKC forms are single characters, so
# folding them keeps every offset; only these blocks are folded (NFKC would also turn ① into 1).
_COMPATIBILITY_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_COMPATIBILITY = {
    code: unicodedata.normalize("NFKC", chr(code))
    for first, last in _COMPATIBILITY_BLOCKS
    for code in range(first, last + 1)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_ANY_COMPATIBILITY = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _COMPATIBILITY_BLOCKS) + "]")

CJK = "\u4e00-\u9fff"
# A page number run into a wrapped line: "产业集聚 1\n区之一", "汽车项\n2目".
# Guarded: the line before is long (a wrapped paragraph, not a heading) and the digits are not
# followed by a unit or counter, which would make them a real number. Document-sharing sites
# write each page as one numbered line (…投资近10亿\n2、元，…): a number with 、 after it joins
# too, after a line as long as a page's (a numbered heading of a list is far shorter).
_UNIT_START = "个家户项亿万千百元年月日人名栋座条台套宗吨亩米公平倍号期届次%."
# A bare line break inside a wrapped paragraph (PDF text layers wrap at a fixed width) joins too,
# and so does one before a clause mark ("…投资额78.5亿元\n，同比增长13.7%"): no line starts with one.
# Every run of spaces is possessive (what follows it is never a space): linear on any text.
_PAGE_NUMBER = re.compile(
    rf"(?<=[{CJK}])[ \t]*+(?:\d{{1,3}}[ \t]*+\n|\n[ \t]*+\d{{1,3}}(?![\d{_UNIT_START}])、?)[ \t]*+(?=[{CJK}])"
    rf"|(?<=[{CJK}，、,])[ \t]*+\n[ \t]*+(?=[{CJK}]|[，,；;、])"  # a half-width comma too (PDF text layers)
    # A figure broken by the wrap itself: "102.5\n亿元", "1\n02.5亿元".
    rf"|(?<=[\d.])[ \t]*+\n[ \t]*+(?=[\d.]|[亿万千元%平公亩家个人户项])"
    # A wrap between a word and the figure it introduces ("税收同比增长\n15.6%"): tried after the page
    # number branch, which takes digits a word goes on from ("产业集\n3业"). A line opening on a year
    # ("…的报告\n2015年全区…") starts a new sentence after a title or heading: it stays.
    rf"|(?<=[{CJK}])[ \t]*+\n[ \t]*+(?=\d)(?!\d{{4}}年)"
)
_WRAPPED_MIN_LINE = 24
_PAGE_LINE_MIN = 100
# The line breaks a _PAGE_NUMBER match may hold: after a character its look-behinds take, a digit or a space.
_JOINABLE_BREAK = re.compile(rf"\n(?<=[ \t\d.{CJK}，、,]\n)")
# A line ending in a figure set apart by two spaces, a tab or a bar is a table row (营业收入  90.5  13.0),
# not a paragraph wrapped inside a figure: the next line's row number does not join it.
_TABLE_CELL_END = re.compile(r"(?:[ \t]{2}|\t|[|｜]\s?)-?[\d.,]{1,20}+%?[ \t]*+$")
# A line of three or more cells set apart by two spaces, tabs or bars is a table's header or row
# (园区名称  营业收入  增长): the line below is its next row, not the rest of a wrapped paragraph, and
# the line above (…见下表) is not wrapped into it.
_CELL_GAP = re.compile(r"[ \t]{2,}+|\t|[|｜]")
_TABLE_LINE_GAPS = 2
# The pinyin a web gateway writes after a converted character: 經(jīng)開區(qū) -> 經開區, in
# half- or full-width brackets, a space before them allowed (萬 （wàn）元 -> 萬元).
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# It opens with the bracket (rare in text) so the engine skips ahead to one at C speed; a space
# before it goes too (_removals).
_PINYIN_NOTE = re.compile(
    rf"[(（](?:(?<=[{CJK}][(（])|(?<=[{CJK}] [(（]))(?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}+ ?[)）]"
)
# Some gateways write the notes without tone marks (億(yi)元(yuan), 完(wan)成(cheng)): a bracketed
# syllable of two letters or more is a note only in a text that has _TONELESS_NOTES_MIN of them after
# characters (a page glossed throughout), never one or two letters in brackets elsewhere ((ab) in a list).
_SYLLABLE = (
    "(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:i(?:a(?:ng|n|o)?|e|u|n(?:g)?|ong|ang)?|u(?:a(?:ng|n|i)?|o|e|i|n)?|ü(?:e|n)?|v|"
    "a(?:ng|n|i|o)?|o(?:ng|u)?|e(?:ng|n|i|r)?)"
)
_TONELESS_NOTE = re.compile(rf"[(（](?:(?<=[{CJK}][(（])|(?<=[{CJK}] [(（]))(?={_SYLLABLE}[)）])[a-zü]{{2,6}}+[)）]")
_TONELESS_NOTES_MIN = 5


# Raw HTML a web page's text kept: inline formatting tags (园区完成产值<strong>120</strong>亿元) and
# non-breaking spaces (120&nbsp;亿元) go, so a figure meets its unit again. Block tags (<p>, <br>, <td>)
# stay: they part what they part. Each match opens with < or & (rare: the engine skips ahead to one).
_INLINE_MARKUP = re.compile(
    r"</?(?:strong|span|b|i|em|font|a|u|sup|sub|small|big)(?:\s[^<>]{0,500}+)?>|&(?:nbsp|ensp|emsp|thinsp);",
    re.IGNORECASE,
)


# A word set in letter-spaced type, as PDF text layers and headings write it (园 区 规 划 面 积):
# four or more Chinese characters, each one space apart, lose those spaces. Two or three (前 言,
# 张 三) may be a heading or a name set apart on purpose and are kept.
# Each match starts at the first space (rare in text: the engine skips ahead to one at C speed)
# and holds the spaces at every second place from there.
_LETTER_SPACED = re.compile(rf" (?<=[{CJK}] )[{CJK}](?: [{CJK}]){{2,}}+")

# Same-length repairs made before the half-width step, while full-width digits still show:
# a full-width comma between full-width digits with three after it is a thousands separator
# (１２３，４５６万元: typed in a full-width mode, not a list of two figures); a letter O or a
# zero inside a Chinese numeral is its 〇 (二O一九年, 二0二一年). Each pattern opens with a
# character class, so the engine skips ahead to its characters at C speed.
_FULL_WIDTH_THOUSANDS = re.compile("，(?<=[０-９]，)(?=[０-９]{3}(?![０-９]))")
_CHINESE_DIGIT = "一二三四五六七八九〇"
_ZERO_LOOKALIKES = "O0Ｏ０"
_ZERO_IN_CHINESE = re.compile(
    rf"[{_ZERO_LOOKALIKES}](?<=[{_CHINESE_DIGIT}][{_ZERO_LOOKALIKES}])[{_ZERO_LOOKALIKES}]{{0,2}}+(?=[{_CHINESE_DIGIT}])"
)


def _repaired(text: str) -> str:
    """Full-width thousands commas and zeros written as O inside Chinese numerals, same length."""
    if "，" in text:
        text = _FULL_WIDTH_THOUSANDS.sub(",", text)
    return _ZERO_IN_CHINESE.sub(lambda zeros: "〇" * len(zeros.group()), text)


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the pieces that map each of its offsets back to the original."""

    text: str
    original: str
    _starts: tuple[int, ...]  # normalised offset where each kept piece starts
    _origins: tuple[int, ...]  # original offset of that piece's first character
    traditional: bool = False

    def to_original(self, offset: int) -> int:
        """The original offset of a normalised offset (an end offset maps to just past its char).
        An offset at or past the end continues the last piece, as one inside it does."""
        piece = bisect.bisect_right(self._starts, offset) - 1
        return self._origins[piece] + (offset - self._starts[piece])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalised span; end maps through its last character."""
        if end <= start:
            origin = self.to_original(start)
            return origin, origin
        return self.to_original(start), self.to_original(end - 1) + 1


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplify_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def to_simplified(text: str) -> str:
    """Traditional -> simplified, keeping the length (character by character where phrases would not)."""
    if not text or text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplify_char(char) for char in text)


def _notes_written_again(text: str, notes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """經(jing)(jing), 億(yi)(yi)元: a gateway may write a character's note twice; the copies right after a note go too."""
    again = []
    for start, end in notes:
        note = text[start:end]
        while text.startswith(note, end):
            again.append((end, end + len(note)))
            end += len(note)
    return again


def _removals(text: str) -> list[tuple[int, int]]:
    """Spans normalize takes out: pinyin notes, the spaces of letter-spaced words, and page
    numbers and breaks inside wrapped lines."""
    notes = [match.span() for match in _PINYIN_NOTE.finditer(text)]
    toneless = [match.span() for match in _TONELESS_NOTE.finditer(text)]
    if len(toneless) >= _TONELESS_NOTES_MIN:
        notes.extend(toneless)
    removals = [_with_space_before(text, start, end) for start, end in notes]
    removals.extend(_notes_written_again(text, notes))
    if "<" in text or "&" in text:  # raw HTML a page's text kept: most reports have none
        removals.extend(match.span() for match in _INLINE_MARKUP.finditer(text))
    for run in _LETTER_SPACED.finditer(text):
        removals.extend((space, space + 1) for space in range(run.start(), run.end(), 2))
    removals.extend(_related_links(text))
    wrapped = _WrappedLines(text)
    for match in _page_numbers(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if "、" in match.group() and match.start() - line_start < _PAGE_LINE_MIN:
            continue  # 1、 2、 after a shorter line number the items of a list
        if wrapped.holds(line_start, match.start()) and not _TABLE_CELL_END.search(text, max(line_start, match.start() - 24), match.start()) \
                and not _a_table_line(text, line_start, match.start()) and not _a_table_line(text, match.end(), line_end(text, match.end())):
            removals.append(match.span())
    return removals


@lru_cache(maxsize=1)
def _related_links_lexicon() -> tuple[re.Pattern, int]:
    """A line holding only a heading of a page's links to other articles, and the longest line a link's title takes
    (lexicon/page_text.yaml)."""
    lexicon = read_yaml("page_text.yaml")
    words = "|".join(map(re.escape, sorted(lexicon["related_links_headings"], key=len, reverse=True)))
    labels = "|".join(map(re.escape, sorted(lexicon["adjacent_link_labels"], key=len, reverse=True)))
    # a list's heading alone on its line, or a link to the next or previous article with its title on the line
    pattern = rf"^[ \t]*+(?:(?P<list>{words})[ \t:：]*+$|(?:{labels})[ \t]*+[:：][^\n]*+$)"
    return re.compile(pattern, re.MULTILINE), lexicon["related_link_longest"]


def _related_links(text: str) -> list[tuple[int, int]]:
    """相关新闻\n· 鹤翔高新区…\n· 白鹭工业园区…: a page's list of links to other articles, its heading and the short
    lines after it (titles, no sentence closed with 。), and a link to the article before or after (上一篇：…): they name
    other zones' figures and belong to no report."""
    heading_pattern, longest = _related_links_lexicon()
    spans = []
    for heading in heading_pattern.finditer(text):
        end = line_end(text, heading.start())
        while heading.group("list") and end < len(text):  # a list's titles follow its heading; a link's is on its line
            following = line_end(text, end + 1)
            line = text[end + 1 : following].strip()
            if len(line) > longest or line.endswith("。"):
                break  # prose again: the list has ended
            end = following
        spans.append((heading.start(), end))
    return spans


class _WrappedLines:
    """Which lines of a text are wrapped ones: 24 characters or more, or as wide as the runs of
    wrapped lines of a narrow column (loaders.text.wrapping), worked out on first need."""

    def __init__(self, text: str):
        self.text = text
        self._width: int | None = None
        self._measured = False

    def holds(self, line_start: int, end: int) -> bool:
        """Whether the line from line_start, up to end, is a wrapped line."""
        if end - line_start >= _WRAPPED_MIN_LINE:
            return True
        if not self._measured:
            self._width, self._measured = wrap_width(self.text), True
        line = self.text[line_start:end].strip()
        return self._width is not None and visual_width(line) >= self._width - TOLERANCE


def _with_space_before(text: str, start: int, end: int) -> tuple[int, int]:
    """The span start..end, with the space right before it when there is one (萬 （wàn）)."""
    return (start - 1, end) if text[start - 1] == " " else (start, end)


def _a_table_line(text: str, start: int, end: int) -> bool:
    gaps = 0
    for _ in _CELL_GAP.finditer(text, start, end):
        gaps += 1
        if gaps >= _TABLE_LINE_GAPS:
            return True
    return _single_spaced_cells(text[start:end])


# A line of cells set apart by single spaces (指标名称 计量单位 2019年 2020年 / 工业总产值 亿元 29.03 39.24):
# three or more cells, two or more of them figures or years, none holding a clause mark (prose with
# spaces around its figures has some: 完成产值 120 亿元，同比增长 12.5 %).
_SPACED_CELL_FIGURE = re.compile(r"-?[\d.,]{1,20}+%?|(?:19|20)\d\d年(?:度)?")
_CLAUSE_MARKS = re.compile(r"[，。；、：,;:！？]")
_SPACED_CELLS_LONGEST = 200  # characters: a table row is short


def _single_spaced_cells(line: str) -> bool:
    if len(line) > _SPACED_CELLS_LONGEST or _CLAUSE_MARKS.search(line):
        return False
    cells = line.split()
    figures = sum(1 for cell in cells if _SPACED_CELL_FIGURE.fullmatch(cell))
    return len(cells) >= 3 and figures >= 2


def _page_numbers(text: str):
    """_PAGE_NUMBER.finditer(text), tried only next to line breaks: every match holds exactly one
    break and nothing but spaces and digits before it, so it starts in the run of those before a
    break (a scan of every character for the pattern's look-behind costs far more). A break after
    anything else (。, a bracket) is none's: each branch has a word, mark, digit or space before it."""
    position = 0
    while (found := _JOINABLE_BREAK.search(text, position)) is not None:
        start = newline = found.start()
        while start > position and (text[start - 1] in " \t" or text[start - 1].isdecimal()):  # \d: any Nd digit
            start -= 1
        for candidate in range(start, newline + 1):
            match = _PAGE_NUMBER.match(text, candidate)
            if match:
                yield match
                position = match.end()
                break
        else:
            position = newline + 1


def fold_compatibility(text: str) -> str:
    """Kangxi radicals and CJK compatibility ideographs -> the ideographs they stand for (same length).

    >>> fold_compatibility("⼆〇⼆五年⼗⼆⽉")
    '二〇二五年十二月'
    """
    # A scan for one such character is ten times faster than translating every report.
    return text.translate(_COMPATIBILITY) if _ANY_COMPATIBILITY.search(text) else text


def _to_half_width(run: re.Match) -> str:
    return run.group().translate(_HALF_WIDTH)


def normalize(original: str) -> Normalized:
    """Simplified, half-width, noise-free text with its offset map."""
    folded = fold_compatibility(original)
    simplified = to_simplified(folded)
    traditional = simplified != folded
    text = _HALF_WIDTH_RUN.sub(_to_half_width, _repaired(simplified)).replace("\r", "\n")
    starts, origins, pieces = [], [], []
    kept_from = length = 0
    for start, end in merged_spans(_removals(text)):  # overlapping removals (a list of links round a link) taken once
        starts.append(length)
        origins.append(kept_from)
        pieces.append(text[kept_from:start])
        length += start - kept_from
        kept_from = end
    starts.append(length)
    origins.append(kept_from)
    pieces.append(text[kept_from:])
    return Normalized("".join(pieces), original, tuple(starts), tuple(origins), traditional)
