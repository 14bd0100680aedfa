"""Phases of a named project, each a project of its own once its name carries a phase.

X产业园一期、二期已投入生产，三期、四期即将竣备 / X一期项目累计完成投资5亿元，二期项目供地筹备中: a phase
listed after a name written with its phase, or opening a later clause of the sentence, is that
project's phase too (X二期, X三期 …), with the status of its own clause. A project named whole
(X项目用地15亩，一期已建成投产，二期正在扩建) stays one row: its phases are not named apart.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text.sentences import Sentence
from .project_names import PHASE, SINGLE, Mention, base_of, phase_of
from .status import StatusWord

# Phases opening a clause, or a part of one after 、 (，二期项目供地筹备中 / ，三期、四期即将竣备 / 一期投产、二期开工).
_OPENING = re.compile(f"\\s*+(?:其|该项目)?(?P<run>{PHASE}(?:[、和及与]{PHASE})*+)(?P<suffix>项目|工程)?")
_ONE = re.compile(PHASE)


def later_phases(text: str, sentence: Sentence, clauses, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the phases said after one named by its phase, opening a clause (，三期、四期即将竣备) or
    a part of one (一期投产、二期开工), each named after that project (X三期), in a group of its own."""
    found: list[Mention] = []
    named = sorted((mention for mention in mentions if base_of(mention.name)), key=lambda mention: mention.end)
    if not named:
        return found
    starts = {mention.start for mention in mentions}
    group = max(mention.group for mention in mentions)
    passed = 0  # how many of the named end before the opening (the openings come in text order)
    for low in _openings(text, clauses, named[0].end):
        while passed < len(named) and named[passed].end <= low:
            passed += 1
        opening = _OPENING.match(text, low)
        if not opening or not passed or opening.start("run") in starts:
            continue  # (X一期、二期: the list's own names)
        project = named[passed - 1]
        base, own = base_of(project.name), phase_of(project.name)
        suffix = opening.group("suffix") or ""
        group += 1
        for phase in _ONE.finditer(text, *opening.span("run")):
            if phase.group() == own:
                continue  # 一期…，一期: the same phase said again
            mention = Mention(phase.start(), phase.end(), f"{base}{phase.group()}{suffix}", SINGLE, sentence, opening.span("run"))
            mention.group = group
            found.append(mention)
    return found


def _openings(text: str, clauses, after: int):
    """Where a clause, or a part of one after 、, starts past `after`."""
    for low, high in clauses:
        if low >= after:
            yield low
        position = text.find("、", max(low, after), high)
        while position >= 0:
            yield position + 1
            position = text.find("、", position + 1, high)


def phase_statuses(words: list[StatusWord], clauses, mentions: list[Mention], clause_of) -> None:
    """一期投产、二期开工: phases of one project in one clause each take the status said between them
    and the next phase (the clause's most advanced word is not each one's)."""
    phased = sorted((mention for mention in mentions if base_of(mention.name)), key=lambda mention: mention.start)
    shared = Counter(clause_of(mention.start) for mention in phased)
    for index, mention in enumerate(phased):
        own = clause_of(mention.start)
        if shared[own] < 2:
            continue  # X一期项目已签约并开工建设: one phase in its clause takes the clause's most advanced word
        following = phased[index + 1] if index + 1 < len(phased) else None
        end = following.start if following is not None and clause_of(following.start) == own else clauses[own][1]
        said = [word for word in words if mention.end <= word.start < end and word.strength >= 2 and word.status]
        if said:
            mention.status = said[0]


_NAMED_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")
_PHASE_OPENS_CLAUSE = re.compile(r"\s*(?:其|该项目)?([一二三四五六七八九十\d]+期)")


def clauses_of_a_phase(text: str, clauses: list[tuple[int, int]]) -> dict[int, str]:
    """{clause index: the phase it opens on} (…，二期项目供地筹备中)."""
    phases = {}
    for index, (start, _) in enumerate(clauses):
        opening = _PHASE_OPENS_CLAUSE.match(text, start)
        if opening:
            phases[index] = opening.group(1)
    return phases


def other_phases(mention: Mention, phases: dict[int, str]) -> set[int]:
    """一期项目累计完成投资5亿元，二期项目供地筹备中: a project named by its phase takes no status from a
    clause opening on another phase (X项目…，一期已投产，二期正在扩建: a project named whole takes its phases')."""
    own = _NAMED_PHASE.search(mention.name)
    if own is None:
        return set()
    return {index for index, phase in phases.items() if phase != own.group()}

