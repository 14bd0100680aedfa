"""Every page in English (lang=en) reads as English: no full-width punctuation outside report text,
no raw codes of the contract (part_exceeds_whole, CNY, landed, yoy, warning …) on screen."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pages._shared import nav

FULL_WIDTH = re.compile("[（），：；。、]")
# Contract codes: none may stand as a cell or a card; those that are no English word none in prose either.
RAW_CODES = ("part_exceeds_whole", "count", "CNY", "landed", "yoy", "info", "warning", "km2", "person", "error",
             "growth_base_year", "unplaced_number", "under_construction", "in_production", "actual", "target")
CODES_IN_PROSE = ("part_exceeds_whole", "CNY", "yoy", "km2", "growth_base_year", "unplaced_number",
                  "under_construction", "in_production")
EN_PAGES = [page.page_id for page in nav.PAGES if page.role is None]


def _texts(app) -> list[str]:
    """Every text element (report quotes of mostly Chinese left out) and every metric card."""
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "text", "success"):
        found += [str(element.value) for element in getattr(app, kind) if not _mostly_chinese(str(element.value))]
    for metric in app.metric:
        found += [str(metric.label), str(metric.value)]
    return found


def _cells(app) -> list[str]:
    """Headers and every cell of every dataframe, except report text (quotes, as written, names)."""
    found = []
    for frame in app.dataframe:
        value: pd.DataFrame = frame.value
        found += [str(column) for column in value.columns]
        for column in value.columns:
            if column in REPORT_COLUMNS:
                continue
            found += [str(cell) for cell in value[column].tolist()]
    return found


# Columns that hold report text as written (Chinese by nature) or report-derived names.
REPORT_COLUMNS = {"Quote", "Sentence", "As written", "Target sentence", "Actual sentence", "Zone", "Name",
                  "Report", "File", "Message", "Capacity", "Project group", "Fact id"}


def _raw_codes(text: str) -> list[str]:
    if text.strip() in RAW_CODES:
        return [text.strip()]
    return [code for code in CODES_IN_PROSE if re.search(rf"(?<![A-Za-z_]){code}(?![A-Za-z_])", text)]


def _mostly_chinese(text: str) -> bool:
    """A report sentence shown as it was written."""
    letters = [char for char in text if not char.isspace()]
    return bool(letters) and sum("\u3400" <= char <= "\u9fff" for char in letters) * 2 > len(letters)


@pytest.mark.parametrize("page_id", EN_PAGES)
def test_english_pages_show_no_full_width_punctuation_and_no_raw_codes(sample_env, run_page, page_id):
    app = run_page(page_id, lang="en")
    assert not app.exception, app.exception
    shown = _texts(app) + _cells(app)
    full_width = [text for text in shown if FULL_WIDTH.search(_without_report_text(text))]
    assert not full_width, full_width[:10]
    codes = [(text, _raw_codes(text)) for text in shown if _raw_codes(text)]
    assert not codes, codes[:10]


def _without_report_text(text: str) -> str:
    """Drop quoted report text (“…”) and CJK names: full-width marks inside them are the report's own."""
    text = re.sub(r"“[^”]*”", "", text)
    return re.sub(r"[\u3400-\u9fff]+[（）]?[\u3400-\u9fff]*", "", text)


# Columns of figures that must read as whole numbers (a year, a count), never 2025.0.
INTEGER_COLUMNS = {"Year", "Count"}


@pytest.mark.parametrize("page_id", EN_PAGES)
def test_tables_show_blanks_for_missing_text_whole_years_and_a_width_for_every_column(sample_env, run_page, page_id):
    app = run_page(page_id, lang="en")
    for element in app.dataframe:
        frame: pd.DataFrame = element.value
        config = json.loads(element.proto.columns)
        links = {name for name, column in config.items() if column.get("type_config", {}).get("type") == "link"}
        for column in frame.columns:
            if column in links:
                continue
            cells = frame[column]
            if cells.dtype == object or isinstance(cells.dtype, pd.StringDtype):
                assert not cells.isna().any(), (page_id, column)
                assert not cells.astype(str).isin(["None", "nan", "<NA>", "NaN"]).any(), (page_id, column)
            if column in INTEGER_COLUMNS:
                assert not cells.astype("string").str.contains(r"\.0$", regex=True).fillna(False).any(), column
            assert config[column].get("width"), (page_id, column)
        if "Zone" in frame.columns:
            assert config["Zone"].get("pinned") is True, page_id
        for key in ("Zone", "Metric", "Value (shown)", "Period"):
            if key in frame.columns:
                longest = max(sum(15 if ord(char) > 0x2E80 else 8 for char in str(text)) for text in frame[key])
                assert config[key]["width"] >= min(longest, 300), (page_id, key)


def _chart_texts(app) -> list[str]:
    """Titles, axis titles, annotations, legend names and bar labels of every chart (hover quotes left out)."""
    from app_reading import charts

    found = []
    for figure in charts(app):
        layout = figure.layout
        found.append(str(layout.title.text or ""))
        for name in layout:
            if name.startswith(("xaxis", "yaxis")) and layout[name].title.text:
                found.append(str(layout[name].title.text))
        found += [str(annotation.text or "") for annotation in layout.annotations]
        for trace in figure.data:
            found.append(str(trace.name or ""))
            text = getattr(trace, "text", None)
            if text is not None and not isinstance(text, str):
                found += [str(item) for item in text]
    return [text for text in found if text and not _mostly_chinese(text)]


@pytest.mark.parametrize("page_id", EN_PAGES)
def test_english_charts_show_no_full_width_punctuation_and_no_raw_codes(sample_env, run_page, page_id):
    app = run_page(page_id, lang="en")
    shown = _chart_texts(app)
    full_width = [text for text in shown if FULL_WIDTH.search(_without_report_text(text))]
    assert not full_width, full_width[:10]
    codes = [(text, _raw_codes(text)) for text in shown if _raw_codes(text)]
    assert not codes, codes[:10]


def test_quality_flags_read_in_english(sample_env, run_page):
    """The loaders store each flag's message key and arguments: in English the Message column is English,
    Chinese only in the figures as written (30平方公里) and the zone names quoted (“…”)."""
    app = run_page("quality", lang="en")
    assert not app.exception, app.exception
    messages = [message for frame in app.dataframe if "Message" in frame.value.columns
                for message in frame.value["Message"].tolist()]
    assert len(messages) >= 5
    prose = [re.sub(r"[\d.%]+[\u3400-\u9fff]*|“[^”]*”", "", str(message)) for message in messages]
    assert not [text for text in prose if re.search(r"[\u3400-\u9fff]", text)], messages
    assert any(message.startswith("The target 50亿元 (Main business revenue) is below the achieved 146亿元")
               for message in messages), messages
