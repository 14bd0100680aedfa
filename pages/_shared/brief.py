"""The comparison to take away: an XLSX of the side-by-side table and a PDF brief. No streamlit.

    comparison_workbook(tables, selection, zone_ids, kind, lang)          -> XLSX bytes
    comparison_pdf(tables, selection, zone_ids, kind, lang, today)        -> PDF bytes
built from comparison_sources (one row per stated figure, numbered), comparison_xlsx and brief_pdf.

`values` is queries.compare_values output and `table` display.compare_table output for the same
zones: row i of the table is the i-th metric of `values`, column 1 + j the j-th zone. Every stated
figure gets a footnote number; the PDF puts it beside the figure and prints the figure's sentence
and report at the foot, so a number on paper still leads back to where it was said.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from dataclasses import dataclass, field

import pandas as pd

from . import display, i18n, provenance, queries, views
from .export import layout_sheet, neutralise
from .i18n import t

PDF_FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif'
CHART_WIDTH_PX = 1000  # the PDF page is ~720 px wide at 96 dpi; images are drawn at 2x for print
logger = logging.getLogger(__name__)
SOURCE_COLUMNS = ("marker", "zone", "metric", "figure", "period", "scope", "raw", "quote", "report", "link")


def comparison_workbook(tables, selection, zone_ids: tuple[str, ...], kind: str, lang: str) -> bytes:
    """The Compare page's table, each figure's sentence and link, and what was compared, as XLSX."""
    values = queries.compare_values(tables, selection, zone_ids, kind)
    table = display.compare_table(values, zone_ids, tables, lang)
    sources = comparison_sources(values, zone_ids, tables, lang)
    return comparison_xlsx(table, sources, _about(tables, zone_ids, kind, lang), lang)


def comparison_brief(tables, selection, zone_ids: tuple[str, ...], kind: str, lang: str, today: str) -> Brief:
    """The Brief of the Compare page's zones and kind: the page's own table and figure (views.compare_view)."""
    table, figure = views.compare_view(tables, selection, zone_ids, kind, lang)
    values = queries.compare_values(tables, selection, zone_ids, kind)
    names = queries.zone_name_map(tables)
    zone_names = [str(names.get(zone_id, zone_id)) for zone_id in zone_ids]
    built = str(tables.manifest.get("built_at") or "—")
    return Brief(
        title=f"{t('brief.title', lang)} · {i18n.kind_label(kind, lang)}",
        zone_names=zone_names,
        date=today,
        table=table,
        sources=comparison_sources(values, zone_ids, tables, lang),
        lang=lang,
        figures=[figure] if figure is not None else [],
        notes=[t("compare.caption", lang, base=zone_names[0]), t("brief.built", lang, built=built)],
    )


def comparison_pdf(tables, selection, zone_ids: tuple[str, ...], kind: str, lang: str, today: str) -> bytes:
    """The comparison brief as PDF, its charts drawn as images."""
    brief = comparison_brief(tables, selection, zone_ids, kind, lang, today)
    try:
        brief.charts.extend(chart_png(figure) for figure in brief.figures)
    except Exception:  # no Chromium for kaleido: the brief still carries the table and every sentence
        logger.warning("chart image failed; the brief goes out without it", exc_info=True)
        brief.notes.append(t("brief.no_chart", lang))
    return brief_pdf(brief)


def file_name(zone_names: list[str], today: str, lang: str, extension: str) -> str:
    """'区域对比_鹤淇产业集聚区_柘城县产业集聚区_2026-12-05.pdf'; characters a file system refuses become _."""
    stem = "_".join([t("brief.file", lang), *zone_names, today])
    return "".join("_" if char in '\\/:*?"<>|' or ord(char) < 32 else char for char in stem) + f".{extension}"


def _about(tables, zone_ids: tuple[str, ...], kind: str, lang: str) -> list[tuple[str, str]]:
    names = queries.zone_name_map(tables)
    lines = [
        (t("brief.zones", lang), ("、" if lang == "zh" else ", ").join(str(names.get(z, z)) for z in zone_ids)),
        (t("compare.kind", lang), i18n.kind_label(kind, lang)),
        (t("export.units", lang), t("export.unit_note", lang)),
        (t("export.built", lang), str(tables.manifest.get("built_at") or "—")),
    ]
    return lines


def comparison_sources(values: pd.DataFrame, zone_ids: tuple[str, ...], tables, lang: str) -> pd.DataFrame:
    """Every stated figure of the comparison, numbered in table order (metric by metric, zone by zone)."""
    names = dict(zip(tables.zones["zone_id"], tables.zones["name"], strict=True))
    titles = dict(zip(tables.documents["doc_id"], tables.documents["title"], strict=True))
    order = {zone_id: position for position, zone_id in enumerate(zone_ids)}
    metrics = list(dict.fromkeys(values["metric"]))
    stated = values[values["value"].notna()].copy()
    stated["metric_order"] = stated["metric"].map({metric: position for position, metric in enumerate(metrics)})
    stated["zone_order"] = stated["zone_id"].map(order)
    stated = stated.sort_values(["metric_order", "zone_order"], kind="stable")
    periods = i18n.period_labels(stated, lang) if len(stated) else pd.Series(dtype="string")
    return pd.DataFrame(
        {
            "marker": range(1, len(stated) + 1),
            "zone": [str(names.get(zone_id, zone_id)) for zone_id in stated["zone_id"]],
            "metric": [i18n.metric_label(metric, lang) for metric in stated["metric"]],
            "figure": [
                i18n.format_value(value, unit, lang, metric)
                for value, unit, metric in zip(stated["value"], stated["unit"], stated["metric"], strict=True)
            ],
            "period": periods.fillna("").to_numpy(),
            "scope": stated["scope"].astype("string").fillna("").to_numpy(),
            "raw": stated["raw"].astype("string").fillna("").to_numpy(),
            "quote": stated["quote"].astype("string").fillna("").to_numpy(),
            "report": [str(titles.get(doc_id, "")) for doc_id in stated["doc_id"]],
            "link": provenance.source_links("facts", stated["fact_id"], lang),
            "metric_id": stated["metric"].astype("string").to_numpy(),
            "zone_id": stated["zone_id"].astype("string").to_numpy(),
        }
    )


def source_headers(lang: str) -> dict[str, str]:
    """Column headers of the sources sheet and footnotes, in `lang`."""
    return {column: t(f"brief.col.{column}", lang) for column in SOURCE_COLUMNS}


def comparison_xlsx(table: pd.DataFrame, sources: pd.DataFrame, about: list[tuple[str, str]], lang: str) -> bytes:
    """Sheet 1 the side-by-side table; sheet 2 each figure with its sentence and source link; sheet 3 about.

    Every sheet has a frozen header, a header filter and column widths; cells are neutralised."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    readable_sources = sources[list(SOURCE_COLUMNS)].rename(columns=source_headers(lang))
    sheets = {
        t("brief.sheet_table", lang): table,
        t("brief.sheet_sources", lang): readable_sources,
    }
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        for name, frame in sheets.items():
            neutralise(frame).to_excel(writer, sheet_name=name, index=False)
            layout_sheet(writer.sheets[name], frame)
        about_sheet = t("export.sheet_about", lang)
        neutralise(pd.DataFrame(about, columns=["item", "value"])).to_excel(
            writer, sheet_name=about_sheet, index=False, header=False
        )
        writer.sheets[about_sheet].set_column(0, 0, 28)
        writer.sheets[about_sheet].set_column(1, 1, 80)
    return buffer.getvalue()


