from jisheng_cli.cli import main

main()
