"""Options shared by `indicators` and `validate`, the output plumbing they share, and how
every command declares a choice and shows its arguments in --help."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import typer
from typer.core import TyperCommand

from jisheng_cli.errors import OutputError, UsageError
from jisheng_cli.messages import LANGS

if TYPE_CHECKING:
    from jisheng_cli.findings import Finding
    from jisheng_cli.messages.summary import ItemKind
    from jisheng_cli.readers.sources import Skipped
    from jisheng_cli.results import Report, ResultRow


def choices(name: str, values: Iterable[str], module: str) -> type[StrEnum]:
    """The Enum typer needs to list `values` in --help and refuse any other value (a usage
    error, exit 2). Members are the strings themselves (StrEnum). Bind it at module level
    under `name` in `module`, so that a member pickles: Settings travels to Dask workers."""
    return cast("type[StrEnum]", StrEnum(name, [(v, v) for v in values], module=module))


# `--lang` of indicators and validate: labels (zh, en, or the stable ids) and messages
# (zh, en; id falls back to English).
if TYPE_CHECKING:  # to the code below, a choice is its string
    Lang = str
else:
    Lang = choices("Lang", LANGS, __name__)


class Command(TyperCommand):
    """Typer's command, with each argument in --help named as in the usage line (`FILE...`)
    instead of followed by its Python type (`FILE <list[str]>`); a choice keeps its list
    of values (`KIND <births|…>`). Plain help only: the app turns rich help off."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append(_named(param, record))
            elif param.param_type_name == "option":
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _named(param: Any, record: tuple[str, str]) -> tuple[str, str]:
    # An older typer (click's own help records) has no descriptor and shows no type.
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.is_choice:
        return record
    name = param.metavar or param.name.upper()
    return (f"{name}..." if param.nargs != 1 else name), record[1]


FILES = typer.Argument(
    ...,
    help="Input files (CSV/TSV, Parquet, `-` for standard input; workbooks .xlsx/.xls/.ods: "
    "FILE#Sheet, FILE#3 or FILE#* picks sheets; .gz/.bz2/.xz/.zst compressed; a .zip: its "
    "files); a prefix such as survey:FILE forces the kind.",
    show_default=False,
    metavar="FILE",
)
CONFIG = typer.Option(None, "--config", metavar="FILE",
                      help="TOML config (default: ./jisheng.toml if present).")
ENCODING = typer.Option(None, "--encoding", metavar="NAME",
                        help="Input encoding, any Python codec name (default: detect "
                             "UTF-8, UTF-16 with a byte-order mark, GB18030). utf-16 "
                             "without a mark reads little-endian. Example: --encoding "
                             "utf-16")
DELIMITER = typer.Option(None, "--delimiter", metavar="CHAR",
                         help="Input delimiter, the only one then tried (default: the one "
                              "of , ; | tab under which the header is found; \\t is a tab). "
                              "Example: --delimiter ';'")
HEADER_ROW = typer.Option(
    None, "--header-row", min=1, metavar="N",
    help="The header is on row N of every input (1-based, as a spreadsheet numbers rows); "
    "not searched for. Not for Parquet.",
)
SKIP_ROWS = typer.Option(
    0, "--skip-rows", min=0, metavar="N",
    help="Ignore the first N lines of every input, then look for the header as usual.",
    show_default=False,
)
AS_OF = typer.Option(None, "--as-of", metavar="DATE",
                     help="The date 'today' means for the checks (YYYY-MM-DD).")
YEAR = typer.Option(None, "--year", metavar="YEAR",
                    help="Statistical year Y (1 Oct Y−1 – 30 Sep Y) or a range Y1..Y2.")
DATE_FROM = typer.Option(None, "--from", metavar="DATE", help="Period start (YYYY-MM-DD).")
DATE_TO = typer.Option(None, "--to", metavar="DATE", help="Period end, inclusive.")
REJECTS = typer.Option(
    None,
    "--rejects",
    metavar="FILE",
    help="Write every rejected, duplicate and warned row (CSV, or JSON by extension).",
)
SHOW_PERSONAL = typer.Option(
    False, "--show-personal-data", help="Show ID numbers and names in clear (default: masked)."
)
PROGRESS = typer.Option(
    None, "--progress/--no-progress",
    help="Progress bar on stderr (default: only when stderr is a terminal).",
    show_default=False,
)
QUIET = typer.Option(False, "-q", "--quiet", help="Nothing on stderr but errors.")
VERBOSE = typer.Option(False, "-v", "--verbose", help="Also describe each input on stderr.")
DEBUG = typer.Option(False, "--debug", help="Show the traceback of an error.")
BY = typer.Option("total", "--by", metavar="LEVELS",
                  help="Levels: total, county, township, village, year (comma-separated).")
TARGETS = typer.Option(None, "--targets", metavar="FILE", help="TOML with targets only.")
INDICATORS = typer.Option(None, "--indicators", metavar="IDS",
                          help="Compute only these ids (comma-separated).")
OUTPUT = typer.Option(None, "-o", "--output", metavar="FILE", help="Write there (atomically).")
ENGINES = ("pandas", "dask")
ENGINE = typer.Option(
    "pandas", "--engine",
    help="pandas (one machine, streaming) or dask (a partition per file or 64 MiB of lines).",
)
SCHEDULER = typer.Option(
    None, "--scheduler", metavar="ADDRESS",
    help="With --engine dask: a distributed scheduler's address "
    "(default: a local cluster, one worker per core).",
)

