"""Whole runs: the kernel ("always") and the reference ("never") give the same JSON
document and the same rejects, on the sample files and on the corpus."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jisheng_cli.config import Config
from jisheng_cli.errors import JishengError
from jisheng_cli.periods import period_from_options
from jisheng_cli.pipeline import run
from jisheng_cli.readers.sources import parse_sources
from jisheng_cli.render.jsonout import write_json
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.settings import Settings
from tests.clirun import cli_argv, cli_env
from tests.helpers import AS_OF, ROOT
from tests.kernel.helpers import CORPUS

SAMPLES = [str(ROOT / "sample_data" / n) for n in ("births.csv", "survey.csv")]


def _cli(kernel: str, cwd: Path, *args: str) -> tuple[bytes, bytes]:
    rejects = cwd / f"rejects_{kernel}.csv"
    env = {**cli_env(), "JISHENG_KERNEL": kernel}
    proc = subprocess.run(
        cli_argv("indicators", *args, "--as-of", "2026-11-22", "--format", "json",
                 "--rejects", str(rejects)),
        cwd=cwd, env=env, capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout, rejects.read_bytes()


def test_cli_json_and_rejects(tmp_path: Path) -> None:
    args = (*SAMPLES, "--by", "village")
    kernel, reference = _cli("always", tmp_path, *args), _cli("never", tmp_path, *args)
    assert kernel == reference
    assert b'"rows_rejected": 3' in kernel[0].replace(b" ", b"").replace(b'":', b'": ')
    assert kernel[1].count(b"\n") > 100  # the rejects file holds every finding


def _document(paths: list[str], kernel: str, block_bytes: int) -> tuple[str, list[object]]:
    settings = Settings(as_of=AS_OF, period=period_from_options(None, None, None),
                        by=["village"], config=Config(), block_bytes=block_bytes,
                        kernel=kernel)
    try:
        outcome = run(parse_sources(paths), settings)
    except JishengError as e:  # refused files: refused the same way
        return f"{type(e).__name__}: {e}", []
    out = io.BytesIO()
    write_json(outcome.report, RenderOptions("json", "long"), out)
    return out.getvalue().decode(), list(outcome.findings)


@pytest.mark.parametrize("block_bytes", [1 << 11, 4 << 20])
def test_samples_in_process(block_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import jisheng_cli.kernel.births as kb

    calls: list[bool] = []
    original = kb.check_births_kernel

    def counted(*args: Any) -> Any:
        calls.append(True)
        return original(*args)

    monkeypatch.setattr(kb, "check_births_kernel", counted)
    kernel = _document(SAMPLES, "always", block_bytes)
    assert calls  # the births and survey batches went through the kernel
    calls.clear()
    assert kernel == _document(SAMPLES, "never", block_bytes)
    assert not calls


def test_corpus_in_process() -> None:
    ran, with_findings = 0, 0
    for path in CORPUS:
        kernel = _document([str(path)], "always", 1 << 12)
        assert kernel == _document([str(path)], "never", 1 << 12), path.name
        ran += kernel[0].startswith("{")
        with_findings += bool(kernel[1])
    assert ran >= 25 and with_findings >= 10  # the corpus reaches the checks


def test_fee_ledger_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fee ledger's payer_id goes through the ID kernel: same document, same findings."""
    import jisheng_cli.kernel.ids as ki

    calls: list[bool] = []
    original = ki.parse_ids_kernel

    def counted(values: Any) -> Any:
        calls.append(True)
        return original(values)

    monkeypatch.setattr(ki, "parse_ids_kernel", counted)
    fees = [str(ROOT / "sample_data" / "fees.csv")]
    kernel = _document(fees, "always", 1 << 11)
    assert calls and kernel[0].startswith("{")
    assert kernel == _document(fees, "never", 1 << 11)
