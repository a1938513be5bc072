"""Cell-level parsing of register values: codes, dates, ID numbers, money, and vectorised paths."""
