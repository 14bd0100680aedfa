"""Text: normalising, sentences and clauses, numerals, quantities with units, periods, places."""
