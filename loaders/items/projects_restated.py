"""Projects named again with no project word beside them, and what that mention says of them.

A report often names its projects once (A、B、C等6个项目总投资均在10亿元以上) and later says, with no 项目
or 等 to mark them, how far some got (当年竣工A、B; A、C相继投产). The mention finders see no project
there; once a name is known to be a project's, its other mentions are read for the status their
clause states, and the row takes the most advanced one (projects._merge).
"""

from __future__ import annotations

import bisect
import re

from ..document import Document
from ..text.word_trees import trie_pattern
from .project_names import MIN_NAME, SINGLE, TABLE, Mention, strip_suffix, word_rank
from .spans import clause_index
from .status import status_pattern, status_words

# What may follow a name said again, so that it is the whole name and not the start of a longer word
# (华盛纺织、 / 华盛纺织项目 / 华盛纺织已投产, but not 同济大学 for the project 同济).
_NAME_ENDS = re.compile(r"[、，。；;,:：\s)）」』”]|项目|生产线|[一二三四]期|等|和|及|与|均|相继|先后|陆续|$")


def restated_mentions(document: Document, mentions: list[Mention]) -> list[Mention]:
    """A mention, with the explicit status of its clause, for each other place a known project's name
    stands on its own (outside every mention found) in a clause that states one."""
    names = {strip_suffix(mention.name) for mention in mentions}
    names = {name for name in names if len(name) >= MIN_NAME}
    if not names:
        return []
    text = document.text
    taken = sorted((mention.start, mention.end) for mention in mentions)
    starts = [sentence.start for sentence in document.sentences]
    found = []
    for match in re.finditer(trie_pattern(names), text):
        start, end = match.span()
        if _within(taken, start) or not _ends_name(text, end):
            continue
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or end > document.sentences[index].end:
            continue
        sentence = document.sentences[index]
        stated = _clause_status(document, sentence, start, end)
        if stated is not None:
            found.append(Mention(start, end, match.group(), SINGLE, sentence, (start, end), status=stated))
    return found


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls inside one of the sorted `spans` (names found: they do not overlap, but a
    name may sit inside a longer one, so the two before the place are asked)."""
    index = bisect.bisect_right(spans, (position, float("inf")))
    return any(low <= position < high for low, high in spans[max(0, index - 2) : index])


def _ends_name(text: str, end: int) -> bool:
    return bool(_NAME_ENDS.match(text, end)) or bool(status_pattern(TABLE).match(text, end))


def _clause_status(document: Document, sentence, start: int, end: int):
    """The most advanced explicit status word of the clause holding the name (outside it)."""
    clauses = document.clauses(sentence)
    low, high = clauses[clause_index(clauses, start)]
    words = [
        word
        for word in status_words(document, sentence, TABLE)
        if low <= word.start < high and not (start <= word.start < end) and word.strength >= 2 and word.status
    ]
    if not words:
        return None
    return max(words, key=word_rank)
