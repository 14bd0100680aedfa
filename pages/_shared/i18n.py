"""The one label catalogue (zh default, en) and the number formats officials use. No streamlit.

Pages and shared modules call `t("key")` (or `t("key", n=3)` for `{n}` placeholders). The
language is set once per script run by `filters.setup_page` (`set_language`); pure code such as
figures passes `lang=` explicitly. Metric names come from metrics.csv (`metric_label`).
Numbers: `format_value(value, unit, lang, metric)` gives 102.5亿元 / 2800万元 in Chinese,
¥10.25 bn / ¥28 m in English, 25 km², 3.2万人, +12.5%. `amount_scale` picks
one axis unit for a chart. `plain(text)` escapes report text for any markdown context.
The catalogue is data: labels.toml beside this module, `"key" = ["中文", "English"]`; add new
labels there (both languages) rather than writing strings in pages. `label(prefix, value)` names a
vocabulary value (status, category, state, match …) through it.
"""

from __future__ import annotations

import math
import re
import threading
import tomllib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.contract import schema

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MU_PER_KM2 = 1e6 / 666.67  # 1 亩 = 666.67 m², as the loaders convert

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_local = threading.local()


def set_language(lang: str) -> None:
    """Remember the language of the current script run (one thread per session run)."""
    _local.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def get_language() -> str:
    return getattr(_local, "lang", DEFAULT_LANGUAGE)


LABELS_FILE = Path(__file__).with_name("labels.toml")


def _load_catalogue() -> dict[str, tuple[str, str]]:
    """labels.toml as {key: (Chinese, English)}; an entry that is not two texts fails loudly."""
    with LABELS_FILE.open("rb") as file:
        entries = tomllib.load(file)
    catalogue = {}
    for key, texts in entries.items():
        if not (isinstance(texts, list) and len(texts) == 2 and all(isinstance(text, str) for text in texts)):
            raise ValueError(f"{LABELS_FILE}: {key} must be [Chinese, English], not {texts!r}")
        catalogue[key] = (texts[0], texts[1])
    return catalogue


CATALOGUE: dict[str, tuple[str, str]] = _load_catalogue()

UNIT_WORDS = {
    # (zh, en) suffixes for plain counts
    "enterprises": ("家", " enterprises"),
    "projects": ("个", " projects"),
}


