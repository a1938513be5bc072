"""Typed errors. Library code raises these; the CLI maps each to its exit code."""

from __future__ import annotations


class JishengError(Exception):
    """Base class: a message for one line on stderr and the exit code it maps to."""

    exit_code = 4

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Raised on a Dask worker, it must arrive on the client whole (path included).
        return (_rebuild, (type(self), self.message, self.path))


def _rebuild(cls: type[JishengError], message: str, path: str | None) -> JishengError:
    return cls(message, path=path)


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
    """One cell that does not parse. `code` is the stable finding code, `message` plain words.

    The message must never contain the cell's value: values may be personal data.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.code, self.message))
