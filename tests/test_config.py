"""The config file: what loads, and each way it is refused (a code, its parameters, the
file, and the line in English and Chinese)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jisheng_cli.config import Config, Definitions, load_config
from jisheng_cli.errors import ConfigError


def write(tmp_path: Path, text: str, name: str = "jisheng.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, targets: Path | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path, targets)
    assert info.value.exit_code == 3
    return info.value


def test_a_config_loads(tmp_path: Path) -> None:
    path = write(tmp_path, '[definitions]\nconfidence = 0.9\n\n[targets]\n'
                           'sex_ratio_at_birth = { max = 110 }\n'
                           '[columns.births]\n"产妇身份证号" = "mother_id"\n')
    config = load_config(path)
    assert config.definitions.confidence == 0.9
    assert (config.targets["sex_ratio_at_birth"].min, config.targets["sex_ratio_at_birth"].max) \
        == (None, 110)
    assert config.columns["births"] == {"产妇身份证号": "mother_id"}


def test_a_targets_file_replaces_the_table(tmp_path: Path) -> None:
    config = write(tmp_path, "[targets]\nsex_ratio_at_birth = { max = 110 }\n")
    targets = write(tmp_path, "births_total = { min = 90 }\n", "targets.toml")
    loaded = load_config(config, targets)
    assert set(loaded.targets) == {"births_total"}
    assert loaded.targets["births_total"].min == 90


def test_a_target_needs_a_bound(tmp_path: Path) -> None:
    path = write(tmp_path, '[targets]\nsex_ratio_at_birth = { source = "plan" }\n')
    e = refused(path)
    assert (e.code, e.params, e.path) == (
        "config_target_no_bound", {"where": "targets.sex_ratio_at_birth"}, str(path))
    assert str(e) == f"{path}: targets.sex_ratio_at_birth: a target needs min, max or both"
    assert e.text("zh") == f"{path}: targets.sex_ratio_at_birth:目标须给出 `min`、`max` 或两者"


def test_a_target_range_must_be_ordered(tmp_path: Path) -> None:
    path = write(tmp_path, "[targets]\nsex_ratio_at_birth = { min = 110, max = 103 }\n")
    e = refused(path)
    assert (e.code, e.params) == ("config_target_reversed", {"where": "targets.sex_ratio_at_birth"})
    assert e.message == "targets.sex_ratio_at_birth: target min is greater than max"


def test_a_bad_target_in_the_targets_file_names_that_file(tmp_path: Path) -> None:
    config = write(tmp_path, "")
    targets = write(tmp_path, "sex_ratio_at_birth = { min = 110, max = 103 }\n", "targets.toml")
    e = refused(config, targets)
    assert (e.code, e.path) == ("config_target_reversed", str(targets))


def test_an_unknown_target_indicator(tmp_path: Path) -> None:
    path = write(tmp_path, "[targets]\nbirth_rate_x = { max = 1 }\n")
    e = refused(path)
    assert (e.code, e.params) == ("config_unknown_target", {"id": "birth_rate_x"})
    assert e.message == "[targets] has unknown indicator 'birth_rate_x' (see `jisheng list`)"
    assert e.text("zh", with_path=False) == (
        "[targets] 目标表中有未知的指标 'birth_rate_x'(见 `jisheng list`)")


def test_a_mapping_to_an_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[columns.births]\n"产妇身份证号" = "mum_id"\n')
    e = refused(path)
    assert e.code == "config_unknown_column"
    assert (e.params["kind"], e.params["header"], e.params["column"]) == (
        "births", "产妇身份证号", "mum_id")
    known = str(e.params["known"]).split(", ")
    assert "mother_id" in known and "child_birth_date" in known and "mum_id" not in known
    assert e.message.startswith("[columns.births] maps '产妇身份证号' to unknown column 'mum_id'; "
                                "known: ")


def test_srb_normal_range_must_be_ordered(tmp_path: Path) -> None:
    path = write(tmp_path, "[definitions]\nsrb_normal_range = [107, 103]\n")
    e = refused(path)
    assert (e.code, e.params) == ("config_srb_range", {"where": "definitions.srb_normal_range"})
    assert e.message == "definitions.srb_normal_range: must be [low, high] with low <= high"
    assert e.text("zh", with_path=False) == (
        "definitions.srb_normal_range:应为 [下限, 上限],且下限不大于上限")
    # The model refuses it too, before any file is involved (no path yet).
    with pytest.raises(ConfigError) as info:
        Definitions(srb_normal_range=(107.0, 103.0))
    assert (info.value.code, info.value.path) == ("config_srb_range", None)


def test_an_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[definitions]\nfoo = 1\n")
    e = refused(path)
    assert (e.code, e.params) == ("config_unknown_key", {"key": "definitions.foo"})
    assert str(e) == f"{path}: unknown key 'definitions.foo'"
    assert e.text("zh") == f"{path}: 未知的键 'definitions.foo'"


def test_pydantic_words_stay_as_the_detail(tmp_path: Path) -> None:
    # confidence must lie strictly between 0 and 1; 1.5 is refused by pydantic itself.
    path = write(tmp_path, "[definitions]\nconfidence = 1.5\n")
    e = refused(path)
    assert e.code == "config_value"
    assert e.params["where"] == "definitions.confidence"
    assert "less than 1" in str(e.params["detail"])
    assert e.text("zh", with_path=False).startswith("definitions.confidence:")


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    gone = tmp_path / "gone.toml"
    assert (refused(gone).code, str(refused(gone))) == (
        "config_not_found", f"{gone}: config file not found")
    assert refused(tmp_path).code == "config_is_directory"
    bad = write(tmp_path, "[definitions\n", "bad.toml")
    e = refused(bad)
    assert e.code == "config_toml" and str(e).startswith(f"{bad}: not valid TOML: ")
    assert e.params["detail"]  # the TOML parser's own words, where it stopped
    undecodable = tmp_path / "gbk.toml"
    undecodable.write_bytes("# 配置\n".encode("gb18030"))
    assert refused(undecodable).code == "config_unreadable"


def test_no_config_is_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()
