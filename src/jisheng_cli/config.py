"""The TOML config file: column mappings, definitions, targets. Unknown keys are errors.

Our own rules raise a ConfigError with its code (messages.errors) from inside the models:
pydantic passes any exception but ValueError and AssertionError through untouched, so the
code and parameters arrive whole and `load_config` adds the file's path.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jisheng_cli.errors import ConfigError
from jisheng_cli.records.dates import DateOrder

DEFAULT_CONFIG_NAME = "jisheng.toml"

# The canonical codes of the women's kinds (records.women_codes holds their spellings).
Method = Literal["vasectomy", "tubal", "iud", "implant", "injection", "pill", "condom",
                 "spermicide", "other"]
Reason = Literal["menopause", "infertile", "pregnant", "postpartum", "awaiting", "illness",
                 "other"]
ProcedureType = Literal["vasectomy", "tubal", "iud_insertion", "iud_removal",
                        "implant_insertion", "implant_removal", "abortion", "induced_labour",
                        "reversal", "other"]


class Definitions(BaseModel):
    """Settings that change a definition (docs/indicators.md). Defaults follow national rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    underreport_denominator: Literal["true_births", "reported_births"] = "true_births"
    out_of_policy_multichild_denominator: Literal["all_births", "multichild_births"] = "all_births"
    period_basis: Literal["birth_date", "report_date"] = "birth_date"
    srb_normal_range: tuple[float, float] = (103.0, 107.0)
    confidence: float = Field(0.95, gt=0, lt=1)
    match_window_days: int = Field(90, ge=0)
    survey_independent: bool = False
    min_denominator: int = Field(20, ge=0)
    interval_method: Literal["wilson"] = "wilson"
    # The women's register, procedures ledger and their field check (docs/women.md).
    women_scope: Literal["all", "registered", "resident"] = "all"
    blank_method: Literal["none", "reject"] = "none"
    stale_record_days: int = Field(365, ge=0)
    prevalence_denominator: Literal["married", "married_eligible"] = "married"
    prevalence_excluded_reasons: tuple[Reason, ...] = ("menopause", "infertile")
    long_acting_methods: tuple[Method, ...] = ("vasectomy", "tubal", "iud", "implant")
    check_exempt_sterilised_days: int = Field(365, ge=0)
    check_excused_reasons: tuple[Reason, ...] = ()
    contact_window_days: int = Field(0, ge=0)
    contact_population: Literal["all", "key_targets"] = "all"
    four_operations_types: tuple[ProcedureType, ...] = (
        "vasectomy", "tubal", "iud_insertion", "abortion", "induced_labour")
    abortion_rate_denominator: Literal["all_women", "married_women"] = "all_women"
    timely_birth_orders: tuple[int, ...] = (2,)
    timely_days: int = Field(180, ge=1)
    timely_basis: Literal["deadline_in_period", "birth_in_period"] = "deadline_in_period"
    accuracy_basis: Literal["pairs", "fields"] = "pairs"

    @field_validator("srb_normal_range")
    @classmethod
    def _ordered(cls, v: tuple[float, float]) -> tuple[float, float]:
        if v[0] > v[1]:
            raise ConfigError("config_srb_range", where="definitions.srb_normal_range")
        return v


