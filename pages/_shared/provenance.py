"""Where a row comes from: links into the Sources page, the deep-linked row, a report's highlight spans.

No streamlit. Every table row has doc_id, start, end (text[start:end] == raw) and, for facts,
projects and infrastructure, quote_start/quote_end: the sentence a link scrolls to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from loaders.quality import messages as quality_messages

from . import i18n, nav
from .coverage import sentence_bounds
from .highlight import FOCUS_GROUP, UNDERLINE, Span

# table -> (query parameter of its deep link, id column)
LINKS: dict[str, tuple[str, str]] = {
    "facts": ("fact", "fact_id"),
    "projects": ("project", "project_id"),
    "infrastructure": ("item", "item_id"),
    "quality": ("flag", "quality_id"),
}
# Light tints, dark text stays readable on all of them; one per metric of metrics.csv.
METRIC_COLORS: dict[str, str] = {
    "area_planned": "#c6dbef",
    "area_built": "#9ecae1",
    "area_developed": "#deebf7",
    "investment": "#fdd0a2",
    "investment_infrastructure": "#fdae6b",
    "investment_industrial": "#fee6ce",
    "revenue": "#c7e9c0",
    "output_value": "#a1d99b",
    "tax": "#e5f5e0",
    "profit_tax": "#d9f0a3",
    "enterprises": "#dadaeb",
    "employment": "#bcbddc",
    "projects": "#fcbba1",
    "project_investment": "#fc9272",
    "project_investment_completed": "#fee0d2",
    "financing": "#f2f0a1",
}
OTHER_METRIC_COLOR = "#e0e0e0"
TABLE_COLORS = {"projects": "#f1c4e6", "infrastructure": "#b3e6e0"}


def source_link(table: str, row_id: str, lang: str | None = None) -> str:
    """Relative link opening the Sources page at one row: 'sources?fact=<id>' (project=, item=, flag=)."""
    param, _ = LINKS[table]
    params = {param: row_id}
    if lang == "en":
        params["lang"] = "en"
    return f"{nav.PAGES_BY_ID['sources'].url_path}?{urlencode(params)}"


def source_links(table: str, row_ids: Iterable, lang: str | None = None) -> list[str | None]:
    """source_link for a column of ids (display rows only); a missing id gives no link."""
    return [
        None if row_id is None or row_id is pd.NA else source_link(table, str(row_id), lang)
        for row_id in row_ids
    ]


@dataclass(frozen=True)
class Focus:
    """The row a deep link points at, and the sentence to scroll to."""

    table: str
    row_id: str
    doc_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    raw: str


def requested_row(params: Mapping[str, str]) -> tuple[str, str] | None:
    """(table, row id) of the first deep-link parameter present: fact, project, item, flag."""
    for table, (param, _) in LINKS.items():
        if params.get(param):
            return table, str(params[param])
    return None


def resolve_focus(
    frames: Mapping[str, pd.DataFrame], text_of: Callable[[str], str], table: str, row_id: str
) -> Focus | None:
    """The Focus of one row, or None when the id is unknown (tables rebuilt since the link was made).

    text_of(doc_id) gives a report's text; it is read only for a row without its sentence's offsets.
    """
    frame = frames[table]
    id_column = LINKS[table][1]
    rows = frame[frame[id_column] == row_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    start, end = int(row["start"]), int(row["end"])
    if "quote_start" in row and pd.notna(row["quote_start"]) and pd.notna(row["quote_end"]):
        sentence = (int(row["quote_start"]), int(row["quote_end"]))
    else:
        text = text_of(str(row["doc_id"]))
        sentence = sentence_bounds(text, start, end) if text else (start, end)
    sentence = (min(sentence[0], start), max(sentence[1], end))
    raw = row["raw"] if "raw" in row and pd.notna(row["raw"]) else ""
    return Focus(table, row_id, str(row["doc_id"]), start, end, *sentence, str(raw))


def fact_titles(facts: pd.DataFrame, lang: str) -> list[str]:
    """Hover text of each fact: metric · kind · value with its unit in words · period (· scope, status)."""
    periods = i18n.period_labels(facts, lang).tolist() if len(facts) else []
    titles = []
    for row, period in zip(facts.itertuples(index=False), periods, strict=True):
        parts = [
            i18n.metric_label(row.metric, lang),
            i18n.kind_label(row.kind, lang),
            i18n.format_value(row.value, row.unit, lang, row.metric),
            period,
        ]
        if pd.notna(row.scope):
            parts.append(f"{i18n.t('col.scope', lang)}{'：' if lang == 'zh' else ': '}{i18n.scope_label(row.scope, lang)}")
        if pd.notna(row.status):
            parts.append(i18n.label("status", row.status, lang))
        titles.append(" · ".join(parts))
    return titles


def _item_title(table: str, row, lang: str) -> str:
    parts = [i18n.t(f"table.{table}", lang)]
    if table == "infrastructure":
        parts.append(i18n.label("category", row.category, lang))
    parts.append(str(row.name))
    if table == "infrastructure" and pd.notna(row.quantity):
        parts.append(f"{i18n.format_number(float(row.quantity))} {row.unit if pd.notna(row.unit) else ''}".strip())
    if table == "projects" and pd.notna(row.capacity):
        parts.append(str(row.capacity))
    if pd.notna(row.investment):
        parts.append(i18n.format_value(row.investment, "CNY", lang))
    parts.append(i18n.label("status", row.status if pd.notna(row.status) else "unknown", lang))
    return " · ".join(parts)


def document_spans(
    frames: Mapping[str, pd.DataFrame], doc_id: str, lang: str, focus: Focus | None = None
) -> list[Span]:
    """Every highlighted stretch of one report: facts by metric colour, projects, items, quality, the focus."""
    spans: list[Span] = []
    facts = frames["facts"]
    facts = facts[facts["doc_id"] == doc_id]
    target = (focus.table, focus.row_id) if focus else None
    for row, title in zip(facts.itertuples(index=False), fact_titles(facts, lang), strict=True):
        color = METRIC_COLORS.get(row.metric, OTHER_METRIC_COLOR)
        spans.append(
            Span(
                int(row.start),
                int(row.end),
                "fact",
                title,
                color,
                row.fact_id,
                target == ("facts", row.fact_id),
            )
        )
    for table in ("projects", "infrastructure"):
        frame = frames[table]
        id_column = LINKS[table][1]
        for row in frame[frame["doc_id"] == doc_id].itertuples(index=False):
            row_id = getattr(row, id_column)
            group = "project" if table == "projects" else "item"
            spans.append(
                Span(
                    int(row.start),
                    int(row.end),
                    group,
                    _item_title(table, row, lang),
                    TABLE_COLORS[table],
                    row_id,
                    target == (table, row_id),
                )
            )
    quality = frames["quality"]
    for row in quality[quality["doc_id"] == doc_id].itertuples(index=False):
        if pd.isna(row.start) or pd.isna(row.end):
            continue
        message = quality_messages.localized(row.message, getattr(row, "message_args", None), lang)
        title = f"{i18n.t('table.quality', lang)} · {i18n.label('severity', row.severity, lang)} · {message}"
        spans.append(
            Span(
                int(row.start),
                int(row.end),
                "quality",
                title,
                None,
                row.quality_id,
                target == ("quality", row.quality_id),
            )
        )
    if focus and focus.doc_id == doc_id:
        spans.append(Span(focus.sentence_start, focus.sentence_end, FOCUS_GROUP))
    return spans


def legend(metrics: Iterable[str], lang: str) -> list[tuple[str, str]]:
    """(label, colour) of the metrics present and of the item tables, for a legend above the text."""
    entries = [
        (i18n.metric_label(metric, lang), METRIC_COLORS.get(metric, OTHER_METRIC_COLOR)) for metric in metrics
    ]
    entries += [(i18n.t(f"table.{table}", lang), color) for table, color in TABLE_COLORS.items()]
    return [*entries, (i18n.t("table.quality", lang), UNDERLINE)]


def document_choices(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id -> 'title (file #part)', in the documents' own order."""
    return {
        row.doc_id: f"{row.title}（{row.source_file} #{row.part}）"
        for row in documents[["doc_id", "title", "source_file", "part"]].itertuples(index=False)
    }


def document_items(frames: Mapping[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """Projects and infrastructure items of one report, in text order, with their table and id."""
    parts = []
    for table in ("projects", "infrastructure"):
        frame = frames[table]
        rows = frame[frame["doc_id"] == doc_id]
        parts.append(
            pd.DataFrame(
                {
                    "table": table,
                    "row_id": rows[LINKS[table][1]].to_numpy(),
                    "name": rows["name"].to_numpy(),
                    "status": rows["status"].to_numpy(),
                    "investment": rows["investment"].to_numpy(),
                    "start": rows["start"].to_numpy(),
                }
            )
        )
    items = pd.concat(parts, ignore_index=True)
    return items.sort_values("start", kind="stable").reset_index(drop=True)
