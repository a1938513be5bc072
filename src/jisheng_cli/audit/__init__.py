"""`jisheng audit`: check the figures a work report prints (docs/audit.md).

- `printed`: reading a printed figure, gap, change or target as written ("99.17%",
  "优于责任指标 4.31 个百分点", "比上年增长 50.33%", "≥92%").
- `rounding`: which rounding rule turns an exact value into the printed digits.
- `model`: a claim (one printed figure) and the checks made of it.
- `claims`: reading a claims file (CSV, XLSX, TOML).
- `arithmetic`, `gap`, `changes`: the checks a claim's own numbers allow.
- `registers`: the check against the registers, with the run's definitions.
- `extract`: proposing a claims file from a report's text (.txt, .docx).
- `run`: every check of every claim, in claims-file order.

Library code: never prints; the CLI (cli/audit.py) renders the result (render/audit.py).
"""
