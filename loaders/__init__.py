"""Loaders: narrative zone reports in, tidy sourced Parquet tables out."""

import os

__version__ = "0.1.0"

# Arrow's memory from the C library's allocator, unless the user chose otherwise. Arrow's default (mimalloc)
# takes transparent huge pages from the kernel as the tables grow and hands them back, so the kernel zeroes
# megabytes again and again: about 1.3 s of system time in the build process on a 20 MB corpus (0.45 s with
# malloc), the same bytes written either way. Arrow reads the setting once, when pyarrow is first imported,
# so it is set here, before any module of the loaders imports pyarrow.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
