-- Contender (b) of benchmarks/run.py: DuckDB doing jisheng's work on a births register.
-- The row checks of docs/data.md, first-wins de-duplication on its duplicate key, then
-- the per-village counts and the policy conformance rate. contenders.py replaces @PATH@
-- (a quoted SQL string) and @AS_OF@ (YYYY-MM-DD) and runs the statements one by one,
-- split at a semicolon that ends a line, so no comment here ends a line with one.
--
-- Written the way a careful SQL user would: a literal fast path for the common codes and
-- ISO dates, the general patterns only for the rest. Not modelled, because the generated
-- file never has them: NFKC folding of full-width text, times after dates, and the
-- id_maybe_precision_lost rule (an ID ending in 000 that matches no other row).

SET enable_progress_bar = false;
-- First wins needs file order. DuckDB documents (SQL dialect, "Order Preservation") that a
-- scan of one file filtered and projected keeps the file's row order, and that a table
-- created from it keeps that order in its rowid while this setting is on (the default):
-- set it anyway, so the guarantee does not rest on a default. read_csv(parallel = false)
-- with row_number() OVER () would also be file order, but parses on one thread.
SET preserve_insertion_order = true;

-- jisheng's code key: "1.0" and "01" are 1, text is compared in lower case.
CREATE MACRO code_key(s) AS CASE
    WHEN regexp_full_match(s, '\+?[0-9]+(\.0*)?')
        THEN CAST(TRY_CAST(regexp_extract(s, '[0-9]+') AS HUGEINT) AS VARCHAR)
    ELSE lower(s) END;

CREATE MACRO sex_code(s) AS CASE s WHEN '男' THEN 1 WHEN '女' THEN 2 WHEN '1' THEN 1 WHEN '2' THEN 2
    ELSE CASE code_key(s)
        WHEN '1' THEN 1 WHEN '男' THEN 1 WHEN '男性' THEN 1 WHEN 'm' THEN 1 WHEN 'male' THEN 1
        WHEN '2' THEN 2 WHEN '女' THEN 2 WHEN '女性' THEN 2 WHEN 'f' THEN 2 WHEN 'female' THEN 2
        WHEN '0' THEN 0 WHEN '9' THEN 0 WHEN '未知' THEN 0 WHEN '未知的性别' THEN 0
        WHEN '未说明' THEN 0 WHEN '未说明的性别' THEN 0
    END END;

CREATE MACRO policy_code(s) AS CASE s WHEN '政策内' THEN true WHEN '政策外' THEN false
    ELSE CASE code_key(s)
        WHEN '政策内' THEN true WHEN '计划内' THEN true WHEN '符合' THEN true
        WHEN '符合政策' THEN true WHEN '是' THEN true WHEN 'y' THEN true WHEN 'yes' THEN true
        WHEN '1' THEN true WHEN 'in' THEN true WHEN 'true' THEN true
        WHEN '政策外' THEN false WHEN '计划外' THEN false WHEN '不符合' THEN false
        WHEN '不符合政策' THEN false WHEN '否' THEN false WHEN 'n' THEN false WHEN 'no' THEN false
        WHEN '0' THEN false WHEN 'out' THEN false WHEN 'false' THEN false
    END END;

CREATE MACRO any_order(s) AS coalesce(
    TRY_CAST(regexp_extract(s, '^第?\s*([+-]?[0-9]+)(\.0*)?\s*[孩胎]?$', 1) AS INTEGER),
    MAP {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
         '十': 10, '十一': 11, '十二': 12, '十三': 13, '十四': 14, '十五': 15, '十六': 16,
         '十七': 17, '十八': 18, '十九': 19, '二十': 20, '两': 2}
        [regexp_replace(s, '^第\s*|\s*[孩胎]$', '', 'g')]);

CREATE MACRO order_code(s) AS CASE s WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3
    ELSE CASE WHEN any_order(s) BETWEEN 1 AND 20 THEN any_order(s) END END;

-- The date styles of docs/data.md. All-digit cells: 8 digits are YYYYMMDD, up to 7 a serial.
CREATE MACRO parse_day(s) AS CASE
    WHEN length(s) = 10 AND s[5] = '-' AND s[8] = '-' THEN TRY_CAST(s AS DATE)
    WHEN s = '' THEN NULL
    WHEN regexp_full_match(s, '[0-9]{8}') THEN CAST(try_strptime(s, '%Y%m%d') AS DATE)
    WHEN regexp_full_match(s, '[0-9]{1,7}(\.[0-9]*)?') THEN CASE
        WHEN CAST(split_part(s, '.', 1) AS INTEGER) BETWEEN 61 AND 2958465
            THEN DATE '1899-12-30' + CAST(split_part(s, '.', 1) AS INTEGER) END
    ELSE CAST(try_strptime(s, ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日',
                                '%Y年%m月%d号', '%Y年%m月%d']) AS DATE) END;

