"""What an AppTest run shows: page files, figures (numbers decoded) and texts."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import plotly.io

PAGES = {
    "overview": None,
    "investment": "pages/1_investment.py",
    "revenue": "pages/2_revenue_tax.py",
    "enterprises": "pages/3_enterprises.py",
    "compare": "pages/4_compare.py",
    "data": "pages/9_data.py",
}


def charts(app) -> list[go.Figure]:
    """The plotly figures of a run (numbers decoded from plotly's typed arrays)."""
    return [plotly.io.from_json(element.proto.spec) for element in app.get("plotly_chart")]


def values(array) -> list:
    """A plotly array as a list, decoding the typed-array form {"dtype": "f8", "bdata": base64}."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


def bars(figure: go.Figure, name: str) -> dict:
    """x -> y of the trace called `name`."""
    trace = next(trace for trace in figure.data if trace.name == name)
    return dict(zip(values(trace.x), values(trace.y), strict=True))


def title(figure: go.Figure) -> str:
    return figure.layout.title.text


def texts(app) -> list[str]:
    """Every markdown-like text a run shows (titles, captions, info, markdown, text)."""
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "text", "code"):
        found += [str(element.value) for element in getattr(app, kind)]
    return found
