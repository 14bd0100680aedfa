"""Evaluation: gold rows in, precision, recall and F1 and the misses out."""