CREATE MACRO in_range(d) AS d BETWEEN DATE '1950-01-01' AND DATE '@AS_OF@';

-- Parse and check every row in one parallel pass. The table keeps file order in rowid
-- (see preserve_insertion_order above), which is what "first wins" needs. A
-- row_number() window would run the whole pass on one thread.
CREATE TEMP TABLE checked AS
WITH cells AS (
    SELECT trim(coalesce("统计用区划代码", '')) AS village,
           upper(trim(coalesce("母亲身份证号", ''))) AS id,
           parse_day(trim(coalesce("婴儿出生日期", ''))) AS born,
           sex_code(trim(coalesce("婴儿性别", ''))) AS sex,
           order_code(trim(coalesce("孩次", ''))) AS ord,
           policy_code(trim(coalesce("政策属性", ''))) AS policy,
           trim(coalesce("上报日期", '')) AS reported
    FROM read_csv(@PATH@, header = true, all_varchar = true)
), ids AS (
    SELECT *,
           -- 18 characters, or a legacy 15-digit number upgraded with "19" before the year
           TRY_CAST(CASE
               WHEN regexp_full_match(id, '[0-9]{17}[0-9X]') THEN id[1:17]
               WHEN regexp_full_match(id, '[0-9]{15}') THEN id[1:6] || '19' || id[7:15]
           END AS BIGINT) AS k
    FROM cells
)
SELECT village, k, born, sex, ord, policy,
       regexp_full_match(village, '[0-9]{12}')
       AND k IS NOT NULL
       -- the holder's birth date inside the number must be a real date
       AND try_strptime(CAST(k // 1000 % 100000000 AS VARCHAR), '%Y%m%d') IS NOT NULL
       AND k // 10000000 % 10000 BETWEEN 1800 AND 2099
       -- MOD 11-2: the weighted sum of the 17 digits of k (weights 7 9 10 5 8 4 2 1 6 3 ...)
       AND (length(id) = 15
            OR (12 - ((k // 10000000000000000 % 10) * 7 + (k // 1000000000000000 % 10) * 9
                      + (k // 100000000000000 % 10) * 10 + (k // 10000000000000 % 10) * 5
                      + (k // 1000000000000 % 10) * 8 + (k // 100000000000 % 10) * 4
                      + (k // 10000000000 % 10) * 2 + (k // 1000000000 % 10) * 1
                      + (k // 100000000 % 10) * 6 + (k // 10000000 % 10) * 3
                      + (k // 1000000 % 10) * 7 + (k // 100000 % 10) * 9
                      + (k // 10000 % 10) * 10 + (k // 1000 % 10) * 5
                      + (k // 100 % 10) * 8 + (k // 10 % 10) * 4 + (k % 10) * 2) % 11) % 11
               = CASE WHEN id[18] = 'X' THEN 10 ELSE TRY_CAST(id[18] AS INTEGER) END)
       AND born IS NOT NULL AND in_range(born)
       AND sex IS NOT NULL AND ord IS NOT NULL AND policy IS NOT NULL
       AND (reported = '' OR coalesce(in_range(parse_day(reported)), false)) AS ok
FROM ids;

-- First wins: among the valid rows sharing the key of docs/data.md "Duplicates" (mother ID
-- upgraded to 18 digits, birth date, birth order, sex), the values of the row with the
-- smallest rowid (the earliest in file order) count. arg_min in a parallel hash GROUP BY
-- does it in one pass, with no sort and no window.
CREATE TEMP TABLE per_village AS
WITH kept AS (
    SELECT arg_min(village, rowid) AS village, arg_min(policy, rowid) AS policy, sex, ord
    FROM checked WHERE ok
    GROUP BY k, born, ord, sex
)
SELECT village,
       count(*) AS births,
       count(*) FILTER (WHERE sex = 1) AS male,
       count(*) FILTER (WHERE sex = 2) AS female,
       count(*) FILTER (WHERE policy) AS in_policy,
       count(*) FILTER (WHERE NOT policy AND ord >= 3) AS out_multi,
       100.0 * count(*) FILTER (WHERE policy) / count(*) AS policy_conformance_rate
FROM kept GROUP BY village;
