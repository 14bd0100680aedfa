"""Browser tests; a package so the tests can import the shared helpers of conftest.py."""
