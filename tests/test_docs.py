"""The README's generated sections (demo run, indicator table) match what the tool prints;
every `.md` document the code, tests and docs cite exists in the repository; and the tables
in docs/ that come from the record models and the registry have not drifted.

`python -m tests.test_docs --write` (from the repository root, src on PYTHONPATH)
regenerates the tables in docs/.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from scripts.update_readme import render

from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.records.schema import MODELS
from jisheng_cli.render.catalogue import write_markdown_table
from tests.clirun import run_cli
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_generated_sections_are_current() -> None:
    assert render(README) == README, "the README has drifted: run `make readme`"


def test_readme_lists_every_indicator_and_gives_the_commands() -> None:
    for ind in REGISTRY:
        assert f"| {ind} |" in README
    assert "make demo" in README and "make test" in README
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 130 |"):
        assert code in README
    assert "99.17" in README


# ----------------------------------------------------------------------------- citations

CITING_DIRS = ("src", "tests", "benchmarks", "scripts", "sample_data", "docs")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".json", ".cfg", ".ini", ".yml", ".yaml"}
SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}
# A name or relative path ending in `.md`. It may not start right after a word character,
# `.`, `/`, `:` or `-`, so the tail of a URL (https://host/x.md) is never taken for one.
MD_CITATION = re.compile(
    r"(?<![\w./:-])((?:\.{1,2}/)*(?:[\w-][\w.-]*/)*\w[\w.-]*\.md)(?![\w-])"
)
# Wording that points at the product's specification outside the repository.
SPEC_WORDS = re.compile(r"\bshared(?:/| \w+ )spec\b|\bthe spec\b|\bproduct spec\b")


def cited(text: str) -> list[str]:
    """Every `.md` name or path the text cites, in order."""
    return MD_CITATION.findall(text)


def resolves(name: str, citing: Path) -> bool:
    """A path (`docs/data.md`, `../docs/data.md`) is taken from the repository root or
    from the citing file's directory; a bare name (`data.md`) also from docs/ (the docs
    cite each other bare) and from the root (README.md)."""
    bases = [ROOT, citing.parent]
    if "/" not in name:
        bases.append(ROOT / "docs")
    for base in bases:
        path = (base / name).resolve()
        if path.is_relative_to(ROOT) and path.is_file():
            return True
    return False


def broken_citations(text: str, citing: Path) -> list[str]:
    """The citations in `text` (as if written in the file `citing`) that name no document
    of the repository, and any wording that points at the specification outside it."""
    missing = [name for name in cited(text) if not resolves(name, citing)]
    return missing + [m.group(0) for m in SPEC_WORDS.finditer(text)]


def citing_files() -> Iterator[Path]:
    yield ROOT / "README.md"
    for top in CITING_DIRS:
        for path in sorted((ROOT / top).rglob("*")):
            rel = path.relative_to(ROOT)
            if SKIPPED_PARTS & set(rel.parts) or rel.parts[:2] == ("benchmarks", "data"):
                continue
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                yield path


def test_every_cited_document_exists() -> None:
    problems = []
    for path in citing_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # test inputs in GB18030 or UTF-16 (tests/hardening/corpus)
        for number, line in enumerate(text.splitlines(), start=1):
            for name in broken_citations(line, path):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {name}")
    assert not problems, ("citations of documents not in the repository (cite the file "
                          "under docs/, or write it):\n" + "\n".join(problems))


def test_the_checker_finds_an_invented_citation() -> None:
    # Built from pieces so that this file itself cites nothing that is missing.
    invented = "docs/" + "no-such-chapter" + ".md"
    bare = "no-such-chapter" + ".md"
    code = ROOT / "src" / "jisheng_cli" / "stats.py"
    text = f'"""Wilson intervals ({invented}, "Intervals"); see also {bare}."""'
    assert cited(text) == [invented, bare]
    assert broken_citations(text, code) == [invented, bare]
    # Real documents resolve from the root, from docs/ and next to the citing file.
    assert broken_citations("docs/data.md, indicators.md, cli.md's layout", code) == []
    assert broken_citations("[data](../docs/data.md)", ROOT / "sample_data" / "README.md") == []
    assert broken_citations("make_sample.py writes what README.md says",
                            ROOT / "sample_data" / "make_sample.py") == []
    # Wording that sends the reader to the specification outside the repository.
    phrases = {
        "the shared indicator " + "spec": "shared indicator " + "spec",
        "/work/shared/" + "spec/data": "shared/" + "spec",
        "in the " + "spec": "the " + "spec",
    }
    for words, found in phrases.items():
        assert broken_citations(f"(see {words})", code) == [found]


# A markdown link to a section: [text](data.md#money), or [text](#money) in the same file.
SECTION_LINK = re.compile(r"\]\(((?:[\w./-]*\.md)?)#([^)\s]+)\)")


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a document: lower case, punctuation other
    than `-` and `_` dropped, each space a hyphen."""
    found = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", markdown, re.M):
        found.add(re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-"))
    return found


def test_section_links_point_at_headings() -> None:
    problems = []
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md",
                 ROOT / "sample_data" / "README.md"]:
        for target, anchor in SECTION_LINK.findall(path.read_text(encoding="utf-8")):
            doc = (path.parent / target).resolve() if target else path
            if not doc.is_file() or anchor not in anchors(doc.read_text(encoding="utf-8")):
                problems.append(f"{path.relative_to(ROOT)}: {target}#{anchor}")
    assert not problems, "links to sections that do not exist:\n" + "\n".join(problems)


