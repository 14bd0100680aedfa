"""What the projects and infrastructure extractors share: clauses, plan sections, status words read in context.

A status word is read where it stands: after a future marker (力争, 将, 年内…), in a sentence
that states an aim, or in a section about next steps, it is an intention and reads as the
lexicon's `future_reading` says (开工 -> planned, 引进 -> negotiating) or says nothing.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .schema import LEXICON, stable_id
from .text import Sentence, sentences
from .units import Quantity, find_quantities

CLAUSE_END = re.compile(r"[，；：,;:]")
# Headings that open a section: 一、 (level 1), （一） (level 2), 1、 / （1） (level 3).
_HEADINGS = (
    re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,3}、"),
    re.compile(r"(?m)^[ \t]*[（(][一二三四五六七八九十]{1,3}[）)]"),
    re.compile(r"(?m)^[ \t]*(?:\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[）)])"),
)
_TITLE_END = re.compile(r"[。，,：:；;\n]")
_TITLE_MAX = 20
_PAST_WINDOW = 4


class Quantities:
    """The quantities of one text (loaders.units), looked up by position without scanning them all."""

    def __init__(self, text: str):
        self.all = _quantities(text)
        self._starts = [quantity.start for quantity in self.all]

    def within(self, start: int, end: int) -> list[Quantity]:
        """Quantities starting in [start, end), in order."""
        return self.all[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]


@lru_cache(maxsize=2)
def _quantities(text: str) -> list[Quantity]:
    # Cached on the text: the projects and infrastructure extractors read the same document.
    return find_quantities(text)


@dataclass(frozen=True)
class StatusWord:
    start: int
    end: int
    word: str
    status: str
    strength: int
    future: bool


@lru_cache(maxsize=1)
def cues() -> dict:
    with open(LEXICON / "item_cues.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=64)
def word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for `words` that takes the longest at each place (开工建设 over 开工)."""
    return re.compile(trie_pattern(words))


def trie_pattern(words) -> str:
    """`words` as a prefix tree: a plain alternation of hundreds of words tries each of them at
    every character; the tree tries one branch per character and stays fast on long reports.

    >>> trie_pattern(["开工", "开工建设", "开闭所"])
    '开(?:工(?:建设)?|闭所)'
    """
    tree: dict = {}
    for word in set(words):
        if word:
            node = tree
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return _branch(tree)


def _branch(node: dict) -> str:
    ends = "" in node
    children = []
    for char in sorted(key for key in node if key):
        child, chain = node[char], re.escape(char)
        while len(child) == 1 and "" not in child:  # a run with no branch and no word end
            (char,) = child
            chain += re.escape(char)
            child = child[char]
        rest = _branch(child) if any(key for key in child) else ""
        children.append(chain + rest)
    if not children:
        return ""
    body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    if ends:
        return f"(?:{body})?" if len(children) > 1 or len(children[0]) > 1 else f"{body}?"
    return body


@lru_cache(maxsize=64)
def cue_pattern(name: str) -> re.Pattern:
    return word_pattern(tuple(cues()[name]))


@lru_cache(maxsize=2)
def status_table(table: str) -> dict[str, tuple[str, int]]:
    """Status words of one table (statuses.csv): word -> (status, strength)."""
    with open(LEXICON / "statuses.csv", encoding="utf-8") as handle:
        return {row["word"]: (row["status"], int(row["strength"])) for row in csv.DictReader(handle) if row["table"] == table}


@lru_cache(maxsize=2)
def status_pattern(table: str) -> re.Pattern:
    return word_pattern(tuple(status_table(table)))


@lru_cache(maxsize=2)
def future_reading(table: str) -> dict[str, str]:
    """Status word -> how it reads as an intention ('keep' keeps the lexicon's status)."""
    return {word: reading for reading, words in cues()["future_reading"][table].items() for word in words}


@lru_cache(maxsize=4)
def name_stop_pattern(table: str, conjunctions: bool, joins: bool = True) -> re.Pattern:
    """Words a name cannot run across on its left: stops, status words, punctuation (and conjunctions,
    all of them or, with joins=False, those no project name holds: 和 but not 及)."""
    keep = set(cues()["keep_in_names"])
    words = list(cues()["name_stops"]) + [word for word in status_table(table) if word not in keep]
    if conjunctions:
        words += [word for word in cues()["conjunctions"] if joins or word not in cues()["project_name_joins"]]
    return re.compile(rf"[，；：。！？、,;:!?\s“”\"《》]|{trie_pattern(words)}")


