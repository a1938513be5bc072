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
    "compare_needs_whole_years": (
        "--compare-previous 要求统计期为完整的统计年度(如 --year 2012,或 --from 2011-10-01 --to 2012-09-30),而不是 {period}",
        "--compare-previous needs whole statistical years (--year 2012, or --from 2011-10-01 "
        "--to 2012-09-30), not {period}"),
    "extract_alone": ("--extract 只读一份报告:不要同时给出声明文件或登记文件",
                      "--extract reads one report: give no claims file or registers with it"),
    "audit_needs_claims": ("请给出声明文件(`jisheng audit CLAIMS [FILE...]`),或用 `--extract REPORT` 从报告中提出",
                           "give a claims file (jisheng audit CLAIMS [FILE...]), or propose one "
                           "from a report with --extract REPORT"),
    "audit_stdin_twice": ("声明文件和登记文件不能都从标准输入读取",
                          "the claims file and a register cannot both be standard input"),
    "header_row_and_skip_rows": ("--header-row 与 --skip-rows 只能用其一",
                                 "use either --header-row or --skip-rows, not both"),
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
    # `first` is the earlier argument; the path printed before the message is the later one.
    "input_twice": ("与 {first} 是同一个文件,给出了两次;每个文件只需给出一次",
                    "the same file as {first}, given twice; give each file once"),
    "input_copy": ("与 {first} 的内容完全相同(同一个文件报送了两次?);请只给出其中一个",
                   "the same bytes as {first} (one file sent twice?); give only one of them"),
    # ---- inputs (exit 3) ----------------------------------------------------------------
    "no_such_file": ("文件不存在", "no such file"),
    "is_directory": ("这是目录,不是文件", "is a directory, not a file"),
    "permission_denied": ("无法读取:没有权限", "cannot read: permission denied"),
    "unreadable": ("无法读取:{detail}", "cannot read: {detail}"),
    "no_pattern_match": ("没有文件与此模式匹配", "no file matches this pattern"),
    # ---- the claims file of `jisheng audit` (docs/audit.md) ----------------------------
    "claims_unknown_column": ("声明文件的列 {column!r} 未知;可用的列:{columns}(或其中文名,见 `jisheng schema claims`)",
                              "unknown column {column!r} in the claims file; the columns are {columns} "
                              "(or their Chinese names: `jisheng schema claims`)"),
    "claims_column_twice": ("声明文件中列 {column} 出现了两次", "column {column} appears twice in the claims file"),
    "claims_missing_column": ("声明文件缺少必需的列:{columns}", "the claims file lacks the column(s) {columns}"),
    "claims_row_incomplete": ("第 {row} 行没有 {column}", "row {row} has no {column}"),
    "claims_empty": ("声明文件中没有任何声明", "the claims file holds no claim"),
    "claims_toml": ("不是可读的 TOML 声明文件:{detail}", "not a readable TOML claims file: {detail}"),
    "audit_stdin_runs": ("标准输入只能读取一次,而这些声明需要计算 {runs} 个统计期(声明的统计期或其上一年);请把登记数据存为文件再给出",
                         "standard input can be read once, but these claims need {runs} periods "
                         "computed (their own, or the year before); save the register to a file and give its name"),
    "extract_unreadable": ("无法读取报告:{detail}", "cannot read the report: {detail}"),
    "file_empty": ("文件为空", "file is empty"),
    "not_csv_zip": ("这是 zip 压缩包,不是 CSV 文本或工作簿", "this is a zip archive, not CSV text or a workbook"),
    "tar_archive": ("这是 `tar` 归档(`.tar`、`.tar.gz` 等),里面可能有多个文件;请先解开,再给出里面的文件(如 `tar -xf FILE`)",
                    "this is a tar archive (.tar, .tar.gz …), which may hold several files; "
                    "extract it first and give the files inside (`tar -xf FILE`)"),
    "not_csv_xls": ("这是旧版(97–2003)微软办公文件,但不是可读的 Excel 工作簿(可能是文字处理文档,或已损坏);请把表格另存为 xlsx 或 CSV",
                    "this is an Office 97–2003 file but not a readable Excel workbook (a Word "
                    ".doc, say, or a damaged file); save the table as .xlsx or CSV"),
    "workbook_unreadable": ("不是可读的工作簿({detail})", "not a readable workbook ({detail})"),
    "workbook_password": ("工作簿有密码保护;请在 Excel 中取消密码并保存后再读取",
                          "the workbook is password-protected; remove the password in Excel, "
                          "save, and try again"),
    "workbook_whole": ("工作簿只能整体读取,不能按字节范围分段读取",
                       "a workbook is read whole, not in byte ranges"),
    "sheet_not_found": ("工作簿中没有工作表 {sheet!r};工作表有:{sheets}(用 `FILE#名称` 或 `FILE#序号` 选择)",
                        "no sheet {sheet!r} in this workbook; its sheets: {sheets} (pick one with "
                        "FILE#name or FILE#number)"),
    "sheet_empty": ("工作表为空", "the sheet is empty"),
    "no_sheet_of_kind": ("`#*`:没有一个可见工作表的表头属于已知类型;工作表有:{sheets}",
                         "#*: no visible sheet has the header of a known kind; its sheets: {sheets}"),
    "not_csv_parquet": ("这是 Parquet 文件,不是 CSV 文本", "this is a Parquet file, not CSV text"),
    "not_csv_pdf": ("这是 PDF 文档,不是 CSV 文本", "this is a PDF document, not CSV text"),
    "nul_bytes": ("含有 NUL 字节,不是文本:是二进制文件,不是登记表导出的 CSV;请检查这个文件",
                  "contains NUL bytes and is not text: a binary file, not an exported register; "
                  "check the file"),
    "utf16_no_bom": ("每隔一个字节就是 NUL:是没有字节顺序标记的 UTF-16;请指定 `--encoding utf-16`(大端序用 `--encoding utf-16-be`)",
                     "NUL in every other byte: UTF-16 without a byte-order mark; pass `--encoding "
                     "utf-16` (`--encoding utf-16-be` if big-endian)"),
    # A text export with NUL bytes in a few rows rejects those rows (finding nul_bytes);
    # in more rows it is a damaged copy.
    "nul_bytes_row": ("超过 10 行含有 NUL 字节(第一处在第 {row} 行):是损坏的副本;请重新导出,或删去 NUL 字节:`tr -d '\\000' < 文件 > 新文件.csv`",
                      "NUL bytes in more than 10 rows (the first: row {row}): a damaged copy; "
                      "export it again, or delete the NUL bytes: `tr -d '\\000' < FILE > NEW.csv`"),
    "nul_bytes_share": ("{rows} 行中有 {count} 行含有 NUL 字节(第一处在第 {row} 行),达到 1%:是损坏的副本;请重新导出,或删去 NUL 字节:`tr -d '\\000' < 文件 > 新文件.csv`",
                        "NUL bytes in {count} of {rows} rows (the first: row {row}), 1% or more: "
                        "a damaged copy; export it again, or delete the NUL bytes: "
                        "`tr -d '\\000' < FILE > NEW.csv`"),
    "encoding_unknown": ("无法判断编码(不是 UTF-8、UTF-16 或 GB18030);请用 --encoding 指定文件的编码,如 `--encoding big5` 或 `--encoding cp1252`",
                         "cannot tell the encoding (not UTF-8, UTF-16 or GB18030); pass the "
                         "file's encoding, such as --encoding big5 or --encoding cp1252"),
    # Only a declared gb18030 gets here (a detected one decoded the sample).
    "cannot_decode": ("无法按 {encoding} 解码;请去掉 --encoding 让程序自动判断,或指定文件的编码(如 `--encoding utf-8`)",
                      "cannot decode as {encoding}; leave out --encoding to detect it, or pass "
                      "the file's encoding (such as --encoding utf-8)"),
    "cannot_decode_try_gb18030": ("无法按 {encoding} 解码;如果是 GB18030/GBK 编码,请试 --encoding gb18030",
                                  "cannot decode as {encoding}; if it is GB18030/GBK, try "
                                  "--encoding gb18030"),
    # The first rows decoded: no --encoding reads the whole file; re-saving it does.
    "mixed_encodings": ("后面有些行无法按 {encoding} 解码:是从另一种编码的文件粘贴来的,或文件在某个字符中间被截断;请把整个文件另存为同一种编码(UTF-8 或 GB18030),或重新导出",
                        "cannot decode some rows further on as {encoding}: rows pasted from a "
                        "file in another encoding, or the file cut off inside a character; save "
                        "the whole file again in one encoding (UTF-8 or GB18030), or export it "
                        "again"),
    "row_too_long": ("有一行比读取块还长;这真的是 CSV 文件吗?请检查这个文件",
                     "a single row is longer than the reader's block size; is this really a CSV "
                     "file? check the file"),
    "csv_broken": ("CSV 结构已损坏(有未闭合的引号?);请检查文件中的引号",
                   "the CSV structure is broken (an unclosed quote?); check the file's quotes"),
    "quote_unclosed": ("有一个引号没有闭合,吞掉了其后的行;请在文件中闭合或删去这个引号",
                       "a quote is never closed and swallows the rows after it; close or delete "
                       "it in the file"),
    "quote_unclosed_near": ("第 {row} 行附近有一个引号没有闭合,吞掉了其后的行;请在文件中闭合或删去这个引号",
                            "a quote opened near row {row} is never closed and swallows the rows "
                            "after it; close or delete it in the file"),
    "parquet_unreadable": ("不是可读的 Parquet 文件({detail})", "not a readable Parquet file ({detail})"),
    "parquet_whole": ("Parquet 文件只能整体读取,不能按字节范围分段读取",
                      "a Parquet file is read whole, not in byte ranges"),
    "compressed_damaged": ("{format} 压缩数据已损坏或不完整(传输或下载中断?);请重新获取该文件",
                           "the {format} data is damaged or cut off (a copy or download that "
                           "stopped?); fetch the file again"),
    "compressed_inner": ("{format} 压缩文件里还是压缩数据({inner});请先解压,再给出里面的文件",
                         "this {format} file holds compressed data again ({inner}); decompress "
                         "it first and give the file inside"),
    "zip_damaged": ("zip 压缩包已损坏或不完整;请重新获取,或解压后直接给出其中的文件",
                    "the zip archive is damaged or cut off; fetch it again, or extract it and "
                    "give its files"),
    "zip_split": ("这是分卷 zip 压缩包的一部分(.z01、.z02 …);请把各卷放在同一文件夹,用生成它的工具解压,再给出解压出的文件",
                  "this is one part of a split zip archive (.z01, .z02 …); put all parts in "
                  "one folder, extract them with the tool that made them and give the "
                  "extracted files"),
    "zip_empty": ("zip 压缩包里没有可读的文件(跳过 {skipped} 项:目录、`__MACOSX/`、隐藏文件)",
                  "the zip archive holds no file to read ({skipped} skipped: directories, "
                  "`__MACOSX/`, hidden files)"),
    "zip_no_member": ("压缩包里已没有这个文件(读取期间压缩包被改动?)",
                      "the archive no longer holds this member (was it changed while read?)"),
    "zip_encrypted": ("压缩包里的这个文件有密码;请用密码解压后给出解压出的文件",
                      "this member of the archive is encrypted; extract it with its password "
                      "and give the extracted file"),
    "zip_method": ("压缩包里的这个文件用了不支持的压缩方法({method});请解压后给出解压出的文件,或用 zip 的标准压缩方法重新打包",
                   "this member uses a compression method that cannot be read ({method}); "
                   "extract it and give the extracted file, or re-pack with standard zip "
                   "compression (Deflate)"),
    "zip_member_damaged": ("压缩包里的这个文件已损坏(校验不符或数据不完整);请重新获取压缩包",
                           "this member of the archive is damaged (bad checksum or cut off); "
                           "fetch the archive again"),
    "zip_nested": ("压缩包里又是一个 zip 压缩包;请先解压,再给出里面的 zip 或文件",
                   "a zip archive inside the archive; extract it and give the inner zip or "
                   "its files"),
    # A prefix cannot help here (no kind found enough columns), except for a checked list,
    # a kind never guessed.
    "unknown_kind": ("无法判断文件类型;应包含以下列:{expected};看到的表头:{seen}(表头在第 10 行以下时,用 --header-row N 给出它的行号;其他表头请在配置文件的 [columns.births] 等表中对应到列;抽查过的村的清单要加前缀 checked:FILE)",
                     "cannot tell what kind of file this is; expected the columns of {expected}; "
                     "headers seen: {seen} (a header below row 10 is given by its row number: "
                     "--header-row N; map other headers to columns in [columns.births] and the "
                     "like of the config; a list of checked villages needs the prefix "
                     "checked:FILE)"),
    "no_header_for_kind": ("前 {lines} 行中没有列出 {kind} 文件各列的表头行;看到的表头:{seen}(表头在更下面时,用 --header-row N 给出它的行号;其他表头请在配置文件的 `[columns.{kind}]` 中对应到列)",
                           "no header line with the columns of a {kind} file in the first {lines} "
                           "lines; headers seen: {seen} (a header further down is given by its row "
                           "number: --header-row N; map other headers to columns in "
                           "[columns.{kind}] of the config)"),
    "header_row_not_header": ("--header-row {row}:第 {row} 行不是表头(认不出足够的已知列);这一行是:{seen}",
                              "--header-row {row}: row {row} is not a header (too few known "
                              "columns); it holds: {seen}"),
    "header_row_past_end": ("--header-row {row}:文件只有 {lines} 行", "--header-row {row}: the file "
                            "has only {lines} rows"),
    "columns_collide": ("列 {first!r} 和 {second!r} 都对应 {column};请在文件中删去或改名其一,或在配置文件的 [columns] 中把其一对应到另一列",
                        "columns {first!r} and {second!r} both map to {column}; delete or rename "
                        "one in the file, or map one to another column in [columns] of the "
                        "config"),
    "required_column": ("未找到必需的列 {column}{alias};看到的表头:{seen}(如果该列用了别的表头,请在配置文件的 `[columns.{kind}]` 中对应到 {column})",
                        "required column {column}{alias} not found; headers seen: {seen} (if it "
                        "has another header, map it to {column} in [columns.{kind}] of the "
                        "config)"),
    "population_area_column": ("人口文件需要一个区划列(统计用区划代码、乡镇代码、县代码或名称);看到的表头:{seen}",
                               "a population file needs an area column (统计用区划代码, 乡镇代码, 县代码 "
                               "or names); headers seen: {seen}"),
    "report_date_column": ("period_basis = report_date 需要上报日期(report_date)列",
                           "period_basis = report_date needs a report_date (上报日期) column"),
    "needs_births": ("{kind} 文件要与出生登记对照;请同时给出出生登记",
                     "a {kind} file is measured against a births register; give one too"),
    "checked_needs_survey": ("checked: 清单须与 survey: 文件一起使用",
                             "a checked: list goes with a survey: file"),
    "women_survey_needs_women": ("women_survey: 文件要与育龄妇女信息登记对照;请同时给出育龄妇女信息登记",
                                 "a women_survey: file is matched against a women's register; "
                                 "give one too"),
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
    "config_codes_kind": ("`[codes.{kind}]`:该类文件没有可映射的代码列;可映射的类:{known}",
                          "[codes.{kind}]: this kind has no coded columns to map; kinds with coded columns: {known}"),
    "config_codes_column": ("`[codes.{kind}.{column}]`:{column!r} 不是 {kind} 的代码列;代码列:{known}",
                            "[codes.{kind}.{column}]: {column!r} is not a coded column of {kind}; coded columns: {known}"),
    "config_codes_target": ("`[codes.{kind}.{column}]` 把 {local!r} 对应到 {target!r},但该列不认识 {target!r};请写该列接受的代码(见 `jisheng schema {kind}`)",
                            "[codes.{kind}.{column}] maps {local!r} to {target!r}, which the column does not accept; map it to one of the column's codes (see `jisheng schema {kind}`)"),
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