# "{n|report|reports}" in a label: the singular when n is 1, else the plural.
PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The label for `key` in `lang` (default: the run's language), with `{placeholders}` filled
    and `{n|one|many}` choosing the singular or plural by the value of n."""
    zh, en = CATALOGUE[key]
    text = en if (lang or get_language()) == "en" else zh
    if not values:
        return text
    text = PLURAL.sub(lambda match: match[2] if str(values.get(match[1])) == "1" else match[3], text)
    return text.format(**values)


@lru_cache(maxsize=1)
def _metrics() -> pd.DataFrame:
    return schema.metrics().set_index("metric")


def metric_ids() -> list[str]:
    """Every metric id of metrics.csv, in its order."""
    return list(_metrics().index)


def metric_label(metric: str, lang: str | None = None) -> str:
    """label_zh / label_en from metrics.csv; the id itself for an unknown metric."""
    table = _metrics()
    if metric not in table.index:
        return str(metric)
    return str(table.at[metric, "label_en" if (lang or get_language()) == "en" else "label_zh"])


def metric_unit(metric: str) -> str:
    """The canonical unit of a metric (CNY, km2, count, person)."""
    table = _metrics()
    return str(table.at[metric, "unit"]) if metric in table.index else ""


def kind_label(kind: str, lang: str | None = None) -> str:
    return label("kind", kind, lang)


def scope_label(scope: object, lang: str | None = None) -> str:
    """A scope (规上, 签约项目 …) in `lang` from the `scope.*` labels; the scope as written when none
    is catalogued; '' when there is no scope."""
    if scope is None or scope is pd.NA or (isinstance(scope, float) and math.isnan(scope)) or scope == "":
        return ""
    return label("scope", scope, lang)


def unit_label(unit: object, lang: str | None = None) -> str:
    """A canonical unit of the value column as a reader names it (元/yuan, km², 人/persons)."""
    if unit is None or unit is pd.NA or (isinstance(unit, float) and math.isnan(unit)) or unit == "":
        return ""
    return label("unit", unit, lang)


def label(prefix: str, value: object, lang: str | None = None) -> str:
    """t(f'{prefix}.{value}') for a vocabulary value; the value itself when the catalogue lacks it."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in CATALOGUE else str(value)


def join(values, lang: str | None = None) -> str:
    """Names in a sentence: 甲、乙 in Chinese, 'A, B' in English."""
    return ("、" if (lang or get_language()) == "zh" else ", ").join(str(value) for value in values)


def plain(text: object) -> str:
    """Report text made safe for a markdown context: shown literally, never as HTML or markup."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~$:])", r"\\\1", escaped)


def basis_label(basis: object, lang: str | None = None) -> str:
    """What a growth rate compares with: 同比 (yoy), 较2020年 (a base year), '' when not stated."""
    if basis is None or basis is pd.NA or (isinstance(basis, float) and math.isnan(basis)) or basis == "":
        return ""
    text = str(basis)
    if text == "yoy":
        return t("basis.yoy", lang)
    return t("basis.year", lang, year=text) if text.isdigit() else text


def format_number(value: float, decimals: int = 2, grouping: bool = True) -> str:
    """1234.5 -> '1,234.5' ('1234.5' without grouping); trailing zeros dropped, at most `decimals` decimals."""
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text



def amount_scale(max_abs: float, lang: str | None = None) -> tuple[float, str]:
    """One divisor and unit label for a chart axis of yuan amounts: 亿元/万元/元, ¥ bn / ¥ m / ¥."""
    if (lang or get_language()) == "en":
        if max_abs >= 1e9:
            return 1e9, "¥ bn"
        if max_abs >= 1e6:
            return 1e6, "¥ m"
        return 1.0, "¥"
    if max_abs >= 1e8:
        return 1e8, "亿元"
    if max_abs >= 1e4:
        return 1e4, "万元"
    return 1.0, "元"


def unit_scale(unit: str, max_abs: float, lang: str | None = None, metric: str | None = None) -> tuple[float, str]:
    """Divisor and axis label for any canonical unit."""
    lang = lang or get_language()
    if unit == "CNY":
        return amount_scale(max_abs, lang)
    if unit == "km2":
        return 1.0, "km²"
    if unit == "%":
        return 1.0, "%"
    if unit == "person":
        if lang == "zh":
            return (1e4, "万人") if max_abs >= 1e4 else (1.0, "人")
        return 1.0, "persons"
    if unit == "count":
        zh, en = UNIT_WORDS.get(metric or "", ("个", ""))
        return 1.0, zh if lang == "zh" else (en.strip() or "number")
    return 1.0, unit


def format_value(value: float | None, unit: str, lang: str | None = None, metric: str | None = None) -> str:
    """One figure the way officials write it: 102.5亿元, 2800万元, 25 km², 104家, 3.2万人, +12.5%."""
    lang = lang or get_language()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return t("not_reported", lang)
    value = float(value)
    if unit == "%":
        return f"{'+' if value > 0 else ''}{format_number(value, 1)}%"
    if unit == "CNY":
        if lang == "en":
            divisor, label = amount_scale(abs(value), "en")
            sign = "-" if value < 0 else ""
            if divisor == 1:
                return f"{sign}¥{format_number(abs(value))}"
            return f"{sign}¥{format_number(abs(value) / divisor, 3)} {label.removeprefix('¥ ')}"
        divisor, label = amount_scale(abs(value), "zh")
        return f"{format_number(value / divisor, grouping=False)}{label}"
    grouping = lang != "zh"
    if unit == "km2":
        return f"{format_number(value, grouping=grouping)} km²"
    if unit == "person":
        if lang == "zh":
            return f"{format_number(value / 1e4, grouping=False)}万人" if abs(value) >= 1e4 else f"{format_number(value, grouping=False)}人"
        return f"{format_number(value)} persons"
    if unit == "count":
        zh, en = UNIT_WORDS.get(metric or "", ("个", ""))
        if lang == "zh":
            return f"{format_number(value, grouping=False)}{zh}"
        return f"{format_number(value)}{en.removesuffix('s') if value == 1 else en}"
    return f"{format_number(value)} {unit}".strip()


def format_card_value(value: float | None, unit: str, lang: str | None = None, metric: str | None = None) -> str:
    """A figure for a KPI card, whose label already names what is counted: '104' under Enterprises in
    English (so the card never cuts it), else as format_value writes it (104家, ¥10.25 bn)."""
    lang = lang or get_language()
    if lang == "en" and unit in ("count", "person") and value is not None and not pd.isna(value):
        return format_number(float(value))
    return format_value(value, unit, lang, metric)


def format_mu(km2: float | None) -> str:
    """An area in km² as 亩 (for hover text): 25 km² -> '37500亩'."""
    if km2 is None or pd.isna(km2):
        return ""
    return f"{format_number(float(km2) * MU_PER_KM2, 0, grouping=False)}亩"


def format_values(values: pd.Series, units: pd.Series, lang: str | None = None, metrics: pd.Series | None = None) -> pd.Series:
    """format_value over display rows (pages cap those, so this stays cheap)."""
    lang = lang or get_language()
    metric_values = metrics if metrics is not None else pd.Series([None] * len(values), index=values.index)
    formatted = [
        format_value(None if pd.isna(value) else value, unit, lang, metric)
        for value, unit, metric in zip(values.tolist(), units.tolist(), metric_values.tolist(), strict=True)
    ]
    return pd.Series(formatted, index=values.index, dtype="string")


def period_labels(frame: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """'2025年', '2025年1-11月', '未注明年份（累计）' from year, months, cumulative; vectorised."""
    lang = lang or get_language()
    year = frame["year"].astype("Int64").astype("string")
    months = frame["months"].astype("string") if "months" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    first = months.str.slice(0, 2).str.lstrip("0")
    last = months.str.slice(3, 5).str.lstrip("0")
    if lang == "en":
        names = dict(enumerate(MONTHS_EN, start=1))
        first_name = pd.to_numeric(first, errors="coerce").map(names).astype("string")
        last_name = pd.to_numeric(last, errors="coerce").map(names).astype("string")
        span = (first_name + "–" + last_name + " ").fillna("")
        dated = span + year
    else:
        span = (first + "-" + last + "月").fillna("")
        dated = year + "年" + span
    labels = dated.fillna(t("period.undated", lang))
    if "cumulative" in frame:
        cumulative = frame["cumulative"].fillna(False).astype(bool)
        suffix = f"，{t('period.cumulative', lang)}" if lang == "zh" else f", {t('period.cumulative', lang)}"
        labels = labels.where(~cumulative, labels + suffix)
    return labels.astype("string")
