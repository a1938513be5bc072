"""The `jisheng` command. Thin: parses options, wires the library, maps errors to exit codes.

Heavy libraries (pandas, pyarrow, numpy) are imported inside the command functions only,
so `jisheng --help` and `--version` stay instant.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer

from jisheng_cli import __version__
from jisheng_cli.messages import DEFAULT_LANG, LANGS
from jisheng_cli.messages.errors import error_line, error_message

app = typer.Typer(
    name="jisheng",
    help="Compute population and family-planning indicators (人口和计划生育统计指标) from "
    "village registers.\n\nExample:\n\n\b\n"
    "    jisheng indicators births.csv --year 2023 --by township",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jisheng {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Compute population and family-planning indicators from village registers."""


def _register() -> None:
    from jisheng_cli.cli import audit, indicators, listing, report, schema, validate

    for module in (indicators, report, validate, audit, schema, listing):
        module.register(app)


_register()


def _error(message: str, lang: str) -> None:
    sys.stderr.write(error_line(message, lang) + "\n")


def _interrupted(lang: str) -> int:
    sys.stderr.write(f"jisheng: {error_message('interrupted', lang)}\n")
    return 130


def argv_lang(args: list[str]) -> str:
    """The `--lang` of the command line (`--lang en`, `--lang=en`; the last one wins, as in
    click), read before click parses it: a usage error click finds must be reported in
    that language too. Missing or not a language (click refuses it): the default, zh."""
    lang: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in LANGS else DEFAULT_LANG


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (never raises, never exits)."""
    from jisheng_cli.cli.options import PipeClosed
    from jisheng_cli.errors import JishengError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    lang = argv_lang(args)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="jisheng", standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into this code before we see it
            return _interrupted(lang)
        sys.stdout.flush()
        return code if isinstance(code, int) else 0
    except KeyboardInterrupt:
        return _interrupted(lang)
    except (BrokenPipeError, PipeClosed):
        # The reader (e.g. `| head`) went away: end quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except JishengError as e:
        if debug:
            traceback.print_exc()
        _error(e.text(lang), lang)
        return e.exit_code
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    except Exception as e:
        # Typer's click (vendored in new typer, the real one in old) is matched by class
        # name so that either works.
        names = {c.__name__ for c in type(e).__mro__}
        if "NoArgsIsHelpError" in names:
            ctx = getattr(e, "ctx", None)
            sys.stdout.write((ctx.get_help() if ctx else "") + "\n")
            return 0
        if "UsageError" in names:
            ctx = getattr(e, "ctx", None)
            # Click's own words (unknown option, bad choice) stay English, in our prefix.
            detail = e.format_message()  # type: ignore[attr-defined]
            if ctx and ctx.parent:
                detail = error_message("see_help", lang, detail=detail, command=ctx.info_name)
            _error(detail, lang)
            return 2
        if "Exit" in names and hasattr(e, "exit_code"):
            return int(e.exit_code)
        if "Abort" in names:
            return _interrupted(lang)
        if debug:
            traceback.print_exc()
        else:
            _error(error_message("internal", lang, name=type(e).__name__), lang)
        return 4


def entry() -> None:
    """Console-script entry point.

    Ends with os._exit after flushing: Arrow's transcoding threads can abort the
    interpreter during its shutdown (apache/arrow#34314), which would turn a clean
    exit code into SIGABRT.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(code)