def chart_png(figure, width: int = CHART_WIDTH_PX) -> bytes:
    """A plotly figure as PNG through kaleido and the system Chromium (CJK fonts from fonts-noto-cjk)."""
    height = int(figure.layout.height or 500)
    return figure.to_image(format="png", width=width, height=height, scale=2)


@dataclass
class Brief:
    """What the PDF shows; built by the Compare page from the same frames it draws."""

    title: str
    zone_names: list[str]
    date: str
    table: pd.DataFrame
    sources: pd.DataFrame
    lang: str
    figures: list = field(default_factory=list)  # plotly figures, drawn into `charts` for the PDF
    charts: list[bytes] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def brief_html(brief: Brief) -> str:
    """The brief as one HTML page; every text is escaped (report text never becomes markup)."""
    lang = brief.lang
    markers = _cell_markers(brief.table, brief.sources)
    head = "".join(f"<th>{_text(column)}</th>" for column in brief.table.columns)
    body = []
    for row_position, row in enumerate(brief.table.itertuples(index=False)):
        cells = []
        for column_position, cell in enumerate(row):
            marker = markers.get((row_position, column_position))
            note = f'<sup class="fn">{marker}</sup>' if marker else ""
            cells.append(f"<td>{_text(cell)}{note}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    charts = "".join(
        f'<img class="chart" src="data:image/png;base64,{_base64(png)}" alt="{_text(t("brief.chart", lang))}"/>'
        for png in brief.charts
    )
    footnotes = "".join(
        f"<li value=\"{int(source.marker)}\"><b>{_text(source.zone)} · {_text(source.metric)} "
        f"{_text(source.figure)}</b> {_text(_period_scope(source, lang))}"
        f"<br/>{_text(_quoted(source.quote, lang))} — {_text(source.report)}</li>"
        for source in brief.sources.itertuples(index=False)
    )
    notes = "".join(f"<p class=\"note\">{_text(note)}</p>" for note in brief.notes)
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8"/><title>{_text(brief.title)}</title>
<style>
@page {{ size: A4; margin: 16mm 14mm 18mm 14mm;
        @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; }} }}
