"""A report's text as escaped HTML with every extracted number highlighted.

Spans may overlap (a fact inside a focused sentence, a project name holding an amount),
and may touch the very start or end of the text: the text is cut at every span boundary
into non-overlapping segments, each escaped on its own and wrapped once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FOCUS_ANCHOR = "zd-focus"
FOCUS_GROUP = "focus"
UNDERLINE = "underline"  # legend entry drawn like a quality flag
_COLOR = re.compile(r"^#[0-9a-fA-F]{3,8}$")

REPORT_CSS = """
.zd-report { white-space: pre-wrap; line-height: 1.9; font-size: 1rem; max-height: 70vh;
  overflow-y: auto; padding: 0.75rem 1rem; border: 1px solid rgba(128,128,128,.35); border-radius: .5rem; }
.zd-report mark { color: inherit; border-radius: .2rem; padding: 0 .05rem; cursor: help; }
.zd-report .zd-quality { text-decoration: underline wavy #d62728; text-underline-offset: 3px; }
.zd-report .zd-focus { background-color: #fff3b0; box-shadow: 0 2px 0 #f2b600; }
.zd-report mark.zd-focus { box-shadow: 0 2px 0 #f2b600; }
.zd-report .zd-target { outline: 2px solid #d62728; outline-offset: 1px; }
"""


@dataclass(frozen=True)
class Span:
    """One highlighted stretch of text: [start, end) with its group, colour and hover text."""

    start: int
    end: int
    group: str
    title: str = ""
    color: str | None = None
    row_id: str = ""
    target: bool = False


def segments(length: int, spans: Iterable[Span]) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Cut [0, length) at every span boundary; each piece lists the spans covering it, outermost first."""
    kept = sorted(
        (span for span in spans if min(span.end, length) > max(span.start, 0)),
        key=lambda span: (span.start, -span.end),
    )
    bounds = sorted({0, length} | {max(s.start, 0) for s in kept} | {min(s.end, length) for s in kept})
    pieces = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        covering = tuple(span for span in kept if span.start <= left and span.end >= right)
        pieces.append((left, right, covering))
    return pieces


def highlight_html(text: str, spans: Sequence[Span]) -> str:
    """The whole text, escaped, inside one div; highlighted pieces become <mark> with a hover title."""
    parts = ['<div class="zd-report">']
    anchored = False
    for left, right, covering in segments(len(text), spans):
        piece = html.escape(text[left:right], quote=True)
        if not covering:
            parts.append(piece)
            continue
        element, attributes = _wrapper(covering)
        if not anchored and any(span.group == FOCUS_GROUP for span in covering):
            attributes = f'id="{FOCUS_ANCHOR}" ' + attributes
            anchored = True
        parts.append(f"<{element} {attributes}>{piece}</{element}>")
    parts.append("</div>")
    return "".join(parts)


def _wrapper(covering: tuple[Span, ...]) -> tuple[str, str]:
    """Element and attributes for a piece: the innermost coloured span sets the colour."""
    marked = [span for span in covering if span.group != FOCUS_GROUP]
    classes = [f"zd-{span.group}" for span in covering]
    if any(span.target for span in covering):
        classes.append("zd-target")
    attributes = [f'class="{html.escape(" ".join(dict.fromkeys(classes)), quote=True)}"']
    coloured = [span.color for span in marked if span.color and _COLOR.match(span.color)]
    if coloured:
        attributes.append(f'style="background-color:{coloured[-1]}"')
    titles = [span.title for span in marked if span.title]
    if titles:
        attributes.append(f'title="{html.escape(chr(10).join(dict.fromkeys(titles)), quote=True)}"')
    ids = [span.row_id for span in marked if span.row_id]
    if ids:
        attributes.append(f'data-ids="{html.escape(" ".join(dict.fromkeys(ids)), quote=True)}"')
    return ("mark" if marked else "span"), " ".join(attributes)


def _chip_style(color: str) -> str:
    if color == UNDERLINE:
        return "text-decoration:underline wavy #d62728;text-underline-offset:3px"
    return f"background-color:{color if _COLOR.match(color) else '#e0e0e0'}"


def legend_html(title: str, entries: Sequence[tuple[str, str]]) -> str:
    """A row of colour chips: (label, colour or UNDERLINE) pairs, labels escaped, colours checked."""
    chips = "".join(
        f'<span style="{_chip_style(color)};padding:0 .4rem;margin:0 .3rem .3rem 0;border-radius:.2rem;'
        f'display:inline-block">{html.escape(label)}</span>'
        for label, color in entries
    )
    return f'<div class="zd-legend" style="line-height:1.9">{html.escape(title)} {chips}</div>'
