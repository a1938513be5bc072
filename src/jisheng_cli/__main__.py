from jisheng_cli.cli import entry

entry()
