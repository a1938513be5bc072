"""The TOML config file: column mappings, definitions, targets. Unknown keys are errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jisheng_cli.errors import ConfigError

DEFAULT_CONFIG_NAME = "jisheng.toml"


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

    @field_validator("srb_normal_range")
    @classmethod
    def _ordered(cls, v: tuple[float, float]) -> tuple[float, float]:
        if v[0] > v[1]:
            raise ValueError("srb_normal_range must be [low, high] with low <= high")
        return v


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float | None = None
    max: float | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_bound(self) -> Target:
        if self.min is None and self.max is None:
            raise ValueError("a target needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("target min is greater than max")
        return self


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: dict[Literal["births", "fees", "survey", "population", "checked"], dict[str, str]] = {}
    definitions: Definitions = Definitions()
    targets: dict[str, Target] = {}

    @model_validator(mode="after")
    def _known_names(self) -> Config:
        from jisheng_cli.indicators.registry import REGISTRY
        from jisheng_cli.records.schema import canonical_columns

        for kind, mapping in self.columns.items():
            known = canonical_columns(kind)
            for header, column in mapping.items():
                if column not in known:
                    raise ValueError(
                        f"[columns.{kind}] maps {header!r} to unknown column {column!r}; "
                        f"known: {', '.join(known)}"
                    )
        for key in self.targets:
            if key not in REGISTRY:
                raise ValueError(f"[targets] has unknown indicator {key!r} (see `jisheng list`)")
        return self


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"unknown key {where!r}"
    msg = first["msg"].removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError("config file not found", path=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("config path is a directory", path=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config: {e}", path=str(path)) from None


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
        try:
            Config.model_validate(data)
        except ValidationError as e:
            raise ConfigError(_describe(e), path=str(path)) from None
    if targets_path is not None:
        tdata = _read_toml(targets_path)
        targets = tdata["targets"] if set(tdata) == {"targets"} else tdata
        data = {**data, "targets": targets}
        try:
            return Config.model_validate(data)
        except ValidationError as e:
            raise ConfigError(_describe(e), path=str(targets_path)) from None
    return Config.model_validate(data)
