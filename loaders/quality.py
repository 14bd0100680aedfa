"""What a careful reader would flag -> quality rows."""

from __future__ import annotations

import pandas as pd


def cross_document_checks(facts: pd.DataFrame) -> list[dict]:
    """Quality rows that need facts of several reports at once (conflicting values). STUB."""
    return []
