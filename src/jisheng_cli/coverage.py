"""What the data covers: each kind's span of period dates, the statistical years it
touches and which of them are partial, the asked period without a record (exit 3), and
the `partial` note on result rows. Light: dates only, no numpy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jisheng_cli.errors import InputError
from jisheng_cli.periods import Period, partial_years, years_between
from jisheng_cli.results import InputSummary, ResultRow

#: The note on the rows of a statistical year the data covers short (docs/indicators.md).
PARTIAL = "partial"
#: Kinds counted at a stock date, whose files have no span of period dates.
SNAPSHOTS = frozenset({"women", "women_survey"})


@dataclass(frozen=True)
class Span:
    """The earliest and latest period date of one kind's valid rows, over all its files."""

    first: date
    last: date

    def years(self) -> list[int]:
        return years_between(self.first, self.last)

    def partial(self, years: Iterable[int], as_of: date, within: Period | None = None
                ) -> set[int]:
        return partial_years(years, self.first, self.last, as_of, within)

    def text(self) -> str:
        return Period(self.first, self.last).text()


def main_kind(kinds: Iterable[str]) -> str | None:
    """The kind whose records a period must hold: births when present (every other
    streamed kind but fees needs them), else fees."""
    present = set(kinds)
    return next((k for k in ("births", "fees") if k in present), None)


def kind_span(inputs: Sequence[InputSummary], kind: str | None) -> Span | None:
    firsts = [s.first_date for s in inputs if s.kind == kind and s.first_date]
    lasts = [s.last_date for s in inputs if s.kind == kind and s.last_date]
    if not firsts or not lasts:
        return None
    return Span(date.fromisoformat(min(firsts)), date.fromisoformat(max(lasts)))


def main_span(inputs: Sequence[InputSummary]) -> Span | None:
    return kind_span(inputs, main_kind(s.kind for s in inputs))


def check_asked_period(period: Period, inputs: Sequence[InputSummary]) -> None:
    """A period asked for in which no file of the main kind has a valid record is a
    problem of the files, not a row of zeros. A duplicate counts as a record, but needs
    no check of its own: it is placed in the period by the record it repeats, which is
    then used."""
    if period.start is None and period.end is None:
        return
    kind = main_kind(s.kind for s in inputs)
    mains = [s for s in inputs if s.kind == kind]
    span = kind_span(inputs, kind)
    if not mains or span is None or any(s.rows_used for s in mains):
        return
    raise InputError("no_records_in_period", path=", ".join(s.path for s in mains),
                     period=period.text(), span=span.text())


def covered_years(period: Period, span: Span | None) -> list[int]:
    """The statistical years a pooled row stands for: the period's, else the data's
    (within the period's one bound, if it has one)."""
    years = period.years()
    if years is not None:
        return years
    if span is None:
        return []
    first = max(span.first, period.start) if period.start else span.first
    last = min(span.last, period.end) if period.end else span.last
    return years_between(first, last) if first <= last else []


def mark_partial(rows: Sequence[ResultRow], inputs: Sequence[InputSummary], period: Period,
                 as_of: date) -> None:
    """Add the note `partial` to the rows of a partial statistical year (with `--by
    year`) and to pooled rows when any year they stand for is partial; each row is judged
    by the files of its indicator's kind (the crude birth rate's births by the register)."""
    from jisheng_cli.indicators.model import join_notes
    from jisheng_cli.indicators.registry import REGISTRY

    partial: dict[str, tuple[set[int], bool]] = {}
    for row in rows:
        indicator = REGISTRY[row.indicator]
        kind = "births" if indicator.kind == "population" else indicator.kind
        if kind in SNAPSHOTS:
            # A register of women is counted at its stock date, not over the year: only
            # what it joins (births, operations) can cover a year short.
            if not indicator.needs:
                continue
            kind = indicator.needs[0]
        if kind not in partial:
            span = kind_span(inputs, kind)
            pooled = covered_years(period, span)
            years = set(pooled) | (set(span.years()) if span else set())
            short = span.partial(years, as_of, period) if span else years
            partial[kind] = (short, bool(short & set(pooled)))
        short, pooled_partial = partial[kind]
        if (row.year in short) if row.year is not None else pooled_partial:
            row.note = join_notes(row.note, PARTIAL)
