"""Counted and labelled groups of projects, and the status they give the names listed under them.

新签约项目42个，项目主要包括：A、B / （二）新开工项目 over numbered lines / 一是续建项目。A项目…: a group's
count or label states one status; the names after it that state none of their own (in its sentence,
its paragraph, or the lines under its heading) are its members and take it. So do the entries of a list a
colon opens (新入驻企业3家：A公司…；B公司…), past the ； between them. A batch named without a count
(一批重大项目纷纷落地) states a status too, but its members are named no further than the next sentence.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..document import Document
from ..text.sentences import Sentence
from .headings import opens_section
from .lexicon import cues
from .project_names import TABLE, Mention, P, word_rank
from .projects_events import besides_the_event
from .spans import clause_index
from .status import StatusWord, aim_said, status_words


class GroupsBefore:
    """The status of the last group of projects, counted or a batch, stated before a sentence (8个项目集中开工),
    read back from that sentence only when a name there states no status of its own (most names
    do): each sentence is read at most once, however many ask."""

    def __init__(self, document: Document, sentences: list[Sentence]):
        self.document, self.sentences = document, sentences
        self.read_up_to = 0
        self.last: Group | None = None  # the last group stated in sentences[:read_up_to]
        self.last_sentence = -1  # the number in the report of the sentence stating it

    def last_before(self, index: int) -> StatusWord | None:
        for earlier in range(index - 1, self.read_up_to - 1, -1):
            stated = _last_group(self.document, self.sentences[earlier])
            if stated is not None:
                self.last, self.last_sentence = stated, self.sentences[earlier].index
                break
        self.read_up_to = index
        return self.last.status if self.last else None

    def reaches(self, sentence: Sentence, position: int) -> bool:
        """Whether a name at `position` of a later sentence can be a member of the last group: a batch (一批重大项目
        纷纷落地) counts none, so its members are named in the very next sentence, one not opening with other
        projects (此外, 另有), and before any aim (一批项目建成投产。下一步将重点推进A项目)."""
        if self.last is None or not self.last.batch:
            return True
        text = self.document.text
        return (
            sentence.index == self.last_sentence + 1
            and not besides_the_event(text, sentence)
            and not aim_said(text, sentence.start, position)
        )


class Group(NamedTuple):
    """A group of projects of a sentence, counted or a batch, and the status it states."""

    status: StatusWord
    closes_a_list: bool  # A、B等12个前期项目: its members are the names before it
    batch: bool = False  # 一批重大项目纷纷落地: named by a batch word, not counted


def _last_group(document: Document, sentence: Sentence) -> Group | None:
    """The last group the sentence states (None: none stated): the names listed after the sentence take its
    status, until another group is stated."""
    groups = _groups_stated(document, sentence)
    return groups[-1] if groups else None


def _groups_stated(document: Document, sentence: Sentence) -> list[Group]:
    """The groups the sentence states, read once: its own names and the sentences after it ask for them."""
    key = ("groups_stated", sentence.index)
    if key not in document.memo:
        document.memo[key] = _read_groups(document, sentence)
    return document.memo[key]


def _read_groups(document: Document, sentence: Sentence) -> list[Group]:
    """The explicit status of each counted group of projects in the sentence, in order (新签约项目42个,
    8个重大项目集中开工): the names listed after one, up to the next, are members of that group. A group
    mixing statuses (新开工和续建项目31个) states none; a group stating no stage (基础设施项目3个，分别是…) is
    counted within the one before it, whose status its names keep. A line opening with a group's label
    (（二）新开工项目 / 签约项目：) states its status as a count does."""
    labelled = _labelled_group(document, sentence)
    groups = sorted(
        [*((match, False) for match in P.group_count.finditer(document.text, sentence.start, sentence.end)),
         *((match, True) for match in P.batch_group.finditer(document.text, sentence.start, sentence.end))],
        key=lambda found: found[0].start(),
    )
    if not groups:
        return [Group(labelled, False)] if labelled else []  # no counted group: its status words need not be read
    text = document.text
    words = status_words(document, sentence, TABLE)
    if not any(_explicit(text, word) for word in words):
        return []
    clauses = document.clauses(sentence)
    stated: list[Group] = []
    for match, batch in groups:
        index = clause_index(clauses, match.start())
        low, high = clauses[index]
        in_clause = [word for word in words if low <= word.start < high]
        if not in_clause and index > 0 and P.among_the_group.search(text, *clauses[index - 1]):
            low = clauses[index - 1][0]  # 新签约项目中，50亿元以上工业项目10个: a part of the group the clause before names
            in_clause = [word for word in words if low <= word.start < high]
        strong = [word for word in in_clause if _explicit(text, word)]
        closes = text[match.start() - 1 : match.start()] == "等"
        if len({word.status for word in in_clause}) > 1 and not _one_compound(in_clause):
            mixed = StatusWord(match.start(), match.end(), "", None, 0, False)  # 新开工和续建项目31个: mixed
            stated.append(Group(mixed, closes, batch))
        elif strong:
            stated.append(Group(max(strong, key=word_rank) if _one_compound(strong) else strong[-1], closes, batch))
    if not stated:
        return [Group(labelled, False)] if labelled else []
    return stated


def _one_compound(words: list[StatusWord]) -> bool:
    """9个项目签约落地, 签约入驻项目5个: stage words written together, with nothing between them, say one
    sequence the whole group went through; its last stage is the group's (joined by 和 they name a mix)."""
    return len(words) > 1 and all(before.end == after.start for before, after in zip(words, words[1:], strict=False))


