#!/usr/bin/env python3
"""Reads a report's CSV with Python's csv module, as a spreadsheet import would, and prints the rows as JSON.

Usage: read_csv.py FILE DELIMITER
The file must be UTF-8 with a byte-order mark (utf-8-sig); every row must have as many fields as the header.
"""

import csv
import json
import sys


def main():
    path, delimiter = sys.argv[1], sys.argv[2]
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        sys.stderr.write("rows of different widths: %s\n" % sorted(widths))
        sys.exit(1)
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
