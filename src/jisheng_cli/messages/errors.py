"""The one place of error messages: every one-line error the tool prints (exit 2, 3, 4).

Library code raises `UsageError("code", **params)` / `InputError("code", path=…, …)`; the
CLI prints `jisheng: 错误: PATH: message` (`jisheng: error:` in English). A parameter
never holds a cell's content: header cells shown in a message are masked first
(readers.headers.shown_cells). `detail` parameters carry a library's own words (the TOML
parser's, the operating system's), which stay as that library wrote them.
"""

from __future__ import annotations

from jisheng_cli.messages import pick

PREFIX = ("错误", "error")

ERRORS: dict[str, tuple[str, str]] = {
    # ---- command-line usage (exit 2) -----------------------------------------------------
    "bad_choice": ("{option} {value!r}:请从 {choices} 中选择", "{option} {value!r}: choose from {choices}"),
    "year_option": ("--year {value!r}:应为 2023 这样的年份或 2021..2023 这样的范围",
                    "--year {value!r}: expected a year such as 2023 or a range 2021..2023"),
    "year_range_reversed": ("--year {value!r}:范围的结束早于开始",
                            "--year {value!r}: the range ends before it starts"),
    "date_option": ("{option} {value!r}:日期应写成 YYYY-MM-DD",
                    "{option} {value!r}: expected a date as YYYY-MM-DD"),
    "year_and_dates": ("--year 与 --from/--to 只能用其一", "use either --year or --from/--to, not both"),
    "to_before_from": ("--to 早于 --from", "--to is before --from"),
    "unknown_indicator": ("--indicators:未知的指标 {id!r}(见 `jisheng list`)",
                          "--indicators: unknown id {id!r} (see `jisheng list`)"),
    "indicator_needs_setting": ("--indicators:{id} 需要设置 {setting}",
                                "--indicators: {id} needs {setting}"),
    "indicator_needs_file": ("--indicators:{id} 需要 {kind} 文件", "--indicators: {id} needs a {kind} file"),
    "indicator_needs_file_and_births": ("--indicators:{id} 需要 {kind} 文件和出生登记",
                                        "--indicators: {id} needs a {kind} file and a births register"),
    "scheduler_needs_dask": ("--scheduler 须与 --engine dask 一起使用",
                             "--scheduler goes with --engine dask"),
    "dask_stdin": ("--engine dask 按文件分区读取,不能读标准输入",
                   "--engine dask reads files (a partition each), not standard input"),
    "dask_missing": ("--engine dask 需要 dask 和 distributed:pip install 'jisheng-cli[dask]'",
                     "--engine dask needs dask and distributed: pip install 'jisheng-cli[dask]'"),
    "county_needs_codes": ("--by county 要求每个文件都有村代码(统计用区划代码)",
                           "--by county needs village codes (统计用区划代码) in every file"),
    "wide_not_available": ("--layout wide 不适用于 {fmt} 格式,该格式总是长表",
                           "--layout wide is not available for {fmt}; it is always long"),
    "binary_to_terminal": ("{fmt} 是二进制格式:请用 -o FILE 或重定向标准输出",
                           "{fmt} output is binary: give -o FILE or redirect standard output"),
    "delimiter_one_char": ("--delimiter 必须是一个字符", "--delimiter must be one character"),
    "precision_negative": ("--precision 必须大于或等于 0,而不是 {value}",
                           "--precision must be 0 or more, got {value}"),
    "unknown_encoding": ("--encoding {value!r}:未知的编码", "--encoding {value!r}: unknown encoding"),
    # `output`, not `path`: a JishengError's path is printed before the message.
    "output_is_input": ("输出 {output} 同时是输入文件;输入文件不会被覆盖",
                        "output {output} is also an input; inputs are never overwritten"),
    # ---- inputs (exit 3) ----------------------------------------------------------------
    "no_such_file": ("文件不存在", "no such file"),
    "is_directory": ("这是目录,不是文件", "is a directory, not a file"),
    "permission_denied": ("无法读取:没有权限", "cannot read: permission denied"),
    "unreadable": ("无法读取:{detail}", "cannot read: {detail}"),
    "no_pattern_match": ("没有文件与此模式匹配", "no file matches this pattern"),
    "file_empty": ("文件为空", "file is empty"),
    "not_csv_zip": ("这是 Excel 工作簿(.xlsx)或其他 zip 压缩包,不是 CSV 文本;请把工作表导出为 CSV",
                    "this is an Excel workbook (.xlsx) or another zip archive, not CSV text; "
                    "export the sheet as CSV"),
    "not_csv_xls": ("这是旧版 Excel 工作簿(.xls),不是 CSV 文本;请把工作表导出为 CSV",
                    "this is an old Excel workbook (.xls), not CSV text; export the sheet as CSV"),
    "not_csv_parquet": ("这是 Parquet 文件,不是 CSV 文本", "this is a Parquet file, not CSV text"),
    "not_csv_pdf": ("这是 PDF 文档,不是 CSV 文本", "this is a PDF document, not CSV text"),
    "nul_bytes": ("含有 NUL 字节:是二进制文件,或没有字节顺序标记的 UTF-16(请另存为 UTF-8 或指定 --encoding)",
                  "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark "
                  "(save as UTF-8 or pass --encoding)"),
    "nul_bytes_row": ("第 {row} 行含有 NUL 字节:是二进制文件,或没有字节顺序标记的 UTF-16(请指定 --encoding)",
                      "contains NUL bytes (row {row}): a binary file, or UTF-16 without a "
                      "byte-order mark (pass --encoding)"),
    "encoding_unknown": ("无法判断编码(不是 UTF-8、UTF-16 或 GB18030);请指定 --encoding",
                         "cannot tell the encoding (not UTF-8, UTF-16 or GB18030); pass --encoding"),
    "cannot_decode": ("无法按 {encoding} 解码", "cannot decode as {encoding}"),
    "cannot_decode_try_gb18030": ("无法按 {encoding} 解码;如果是 GB18030/GBK 编码,请试 --encoding gb18030",
                                  "cannot decode as {encoding}; if it is GB18030/GBK, try "
                                  "--encoding gb18030"),
    "mixed_encodings": ("无法按 {encoding} 解码(混用了多种编码?);请指定 --encoding",
                        "cannot decode as {encoding} (mixed encodings?); pass --encoding"),
    "row_too_long": ("有一行比读取块还长;这真的是 CSV 文件吗?",
                     "a single row is longer than the reader's block size; is this really a CSV file?"),
    "csv_broken": ("CSV 结构已损坏(有未闭合的引号?)", "the CSV structure is broken (an unclosed quote?)"),
    "quote_unclosed": ("有一个引号没有闭合,吞掉了其后的行",
                       "a quote is never closed and swallows the rows after it"),
    "quote_unclosed_near": ("第 {row} 行附近有一个引号没有闭合,吞掉了其后的行",
                            "a quote opened near row {row} is never closed and swallows the rows "
                            "after it"),
    "parquet_unreadable": ("不是可读的 Parquet 文件({detail})", "not a readable Parquet file ({detail})"),
    "parquet_whole": ("Parquet 文件只能整体读取,不能按字节范围分段读取",
                      "a Parquet file is read whole, not in byte ranges"),
    "unknown_kind": ("无法判断文件类型;应包含以下列:{expected};看到的表头:{seen}(可用 births:FILE 这样的前缀指定类型)",
                     "cannot tell what kind of file this is; expected the columns of {expected}; "
                     "headers seen: {seen} (a prefix such as births:FILE forces the kind)"),
    "no_header_for_kind": ("前 {lines} 行中没有列出 {kind} 文件各列的表头行;看到的表头:{seen}",
                           "no header line with the columns of a {kind} file in the first {lines} "
                           "lines; headers seen: {seen}"),
    "columns_collide": ("列 {first!r} 和 {second!r} 都对应 {column};请删去其一,或在配置文件的 [columns] 中指定",
                        "columns {first!r} and {second!r} both map to {column}; remove one or map "
                        "it in [columns] of the config"),
    "required_column": ("未找到必需的列 {column}{alias};看到的表头:{seen}",
                        "required column {column}{alias} not found; headers seen: {seen}"),
    "population_area_column": ("人口文件需要一个区划列(统计用区划代码、乡镇代码、县代码或名称);看到的表头:{seen}",
                               "a population file needs an area column (统计用区划代码, 乡镇代码, 县代码 "
                               "or names); headers seen: {seen}"),
    "report_date_column": ("period_basis = report_date 需要上报日期(report_date)列",
                           "period_basis = report_date needs a report_date (上报日期) column"),
    "needs_births": ("{kind} 文件要与出生登记对照;请同时给出出生登记",
                     "a {kind} file is measured against a births register; give one too"),
    "checked_needs_survey": ("checked: 清单须与 survey: 文件一起使用",
                             "a checked: list goes with a survey: file"),
    "checked_needs_codes": ("checked: 清单要求出生登记有村代码",
                            "a checked: list needs village codes in the register"),
    "no_data_rows": ("表头之后没有数据行", "no data rows after the header"),
    "no_usable_row": ("没有可用的行:读入 {read} 行,错误 {rejected} 行,空行或合计行 {blank} 行(见 jisheng validate)",
                      "no usable row: {read} read, {rejected} rejected, {blank} blank or totals "
                      "(see jisheng validate)"),
    # A period asked for with --year/--from/--to that holds no valid record of the main kind.
    "no_records_in_period": ("统计期 {period} 内没有记录;数据的日期为 {span}",
                             "no records in {period}; the data covers {span}"),
    "no_usable_population_row": ("没有可用的人口数行", "no usable population row"),
    "population_levels": ("人口文件必须都按同一层级(村、乡镇或县)给出,并且要么都有、要么都没有年度列",
                          "population files must all give one level (village, township or county) "
                          "and either all or none a year column"),
    "dask_unreachable": ("无法连接 {address} 上的 Dask 调度器:{detail}",
                         "cannot reach the Dask scheduler at {address}: {detail}"),
    # ---- config (exit 3) ----------------------------------------------------------------
    "config_not_found": ("找不到配置文件", "config file not found"),
    "config_is_directory": ("配置路径是目录", "config path is a directory"),
    "config_toml": ("不是有效的 TOML:{detail}", "not valid TOML: {detail}"),
    "config_unreadable": ("无法读取配置:{detail}", "cannot read config: {detail}"),
    "config_unknown_key": ("未知的键 {key!r}", "unknown key {key!r}"),
    # pydantic's own words (a wrong type, a value out of range) as `detail`, after the key.
    "config_value": ("{where}:{detail}", "{where}: {detail}"),
    # Our own validators (config.py), each with its code.
    "config_srb_range": ("{where}:应为 [下限, 上限],且下限不大于上限",
                         "{where}: must be [low, high] with low <= high"),
    "config_target_no_bound": ("{where}:目标须给出 `min`、`max` 或两者",
                               "{where}: a target needs min, max or both"),
    "config_target_reversed": ("{where}:目标的 `min` 大于 `max`",
                               "{where}: target min is greater than max"),
    "config_unknown_column": ("`[columns.{kind}]` 把 {header!r} 对应到未知的列 {column!r};已知的列:{known}",
                              "[columns.{kind}] maps {header!r} to unknown column {column!r}; "
                              "known: {known}"),
    "config_unknown_target": ("[targets] 目标表中有未知的指标 {id!r}(见 `jisheng list`)",
                              "[targets] has unknown indicator {id!r} (see `jisheng list`)"),
    # ---- outputs (exit 3) ---------------------------------------------------------------
    "cannot_write": ("无法写入:{detail}", "cannot write: {detail}"),
    "output_is_directory": ("这是目录;请给出文件名", "is a directory; give a file name"),
    # ---- the CLI's own lines ------------------------------------------------------------
    "internal": ("内部错误({name});加 --debug 重新运行可看到回溯信息",
                 "internal error ({name}); run again with --debug for the traceback"),
    "interrupted": ("已中断", "interrupted"),
    # click's own usage error (its English words in `detail`), pointing at the command's help
    "see_help": ("{detail}(见 jisheng {command} --help)", "{detail} (see: jisheng {command} --help)"),
}


def error_message(code: str, lang: str | None, **params: object) -> str:
    """The text of an error code in `lang` (zh, else English), parameters filled in."""
    return pick(ERRORS[code], lang).format(**params)


def error_line(message: str, lang: str | None) -> str:
    """`jisheng: 错误: …` / `jisheng: error: …`, as printed on stderr."""
    return f"jisheng: {pick(PREFIX, lang)}: {message}"