class Reading(BaseModel):
    """How registers are read (`[reading]`, docs/data.md "Reading")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Words that start a footer row (填表人 …), beside the built-in ones.
    footer_words: list[str] = []
    # How a date written 3/5/2012 is read: day first or month first. No default: without
    # it such a date stays ambiguous_date.
    date_order: DateOrder | None = None


class Target(BaseModel):
    """A range an indicator should stay in. Its bounds are checked by `Config`, which
    knows the indicator the target is for (the error names it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float | None = None
    max: float | None = None
    source: str | None = None


class ReportSettings(BaseModel):
    """`[report]`: how `jisheng report` and the workbook's charts draw funnels (docs/report.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The funnel's centre: the target (a range: its midpoint), falling back to the overall
    # rate where the indicator has none; or always the overall rate.
    funnel_centre: Literal["target", "overall"] = "target"
    funnel_limits: Literal["exact", "wilson"] = "exact"
    overdispersion: bool = False
    winsor: float = Field(0.1, ge=0, lt=0.5)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: dict[Literal["births", "fees", "survey", "population", "checked", "women",
                          "procedures", "women_survey"], dict[str, str]] = {}
    definitions: Definitions = Definitions()
    reading: Reading = Reading()
    targets: dict[str, Target] = {}
    report: ReportSettings = ReportSettings()
    # `[codes.<kind>.<column>]`: a local system's code → a spelling the column accepts.
    codes: dict[str, dict[str, dict[str, str]]] = {}

    @model_validator(mode="after")
    def _names_and_bounds(self) -> Config:
        from jisheng_cli.indicators.registry import REGISTRY
        from jisheng_cli.records.schema import canonical_columns

        for key, target in self.targets.items():
            where = f"targets.{key}"
            if target.min is None and target.max is None:
                raise ConfigError("config_target_no_bound", where=where)
            if target.min is not None and target.max is not None and target.min > target.max:
                raise ConfigError("config_target_reversed", where=where)
        for kind, mapping in self.columns.items():
            known = canonical_columns(kind)
            for header, column in mapping.items():
                if column not in known:
                    raise ConfigError("config_unknown_column", kind=kind, header=header,
                                      column=column, known=", ".join(known))
        for key in self.targets:
            if key not in REGISTRY:
                raise ConfigError("config_unknown_target", id=key)
        _check_codes(self.codes)
        return self


def _check_codes(tables: dict[str, dict[str, dict[str, str]]]) -> None:
    """Each `[codes]` table names a coded column of a kind, and maps to spellings the
    column's own parser accepts (so a typo fails here, not as rejected rows)."""
    from jisheng_cli.errors import ParseError
    from jisheng_cli.records.women_codes import coded_columns

    coded = coded_columns()
    for kind, columns in tables.items():
        if kind not in coded:
            raise ConfigError("config_codes_kind", kind=kind, known=", ".join(coded))
        for column, mapping in columns.items():
            parser = coded[kind].get(column)
            if parser is None:
                raise ConfigError("config_codes_column", kind=kind, column=column,
                                  known=", ".join(coded[kind]))
            for code, target in mapping.items():
                try:
                    parser(target)
                except ParseError:
                    raise ConfigError("config_codes_target", kind=kind, column=column,
                                      local=code, target=target) from None


def _describe(err: ValidationError, path: Path) -> ConfigError:
    """The first of pydantic's errors (a wrong type, an unknown key) as one error line."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return ConfigError("config_unknown_key", path=str(path), key=where)
    # pydantic's own words stay as its `detail` (English): it has no code we could
    # translate, and its messages name TOML types and values the user wrote.
    return ConfigError("config_value", path=str(path), where=where, detail=first["msg"])


def _validate(data: dict[str, Any], path: Path) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise _describe(e, path) from None
    except ConfigError as e:  # our own rules, raised inside the models without the file
        raise ConfigError(e.code, path=str(path), **e.params) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError("config_not_found", path=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("config_is_directory", path=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError("config_toml", path=str(path), detail=str(e)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError("config_unreadable", path=str(path), detail=str(e)) from None


def load_config(path: Path | None, targets_path: Path | None = None) -> Config:
    """The config at `path`, else ./jisheng.toml when present, else defaults.

    A separate targets file replaces the config's [targets] table; it may hold the table
    itself or bare `indicator = { min = … }` keys.
    """
    data: dict[str, Any] = {}
    if path is None and Path(DEFAULT_CONFIG_NAME).is_file():
        path = Path(DEFAULT_CONFIG_NAME)
    if path is not None:
        data = _read_toml(path)
        _validate(data, path)
    if targets_path is not None:
        tdata = _read_toml(targets_path)
        targets = tdata["targets"] if set(tdata) == {"targets"} else tdata
        data = {**data, "targets": targets}
        return _validate(data, targets_path)
    return Config.model_validate(data)