def _explicit(text: str, word: StatusWord) -> bool:
    """A strong word, or a weak one naming the group (续建项目8个: the continuing projects)."""
    return word.strength >= 2 or (word.status is not None and _names_the_group(text, word))


def _labelled_group(document: Document, sentence: Sentence) -> StatusWord | None:
    """（二）新开工项目 / 续建项目：…: the one status of a group's label opening the sentence's line; a label
    stating none (二是重点建设项目。, 新开工和续建项目: mixed) opens a group of no status, ending the one before."""
    label = P.group_label.match(document.text, sentence.start, sentence.end)
    if not label:
        return None
    words = [word for word in status_words(document, sentence, TABLE) if word.start < label.end()]
    last = words[-1] if words else None
    if last is None or len({word.status for word in words}) != 1 or (
        last.strength < 2 and not _names_the_group(document.text, last)
    ):
        return StatusWord(label.start(), label.end(), "", None, 0, False)
    return last


def _names_the_group(text: str, word: StatusWord) -> bool:
    """（二）续建项目: a weak word right before 项目 in a label names the group's stage (but 建设项目 is any
    project being built, 扩建项目 a kind of project)."""
    return text.startswith("项目", word.end) and word.word not in cues()["name_type_words"]


def settle_by_own_group(document: Document, sentence: Sentence, found: list[Mention]) -> None:
    """集中开工的5个项目分别是：投资N的A项目；投资M的B项目: names after a counted group of their own
    sentence that state no explicit status of their own (the list runs past a ；) take the group's
    (新签约项目3个：A公司投资N建设的X项目: 建设 only says what the money is for)."""
    if all(mention.status is not None and mention.status.strength >= 2 for mention in found):
        return
    groups = _groups_stated(document, sentence)
    if not groups:
        return
    for mention in found:
        group = _last_group_before(groups, mention.start)
        if group is None or group.closes_a_list:
            continue  # A、B等12个前期项目…，持续推进C项目: C is no member of the group listed before it
        stated = group.status
        unsaid = mention.status is None or (mention.status.strength < 2 and stated.strength >= 2)
        if unsaid and not counted_on_their_own(document, sentence, mention):
            mention.status = stated


def _last_group_before(groups: list[Group], position: int) -> Group | None:
    """The last of the sentence's groups stated before `position` (None: none)."""
    before = [group for group in groups if group.status.end <= position]
    return before[-1] if before else None


def counted_on_their_own(document: Document, sentence: Sentence, mention: Mention) -> bool:
    """A等15个项目进展较快；B、C等4个项目: names counted in a group of their own, after a group stated before them
    (in their sentence or an earlier one), are its members, not the earlier group's."""
    counts, part_ends = _counts_and_part_ends(document, sentence)
    part_end = part_ends[bisect.bisect_left(part_ends, mention.end)]
    first = bisect.bisect_left(counts, (mention.start,))
    if first and counts[first - 1][1] > mention.start:  # a count running over the name: read again from it
        return bool(P.group_count.search(document.text, mention.start, part_end))
    return first < len(counts) and counts[first][1] <= part_end


_PART_END = re.compile("[；;]")  # a part of a sentence ends at each ；


def _counts_and_part_ends(document: Document, sentence: Sentence) -> tuple[list[tuple[int, int]], list[int]]:
    """Where the sentence's group counts stand and where its parts end (each ；, then the sentence's end), read once:
    a list of thousands of names asks for them name by name."""
    key = ("counts_and_part_ends", sentence.index)
    if key not in document.memo:
        text = document.text
        counts = [match.span() for match in P.group_count.finditer(text, sentence.start, sentence.end)]
        part_ends = [mark.start() for mark in _PART_END.finditer(text, sentence.start, sentence.end)]
        document.memo[key] = (counts, [*part_ends, sentence.end])
    return document.memo[key]


