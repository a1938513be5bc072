"""Reading inputs: encodings, header matching, kind detection, record batches."""
