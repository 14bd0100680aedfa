"""Browser fixtures of the targets / progress / sources / quality tests: the framework's, reused as they are
(tests/e2e/conftest.py: a fresh server per test on the sample's tables, headless Debian chromium)."""

from e2e.conftest import app_url, artifacts, browser, page  # noqa: F401