def name_stops(pattern: re.Pattern, text: str, low: int, high: int):
    """The stops of text[low:high], but a conjunction that would leave less than two characters
    before it is part of a name (太和路, 和平路), not a break between two."""
    conjunctions = set(cues()["conjunctions"]) - {"、"}
    last = low
    for match in pattern.finditer(text, low, high):
        if match.group() in conjunctions and match.start() - last < 2:
            continue
        last = match.end()
        yield match


class Document:
    """One normalised text with its sentences, clause breaks and plan sections."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[Sentence] = sentences(text)
        self.future_spans = _merged(_future_sections(text))
        self._future_starts = [start for start, _ in self.future_spans]

    def in_future_section(self, position: int) -> bool:
        index = bisect.bisect_right(self._future_starts, position) - 1
        return index >= 0 and position < self.future_spans[index][1]

    def segment_starts(self, clauses: list[tuple[int, int]]) -> frozenset[int]:
        """Indices of the clauses that open a new part of their sentence (after a ；)."""
        return frozenset(index for index, (low, _) in enumerate(clauses) if index and self.text[low - 1] in "；;")

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the clauses of text[start:end], split at ，；：."""
        spans, begin = [], start
        for match in CLAUSE_END.finditer(self.text, start, end):
            if match.start() > begin:
                spans.append((begin, match.start()))
            begin = match.end()
        if begin < end:
            spans.append((begin, end))
        return spans

    def status_words(self, sentence: Sentence, table: str) -> list[StatusWord]:
        """Every status word of the sentence, read as fact or as intention."""
        found = []
        table_words = status_table(table)
        readings = future_reading(table)
        markers = None
        for match in status_pattern(table).finditer(self.text, sentence.start, sentence.end):
            status, strength = table_words[match.group()]
            markers = markers or _Markers(self.text, sentence)
            future = (
                markers.future_at(match.start())
                or bool(cue_pattern("after_condition").match(self.text, match.end()))
                or (markers.open_to_section(match.start()) and self.in_future_section(match.start()))
            )
            if future:
                reading = readings.get(match.group())
                if reading is None:
                    continue
                if reading != "keep":
                    status, strength = reading, 2
            found.append(StatusWord(match.start(), match.end(), match.group(), status, strength, future))
        return found


@lru_cache(maxsize=2)
def document_of(text: str) -> Document:
    """The Document of a text, built once for both extractors."""
    return Document(text)


class _Markers:
    """Where one sentence has past markers (已), future markers (将, 力争) and clause breaks."""

    def __init__(self, text: str, sentence: Sentence):
        self.offset = sentence.start
        blanked = blank(cue_pattern("not_future"), text[sentence.start : sentence.end])
        self.clause_starts = [0] + [match.end() for match in CLAUSE_END.finditer(blanked)]
        self.past = [match.end() for match in cue_pattern("past_before").finditer(blanked)]
        self.in_clause = [match.end() for match in cue_pattern("future_in_clause").finditer(blanked)]
        self.in_sentence = [match.end() for match in cue_pattern("future_in_sentence").finditer(blanked)]

    def _last(self, ends: list[int], low: int, position: int) -> int:
        index = bisect.bisect_right(ends, position) - 1
        return ends[index] if index >= 0 and ends[index] >= low else -1

    def future_at(self, position: int) -> bool:
        """A future marker before the word in its clause (and no 已 after it), or one earlier in the sentence."""
        position -= self.offset
        low = self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]
        past = self._last(self.past, low, position)
        if past >= 0 and past >= position - _PAST_WINDOW:
            return False
        if self._last(self.in_clause, low, position) > past:
            return True
        return past < 0 and self._last(self.in_sentence, 0, position) >= 0

    def open_to_section(self, position: int) -> bool:
        """No 已 before the word in its clause: a plan section may make it an intention."""
        position -= self.offset
        low = self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]
        return self._last(self.past, low, position) < 0


