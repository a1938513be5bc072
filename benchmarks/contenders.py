"""The contenders' programs, each run as `python -c PROGRAM FILE` by run.py.

Column names are those of the generated file (its header: generate.HEADER).
"""

from __future__ import annotations

from pathlib import Path

from generate import HEADER  # beside this module: python benchmarks/run.py puts it on the path

HERE = Path(__file__).resolve().parent

VILLAGE, SEX, ORDER, POLICY = HEADER[1], HEADER[7], HEADER[8], HEADER[9]

# ---------------------------------------------------------------------------------------
# (a) DuckDB, plain counts. Every column as text, as for (b) and jisheng: a register's
# codes are not trusted to be numbers.
DUCKDB_COUNT = f"""
import json, sys, duckdb
duckdb.execute("SET enable_progress_bar = false")  # it would write to stdout
rows = duckdb.sql('''
    SELECT "{VILLAGE}" AS village,
           count(*) AS births,
           count(*) FILTER (WHERE "{SEX}" IN ('男', '1')) AS male,
           count(*) FILTER (WHERE "{SEX}" IN ('女', '2')) AS female,
           count(*) FILTER (WHERE "{POLICY}" = '政策内') AS in_policy,
           count(*) FILTER (WHERE "{POLICY}" = '政策外' AND TRY_CAST("{ORDER}" AS INTEGER) >= 3)
               AS out_multi
    FROM read_csv(?, header = true, all_varchar = true)
    GROUP BY 1
''', params=[sys.argv[1]]).fetchall()
print(json.dumps({{"villages": len(rows), "births": sum(r[1] for r in rows),
                   "in_policy": sum(r[4] for r in rows)}}))
"""

# ---------------------------------------------------------------------------------------
# (b) DuckDB doing jisheng's work: the SQL of same_work.sql (read it there), its
# statements run one by one. The SQL is read here, in the parent, and embedded in the
# program, so the child does not depend on where it is started.
SAME_WORK_SQL = (HERE / "same_work.sql").read_text(encoding="utf-8")

DUCKDB_SAME_WORK = f"""
import json, sys, duckdb
con = duckdb.connect()
path = "'" + sys.argv[1].replace("'", "''") + "'"
as_of = sys.argv[2]
for sql in {SAME_WORK_SQL!r}.split(";\\n"):
    if sql.strip():
        con.execute(sql.replace("@PATH@", path).replace("@AS_OF@", as_of))
rows = con.execute("SELECT village, births, in_policy FROM per_village").fetchall()
print(json.dumps({{"villages": len(rows), "births": sum(r[1] for r in rows),
                   "in_policy": sum(r[2] for r in rows),
                   "per_village": {{r[0]: [r[1], r[2]] for r in rows}}}}))
"""

# ---------------------------------------------------------------------------------------
# (c) pandas: the counts of (a). The pyarrow engine reads in parallel; only the four
# needed columns, as text.
PANDAS_COUNT = f"""
import json, sys
import pandas as pd
cols = ["{VILLAGE}", "{SEX}", "{ORDER}", "{POLICY}"]
df = pd.read_csv(sys.argv[1], engine="pyarrow", usecols=cols, dtype=str)
sex, policy = df["{SEX}"], df["{POLICY}"]
order = pd.to_numeric(df["{ORDER}"], errors="coerce")
flags = pd.DataFrame({{
    "village": df["{VILLAGE}"],
    "births": 1,
    "male": sex.isin(["男", "1"]),
    "female": sex.isin(["女", "2"]),
    "in_policy": policy.eq("政策内"),
    "out_multi": policy.eq("政策外") & order.ge(3),
}})
out = flags.groupby("village", sort=True, dropna=False).sum()
print(json.dumps({{"villages": len(out), "births": int(out["births"].sum()),
                   "in_policy": int(out["in_policy"].sum())}}))
"""


# ---------------------------------------------------------------------------------------
# (f) pyarrow's bare streaming parse: the floor a reader built on pyarrow.csv.open_csv
# cannot beat. Every column jisheng maps for a births register (all of the generated
# file's) as strings, batch by batch, counting rows and nothing else. Threads on and
# 4 MiB blocks, the most favourable settings for the parse alone.
PYARROW_PARSE = f"""
import json, sys
import pyarrow as pa, pyarrow.csv as pcsv
cols = {HEADER!r}
reader = pcsv.open_csv(
    sys.argv[1],
    read_options=pcsv.ReadOptions(use_threads=True, block_size=4 << 20),
    convert_options=pcsv.ConvertOptions(
        include_columns=cols, column_types={{c: pa.string() for c in cols}},
        strings_can_be_null=False),
)
rows = sum(batch.num_rows for batch in reader)
print(json.dumps({{"rows": rows}}))
"""
