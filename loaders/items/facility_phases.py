"""Later phases of a facility named with its phase, each an item of its own.

青禾污水处理厂一期工程已投入运行，二期工程正在建设 / 白鹭变电站一期于2005年建成，第二期工程于2008年竣工: a bare
phase opening a later clause of the sentence names no facility word, but it is the next phase of the facility
named before it with its phase (青禾污水处理厂二期工程), with the status of its own clause. A facility named
whole (园区污水处理厂日处理3万吨，一期已运行) has no phases named apart, and a phase after a zone's or a firm's
name (园区一期, X公司二期) names no works: only a facility item's own phase leads on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .facilities import Item, segment_of
from .project_names import PHASE, base_of, phase_of
from .spans import clause_index

# A phase opening a clause (，二期工程正在建设 / ，第三期于2015年建成 / ，三期、四期正在筹建).
_OPENING = re.compile(f"\\s*+(?:其|该厂|该站)?(?P<run>第?{PHASE}(?:[、和及与]第?{PHASE})*+)(?P<suffix>项目|工程)?")
_ONE = re.compile(f"第?{PHASE}")


def later_phases(text: str, clauses, items: list[Item]) -> list[Item]:
    """Items for the phases that open a clause after a facility named with its phase (X一期 … ，二期工程 …),
    named after that facility (X二期工程), in the clause they open."""
    named = sorted((item for item in items if base_of(item.name)), key=lambda item: item.end)
    if not named:
        return []
    found: list[Item] = []
    inside = _inside_an_item(items)
    passed = 0  # how many of the named end before the clause (the clauses come in text order)
    for low, _high in clauses:
        while passed < len(named) and named[passed].end <= low:
            passed += 1
        opening = _OPENING.match(text, low) if passed else None
        if opening is None or inside(opening.start("run")):
            continue
        facility = named[passed - 1]
        base, own = base_of(facility.name), phase_of(facility.name)
        suffix = opening.group("suffix") or ""
        for phase in _ONE.finditer(text, *opening.span("run")):
            if phase.group().removeprefix("第") == own.removeprefix("第"):
                continue  # 一期…，一期: the same phase said again
            end = opening.end() if phase.end() == opening.end("run") else phase.end()
            found.append(Item(
                phase.start(), end, f"{base}{phase.group()}{suffix}", facility.category, False, facility.generic_head,
                facility.sentence, clause_index(clauses, phase.start()), segment_of(text, facility.sentence.start, low),
            ))
    return found


def _inside_an_item(items: list[Item]):
    """Whether a position is part of a name already read (X一期、二期: the list's own names): one look-up in the
    items by where they start, with the farthest end reached so far (names may hold one another)."""
    spans = sorted((item.start, item.end) for item in items)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))

    def inside(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and position < reach[index]

    return inside
