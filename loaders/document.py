"""One report read once: what the zone, fact, project, infrastructure and quality steps share.

Every step reads the same normalised text, its sentences and clause marks, its quantities and
its plan sections. `read_document` works them out once and each step is handed the result, so
nothing is found twice and no cache has to remember whole texts between calls.
"""

from __future__ import annotations

import bisect
import re

from .facts.sections import plan_paragraphs, plan_spans, year_plans
from .items.lexicon import cue_pattern, patterns
from .text.normalize import Normalized, normalize
from .text.periods import Period, period_at, sentence_periods
from .text.sentences import ClauseMarks, Sentence, sentences
from .text.spans import line_end, merged_spans
from .text.table_rows import cell_labels, markdown_cells, read_tables
from .text.units import Quantity, scan

_ITEMS = patterns("items")
_LEVELS = ("level_1", "level_2", "level_3")
_TITLE_MAX = 20


class Quantities:
    """The quantities of one text (loaders.text.units), looked up by position without scanning them all."""

    def __init__(self, found: tuple[Quantity, ...]):
        self.all = found
        self._starts = [quantity.start for quantity in found]

    def within(self, start: int, end: int) -> tuple[Quantity, ...]:
        """Quantities starting in [start, end), in order."""
        return self.all[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]


class Document:
    """One normalised report: its text and offset map, sentences, clause marks, quantities (and the
    figures whose number could not be read), plan sections (facts) and next-step sections (items)."""

    def __init__(self, normalized: Normalized):
        self.normalized = normalized
        self.text = text = normalized.text
        self.marks = ClauseMarks(text)
        self.sentences: list[Sentence] = sentences(text, self.marks)
        found = scan(text)
        # A report in traditional script, or naming 民国 or New Taiwan dollars, writes ROC years (113年), in its
        # tables and its prose.
        self.writes_roc_years = normalized.traditional or "民国" in text or "新台币" in text
        tables = read_tables(text, self.writes_roc_years)
        self.quantities = Quantities(with_table_figures(found.quantities, tables.quantities))
        self.table_labels = tables.labels  # a table figure's row name and column header, by its start
        self.table_labels |= cell_labels(found.quantities, markdown_cells(text))  # a figure in a markdown cell
        self.table_cells = tables.cells  # a table figure's column kind, period and subject, by its start
        self.refused = found.refused
        self.plan_spans = plan_spans(text)
        self.plan_paragraphs = plan_paragraphs(text)  # paragraphs setting out a plan: their figures are targets
        self.year_plans = year_plans(text)  # paragraphs setting out a year's plan: targets unless the year is past
        self.future_spans = merged_spans(_future_sections(text) + self.plan_spans + _plan_leads(text))
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        self._future_starts = [start for start, _ in self.future_spans]
        self.memo: dict = {}  # per-sentence readings more than one step or figure asks for

    def clause_start(self, position: int, floor: int) -> int:
        """Where the clause holding `position` starts (after the last ，；：、 before it), not before floor."""
        return self.marks.clause_start(position, floor)

    def sentences_holding(self, pattern: re.Pattern) -> list[Sentence]:
        """The sentences with a match of `pattern`, a word list (no word holds a sentence end): one
        search per sentence found, going on from its end, instead of one search per sentence."""
        found, position = [], 0
        while match := pattern.search(self.text, position):
            index = bisect.bisect_right(self._sentence_starts, match.start()) - 1
            sentence = self.sentences[index] if index >= 0 else None
            if sentence is None or match.end() > sentence.end:
                position = match.end()  # not inside one sentence: no sentence holds it
                continue
            found.append(sentence)
            position = sentence.end
        return found

    def in_future_section(self, position: int) -> bool:
        index = bisect.bisect_right(self._future_starts, position) - 1
        return index >= 0 and position < self.future_spans[index][1]

    def segment_starts(self, clauses: list[tuple[int, int]]) -> frozenset[int]:
        """Indices of the clauses that open a new part of their sentence (after a ；)."""
        return frozenset(index for index, (low, _) in enumerate(clauses) if index and self.text[low - 1] in "；;")

    def clauses(self, sentence: Sentence) -> list[tuple[int, int]]:
        """(start, end) of the clauses of a sentence, split at ，；： (found once for both item steps)."""
        key = ("clauses", sentence.index)
        if key not in self.memo:
            self.memo[key] = self._clauses(sentence.start, sentence.end)
        return self.memo[key]

    def line_start(self, position: int) -> int:
        """Where the line holding `position` starts: after the last line break before it (0: none)."""
        breaks = self._line_breaks()
        index = bisect.bisect_left(breaks, position)
        return breaks[index - 1] + 1 if index else 0

    def line_end(self, position: int) -> int:
        """The first line break at or after `position` (the text's length: none)."""
        breaks = self._line_breaks()
        index = bisect.bisect_left(breaks, position)
        return breaks[index] if index < len(breaks) else len(self.text)

    def _line_breaks(self) -> list[int]:
        # Found once when first asked: a search back for a line break on one endless line reads it all.
        if "line_breaks" not in self.memo:
            self.memo["line_breaks"] = [match.start() for match in re.finditer("\n", self.text)]
        return self.memo["line_breaks"]

    def period_before(self, sentence: Sentence, position: int) -> Period:
        """The period governing a figure at `position` of a sentence (text.periods.period_before), the
        sentence read once for all its figures."""
        key = ("periods", sentence.index)
        if key not in self.memo:
            self.memo[key] = sentence_periods(self.text[sentence.start : sentence.end], self.writes_roc_years)
        return period_at(self.memo[key], position - sentence.start)

    def quoted_spans(self, sentence: Sentence) -> tuple[tuple[int, int], ...]:
        """Titles and quoted words of a sentence (《…规划》, “…”): they name nothing being built."""
        key = ("quoted", sentence.index)
        if key not in self.memo:
            self.memo[key] = tuple(match.span() for match in _ITEMS.quoted.finditer(self.text, sentence.start, sentence.end))
        return self.memo[key]

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        # The clause ends (items' clause_end: ，；： and their ASCII forms) are the text's strong clause
        # marks, found once for the whole text: a sentence's are a slice of them, not a search of it.
        marks = self.marks.strong
        spans, begin = [], start
        for mark in marks[bisect.bisect_left(marks, start) : bisect.bisect_left(marks, end)]:
            if mark > begin:
                spans.append((begin, mark))
            begin = mark + 1
        if begin < end:
            spans.append((begin, end))
        return spans