def blank(pattern: re.Pattern, text: str) -> str:
    """text with every match of pattern replaced by spaces of the same length (offsets kept)."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _future_sections(text: str) -> list[tuple[int, int]]:
    """Spans of sections whose heading is about next steps (下步工作, 工作重点, 发展目标…)."""
    future_word = cue_pattern("future_headings")
    spans = []
    for level, pattern in enumerate(_HEADINGS):
        higher = [match.start() for other in _HEADINGS[: level + 1] for match in other.finditer(text)]
        higher.sort()
        for match in pattern.finditer(text):
            stop = _TITLE_END.search(text, match.end())
            title = text[match.end() : stop.start() if stop else len(text)]
            if len(title) > _TITLE_MAX or not future_word.search(title):
                continue
            following = bisect.bisect_right(higher, match.start())
            end = higher[following] if following < len(higher) else len(text)
            spans.append((match.start(), end))
    return spans


def pick_status(
    words: list[StatusWord],
    clauses: list[tuple[int, int]],
    own: int,
    span: tuple[int, int],
    blocked: set[int],
    rank,
    prefer_before: bool = False,
    segment_starts: frozenset[int] = frozenset(),
) -> StatusWord | None:
    """The status of the item at `span` in clause `own`.

    Its clause's explicit words first: the most advanced of them (已签约并开工建设 -> started;
    已建成并投入运行 -> in_operation), or with prefer_before the nearest one before the item (现有110千伏、
    35千伏以及在建的220千伏变电站). Else the most advanced explicit word of the first clause after it
    that has one (…，目前已完成选址、勘测设计工作 -> design), up to a clause about another item (in
    `blocked`) and within its part of the sentence (up to a ；, `segment_starts`); else the explicit word
    nearest it in the clauses before it (与X公司签约，合作建设Y项目
    -> signed); else its clause's weak word nearest it (加快Y项目建设 -> under_construction)."""
    start, end = span

    def in_clause(index: int) -> list[StatusWord]:
        low, high = clauses[index]
        return [word for word in words if low <= word.start < high and not (start <= word.start < end)]

    def distance(word: StatusWord) -> int:
        return start - word.end if word.end <= start else word.start - end

    own_words = in_clause(own)
    strong = [word for word in own_words if word.strength >= 2]
    before = [word for word in strong if word.end <= start]
    if prefer_before and before:
        return min(before, key=distance)
    if strong:
        return max(strong, key=lambda word: (rank(word), -distance(word)))
    for index in range(own + 1, len(clauses)):
        if index in blocked or index in segment_starts:
            break
        strong = [word for word in in_clause(index) if word.strength >= 2]
        if strong:
            return max(strong, key=rank)
    for index in range(own - 1, -1, -1):
        if index in blocked or index + 1 in segment_starts:
            break
        strong = [word for word in in_clause(index) if word.strength >= 2]
        if strong:
            return strong[-1]
    weak = sorted(own_words, key=lambda word: (-word.strength, distance(word)))
    return weak[0] if weak else None


def clause_index(clauses: list[tuple[int, int]], position: int) -> int:
    starts = [start for start, _ in clauses]
    return max(0, bisect.bisect_right(starts, position) - 1)


def quote_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """The sentence without surrounding whitespace."""
    start, end = sentence.start, sentence.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def provenance(normalized, doc_id: str, prefix: str, start: int, end: int, name: str, quote: tuple[int, int]) -> dict:
    """id, raw, start/end and quote of a row, mapped back to the original text."""
    original_start, original_end = normalized.span(start, end)
    quote_start, quote_end = normalized.span(*quote)
    return {
        "id": stable_id(prefix, doc_id, original_start, original_end, name),
        "raw": normalized.original[original_start:original_end],
        "start": original_start,
        "end": original_end,
        "quote": normalized.original[quote_start:quote_end],
        "quote_start": quote_start,
        "quote_end": quote_end,
    }


def as_written(normalized, start: int, end: int, name: str) -> str:
    """The name with the report's own characters where simplification changed one (乾康 stays 乾康)."""
    if normalized.traditional:
        return name
    changed = {}
    for position in range(start, end):
        origin = normalized.to_original(position)
        written = normalized.original[origin] if origin < len(normalized.original) else ""
        if written != normalized.text[position] and "\u4e00" <= written <= "\u9fff":
            changed[normalized.text[position]] = written
    return name.translate(str.maketrans(changed)) if changed else name


ADVANCE = {
    "projects": (
        "planned", "negotiating", "signed", "landed", "started", "under_construction", "commissioning",
        "in_production", "relocating",
    ),
    # A site is chosen before the survey and design are done (选址、勘测设计 done -> design).
    "infrastructure": ("planned", "site_selection", "design", "under_construction", "completed", "in_operation"),
}


def status_rank(table: str, status: str | None, strength: int) -> tuple[int, int]:
    """Explicit over weak, then the most advanced: how repeated mentions settle one status."""
    if status is None:
        return (-1, -1)
    return (strength, ADVANCE[table].index(status))