BOM = typer.Option(False, "--bom", help="Write a UTF-8 byte-order mark on CSV/TSV (Excel).")

EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "table",
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
}


def header_rows(header_row: int | None, skip_rows: int) -> tuple[int | None, int]:
    """--header-row and --skip-rows, which say the same thing two ways: one at most."""
    if header_row is not None and skip_rows:
        raise UsageError("header_row_and_skip_rows")
    return header_row, skip_rows


def as_of_date(text: str | None) -> date:
    from jisheng_cli.periods import parse_date_option

    return parse_date_option(text, "--as-of") if text else date.today()


def choose_format(fmt: str | None, output: str | None, allowed: tuple[str, ...]) -> str:
    if fmt is None and output and output != "-":
        fmt = EXTENSIONS.get(Path(output).suffix.lower())
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "csv"
    if fmt not in allowed:
        raise UsageError("bad_choice", option="--format", value=fmt, choices=", ".join(allowed))
    return fmt


def check_output_paths(outputs: list[str | None], inputs: list[str]) -> None:
    """An output that would overwrite an input is a usage error, found before reading."""
    real_inputs = {os.path.realpath(p) for p in inputs if p != "-"}
    for out in outputs:
        if out and out != "-" and os.path.realpath(out) in real_inputs:
            raise UsageError("output_is_input", output=out)


def terminal_width() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    if sys.stdout.isatty():
        return os.get_terminal_size(sys.stdout.fileno()).columns
    return 120


class PipeClosed(Exception):
    """The reader of standard output went away (`| head`): stop quietly."""


@contextmanager
def atomic_output(path: str | None) -> Iterator[BinaryIO]:
    """Standard output, or a temp file beside `path` renamed into place only on success.

    A path that exists and is not a regular file (/dev/null, /dev/full, a named pipe)
    is written directly: renaming over it would replace the device with a file."""
    if path is None or path == "-":
        try:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise PipeClosed from None
        return
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        try:
            with open(target, "wb") as stream:
                yield stream
        except OSError as e:
            raise OutputError("cannot_write", path=path, detail=str(e.strerror or e)) from None
        return
    if target.is_dir():
        raise OutputError("output_is_directory", path=path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise OutputError("cannot_write", path=path, detail=str(e.strerror or e)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as e:
        _remove(tmp)
        raise OutputError("cannot_write", path=path, detail=str(e.strerror or e)) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_rejects(path: str, findings: list[Finding], bom: bool, lang: str) -> None:
    from jisheng_cli.render.rejects import write_rejects as render

    fmt = "json" if path.lower().endswith(".json") else "csv"
    with atomic_output(path) as stream:
        render(findings, stream, fmt, bom=bom, lang=lang)


def echo_summary(
    report: Report, warnings: Mapping[str, int], files: list[str], lang: str, quiet: bool,
    kinds: tuple[ItemKind, ...] = ("input", "repeat", "span", "hint"),
) -> None:
    """The summary items of these kinds (messages.summary) on stderr, in `lang`."""
    from jisheng_cli.messages.summary import summary_items

    # The data's span is news only when no period was asked for.
    open_period = report.period_from is None and report.period_to is None
    as_of = date.fromisoformat(report.as_of) if open_period else None
    for item in summary_items(report.inputs, warnings, files, as_of, _stock_options(report)):
        if item.kind in kinds:
            echo_err(item.text(lang), quiet)


def _stock_options(report: Report) -> str:
    """What `validate` needs to repeat a run's findings that depend on the stock date (a
    women's register: docs/women.md): its period and --as-of; nothing for other kinds."""
    if not any(s.kind in ("women", "women_survey") for s in report.inputs):
        return ""
    period = [f"--from {report.period_from}"] if report.period_from else []
    period += [f"--to {report.period_to}"] if report.period_to else []
    return " ".join([*period, f"--as-of {report.as_of}"])


def echo_missed_targets(rows: list[ResultRow], lang: str) -> None:
    """--check-targets: which targets were missed (group, indicator, value, bound, source).
    Printed under --quiet too: like an error line, they are why the run exits 1."""
    from jisheng_cli.indicators.registry import REGISTRY
    from jisheng_cli.levels import TOTAL_NAME
    from jisheng_cli.messages.summary import target_missed
    from jisheng_cli.render.numbers import format_cell, format_exact

    for r in rows:
        ind = REGISTRY[r.indicator]
        value = format_cell(r.exact_value if r.exact_value is not None else r.value, ind, None)
        if value and ind.unit in ("%", "‰"):
            value += ind.unit
        group = TOTAL_NAME.get(lang, "合计") if r.group_level == "total" else (
            r.group_name or r.group_code or "")
        bounds = (None if r.target_min is None else format_exact(r.target_min),
                  None if r.target_max is None else format_exact(r.target_max))
        echo_err(target_missed(group, r.year, ind.label(lang), value, bounds, r.target_source,
                               lang), quiet=False)


def describe_inputs(report: Report, quiet: bool, lang: str) -> None:
    from jisheng_cli.messages.summary import describe_input

    for s in report.inputs:
        echo_err(describe_input(s, lang), quiet)


def describe_skipped(skipped: list[Skipped], quiet: bool, lang: str) -> None:
    from jisheng_cli.messages.summary import describe_skipped as line

    for s in skipped:
        echo_err(line(s.source.display, s.reason, lang), quiet)


def echo_err(line: str, quiet: bool) -> None:
    if not quiet:
        sys.stderr.write(line + "\n")


Writer = Callable[[BinaryIO], None]