body {{ font-family: {PDF_FONTS}; font-size: 9.5pt; color: #111; }}
h1 {{ font-size: 17pt; margin: 0 0 2mm 0; }}
.meta {{ color: #444; margin: 0 0 4mm 0; }}
h2 {{ font-size: 12pt; margin: 6mm 0 2mm 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.4pt solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }}
th {{ background: #eef2f7; }}
td:first-child, th:first-child {{ white-space: nowrap; }}
tr {{ page-break-inside: avoid; }}
sup.fn {{ color: #1f4e9c; font-size: 6.5pt; margin-left: 0.4mm; }}
img.chart {{ width: 100%; margin: 3mm 0; }}
ol.sources {{ font-size: 8pt; padding-left: 7mm; }}
ol.sources li {{ margin-bottom: 1.6mm; page-break-inside: avoid; }}
.note {{ color: #444; font-size: 8.5pt; }}
</style></head><body>
<h1>{_text(brief.title)}</h1>
<p class="meta">{_text(t("brief.zones", lang))}: {_text(_joined(brief.zone_names, lang))}<br/>
{_text(t("brief.date", lang))}: {_text(brief.date)}</p>
{notes}
<h2>{_text(t("compare.table", lang))}</h2>
<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>
{f'<h2>{_text(t("compare.small_multiples", lang))}</h2>' + charts if charts else ''}
<h2>{_text(t("brief.sources", lang))}</h2>
<ol class="sources">{footnotes}</ol>
</body></html>"""


def brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF (WeasyPrint; fonts embedded, so it prints the same everywhere)."""
    from weasyprint import HTML  # imported here: the app starts without loading the PDF engine

    return HTML(string=brief_html(brief)).write_pdf()


def _cell_markers(table: pd.DataFrame, sources: pd.DataFrame) -> dict[tuple[int, int], int]:
    """(table row, table column) -> footnote number: row = metric position, column = 1 + zone position."""
    metric_rows = {label: position for position, label in enumerate(table.iloc[:, 0].astype(str))}
    zone_columns = {str(column): position for position, column in enumerate(table.columns)}
    markers = {}
    for source in sources.itertuples(index=False):
        row, column = metric_rows.get(source.metric), zone_columns.get(source.zone)
        if row is not None and column is not None:
            markers[(row, column)] = int(source.marker)
    return markers


def _period_scope(source, lang: str) -> str:
    parts = [part for part in (source.period, source.scope) if part]
    if not parts:
        return ""
    return f"（{'，'.join(parts)}）" if lang == "zh" else f"({', '.join(parts)})"


def _quoted(quote: str, lang: str) -> str:
    return f"“{quote}”" if lang == "zh" else f'"{quote}"'


def _joined(names: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def _text(value: object) -> str:
    """Escaped for HTML; missing values blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