def read_document(report: str | Normalized) -> Document:
    """The Document of a report's text (normalised here) or of text already normalised."""
    return Document(report if isinstance(report, Normalized) else normalize(report))


def with_table_figures(found: tuple[Quantity, ...], table: list[Quantity]) -> tuple[Quantity, ...]:
    """The quantities of the text with the bare figures of its table rows that no quantity covers;
    a percent the text writes with its sign (12.5%) under a growth column is marked a growth rate."""
    if not table:
        return found
    starts = [quantity.start for quantity in found]
    added, kept = [], list(found)
    for quantity in table:
        index = bisect.bisect_right(starts, quantity.start) - 1
        if index >= 0 and found[index].end > quantity.start:
            same = found[index].start == quantity.start and found[index].end == quantity.end
            if same and quantity.growth_column and found[index].dimension == "percent":
                kept[index] = found[index]._replace(growth_column=True)
            continue
        if index + 1 < len(found) and found[index + 1].start < quantity.end:
            continue
        added.append(quantity)
    return tuple(sorted(kept + added, key=lambda quantity: quantity.start))


def _plan_leads(text: str) -> list[tuple[int, int]]:
    """下一步，重点抓好以下工作：一是…。二是…: a colon after a next-steps lead opens a plan that runs to the
    end of its paragraph."""
    future_word = cue_pattern("future_headings")
    spans = []
    for lead in _LEAD_COLON.finditer(text):  # only the lines with a colon near their start
        line_start, colon = lead.start(), lead.end() - 1
        if future_word.search(text, line_start, colon) and "。" not in lead.group():
            spans.append((colon + 1, line_end(text, colon)))
    return spans


# How far into its paragraph a plan's lead may run before its colon.
_LEAD_MAX = 40
# A line's first colon, at most _LEAD_MAX characters in.
_LEAD_COLON = re.compile(rf"^[^\n：:]{{0,{_LEAD_MAX}}}[：:]", re.MULTILINE)


def _future_sections(text: str) -> list[tuple[int, int]]:
    """Spans of sections whose heading is about next steps (下步工作, 工作重点, 发展目标…)."""
    future_word = cue_pattern("future_headings")
    spans = []
    found: list[list[re.Match]] = [[] for _ in _LEVELS]
    for match in _ITEMS.heading.finditer(text):  # one scan for all levels
        found[_LEVELS.index(match.lastgroup)].append(match)
    for level, matches in enumerate(found):
        higher = sorted(match.start() for above in found[: level + 1] for match in above)
        for match in matches:
            stop = _ITEMS.title_end.search(text, match.end())
            title = text[match.end() : stop.start() if stop else len(text)]
            if len(title) > _TITLE_MAX or not future_word.search(title):
                continue
            following = bisect.bisect_right(higher, match.start())
            end = higher[following] if following < len(higher) else len(text)
            spans.append((match.start(), end))
    return spans
