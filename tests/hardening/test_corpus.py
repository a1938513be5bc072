"""The committed corpus is exactly what make_corpus.py writes, and stays small."""

from __future__ import annotations

from pathlib import Path

from . import make_corpus, make_women_corpus


def test_corpus_is_reproducible(tmp_path: Path) -> None:
    written = {p.name: p.read_bytes() for p in make_corpus.write_small(tmp_path)}
    women = {p.name: p.read_bytes() for p in make_women_corpus.write_small(tmp_path)}
    assert not set(written) & set(women), "the two writers share a file name"
    written |= women
    committed = {p.name: p.read_bytes() for p in make_corpus.CORPUS.iterdir()}
    assert sorted(written) == sorted(committed)
    changed = [name for name in written if written[name] != committed[name]]
    assert changed == [], ("run: .venv/bin/python tests/hardening/make_corpus.py"
                           " and tests/hardening/make_women_corpus.py")


def test_corpus_files_are_small() -> None:
    sizes = {p.name: p.stat().st_size for p in make_corpus.CORPUS.iterdir()}
    assert max(sizes.values()) < 16 * 1024, sizes


def test_generated_ids_are_valid() -> None:
    from jisheng_cli.records.ids import parse_id

    column = make_corpus.COL["母亲身份证号"]
    for row in make_corpus.records(50):
        assert parse_id(row[column]) == row[column]
    id15 = make_corpus.make_id15(7)
    assert parse_id(id15) == make_corpus.upgrade15(id15)


def test_generated_women_ids_are_valid() -> None:
    """The women's corpus IDs are women's (digit 17 even) unless made a man's on purpose."""
    from jisheng_cli.records.ids import parse_id

    for row in make_women_corpus.women(20):
        value = row[make_women_corpus.W["身份证号"]]
        assert parse_id(value) == value and int(value[16]) % 2 == 0
    man = make_women_corpus.male_id(1)
    assert parse_id(man) == man and int(man[16]) % 2 == 1
    for value in make_women_corpus.ids_ending_000(3):
        assert parse_id(value) == value and value.endswith("000")
