"""The build: reports in, extraction in worker processes, tables written and swapped atomically."""
