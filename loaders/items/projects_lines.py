"""Names each opening a line under a group of projects (one project per line).

Work reports and briefings list a group's projects one per line: the group's line (（二）新开工项目,
今年竣工投产项目有：, 签约项目5个：) and under it lines, numbered or not, each opening with one project's
name and going on with its figures (1.龙腾纺织二期，总投资2亿元 / 2.华信电子元件项目。 / ● 青禾生物二期，主体完工). The name says which
project whatever it ends in, and is named even where its line states no status (the group's status reaches
it, projects_groups). A line opening with a verb (1.加快推进…), a task or topic (2.招商引资工作) or a status
(3.华信项目已投产) is left to the other finders. Unnumbered lines are read only under a group's label filling
its own line ((一)已投产项目), each line between opening with a name as well.
"""

from __future__ import annotations

from .lexicon import cue_pattern, cues, name_stop_pattern
from .project_names import LISTED, MIN_NAME, TABLE, Mention, P, is_project_name, list_lead
from .spans import inside
from .status import status_words

_NAME_REACH = 30  # the longest name a line may open with
_GROUP_REACH = 4000  # characters walked back from a line for its group (past lines already read, their answer)


def line_entries(document, sentence, quantities, taken):
    """1.龙腾纺织二期，总投资2亿元: the name a line under a group of projects opens with."""
    text = document.text
    line = opening_line(text, sentence.start)
    if line is None:
        return  # the sentence does not open its line
    number = _mark(text, line)
    start = number.end() if number else sentence.start
    start += len(text[start : sentence.end]) - len(text[start : sentence.end].lstrip())
    end = _entry_end(text, start, sentence.end)
    if end is None or inside(start, taken) or not _under_a_group(document, line):
        return
    if any(start <= word.start < end and word.strength >= 2 for word in status_words(document, sentence, TABLE)):
        return  # 2.华信项目已投产: the line says what became of it, the other finders read it
    yield [Mention(start, end, text[start:end], LISTED, sentence, (start, end))]


def opening_line(text: str, start: int) -> int | None:
    """Where the line starts that the text at `start` opens (only blanks before it on its line), or None:
    read back over the blanks only, not over a whole line (one endless line holds thousands of sentences)."""
    position = start
    while position and text[position - 1] != "\n" and text[position - 1].isspace():
        position -= 1
    return position if not position or text[position - 1] == "\n" else None


def _entry_end(text: str, start: int, high: int) -> int | None:
    """Where the name opening a line at `start` ends, or None when its opening words name no project."""
    stop = P.entry_end.search(text, start, min(high, start + _NAME_REACH + 1))
    if stop is None or text[stop.start()] in "：:":
        return None  # no clause end within a name's reach, or a name heading its line (colon_heads')
    end = stop.start()
    name = text[start:end]
    if len(name) < MIN_NAME or name_stop_pattern(TABLE, True, joins=False).search(name):
        return None  # 3.园区的发展: a phrase, no name (one search, tried first: it turns down most lines)
    if list_lead(text, start, end)[1] > start or not is_project_name(name):
        return None  # 1.加快推进…, （二）续建项目: what is done, a group's label, no name
    if cue_pattern("content_leads").match(name) or name.endswith(tuple(cues()["line_topic_tails"])):
        return None  # 2.主要建设…, 1.招商引资工作: what a project builds, a task or a topic
    return end


def _mark(text: str, line: int, high: int | None = None):
    """The list number (1. / （2） / ③) or bullet (● / ■ / ◆) opening the line at `line`, or None."""
    high = len(text) if high is None else high
    return P.list_number.match(text, line, high) or P.line_bullet.match(text, line, high)


def _under_a_group(document, line: int) -> bool:
    """Whether the line at `line` is one of a run of lines right under a group of projects (（二）新开工项目,
    签约项目5个：, …今年竣工投产项目有：): numbered lines, or lines each opening with a name under a label
    filling its line or a colon. The lines of one run share the answer: it is kept for each line walked
    past, so a long list is walked once, not once per line."""
    text, memo = document.text, document.memo.setdefault("lines_under_a_group", {})
    numbered = bool(_mark(text, line))
    # A line that may be a group's label (三、重点项目进展情况) is not kept in the memo: the lines under it would take
    # its own answer (a label is under no group) for theirs.
    walked, found = ([] if P.group_label.match(text, line) else [line]), False
    low, position = max(0, line - _GROUP_REACH), line
    while position > low:
        newline = text.rfind("\n", low, position - 1)
        if newline < 0 and low:  # the line above starts out of reach: only its end is read, never the report's start
            found = _closes_on_projects(text[low:position].strip())
            break
        before = newline + 1
        content = text[before:position].strip()
        if content:
            if (before, numbered) in memo:
                found = memo[before, numbered]
                break
            if not _opens_with_a_name(text, before, position):
                found = _names_a_group(text, before, content, not numbered)
                break
            if numbered != bool(_mark(text, before)):
                break  # a list of another kind above
            walked.append(before)
        if before <= low:
            break
        position = before
    for walked_line in walked:
        memo[walked_line, numbered] = found
    return found


def _opens_with_a_name(text: str, line: int, high: int) -> bool:
    number = _mark(text, line, high)
    start = number.end() if number else line
    start += len(text[start:high]) - len(text[start:high].lstrip())
    return _entry_end(text, start, high) is not None


def _names_a_group(text: str, line: int, content: str, label_only: bool) -> bool:
    """（二）新开工项目 / …签约项目5个： / 竣工投产项目有：: a group's label (for unnumbered lines, one filling its
    line), or a last clause about projects closing with a colon (重点项目：\nX 总投资N 已投产)."""
    label = P.group_label.match(text, line)
    if label:
        return not label_only or text[label.end() - 1] == "\n" or not text[label.end() : line + len(content) + 1].strip()
    return _closes_on_projects(content)


def _closes_on_projects(content: str) -> bool:
    """重点项目： / …签约项目5个： / 新开工项目9个，总投资N。其中包括：: a line whose last clause speaks of projects
    and closes with a colon, or whose last clause only introduces a list (其中包括：, 分别是：) after a count of
    projects on its line."""
    if not content.endswith(("：", ":")):
        return False
    last = P.clause_or_sentence_mark.split(content[:-1])[-1]
    if "项目" in last:
        return True
    return bool(P.list_intro_only.fullmatch(last.strip())) and bool(P.group_count.search(content))
