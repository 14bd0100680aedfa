"""Throughput benchmark of the loaders and the dashboard pages: `python -m bench` (not a test)."""
