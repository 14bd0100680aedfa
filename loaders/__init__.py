"""Loaders: narrative zone reports in, tidy sourced Parquet tables out."""

__version__ = "0.1.0"
