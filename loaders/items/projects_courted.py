"""A firm brought in, named by its short name (成功引进青禾机械，并与…): the rest of the clause after a verb
that says it was done is one name ending in an industry word (机械, 食品, 电子 …) with a name of its own before
it; reports name most firms that way, without 有限公司. 引进先进设备, 引进人才 and 引进高端装备 name no firm:
their last word is no industry word, or all their words are.
"""

from __future__ import annotations

from .lexicon import cue_pattern
from .project_names import MIN_NAME, SINGLE, Mention, is_project_name
from .spans import clause_holding, inside

_CLOSING_MARKS = "。！？!?；;，,：: \t\n"
_NAME_LONGEST = 12  # a firm's short name (青禾机械, 华丰纸业) is short: a longer run is a phrase


def courted_firms(document, sentence, quantities, taken):
    """成功引进青禾机械，…: the firm filling its clause after a verb of bringing in said as done."""
    text = document.text
    verbs = cue_pattern("firm_courting_verbs")
    for verb in verbs.finditer(text, sentence.start, sentence.end):
        start = verb.end()
        if inside(start, taken):
            continue
        _, end = clause_holding(document, sentence, start)
        while end > start and text[end - 1] in _CLOSING_MARKS:
            end -= 1
        name = text[start:end]
        if not MIN_NAME < len(name) <= _NAME_LONGEST or not _short_firm_name(name):
            continue
        taken.append((start, end))
        yield Mention(start, end, name, SINGLE, sentence, (start, end), acquisition=True)


def _short_firm_name(name: str) -> bool:
    """A name of its own (two characters or more, no industry word) before the industry words closing it
    (青禾机械, 华丰机械制造)."""
    industries = cue_pattern("industry_words")
    ends = [found.end() for found in industries.finditer(name)]
    if not ends or ends[-1] != len(name):
        return False
    own = industries.sub("", name)
    return len(own) >= MIN_NAME and own == name[: len(own)] and is_project_name(name)