def test_anchors_follow_github() -> None:
    text = "## Settings: `[definitions]`\n### births — 出生登记\n## Targets, gap and status\n"
    assert anchors(text) == {"settings-definitions", "births--出生登记", "targets-gap-and-status"}


def test_urls_and_lookalikes_are_not_citations() -> None:
    text = ("https://github.com/o/r/blob/main/NOTES" + ".md, a.mdx, data.md5, "
            "`foo" + ".md`")
    assert cited(text) == ["foo" + ".md"]


# ----------------------------------------------------------------------- generated tables

def _schema_table(kind: str) -> str:
    """`jisheng schema KIND --format markdown` without its first line (the pointer to
    docs/data.md, which would point at itself here)."""
    run = run_cli(("schema", kind, "--format", "markdown"), ROOT)
    assert run.code == 0, str(run)
    return "\n".join(line for line in run.text.splitlines() if line.startswith("|"))


def _registry_table() -> str:
    out = io.BytesIO()
    write_markdown_table(
        ["id", "中文", "English", "input", "unit", "decimals", "interval", "setting",
         "formula"],
        [[i.id, i.zh, i.en, i.kind, i.unit, i.decimals, i.interval, i.setting or "",
          i.formula_en] for i in REGISTRY.values()],
        out,
    )
    return out.getvalue().decode("utf-8").rstrip("\n")


def _reasons_table() -> str:
    from jisheng_cli.messages.audit import REASONS

    out = io.BytesIO()
    write_markdown_table(["reason", "zh", "en"],
                         [[code, zh, en] for code, (zh, en) in REASONS.items()], out)
    return out.getvalue().decode("utf-8").rstrip("\n")


def generated() -> dict[tuple[str, str], str]:
    """(document, section) → the text between `<!-- section:start -->` and its end."""
    sections = {("data.md", f"schema:{kind}"): _schema_table(kind) for kind in MODELS}
    sections[("indicators.md", "registry")] = _registry_table()
    sections[("audit.md", "schema:claims")] = _schema_table("claims")
    sections[("audit.md", "reasons")] = _reasons_table()
    return sections


def _section(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {re.escape(name)}:start -->\n).*?(\n<!-- {re.escape(name)}:end -->)",
                      re.S)


def regenerate(write: bool) -> list[str]:
    """Rewrite (or only compare) the generated sections; the names of those that differ."""
    stale = []
    texts: dict[str, str] = {}
    for (doc, name), body in generated().items():
        text = texts.setdefault(doc, (ROOT / "docs" / doc).read_text(encoding="utf-8"))
        pattern = _section(name)
        assert pattern.search(text), f"docs/{doc} has no section {name}"
        new = pattern.sub(lambda m, b=body: m.group(1) + b + m.group(2), text)
        if new != text:
            stale.append(f"docs/{doc} {name}")
        texts[doc] = new
    if write:
        for doc, text in texts.items():
            (ROOT / "docs" / doc).write_text(text, encoding="utf-8")
    return stale


def test_generated_tables_in_docs_are_current() -> None:
    stale = regenerate(write=False)
    assert not stale, ("the tables in docs/ have drifted from the record models or the "
                       "registry: run `PYTHONPATH=src python -m tests.test_docs --write`\n"
                       + "\n".join(stale))


DOCUMENTS = ("data.md", "indicators.md", "women.md", "cli.md", "quality.md",
             "worked-examples.md", "benchmarks.md", "scaling.md", "kernel.md")


def test_docs_index_links_every_document() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for doc in DOCUMENTS:
        assert (ROOT / "docs" / doc).is_file(), doc
        assert f"]({doc})" in index, f"docs/README.md does not link {doc}"


if __name__ == "__main__":
    print("\n".join(regenerate(write="--write" in sys.argv[1:])) or "docs/ tables are current")
