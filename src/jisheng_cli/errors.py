"""Typed errors. Library code raises these; the CLI maps each to its exit code."""

from __future__ import annotations


class JishengError(Exception):
    """Base class: one line on stderr and the exit code it maps to.

    Raised with a code of the error catalogue (`messages.errors`) and its parameters:
    `InputError("file_empty", path=p)`. `message` is the English text (logs, `str()`);
    the CLI prints `text(lang)`. A code the catalogue does not hold, or a parameter its
    message needs and did not get, fails where it is raised (a LookupError, not a
    ValueError: pydantic's validators would turn that into a config message)."""

    exit_code = 4

    def __init__(self, code: str, *, path: str | None = None, **params: object) -> None:
        from jisheng_cli.messages.errors import ERRORS

        if code not in ERRORS:
            raise LookupError(f"{code!r} is not a code of messages.errors.ERRORS")
        self.code = code
        self.params = params
        self.path = path
        self.message = self.text("en", with_path=False)
        super().__init__(self.message)

    def text(self, lang: str | None, *, with_path: bool = True) -> str:
        """The message in `lang` (zh, else English), after the path when there is one."""
        from jisheng_cli.messages.errors import error_message

        body = error_message(self.code, lang, **self.params)
        return f"{self.path}: {body}" if self.path and with_path else body

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self) -> tuple[object, ...]:
        # Raised on a Dask worker, it must arrive on the client whole (path included).
        return (_rebuild, (type(self), self.code, self.path, self.params))


def _rebuild(cls: type[JishengError], code: str, path: str | None,
             params: dict[str, object]) -> JishengError:
    return cls(code, path=path, **params)


class UsageError(JishengError):
    """Bad option values or combinations (exit 2)."""

    exit_code = 2


class InputError(JishengError):
    """An input that cannot be used: missing, unreadable, unknown kind, no usable row (exit 3)."""

    exit_code = 3


class ConfigError(InputError):
    """The config or targets file is invalid (exit 3)."""


class OutputError(JishengError):
    """An output that cannot be written (exit 3)."""

    exit_code = 3


class ParseError(ValueError):
    """One cell that does not parse. `code` is the stable finding code (messages.findings),
    `variant` and `params` pick and fill its message; `message` is the English text.

    Parameters must never hold the cell's value: values may be personal data. A code or
    variant missing from the catalogue is a KeyError, not a ValueError, so that Pydantic
    does not turn the bug into a finding."""

    def __init__(self, code: str, variant: str = "", **params: object) -> None:
        from jisheng_cli.messages.findings import finding_message

        self.code = code
        self.variant = variant
        self.params = params
        self.message = finding_message(code, "en", variant, **params)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse, (self.code, self.variant, self.params))


def _rebuild_parse(code: str, variant: str, params: dict[str, object]) -> ParseError:
    return ParseError(code, variant, **params)
