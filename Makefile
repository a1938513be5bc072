PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench bench-workbook schemas readme clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

SAMPLE := sample_data/births.csv sample_data/fees.csv survey:sample_data/survey.csv \
	checked:sample_data/checked.csv sample_data/population.csv sample_data/women.csv \
	sample_data/procedures.csv women_survey:sample_data/women_survey.csv

# The five statistical years of sample_data/trend/ (README "Report").
TREND := sample_data/trend/births.csv sample_data/trend/population.csv

demo: $(STAMP)
	COLUMNS=$${COLUMNS:-120} $(BIN)/jisheng indicators $(SAMPLE) \
		--config sample_data/jisheng.toml --year 2012 --by township --format table \
		--as-of 2026-11-22
	$(BIN)/jisheng report $(TREND) --config sample_data/trend/jisheng.toml --by township \
		--as-of 2026-11-22 --quiet -o report.html
	$(BIN)/jisheng report $(TREND) --config sample_data/trend/jisheng.toml --by township \
		--as-of 2026-11-22 --quiet --lang en -o report-en.html
	@echo "The five-year sample's report: $(CURDIR)/report.html (English: report-en.html)"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks sample_data scripts
	$(BIN)/python -m jisheng_cli.kernel  # compile the kernels into the cache once, not per worker
	$(BIN)/pytest -n 2

lint: test
	$(BIN)/mypy

readme: $(STAMP)
	$(BIN)/python scripts/update_readme.py

# docs/report.png, the README's picture of the trend sample's report (needs chromium).
.PHONY: screenshot
screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot.py

schemas: $(STAMP)
	$(BIN)/jisheng schema --write schemas

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# A full 1,048,576-row sheet under /usr/bin/time -v (docs/benchmarks.md, Workbooks).
bench-workbook: $(STAMP)
	$(BIN)/python benchmarks/workbook_memory.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
