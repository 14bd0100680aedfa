"""How much work one file may cost, so one hostile input cannot stall or exhaust a build.

Each limit has a default and an environment variable that overrides it; `time_budget` stops
a report's reading or extraction that runs past LOADERS_REPORT_SECONDS.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

# variable, default, whether the value may be fractional
SETTINGS = {
    "max_docx_mb": ("LOADERS_MAX_DOCX_MB", 64, True),  # a .docx's members unpacked, in MB
    "max_pdf_pages": ("LOADERS_MAX_PDF_PAGES", 2000, False),
    "max_report_chars": ("LOADERS_MAX_REPORT_CHARS", 2_000_000, False),  # one report after splitting
    "report_seconds": ("LOADERS_REPORT_SECONDS", 120, True),  # reading one file, extracting one report
}
MAX_ZIP_RATIO = 100  # unpacked / packed size of one zip member; real .docx parts stay far below
ZIP_RATIO_FROM_BYTES = 1 << 20  # tiny members may compress better than that without harm


class LimitError(ValueError):
    """An environment variable that does not hold a usable limit."""


@dataclass(frozen=True)
class Limits:
    max_docx_mb: float
    max_pdf_pages: int
    max_report_chars: int
    report_seconds: float

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, overridden by the LOADERS_* variables that are set."""
        return cls(**{name: _setting(*spec) for name, spec in SETTINGS.items()})  # type: ignore[arg-type]  # ints where a limit counts


def _setting(variable: str, default: float, fractional: bool) -> float:
    given = os.environ.get(variable, "").strip()
    if not given:
        return default
    try:
        value = float(given) if fractional else int(given)
    except ValueError:
        value = 0
    if not value > 0:
        raise LimitError(f"{variable} must be a positive number, not {given!r}")
    return value


def describe(value: float) -> str:
    """0.5 -> '0.5', 64.0 -> '64', 40000 -> '40,000'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


class OverBudget(BaseException):
    """Raised inside the work that ran out of time; a BaseException so `except Exception` inside it cannot swallow it."""


@contextmanager
def time_budget(seconds: float):
    """Raise OverBudget in the running code after `seconds`; no limit outside the main thread (signals need it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    active = True

    def expire(signum, frame):
        if active:
            raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:  # a timer of the caller's was running: give it back what remains
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 0.001))
