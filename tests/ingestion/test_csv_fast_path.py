"""The quoteless fast path of the CSV reader decides exactly as the csv module would.

Most deliveries are ASCII CSV without a quote character; for those the reader counts
delimiters a line instead of parsing (readers._quoteless_header). These generated files use
every freedom such a file has (either delimiter, CR/LF/CRLF line ends, blank and
whitespace-only lines, short and long rows, empty fields) and compare the fast answer with the
full parse: the fast path may only say "no malformed row" when the csv module finds none.
"""

from __future__ import annotations

import random

from ingestion.decoding import parse_csv
from ingestion.readers import _malformed_rows, _quoteless_header

HEADER = ["id_transaksi", "kode_wilayah", "layanan", "waktu_permohonan", "status"]


def _generated(rng: random.Random) -> bytes:
    delimiter = rng.choice([",", ";"])
    line_end = rng.choice(["\n", "\r\n", "\r"])
    lines = [delimiter.join(HEADER)]
    for i in range(rng.randint(0, 12)):
        width = len(HEADER)
        if rng.random() < 0.15:
            width += rng.choice([-2, -1, 1, 2])
        lines.append(delimiter.join(rng.choice(["", f"v{i}", "a b"]) for _ in range(width)))
        if rng.random() < 0.1:
            lines.append(rng.choice(["", " "]))
    text = line_end.join(lines) + rng.choice(["", line_end])
    return text.encode("ascii")


def test_fast_path_agrees_with_the_csv_module() -> None:
    rng = random.Random(20261130)
    decided = {True: 0, False: 0}
    for _ in range(600):
        raw = _generated(rng)
        rows, delimiter, _ = parse_csv(raw)
        clean = not _malformed_rows(rows, len(rows[0]))
        fast = _quoteless_header(raw)
        decided[fast is not None] += 1
        if fast is None:
            assert not clean, raw  # every clean quoteless file takes the fast path
        else:
            assert clean, raw
            assert fast == (rows[0], delimiter)
    assert decided[True] > 50 and decided[False] > 50  # both answers were exercised


def test_quotes_and_non_ascii_take_the_full_parse() -> None:
    assert _quoteless_header(b'a,b\n"x,y",z\n') is None
    assert _quoteless_header("a;b\nJalan Ir. H. Juanda \u00e9;1\n".encode("cp1252")) is None
    assert _quoteless_header(b"\xef\xbb\xbfa,b\n1,2\n") is None
    assert _quoteless_header(b"a,b\n1,2\n") == (["a", "b"], ",")
