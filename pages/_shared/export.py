"""Downloads of exactly the filtered facts: CSV (UTF-8 with BOM), XLSX (data + about sheet), Parquet. No streamlit.

    frame = export_frame(rows, tables, lang)        readable columns, headers in the UI language
    csv_bytes(frame) / xlsx_bytes(frame, about, sources, lang) / parquet_bytes(rows, tables)
    file_stem(description, n_rows, lang)             '数字_鹤淇产业集聚区_主营业务收入_2025年_3行'

Text cells beginning with = + - @ (or a tab / carriage return) are prefixed with ' in CSV and
XLSX so a spreadsheet never runs them as formulas. Parquet keeps the contract values unchanged.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from loaders.contract import schema
from pages._shared import display, i18n, queries
from pages._shared.i18n import t

FORMULA_START = re.compile(r"^[=+\-@\t\r]")

EXPORT_COLUMNS = (  # display.FACT_HEADERS names them
    *("zone_name", "metric_label", "kind_label", "value", "unit", "display", "year", "months", "cumulative"),
    *("scope", "status", "basis", "raw", "quote", "report", "source_file", "fact_id"),
)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would read as a formula get a leading apostrophe."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_string_dtype(series) or series.dtype == object:
            text = series.astype("string")
            risky = text.str.contains(FORMULA_START, regex=True).fillna(False).astype(bool)
            if risky.any():
                frame[column] = text.where(~risky, "'" + text)
    return frame


def export_frame(rows: pd.DataFrame, tables, lang: str) -> pd.DataFrame:
    """The filtered facts as readable columns (headers in `lang`), one row per fact, same order."""
    return display.readable_facts(rows, tables, lang, EXPORT_COLUMNS)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens the Chinese; formulas neutralised."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def sources_frame(rows: pd.DataFrame, tables, lang: str) -> pd.DataFrame:
    """The reports the rows come from: title, file, date, figures exported."""
    counts = rows["doc_id"].value_counts()
    counts = counts[counts > 0]  # a categorical lists reports without rows too
    documents = tables.documents[tables.documents["doc_id"].isin(counts.index)]
    return pd.DataFrame(
        {
            t("col.report", lang): documents["title"].to_numpy(),
            t("col.source_file", lang): documents["source_file"].to_numpy(),
            t("col.doc_date", lang): documents["doc_date"].astype("string").fillna("").to_numpy(),
            t("export.rows", lang): documents["doc_id"].map(counts).to_numpy(),
        }
    )


def about_rows(description: dict[str, str], n_rows: int, tables, lang: str) -> list[tuple[str, str]]:
    """(label, value) lines for the about sheet: filters, row count, units, build time."""
    lines = [(t("export.filters", lang), "")]
    lines += [(f"  {label}", value) for label, value in description.items()]
    lines.append((t("export.rows", lang), str(n_rows)))
    lines.append((t("export.units", lang), t("export.unit_note", lang)))
    for metric, unit in schema.metrics()[["metric", "unit"]].itertuples(index=False):
        lines.append((f"  {i18n.metric_label(metric, lang)}", i18n.unit_label(unit, lang)))
    lines.append((t("export.built", lang), str(tables.manifest.get("built_at") or "—")))
    return lines


def xlsx_bytes(frame: pd.DataFrame, about: list[tuple[str, str]], sources: pd.DataFrame, lang: str) -> bytes:
    """Sheet 1: the data with headers in `lang` (frozen, filterable, sized); sheet 2: filters, units and source reports."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralise(frame).to_excel(writer, sheet_name=t("export.sheet_data", lang), index=False)
        layout_sheet(writer.sheets[t("export.sheet_data", lang)], frame)
        about_frame = pd.DataFrame(about, columns=["item", "value"])
        sheet = t("export.sheet_about", lang)
        neutralise(about_frame).to_excel(writer, sheet_name=sheet, index=False, header=False)
        start = len(about_frame) + 2
        pd.DataFrame([[t("export.sources", lang)]]).to_excel(writer, sheet_name=sheet, index=False, header=False, startrow=start)
        neutralise(sources).to_excel(writer, sheet_name=sheet, index=False, startrow=start + 1)
        writer.sheets[sheet].set_column(0, 0, 28)
        writer.sheets[sheet].set_column(1, 1, 80)
    return buffer.getvalue()


def layout_sheet(sheet, frame: pd.DataFrame) -> None:
    """A data sheet a reader can scan: frozen header row, a filter on every header, columns sized to their text."""
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(frame), 1), max(len(frame.columns) - 1, 0))
    for position, column in enumerate(frame.columns):
        sheet.set_column(position, position, column_width(frame[column], str(column)))


def column_width(values: pd.Series, header: str) -> int:
    """Characters wide enough for the header and most cells; CJK counts double; long quotes capped."""
    texts = [header, *values.astype("string").fillna("").head(200).tolist()]
    widest = max(sum(2 if ord(char) > 0x2E80 else 1 for char in text) for text in texts)
    return max(8, min(widest + 2, 60))


def parquet_bytes(rows: pd.DataFrame, tables) -> bytes:
    """The filtered facts with the contract's columns and types, plus zone_name."""
    facts = pa.Table.from_pandas(rows[schema.TABLES["facts"].names], schema=schema.TABLES["facts"].arrow_schema,
                                 preserve_index=False)
    names = queries.with_zone_names(rows, tables)["zone_name"].astype("string")
    facts = facts.append_column("zone_name", pa.array(names.to_numpy(dtype=object, na_value=None), pa.string()))
    buffer = io.BytesIO()
    pq.write_table(facts, buffer)
    return buffer.getvalue()


UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(parts: list[str], n_rows: int, lang: str) -> str:
    """A file name that says what is inside: figures_<zones>_<metrics>_<years>_<n>rows (no extension)."""
    head = "数字" if lang == "zh" else "figures"
    rows = f"{n_rows}行" if lang == "zh" else f"{n_rows}rows"
    cleaned = [UNSAFE_FILENAME.sub("_", part).strip("_") or "x" for part in parts if part]
    return "_".join([head, *cleaned, rows])[:180]


def describe_choice(values: list[str], everything: str, many: str, limit: int = 2) -> str:
    """'鹤淇产业集聚区+柘城县产业集聚区', or '5个区域' / everything when nothing is chosen."""
    if not values:
        return everything
    if len(values) <= limit:
        return "+".join(values)
    return many.format(n=len(values))