_GROUP_BACK_REACH = 60  # the end of the sentence before: 有9个项目已竣工投产。其中，主要包括A项目…


def after_a_group(document: Document, sentence: Sentence, position: int) -> bool:
    """9个项目已竣工投产，主要包括A项目、B项目 / …9个项目已竣工投产。其中，主要包括A项目，B项目: after a counted
    group of projects (before the position in its sentence, or in the sentence right before one opening with
    其中, in its paragraph: 其中 points back to that sentence only) the names are the group's members: the lead
    lists them (not what one project builds), and each is a project though its own clause says nothing of it."""
    text = document.text
    if P.group_count.search(text, sentence.start, position):
        return True
    if sentence.index < 1 or not P.among_them.match(text, sentence.start, position):
        return False
    before = document.sentences[sentence.index - 1]
    low = max(before.start, sentence.start - _GROUP_BACK_REACH)
    return before.paragraph == sentence.paragraph and bool(P.group_count.search(text, low, before.end))


def continues(text: str, stated_end: int, position: int) -> bool:
    """Whether the text at `position` still speaks of the group stated before `stated_end`: in its
    paragraph, or in a paragraph that opens by pointing back to it (这8个重大项目…, 上述项目…), or in a
    list or a section under it (_listed_under)."""
    newline = text.rfind("\n", stated_end, position)  # read back no further than the group: one line may be endless
    if newline < 0:
        return True  # the same paragraph
    paragraph = newline + 1
    return bool(P.back_reference.match(text, paragraph)) or _listed_under(text, stated_end, paragraph)


def _listed_under(text: str, stated_end: int, paragraph: int) -> bool:
    """Whether the line at `paragraph` is one of the items under the group stated before: every line from
    the group's to it opens with a list number (新开工项目5个：\n1.A项目…\n2.B项目…), or the group is a
    heading of its own line ((一)已投产项目\nA项目，…\nB项目，…) and no other heading stands between."""
    line = text.find("\n", stated_end, paragraph) + 1
    if not line or paragraph - stated_end > _NUMBERED_REACH:
        return False
    heading = _heading_line(text, stated_end)
    while line <= paragraph:
        if text[line : line + 1] not in ("\n", ""):
            if heading and (opens_section(text, line) or P.group_label.match(text, line)):
                return False  # the next section
            if not heading and not P.list_number.match(text, line):
                return False
        next_line = text.find("\n", line, paragraph)
        if next_line < 0:
            break
        line = next_line + 1
    return True


def _heading_line(text: str, stated_end: int) -> bool:
    """Whether the group stated before `stated_end` is a heading filling its line ((一)已竣工投产项目)."""
    line = text.rfind("\n", 0, stated_end) + 1
    label = P.group_label.match(text, line)
    return bool(label) and (label.end() == len(text) or text[label.end() - 1] == "\n")


_NUMBERED_REACH = 4000  # characters: a list of projects under its group's line is no longer


def colon_header_statuses(text: str, clauses, words: list[StatusWord]) -> list[StatusWord | None]:
    """新入驻企业3家：A公司投资N建设X项目；B公司…: for each clause, the explicit status (said as fact) of the
    last clause before it that a colon ends, which heads every entry of the list the colon opens, past the
    ； between them (None: no such clause, or it says no status). Read once per sentence, not per name."""
    heads: list[StatusWord | None] = []
    header = None
    for low, high in clauses:
        heads.append(header)
        if text[high : high + 1] in ("：", ":"):
            said = [word for word in words if low <= word.start < high and word.strength >= 2 and word.status and not word.future]
            header = said[-1] if said else None
    return heads


def past_colon_lists(text: str, clauses: list[tuple[int, int]], segments: frozenset[int]) -> frozenset[int]:
    """新入驻企业有3户：A公司投资N；B公司投资M: the parts after a clause ending in a colon are the items of
    the list it introduces, not new parts of the sentence: the introduction's status reaches each of them.
    A part that ends in a colon itself heads a list of its own (已投产项目：A、B；在建项目：C、D)."""
    opened = next((index for index, (low, _) in enumerate(clauses) if index and text[low - 1] in "：:"), None)
    if opened is None:
        return segments
    return frozenset(index for index in segments if index < opened or text[clauses[index][1] : clauses[index][1] + 1] in ("：", ":"))
